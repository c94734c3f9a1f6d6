"""Scoring one 绩效指标 row (rules.md §3.2 quantitative, §3.3 qualitative)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .numbers import NUMBER, TEXT, Reading, normalize_text, read_number, read_text

FORWARD = "forward"
REVERSE = "reverse"
EQUAL = "equal"

QUANTITATIVE = "quantitative"
QUALITATIVE = "qualitative"
INCOMPLETE = "incomplete"

ACHIEVED = "达成年度指标"
PARTIAL = "部分达成年度指标并具有一定效果"
FAILED = "未达成年度指标且效果较差"
TIERS = (ACHIEVED, PARTIAL, FAILED)

_REVERSE_WORDS = ("<=", "≤", "<", "不高于", "不超过", "不大于", "以内", "以下", "控制在", "低于",
                  "小于", "少于", "至多", "最多")
_FORWARD_WORDS = (">=", "≥", ">", "不低于", "不少于", "不小于", "以上", "至少", "最少", "大于",
                  "高于", "超过", "达到")
_EQUAL_WORDS = ("=", "等于")
_DIRECTION_OF = {w: REVERSE for w in _REVERSE_WORDS}
_DIRECTION_OF.update({w: FORWARD for w in _FORWARD_WORDS})
_DIRECTION_OF.update({w: EQUAL for w in _EQUAL_WORDS})
_DIRECTION_RE = re.compile("|".join(re.escape(w) for w in sorted(_DIRECTION_OF, key=len, reverse=True)))
_ANY_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")

_PARTIAL_WORDS = re.compile(r"部分|基本")
_NEGATION = re.compile(r"未|没有|尚未|无法|不能|否|不(?!断|少|低|小|仅|但|同|定|再|久|过|论)")
_ACHIEVED_WORDS = re.compile(
    r"达成|达到|完成|实现|提升|提高|改善|增加|良好|优秀|稳定|有效|显著|明显|是|满意|保障|落实|"
    r"达标|合格|按时|及时|符合|健全|规范"
)


@dataclass(frozen=True)
class Target:
    """A 年度指标值 read as a direction and a figure, or as qualitative text."""

    text: str
    direction: str | None
    figure: Reading

    @property
    def is_quantitative(self) -> bool:
        return self.direction is not None and self.figure.kind == NUMBER

    @property
    def value(self) -> Decimal | None:
        return self.figure.value


def parse_target(raw) -> Target:
    """A 年度指标值 cell, or the table's Reading of it."""
    reading = raw if isinstance(raw, Reading) else read_number(raw)
    if reading.kind == NUMBER:
        return Target(reading.text, _bare_direction(reading), reading)
    if reading.kind != TEXT:
        return Target(reading.text, None, reading)
    return _text_target(reading)


@lru_cache(maxsize=4096)  # the same targets ("≥95%", "≤5天") recur in every workbook
def _text_target(reading: Reading) -> Target:
    s = reading.text
    words = _DIRECTION_RE.findall(s)
    directions = {_DIRECTION_OF[w] for w in words}
    if len(directions) > 1:
        return Target(s, None, reading)
    rest = _DIRECTION_RE.sub("", s)
    figure = read_text(rest)
    if figure.kind != NUMBER and words and len(_ANY_NUMBER.findall(rest)) == 1:
        # "完成率≥95%": a name, a sign and one figure; the name is not part of the figure
        m = _ANY_NUMBER.search(rest)
        assert m is not None  # findall found exactly one
        tail = read_text(rest[m.start():])
        if tail.kind == NUMBER and not re.search(r"\d", rest[:m.start()]):
            figure = tail
    if figure.kind != NUMBER:
        return Target(s, None, reading)
    direction = directions.pop() if directions else _bare_direction(figure)
    return Target(s, direction, figure)


def _bare_direction(figure: Reading) -> str:
    # a bare zero ("0起") is a ceiling: no more than zero events
    return REVERSE if figure.value == 0 else FORWARD


def _align_percent(target: Reading, actual: Reading) -> tuple[Decimal, Decimal]:
    """A percent on one side and a bare figure on the other: the bare one is a percent
    when it is greater than 1 (100 → 100%) and a fraction otherwise (rules.md §3.2)."""
    a, b = target.value, actual.value
    assert a is not None and b is not None  # both sides are figures here
    if target.is_percent and not actual.is_percent and b > 1:
        b = b / Decimal(100)
    elif actual.is_percent and not target.is_percent and a > 1:
        a = a / Decimal(100)
    return a, b


