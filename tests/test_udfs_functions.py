"""Each XP_* function returns what the engine returns for the same inputs."""
from decimal import Decimal as D

import pytest

from udfs import (
    XP_CHANGE_RATE,
    XP_EXEC_SCORE,
    XP_GRADE,
    XP_IND_SCORE,
    XP_NUM,
    XP_PRESET_SCORE,
    XP_QUAL_BAND,
    XP_RATE,
    XP_SATISFACTION,
    XP_SUM_CHECK,
)
from xlperf import rules
from xlperf.rules.numbers import convert_money
from xlperf.rules.totals import sum_note


def test_rate():
    assert XP_RATE(74, 83) == float(rules.ratio(D(74), D(83)))
    assert XP_RATE("７４", "８３人") == float(rules.ratio(D(74), D(83)))
    assert XP_RATE(1, 0) == "" and XP_RATE(1, None) == ""
    assert "不是数字" in XP_RATE("abc", 1)


def test_change_rate():
    assert XP_CHANGE_RATE(60158, 99898) == float(rules.change_rate(D(60158), D(99898)))
    assert XP_CHANGE_RATE(5, 0) == ""


def test_exec_score():
    assert XP_EXEC_SCORE(1696.51, 1715.12) == 9.89
    assert XP_EXEC_SCORE(1696.51, 1715.12, 20) == float(
        rules.quantize(rules.exec_score(D("1696.51"), D("1715.12"), D(20)), 2))
    assert "为空" in XP_EXEC_SCORE(None, 100)


@pytest.mark.parametrize("target, actual, w, rule", [
    ("≥98%", "100%", 5, "ratio"), ("≥6000", "5400", 5, "ratio"), ("100%", "95.38%", 10, "ratio"),
    ("≤10个工作日", "12个工作日", 5, "ratio"), ("≤10个工作日", "12个工作日", 5, "linear"),
    ("≥６０００", 5400.0, 5.0, None),
])
def test_indicator_score(target, actual, w, rule):
    engine = rules.evaluate_indicator(target, actual, D(str(w)), reverse_rule=rule or "ratio")
    assert XP_IND_SCORE(target, actual, w, rule) == float(rules.quantize(engine.score, 2))


def test_indicator_score_texts():
    assert "定性" in XP_IND_SCORE("有所提升", "提升", 10)
    assert "为空" in XP_IND_SCORE("≥98%", None, 5)
    assert "ratio" in XP_IND_SCORE("≥98%", "90%", 5, "other")


def test_qual_band():
    assert XP_QUAL_BAND("达成年度指标", 10) == "8.00–10.00"
    assert XP_QUAL_BAND("部分达成", 5) == "3.00–4.00"
    assert XP_QUAL_BAND("未达成年度指标且效果较差", 10) == "0.00–6.00"
    assert "档次" in XP_QUAL_BAND("优", 10)


def test_preset_score():
    assert XP_PRESET_SCORE("三公经费控制率", 0.5, 1) == 0.0
    assert XP_PRESET_SCORE("重点支出安排率", 0.75, 2) == float(
        rules.find_preset("重点支出安排率").score(D("0.75"), D(2)))
    assert "没有" in XP_PRESET_SCORE("不存在的规则", 0.5, 1)


def test_satisfaction_shapes():
    rows = [[6, 0, 0, 0]] * 2 + [[5, 1, 0, 0]] + [[6, 0, 0, 0]] * 7
    expected = float(rules.satisfaction_rate(rows, [10, 7, 4, 0]))
    assert XP_SATISFACTION(rows) == expected == 0.995
    column = [[c] for row in rows for c in row]  # one column, four rows a question
    assert XP_SATISFACTION(column) == expected
    transposed = [list(col) for col in zip(*rows)]  # questions in columns
    assert XP_SATISFACTION(transposed) == expected
    assert XP_SATISFACTION([[1, None, 0, 0]], [10, 7, 4, 0]) == 1.0  # empty cell counts 0
    assert XP_SATISFACTION([[1, 1]], [[10, 0]]) == 0.5
    assert "非负整数" in XP_SATISFACTION([[1.5, 0, 0, 0]])


def test_grade():
    assert [XP_GRADE(s) for s in (97, 85, 60, 59.99)] == ["优", "良", "中", "差"]
    assert "0–100" in XP_GRADE(120)


def test_num():
    assert XP_NUM("８,４２２,９００.００元", "万元") == float(convert_money(
        rules.read_number("8,422,900.00元"), "万元"))
    assert XP_NUM("98.91%") == 0.9891
    assert "小数点" in XP_NUM("5407.7539.59元")
    assert "占位符" in XP_NUM("**万元")
    assert XP_NUM(None) == "空白"


def test_sum_check():
    items = [1937, 292.8, 74.57, 163.28, 20.12, 49.72, 6, 1.3, 35.2]
    assert XP_SUM_CHECK(2579.99, items) == ""
    note = XP_SUM_CHECK(2579.98, [[i] for i in items])
    assert note == sum_note(D("2579.98"), [D(str(i)) for i in items])[1]
    assert "误差以内" in note
    assert "不符" in XP_SUM_CHECK(99, [10, 5, 5, 5, 5, 5, 5, 5, 4, 5, 5, 10, 9, 9])
