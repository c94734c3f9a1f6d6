"""rules.md §3: self-evaluation scoring (执行率, quantitative, qualitative, totals, grade)."""
from decimal import Decimal as D

import pytest

from xlperf.rules import (
    ACHIEVED,
    FAILED,
    PARTIAL,
    QUALITATIVE,
    QUANTITATIVE,
    evaluate_indicator,
    exec_score,
    grade,
    in_band,
    infer_tier,
    parse_target,
    parse_tier,
    quantize,
    rollup_ok,
    tier_band,
)
from xlperf.rules.indicators import FORWARD, INCOMPLETE, REVERSE
from xlperf.rules.totals import MISMATCH, compare_sum


def score(target, actual, w, rule="ratio"):
    r = evaluate_indicator(target, actual, D(w), reverse_rule=rule)
    assert r.kind == QUANTITATIVE
    return quantize(r.score, 2)


def test_seed_002_exec_score():
    assert quantize(exec_score(D("1696.51"), D("1715.12"), D(10)), 2) == D("9.89")


def test_over_execution_earns_nothing_extra():
    assert exec_score(D(120), D(100), D(10)) == D(10)
    assert exec_score(D(1), D(0), D(10)) is None


@pytest.mark.parametrize("target, actual, w, expected", [
    ("≥98%", "100%", 5, "5.00"),
    ("≥6000", "6000", 5, "5.00"),
    ("≥6000", "5400", 5, "4.50"),
    ("100%", "95.38%", 10, "9.54"),
    ("≤10个工作日", "12个工作日", 5, "4.17"),
])
def test_rules_md_vectors(target, actual, w, expected):
    assert score(target, actual, w) == D(expected)


def test_reverse_linear_rule():
    assert score("≤10个工作日", "12个工作日", 5, "linear") == D("4.00")
    assert score("≤10", "25", 5, "linear") == D("0.00")


@pytest.mark.parametrize("text, direction", [
    ("≥98%", FORWARD), (">95%", FORWARD), ("不低于90%", FORWARD), ("不少于6000人", FORWARD),
    ("6000人以上", FORWARD), ("至少3次", FORWARD), ("100%", FORWARD), ("12", FORWARD),
    ("≤10个工作日", REVERSE), ("<5%", REVERSE), ("不高于3%", REVERSE), ("不超过218万元", REVERSE),
    ("3个工作日以内", REVERSE), ("5%以下", REVERSE), ("控制在4.5%", REVERSE), ("0起", REVERSE),
    ("≤0", REVERSE), ("=100%", "equal"), ("≧98％", FORWARD), ("完成率≥95%", FORWARD),
])
def test_direction_from_target_text(text, direction):
    t = parse_target(text)
    assert t.is_quantitative
    assert t.direction == direction


@pytest.mark.parametrize("text", ["有所提升", "保障职工利益", "2024年10月完成支付", "百分比", "持续加强"])
def test_qualitative_targets(text):
    assert not parse_target(text).is_quantitative


def test_equal_scores_as_forward():
    assert score("=100%", "100%", 5) == D(5)
    assert score("=100%", "90%", 5) == D("4.50")


def test_zero_targets():
    assert score("≥0", "0", 5) == D(5)
    assert score("0起", "0起", 5) == D(5)
    assert score("0起", "1起", 5) == D(0)
    assert score("≤0", "2", 5) == D(0)


def test_units_must_agree_percent_against_bare_actual():
    assert score("≥98%", "100", 5) == D(5)       # 100 read as 100%
    assert score("≥98%", "0.9", 5) == D("4.59")   # 0.9 read as 90%
    assert score("≥90", "95%", 10) == D(10)


def test_count_target_against_text_actual_is_qualitative():
    r = evaluate_indicator("≥6000", "已完成", D(5))
    assert r.kind == QUALITATIVE and r.tier == ACHIEVED


