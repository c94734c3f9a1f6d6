"""Reading figures out of cells (rules.md §1).

A cell becomes a `Reading`: a Decimal with its unit and shown precision, or the reason
it is not one. Nothing is guessed: a malformed figure is `BAD`, a placeholder is
`PLACEHOLDER`, free text is `TEXT`, and each says why in Chinese.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from functools import lru_cache

NUMBER = "number"
BLANK = "blank"
NA = "na"
PLACEHOLDER = "placeholder"
BAD = "bad"
TEXT = "text"

_MONEY_UNITS = ("亿元", "万元", "千元", "元")
# Longest first so that 个工作日 wins over 日 and 人次 over 人.
_UNIT_ATOMS = sorted(
    {
        "亿元", "万元", "千元", "元", "人次", "人", "次", "份", "个工作日", "工作日", "个月",
        "个", "户", "家", "项", "件", "起", "天", "日", "小时", "月", "年", "%", "‰", "m²",
        "㎡", "平方米", "平米", "公里", "千米", "米", "亩", "吨", "辆", "台", "套", "场次",
        "场", "期", "批次", "批", "名", "所", "座", "间", "条", "本", "册", "篇", "株", "棵",
        "头", "只", "张", "笔", "人月", "课时", "学时", "岗", "处", "宗", "例", "册次",
    },
    key=len,
    reverse=True,
)
_UNIT_ATOM_RE = "|".join(re.escape(u) for u in _UNIT_ATOMS)
# a unit: an optional 万/亿 multiplier, then atoms joined by / · 、 (元/人·月)
_UNIT_RE = rf"(?:[万亿](?={_UNIT_ATOM_RE}))?(?:{_UNIT_ATOM_RE})(?:[/·、](?:{_UNIT_ATOM_RE}))*"
_NUMBER_RE = re.compile(
    rf"^(?P<cur>[¥￥$])?(?P<sign>[+-])?(?P<int>\d+(?:,\d+)*)(?:\.(?P<frac>\d+))?"
    rf"(?P<mult>[万亿](?!元))?(?P<unit>{_UNIT_RE})?$"
)
_LONE_UNIT_RE = re.compile(rf"^(?:{_UNIT_RE}|[万亿])$")
_PLACEHOLDER_TOKEN = re.compile(r"\*{1,}|[xX]{2,}|待填|待定|待补|[?？]{2,}")
_PLACEHOLDER_RE = re.compile(rf"^(?:\*+|[xX]{{2,}}|待填|待定|待补|[?？]+)(?:{_UNIT_RE})?$")
_NA_VALUES = {"—", "-", "/", "无", "——", "--", "–", "不适用", "n/a", "N/A", "NA", "／"}
_MANY_POINTS = re.compile(r"\d+\.\d+\.\d")
_LETTER_INSIDE = re.compile(r"\d[A-Za-z]+\d|\d[A-Za-z]+\.|\d\.[A-Za-z]")
# only a cell that is nothing but a figure can be a malformed figure; a sentence is text
_NUMBER_SHAPED = re.compile(rf"^[¥￥$]?[+-]?[\d.,A-Za-z]+(?:{_UNIT_RE})?$")
_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")

_SCALE = {"万": Decimal(10000), "亿": Decimal(100000000)}
_MONEY_TO_YUAN = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}


@dataclass(frozen=True)
class Reading:
    """What one cell means as a figure."""

    kind: str
    value: Decimal | None = None  # a percent is held as its fraction: 98.91% → 0.9891
    unit: str = ""  # "%", "‰", "万元", "人", … ("" for a bare figure)
    places: int | None = None  # decimals as shown, in the unit shown (97.72% → 2)
    text: str = ""  # the normalised source text
    reason: str = ""  # why this is not a number, in Chinese

    @property
    def is_number(self) -> bool:
        return self.kind == NUMBER

    @property
    def is_percent(self) -> bool:
        return self.unit in ("%", "‰")

    @property
    def is_blank(self) -> bool:
        return self.kind == BLANK

    @property
    def is_money(self) -> bool:
        return self.unit in _MONEY_UNITS


def normalize_text(text: str) -> str:
    """Full-width forms to ASCII, the look-alike signs to one spelling, no spaces."""
    s = unicodedata.normalize("NFKC", text)
    s = s.replace("≧", "≥").replace("≦", "≤").replace("−", "-").replace("﹣", "-")
    s = s.replace("，", ",").replace("：", ":")
    return _SPACES.sub("", s)


def _places_of(d: Decimal) -> int:
    exp = d.as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


@lru_cache(maxsize=16384)
def _number_from_float(f: float) -> Reading:
    if math.isnan(f) or math.isinf(f):
        return Reading(BAD, text=str(f), reason="不是有限的数字")
    # repr is the shortest text that round-trips, so 0.9891 stays 0.9891
    d = Decimal(repr(f))
    if d == d.to_integral_value() and abs(d) < Decimal("1e15"):
        d = d.quantize(Decimal(1))
    return Reading(NUMBER, d, places=_places_of(d), text=repr(f))


_BLANK_READING = Reading(BLANK)


def read_number(raw) -> Reading:
    """Read a cell value (None, number, text, date) as a figure."""
    # the engine reads most cells several times: the common types first, no allocation
    if raw is None:
        return _BLANK_READING
    cls = raw.__class__
    if cls is float:
        return _number_from_float(raw)
    if cls is str:
        return read_text(raw)
    if isinstance(raw, bool):
        return Reading(TEXT, text=str(raw), reason="是逻辑值，不是数字")
    if isinstance(raw, int):
        return Reading(NUMBER, Decimal(raw), places=0, text=str(raw))
    if isinstance(raw, float):
        return _number_from_float(raw)
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            return Reading(BAD, text=str(raw), reason="不是有限的数字")
        return Reading(NUMBER, raw, places=_places_of(raw), text=str(raw))
    if isinstance(raw, (_dt.date, _dt.datetime, _dt.time, _dt.timedelta)):
        return Reading(TEXT, text=str(raw), reason="是日期，不是数字")
    return read_text(str(raw))


@lru_cache(maxsize=16384)
def read_text(text: str) -> Reading:
    s = normalize_text(text)
    if not s:
        return Reading(BLANK)
    if s in _NA_VALUES:
        return Reading(NA, text=s)
    if _PLACEHOLDER_RE.match(s):
        return Reading(PLACEHOLDER, text=s, reason=f"“{s}”是占位符，不是数字")
    m = _NUMBER_RE.match(s)
    if m:
        return _from_match(m, s)
    if _LONE_UNIT_RE.match(s):
        return Reading(BAD, text=s, reason=f"“{s}”只有单位，没有数字")
    if _DIGIT.search(s) and _NUMBER_SHAPED.match(s):
        if _MANY_POINTS.search(s):
            return Reading(BAD, text=s, reason=f"“{s}”有多个小数点")
        if _LETTER_INSIDE.search(s):
            return Reading(BAD, text=s, reason=f"“{s}”的数字中夹有字母")
    elif not _DIGIT.search(s) and _PLACEHOLDER_TOKEN.search(s):
        return Reading(PLACEHOLDER, text=s, reason=f"“{s}”含占位符，不是数字")
    return Reading(TEXT, text=s, reason=f"“{s}”不是数字")


def _from_match(m: re.Match, s: str) -> Reading:
    int_part = m.group("int")
    if "," in int_part:
        groups = int_part.split(",")
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            return Reading(BAD, text=s, reason=f"“{s}”的千分位逗号位置不对")
        int_part = "".join(groups)
    frac = m.group("frac") or ""
    try:
        value = Decimal(f"{int_part}.{frac}" if frac else int_part)
    except InvalidOperation:  # pragma: no cover - the regex admits digits only
        return Reading(BAD, text=s, reason=f"“{s}”不是数字")
    if m.group("sign") == "-":
        value = -value
    places = len(frac)
    unit = m.group("unit") or ""
    mult = m.group("mult") or ""
    if unit[:1] in _SCALE and unit not in _MONEY_UNITS:
        mult, unit = mult + unit[0], unit[1:]
    if mult and unit in ("%", "‰"):
        return Reading(BAD, text=s, reason=f"“{s}”的单位不对")
    for ch in mult:
        value *= _SCALE[ch]
        places = max(0, places - (4 if ch == "万" else 8))
    if unit == "%":
        value = value / 100
    elif unit == "‰":
        value = value / 1000
    elif m.group("cur") and not unit:
        unit = "元"
    return Reading(NUMBER, value, unit=unit, places=places, text=s)


def convert_money(reading: Reading, to_unit: str) -> Decimal | None:
    """The figure in `to_unit` (元/千元/万元/亿元); a bare figure is already in it."""
    if reading.value is None:
        return None
    if not reading.unit or reading.unit == to_unit or reading.unit not in _MONEY_TO_YUAN:
        return reading.value
    return reading.value * _MONEY_TO_YUAN[reading.unit] / _MONEY_TO_YUAN[to_unit]


def quantize(value: Decimal, places: int) -> Decimal:
    """ROUND_HALF_UP to `places` decimals: the only rounding xlperf does.

    A figure longer than the default 28 digits (1E+300 typed into a cell, a 30-digit
    text) is rounded with the digits it needs: the default context would raise
    InvalidOperation and stop the check of the whole workbook."""
    try:
        return value.quantize(_unit(places), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        if not value.is_finite():
            raise
        wide = Context(prec=max(value.adjusted(), 0) + places + 2, rounding=ROUND_HALF_UP)
        return value.quantize(_unit(places), context=wide)


@lru_cache(maxsize=64)
def _unit(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)  # built once per precision, not per figure


def fmt_plain(value: Decimal, places: int = 2) -> str:
    """A figure for a message: rounded, without trailing zeros noise (9.5, 100, 4.17)."""
    q = quantize(value, places)
    text = f"{q:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_percent(fraction: Decimal, places: int = 2) -> str:
    return f"{quantize(fraction * 100, places):.{places}f}%"
