"""A stand-in for the Office.js client of xlwings Server and xlwings Lite.

`book_payload(path)` reads a workbook file with python-calamine and builds the JSON that
the client sends with every script call and that `xlwings.Book(json=...)` takes: the
book (name, active sheet, selection), its names, and per sheet its values from A1 to the
last used cell, empty cells as "", whole numbers as JSON integers, date cells as ISO
strings (as the client sends a cell whose number format is a date).

`Replay` applies the actions that `book.json()` returns to those values the way Excel
does: `setValues` stores numbers, clears on "" or None, and keeps text after a leading
apostrophe verbatim (the apostrophe is Excel's text prefix, not part of the value);
sheets are added, copied and renamed; notes and alerts are recorded.
"""
from __future__ import annotations

import copy
import datetime as dt
import os
import zipfile

import python_calamine as pc
import xlwings
from lxml import etree

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def officejs_value(v):
    """One cell as the Office.js client sends it."""
    if v is None or v == "":
        return ""
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        # JSON has one number type; a whole number arrives in Python as an int
        return int(v) if v.is_integer() and abs(v) < 2 ** 53 else v
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(v, dt.date):
        return f"{v.isoformat()}T00:00:00.000Z"
    if isinstance(v, dt.time):
        return f"1899-12-30T{v.isoformat()}.000Z"
    if isinstance(v, dt.timedelta):
        return (dt.datetime(1899, 12, 30) + v).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return v


def _defined_names(path) -> list[dict]:
    """Workbook-scoped names as the client lists them (Excel's built-in _xlnm names are
    not in Office.js' `workbook.names`)."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("xl/workbook.xml"))
    out = []
    for el in root.iterfind("m:definedNames/m:definedName", _NS):
        name = el.get("name", "")
        if name.startswith("_xlnm.") or el.get("localSheetId") is not None:
            continue
        out.append({"name": name, "refers_to": "=" + (el.text or ""), "sheet_index": None,
                    "address": None, "book_scope": True, "scope_sheet_index": None,
                    "scope_sheet_name": None})
    return out


def book_payload(path, active_sheet: int = 0) -> dict:
    wb = pc.CalamineWorkbook.from_path(os.fspath(path))
    sheets = []
    with wb:
        for meta in wb.sheets_metadata:
            if not str(meta.typ).lower().endswith("worksheet"):  # chart/macro sheets
                continue
            rows = wb.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            width = max((len(r) for r in rows), default=0)
            values = [[officejs_value(v) for v in r] + [""] * (width - len(r)) for r in rows]
            sheets.append({
                "name": meta.name,
                "values": values or [[""]],
                "visibility": "Visible",
                "show_gridlines": True,
                "pictures": [], "shapes": [], "charts": [], "tables": [],
                "pivot_tables": [], "notes": [], "notes_supported": True,
                "print_area": None,
            })
    return {
        "client": "Office.js",
        "version": xlwings.__version__,
        "book": {"name": os.path.basename(path), "active_sheet_index": active_sheet,
                 "selection": "A1"},
        "names": _defined_names(path),
        "sheets": sheets,
    }


def excel_cell(v):
    """What Excel stores for one value of a setValues action."""
    if v is None or v == "":
        return None
    if isinstance(v, str) and v.startswith("'"):
        return v[1:]
    if isinstance(v, int) and not isinstance(v, bool):
        return float(v)
    return v


class Replay:
    """The workbook as Excel holds it after the client ran the actions."""

    def __init__(self, payload: dict):
        self.names = [s["name"] for s in payload["sheets"]]
        self.cells: list[dict] = []
        for s in payload["sheets"]:
            grid = {}
            for r, row in enumerate(s["values"]):
                for c, v in enumerate(row):
                    if v != "" and v is not None:
                        grid[(r, c)] = excel_cell(v)
            self.cells.append(grid)
        self.notes: dict = {}  # (sheet name, A1) → text
        self.alerts: list[str] = []
        self.calls: dict = {}
        # formatting actions: (sheet name, func) → [((row, col, rows, cols), args)]
        self.formats: dict = {}

    def sheet(self, name: str) -> dict:
        return self.cells[self.names.index(name)]

    def run(self, actions: list[dict]) -> Replay:
        for a in actions:
            func = a["func"]
            self.calls[func] = self.calls.get(func, 0) + 1
            getattr(self, "_" + func)(a)
        return self

    def _setValues(self, a):
        grid = self.cells[a["sheet_position"]]
        rows = a["values"]
        assert len(rows) == a["row_count"] and all(len(r) == a["column_count"] for r in rows)
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                key = (a["start_row"] + i, a["start_column"] + j)
                value = excel_cell(v)
                if value is None:
                    grid.pop(key, None)
                else:
                    grid[key] = value

    def _setFormula(self, a):
        self._setValues(a)  # formulas held as their text, values as values

    def _format(self, a):
        where = (a["start_row"], a["start_column"], a["row_count"], a["column_count"])
        self.formats.setdefault((self.names[a["sheet_position"]], a["func"]), []).append((where, a["args"]))

    _rangeMerge = _setNumberFormat = _setRangeColor = _setColumnWidth = _format
    _setWrapText = _setFontProperty = _setRowHeight = _format

    def _addSheet(self, a):
        ix, name = a["args"]
        self.names.insert(ix, name)
        self.cells.insert(ix, {})

    def _copySheet(self, a):
        position, target_ix, name = a["args"]
        source = self.cells[a["sheet_position"]]
        ix = target_ix if position == "Before" else target_ix + 1
        self.names.insert(ix, name)
        self.cells.insert(ix, copy.deepcopy(source))

    def _setSheetName(self, a):
        self.names[a["sheet_position"]] = a["args"][0]

    def _addNote(self, a):
        address, text = a["args"]
        self.notes[(self.names[a["sheet_position"]], address.replace("$", ""))] = text

    def _setNoteText(self, a):
        self._addNote(a)

    def _deleteNote(self, a):
        self.notes.pop((self.names[a["sheet_position"]], a["args"][0].replace("$", "")), None)

    def _alert(self, a):
        self.alerts.append(a["args"][0])

    def _setScreenUpdating(self, a):
        pass
