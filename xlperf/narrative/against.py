"""A report against its workbook: every figure the report states that the workbook also
holds (总分, 等级, the year, each sheet's 预算数/执行数/执行率 and 总分, each indicator's
分值 and 得分) must be the workbook's refreshed figure."""
from __future__ import annotations

import re
from decimal import Decimal

from ..rules.numbers import NUMBER, convert_money, fmt_percent, fmt_plain, quantize, read_text
from ..rules.rates import EQUAL, compare_rate
from .base import finding, quote
from .document import Report, clean
from .facts import FundRow, SheetFacts, WorkbookFacts
from .figures import figures, label_before
from .scores import Facts, _key, grade_statements

CODE = "REPORT_WORKBOOK_MISMATCH"
_SURVEY = re.compile(r"综合满意率(?:为|达|达到)?(?P<v>\d+(?:\.\d+)?%)")
_FUND_LABELS = (("全年预算数", "budget"), ("年初预算数", "initial"), ("全年执行数", "executed"),
                ("预算执行率", "rate"), ("执行率", "rate"))
_SHEET_SCORE = re.compile(r"(?:自评得分|得分|总分)(?:为|是|:|：)?(?P<v>\d+(?:\.\d+)?)分")


def _same(stated: Decimal, expected: Decimal) -> bool:
    exp = stated.as_tuple().exponent
    places = max(0, -exp) if isinstance(exp, int) else 2
    return quantize(expected, places) == stated


def check_against(report: Report, facts: Facts, wb: WorkbookFacts, year_in_text: int | None) -> list:
    out = []
    name = report.name
    accepted = [v for v in (wb.total, (wb.scoring or {}).get("total")) if v is not None]
    for p, v, how in facts.totals:
        if accepted and not any(_same(v, a) for a in accepted):
            out.append(finding(name, p, CODE, f"{how}写的总分 {fmt_plain(v)} 分与工作簿刷新后的总分 "
                                              f"{fmt_plain(accepted[0])} 分不符（“{quote(p)}”）",
                               expected=fmt_plain(accepted[0]), found=fmt_plain(v)))
    if wb.grade:
        for p, m, stated in grade_statements(report):
            if stated != wb.grade:
                out.append(finding(name, p, CODE, f"等级写作“{stated}”，工作簿刷新后的等级是“{wb.grade}”"
                                                  f"（“{quote(p, m.start(), m.end())}”）",
                                   expected=wb.grade, found=stated))
    if wb.survey_rate is not None:
        for p in report.paras:
            for m in _SURVEY.finditer(p.text):
                stated = read_text(m.group("v"))
                if compare_rate(stated, wb.survey_rate) != EQUAL:
                    shown = fmt_percent(wb.survey_rate, stated.places or 0)
                    out.append(finding(name, p, CODE, f"综合满意率写作 {m.group('v')}，工作簿问卷为 {shown}",
                                       expected=shown, found=m.group("v")))
    if wb.year and year_in_text and year_in_text != wb.year:
        p = report.paras[0]
        out.append(finding(name, p, CODE, f"报告的评价年度是 {year_in_text} 年，工作簿是 {wb.year} 年",
                           expected=str(wb.year), found=str(year_in_text)))
    out += _funds(report, wb)
    out += _fund_tables(report, wb)
    out += _sangong_and_staff(report, wb)
    out += _indicators(report, facts, wb)
    return out


def _sheet_of(text: str, wb: WorkbookFacts) -> SheetFacts | None:
    named = [s for s in wb.projects if s.name and s.name in text]
    if len(named) == 1:
        return named[0]
    if not named:
        return wb.overall
    return None