def test_over_completion_flag():
    assert evaluate_indicator("≥10场", "12场", D(5)).over_target
    assert not evaluate_indicator("≥10场", "11场", D(5)).over_target
    assert not evaluate_indicator("≤10", "20", D(5)).over_target


def test_scores_never_exceed_weight():
    assert score("≥10", "1000", 5) == D(5)


def test_blank_target_or_actual_is_incomplete():
    assert evaluate_indicator("≥98%", None, D(5)).kind == INCOMPLETE
    assert evaluate_indicator(None, "100%", D(5)).kind == INCOMPLETE
    assert evaluate_indicator("≥98%", "**", D(5)).kind == INCOMPLETE


@pytest.mark.parametrize("tier, low, high", [
    (ACHIEVED, "8", "10"), (PARTIAL, "6", "8"), (FAILED, "0", "6"),
])
def test_tier_bands(tier, low, high):
    lo, hi, _ = tier_band(tier, D(10))
    assert (lo, hi) == (D(low), D(high))


def test_band_edges():
    assert in_band(D(8), ACHIEVED, D(10)) and in_band(D(10), ACHIEVED, D(10))
    assert not in_band(D(8), PARTIAL, D(10)) and in_band(D(6), PARTIAL, D(10))
    assert not in_band(D(6), FAILED, D(10)) and in_band(D(0), FAILED, D(10))
    assert not in_band(D("7.9"), ACHIEVED, D(10))


@pytest.mark.parametrize("text, tier", [
    ("提升", ACHIEVED), ("有所提高", ACHIEVED), ("效果显著", ACHIEVED), ("是", ACHIEVED),
    ("不断提升", ACHIEVED), ("基本完成", PARTIAL), ("部分完成", PARTIAL), ("未完成", FAILED),
    ("没有改善", FAILED), ("尚未实施", FAILED), ("效果不明显", FAILED), ("另行说明", None),
])
def test_tier_inference_from_actual(text, tier):
    assert infer_tier(text) == tier


def test_tier_column_wins_over_inference_and_blank_achieved_score_is_weight():
    r = evaluate_indicator("有所提升", "提升", D(10), tier_raw="部分达成年度指标并具有一定效果")
    assert r.tier == PARTIAL and r.score is None and not r.tier_inferred
    r = evaluate_indicator("有所提升", "提升", D(10))
    assert r.tier == ACHIEVED and r.score == D(10) and r.tier_inferred
    assert parse_tier("达成") == ACHIEVED and parse_tier("未达成") == FAILED
    assert parse_tier("部分达成") == PARTIAL and parse_tier("优") is None


def test_unknown_tier():
    r = evaluate_indicator("有所提升", "见附件", D(10))
    assert r.kind == QUALITATIVE and r.tier is None and r.score is None


@pytest.mark.parametrize("s, g", [
    (D(100), "优"), (D(90), "优"), (D("89.99"), "良"), (D(80), "良"),
    (D("79.99"), "中"), (D(60), "中"), (D("59.99"), "差"), (D(0), "差"),
])
def test_grade_bands(s, g):
    assert grade(s) == g


def test_seed_001_claimed_99_over_rows_worth_87():
    rows = [5, 5, 5, 5, 5, 5, 5, 4, 5, 5, 10, 9, 9]
    total = D(10) + sum(D(r) for r in rows)  # 预算执行率 10 + indicator scores
    assert total == D(87)
    assert compare_sum(D(99), [D(10)] + [D(r) for r in rows]) == MISMATCH


def test_seed_001_met_targets_scored_below_weight():
    # 高质量完成 100% of 100% scored 4 of 5; 服务对象满意度 98% vs ≥90% scored 9 of 10
    assert score("100%", "100%", 5) == D(5)
    assert score("≥90%", "98%", 10) == D(10)


def test_weight_roll_up():
    assert rollup_ok(D(50), [D(5)] * 10)
    assert not rollup_ok(D(50), [D(5)] * 9)
    assert rollup_ok(D(100), [D(10), D(50), D(30), D(10)])
