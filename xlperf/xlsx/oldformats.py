"""Legacy .xls (BIFF, what county templates and older systems save) and OpenDocument
.ods (LibreOffice on 信创 desktops) read for `check` and `collect` through calamine,
under the same limits as .xlsx, refused in the same one-line way. They are never
written: refresh, add-project and annotated copies write a new .xlsx beside them
(xlsx.resave, actions.as_xlsx); a writer handed one directly refuses (MSG_NO_REWRITE).

.ods: content.xml is inflated through the guarded Package.chunks (size, zip-bomb ratio,
DTD, well-formedness) and scanned for the cells present, repeats counted (a cell
repeated 16384 times across a row repeated a million times is 17 billion cells to a
reader that expands them); calamine then gets those checked bytes. .xls: the file is
the data (no compression), so its size is bounded by the part limit, and each sheet's
area is checked before Python holds its values.

Which cells hold formulas calamine does not tell for these formats: the grid says
"unknown" (formulas=None), as the xlwings remote adapter does.
"""
from __future__ import annotations

import io
import os
import zipfile
from contextlib import contextmanager
from xml.parsers import expat

import python_calamine as pc

from ..errors import LimitExceeded, UnreadableWorkbook
from ..findings import Finding
from ..grid import SheetGrid, WorkbookGrid
from ..settings import Settings
from .package import Package, mb, sheet_label
from .scan import book_limit, sheet_limit
from .sniff import MSG_ENCRYPTED, encrypted_message

MSG_NO_REWRITE = ("这是 .xls/.ods 文件：xlperf 不直接改写它，刷新、新增项目表和批注副本都另存为新的 .xlsx；"
                  "要保留原格式，请先在 Excel、WPS 或 LibreOffice 中另存为 .xlsx")
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_MANIFEST = "META-INF/manifest.xml"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def read_xls(path: str, settings: Settings, name: str, skip: tuple[str, ...]) -> WorkbookGrid:
    size = os.path.getsize(path)
    if size > settings.max_inflated_part_bytes:
        raise LimitExceeded(f"文件超过 {mb(settings.max_inflated_part_bytes)} MB 上限"
                            f"（可用环境变量 XLPERF_MAX_PART_MB 调高）")
    return _grids(path, path, settings, name, skip, ".xls 工作簿")


def read_ods(path: str, settings: Settings, name: str, skip: tuple[str, ...]) -> WorkbookGrid:
    with Package(path, settings, opc=False) as pkg:
        if not pkg.has("mimetype") or pkg.read("mimetype").strip() != _ODS_MIME:
            raise UnreadableWorkbook("不是电子表格文件（这个 OpenDocument 文件不是 .ods 表格）")
        if not pkg.has("content.xml") or not pkg.has(_MANIFEST):
            raise UnreadableWorkbook("文件已损坏：缺少 content.xml 或 META-INF/manifest.xml")
        manifest = pkg.read(_MANIFEST)
        if b"encryption-data" in manifest:
            raise UnreadableWorkbook(MSG_ENCRYPTED)
        scan = _OdsScan(settings.max_cells_per_sheet, settings.max_cells_per_workbook)
        pieces = []
        for chunk in pkg.chunks("content.xml", "content.xml "):
            scan.feed(chunk)
            pieces.append(chunk)
        scan.close()
        copy = io.BytesIO()  # calamine reads the bytes just checked, nothing else
        with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as z:
            z.writestr("mimetype", _ODS_MIME)
            z.writestr(_MANIFEST, manifest)
            z.writestr("content.xml", b"".join(pieces))
        del pieces
    copy.seek(0)
    return _grids(path, copy, settings, name, skip, ".ods 表格")