def _funds(report: Report, wb: WorkbookFacts) -> list:
    out = []
    for p in report.paras:
        if p.is_row:
            continue
        sheet = _sheet_of(p.text, wb)
        if sheet is None or sheet.main is None:
            continue
        main = sheet.main
        figs = figures(p.text)
        for f in figs:
            before = p.text[max(0, f.start - 9):f.start]
            m = next((m for label, _ in _FUND_LABELS
                      for m in [re.search(label + r"(?:为|是|:|：)?$", before)] if m), None)
            if m is None or f.kind not in ("money", "percent"):
                continue
            key = next(k for label, k in _FUND_LABELS if m.group().startswith(label))
            clause = re.split(r"[，。；]", p.text[:f.start - len(before) + m.start()])[-1]
            row = _row_named(sheet, clause)
            if row is None and clause and not clause.endswith(("”", "金")):
                continue  # a figure of something the workbook does not name
            row = row or main
            expected = getattr(row, key)
            if expected is None:
                continue
            if key == "rate":
                if compare_rate(f.reading, expected) != EQUAL:
                    shown = fmt_percent(expected, f.reading.places or 0)
                    out.append(finding(report.name, p, CODE, f"“{_what(sheet, row)}”执行率写作 {f.token}，"
                                                             f"工作簿刷新后为 {shown}（“{quote(p, f.start, f.end)}”）",
                                       expected=shown, found=f.token))
                continue
            stated = f.in_unit("万元")
            if not _same(stated, expected):
                out.append(finding(report.name, p, CODE, f"“{_what(sheet, row)}”{m.group().strip('为是:：')}写作 {f.token}，"
                                                         f"工作簿为 {fmt_plain(expected)}万元（“{quote(p, f.start, f.end)}”）",
                                   expected=f"{fmt_plain(expected)}万元", found=f.token))
        if sheet.project and sheet.total is not None:
            for m in _SHEET_SCORE.finditer(p.text):
                v = Decimal(m.group("v"))
                if "满分" in p.text[max(0, m.start() - 4):m.start()] or "分值" in p.text[max(0, m.start() - 6):m.start()]:
                    continue
                if not _same(v, sheet.total) and sheet.name in p.text[:m.start()]:
                    out.append(finding(report.name, p, CODE, f"“{sheet.name}”得分写作 {fmt_plain(v)} 分，"
                                                             f"工作簿刷新后为 {fmt_plain(sheet.total)} 分"
                                                             f"（“{quote(p, m.start(), m.end())}”）",
                                       expected=fmt_plain(sheet.total), found=fmt_plain(v)))
    return out


def _label(text: str) -> str:
    return re.sub(r"^(其中|按[^：:]*分)[：:]?|[：:\s]", "", text)


def _row_named(sheet: SheetFacts, clause: str) -> FundRow | None:
    """The 资金 or 任务 row a clause names (按支出性质分，基本支出全年执行数… → 基本支出)."""
    rows = [r for r in sheet.funds[1:] + sheet.tasks if _label(r.label)]
    named = [r for r in rows if clause.endswith(_label(r.label))]
    return max(named, key=lambda r: len(_label(r.label))) if named else None


def _what(sheet: SheetFacts, row: FundRow) -> str:
    return sheet.name if row is sheet.main else f"{sheet.name}·{_label(row.label)}"


_COLUMNS = {"年初预算数": "initial", "全年预算数": "budget", "全年执行数": "executed", "执行率": "rate"}


def _fund_tables(report: Report, wb: WorkbookFacts) -> list:
    """Rows of the report's own 资金 tables (项目 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率)
    against the rows of the department's 资金 and 任务 tables of the same name."""
    out: list = []
    sheet = wb.overall
    if sheet is None:
        return out
    header: dict | None = None
    for p in report.paras:
        cells = list(p.cells or ())
        if not p.is_row:
            header = None
            continue
        cols = {}
        for i, c in enumerate(cells):
            key = next((k for name, k in _COLUMNS.items() if c.startswith(name)), None)
            if key and key not in cols:
                cols[key] = (i, "元" if "（元）" in c or "(元)" in c else "万元")
        if len(cols) >= 2 and {"budget", "executed"} & set(cols):
            header = cols
            continue
        if header is None or not cells:
            continue
        label = _label(cells[0])
        row = next((r for r in [sheet.main, *sheet.funds[1:], *sheet.tasks]
                    if r is not None and _label(r.label) == label), None)
        if row is None:
            continue
        for key, (i, unit) in header.items():
            if i >= len(cells):
                continue
            expected = getattr(row, key)
            stated = read_text(cells[i] if key == "rate" or not cells[i] else cells[i] + unit)
            if expected is None or stated.kind != NUMBER or stated.value is None:
                continue
            if key == "rate":
                bad = compare_rate(stated, expected) != EQUAL
                shown = fmt_percent(expected, stated.places or 0)
            else:
                in_wan = convert_money(stated, "万元")
                bad = in_wan is None or not _same(in_wan, expected)
                shown = f"{fmt_plain(expected)}万元"
            if bad:
                out.append(finding(report.name, p, CODE, f"表中“{label}”{cells[i]}与工作簿（{sheet.sheet}）的 "
                                                         f"{shown} 不符", expected=shown, found=cells[i]))
    return out


_SANGONG = (("年初预算", 1), ("上年度支出", 2), ("上年度", 2), ("本年度支出", 0), ("本年度", 0))
_STAFF = (("编制", 0), ("编制数", 0), ("在职人数", 1), ("在职人员", 1), ("实有人数", 1))


