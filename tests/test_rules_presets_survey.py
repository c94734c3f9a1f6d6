"""rules.md §4 (评分表 presets) and §5 (questionnaire)."""
from decimal import Decimal as D

import pytest

from xlperf.rules import count_elements, find_preset, grade, question_result, satisfaction_rate, variant
from xlperf.settings import DEFAULT


def preset_score(name, value, w):
    p = find_preset(name)
    assert p is not None, name
    return p.score(D(value), D(w))


def test_seed_004_vectors():
    assert preset_score("在职人员控制率", D(43) / D(44), 2) == D(2)
    assert preset_score("编制人员控制率", D(43) / D(44), 2) == D(2)
    assert preset_score("重点支出安排率", "0.8967", 2) == D(2)
    assert preset_score("预算调整率", "0", 2) == D(2)
    assert preset_score("“三公”经费控制率", "0.5", 1) == D(0)
    assert preset_score("项目资金结余率", "0", 1) == D(1)
    assert preset_score("政府采购执行率", "1", 2) == D(2)
    assert preset_score("要素核查", D(2) / D(4), 2) == D(1)


def test_seed_004_total_97_is_excellent():
    # 决策 14 + 过程 22 + 产出 33 + 效益 28 (seed 004 表4)
    assert grade(D(14 + 22 + 33 + 28)) == "优"


@pytest.mark.parametrize("rate, expected", [
    ("1.01", "0"), ("1", "2"), ("0", "2"),
])
def test_staff_control(rate, expected):
    assert preset_score("在职人员控制率", rate, 2) == D(expected)


@pytest.mark.parametrize("rate, expected", [
    ("0.80", "2"), ("0.75", "1.5"), ("0.7550", "1.5"), ("0.7551", "1.6"), ("0.60", "0"),
    ("0.5999", "0"), ("0.95", "2"),
])
def test_key_spending_rate_deducts_per_rounded_point(rate, expected):
    assert preset_score("重点支出安排率", rate, 2) == D(expected)


@pytest.mark.parametrize("rate, expected", [
    ("0.03", "1.4"), ("-0.03", "1.4"), ("0.10", "0"), ("0.11", "0"), ("0.004", "2"),
])
def test_budget_adjustment(rate, expected):
    assert preset_score("预算调整率", rate, 2) == D(expected)


@pytest.mark.parametrize("rate, expected", [
    ("0.7", "1"), ("1", "1"), ("1.05", "0.5"), ("1.10", "0"), ("1.11", "0"), ("0.69", "0"),
])
def test_three_public_expenses(rate, expected):
    assert preset_score("三公经费控制率", rate, 1) == D(expected)


@pytest.mark.parametrize("rate, expected", [
    ("0.995", "4"), ("0.90", "4"), ("0.85", "3"), ("0.70", "0"), ("0.69", "0"),
])
def test_satisfaction_preset(rate, expected):
    assert preset_score("服务对象满意度", rate, 4) == D(expected)


def test_proportional_and_checklist_presets():
    assert preset_score("基本支出预算执行率", "0.95", 3) == D("2.85")
    assert preset_score("政府采购执行率", "1.2", 2) == D(2)
    assert preset_score("要素核查", D(3) / D(5), 2) == D("1.2")


def test_a_province_variant_is_data_not_code():
    base = find_preset("在职人员控制率")
    strict = variant(base, above_step=D("0.5"))
    assert strict.score(D("1.03"), D(2)) == D("0.5")
    assert base.score(D("1.03"), D(2)) == D(0)
    custom = DEFAULT.__class__(presets=(strict,) + DEFAULT.presets[1:])
    assert custom.preset("在职人员控制率").score(D("1.02"), D(2)) == D(1)


def test_scores_are_clamped():
    assert preset_score("重点支出安排率", "0.61", 1) == D(0)


def test_count_elements():
    assert count_elements("①是否…；②是否…；③是否…。") == 3
    assert count_elements("得分=预算执行率×分值。") == 0


def test_seed_004_questionnaire():
    counts = [[6, 0, 0, 0]] * 2 + [[5, 1, 0, 0]] + [[6, 0, 0, 0]] * 7
    points = [D(p) for _, p in DEFAULT.survey_points]
    rate = satisfaction_rate(counts, points, respondents=6)
    assert rate == D("0.995")  # 597 / 600
    assert preset_score("服务对象满意度", rate, 4) == D(4)
    q3 = question_result([5, 1, 0, 0], points, 6)
    assert q3.points == D(57) and q3.answered == 6
    assert [round(s * 100, 2) for s in q3.shares[:2]] == [D("83.33"), D("16.67")]


def test_questionnaire_without_stated_respondents():
    assert satisfaction_rate([[1, 1, 0, 0]], [10, 7, 4, 0]) == D("0.85")
    assert satisfaction_rate([], [10, 7, 4, 0]) is None
