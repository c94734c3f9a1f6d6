"""新增项目表 through the Book API.

`xlperf add-project` copies the sheet at the zip level and empties the cells whose fill
is the template's input colour. A remote book (xlwings Server, Lite) shows values only —
no fills, no formulas — so here the input cells are found the way the engine finds
everything else: by the tables' header texts (tables.md). On the template's project
sheet they are the same cells the input fill marks (tests/test_udfs_button.py compares
the two on the shipped example). Excel itself copies the sheet, so formulas, formats,
merged cells, validations and print settings come along as in the CLI's copy.
"""
from __future__ import annotations

from xlperf.actions import blank_project_cells
from xlperf.errors import UsageError
from xlperf.grid import SheetGrid
from xlperf.plan import CellWrite, Plan
from xlperf.settings import DEFAULT, Settings
from xlperf.tables.find import FUNDS, INDICATORS, find_tables
from xlperf.tables.headers import cell_text, norm
from xlperf.templates.copying import project_copy

from .book import apply_plan, read_book

HEAD_LABELS = ("项目名称", "主管部门", "实施单位")
GOAL_LABEL = "年度总体目标"
# header keys (xlperf.tables.headers.VOCABULARY) of the columns a person fills in
FUND_INPUTS = ("budget_initial", "budget", "executed", "weight")
INDICATOR_INPUTS = ("level3", "nature", "measure", "target", "actual", "weight", "tier",
                    "deviation")


def input_cells(sheet: SheetGrid) -> set[tuple[int, int]]:
    """The cells of a 项目支出绩效自评表 that a person fills in: the form lines above the
    first table, the 资金 figures, the 年度总体目标 texts and the indicator rows' inputs
    (not 自评得分, which refresh writes, nor the 一级/二级 labels)."""
    tables = find_tables(sheet)
    first_table = min((t.header_row for t in tables), default=sheet.n_rows)
    cells: set = set()
    for r in range(first_table):
        if cell_text(sheet.value(r, 0)) in HEAD_LABELS:
            cells.update((r, c) for c in range(1, sheet.n_cols))
    for t in tables:
        if t.kind == FUNDS:
            cols = [t.cols[k] for k in FUND_INPUTS if k in t.cols]
            cells.update((r, c) for r in t.rows for c in cols)
        elif t.kind == INDICATORS:
            cols = [t.cols[k] for k in INDICATOR_INPUTS if k in t.cols]
            for meta in t.extra.get("meta", []):
                if meta["role"] == "item":
                    cells.update((meta["row"], c) for c in cols)
    headers = sorted(t.header_row for t in tables)
    for r in range(sheet.n_rows):
        if cell_text(sheet.value(r, 0)).startswith(GOAL_LABEL):
            note = next((c for c in range(sheet.n_cols) if norm(sheet.value(r, c)) == "校验说明"),
                        None)
            end = next((h for h in headers if h > r), sheet.n_rows)
            for g in range(r + 1, end):
                cells.update((g, c) for c in range(1, sheet.n_cols) if c != note)
    return cells


def copy_project_sheet(book, name: str | None, settings: Settings = DEFAULT) -> str:
    name = (name or "").strip()
    if not name:
        raise UsageError("请输入项目名称")
    wb = read_book(book, settings)
    source_name, new_name, name_cell = project_copy(wb, name)
    source = wb.sheet(source_name)
    src = book.sheets[source_name]
    src.copy(after=src, name=new_name)

    formulas = source.formulas or frozenset()
    writes = {}
    for r, c in input_cells(source):
        if source.value(r, c) is not None and (r, c) not in formulas:
            writes[(r, c)] = None
    # what the last refresh computed or noted there goes too, the defaults stay (as the CLI)
    writes.update(blank_project_cells(wb, source_name, settings, keep_formulas=True))
    if name_cell is not None:
        writes[name_cell] = name
    plan = Plan([CellWrite(new_name, r, c, v) for (r, c), v in sorted(writes.items())])
    apply_plan(book, plan, excel_notes=False)
    return new_name
