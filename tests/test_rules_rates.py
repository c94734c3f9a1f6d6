"""rules.md §2: every rate, with the seed figures it cites."""
from decimal import Decimal as D

import pytest

from xlperf.rules.numbers import fmt_percent
from xlperf.rules.rates import RATES, change_rate, rate_def, ratio


def test_zero_or_blank_denominator_gives_no_rate():
    assert ratio(D(1), D(0)) is None
    assert ratio(D(1), None) is None
    assert ratio(None, D(5)) is None
    assert change_rate(D(5), D(0)) is None


def test_seed_002_staff_control_rate():
    assert fmt_percent(rate_def("在职人员控制率").compute(D(74), D(83))) == "89.16%"


def test_seed_002_three_public_expenses_change_rate():
    r = rate_def("三公经费变动率").compute(D(60158), D(99898))
    assert fmt_percent(r) == "-39.78%"


def test_seed_004_three_public_expenses_control_rate():
    assert rate_def("三公经费控制率").compute(D(2), D(4)) == D("0.5")


def test_seed_003_share_and_growth():
    assert fmt_percent(rate_def("占比").compute(D("1381.65"), D("3699.77"))) == "37.34%"
    assert fmt_percent(rate_def("增减率").compute(D("3699.77"), D("2952.60"))) == "25.31%"


def test_seed_002_execution_rate_uses_adjusted_budget_not_initial():
    r = rate_def("预算执行率").compute(D("1696.51"), D("1715.12"))
    assert fmt_percent(r) == "98.91%"
    assert fmt_percent(ratio(D("1696.51"), D("979.39"))) != "98.91%"


def test_seed_000_spending_rate():
    assert fmt_percent(rate_def("支出率").compute(D(7801800), D(8180000))) == "95.38%"
    assert fmt_percent(rate_def("支出率").compute(D(875770), D(1027600))) == "85.22%"


@pytest.mark.parametrize("rate", RATES, ids=lambda r: r.name)
def test_every_rate_of_section_2(rate):
    a, b = D(45), D(60)
    expected = a / b if rate.kind == "ratio" else (a - b) / b
    assert rate.compute(a, b) == expected
    assert rate.compute(a, D(0)) is None
    assert rate_def(rate.name) is rate
    for alias in rate.aliases:
        assert rate_def(alias) is rate
