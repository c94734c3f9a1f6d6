"""Figures in a sentence: where each stands, and what it is (money, a rate, a count).

The parsing is `xlperf.rules.numbers.read_text` on each figure's text; this module only
finds the figures and leaves out what is not one: years, dates, document numbers
(财预〔2020〕10号), list markers, ordinals (第3次) and phone numbers."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..rules.numbers import _UNIT_RE, BAD, NUMBER, Reading, convert_money, read_text

MONEY = "money"
PERCENT = "percent"
COUNT = "count"
PLAIN = "plain"

# a figure: digits with points and thousands commas, an optional 万/亿 and unit
_FIGURE = re.compile(rf"(?<![\d.A-Za-z])[¥￥]?\d+(?:[.,]\d+)*(?:[万亿](?!元))?(?:{_UNIT_RE})?")
_OPEN = "（(【〔[《"
_CLOSE = "）)】〕]》"
# 人 and 名 count the same people
_SAME_UNIT = {"名": "人"}


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    token: str
    reading: Reading
    kind: str
    depth: int  # parentheses around it

    @property
    def value(self) -> Decimal:
        assert self.reading.value is not None
        return self.reading.value

    @property
    def unit(self) -> str:
        return _SAME_UNIT.get(self.reading.unit, self.reading.unit)

    def in_unit(self, unit: str) -> Decimal:
        """Money in `unit`; anything else as read."""
        v = convert_money(self.reading, unit) if self.kind == MONEY else self.reading.value
        assert v is not None
        return v

    def places_in(self, unit: str) -> int:
        """Decimals shown, counted in `unit` (3.5万元 in 元 → 0)."""
        places = self.reading.places or 0
        if self.kind != MONEY or self.reading.unit == unit:
            return places
        scale = {"元": 0, "千元": 3, "万元": 4, "亿元": 8}
        return max(0, places - (scale[self.reading.unit] - scale.get(unit, 0)))


def _skip(text: str, m: re.Match) -> bool:
    s, e = m.start(), m.end()
    tok = m.group()
    before = text[max(0, s - 3):s]
    after = text[e:e + 2]
    digits = re.match(r"\d+", tok)
    lead = digits.group() if digits else ""
    if before.endswith(("〔", "[", "第", "No.", "附件", "表", "图")):
        return True
    if after.startswith(("〕", "]", "号")) or tok.endswith("号"):
        return True
    if tok == lead and after[:1] in ("年", "月", "日", "届", "季", "时", "点", "-", "/", "—", "~"):
        return True  # a year, a date, a time, a range's first half
    if tok == lead and before[-1:] in ("-", "/", "—", "~", "至") and after[:1] in ("年", "月", "日"):
        return True
    if m.group().endswith(("年", "月", "日", "时")):
        return True  # a year, a month, a day: dates are checked on their own
    if s == 0 and after[:1] in ("、", ".", "．", ")", "）") or before[-1:] in ("(", "（") and after[:1] in (")", "）"):
        return True  # 1、 1. (1) list markers
    if tok == lead and len(lead) >= 7 and not before.endswith(("为", "计", "额")):
        return True  # a phone or an account number, not a figure with a unit
    return bool(re.match(r"\d{4}\.\d{1,2}(?:\.\d{1,2})?$", tok))  # 2024.12.31


def figures(text: str) -> list[Figure]:
    """Every figure in `text` (a cleaned paragraph), in order."""
    out: list[Figure] = []
    depth_at = _depths(text)
    for m in _FIGURE.finditer(text):
        if _skip(text, m):
            continue
        tok = m.group().split("、")[0]  # in prose 、 separates a list, not the units of 元/人、月
        r = read_text(tok)
        if r.kind == BAD:
            kind = BAD
        elif r.kind != NUMBER:
            continue
        elif r.is_percent:
            kind = PERCENT
        elif r.is_money:
            kind = MONEY
        elif r.unit:
            kind = COUNT
        else:
            kind = PLAIN
        out.append(Figure(m.start(), m.start() + len(tok), tok, r, kind, depth_at[m.start()]))
    return out


def _depths(text: str) -> list[int]:
    depth, out = 0, []
    for ch in text:
        out.append(depth)
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
    out.append(depth)
    return out


def same_class(a: Figure, b: Figure) -> bool:
    """Figures that may be added: money with money, a count with the same count."""
    if a.kind != b.kind or a.kind not in (MONEY, COUNT):
        return False
    return a.kind == MONEY or a.unit == b.unit


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: a 。！？ ends one."""
    out, start = [], 0
    for m in re.finditer(r"[。！？!?]", text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def label_before(text: str, pos: int, width: int = 12) -> str:
    """The words just before a figure (its label): back to the last punctuation."""
    chunk = text[max(0, pos - width):pos].replace("｜", "，")
    parts = re.split(r"[，,。；;：:、（）()\d%]", chunk)
    return parts[-1] if parts else ""
