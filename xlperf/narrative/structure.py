"""Heading numbers: 一、二、三、 and （一）（二）（三） each count on from the last (a new
一 or （一） starts a new part or list); a number skipped or repeated is a warning."""
from __future__ import annotations

import re

from .base import finding
from .document import Report

_CN = "一二三四五六七八九十"
_L1 = re.compile(r"^([一二三四五六七八九十]{1,3})、")
_L2 = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]")


def _value(cn: str) -> int:
    if cn == "十":
        return 10
    if len(cn) == 2 and cn[0] == "十":
        return 10 + _CN.index(cn[1]) + 1
    if len(cn) == 2 and cn[1] == "十":
        return (_CN.index(cn[0]) + 1) * 10
    if len(cn) == 3 and cn[1] == "十":
        return (_CN.index(cn[0]) + 1) * 10 + _CN.index(cn[2]) + 1
    return _CN.index(cn[0]) + 1 if len(cn) == 1 else 0


def _cn(n: int) -> str:
    if n <= 10:
        return _CN[n - 1]
    return ("" if n < 20 else _CN[n // 10 - 1]) + "十" + (_CN[n % 10 - 1] if n % 10 else "")


def check_numbering(report: Report) -> list:
    out = []
    last = {1: 0, 2: 0}
    before = {1: -1, 2: -1}  # the number before a flagged one: the count may resume from it
    for p in report.paras:
        if p.is_row:
            continue
        for level, rx in ((1, _L1), (2, _L2)):
            m = rx.match(p.text)
            if not m:
                continue
            n = _value(m.group(1))
            if level == 1:
                last[2], before[2] = 0, -1
            if n == 0:
                break
            if n != 1 and n != last[level] + 1 and last[level] and n != before[level] + 1:
                shown = f"{_cn(n)}、" if level == 1 else f"（{_cn(n)}）"
                expected = f"{_cn(last[level] + 1)}、" if level == 1 else f"（{_cn(last[level] + 1)}）"
                out.append(finding(report.name, p, "REPORT_NUMBERING",
                                   f"标题序号“{shown}”接在“{_cn(last[level])}”之后，应为“{expected}”"
                                   f"（“{p.text[:24]}”）", expected=expected, found=shown))
                before[level] = last[level]
            else:
                before[level] = -1
            last[level] = n
            break
    return out
