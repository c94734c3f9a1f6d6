"""From a workbook's grids to a `Plan`: the cell writes of a refresh and the findings of
checks.md. The engine never knows which adapter (file or xlwings Book) it runs under.
Recognition (`xlperf.tables`) hands it finished tables of every kind — rows typed with
their roles, every figure read once into a `Reading` — and the evaluators score those
rows without reading a raw cell (docs/recognition.md)."""
from __future__ import annotations

from .. import TEMPLATE_VERSION
from ..findings import counts
from ..grid import WorkbookGrid
from ..layout import SHEET_GUIDE
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
)
from ..tables.parse import form_name, is_project_form, known_tables, survey_form
from .basic import evaluate_buildings, evaluate_fund_control, evaluate_sangong, evaluate_staff
from .context import CHECK, REFRESH, Context
from .crossfoot import crossfoot_sheet
from .ownership import legacy_refresh, read_record
from .results import RESULTS_SHEET, note_writes, results_writes, sort_findings
from .rowfit import fit_rows
from .scoring import evaluate_scoring, evaluate_summary
from .selfeval import evaluate_funds, evaluate_indicators, evaluate_tasks
from .survey import evaluate_survey
from .textchecks import check_dates, evaluation_year

__all__ = ["build_plan", "REFRESH", "CHECK", "is_template", "ranked_total", "OVERALL_TABLE", "SCORING_TABLE"]

GUIDE_SHEET = SHEET_GUIDE
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
    writes_notes = (mode == REFRESH or annotate) and not summary_only
    record = read_record(wb)
    ctx = Context(wb, settings, mode, is_template(wb), evaluation_year(wb), record=record,
                  records=writes_notes and mode == REFRESH,
                  legacy=not record and legacy_refresh(wb))
    sheets = [s for s in wb.sheets if s.name not in _NOT_CHECKED]
    tables = {s.name: known_tables(s) for s in sheets}
    ctx.tables = tables

    for s in sheets:  # the questionnaire first: the 评分表's 满意度 row takes its rate
        surveys = [t for t in tables[s.name] if t.kind == SURVEY]
        if surveys:
            rate = evaluate_survey(ctx, s, surveys, survey_form(s))
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
    # a sheet nobody has filled yet (a new workbook's, a project just added) asks for nothing
    untouched = {s.name for s in sheets if _untouched(tables[s.name])}
    if untouched:
        ctx.findings = [f for f in ctx.findings if not (f.code == "MISSING_VALUE" and f.sheet in untouched)]

    if mode == REFRESH:
        ctx.drop_superseded()
    findings = sort_findings(wb, ctx.findings + list(wb.notes))
    new_sheets: list = []
    if writes_notes:
        note_writes(ctx, findings)
        results_writes(ctx, findings, mode == REFRESH, new_sheets)
    ctx.summary["ranked"] = ranked_total(ctx.summary)
    ctx.summary["counts"] = counts(findings)
    ctx.summary["template"] = ctx.template
    ctx.summary["tables"] = sum(map(len, tables.values()))  # 0: no 附件 table recognised
    ctx.summary["year"] = ctx.year
    heights, fit_pages = fit_rows(ctx) if writes_notes else ([], frozenset())
    writes = sorted(ctx.writes.values(), key=lambda w: (w.sheet, w.row, w.col))
    note_cells = frozenset((sheet, r, c) for (sheet, r), c in ctx.note_cols.items())
    return Plan(writes, findings, new_sheets, ctx.summary, note_cells, frozenset(ctx.owned),
                frozenset(ctx.formulas), tuple(heights), fit_pages)


def _untouched(tables: list) -> bool:
    """A self-evaluation sheet whose 资金 figures are all blank and whose indicator table
    has no filled row: the blank form, with nothing to ask for yet."""
    forms = [t for t in tables if t.kind in (FUNDS, INDICATORS)]
    if not forms:
        return False
    for t in forms:
        if t.kind == INDICATORS and any(m["role"] == "item" for m in t.extra.get("meta", [])):
            return False
        if t.kind == FUNDS and t.facts["filled"]:
            return False
    return True


def _sheet_summary(ctx: Context, sheet, exec_result, result) -> None:
    ctx.summary.setdefault("sheets", []).append({
        "sheet": sheet.name,
        "name": form_name(sheet),
        "project": "项目" in sheet.name or is_project_form(sheet),
        "budget": (exec_result or {}).get("budget"),
        "executed": (exec_result or {}).get("executed"),
        "rate": (exec_result or {}).get("rate"),
        "total": result.get("total"),
        "stated": result.get("stated"),
        "grade": result.get("grade"),
        "notes": result.get("notes", []),
    })


OVERALL_TABLE = "整体支出自评表"
SCORING_TABLE = "评分表"


def ranked_total(summary: dict) -> dict:
    """Which 总分 grades and ranks the workbook (the 汇总 takes it as it is): the
    department's own 整体支出自评表 — the first non-project sheet with a 总分 —, else the
    评分表's. Always the rule's figure: a score over its weight counted at its weight
    (the sheet's `notes` say so). {"table", "sheet", "name", "total", "grade", "notes"}."""
    sheets = summary.get("sheets", [])
    overall = next((s for s in sheets if not s["project"] and s.get("total") is not None),
                   next((s for s in sheets if not s["project"]), None))
    out: dict = {"table": None, "sheet": None, "name": (overall or {}).get("name"),
                 "total": None, "grade": None, "notes": []}
    if overall is not None:
        out["sheet"] = overall["sheet"]
    scoring = summary.get("scoring")
    if overall is not None and overall.get("total") is not None:
        out.update(table=OVERALL_TABLE, total=overall["total"], grade=overall.get("grade"),
                   notes=list(overall.get("notes", [])))
    elif scoring and scoring.get("total") is not None:
        out.update(table=SCORING_TABLE, total=scoring["total"], grade=scoring.get("grade"))
    return out
