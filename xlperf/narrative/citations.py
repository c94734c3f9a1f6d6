"""Documents cited as 《title》（文号）: one title, one 文号; one 文号, one title; and a
文号 written the standard way (机关代字〔年份〕序号号)."""
from __future__ import annotations

import re

from .base import finding, quote
from .document import Report

_CITE = re.compile(r"《(?P<title>[^《》]{4,80})》[（(](?P<no>[^（()）]{2,30}?号)[）)]")
_WELL_FORMED = re.compile(r"^[\u4e00-\u9fff]{1,12}(?:[〔\[［(（]\d{4}[〕\]］)）]|第)\d{1,4}号$")
_WRAPPER = re.compile(r"^.*关于印发|的通知$|[〈〉<>《》“”\"]")
_BRACKETS = str.maketrans("[［(（)）]］", "〔〔〔〔〕〕〕〕")


def _norm_no(no: str) -> str:
    return no.translate(_BRACKETS)


def check_citations(report: Report) -> list:
    out = []
    titles: dict[str, tuple] = {}  # title → (文号, para) first seen
    numbers: dict[str, tuple] = {}  # 文号 → (title, para) first seen
    seen: set = set()
    for p in report.paras:
        for m in _CITE.finditer(p.text):
            title, no = m.group("title"), _norm_no(m.group("no"))
            if not _WELL_FORMED.match(no):
                key = ("bad", no)
                if key not in seen:
                    seen.add(key)
                    out.append(finding(report.name, p, "REPORT_CITATION",
                                       f"文号“{m.group('no')}”的写法不规范（应为 机关代字〔年份〕序号号）"
                                       f"（“{quote(p, m.start(), m.end())}”）", found=m.group("no")))
                continue
            first = titles.setdefault(title, (no, p))
            if numbers.get(no) and _same_title(numbers[no][0], title):
                title = numbers[no][0]
            if first[0] != no and ("title", title, no) not in seen:
                seen.add(("title", title, no))
                out.append(finding(report.name, p, "REPORT_CITATION",
                                   f"《{title}》此处文号为 {no}，{first[1].where}写的是 {first[0]}",
                                   expected=first[0], found=no))
            firstt = numbers.setdefault(no, (title, p))
            if firstt[0] != title and ("no", no, title) not in seen:
                seen.add(("no", no, title))
                out.append(finding(report.name, p, "REPORT_CITATION",
                                   f"文号 {no} 此处对应《{title}》，{firstt[1].where}对应《{firstt[0]}》",
                                   expected=firstt[0], found=title))
    return out


def _same_title(a: str, b: str) -> bool:
    """《关于印发〈X办法〉的通知》 and 《X办法》 name one document."""
    a, b = _WRAPPER.sub("", a), _WRAPPER.sub("", b)
    return a in b or b in a
