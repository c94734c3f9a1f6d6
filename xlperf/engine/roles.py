"""Which cells of a sheet hold what, by the layout's roles (xlperf.layout): the tables
found by header (tables.md) mapped column by column to the declared input / formula /
refresh / note roles, so inserted rows and moved blocks are followed and nothing depends
on a fill colour (remote books show values only). The engine takes its formula cells from
here; add-project (CLI and button) its input and refresh cells (templates/copying.py)."""
from __future__ import annotations

from collections.abc import Iterable

from .. import layout as L
from ..grid import SheetGrid
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
    Table,
)
from ..tables.headers import cell_text, norm

_TOTAL_ROW = norm(L.FUNDS_TOTAL_LABEL)
# labels compared row by row, normalised once (the engine maps every sheet it refreshes)
_LINKED = norm(L.SCORING_LINKED)
_FC_SANGONG, _FC_PROJECTS = norm(L.FUND_CONTROL_SANGONG), norm(L.FUND_CONTROL_PROJECTS)
_FC_FIXED = frozenset(norm(x) for x in L.FUND_CONTROL_HEAD + L.FUND_CONTROL_TAIL)
_SANGONG_TOTAL = norm(L.SANGONG_TOTAL)
_SURVEY_RESPONDENTS, _SURVEY_POINTS = norm(L.SURVEY_RESPONDENTS), norm(L.SURVEY_POINTS)
_SURVEY_SUMS = (norm(L.SURVEY_TOTAL), norm(L.SURVEY_RATE))
_HEADS = frozenset(norm(x) for x in (*L.PROJECT_HEAD, *L.OVERALL_HEAD))
Cell = tuple[int, int]  # 0-based (row, column)


def _cols(t: Table, keys: Iterable[str]) -> list[int]:
    return [t.cols[k] for k in keys if k in t.cols]


def _label_row(sheet: SheetGrid, start: int, labels: tuple[str, ...], upto: int = 8) -> int | None:
    """The first row from `start` with one of `labels` in its first `upto` columns."""
    wanted = {norm(x) for x in labels}
    for r in range(start, sheet.n_rows):
        if any(norm(sheet.value(r, c)) in wanted for c in range(upto)):
            return r
    return None


def _keys(table: L.Table, role: str, also: tuple[str, ...] = ()) -> tuple[str, ...]:
    return table.keys(role) + tuple(k for k in also if k not in table.keys(role))


