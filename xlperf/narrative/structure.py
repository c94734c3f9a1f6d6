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


_LEVEL_COUNT = re.compile(r"(?P<pre>下设|一共设计|共设计|设置了|设置|设计了|设计|共有|共)?(?:(?P<n1>\d+)个(?P<l1>[一二三])级指标"
                          r"|(?P<l2>[一二三])级指标(?P<n2>\d+)个)")


def check_indicator_counts(report: Report) -> list:
    """The number of 一级/二级/三级指标 the evaluation says it has, stated more than once,
    is one number (a 下设 count is one 一级指标's, not the evaluation's)."""
    out = []
    stated: dict[str, tuple] = {}
    for p in report.paras:
        if p.is_row:
            continue
        for m in _LEVEL_COUNT.finditer(p.text):
            level = m.group("l1") or m.group("l2")
            n = int(m.group("n1") or m.group("n2"))
            sentence = p.text[max(p.text.rfind("。", 0, m.start()), 0):m.end()]
            if m.group("pre") == "下设" or (not m.group("pre") and "下设" in sentence[-20:]):
                continue
            if "该项目" in sentence or not re.search(r"评价|指标体系", sentence):
                continue
            first = stated.setdefault(level, (n, p))
            if first[0] != n:
                out.append(finding(report.name, p, "REPORT_COUNT_MISMATCH",
                                   f"此处写{level}级指标 {n} 个，{first[1].where}写的是 {first[0]} 个"
                                   f"（“{p.text[max(0, m.start() - 12):m.end()]}”）",
                                   expected=str(first[0]), found=str(n)))
    return out