def _sangong_and_staff(report: Report, wb: WorkbookFacts) -> list:
    """“三公”经费 (the template's table is in 元) and 人员 figures in sentences and in the
    report's 三公 table, by their labels."""
    out: list = []
    sangong = next((v for item, v in wb.sangong if item.startswith("三公")), None)
    header: dict | None = None
    for p in report.paras:
        if p.is_row and sangong is not None:
            cells = list(p.cells or ())
            cols = {k: i for i, c in enumerate(cells) for name, k in _SANGONG if c.startswith(name)}
            if len(cols) >= 2:
                header = cols
                continue
            if header and cells:
                row = next((v for item, v in wb.sangong if _label(item) == _label(cells[0])), None)
                for k, i in header.items():
                    out += _compare_money(report.name, p, row[k] if row else None,
                                          read_text(cells[i] + "元") if i < len(cells) and cells[i] else None,
                                          f"“{_label(cells[0])}”", "元")
            continue
        header = None
        for f in figures(p.text):
            lab = label_before(p.text, f.start, 8).rstrip("为是:：")
            if sangong is not None and f.kind == "money" and "三公" in p.text[:f.start]:
                k = next((k for name, k in _SANGONG if lab.endswith(name)), None)
                if k is not None:
                    out += _compare_money(report.name, p, sangong[k], f.reading, f"“三公”经费{lab}", "元")
            if wb.staff is not None and f.kind == "count" and f.unit == "人":
                k = next((k for name, k in _STAFF if lab.endswith(name)), None)
                expected = wb.staff[k] if k is not None else None
                if expected is not None and f.value != expected:
                    out.append(finding(report.name, p, CODE, f"{lab}写作 {f.token}，工作簿为 {fmt_plain(expected)}人"
                                                             f"（“{quote(p, f.start, f.end)}”）",
                                       expected=f"{fmt_plain(expected)}人", found=f.token))
    return out


def _compare_money(file, p, expected, stated, what: str, unit: str) -> list:
    if expected is None or stated is None or stated.kind != NUMBER:
        return []
    value = convert_money(stated, unit)
    if value is None or _same(value, expected):
        return []
    return [finding(file, p, CODE, f"{what}写作 {stated.text}，工作簿为 {fmt_plain(expected)}{unit}",
                    expected=f"{fmt_plain(expected)}{unit}", found=stated.text)]


def _indicators(report: Report, facts: Facts, wb: WorkbookFacts) -> list:
    by_name: dict = {}
    for s in wb.sheets:
        for ind in s.indicators:
            by_name.setdefault(_key(ind.name), []).append((s, ind))
    out = []
    groups = (wb.scoring or {}).get("groups", {})
    for row in facts.rows:
        group = groups.get(row.name)
        if group is not None:
            for what, figure, expected in (("分值", row.weight, group["weight"]), ("得分", row.score, group["score"])):
                if figure != expected:
                    out.append(finding(report.name, row.para, CODE,
                                       f"评分表“{row.name}”{what}写作 {fmt_plain(figure)}，工作簿为 {fmt_plain(expected)}",
                                       expected=fmt_plain(expected), found=fmt_plain(figure)))
            continue
        found = by_name.get(_key(row.name))
        if not found:
            continue
        if all(ind.score is not None and ind.score != row.score for _, ind in found):
            s, ind = found[0]
            out.append(finding(report.name, row.para, CODE,
                               f"“{row.name}”表中得分 {fmt_plain(row.score)}，工作簿（{s.sheet}）刷新后为 "
                               f"{fmt_plain(ind.score)}", expected=fmt_plain(ind.score), found=fmt_plain(row.score)))
        for what, stated, of in (("年度指标值", row.target, "target"), ("实际完成值", row.actual, "actual")):
            if stated and all(clean(getattr(ind, of)) != stated for _, ind in found):
                s, ind = found[0]
                out.append(finding(report.name, row.para, CODE,
                                   f"“{row.name}”表中{what}“{stated}”，工作簿（{s.sheet}）为“{getattr(ind, of)}”",
                                   expected=getattr(ind, of), found=stated))
        if all(ind.weight is not None and ind.weight != row.weight for _, ind in found):
            s, ind = found[0]
            out.append(finding(report.name, row.para, CODE,
                               f"“{row.name}”表中分值 {fmt_plain(row.weight)}，工作簿（{s.sheet}）为 "
                               f"{fmt_plain(ind.weight)}", expected=fmt_plain(ind.weight), found=fmt_plain(row.weight)))
    for p, nm, v, at in facts.sections:
        found = by_name.get(_key(nm))
        if found and all(ind.score is not None and ind.score != v for _, ind in found):
            s, ind = found[0]
            out.append(finding(report.name, p, CODE, f"“{nm}”正文写得 {fmt_plain(v)} 分，工作簿（{s.sheet}）刷新后为 "
                                                     f"{fmt_plain(ind.score)} 分（“{quote(p, at, at + 4)}”）",
                               expected=fmt_plain(ind.score), found=fmt_plain(v)))
    return out
