"""One corpus case: a workbook typed from a seed table, its expected findings and the
cells that must stay quiet."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Expect:
    sheet: str
    cell: str
    code: str
    why: str  # the hand arithmetic


@dataclass
class Case:
    name: str  # the file name, without .xlsx
    seed: str  # the seed line the table is typed from
    sheets: dict  # sheet name → rows (lists of cell values, from A1)
    expect: list = field(default_factory=list)  # Expect, every finding a reviewer needs
    quiet: list = field(default_factory=list)  # (sheet, cell) that must carry no finding
    merges: dict = field(default_factory=dict)  # sheet name → ["A3:A7", …]
    resave: bool = False  # re-saved by LibreOffice, as a department using it would send it
    # (sheet, cell, code) → why: an expected finding still missed, or a false error still
    # raised, because the fix belongs in a module this corpus' change could not touch; the
    # suite lists them apart and fails once one no longer happens (the entry is then stale)
    known: dict = field(default_factory=dict)
