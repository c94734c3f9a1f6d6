"""Scores in a report: the 分值/得分 tables it embeds (each item within its weight, the
合计/总分 row equal to its items, 得分率 = 得分 ÷ 分值), the 总分 it states in words and
tables agreeing with each other and with the parts it names (预算执行方面共10分，得10分…),
an indicator's 得N分 agreeing with its table row, and the 等级 of the 总分."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..findings import WARNING
from ..rules.indicators import QUANTITATIVE, evaluate_indicator
from ..rules.numbers import NUMBER, fmt_plain, quantize, read_text
from ..rules.rates import EQUAL, LAST_PLACE, compare_rate, ratio
from ..rules.totals import exec_score, grade
from .base import finding, quote
from .document import Para, Report

_TOTAL_LABEL = re.compile(r"^(合计|总分|总计|综合得分|总得分)$")
_SCORE_WORDS = re.compile(r"(?:自评得分|评价得分|总得分|综合得分|自评总分|总分)(?:为|是|:|：)?(?P<v>\d+(?:\.\d+)?)分")
_FULL_WORDS = re.compile(r"满分(?:为|是)?(?P<v>\d+(?:\.\d+)?)分")
_PART_WORDS = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,12}?)(?:方面)?共(?:设)?(?:分值)?(?P<w>\d+(?:\.\d+)?)分[，,]?(?:实际)?得(?:分)?(?P<s>\d+(?:\.\d+)?)分")
_GOT = re.compile(r"得(?P<v>\d+(?:\.\d+)?)分")
_HEADING = re.compile(r"^[（(]\d+[）)](?P<name>[^。.：:，,（(]{2,20})[。.：:]")
_GRADE_WORDS = re.compile(r"(?:等级|等次|评价结论|结论)(?:为|是)?[“\"]?(?P<g>优秀|优|良好|良|中|合格|差)[”\"]?|(?P<g2>优秀|良好)等级")
_GRADE_NAMES = {"优秀": "优", "良好": "良", "合格": "中"}


def _num(cell: str) -> Decimal | None:
    r = read_text(cell) if cell else None
    if r is None or r.kind != NUMBER or r.unit not in ("", "分", "%"):
        return None
    return r.value


@dataclass
class ScoreRow:
    para: Para
    name: str
    weight: Decimal
    score: Decimal
    target: str = ""
    actual: str = ""


@dataclass
class Facts:
    """What the report says about scores, gathered once for all the checks."""
    rows: list[ScoreRow] = field(default_factory=list)
    totals: list[tuple[Para, Decimal, str]] = field(default_factory=list)  # 总分 statements
    full: list[tuple[Para, Decimal]] = field(default_factory=list)
    sections: list[tuple[Para, str, Decimal, int]] = field(default_factory=list)  # (k) name … 得N分


def _label(cells, upto: int) -> str:
    for c in reversed(cells[:upto]):
        if c and read_text(c).kind != NUMBER and not c.startswith(("≥", "≤", ">", "<", "＞", "＜")):
            return c
    return ""


def check_tables(report: Report, facts: Facts, reverse_rule: str = "ratio") -> list:
    out = []
    layout = None  # (columns from the right of 分值, 得分, 得分率)
    items: list[ScoreRow] = []
    for p in report.paras:
        if p.cells is None:
            continue
        cells = list(p.cells)
        while cells and not cells[-1]:
            cells.pop()
        if layout is not None and len(p.cells) == layout[5] and len(cells) < layout[6]:
            cells = list(p.cells)[:layout[6]]  # a .docx row has the header's cells: keep its blanks
        if "分值" in cells and any(c.startswith(("得分", "自评得分")) and not c.startswith("得分率") for c in cells):
            n = len(cells)
            w = n - cells.index("分值")
            s = n - next(i for i, c in enumerate(cells) if c.startswith(("得分", "自评得分")) and not c.startswith("得分率"))
            r = next((n - i for i, c in enumerate(cells) if c.startswith("得分率")), None)
            t = next((n - i for i, c in enumerate(cells) if c in ("年度指标值", "指标值", "目标值")), None)
            a = next((n - i for i, c in enumerate(cells) if c in ("实际完成值", "完成值", "实际值")), None)
            layout = (w, s, r, t, a, len(p.cells), n)
            continue
        if layout is None:
            continue
        first = next((c for c in cells if c), "")
        if _TOTAL_LABEL.match(first):
            nums = [x for x in (_num(c) for c in cells[cells.index(first) + 1:] if c) if x is not None]
            if len(nums) >= 2:
                out += _total_row(report.name, p, nums[0], nums[1], items)
                if first == "总分":
                    facts.totals.append((p, nums[1], "表格"))
                    facts.full.append((p, nums[0]))
            items = []
            continue
        w, s, r, t, a = layout[:5]
        if len(cells) < max(w, s):
            continue
        weight, score = _num(cells[-w]), _num(cells[-s])
        if weight is None or score is None:
            continue
        row = ScoreRow(p, _label(cells, len(cells) - max(w, s)), weight, score,
                       cells[-t] if t is not None and len(cells) >= t else "",
                       cells[-a] if a is not None and len(cells) >= a else "")
        items.append(row)
        facts.rows.append(row)
        if score > weight:
            out.append(finding(report.name, p, "SCORE_OVER_WEIGHT",
                               f"“{row.name}”得分 {fmt_plain(score)} 超过分值 {fmt_plain(weight)}",
                               expected=f"≤ {fmt_plain(weight)}", found=fmt_plain(score)))
        if r is not None and len(cells) >= r:
            out += _rate_cell(report.name, p, cells[-r], score, weight, row.name)
        if t is not None and a is not None and len(cells) >= max(t, a):
            result = evaluate_indicator(cells[-t], cells[-a], weight, reverse_rule=reverse_rule)
            if result.kind == QUANTITATIVE and result.score is not None \
                    and quantize(result.score, 2) != quantize(score, 2):
                out.append(finding(report.name, p, "SCORE_MISMATCH",
                                   f"“{row.name}”指标值 {cells[-t]}、实际完成 {cells[-a]}，按评分规则得 "
                                   f"{fmt_plain(result.score)} 分，表中写 {fmt_plain(score)} 分",
                                   expected=fmt_plain(result.score), found=fmt_plain(score)))
    return out


def _rate_cell(file, p, cell, score, weight, name) -> list:
    stated = read_text(cell)
    if stated.kind != NUMBER:
        return []
    if not stated.unit:  # 得分率% columns hold 93.33 for 93.33%
        stated = read_text(cell + "%")
    computed = ratio(score, weight)
    if computed is None:
        return []
    verdict = compare_rate(stated, computed)
    if verdict == EQUAL:
        return []
    return [finding(file, p, "RATE_MISMATCH",
                    f"“{name}”得分率 {cell} 与得分 {fmt_plain(score)} ÷ 分值 {fmt_plain(weight)} 不符",
                    expected=f"{fmt_plain(computed * 100)}%", found=cell,
                    severity=WARNING if verdict == LAST_PLACE else "")]


_TEXT_SCORE = re.compile(r"得(?P<v>\d+(?:\.\d+)?)分[。；;]?$")
_TAGS = re.compile(r"</?p>")
_CRITERION = re.compile(r"不符合|否则|扣|每降低|每增加|得满分|以上要素|得分=|不得分")


def check_row_text_scores(report: Report) -> list:
    """A scoring table row's evidence ending 得N分 against the row's 得分 cell (the row
    may run on over a page break: the figure then stands on the row before)."""
    out = []
    pending: tuple | None = None  # (para, score) of a row with a score and no 得N分 yet
    target: tuple | None
    for p in report.paras:
        cells = [_TAGS.sub("", c) for c in (p.cells or (p.text,)) if c]
        stated = None
        for c in cells:
            m = _TEXT_SCORE.search(c)
            if m and not _CRITERION.search(c):
                stated = Decimal(m.group("v"))
        if pending is not None and p.no - pending[0].no > 3:
            pending = None
        if not p.is_row:
            if stated is None or pending is None:
                pending = None  # prose between: the table has ended
                continue
            target = pending
        else:
            last = _num(cells[-1]) if cells else None
            if stated is None:
                if last is not None and len(cells) >= 3:
                    pending = (p, last)
                continue
            target = (p, last) if last is not None else pending
        pending = None
        if target is not None and target[1] is not None and target[1] != stated:
            out.append(finding(report.name, p, "TEXT_SCORE_MISMATCH",
                               f"评分依据写“得{fmt_plain(stated)}分”，得分栏（{target[0].where}）为 {fmt_plain(target[1])} 分",
                               expected=fmt_plain(target[1]), found=fmt_plain(stated)))
    return out


_FUND_HEADER = ("全年预算数", "全年执行数", "分值", "执行率")


def check_vertical(report: Report, facts: Facts) -> list:
    """A table pasted one cell a line (年初预算数 / 全年预算数 / … / 自评得分, then
    年度资金总额 and its figures; 总分 and its two figures): the 执行率 and its 得分 by
    rules.totals.exec_score, and a 总分 at full marks while the funds lost points."""
    out = []
    paras = report.paras
    texts = [p.text for p in paras]
    lost: list[tuple] = []
    for i, t in enumerate(texts):
        if t == "分值" and i >= 3:
            lo = i
            while lo > 0 and _is_word(texts[lo - 1]):
                lo -= 1
            hi = i
            while hi + 1 < len(texts) and _is_word(texts[hi + 1]) and texts[hi + 1] != "年度资金总额":
                hi += 1
            header = texts[lo:hi + 1]
            if not all(h in header for h in _FUND_HEADER):
                continue
            label_at = hi + 1
            while label_at < len(texts) and texts[label_at] != "年度资金总额":
                label_at += 1
            values = []
            for v in texts[label_at + 1:label_at + 1 + len(header)]:
                if read_text(v).kind != NUMBER:
                    break
                values.append(v)
            if len(values) < 4:
                continue
            row = dict(zip(header[-len(values):], values, strict=True))
            budget, executed = _num(row.get("全年预算数", "")), _num(row.get("全年执行数", ""))
            weight = _num(row.get("分值", ""))
            score_key = next((h for h in header if h.endswith("得分")), None)
            score = _num(row.get(score_key, "")) if score_key else None
            p = paras[label_at]
            if budget and executed is not None and weight is not None and score is not None:
                computed = exec_score(executed, budget, weight)
                if computed is not None and quantize(computed, 2) != quantize(score, 2):
                    out.append(finding(report.name, p, "SCORE_MISMATCH",
                                       f"预算执行得分 {fmt_plain(score)} 与 执行率×分值 = {fmt_plain(computed)} 不符",
                                       expected=fmt_plain(computed), found=fmt_plain(score)))
                if score < weight:
                    lost.append((p, "预算执行", weight, score))
                out += _rate_cell(report.name, p, row.get("执行率", ""), executed, budget, "年度资金总额")
    for i, t in enumerate(texts):
        if t == "总分" and i + 2 < len(texts):
            w, s = _num(texts[i + 1]), _num(texts[i + 2])
            if w is not None and s is not None:
                facts.totals.append((paras[i], s, "表格"))
                if s == w and lost:
                    lp, what, lw, ls = lost[0]
                    out.append(finding(report.name, paras[i], "REPORT_SCORE_CONFLICT",
                                       f"总分 {fmt_plain(s)} 等于满分，但{what}得分 {fmt_plain(ls)}（分值 {fmt_plain(lw)}，"
                                       f"{lp.where}）已失分，总分不会高于 {fmt_plain(w - lw + ls)}",
                                       expected=f"≤ {fmt_plain(w - lw + ls)}", found=fmt_plain(s)))
    return out


def _is_word(t: str) -> bool:
    return 0 < len(t) <= 8 and not re.search(r"\d", t)


def _total_row(file, p, weight, score, items) -> list:
    if not items:
        return []
    out = []
    sw = sum((i.weight for i in items), Decimal(0))
    ss = sum((i.score for i in items), Decimal(0))
    terms = " + ".join(fmt_plain(i.score) for i in items)
    if ss != score:
        out.append(finding(file, p, "TOTAL_MISMATCH",
                           f"表中合计得分 {fmt_plain(score)} 与各项得分之和不符：{terms} = {fmt_plain(ss)}",
                           expected=fmt_plain(ss), found=fmt_plain(score)))
    if sw != weight:
        out.append(finding(file, p, "WEIGHT_SUM",
                           f"表中合计分值 {fmt_plain(weight)} 与各项分值之和 {fmt_plain(sw)} 不符",
                           expected=fmt_plain(sw), found=fmt_plain(weight)))
    return out


def gather(report: Report, facts: Facts) -> None:
    """The 总分 stated in words, and each indicator section's 得N分."""
    current: tuple[Para, str] | None = None
    for p in report.paras:
        if p.is_row:
            text = p.text
            m = re.search(r"(?:评价得分|自评得分)｜*(?P<v>\d+(?:\.\d+)?)分", text)
            if m:
                facts.totals.append((p, Decimal(m.group("v")), "表格"))
            continue
        text = p.text
        if "项目" not in text.replace("部门整体", "") or re.search(r"部门|单位|整体", text):
            for m in _SCORE_WORDS.finditer(text):
                if not _about_project(text, m.start()) and not _NOT_THE_TOTAL.search(text):
                    facts.totals.append((p, Decimal(m.group("v")), "正文"))
            for m in _FULL_WORDS.finditer(text):
                facts.full.append((p, Decimal(m.group("v"))))
        h = _HEADING.match(text)
        if h:
            current = (p, h.group("name"))
        elif re.match(r"^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）|^\d+、", text):
            current = None
        if current is not None:
            got = list(_GOT.finditer(text))
            if got and not _PART_WORDS.search(text):
                facts.sections.append((p, current[1], Decimal(got[-1].group("v")), got[-1].start()))
                current = None


