"""Workbook grids from a file: values through python-calamine, the formula map from
one scan of each sheet's XML (calamine gives values only).

Every part calamine will inflate is first inflated here through the guarded
Package.chunks, so size limits, zip-bomb ratios and DTD refusals apply before calamine
sees a byte.
"""
from __future__ import annotations

import os

import python_calamine as pc

from ..errors import LimitExceeded, UnreadableWorkbook
from ..grid import SheetGrid, WorkbookGrid
from ..settings import DEFAULT, Settings
from .package import Package, SheetRef, sheet_label
from .scan import SheetScan, scan_sheet
from .sniff import MSG_ENCRYPTED

# Parts calamine opens besides the worksheets (by relationship type, and by the fixed
# names some versions use directly).
_WORKBOOK_PART_TYPES = ("/sharedStrings", "/styles", "/metadata")
_FIXED_PARTS = ("[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
                "xl/styles.xml")


def read_workbook(path, settings: Settings = DEFAULT, name: str | None = None) -> WorkbookGrid:
    """Every worksheet's values (rows from A1; '' becomes None) and formula cells.
    Chart sheets and macro sheets carry no grid and are left out."""
    path = os.fspath(path)
    with Package(path, settings) as pkg:
        refs, scans = _guarded_scan(pkg)
    values = _values(path, refs, settings)
    sheets = [SheetGrid(r.name, values[r.name], scans[r.name].formulas) for r in refs]
    return WorkbookGrid(sheets, name if name is not None else os.path.basename(path))


def read_formulas(path, settings: Settings = DEFAULT) -> dict[str, frozenset]:
    """{sheet name: {(row, col)} of cells holding a formula}, without reading values."""
    with Package(os.fspath(path), settings) as pkg:
        refs, scans = _guarded_scan(pkg)
    return {r.name: scans[r.name].formulas for r in refs}


def _guarded_scan(pkg: Package) -> tuple[list[SheetRef], dict[str, SheetScan]]:
    seen = set()
    for part in _FIXED_PARTS:
        if pkg.has(part):
            _drain(pkg, part)
            seen.add(pkg.member(part))
    for rtype, target, external in pkg.rels("xl/workbook.xml").values():
        if not external and rtype.endswith(_WORKBOOK_PART_TYPES) and pkg.has(target):
            if pkg.member(target) not in seen:
                _drain(pkg, target)
    refs = [s for s in pkg.sheets if s.kind == "worksheet"]
    max_cells = pkg.settings.max_cells_per_sheet
    scans = {}
    for ref in refs:
        label = sheet_label(ref.name)
        scans[ref.name] = scan_sheet(
            lambda part=ref.part, label=label: pkg.chunks(part, label), label, max_cells)
    return refs, scans


def _drain(pkg: Package, part: str) -> None:
    for _ in pkg.chunks(part):
        pass


def _values(path: str, refs: list[SheetRef], settings: Settings) -> dict[str, list]:
    out = {}
    try:
        wb = pc.CalamineWorkbook.from_path(path)
    except pc.PasswordError as exc:
        raise UnreadableWorkbook(MSG_ENCRYPTED) from exc
    except (pc.CalamineError, OSError, ValueError) as exc:
        raise UnreadableWorkbook("文件已损坏：工作簿结构无法解析") from exc
    with wb:
        for ref in refs:
            try:
                rows = wb.get_sheet_by_name(ref.name).to_python(skip_empty_area=False)
            except (pc.CalamineError, ValueError) as exc:
                raise UnreadableWorkbook(f"文件已损坏：{sheet_label(ref.name)}的数据无法解析") from exc
            width = len(rows[0]) if rows else 0
            if len(rows) * width > settings.max_cells_per_sheet:
                raise LimitExceeded(
                    f"{sheet_label(ref.name)}的已用区域达 {len(rows) * width} 个单元格，"
                    f"超过 {settings.max_cells_per_sheet} 上限（可在设置中调高）")
            out[ref.name] = [[None if v == "" else v for v in row] for row in rows]
    return out
