"""新增项目表 through the Book API.

`xlperf add-project` copies the sheet at the zip level and empties the cells whose fill
is the template's input colour. A remote book (xlwings Server, Lite) shows values only —
no fills, no formulas — so here the input cells are those xlperf.layout declares, found
the way the engine finds everything else: by the tables' header texts (tables.md,
xlperf.templates.copying.input_cells). On the template's sheets they are the cells the
input fill marks (tests/test_layout.py), and the button's copy ends as the CLI's
(tests/test_udfs_button.py). Excel itself copies the sheet, so formulas, formats,
merged cells, validations and print settings come along as in the CLI's copy.
"""
from __future__ import annotations

from xlperf.actions import blank_project_cells
from xlperf.errors import UsageError
from xlperf.plan import CellWrite, Plan
from xlperf.settings import DEFAULT, Settings
from xlperf.templates.copying import input_cells, project_copy

from .book import apply_plan, read_book


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