def table_cells(sheet: SheetGrid, t: Table, role: str) -> set[Cell]:
    """The cells of one found table whose role in the layout is `role`: its declared
    columns on its data rows, and the rows the layout treats apart (年度资金总额, 合计,
    总分, 等级, the 满意度 row of the 评分表)."""
    out: set[Cell] = set()

    def put(rows: Iterable[int], keys: Iterable[str]) -> None:
        cols = _cols(t, keys)
        out.update((r, c) for r in rows for c in cols)

    # the columns of each kind of row worked out once per table, not once per row
    if t.kind == FUNDS:
        declared = L.FUNDS_PROJECT.keys(role)
        total_cols = _cols(t, declared)
        line_cols = _cols(t, [k for k in declared if k not in ("weight", "score")])
        for r in t.rows:
            label = t.label(r)
            if norm(label) == _TOTAL_ROW:
                out.update((r, c) for c in total_cols)
            elif any(t.v(r, k) is not None for k in ("budget_initial", "budget", "executed")) \
                    or not label.endswith(("：", ":")):  # 按收入性质分： is a label row
                out.update((r, c) for c in line_cols)
    elif t.kind == TASKS:
        first = t.header_row + 1
        total = _label_row(sheet, first, (L.TASKS_TOTAL_LABEL,))
        end = total if total is not None else (max(t.rows) + 1 if t.rows else first)
        put(range(first, end), L.TASKS.keys(role))
        if total is not None:
            money = tuple(c.key for c in L.TASKS.columns if c.fmt == L.FMT_MONEY)
            put([total], {L.FORMULA: money + ("rate",), L.NOTE: ("note",)}.get(role, ()))
    elif t.kind == INDICATORS:
        total, grade = t.extra.get("total_row"), t.extra.get("grade_row")
        rows = range(t.header_row + 1, total) if total is not None else [m["row"] for m in t.extra.get("meta", [])]
        put(rows, L.INDICATORS.keys(role))
        if role == L.FORMULA:
            put([total] if total is not None else [], ("weight", "score"))
            put([grade] if grade is not None else [], ("score",))
        elif role == L.NOTE:
            put([r for r in (total, grade) if r is not None], ("note",))
    elif t.kind == SCORING:
        keys = L.SCORING.keys(role)
        row_cols = _cols(t, keys)
        # 评分数据 from the 满意度问卷
        linked = tuple(k for k in keys if k not in ("data_actual", "data_plan"))
        linked_cols = _cols(t, linked + (("data_actual",) if role == L.FORMULA else ()))
        for m in t.extra.get("meta", []):
            r = m["row"]
            out.update((r, c) for c in (linked_cols if norm(m["name"]) == _LINKED else row_cols))
    elif t.kind == SCORING_SUMMARY:
        grade_cols = _cols(t, {L.FORMULA: ("score",), L.NOTE: ("note",)}.get(role, ()))
        row_cols = _cols(t, _keys(L.SCORING_SUMMARY, role))
        total_cols = _cols(t, _keys(L.SCORING_SUMMARY, role, ("weight",) if role == L.FORMULA else ()))
        for r in t.rows:
            label = norm(t.label(r))
            cols = grade_cols if label == "等级" else total_cols if label == "合计" else row_cols
            out.update((r, c) for c in cols)
    elif t.kind in (STAFF, BUILDINGS):
        put(t.rows, (L.STAFF if t.kind == STAFF else L.BUILDINGS).keys(role))
    elif t.kind == FUND_CONTROL:
        figures = ("prev_final", "budget", "final")
        summed, fixed = (_FC_SANGONG, _FC_PROJECTS), _FC_FIXED
        labels = [norm(t.label(r)) for r in t.rows]
        projects = next((r for r, label in zip(t.rows, labels) if label == _FC_PROJECTS), None)
        sum_cols = _cols(t, {L.FORMULA: figures, L.NOTE: ("note",)}.get(role, ()))
        row_cols = _cols(t, {L.INPUT: figures, L.NOTE: ("note",)}.get(role, ()))
        for r, label in zip(t.rows, labels):
            out.update((r, c) for c in (sum_cols if label in summed else row_cols))
            if role == L.INPUT and projects is not None and r > projects and label not in fixed:
                out.add((r, t.label_col))  # a 项目支出 item's name is typed
    elif t.kind == SURVEY:
        put(t.rows, L.SURVEY.keys(role))
        question, score = t.extra.get("question_row"), t.extra.get("score_row")
        if role == L.INPUT and question is not None:
            out.add((question, t.cols["option"]))
        if role == L.FORMULA and score is not None:
            put([score], ("count",))
        if role == L.NOTE:
            put([r for r in (score,) if r is not None], ("note",))
    elif t.kind == SANGONG:
        sums = ("current", "initial", "previous")
        keys = L.SANGONG.keys(role)
        row_cols = _cols(t, keys)
        total_cols = _cols(t, tuple(k for k in keys if k not in sums) + (sums if role == L.FORMULA else ()))
        for r in t.rows:
            cols = total_cols if norm(t.label(r)) == _SANGONG_TOTAL else row_cols
            out.update((r, c) for c in cols)
    return out


def role_cells(sheet: SheetGrid, tables: list[Table], role: str) -> set[Cell]:
    """The cells of `sheet` whose layout role is `role`, from the tables found on it
    (`find_tables(sheet)`: the caller has them already, or finds them)."""
    cells: set[Cell] = set()
    for t in tables:
        cells |= table_cells(sheet, t, role)
    return cells | _form_cells(sheet, tables, role)


def _form_cells(sheet: SheetGrid, tables: list[Table], role: str) -> set[Cell]:
    """Cells outside the tables found by header: the form lines above the first table
    (项目名称 …), the 年度总体目标 texts, 厉行节约, and the questionnaire's 有效问卷数,
    选项分值 and totals."""
    cells = _survey_cells(sheet, role) if any(t.kind == SURVEY for t in tables) else set()
    if role not in (L.INPUT, L.NOTE):
        return cells
    first = min((t.header_row for t in tables), default=sheet.n_rows)
    key = "value" if role == L.INPUT else "note"
    cells |= {(r, L.HEAD.start(key) - 1) for r in range(first) if norm(sheet.value(r, 0)) in _HEADS}
    goal = _label_row(sheet, 0, (L.GOAL.column("label").header,), upto=1)
    if goal is not None:
        keys = ("expected", "actual") if role == L.INPUT else ("note",)
        cells.update((goal + 1, L.GOAL.start(k) - 1) for k in keys)
    thrift = _label_row(sheet, 0, (L.THRIFT.column("label").header,), upto=1)
    if thrift is not None:
        cells.update((thrift, L.THRIFT.start(k) - 1) for k in L.THRIFT.keys(role))
    return cells


def _survey_cells(sheet: SheetGrid, role: str) -> set[Cell]:
    cells: set[Cell] = set()
    for r in range(sheet.n_rows):
        label = norm(sheet.value(r, 0))
        if role == L.INPUT and label == _SURVEY_RESPONDENTS:
            cells.add((r, 1))
        elif role == L.INPUT and label == _SURVEY_POINTS:
            row = sheet.rows[r]
            cells.update((r, c + 1) for c, v in enumerate(row) if cell_text(v) in L.SURVEY_LETTERS)
        elif label in _SURVEY_SUMS:
            cells |= {L.FORMULA: {(r, 1)}, L.NOTE: {(r, L.SURVEY.start("note") - 1)}}.get(role, set())
    return cells
