"""Workbook grids from a file: values through python-calamine, the formula map from
one scan of each sheet's XML (calamine gives values only).

Every part calamine will inflate is first inflated here through the guarded
Package.chunks, so size limits, zip-bomb ratios and DTD refusals apply before calamine
sees a byte; calamine then gets those very bytes (see _handoff).

Python then holds every sheet's values at once, so besides the per-part and per-sheet
limits the whole workbook is bounded: its cells (the dense area calamine fills) and the
bytes its cells expand to (sheet XML plus the shared strings each cell copies) may be at
most twice the per-sheet and per-part limits (Settings.max_cells_per_workbook,
max_workbook_bytes). Without that, eight sheets at the per-sheet limit, or one long
shared string referenced by a few hundred cells, take gigabytes from a file of a few MB.
"""
from __future__ import annotations

import io
import os
import re
from array import array

import python_calamine as pc

from ..errors import LimitExceeded, UnreadableWorkbook
from ..findings import Finding
from ..grid import SheetGrid, WorkbookGrid
from ..settings import DEFAULT, Settings
from .canonical import canonical_copy
from .oldformats import read_ods, read_xls
from .package import OpenDocument, Package, SheetRef, mb, sheet_label
from .pagefit import stored_heights
from .scan import SheetScan, book_limit, scan_sheet, sheet_limit
from .sniff import MSG_ENCRYPTED, XLS, sniff
from .zipout import ZipRewriter

# Parts calamine opens besides the worksheets (by relationship type, and by the fixed
# names some versions use directly).
_WORKBOOK_PART_TYPES = ("/sharedStrings", "/styles", "/metadata")
_FIXED_PARTS = ("[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
                "xl/styles.xml")
_SHARED_STRINGS = "xl/sharedStrings.xml"
# the inflated parts kept for calamine; a larger workbook is read from its file
_HANDOFF_MAX = 16 << 20
_SI = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")


def read_workbook(path, settings: Settings = DEFAULT, name: str | None = None,
                  skip: tuple[str, ...] = (), heights: bool = False) -> WorkbookGrid:
    """Every worksheet's values (rows from A1; '' becomes None) and formula cells.
    Chart, macro, dialog and module sheets carry no grid: they are left out, each with
    an INFO finding saying so; the sheets named in `skip` are left out silently (never
    inflated: a caller that has no use for them). `heights`: each sheet's stored row
    heights too (what a refresh compares its fits with)."""
    path = os.fspath(path)
    name = name if name is not None else os.path.basename(path)
    if sniff(path) == XLS:
        return read_xls(path, settings, name, skip)
    try:
        pkg = Package(path, settings, keep=_HANDOFF_MAX)
    except OpenDocument:
        return read_ods(path, settings, name, skip)
    with pkg:
        refs, scans = _guarded_scan(pkg, skip)
        values = None
        if pkg.standard:
            handoff = _handoff(pkg)
            try:
                values = _values(path if handoff is None else io.BytesIO(handoff), refs, settings)
            except _Rejected:
                values = None  # a valid construct calamine refuses: the plain copy below
        if values is None:
            with canonical_copy(pkg, refs) as source:
                values = _values(source, refs, settings)
        notes = [_skipped(s) for s in pkg.sheets
                 if s.kind != "worksheet" and s.name not in skip]
        stored = {r.name: _heights(pkg, r) for r in refs} if heights else {}
    sheets = [SheetGrid(r.name, values[r.name], scans[r.name].formulas, stored.get(r.name))
              for r in refs]
    return WorkbookGrid(sheets, name, notes)


def _heights(pkg: Package, ref: SheetRef) -> dict | None:
    """The sheet's stored row heights from the bytes just checked (None when they were
    not kept: a workbook too large to hold)."""
    data = pkg.kept.get(pkg.member(ref.part) or "") if pkg.kept is not None else None
    return stored_heights(data) if data is not None else None


_KIND_NAMES = {"chartsheet": "图表工作表", "macrosheet": "Excel 4.0 宏表",
               "dialogsheet": "Excel 5.0 对话框表"}


def _skipped(ref: SheetRef) -> Finding:
    what = _KIND_NAMES.get(ref.kind, "VBA 模块表或其他非普通工作表")
    return Finding(ref.name, "A1", "SHEET_SKIPPED", f"{sheet_label(ref.name)}是{what}，没有单元格数据，未检查")


def read_formulas(path, settings: Settings = DEFAULT) -> dict[str, frozenset]:
    """{sheet name: {(row, col)} of cells holding a formula}, without reading values."""
    with Package(os.fspath(path), settings) as pkg:
        refs, scans = _guarded_scan(pkg)
    return {r.name: scans[r.name].formulas for r in refs}


