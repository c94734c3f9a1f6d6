"""The engine's answer for one workbook: cell writes and findings.

Every front end applies the same plan: the file adapter edits the sheet XML, the
xlwings adapter replays it through the Book API. That is why they agree.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .grid import a1

_FORMULA_START = ("=", "+", "-", "@")


def safe_text(text: str) -> str:
    """Text no spreadsheet will run as a formula (checks.md): a leading = + - @ gets a '."""
    return "'" + text if text.startswith(_FORMULA_START) else text


@dataclass(frozen=True)
class CellWrite:
    sheet: str
    row: int  # 0-based
    col: int  # 0-based
    value: Decimal | str | None  # None clears the cell; Decimals are already rounded
    # The cell holds a live formula (or does in the template): a file adapter keeps the
    # formula and stores `value` as its cached result; Excel recalculates it itself.
    formula_cell: bool = False
    note: bool = False  # a 校验说明 note or 校验结果 text
    results: bool = False  # a cell of the 校验结果 sheet (findings, stamp, the refresh's record)

    @property
    def cell(self) -> str:
        return a1(self.row, self.col)


Cell = tuple[str, int, int]  # (sheet, row, col), 0-based


@dataclass(frozen=True)
class RowHeight:
    """The height (points) a row of the form's tables gets: what its text needs, never
    less than its table's least height (xlperf.engine.rowfit)."""
    sheet: str
    row: int  # 0-based
    height: float


@dataclass
class Plan:
    writes: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    new_sheets: list = field(default_factory=list)  # sheets to create before writing
    summary: dict = field(default_factory=dict)  # 总分, 等级, budget figures… per table
    # every 校验说明 cell of the workbook's tables (written or not): a front end that shows
    # notes its own way finds them here, never by parsing the message text
    note_cells: frozenset[Cell] = frozenset()
    # cells whose value the rules compute (scores, rates, totals, 等级) or the notes hold:
    # what a refresh owns; everything else is the accountant's
    owned_cells: frozenset[Cell] = frozenset()
    # the owned cells holding a formula (or, where a front end cannot tell, doing so in the
    # template): a values-only front end leaves them to the spreadsheet
    formula_cells: frozenset[Cell] = frozenset()
    # the rows of the form's tables, each fitted to its text (grown or shrunk), and the
    # sheets whose pages-tall setting a file adapter then fits to the rows
    # (xlperf.layout.fit_to_height)
    row_heights: tuple[RowHeight, ...] = ()
    fit_pages: frozenset[str] = frozenset()

    def results_writes(self) -> list:
        """The writes to the 校验结果 sheet alone (a check that leaves the tables as they are)."""
        return [w for w in self.writes if w.results]

    def writes_by_sheet(self) -> dict:
        out: dict = {}
        for w in self.writes:
            out.setdefault(w.sheet, []).append(w)
        return out
