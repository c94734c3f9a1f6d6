"""From a workbook's grids to a `Plan`: the cell writes of a refresh and the findings of
checks.md. The engine never knows which adapter (file or xlwings Book) it runs under."""
from __future__ import annotations

from .. import TEMPLATE_VERSION
from ..findings import counts
from ..grid import WorkbookGrid
from ..plan import Plan
from ..settings import DEFAULT, Settings
from ..tables.find import (
    BUILDINGS,
    FUND_CONTROL,
    FUNDS,
    INDICATORS,
    SANGONG,
    SCORING,
    SCORING_SUMMARY,
    STAFF,
    SURVEY,
    TASKS,
    find_tables,
)
from ..tables.headers import cell_text
from .basic import evaluate_buildings, evaluate_fund_control, evaluate_sangong, evaluate_staff
from .context import CHECK, REFRESH, Context
from .crossfoot import crossfoot_sheet
from .results import RESULTS_SHEET, fingerprint, note_writes, results_writes, sort_findings, stamp_of, stamp_text
from .scoring import evaluate_scoring, evaluate_summary
from .selfeval import evaluate_funds, evaluate_indicators, evaluate_tasks
from .survey import evaluate_survey
from .textchecks import check_dates, evaluation_year

__all__ = ["build_plan", "REFRESH", "CHECK", "is_template"]

GUIDE_SHEET = "说明"
_NOT_CHECKED = (RESULTS_SHEET, GUIDE_SHEET)


def is_template(wb: WorkbookGrid) -> bool:
    """An xlperf template says so on its 说明 sheet (values are all a remote book shows)."""
    sheet = wb.sheet(GUIDE_SHEET)
    if sheet is None:
        return False
    return any(isinstance(v, str) and "模板版本" in v and TEMPLATE_VERSION.split("-")[0] in v
               for row in sheet.rows for v in row)


def build_plan(wb: WorkbookGrid, settings: Settings = DEFAULT, mode: str = REFRESH,
               annotate: bool = False, summary_only: bool = False) -> Plan:
    """REFRESH: compute and write every owned cell, notes and 校验结果. CHECK: findings only;
    with `annotate`, also the notes and 校验结果 writes (figures left as they are).
    `summary_only`: the caller keeps the findings and the summary, not the writes (the
    汇总 scores in memory), so no notes, 校验结果 or refresh stamp are planned."""
    ctx = Context(wb, settings, mode, is_template(wb), evaluation_year(wb))
    sheets = [s for s in wb.sheets if s.name not in _NOT_CHECKED]
    tables = {s.name: find_tables(s) for s in sheets}

    for s in sheets:  # the questionnaire first: the 评分表's 满意度 row takes its rate
        surveys = [t for t in tables[s.name] if t.kind == SURVEY]
        if surveys:
            rate = evaluate_survey(ctx, s, surveys)
            if rate is not None:
                ctx.summary.setdefault("survey_rate", rate)

    for s in sheets:
        exec_result = None
        for t in tables[s.name]:
            if t.kind == FUNDS:
                exec_result = evaluate_funds(ctx, t) or exec_result
            elif t.kind == TASKS:
                exec_result = evaluate_tasks(ctx, t) or exec_result
            elif t.kind == INDICATORS:
                result = evaluate_indicators(ctx, t, exec_result)
                _sheet_summary(ctx, s, exec_result, result)
            elif t.kind == STAFF:
                evaluate_staff(ctx, t)
            elif t.kind == FUND_CONTROL:
                evaluate_fund_control(ctx, t)
            elif t.kind == BUILDINGS:
                evaluate_buildings(ctx, t)
            elif t.kind == SANGONG:
                evaluate_sangong(ctx, t)

    for s in sheets:
        scoring = None
        for t in tables[s.name]:
            if t.kind == SCORING:
                scoring = evaluate_scoring(ctx, t)
            elif t.kind == SCORING_SUMMARY:
                evaluate_summary(ctx, t, scoring or ctx.summary.get("scoring"))

    for s in sheets:
        inside = {r for t in tables[s.name] for r in range(t.header_row, t.last_row + 1)}
        crossfoot_sheet(ctx, s, inside)
    check_dates(ctx, _NOT_CHECKED)

    writes_notes = (mode == REFRESH or annotate) and not summary_only
    # the fingerprint costs a pass over every cell: only a stamp to write or a template
    # mismatch to judge (stale or typed over) needs it
    print_ = fingerprint(ctx) if ctx.deferred or (writes_notes and mode == REFRESH) else None
    if ctx.deferred:
        stamp = stamp_of(wb)
        ctx.resolve(None if stamp is None else stamp != print_)
    if mode == REFRESH:
        ctx.drop_superseded()
    findings = sort_findings(wb, ctx.findings + list(wb.notes))
    new_sheets: list = []
    if writes_notes:
        note_writes(ctx, findings)
        results_writes(ctx, findings, stamp_text(print_) if mode == REFRESH else None, new_sheets)
    ctx.summary["counts"] = counts(findings)
    ctx.summary["template"] = ctx.template
    ctx.summary["tables"] = sum(map(len, tables.values()))  # 0: no 附件 table recognised
    ctx.summary["year"] = ctx.year
    writes = sorted(ctx.writes.values(), key=lambda w: (w.sheet, w.row, w.col))
    return Plan(writes, findings, new_sheets, ctx.summary)


def _sheet_summary(ctx: Context, sheet, exec_result, result) -> None:
    name = None
    for row in sheet.rows[:8]:
        for c, v in enumerate(row):
            t = cell_text(v)
            if t.startswith(("部门(单位)名称", "部门（单位）名称", "县级预算部门", "项目名称", "单位名称")):
                name = next((cell_text(x) for x in row[c + 1:] if cell_text(x)), None)
                break
        if name:
            break
    ctx.summary.setdefault("sheets", []).append({
        "sheet": sheet.name,
        "name": name,
        "project": "项目" in sheet.name or any(
            "项目支出绩效自评表" in cell_text(v) for row in sheet.rows[:3] for v in row),
        "budget": (exec_result or {}).get("budget"),
        "executed": (exec_result or {}).get("executed"),
        "rate": (exec_result or {}).get("rate"),
        "total": result.get("total"),
        "grade": result.get("grade"),
    })
