"""Rates (rules.md §2) and how a stated rate is compared with a recomputed one (§1)."""
from __future__ import annotations

from decimal import Decimal

from .numbers import Reading, quantize

EQUAL = "equal"
LAST_PLACE = "last_place"  # off by one unit in the last shown place: truncation, a warning
DIFFERENT = "different"

# A stated figure with this many fraction decimals or more is a live formula's result,
# not a typed one: compare it at full precision.
_FULL_PRECISION_PLACES = 8


def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """numerator ÷ denominator; no rate when the denominator is zero or missing."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def change_rate(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """(current − previous) ÷ previous."""
    if current is None:
        return None
    return ratio(current - previous, previous) if previous is not None else None


def shown_percent_places(stated: Reading) -> int | None:
    """Decimals of a stated rate in percent units (97.72% → 2; 0.9891 → 2)."""
    if stated.places is None:
        return None
    if stated.unit == "%":
        return stated.places
    if stated.unit == "‰":
        return stated.places + 1
    return max(0, stated.places - 2)


_EXACT = Decimal("1e-9")


def compare_rate(stated: Reading, computed: Decimal) -> str:
    """Compare at the stated precision; one unit off in the last place is LAST_PLACE."""
    places = shown_percent_places(stated)
    if stated.value is None or places is None:
        return DIFFERENT
    if not stated.unit and stated.places is not None and stated.places >= _FULL_PRECISION_PLACES:
        return EQUAL if abs(stated.value - computed) <= _EXACT else DIFFERENT
    diff = abs(quantize(stated.value * 100, places) - quantize(computed * 100, places))
    if diff == 0:
        return EQUAL
    if diff <= Decimal(1).scaleb(-places):
        return LAST_PLACE
    return DIFFERENT