def _guarded_scan(pkg: Package, skip: tuple[str, ...] = ()
                  ) -> tuple[list[SheetRef], dict[str, SheetScan]]:
    settings = pkg.settings
    refs = [s for s in pkg.sheets if s.kind == "worksheet" and s.name not in skip]
    shared_parts = {pkg.member(_SHARED_STRINGS)} if pkg.has(_SHARED_STRINGS) else set()
    seen = set()
    for part in _FIXED_PARTS:
        if pkg.has(part) and pkg.member(part) not in shared_parts:
            _drain(pkg, part)
            seen.add(pkg.member(part))
    for rtype, target, external in pkg.rels(pkg.workbook_part).values():
        if not external and rtype.endswith(_WORKBOOK_PART_TYPES) and pkg.has(target):
            if rtype.endswith("/sharedStrings"):
                shared_parts.add(pkg.member(target))
            elif pkg.member(target) not in seen:
                _drain(pkg, target)
    # calamine may take either table; count each string at its larger size
    sizes = array("Q")
    for part in sorted(p for p in shared_parts if p):
        sizes = _elementwise_max(sizes, shared_string_sizes(pkg, part, settings))
    max_cells = settings.max_cells_per_sheet
    scans = {}
    book_cells = book_bytes = 0
    for ref in refs:
        label = sheet_label(ref.name)

        def scan_it(walk: bool, part=ref.part, label=label) -> SheetScan:
            return scan_sheet(lambda: pkg.chunks(part, label, sheet=True), label, max_cells,
                              sizes, walk)

        scan = scans[ref.name] = scan_it(False)
        book_cells += _area(scan)
        if (book_cells > settings.max_cells_per_workbook and not scan.exact
                and _may_hold_empty_cells(pkg, ref.part, label)):
            # the quick count took empty styled cells too: count this sheet exactly
            book_cells -= _area(scan)
            scan = scans[ref.name] = scan_it(True)
            book_cells += _area(scan)
        book_bytes += scan.xml_bytes + scan.shared_bytes
        if book_cells > settings.max_cells_per_workbook:
            raise book_limit(settings.max_cells_per_workbook)
        if book_bytes > settings.max_workbook_bytes:
            raise LimitExceeded(
                f"工作簿的单元格内容展开后超过 {mb(settings.max_workbook_bytes)} MB 上限，"
                f"疑似压缩炸弹（可用环境变量 XLPERF_MAX_PART_MB 调高）")
    return refs, scans


def _may_hold_empty_cells(pkg: Package, part: str, label: str) -> bool:
    """Whether a sheet may hold an empty cell (self-closing, or closed right after its
    attributes): one more byte search before a slow exact count, which a sheet of only
    filled cells (the usual bomb) is spared."""
    return any(b"/>" in chunk or b'"></' in chunk or b"'></" in chunk
               for chunk in pkg.chunks(part, label, sheet=True))


def _area(scan: SheetScan) -> int:
    return max(scan.cells, (scan.max_row + 1) * (scan.max_col + 1))


def shared_string_sizes(pkg: Package, part: str, settings: Settings = DEFAULT) -> array:
    """The size in bytes of each <si> of a shared-strings part (its XML, so never less
    than the text calamine makes of it), streamed: the part is never held whole."""
    label = f"部件 {part} "
    limit = settings.max_cells_per_workbook  # a string no cell can show is padding
    starts = array("Q")
    offset, carry, total = 0, b"", 0
    for chunk in pkg.chunks(part, label):
        total += len(chunk)
        data = carry + chunk
        # a start tag holds no '<': everything before the last '<' is complete
        cut = data.rfind(b"<")
        if cut < 0:
            cut = len(data)
        found = [m.start() for m in _SI.finditer(data, 0, cut)]
        starts.extend([offset + x for x in found] if offset else found)
        if len(starts) > limit:
            raise LimitExceeded(
                f"{label}的共享字符串超过 {limit} 条，不是正常的工作簿，已拒绝读取")
        offset += cut
        carry = data[cut:]
        if len(carry) > 4096:  # one '<' and then only text: keep its match, drop the rest
            if _SI.match(carry):
                starts.append(offset)
            offset, carry = offset + len(carry), b""
    starts.extend(offset + m.start() for m in _SI.finditer(carry))
    sizes = array("Q", (b - a for a, b in zip(starts, starts[1:])))
    if starts:
        sizes.append(total - starts[-1])
    return sizes


def _elementwise_max(a: array, b: array) -> array:
    if not a:
        return b
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    out = array("Q", long_)
    for i, v in enumerate(short):
        out[i] = max(out[i], v)
    return out


def _drain(pkg: Package, part: str) -> None:
    if pkg.member(part) in pkg.checked:
        return  # read in full already (the content types, by the Package itself)
    for _ in pkg.chunks(part):
        pass


def _handoff(pkg: Package) -> bytes | None:
    """The package again, in memory, with the parts just inflated and checked stored
    uncompressed and every other member copied as it is: calamine then reads exactly the
    bytes that were checked and inflates nothing twice (a tenth of the reading time).
    None (calamine opens the file itself) for a workbook too large to hold, or a zip
    the copier does not take (ZIP64, overlapping members)."""
    if not pkg.kept:
        return None
    out = io.BytesIO()
    try:
        ZipRewriter(pkg.fileobj, pkg.zf).write(out, pkg.kept, [], compress=False)
    except Exception:
        return None  # calamine reads the file itself and judges it, as without the copy
    return out.getvalue()


class _Rejected(UnreadableWorkbook):
    """calamine refused the package as laid out: worth one more try in plain form."""


def _values(source, refs: list[SheetRef], settings: Settings) -> dict[str, list]:
    """Every sheet's rows; `source` is the file's path or an in-memory copy."""
    out = {}
    try:
        if isinstance(source, str):
            wb = pc.CalamineWorkbook.from_path(source)
        else:
            wb = pc.CalamineWorkbook.from_filelike(source)
    except pc.PasswordError as exc:
        raise UnreadableWorkbook(MSG_ENCRYPTED) from exc
    except (pc.CalamineError, OSError, ValueError) as exc:
        raise _Rejected("文件已损坏：工作簿结构无法解析") from exc
    with wb:
        for ref in refs:
            try:
                rows = wb.get_sheet_by_name(ref.name).to_python(skip_empty_area=False)
            except (pc.CalamineError, ValueError) as exc:
                raise _Rejected(f"文件已损坏：{sheet_label(ref.name)}的数据无法解析") from exc
            width = len(rows[0]) if rows else 0
            if len(rows) * width > settings.max_cells_per_sheet:
                raise sheet_limit(sheet_label(ref.name), len(rows) * width,
                                  settings.max_cells_per_sheet)
            out[ref.name] = [[None if v == "" else v for v in row] for row in rows]
    return out