_NOT_THE_TOTAL = re.compile(r"问卷|每题|最高|设置为|一般设置")


def grade_statements(report: Report):
    """(paragraph, match, 优/良/中/差) of each 等级 the text states for the department."""
    for p in report.paras:
        if p.is_row:
            continue
        for m in _GRADE_WORDS.finditer(p.text):
            stated = m.group("g") or m.group("g2")
            if not _about_project(p.text, m.start()):
                yield p, m, _GRADE_NAMES.get(stated, stated)


def _about_project(text: str, pos: int) -> bool:
    before = text[max(0, pos - 30):pos]
    return "项目" in before and "部门" not in before and "整体" not in before


def check_totals(report: Report, facts: Facts, workbook_total=None) -> list:
    out = []
    # the parts named in words: 预算执行方面共10分，得10分；产出…
    for p in report.paras:
        if p.is_row:
            continue
        parts = list(_PART_WORDS.finditer(p.text))
        if len(parts) >= 2:
            ss = sum((Decimal(m.group("s")) for m in parts), Decimal(0))
            sw = sum((Decimal(m.group("w")) for m in parts), Decimal(0))
            for m in parts:
                if Decimal(m.group("s")) > Decimal(m.group("w")):
                    out.append(finding(report.name, p, "SCORE_OVER_WEIGHT",
                                       f"“{m.group('name')}”得 {m.group('s')} 分，超过其分值 {m.group('w')} 分",
                                       expected=f"≤ {m.group('w')}", found=m.group("s")))
            for tp, tv, _ in facts.totals:
                if tv != ss and _near(report, tp, p):
                    terms = " + ".join(m.group("s") for m in parts)
                    out.append(finding(report.name, p, "REPORT_SCORE_CONFLICT",
                                       f"各方面得分之和 {terms} = {fmt_plain(ss)} 分，与所述总分 {fmt_plain(tv)} 分不符"
                                       f"（{tp.where}）", expected=fmt_plain(ss), found=fmt_plain(tv)))
            for fp, fv in facts.full:
                if fv != sw and _near(report, fp, p):
                    out.append(finding(report.name, p, "WEIGHT_SUM",
                                       f"各方面分值之和 {fmt_plain(sw)} 分与满分 {fmt_plain(fv)} 分不符（{fp.where}）",
                                       expected=fmt_plain(sw), found=fmt_plain(fv)))
    # the 总分 stated more than once must be one figure
    facts.totals.sort(key=lambda t: t[0].no)
    values = {v for _, v, _ in facts.totals}
    if len(values) > 1:
        first_p, first_v, first_how = facts.totals[0]
        for p, v, _how in facts.totals[1:]:
            if v != first_v:
                out.append(finding(report.name, p, "REPORT_SCORE_CONFLICT",
                                   f"此处总分 {fmt_plain(v)} 分与{first_how}（{first_p.where}）所写的 "
                                   f"{fmt_plain(first_v)} 分不一致（“{quote(p)}”）",
                                   expected=fmt_plain(first_v), found=fmt_plain(v)))
    # an indicator's 得N分 against its row in the report's own tables
    by_name: dict[str, list[ScoreRow]] = {}
    for row in facts.rows:
        by_name.setdefault(_key(row.name), []).append(row)
    for p, name, v, at in facts.sections:
        rows = by_name.get(_key(name))
        if rows and all(r.score != v for r in rows):
            out.append(finding(report.name, p, "TEXT_SCORE_MISMATCH",
                               f"“{name}”正文写得 {fmt_plain(v)} 分，表中（{rows[0].para.where}）得分为 "
                               f"{fmt_plain(rows[0].score)} 分（“{quote(p, at, at + 4)}”）",
                               expected=fmt_plain(rows[0].score), found=fmt_plain(v)))
    # the 等级 of the 总分
    reference = workbook_total if workbook_total is not None else (facts.totals[0][1] if facts.totals else None)
    if reference is not None and len(values) <= 1:
        expected = grade(reference)
        for p, m, stated in grade_statements(report):
            if stated != expected:
                out.append(finding(report.name, p, "GRADE_MISMATCH",
                                   f"等级写作“{stated}”，总分 {fmt_plain(reference)} 分对应的等级是“{expected}”"
                                   f"（“{quote(p, m.start(), m.end())}”）", expected=expected, found=stated))
    return out


def _key(name: str) -> str:
    return re.sub(r"[“”\"‘’'\s指标]", "", name)


def _near(report: Report, a: Para, b: Para) -> bool:
    return abs(a.no - b.no) <= 3
