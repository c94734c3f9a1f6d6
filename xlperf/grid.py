"""What the engine sees of a workbook: per sheet, a grid of cell values.

Adapters (files through python-calamine, an xlwings Book) produce these; the engine never
knows which one did. Rows and columns are 0-based from A1.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_A1 = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def col_letter(col: int) -> str:
    s = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        s = chr(65 + rem) + s
    return s


def col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def a1(row: int, col: int) -> str:
    return f"{col_letter(col)}{row + 1}"


def parse_a1(ref: str) -> tuple[int, int]:
    m = _A1.match(ref)
    if not m:
        raise ValueError(f"not an A1 reference: {ref!r}")
    return int(m.group(2)) - 1, col_index(m.group(1))


@dataclass
class SheetGrid:
    name: str
    rows: list = field(default_factory=list)  # rows[r][c]: None, str, int, float, bool, date
    # cells holding a formula; None when the adapter cannot tell (xlwings remote engines)
    formulas: frozenset | None = None
    # the heights (points) the file stores for its rows, 0-based, rows without one left
    # out; None when the adapter does not say (the refresh then fits every form row)
    heights: dict | None = None

    def value(self, row: int, col: int):
        # grids are rectangular, so the index is almost always in range: no length
        # tests on the way (the rules read a cell a thousand times per workbook)
        if row >= 0 and col >= 0:
            try:
                return self.rows[row][col]
            except IndexError:
                return None
        return None

    def has_formula(self, row: int, col: int) -> bool | None:
        return None if self.formulas is None else (row, col) in self.formulas

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class WorkbookGrid:
    sheets: list = field(default_factory=list)
    name: str = ""  # the file name findings carry
    notes: list = field(default_factory=list)  # the reader's findings (sheets it left out)

    def sheet(self, name: str) -> SheetGrid | None:
        for s in self.sheets:
            if s.name == name:
                return s
        return None

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]
