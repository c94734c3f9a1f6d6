"""Checks on how figures are written: malformed numbers, placeholders, the draft's
unfilled places, and dates outside the evaluation period."""
from __future__ import annotations

import calendar
import re
from collections import Counter
from decimal import Decimal

from .base import finding, quote
from .document import Para, Report
from .figures import figures

_STARS = re.compile(r"\*{2,}[万亿]?[元人个%]?")
_XX = re.compile(r"(?<![A-Za-z])(?:[Xx]{2,}|×{2,})(?![A-Za-z])[万亿]?[元人个%]?")
_TBD = re.compile(r"待填写|待补充|待填报|[?？]{2,}")
_DOUBLED = re.compile(r"([、，；。：])\1")
_UNFILLED = re.compile(r"【请填写[^】]*】")
_LONE_PERCENT = re.compile(r"(?<=[\u4e00-\u9fff])%(?=[\u4e00-\u9fff])")
_NO_PERCENT = re.compile(r"(?P<name>[\u4e00-\u9fff]{1,10}率)(?:为|达到|达|是)(?P<v>\d+(?:\.\d+)?)(?=[。，,；;]|$)")
_NO_MONEY_UNIT = re.compile(r"(?:决算数|预算数|执行数|支出|收入|资金|经费|金额)(?:为|是|:|：)"
                            r"(?P<v>\d+\.\d{1,4})(?=[，,；;].)")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?")
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_CN_DATE = re.compile(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月")
_YEAR_DU = re.compile(r"((?:19|20)\d{2})年度")
_YEAR = re.compile(r"((?:19|20)\d{2})年")


def report_year(report: Report) -> int | None:
    """The evaluation year: the first 20XX年度 near the top, else the most named one."""
    for p in report.paras[:12]:
        m = _YEAR_DU.search(p.text)
        if m:
            return int(m.group(1))
    for rx in (_YEAR_DU, _YEAR):
        c = Counter(int(y) for p in report.paras for y in rx.findall(p.text))
        if c:
            return c.most_common(1)[0][0]
    return None


def check_wording(report: Report) -> list:
    out = []
    for p in report.paras:
        out += _malformed(report.name, p)
    return out


def _malformed(file: str, p: Para) -> list:
    out = []
    for f in figures(p.text):
        if f.kind == "bad":
            out.append(finding(file, p, "BAD_NUMBER",
                               f"数字写错：{f.reading.reason}（“{quote(p, f.start, f.end)}”）",
                               found=f.token))
    if not p.is_row:
        for m in _LONE_PERCENT.finditer(p.text):
            out.append(finding(file, p, "BAD_NUMBER",
                               f"百分号前缺少数字（“{quote(p, m.start(), m.end())}”）", found="%"))
    for rx in (_STARS, _XX, _TBD):
        for m in rx.finditer(p.text):
            out.append(finding(file, p, "PLACEHOLDER",
                               f"“{m.group()}”是占位符，没有填写实际内容（“{quote(p, m.start(), m.end())}”）",
                               found=m.group()))
    if not p.is_row:
        for m in _NO_PERCENT.finditer(p.text):
            if Decimal(m.group("v")) > 1:
                out.append(finding(file, p, "UNIT_SUSPECT",
                                   f"“{m.group('name')}”{m.group('v')} 缺少百分号（“{quote(p, m.start(), m.end())}”）",
                                   expected=f"{m.group('v')}%", found=m.group("v")))
        for m in _NO_MONEY_UNIT.finditer(p.text):
            out.append(finding(file, p, "UNIT_SUSPECT",
                               f"金额 {m.group('v')} 没有写单位（元或万元）（“{quote(p, m.start(), m.end())}”）",
                               found=m.group("v")))
    for m in _DOUBLED.finditer(p.raw if not p.is_row else ""):
        out.append(finding(file, p, "REPORT_TYPO", f"标点“{m.group()}”重复，可能漏了一项或多打了一个"
                                                   f"（“{p.raw[max(0, m.start() - 16):m.end() + 8].strip()}”）",
                           found=m.group()))
    for m in _UNFILLED.finditer(p.text):
        out.append(finding(file, p, "REPORT_UNFILLED",
                           f"草稿中待部门填写的内容尚未填写：{m.group()}", found=m.group()))
    return out


def check_dates(report: Report, year: int | None) -> list:
    """A full date (年月日) must fall in the evaluation year or the year after it, when
    the report is written; and it must be a date at all (2月30日)."""
    out = []
    for p in report.paras:
        found: list[tuple[int, int, int | None, re.Match]] = [
            (int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None, m)
            for m in _DATE.finditer(p.text)]
        for m in _CN_DATE.finditer(p.text):
            month = _cn_number(m.group(2))
            found.append((int(m.group(1).translate(_CN_DIGITS)), month, None, m))
        for y, mo, d, m in found:
            text = m.group()
            if not 1 <= mo <= 12 or d is not None and not 1 <= d <= calendar.monthrange(y, mo)[1]:
                out.append(finding(report.name, p, "DATE_ANOMALY",
                                   f"日期“{text}”不存在（“{quote(p, m.start(), m.end())}”）",
                                   found=text))
            elif year is not None and y not in (year, year + 1) and _document_date(p, m):
                out.append(finding(report.name, p, "DATE_ANOMALY",
                                   f"日期“{text}”不在评价年度 {year} 年及次年（报告年）内，"
                                   f"请核对年份（“{quote(p, m.start(), m.end())}”）",
                                   expected=f"{year} 年或 {year + 1} 年", found=text))
    return out


_SIGNED = re.compile(r"(?:日期|签章|签字|盖章|（制）|\(制\))[）)]?[：:]?$")


def _document_date(p: Para, m: re.Match) -> bool:
    """The date the report, a table or a signature carries (not a date the text tells
    of, such as a policy's start): alone in its paragraph or cell, or after 日期/签章."""
    if len(p.text) <= len(m.group()) + 2:
        return True
    if p.is_row and any(c == m.group() for c in (p.cells or ())):
        return True
    return bool(_SIGNED.search(p.text[:m.start()]))


def _cn_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + int(text[1:].translate(_CN_DIGITS))
    if text.endswith("十"):
        return int(text[0].translate(_CN_DIGITS)) * 10
    if "十" in text:
        a, b = text.split("十")
        return int(a.translate(_CN_DIGITS)) * 10 + int(b.translate(_CN_DIGITS))
    return int(text.translate(_CN_DIGITS))


_YEAR_FIGURE = re.compile(r"((?:19|20)\d{2})年度?(?P<label>[\u4e00-\u9fff“”]{2,10}?)(?:为|是|共|达)?(?P<v>\d+(?:\.\d+)?(?:万元|亿元|元))")


def check_year_labels(report: Report, year: int | None) -> list:
    """The same figure under the same words for the evaluation year and the year before
    (2023年度财政收入1009.41万元 … 2024年度财政收入1009.41万元): one of the years is wrong."""
    if year is None:
        return []
    seen: dict[tuple, list] = {}
    for p in report.paras:
        if p.is_row:
            continue
        for m in _YEAR_FIGURE.finditer(p.text):
            seen.setdefault((m.group("label"), m.group("v")), []).append((int(m.group(1)), p, m))
    out = []
    for (label, value), where in seen.items():
        years = {y for y, _, _ in where}
        if year in years and year - 1 in years:
            for y, p, m in where:
                if y == year - 1:
                    out.append(finding(report.name, p, "DATE_ANOMALY",
                                       f"“{m.group()}”与{year}年度的{label}{value}相同，年份可能写错"
                                       f"（“{quote(p, m.start(), m.end())}”）",
                                       expected=f"{year}年度", found=f"{y}年度"))
    return out
