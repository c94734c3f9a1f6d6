"""The refresh's record of the cells it owns: what it wrote in each, and the figure a
person had typed there before it replaced it.

Kept as cell values on the 校验结果 sheet (columns RECORD_COL and RECORD_COL + 1, right of
the findings table), so every front end reads it — an xlwings remote book shows values
only. One row per sheet (a long sheet's entries continue on further rows): the sheet name,
then a compact JSON object {"I12": "10"} or, for a cell that replaced a typed figure,
{"I12": ["10", "9"]}. A later check compares cell by cell: a cell that still holds what
the refresh wrote is the refresh's (stale when its inputs changed since); one holding
anything else was typed over.
"""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation

from ..grid import WorkbookGrid, a1, parse_a1
from ..layout import SHEET_RESULTS

RESULTS_SHEET = SHEET_RESULTS
RECORD_COL = 26  # column AA: right of the findings table and of its printed area
RECORD_TITLE = "刷新记录"
RECORD_HINT = "xlperf 据此区分过期得分与手填得分，请勿修改"
_CHUNK = 30_000  # characters per cell: Excel holds at most 32,767
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)

# (sheet, row, col) → (what the refresh left in the cell, the typed figure it replaced)
Record = dict[tuple[str, int, int], tuple[str, "str | None"]]


def canonical(v) -> str | None:
    """One spelling per value, whichever adapter read it (calamine or Office.js)."""
    if type(v) is str:  # most cells: the answer of the last line below, without the tests
        return v.strip() or None
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (dt.datetime, dt.date)):
        when = v if isinstance(v, dt.datetime) else dt.datetime(v.year, v.month, v.day)
        v = (when - _EXCEL_EPOCH).total_seconds() / 86400
    if isinstance(v, (int, float, Decimal)):
        try:
            d = Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
            return format(d.normalize(), "f")
        except InvalidOperation:
            return str(v)
    return str(v).strip() or None


def read_record(wb: WorkbookGrid) -> Record:
    """The record the last refresh left; empty when there is none or it is unreadable
    (then every differing computed cell counts as typed over, the safe side)."""
    sheet = wb.sheet(RESULTS_SHEET)
    out: Record = {}
    if sheet is None:
        return out
    for row in sheet.rows[1:]:
        if len(row) <= RECORD_COL + 1:
            continue
        name, text = row[RECORD_COL], row[RECORD_COL + 1]
        if not isinstance(name, str) or not isinstance(text, str):
            continue
        try:
            entries = json.loads(text)
        except ValueError:
            continue
        if not isinstance(entries, dict):
            continue
        for ref, v in entries.items():
            try:
                r, c = parse_a1(ref)
            except (TypeError, ValueError):
                continue
            if isinstance(v, str):
                out[(name, r, c)] = (v, None)
            elif isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) for x in v):
                out[(name, r, c)] = (v[0], v[1])
    return out


# The stamp xlperf wrote before the record existed (a workbook-wide hash of the inputs).
_LEGACY_STAMP = "输入指纹"


def legacy_refresh(wb: WorkbookGrid) -> bool:
    """Refreshed by an xlperf that kept no record: its computed cells were written by that
    refresh or typed over since, and nothing tells which."""
    sheet = wb.sheet(RESULTS_SHEET)
    return sheet is not None and any(
        isinstance(v, str) and _LEGACY_STAMP in v for row in sheet.rows[:3] for v in row)


def record_cells(record: Record) -> dict[tuple[int, int], str]:
    """(row, col) → value of the record's cells on the 校验结果 sheet, title row first."""
    by_sheet: dict[str, dict[str, object]] = {}
    for (name, r, c), (written, typed) in sorted(record.items()):
        by_sheet.setdefault(name, {})[a1(r, c)] = written if typed is None else [written, typed]
    cells: dict[tuple[int, int], str] = {(0, RECORD_COL): RECORD_TITLE, (0, RECORD_COL + 1): RECORD_HINT}
    row = 1
    for name, entries in by_sheet.items():
        chunk: dict[str, object] = {}
        size = 0
        items = list(entries.items())
        for i, (ref, v) in enumerate(items):
            chunk[ref] = v
            size += len(ref) + len(json.dumps(v, ensure_ascii=False)) + 2
            if size >= _CHUNK or i == len(items) - 1:
                cells[(row, RECORD_COL)] = name
                cells[(row, RECORD_COL + 1)] = json.dumps(chunk, ensure_ascii=False, separators=(",", ":"))
                row += 1
                chunk, size = {}, 0
    return cells
