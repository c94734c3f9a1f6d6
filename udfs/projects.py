"""新增项目表 through the Book API.

`xlperf add-project` copies the sheet at the zip level and empties the cells whose fill
is the template's input colour. A remote book (xlwings Server, Lite) shows values only —
no fills, no formulas — so here the input cells are those xlperf.layout declares, found
the way the engine finds everything else: by the tables' header texts (tables.md,
xlperf.templates.copying.input_cells). On the template's sheets they are the cells the
input fill marks (tests/test_layout.py), and the button's copy ends as the CLI's
(tests/test_udfs_button.py). Excel itself copies the sheet, so formulas, formats,
merged cells, validations and print settings come along as in the CLI's copy.

A workbook without a project sheet (`xlperf new --projects 0`) has nothing to copy: the
button builds the sheet the CLI inserts (xlperf.actions.add_template_project: the
template builder's blank project sheet) through Book API calls every xlwings engine,
the remote one included, supports — a new sheet after 附件2, its values and formulas in
one block, merges, number formats, fills, fonts, wrapping, column widths and row
heights. Data validations and print settings need the CLI (no remote Book API for them).
"""
from __future__ import annotations

import os
import tempfile
from itertools import groupby

from xlperf import layout as L
from xlperf.actions import blank_project_cells
from xlperf.errors import UsageError
from xlperf.plan import CellWrite, Plan
from xlperf.settings import DEFAULT, Settings
from xlperf.templates.copying import project_copy

from .book import apply_plan, is_remote, read_book

# openpyxl's width unit (characters of the default font) in points, as the remote engine
# takes column widths (desktop Excel takes characters): 7 px a character plus 5 px padding
_PT_PER_CHAR, _PT_PADDING = 5.25, 3.75


def copy_project_sheet(book, name: str | None, settings: Settings = DEFAULT) -> str:
    name = (name or "").strip()
    if not name:
        raise UsageError("请输入项目名称")
    wb = read_book(book, settings)
    if not any(s.name.startswith(L.PROJECT_PREFIX) for s in wb.sheets):
        return _template_sheet(book, wb, name, settings)
    source_name, new_name, name_cell = project_copy(wb, name)
    src = book.sheets[source_name]
    src.copy(after=src, name=new_name)

    # inputs and what the last refresh computed or noted go, the defaults stay (as the CLI)
    writes = blank_project_cells(wb, source_name, settings, keep_formulas=True)
    if name_cell is not None:
        writes[name_cell] = name
    plan = Plan([CellWrite(new_name, r, c, v) for (r, c), v in sorted(writes.items())])
    apply_plan(book, plan, excel_notes=False)
    return new_name


def _template_sheet(book, wb, name: str, settings: Settings) -> str:
    """The template's blank project sheet, titled for this workbook, after 附件2."""
    from openpyxl import load_workbook

    from xlperf.actions import build_template_project

    with tempfile.TemporaryDirectory(prefix="xlperf-project-") as tmp:
        path = os.path.join(tmp, "project.xlsx")
        new_name = build_template_project(wb, name, path, settings)
        built = load_workbook(path)
    ws = next(built[n] for n in built.sheetnames if n.startswith(L.PROJECT_PREFIX))
    names = [s.name for s in book.sheets]
    after = book.sheets[L.SHEET_OVERALL if L.SHEET_OVERALL in names else names[-1]]
    sheet = book.sheets.add(name=new_name, after=after)
    _draw(sheet, ws, remote=is_remote(book))
    return new_name


def _draw(sheet, ws, remote: bool) -> None:
    """`ws` (an openpyxl sheet) drawn onto the Book sheet `sheet`."""
    n_rows, n_cols = ws.max_row, ws.max_column
    grid = [["" if c.value is None else c.value for c in row]
            for row in ws.iter_rows(min_row=1, max_row=n_rows, max_col=n_cols)]
    sheet.range((1, 1), (n_rows, n_cols)).formula = grid
    for merged in ws.merged_cells.ranges:
        sheet.range(merged.coord).merge()
    looks = {
        "number_format": lambda c: None if c.number_format == "General" else c.number_format,
        "color": lambda c: "#" + c.fill.fgColor.rgb[-6:] if c.fill.fill_type == "solid" else None,
        "wrap_text": lambda c: True if c.alignment.wrap_text else None,
        "bold": lambda c: True if c.font.b else None,
        "size": lambda c: c.font.sz if c.font.sz and float(c.font.sz) != 11 else None,
    }
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=n_rows, max_col=n_cols), start=1):
        for what, look in looks.items():
            c = 1
            for value, run in groupby(row, key=look):
                width = len(list(run))
                if value is not None:
                    target = sheet.range((r, c), (r, c + width - 1))
                    if what in ("bold", "size"):
                        setattr(target.font, what, float(value) if what == "size" else value)
                    else:
                        setattr(target, what, value)
                c += width
        height = ws.row_dimensions[r].height
        if height is not None and ws.row_dimensions[r].customHeight:
            sheet.range((r, 1)).row_height = height
    for dim in ws.column_dimensions.values():
        if dim.width and dim.min:
            width = dim.width * _PT_PER_CHAR + _PT_PADDING if remote else dim.width
            sheet.range((1, dim.min), (1, dim.max)).column_width = width
