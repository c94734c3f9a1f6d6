"""Totals, weight roll-up and grade (rules.md §3.4) and summing rounded items (§1)."""
from __future__ import annotations

from decimal import Decimal

from .numbers import quantize


def _settings(settings):
    # imported late: xlperf.settings loads the presets from this package
    if settings is None:
        from ..settings import DEFAULT
        return DEFAULT
    return settings

EXACT = "exact"
WITHIN_TOLERANCE = "within_tolerance"
MISMATCH = "mismatch"


def grade(score: Decimal, settings=None) -> str:
    """优 / 良 / 中 / 差 of a 总分 (财预〔2020〕10号)."""
    settings = _settings(settings)
    for low, name in settings.grade_bands:
        if score >= low:
            return name
    return settings.grade_bands[-1][1]


def exec_score(executed: Decimal, budget: Decimal, weight: Decimal) -> Decimal | None:
    """预算执行率得分 = min(执行率, 1) × 分值 (rules.md §3.1), unrounded."""
    if budget is None or executed is None or budget == 0:
        return None
    rate = executed / budget
    return max(Decimal(0), min(rate, Decimal(1))) * weight


def sum_tolerance(n_items: int, settings=None) -> Decimal:
    return _settings(settings).sum_tolerance_per_item * n_items


def compare_sum(stated: Decimal, items, places: int = 2, settings=None) -> str:
    """A stated total against its items: exact, within the rounding tolerance, or not."""
    items = [i for i in items if i is not None]
    computed = sum(items, Decimal(0))
    diff = abs(quantize(stated, places) - quantize(computed, places))
    if diff == 0:
        return EXACT
    if diff <= sum_tolerance(len(items), settings):
        return WITHIN_TOLERANCE
    return MISMATCH


def rollup_ok(parent_weight: Decimal, child_weights) -> bool:
    """Stated child weights add up to their parent's weight."""
    return sum((w for w in child_weights if w is not None), Decimal(0)) == parent_weight


def sum_note(stated: Decimal, items, places: int = 2, settings=None) -> tuple[str, str]:
    """(status, Chinese note) of a stated total against its items; the note is empty when exact."""
    items = [i for i in items if i is not None]
    computed = sum(items, Decimal(0))
    status = compare_sum(stated, items, places, settings)
    if status == EXACT:
        return status, ""
    s, c = quantize(stated, places), quantize(computed, places)
    if status == WITHIN_TOLERANCE:
        return status, f"合计 {s} 与分项之和 {c} 相差 {abs(s - c)}，在 {len(items)} 项四舍五入的误差以内"
    return status, f"合计 {s} 与分项之和 {c} 不符，相差 {s - c}"
