"""rules.md §1: numbers and units."""
from decimal import Decimal as D

import pytest

from xlperf.rules.numbers import (
    BAD,
    BLANK,
    NA,
    NUMBER,
    PLACEHOLDER,
    TEXT,
    convert_money,
    quantize,
    read_number,
)
from xlperf.rules.rates import DIFFERENT, EQUAL, LAST_PLACE, compare_rate
from xlperf.rules.totals import EXACT, MISMATCH, WITHIN_TOLERANCE, compare_sum


@pytest.mark.parametrize("text, value, unit", [
    ("8,422,900.00", D("8422900.00"), ""),          # seed 004 thousands separators
    ("８，４２２，９００．００", D("8422900.00"), ""),   # full-width forms
    ("１２３．５", D("123.5"), ""),
    ("98.91%", D("0.9891"), "%"),
    ("９８．９１％", D("0.9891"), "%"),
    ("6847.87万元", D("6847.87"), "万元"),
    ("60158元", D("60158"), "元"),
    ("6000份", D("6000"), "份"),
    ("23 份", D("23"), "份"),
    ("12个工作日", D("12"), "个工作日"),
    ("1681人次", D("1681"), "人次"),
    ("0起", D("0"), "起"),
    ("5‰", D("0.005"), "‰"),
    ("1万个", D("10000"), "个"),
    ("-39,740", D("-39740"), ""),
    ("－39.78％", D("-0.3978"), "%"),
    ("1200元/人", D("1200"), "元/人"),
])
def test_figures_with_units_and_full_width_forms(text, value, unit):
    r = read_number(text)
    assert r.kind == NUMBER
    assert r.value == value
    assert r.unit == unit


def test_seed_000_malformed_money_is_bad_number_not_guessed():
    r = read_number("5407.7539.59元")
    assert r.kind == BAD and r.value is None
    assert "小数点" in r.reason
    assert read_number("5324.059.19元").kind == BAD


@pytest.mark.parametrize("text", ["12a3", "1O0", "元", "万元", "%", "1,2"])
def test_letters_in_digits_lone_units_and_bad_grouping_are_bad(text):
    assert read_number(text).kind == BAD


@pytest.mark.parametrize("text", ["**", "*", "xx", "XX", "待填", "???", "**万元", "共计**万元", "xx人"])
def test_placeholders_are_not_numbers(text):
    r = read_number(text)
    assert r.kind == PLACEHOLDER and r.value is None


@pytest.mark.parametrize("text", ["—", "-", "/", "无", "——"])
def test_seed_001_dash_means_not_applicable(text):
    assert read_number(text).kind == NA


@pytest.mark.parametrize("raw", [None, "", "   ", "\u3000"])
def test_blank(raw):
    assert read_number(raw).kind == BLANK


@pytest.mark.parametrize("text", ["有所提升", "2024年10月完成支付", "保障职工利益", "高质量完成"])
def test_text_is_text(text):
    assert read_number(text).kind == TEXT


def test_cell_numbers_keep_their_shown_precision():
    assert read_number(0.9891).value == D("0.9891")
    assert read_number(0.9891).places == 4
    assert read_number(1715.12).value == D("1715.12")
    assert read_number(199.0).value == D("199")
    assert read_number(D("9.89")).places == 2
    assert read_number(True).kind == TEXT


def test_money_units_convert_to_the_column_unit():
    assert convert_money(read_number("8,422,900.00元"), "万元") == D("842.29")
    assert convert_money(read_number("842.29"), "万元") == D("842.29")


def test_rounding_is_half_up():
    assert quantize(D("9.885"), 2) == D("9.89")
    assert quantize(D("4.165"), 2) == D("4.17")
    assert quantize(D("-0.005"), 2) == D("-0.01")
    assert quantize(D("0.98915"), 4) == D("0.9892")


def test_seed_004_stated_rate_truncated_is_one_unit_in_last_place():
    # 43/44 = 97.727…% is 97.73% rounded half up; the seed states 97.72%
    assert compare_rate(read_number("97.72%"), D(43) / D(44)) == LAST_PLACE
    assert compare_rate(read_number("97.73%"), D(43) / D(44)) == EQUAL
    assert compare_rate(read_number("97.5%"), D(43) / D(44)) == DIFFERENT


def test_seed_002_stated_rates_agree_at_stated_precision():
    assert compare_rate(read_number("98.91%"), D("1696.51") / D("1715.12")) == EQUAL
    assert compare_rate(read_number("89.16%"), D(74) / D(83)) == EQUAL
    assert compare_rate(read_number(0.8916), D(74) / D(83)) == EQUAL  # a percent-formatted cell
    assert compare_rate(read_number(74 / 83), D(74) / D(83)) == EQUAL  # a live formula's value


def test_seed_000_nine_rounded_items_within_tolerance():
    items = [D(x) for x in ["1937", "292.8", "74.57", "163.28", "20.12", "49.72", "6", "1.3", "35.2"]]
    assert sum(items) == D("2579.99")
    assert compare_sum(D("2579.98"), items) == WITHIN_TOLERANCE
    assert compare_sum(D("2579.99"), items) == EXACT
    assert compare_sum(D("2579.00"), items) == MISMATCH


def test_seed_003_final_accounts_lines_add_up():
    items = [D(x) for x in ["1000", "511.68", "4.2", "90.04", "1", "2", "12.11", "213.07", "334.39", "39.56", "93.05", "13.76", "1204.01", "7.01", "34.12", "18.44", "28.56", "9.48", "78.29"]]
    assert compare_sum(D("3694.77"), items) == EXACT
