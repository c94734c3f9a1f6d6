"""Properties of the rules (hypothesis): bounded scores, monotone forward scoring, parsing
that never raises, XP_* functions that never raise."""
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

import udfs
from xlperf.rules import evaluate_indicator, parse_target, read_number
from xlperf.rules.indicators import QUANTITATIVE, quantitative_score
from xlperf.rules.numbers import BAD, BLANK, NA, NUMBER, PLACEHOLDER, TEXT
from xlperf.rules.presets import DEFAULT_PRESETS

figures = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)
weights = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
messy_text = st.text(alphabet=st.sampled_from(
    list("0123456789.,%‰-+*xX元万亿人次份个起天≥≤><=不低于以上内下 　１２３．，％／—无待填?？abc\n\t")),
    max_size=20) | st.text(max_size=30)
cell_values = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | messy_text


@given(cell_values)
@settings(max_examples=800)
def test_reading_never_raises_and_gives_a_figure_or_a_reason(raw):
    r = read_number(raw)
    assert r.kind in (NUMBER, BLANK, NA, PLACEHOLDER, BAD, TEXT)
    if r.kind == NUMBER:
        assert r.value is not None
    elif r.kind in (BAD, PLACEHOLDER):
        assert r.value is None and r.reason


@given(messy_text)
@settings(max_examples=500)
def test_target_parsing_never_raises(text):
    parse_target(text)


@given(st.sampled_from(["≥", "≤", ""]), figures, figures, weights, st.sampled_from(["ratio", "linear"]))
def test_score_within_zero_and_weight(sign, a, b, w, rule):
    r = evaluate_indicator(f"{sign}{a}", str(b), w, reverse_rule=rule)
    if r.kind == QUANTITATIVE:
        assert D(0) <= r.score <= w


@given(figures, figures, figures, weights)
def test_forward_scoring_is_monotone_in_the_actual(a, b1, b2, w):
    t = parse_target(f"≥{a}")
    lo, hi = sorted((b1, b2))
    s_lo = quantitative_score(t, read_number(str(lo)), w)
    s_hi = quantitative_score(t, read_number(str(hi)), w)
    assert s_lo <= s_hi


@given(st.sampled_from(DEFAULT_PRESETS), st.decimals(min_value=-2, max_value=3, places=4,
                                                     allow_nan=False, allow_infinity=False), weights)
def test_preset_scores_clamped(preset, value, w):
    assert D(0) <= preset.score(value, w) <= w


excel_args = st.none() | st.floats(allow_nan=False, allow_infinity=False) | messy_text | \
    st.lists(st.lists(st.none() | st.floats(allow_nan=False, allow_infinity=False) | messy_text,
                      max_size=4), max_size=5)


@given(st.sampled_from([n for n in udfs.__all__ if n.startswith("XP_")]),
       st.lists(excel_args, min_size=0, max_size=4))
@settings(max_examples=1500)
def test_xp_functions_never_raise(name, args):
    f = getattr(udfs, name)
    try:
        result = f(*args)
    except TypeError:
        # Excel cannot call a function with the wrong number of arguments; Python can
        return
    assert isinstance(result, (str, float, int))


@given(st.decimals(allow_nan=False, allow_infinity=False) | st.fractions().map(
    lambda f: D(f.numerator) / D(f.denominator)))
@settings(max_examples=800)
def test_excel_precision_is_fifteen_significant_digits(value):
    """A formula's cached value as Excel holds it: what printing 15 significant digits
    gives, trailing zeros dropped."""
    from xlperf.engine.context import excel_precision

    expected = D(0) if value == 0 else D(format(value, ".15g")).normalize()
    assert excel_precision(value) == expected
    assert str(excel_precision(value)) == str(expected)