def quantitative_score(target: Target, actual: Reading, weight: Decimal,
                       reverse_rule: str = "ratio") -> Decimal:
    """Unrounded score of a quantitative indicator, clamped to [0, weight]."""
    a, b = _align_percent(target.figure, actual)
    w = weight
    if target.direction == REVERSE:
        if a == 0:
            score = w if b <= 0 else Decimal(0)
        elif b <= a:
            score = w
        elif reverse_rule == "linear":
            score = max(Decimal(0), 1 - (b - a) / a) * w
        else:
            score = a / b * w if b > 0 else Decimal(0)
    else:
        if a == 0:
            score = w if b >= 0 else Decimal(0)
        elif b >= a:
            score = w
        elif a < 0:
            score = Decimal(0)
        else:
            score = b / a * w
    return min(max(score, Decimal(0)), w)


def is_over_target(target: Target, actual: Reading, factor: Decimal) -> bool:
    if target.direction == REVERSE:
        return False
    a, b = _align_percent(target.figure, actual)
    return a > 0 and b >= factor * a


def parse_tier(raw) -> str | None:
    """A 档次 cell: one of the three tiers, or None when it names none."""
    if raw is None:
        return None
    s = normalize_text(str(raw))
    if not s:
        return None
    if "部分" in s:
        return PARTIAL
    if s.startswith("未") or "未达成" in s:
        return FAILED
    if "达成" in s or s in ("达到", "完成"):
        return ACHIEVED
    return None


def infer_tier(actual_text) -> str | None:
    """The tier a 实际完成值 text implies, or None (the evaluator decides)."""
    if actual_text is None:
        return None
    s = normalize_text(str(actual_text))
    if not s:
        return None
    if _PARTIAL_WORDS.search(s):
        return PARTIAL
    if _NEGATION.search(s):
        return FAILED
    if _ACHIEVED_WORDS.search(s):
        return ACHIEVED
    return None


def tier_band(tier: str, weight: Decimal) -> tuple[Decimal, Decimal, bool]:
    """(low, high, high inclusive) of a tier's score band (rules.md §3.3)."""
    if tier == ACHIEVED:
        return Decimal("0.8") * weight, weight, True
    if tier == PARTIAL:
        return Decimal("0.6") * weight, Decimal("0.8") * weight, False
    if tier == FAILED:
        return Decimal(0), Decimal("0.6") * weight, False
    raise ValueError(f"unknown tier {tier!r}")


def in_band(score: Decimal, tier: str, weight: Decimal) -> bool:
    low, high, inclusive = tier_band(tier, weight)
    return low <= score and (score <= high if inclusive else score < high)


@dataclass(frozen=True)
class IndicatorResult:
    kind: str  # QUANTITATIVE | QUALITATIVE | INCOMPLETE
    score: Decimal | None  # the rule's score (unrounded); None when the evaluator decides
    target: Target
    actual: Reading
    tier: str | None = None
    tier_inferred: bool = False
    over_target: bool = False


def evaluate_indicator(target_raw, actual_raw, weight: Decimal, tier_raw=None,
                       reverse_rule: str = "ratio",
                       over_target_factor: Decimal = Decimal("1.2")) -> IndicatorResult:
    """The rule's verdict on one indicator row (the cells, or the table's Readings of
    the 年度指标值 and 实际完成值)."""
    target = parse_target(target_raw)
    actual = actual_raw if isinstance(actual_raw, Reading) else read_number(actual_raw)
    if target.figure.is_blank or actual.is_blank:
        return IndicatorResult(INCOMPLETE, None, target, actual)
    if target.is_quantitative and actual.kind == NUMBER:
        score = quantitative_score(target, actual, weight, reverse_rule)
        over = is_over_target(target, actual, over_target_factor)
        return IndicatorResult(QUANTITATIVE, score, target, actual, over_target=over)
    if target.figure.kind not in (NUMBER, TEXT) or actual.kind not in (NUMBER, TEXT):
        return IndicatorResult(INCOMPLETE, None, target, actual)
    tier = parse_tier(tier_raw)
    inferred = False
    if tier is None:
        tier = infer_tier(actual.text)
        inferred = tier is not None
    return IndicatorResult(QUALITATIVE, weight if tier == ACHIEVED else None, target, actual, tier, inferred)