@contextmanager
def rust_panics_silenced():
    """calamine panics on some damaged .xls (caught below as damage); Rust's panic hook
    would still write its message and backtrace to the terminal, beside our one line."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _grids(path: str, source, settings: Settings, name: str, skip: tuple[str, ...],
           what: str) -> WorkbookGrid:
    with rust_panics_silenced():
        return _read_grids(path, source, settings, name, skip, what)


def _read_grids(path: str, source, settings: Settings, name: str, skip: tuple[str, ...],
                what: str) -> WorkbookGrid:
    try:
        wb = (pc.CalamineWorkbook.from_path(source) if isinstance(source, str)
              else pc.CalamineWorkbook.from_filelike(source))
    except pc.PasswordError as exc:
        raise UnreadableWorkbook(encrypted_message(path) if isinstance(source, str)
                                 else MSG_ENCRYPTED) from exc
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # CalamineError, and the panics of a damaged .xls
        raise UnreadableWorkbook(f"文件已损坏：{what}结构无法解析，请用 Excel 或 WPS 打开修复后另存") from exc
    sheets, notes, book_cells = [], [], 0
    with wb:
        for meta in wb.sheets_metadata:
            if meta.name in skip:
                continue
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                notes.append(Finding(meta.name, "A1", "SHEET_SKIPPED",
                                     f"{sheet_label(meta.name)}不是普通工作表（图表表、宏表或对话框表），未检查"))
                continue
            try:
                sheet = wb.get_sheet_by_name(meta.name)
                end = sheet.end
                area = 0 if end is None else (end[0] + 1) * (end[1] + 1)
                book_cells += area
                if area > settings.max_cells_per_sheet:
                    raise sheet_limit(sheet_label(meta.name), area, settings.max_cells_per_sheet)
                if book_cells > settings.max_cells_per_workbook:
                    raise book_limit(settings.max_cells_per_workbook)
                rows = sheet.to_python(skip_empty_area=False)
            except (LimitExceeded, KeyboardInterrupt, SystemExit):
                raise
            except BaseException as exc:  # as above
                raise UnreadableWorkbook(f"文件已损坏：{sheet_label(meta.name)}的数据无法解析") from exc
            sheets.append(SheetGrid(meta.name, [[None if v == "" else v for v in row] for row in rows],
                                    None))
    return WorkbookGrid(sheets, name, notes)


class _OdsScan:
    """The cells an .ods holds, per table, with row and column repeats: a cell counts
    when it has a value type or any content; an empty one (formatting, or the padding
    LibreOffice writes to the sheet's edge) costs nothing."""

    def __init__(self, max_cells: int, max_book: int):
        self.max_cells, self.max_book = max_cells, max_book
        self.p = expat.ParserCreate(namespace_separator=" ")
        self.p.StartElementHandler = self._start
        self.p.EndElementHandler = self._end
        self.book = 0
        self.table = ""
        self.row = self.col = 0
        self.rows_rep = 1
        self.cell: list | None = None  # [columns repeated, has content]
        self.last_row = self.last_col = -1

    def feed(self, data: bytes) -> None:
        try:
            self.p.Parse(data, False)
        except expat.ExpatError as exc:
            raise UnreadableWorkbook("文件已损坏：content.xml 不是完整有效的 XML") from exc

    def close(self) -> None:
        try:
            self.p.Parse(b"", True)
        except expat.ExpatError as exc:
            raise UnreadableWorkbook("文件已损坏：content.xml 不是完整有效的 XML") from exc

    def _start(self, tag: str, attrs: dict) -> None:
        ns, _, local = tag.rpartition(" ")
        if self.cell is not None:
            self.cell[1] = True  # any element inside a cell is content (text:p, …)
            return
        if ns != _TABLE:
            return
        if local == "table":
            self.table = attrs.get(f"{_TABLE} name", "")
            self.row, self.last_row, self.last_col = 0, -1, -1
        elif local == "table-row":
            self.rows_rep = _repeat(attrs.get(f"{_TABLE} number-rows-repeated"))
            self.col = 0
        elif local in ("table-cell", "covered-table-cell"):
            self.cell = [_repeat(attrs.get(f"{_TABLE} number-columns-repeated")),
                         f"{_OFFICE} value-type" in attrs]

    def _end(self, tag: str) -> None:
        ns, _, local = tag.rpartition(" ")
        if ns != _TABLE:
            return
        if local in ("table-cell", "covered-table-cell") and self.cell is not None:
            reps, filled = self.cell
            self.cell = None
            if filled:
                self.last_col = max(self.last_col, self.col + reps - 1)
                self.last_row = max(self.last_row, self.row + self.rows_rep - 1)
                self._check()
            self.col += reps
        elif local == "table-row":
            self.row += self.rows_rep
            self.rows_rep = 1
        elif local == "table":
            self.book += (self.last_row + 1) * (self.last_col + 1)
            if self.book > self.max_book:
                raise book_limit(self.max_book)

    def _check(self) -> None:
        area = (self.last_row + 1) * (self.last_col + 1)
        if area > self.max_cells:
            raise sheet_limit(sheet_label(self.table), area, self.max_cells)


def _repeat(value: str | None) -> int:
    try:
        n = int(value) if value else 1
    except ValueError:
        return 1
    return max(n, 1)
