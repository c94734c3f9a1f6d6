"""Edits inside one worksheet part: find or create a cell, store a value, grow the
dimension. Everything not addressed keeps its attributes and order; lxml keeps the
prefixes, `mc:Ignorable` and extension lists of the rest of the part.
"""
from __future__ import annotations

import bisect
import re
from decimal import Decimal

from lxml import etree

from .. import layout as L
from ..grid import a1, col_index, parse_a1
from . import xmlutil as X
from .pagefit import DEFAULT_HEIGHT, DEFAULT_WIDTH, Measures, row_height

# CT_Worksheet's sequence up to sheetData: where a missing sheetData goes
_BEFORE_DATA = ("sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData")
_MAX_TEXT = 32767  # Excel's limit per cell; longer text makes Excel "repair" the file
_SPANS = re.compile(r"^(\d+):(\d+)$")
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?\d+$")


def _number(value) -> str:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot write {value} into a cell")
        return format(value, "f")
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"cannot write {value} into a cell")
        return repr(value)
    return str(int(value))


class SheetEditor:
    def __init__(self, data: bytes, part: str):
        self.original = data
        self.root = X.parse(data, part)
        self.ns = X.main_ns(self.root)
        self._names: dict[str, str] = {}
        data_el = X.child(self.root, "sheetData")
        if data_el is None:
            data_el = etree.Element(self._q("sheetData"))
            X.insert_in_order(self.root, data_el, _BEFORE_DATA)
        self.data = data_el
        self._rows: dict[int, etree._Element] = {}
        self._row_keys: list[int] = []
        self._cells: dict[int, dict[int, etree._Element]] = {}
        self._index_rows()
        self._col_styles = self._read_col_styles()
        self._grown: list[tuple[int, int]] = []
        self.resized = False  # a row height or the page fit changed
        self._widths: list[tuple[int, int, float]] | None = None  # the <cols> widths, read once

    def _q(self, name: str) -> str:
        q = self._names.get(name)
        if q is None:
            q = self._names[name] = f"{{{self.ns}}}{name}" if self.ns else name
        return q

    # -- indexing ------------------------------------------------------------------
    def _index_rows(self) -> None:
        r = 0
        implicit = False
        for el in self.data.iterchildren(self._q("row")):
            ref = el.get("r")
            if ref and ref.isdigit():
                r = int(ref)
            else:
                r += 1
                implicit = True
            self._rows[r - 1] = el
        if implicit:
            # r is optional; before inserting anything, make every position explicit so
            # a new row cannot shift the implied numbers of the rows after it
            for row, el in self._rows.items():
                el.set("r", str(row + 1))
        self._row_keys = sorted(self._rows)

    def _read_col_styles(self) -> list[tuple[int, int, str]]:
        out = []
        cols = X.child(self.root, "cols")
        for c in X.children(cols, "col") if cols is not None else []:
            if c.get("style") and c.get("min") and c.get("max"):
                out.append((int(c.get("min")) - 1, int(c.get("max")) - 1, c.get("style")))
        return out

    def _row_cells(self, row: int) -> dict[int, etree._Element]:
        cells = self._cells.get(row)
        if cells is None:
            cells = {}
            col = -1
            implicit = False
            for c in self._rows[row].iterchildren(self._q("c")):
                m = _CELL_REF.match(c.get("r") or "")
                if m:
                    col = _col(m.group(1))
                else:
                    col += 1
                    implicit = True
                cells[col] = c
            if implicit:
                for col, c in cells.items():
                    c.set("r", a1(row, col))
            self._cells[row] = cells
        return cells

    # -- lookup and creation ---------------------------------------------------------
    def find(self, row: int, col: int):
        if row not in self._rows:
            return None
        return self._row_cells(row).get(col)

    def cell(self, row: int, col: int) -> etree._Element:
        """The <c> at (row, col), created in order if missing."""
        row_el = self._rows.get(row)
        if row_el is None:
            row_el = self._new_row(row)
        cells = self._row_cells(row)
        c = cells.get(col)
        if c is not None:
            return c
        c = etree.Element(self._q("c"))
        c.set("r", a1(row, col))
        style = self._new_cell_style(row_el, col)
        if style is not None:
            c.set("s", style)
        after = min((k for k in cells if k > col), default=None)
        if after is not None:
            cells[after].addprevious(c)
        else:
            last = cells[max(cells)] if cells else None
            if last is not None:
                last.addnext(c)
            else:
                row_el.insert(0, c)  # before a row-level extLst, if any
        cells[col] = c
        self._widen_spans(row_el, col)
        self._grown.append((row, col))
        return c

    def _new_row(self, row: int) -> etree._Element:
        el = etree.Element(self._q("row"))
        el.set("r", str(row + 1))
        i = bisect.bisect_left(self._row_keys, row)
        if i < len(self._row_keys):
            self._rows[self._row_keys[i]].addprevious(el)
        else:
            self.data.append(el)
        self._row_keys.insert(i, row)
        self._rows[row] = el
        self._cells[row] = {}
        return el

    def _new_cell_style(self, row_el, col: int) -> str | None:
        # Excel's own rule for a new cell: the row's format if the row has one, else the
        # column's, else none
        if row_el.get("customFormat") in ("1", "true") and row_el.get("s"):
            return row_el.get("s")
        for lo, hi, style in self._col_styles:
            if lo <= col <= hi:
                return style
        return None

    @staticmethod
    def _widen_spans(row_el, col: int) -> None:
        spans = row_el.get("spans")
        if not spans:
            return
        parts = [_SPANS.match(p) for p in spans.split()]
        if not all(parts):
            del row_el.attrib["spans"]  # an optimisation hint only; wrong is worse than none
            return
        lo = min(int(m.group(1)) for m in parts)
        hi = max(int(m.group(2)) for m in parts)
        if not lo <= col + 1 <= hi:
            row_el.set("spans", f"{min(lo, col + 1)}:{max(hi, col + 1)}")

    # -- values --------------------------------------------------------------------
    def set_value(self, row: int, col: int, value) -> None:
        """A formula cell keeps its formula and gets `value` as cached result; any other
        cell gets a number, an inline string (sharedStrings.xml stays untouched) or
        nothing. The style attribute is never touched."""
        c = self.cell(row, col) if value is not None else self.find(row, col)
        if c is None:
            return  # clearing a cell that does not exist
        has_formula = c.find(self._q("f")) is not None
        _strip_value(c)
        if value is None:
            return
        if isinstance(value, bool):
            c.set("t", "b")
            self._v(c, "1" if value else "0")
        elif isinstance(value, (Decimal, int, float)):
            self._v(c, _number(value))
        else:
            text = X.xstring(str(value)[:_MAX_TEXT])
            if has_formula:
                c.set("t", "str")
                self._v(c, text)
            else:
                c.set("t", "inlineStr")
                is_el = etree.Element(self._q("is"))
                t = etree.SubElement(is_el, self._q("t"))
                t.set(f"{{{X.XML_NS}}}space", "preserve")
                t.text = text
                self._insert_child(c, is_el)

    def fit_row_height(self, row: int, col: int, text: str) -> None:
        """Grow a row that has a height so that a note written into it can be read and
        printed, where the plan decides no height for the row (a workbook the layout does
        not describe, 校验结果). A merged cell counts its whole width. Never shrinks: the
        row's other cells may need the height, and nothing here knows them."""
        row_el = self._rows.get(row)
        if row_el is None or not text:
            return
        first, last = self._merged_columns(row, col)
        width = sum(self._col_width(c) for c in range(first, last + 1))
        needed = round(L.text_height(text, width), 1)
        current = row_el.get("ht")
        if current is not None and float(current) >= needed:
            return
        self.set_row_height(row, needed)

    def set_row_height(self, row: int, height: float) -> None:
        """Store `height` (points) as the row's height. A fixed height stays fixed and an
        automatic one automatic (Excel and WPS grow it as a person types; LibreOffice
        shows a stored height as it is, so the row needs one)."""
        row_el = self._rows.get(row)
        if row_el is None:
            row_el = self._new_row(row)
            self.resized = True
        text = format(height, "g")
        if row_el.get("ht") == text:
            return
        self.resized = True
        row_el.set("ht", text)
        if row_el.get("customHeight") in ("1", "true"):
            row_el.set("customHeight", "1")

    def fit_pages(self, landscape: bool, printed_cols: int, last_row: int | None,
                  titles: tuple[int, int] | None) -> None:
        """Set the pages-tall fit of a sheet printed one page wide from its row heights
        and printed column widths as they now are (xlperf.layout.fit_to_height: no
        orphan last page). A sheet without a page set-up is left as it is."""
        setup = X.child(self.root, "pageSetup")
        if setup is None:
            return
        fmt = X.child(self.root, "sheetFormatPr")
        default = float((fmt.get("defaultRowHeight") if fmt is not None else None) or DEFAULT_HEIGHT)
        self._col_width(0)  # reads the <cols> widths
        measures = Measures({r: row_height(el.get("ht"), el.get("hidden"), default) for r, el in self._rows.items()},
                            default, self._widths or [], self._default_width())
        pages = measures.fit(landscape, printed_cols, last_row, titles)
        for attr, value in (("fitToHeight", str(pages)), ("fitToWidth", "1")):
            if setup.get(attr, "1") != value:
                setup.set(attr, value)
                self.resized = True
        self._fit_to_page()

    def _fit_to_page(self) -> None:
        pr = X.child(self.root, "sheetPr")
        if pr is None:
            pr = etree.Element(self._q("sheetPr"))
            self.root.insert(0, pr)
        fit = X.child(pr, "pageSetUpPr")
        if fit is None:
            fit = etree.SubElement(pr, self._q("pageSetUpPr"))  # last in CT_SheetPr
        if fit.get("fitToPage") not in ("1", "true"):
            fit.set("fitToPage", "1")
            self.resized = True

    def _merged_columns(self, row: int, col: int) -> tuple[int, int]:
        """The columns of the merged range whose top-left cell is (row, col), else (col, col)."""
        merges = X.child(self.root, "mergeCells")
        for m in X.children(merges, "mergeCell") if merges is not None else []:
            ref = m.get("ref", "")
            if ":" not in ref:
                continue
            try:
                (r1, c1), (_r2, c2) = (parse_a1(x) for x in ref.split(":", 1))
            except ValueError:
                continue
            if r1 == row and c1 == col:
                return c1, c2
        return col, col

    def _col_width(self, col: int) -> float:
        if self._widths is None:
            self._widths = []
            cols = X.child(self.root, "cols")
            for c in X.children(cols, "col") if cols is not None else []:
                if c.get("min") and c.get("max") and c.get("width"):
                    self._widths.append((int(c.get("min")) - 1, int(c.get("max")) - 1, float(c.get("width"))))
        for lo, hi, width in self._widths:
            if lo <= col <= hi:
                return width
        return self._default_width()

    def _default_width(self) -> float:
        fmt = X.child(self.root, "sheetFormatPr")
        if fmt is not None and fmt.get("defaultColWidth"):
            return float(fmt.get("defaultColWidth"))
        return DEFAULT_WIDTH

    def _v(self, c, text: str) -> None:
        v = etree.Element(self._q("v"))
        v.text = text
        self._insert_child(c, v)

    @staticmethod
    def _insert_child(c, el) -> None:
        f = X.child(c, "f")
        if f is not None:
            f.addnext(el)
        else:
            c.insert(0, el)

    def clear_styled(self, styles: set[str]) -> int:
        """Empty every cell (formulas excepted) whose style index is in `styles`; a cell
        without `s` has style 0. Returns how many cells lost a value."""
        n = 0
        for row in self._row_keys:
            for c in self._row_cells(row).values():
                if c.get("s", "0") not in styles or X.child(c, "f") is not None:
                    continue
                n += _strip_value(c)
        return n

    # -- bookkeeping ---------------------------------------------------------------
    def _grow_dimension(self) -> None:
        dim = X.child(self.root, "dimension")
        if dim is None or not self._grown:
            return
        ref = dim.get("ref", "A1")
        try:
            first, _, last = ref.partition(":")
            r0, c0 = parse_a1(first)
            r1, c1 = parse_a1(last or first)
        except ValueError:
            return
        empty = ref == "A1" and not self._has_other_cells()
        rows = [r for r, _ in self._grown] + ([] if empty else [r0, r1])
        cols = [c for _, c in self._grown] + ([] if empty else [c0, c1])
        new = f"{a1(min(rows), min(cols))}:{a1(max(rows), max(cols))}"
        if new.split(":")[0] == new.split(":")[1]:
            new = new.split(":")[0]
        if new != ref:
            dim.set("ref", new)

    def _has_other_cells(self) -> bool:
        grown = set(self._grown)
        for row in self._row_keys:
            for col in self._row_cells(row):
                if (row, col) not in grown:
                    return True
        return False

    def to_bytes(self) -> bytes:
        self._grow_dimension()
        return X.serialize(self.root, self.original)


_COLS: dict[str, int] = {}


def _col(letters: str) -> int:
    c = _COLS.get(letters)
    if c is None:
        c = _COLS[letters] = col_index(letters)
    return c


def _strip_value(c) -> bool:
    """Remove a cell's value and its type (vm: value metadata of that value); True when
    there was a value."""
    had = False
    for el in list(c):
        if X.local(el) in ("v", "is"):
            c.remove(el)
            had = True
    for attr in ("t", "vm"):
        c.attrib.pop(attr, None)
    return had
