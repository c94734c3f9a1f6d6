"""A new .xlsx made from an .xls or .ods: what `refresh`, `add-project` and `check
--annotate` write for a workbook xlperf reads but never edits in place.

The new workbook holds the values the guarded reader read (a formula comes across as its
result), the sheets in their order, the merged cells of an .xls (calamine gives none for
an .ods) and columns sized to their text; fonts, fills, borders and print set-up do not
come across — saving the original as .xlsx in Excel, WPS or LibreOffice keeps them, and
the CLI says so. The original is never opened for writing. openpyxl builds the file: a
new workbook of xlperf's, not a user's.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..grid import WorkbookGrid
from .sniff import XLS, sniff

# What the CLI adds to its line: the user learns what the new file holds and keeps.
SAVED_AS_NOTE = ("原文件未改动；新文件只保留数值和合并单元格，如需保留原格式，"
                 "请先在 Excel、WPS 或 LibreOffice 中另存为 .xlsx 再刷新")
_MAX_WIDTH = 60  # characters; longer texts wrap in their column
_MIN_WIDTH = 6


def legacy_target(path, out=None) -> Path:
    """Where a rewrite of the .xls/.ods at `path` goes: `out`, or the same name as .xlsx."""
    return Path(os.fspath(out)) if out is not None else Path(os.fspath(path)).with_suffix(".xlsx")


@contextmanager
def xlsx_copy(wb: WorkbookGrid, source, name: str, folder) -> Iterator[Path]:
    """A temporary .xlsx named `name` (so findings carry the name of the file the user
    gets) in a private folder under `folder`, removed afterwards."""
    work = Path(tempfile.mkdtemp(prefix=".xlperf-resave-", dir=os.fspath(folder)))
    try:
        path = work / name
        write_xlsx(wb, _xls_merges(source) if sniff(source) == XLS else {}, path)
        yield path
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_xlsx(wb: WorkbookGrid, merges: dict, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    wrap = Alignment(wrap_text=True, vertical="center")
    for grid in wb.sheets:
        ws = book.create_sheet(grid.name)
        widths: dict[int, int] = {}
        for r, row in enumerate(grid.rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is None:
                    continue
                cell = ws.cell(r, c, v)
                if isinstance(v, str):
                    if cell.data_type == "f":  # typed text that starts with '=' stays text
                        cell.data_type = "s"
                    cell.alignment = wrap
                widths[c] = max(widths.get(c, 0), _display_width(v))
        for (r0, c0), (r1, c1) in merges.get(grid.name, ()):
            if (r0, c0) != (r1, c1):
                ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
        for c, w in widths.items():
            ws.column_dimensions[get_column_letter(c)].width = min(_MAX_WIDTH, max(_MIN_WIDTH, w + 2))
    if not wb.sheets:
        book.create_sheet("Sheet1")
    book.save(path)  # a new workbook xlperf builds from the values; the .xls/.ods is never written


def _display_width(value) -> int:
    text = value if isinstance(value, str) else str(value)
    longest = max(text.split("\n"), key=len, default="")
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def _xls_merges(path) -> dict:
    """sheet name → merged ranges ((r0, c0), (r1, c1)) of an .xls the guarded reader has
    just read; none when calamine cannot say (the values are what matter)."""
    import python_calamine as pc

    from .oldformats import rust_panics_silenced

    merges: dict = {}
    try:
        with rust_panics_silenced(), pc.CalamineWorkbook.from_path(os.fspath(path)) as book:
            for name in book.sheet_names:
                merges[name] = book.get_sheet_by_name(name).merged_cell_ranges or []
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # as the reader: calamine's errors and panics
        return {}
    return merges
