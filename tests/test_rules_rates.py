"""rules.md §2: every rate, with the seed figures it cites."""
from decimal import Decimal as D

from xlperf.rules.numbers import fmt_percent
from xlperf.rules.rates import change_rate, ratio


def test_zero_or_blank_denominator_gives_no_rate():
    assert ratio(D(1), D(0)) is None
    assert ratio(D(1), None) is None
    assert ratio(None, D(5)) is None
    assert change_rate(D(5), D(0)) is None


def test_seed_002_staff_control_rate():
    assert fmt_percent(ratio(D(74), D(83))) == "89.16%"  # 在职人员控制率 = 实际在职人数 ÷ 编制数


def test_seed_002_three_public_expenses_change_rate():
    assert fmt_percent(change_rate(D(60158), D(99898))) == "-39.78%"  # 三公经费变动率


def test_seed_004_three_public_expenses_control_rate():
    assert ratio(D(2), D(4)) == D("0.5")  # 三公经费控制率 = 实际支出数 ÷ 预算安排数


def test_seed_003_share_and_growth():
    assert fmt_percent(ratio(D("1381.65"), D("3699.77"))) == "37.34%"  # 占比
    assert fmt_percent(change_rate(D("3699.77"), D("2952.60"))) == "25.31%"  # 增减率


def test_seed_002_execution_rate_uses_adjusted_budget_not_initial():
    r = ratio(D("1696.51"), D("1715.12"))  # 预算执行率 = 全年执行数 ÷ 全年预算数
    assert fmt_percent(r) == "98.91%"
    assert fmt_percent(ratio(D("1696.51"), D("979.39"))) != "98.91%"


def test_seed_000_spending_rate():
    assert fmt_percent(ratio(D(7801800), D(8180000))) == "95.38%"  # 支出率 = 实际支出 ÷ 实际到账
    assert fmt_percent(ratio(D(875770), D(1027600))) == "85.22%"


def test_ratio_and_change_rate_of_section_2():
    a, b = D(45), D(60)
    assert ratio(a, b) == a / b and change_rate(a, b) == (a - b) / b
    assert ratio(a, D(0)) is None and change_rate(a, D(0)) is None
