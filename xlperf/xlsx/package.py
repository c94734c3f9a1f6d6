"""A workbook zip opened defensively: every part this package (or calamine after it)
inflates goes through `chunks`, which refuses zip bombs and DTDs before the bytes reach
any XML parser.

Limits come from Settings: `max_inflated_part_bytes` is checked against the declared size
first (no work for an honest bomb) and again while inflating (a lying header gets cut
off: inflating stops with an error once the output passes the declared size).

Damage is found while inflating too, so that it is never read as an empty sheet: every
XML part is parsed by expat on the way (worksheets too: no handlers, about a quarter of
the reading's CPU time), names must be unique regardless of case (a writer and a reader
must not pick different members), and the workbook part is found through _rels/.rels and
must be registered in [Content_Types].xml as a spreadsheet. `check` and `refresh` open
files through this one class, so they refuse the same files with the same line.
"""
from __future__ import annotations

import codecs
import os
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import unquote
from xml.parsers import expat

from ..errors import LimitExceeded, UnreadableWorkbook, UsageError
from ..settings import DEFAULT, Settings
from . import xmlutil as X
from .sniff import MSG_ENCRYPTED, MSG_LEGACY, XLS, sniff

WORKBOOK = "xl/workbook.xml"  # where the workbook usually is; _rels/.rels says where it is
CONTENT_TYPES = "[Content_Types].xml"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
# The workbook part's content type, and the file extension that content needs (Excel
# refuses a macro-enabled package named .xlsx, and the other way round).
WORKBOOK_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": ".xlsx",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": ".xlsm",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": ".xltx",
    "application/vnd.ms-excel.template.macroEnabled.main+xml": ".xltm",
}
MSG_XLSB = "这是 .xlsb 二进制工作簿，请另存为 .xlsx"
MSG_ODS = "这是 OpenDocument 表格（.ods），不是 .xlsx/.xlsm 工作簿"
_OTHER_OFFICE = {"wordprocessingml": "Word 文档", "presentationml": "PowerPoint 演示文稿"}
_XML_PART = (".xml", ".rels")  # not .vml: Excel writes it as loose HTML
_UTF16_DECL = re.compile(rb"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])utf-16(?:le|be)?(["'])""", re.I)
CHUNK = 1 << 20
# Real sheet XML deflates 5–50×; deflate tops out near 1032×. Above this ratio on a
# part of some size there is no spreadsheet content, only a bomb.
MAX_RATIO = 500
RATIO_FLOOR = 4 << 20
_LOCAL = struct.Struct("<4s5H3L2H")  # a member's local header, before its name and extra
MAX_MEMBERS = 20_000  # zipfile builds an object per member: refuse before it does

_SHEET_KINDS = {
    "worksheet": "worksheet", "chartsheet": "chartsheet",
    "dialogsheet": "dialogsheet", "xlMacrosheet": "macrosheet",
}


class NotOOXML(UnreadableWorkbook):
    """A workbook calamine reads but this package does not edit: .xls, .ods."""


class OpenDocument(NotOOXML):
    """An OpenDocument package (.ods), not an OOXML one."""


def open_for_rewrite(src, target, settings: Settings = DEFAULT) -> Package:
    """The package a writer edits into `target`: an .xls or .ods is refused (it would
    have to be converted, and nothing here converts faithfully), and so is a target
    whose extension says another type than the content (a macro-enabled package named
    .xlsx, a workbook named .txt: Excel refuses to open both)."""
    from .oldformats import MSG_NO_REWRITE

    try:
        pkg = Package(src, settings)
    except NotOOXML as exc:
        raise UsageError(MSG_NO_REWRITE, path=os.fspath(src)) from exc
    want = pkg.suffix
    got = os.path.splitext(os.fspath(target))[1].lower()
    if got != want and got != os.path.splitext(os.fspath(src))[1].lower():
        pkg.close()
        raise UsageError(f"输出文件应以 {want} 结尾：与原工作簿的类型一致，否则 Excel 无法打开")
    return pkg


@dataclass(frozen=True)
class SheetRef:
    name: str
    part: str  # zip member name
    kind: str  # worksheet, chartsheet, dialogsheet, macrosheet
    index: int  # position in <sheets>, what localSheetId counts
    rid: str


def mb(n: int) -> str:
    return f"{n / (1 << 20):g}"


def sheet_label(name: str) -> str:
    return f"工作表“{name}”"


def rels_part(part: str) -> str:
    d, base = posixpath.split(part)
    return posixpath.join(d, "_rels", base + ".rels")


def resolve_target(source_part: str, target: str) -> str:
    target = unquote(target)
    if target.startswith("/"):
        return posixpath.normpath(target[1:])
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def relative_target(source_part: str, part: str) -> str:
    return posixpath.relpath(part, posixpath.dirname(source_part))


class Package:
    def __init__(self, path, settings: Settings = DEFAULT, keep: int = 0, opc: bool = True):
        """`keep` > 0: remember the bytes of every part inflated in full, up to that many
        bytes in all (`kept`, by zip name; None once over), so that they need not be
        inflated again. `opc=False` opens any zip (an .ods) with the same guards, without
        looking for a workbook part."""
        self.path = os.fspath(path)
        self.settings = settings
        self.kept: dict[str, bytes] | None = {} if keep > 0 else None
        self._rels: dict[str, dict] = {}
        self._keep_left = keep
        if sniff(self.path) == XLS:
            raise NotOOXML(MSG_LEGACY)
        _check_directory_size(self.path)
        self._file = open(self.path, "rb")
        try:
            self.zf = zipfile.ZipFile(self._file)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError,
                ValueError, struct.error, NotImplementedError) as exc:
            # NotImplementedError: a damaged "version needed" byte ("zip file version 8.4")
            self._file.close()
            raise UnreadableWorkbook("文件已损坏（zip 结构不完整），请用 Excel 打开修复后另存") from exc
        if len(self.zf.infolist()) > MAX_MEMBERS:
            self.close()
            raise LimitExceeded("zip 内的部件数过多，不是正常的工作簿，已拒绝读取")
        self.infos = {i.filename: i for i in self.zf.infolist()}
        self._lower = {n.lower(): n for n in self.infos}
        self.transcoded: set[str] = set()  # UTF-16 parts handed on as UTF-8
        self.checked: set[str] = set()  # parts inflated in full and found sound
        try:
            if len(self._lower) != len(self.zf.infolist()):
                raise UnreadableWorkbook(
                    "文件已损坏：zip 内有重名的部件（名称仅大小写不同也算重名），无法确定该读哪一个")
            if opc:
                self.workbook_part = self._find_workbook()
                self.workbook_type = self._workbook_type()
        except BaseException:
            self.close()
            raise

    def _find_workbook(self) -> str:
        """The part _rels/.rels names as the office document (any location), else the
        usual xl/workbook.xml."""
        for rtype, target, external in self.rels("").values():
            if not external and rtype.endswith("/officeDocument") and self.has(target):
                if target.lower().endswith(".bin"):
                    raise UnreadableWorkbook(MSG_XLSB)
                return self.member(target) or target
        if self.has(WORKBOOK):
            return self.member(WORKBOOK) or WORKBOOK
        if self.has("xl/workbook.bin"):
            raise UnreadableWorkbook(MSG_XLSB)
        if self.has("EncryptedPackage"):
            raise UnreadableWorkbook(MSG_ENCRYPTED)
        if self.has("content.xml") and self.has("mimetype"):
            raise OpenDocument(MSG_ODS)
        raise UnreadableWorkbook("不是 Excel 工作簿（缺少 xl/workbook.xml）")

    def _workbook_type(self) -> str:
        """The workbook part's content type from [Content_Types].xml, refused unless it
        is a spreadsheet's (a Word document renamed .xlsx, a package without types)."""
        if not self.has(CONTENT_TYPES):
            raise UnreadableWorkbook("文件已损坏：缺少 [Content_Types].xml，请用 Excel 打开修复后另存")
        name = "/" + self.workbook_part.lower()
        ext = posixpath.splitext(name)[1].lstrip(".")
        found = None
        for el in self.xml(CONTENT_TYPES):
            kind = X.local(el)
            if kind == "Override" and el.get("PartName", "").lower() == name:
                found = el.get("ContentType", "")
                break
            if kind == "Default" and el.get("Extension", "").lower() == ext and found is None:
                found = el.get("ContentType", "")
        found = (found or "").strip()
        for known in WORKBOOK_TYPES:  # media types compare without regard to case
            if found.lower() == known.lower():
                return known
        for key, what in _OTHER_OFFICE.items():
            if key in found:
                raise UnreadableWorkbook(f"不是 Excel 工作簿（内容类型表明这是{what}）")
        raise UnreadableWorkbook(
            f"文件已损坏：[Content_Types].xml 未把 /{self.workbook_part} 登记为 Excel 工作簿"
            f"（{found or '未登记'}），请用 Excel 打开修复后另存")

    @property
    def suffix(self) -> str:
        """The file extension this package's content needs (.xlsx, .xlsm, …)."""
        return WORKBOOK_TYPES[self.workbook_type]

    @property
    def strict(self) -> bool:
        """ISO 29500 Strict: the workbook in the purl.oclc.org namespaces."""
        return X.main_ns(self.workbook_root) == STRICT_MAIN

    @property
    def fileobj(self):
        """The open zip file itself, for copying members raw (zipout)."""
        return self._file

    def close(self) -> None:
        self.zf.close()
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- members -----------------------------------------------------------------
    def member(self, part: str) -> str | None:
        """The zip name of an OPC part; part names are case-insensitive."""
        if part in self.infos:
            return part
        return self._lower.get(part.lower())

    def has(self, part: str) -> bool:
        return self.member(part) is not None

    def chunks(self, part: str, label: str | None = None, sheet: bool = False):
        """Inflate a part piece by piece, refusing bombs, DTDs and damaged XML on the way
        (UTF-16 is handed on as UTF-8). `sheet`: a worksheet (_SheetShape: parsed by
        expat, and by its shape where expat lacks the encoding)."""
        name = self.member(part)
        label = label or f"部件 {part} "
        if name is None:
            raise UnreadableWorkbook(f"文件已损坏：{label}缺失")
        info = self.infos[name]
        cap = self.settings.max_inflated_part_bytes
        if info.flag_bits & 0x1:
            raise UnreadableWorkbook(MSG_ENCRYPTED)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # bzip2/lzma inflate without an output bound per call: not worth the risk,
            # and Excel never writes them.
            raise UnreadableWorkbook(f"{label} 使用了不支持的压缩方式")
        if info.file_size > cap:
            raise _part_limit(label, cap)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise LimitExceeded(f"{label}压缩比异常（{ratio}:1），疑似压缩炸弹，已拒绝读取")
        total, tail = 0, b""
        if self.kept is not None and info.file_size > self._keep_left:
            self.kept = None  # over the budget: let the memory go
        pieces = [] if self.kept is not None else None
        wellformed = ((_SheetShape if sheet else _WellFormed)(label)
                      if name.lower().endswith(_XML_PART) else None)
        utf16 = None
        try:
            for chunk in self._inflate(info):
                if total == 0 and utf16 is None and chunk[:2] in (b"\xff\xfe", b"\xfe\xff"):
                    # legal XML; every reader after this one (lxml, calamine, the scan)
                    # gets the part as UTF-8, with its declaration saying so
                    utf16 = codecs.getincrementaldecoder("utf-16")()
                    self.transcoded.add(name)
                if utf16 is not None:
                    chunk = utf16.decode(chunk).encode("utf-8")
                    if total == 0:
                        chunk = _UTF16_DECL.sub(rb"\1UTF-8\2", chunk)
                    if not chunk:
                        continue
                total += len(chunk)
                if total > cap:
                    raise _part_limit(label, cap)
                window = tail + chunk
                if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                    raise UnreadableWorkbook(f"{label}含有 DTD/实体声明，已拒绝读取（可能是恶意文件）")
                tail = chunk[-16:]
                if wellformed is not None:
                    wellformed.feed(chunk)
                if pieces is not None:
                    pieces.append(chunk)
                yield chunk
            if utf16 is not None:
                utf16.decode(b"", final=True)
            if wellformed is not None:
                wellformed.close()
            self.checked.add(name)
            if pieces is not None:
                self._keep(name, b"".join(pieces))
        except UnicodeDecodeError as exc:
            raise UnreadableWorkbook(f"文件已损坏：{label}的 UTF-16 编码有误") from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise UnreadableWorkbook(f"文件已损坏：{label}无法解压") from exc
        except RuntimeError as exc:  # zipfile: "File is encrypted, password required"
            raise UnreadableWorkbook(MSG_ENCRYPTED) from exc
        except NotImplementedError as exc:  # flag bits zipfile refuses (a damaged header)
            if info.flag_bits & 0x40:  # strong encryption
                raise UnreadableWorkbook(MSG_ENCRYPTED) from exc
            raise UnreadableWorkbook(f"文件已损坏：{label}无法解压") from exc

    def _inflate(self, info: zipfile.ZipInfo):
        """A member's bytes, inflated piece by piece straight from the file, with the
        checks zipfile makes (local header magic and name, no patched data or strong
        encryption, the declared size, the CRC). zipfile's own reader costs more than
        inflating a small part, and a workbook has a dozen of them."""
        if info.flag_bits & 0x20:
            raise NotImplementedError("compressed patched data (flag bit 5)")
        if info.flag_bits & 0x40:
            raise NotImplementedError("strong encryption (flag bit 6)")
        f = self._file
        f.seek(info.header_offset)
        head = f.read(_LOCAL.size)
        if len(head) != _LOCAL.size or head[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile("bad local file header")
        fields = _LOCAL.unpack(head)
        flags, n_name, n_extra = fields[2], fields[9], fields[10]
        if f.read(n_name).decode("utf-8" if flags & 0x800 else "cp437") != info.orig_filename:
            raise zipfile.BadZipFile("local and central file names differ")
        f.seek(n_extra, os.SEEK_CUR)

        def compressed():
            left = info.compress_size
            while left > 0:
                data = f.read(min(CHUNK, left))
                if not data:
                    raise EOFError("member data cut short")
                left -= len(data)
                yield data

        size = crc = 0
        stored = info.compress_type == zipfile.ZIP_STORED
        for out in compressed() if stored else _inflated(compressed()):
            size += len(out)
            if size > info.file_size:
                raise zipfile.BadZipFile("more data than the declared size")
            crc = zlib.crc32(out, crc)
            yield out
        if size != info.file_size or crc != info.CRC:
            raise zipfile.BadZipFile("bad CRC-32 or size")

    def _keep(self, name: str, data: bytes) -> None:
        if self.kept is None:
            return
        self._keep_left += len(self.kept.pop(name, b"")) - len(data)
        if self._keep_left < 0:
            self.kept = None  # over the budget: let the memory go
        else:
            self.kept[name] = data

    def read(self, part: str, label: str | None = None, sheet: bool = False) -> bytes:
        return b"".join(self.chunks(part, label, sheet))

    def xml(self, part: str, label: str | None = None):
        return X.parse(self.read(part, label), part)

    # -- relationships -----------------------------------------------------------
    def rels(self, part: str) -> dict:
        """rId -> (type, resolved part or external target, is_external) for one part
        (parsed once: the package is only ever read)."""
        cached = self._rels.get(part)
        if cached is None:
            cached = self._rels[part] = self._parse_rels(part)
        return cached

    def _parse_rels(self, part: str) -> dict:
        rp = rels_part(part) if part else "_rels/.rels"
        if not self.has(rp):
            return {}
        out = {}
        for rel in self.xml(rp):
            if X.local(rel) != "Relationship":
                continue
            external = rel.get("TargetMode") == "External"
            target = rel.get("Target", "")
            out[rel.get("Id")] = (
                rel.get("Type", ""), target if external else resolve_target(part, target), external,
            )
        return out

    @cached_property
    def workbook_root(self):
        return self.xml(self.workbook_part)

    @cached_property
    def sheets(self) -> list[SheetRef]:
        """Every <sheet> in order. One without a relationship id (an old VBA module
        sheet) has kind "other" and no part; a relationship that is missing, or a
        worksheet whose part is missing, is damage."""
        rels = self.rels(self.workbook_part)
        sheets_el = X.child(self.workbook_root, "sheets")
        out: list[SheetRef] = []
        for i, el in enumerate(X.children(sheets_el, "sheet") if sheets_el is not None else []):
            name = el.get("name", "")
            rid = el.get(X.R_ID) or _any_rel_id(el)
            if not rid:
                out.append(SheetRef(name, "", "other", i, ""))
                continue
            rel = rels.get(rid)
            if rel is None:
                raise UnreadableWorkbook(f"文件已损坏：{sheet_label(name)}没有对应的数据部件")
            kind = _SHEET_KINDS.get(rel[0].rpartition("/")[2], "other")
            part = self.member(rel[1])
            if part is None and kind == "worksheet":
                raise UnreadableWorkbook(f"文件已损坏：{sheet_label(name)}的数据（{rel[1]}）缺失")
            out.append(SheetRef(name, part or "", kind, i, rid))
        if not out:
            raise UnreadableWorkbook("文件已损坏：工作簿中没有任何工作表")
        return out

    @property
    def standard(self) -> bool:
        """Laid out as calamine expects: transitional, at xl/workbook.xml, every sheet a
        worksheet or chart sheet, no part re-encoded on the way."""
        return (self.workbook_part == WORKBOOK and not self.transcoded and not self.strict
                and all(s.kind in ("worksheet", "chartsheet") for s in self.sheets))

    def sheet(self, name: str) -> SheetRef | None:
        for s in self.sheets:
            if s.name == name:
                return s
        return None


class _WellFormed:
    """Expat fed piece by piece (no tree, no handlers): a part cut short or followed by
    garbage is damage, not an empty sheet."""

    def __init__(self, label: str):
        self.label = label
        self.parser: expat.XMLParserType | None = expat.ParserCreate()

    def feed(self, data: bytes) -> None:
        self._run(data, False)

    def close(self) -> None:
        self._run(b"", True)

    def _run(self, data: bytes, final: bool) -> None:
        if self.parser is None:
            return
        try:
            self.parser.Parse(data, final)
        except ValueError:  # "multi-byte encodings are not supported" (GBK…)
            self.parser = None  # an encoding expat lacks: lxml and calamine judge the part
            return
        except expat.ExpatError as exc:
            if exc.code == expat.errors.codes[expat.errors.XML_ERROR_UNKNOWN_ENCODING]:
                self.parser = None  # as above
                return
            raise UnreadableWorkbook(f"文件已损坏：{self.label}不是完整有效的 XML") from exc


class _SheetShape(_WellFormed):
    """A worksheet, parsed by expat like every other part (a tag left open or closed
    twice, a broken attribute or an unescaped '&' in the middle of a sheet is damage,
    though calamine reads some of them silently). Where expat gives up (an encoding it
    lacks), the part is still checked by its shape at the speed of a byte search: none
    of the control characters XML forbids, and the root closed at the very end."""

    def __init__(self, label: str):
        super().__init__(label)
        self.tail = b""

    def feed(self, data: bytes) -> None:
        if self.parser is not None:
            self._run(data, False)
            if self.parser is not None:
                return
        if data.translate(None, _ALLOWED):  # what is left is forbidden (a C loop, 7× a regex)
            raise self._damaged()
        end = data.rstrip()  # however much whitespace follows the root
        if end:
            self.tail = (self.tail + end)[-256:]

    def close(self) -> None:
        if self.parser is not None:
            self._run(b"", True)
            if self.parser is not None:
                return
        if not _ROOT_CLOSED.search(self.tail):
            raise self._damaged()

    def _damaged(self) -> UnreadableWorkbook:
        return UnreadableWorkbook(f"文件已损坏：{self.label}不是完整有效的 XML")


# every byte but the control characters XML 1.0 forbids
_ALLOWED = bytes(b for b in range(256) if b >= 0x20 or b in (0x09, 0x0A, 0x0D))
_ROOT_CLOSED = re.compile(
    rb"</(?:[A-Za-z_][\w.-]*:)?worksheet\s*>(?:\s|<!--(?:(?!-->).)*-->|<\?(?:(?!\?>).)*\?>)*\Z", re.S)


def _inflated(compressed):
    """Deflate data inflated in pieces of at most CHUNK bytes: a bomb is never whole in
    memory, each piece meets the checks first."""
    d = zlib.decompressobj(-15)
    for data in compressed:
        while data:
            out = d.decompress(data, CHUNK)
            data = d.unconsumed_tail
            if out:
                yield out
    while not d.eof:  # the input is all in; output the CHUNK bound held back
        out = d.decompress(b"", CHUNK)
        if not out:
            raise EOFError("deflate stream cut short")
        yield out


def _part_limit(label: str, cap: int) -> LimitExceeded:
    return LimitExceeded(f"{label}解压后超过 {mb(cap)} MB 上限（可用环境变量 XLPERF_MAX_PART_MB 调高）")


def _any_rel_id(el) -> str | None:
    # Strict OOXML puts r:id in another namespace URI; the local name is the same.
    for k, v in el.attrib.items():
        if k.endswith("}id"):
            return v
    return None


def _check_directory_size(path: str) -> None:
    """Refuse archives whose central directory alone would cost real memory to list."""
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - (1 << 16) - 22))
            tail = f.read()
    except OSError as exc:
        raise UnreadableWorkbook("无法读取文件") from exc
    pos = tail.rfind(b"PK\x05\x06")
    if pos < 0 or len(tail) - pos < 22:
        raise UnreadableWorkbook("文件已损坏（zip 结构不完整），请用 Excel 打开修复后另存")
    entries, cd_size = struct.unpack_from("<HI", tail, pos + 10)
    if entries == 0xFFFF or cd_size == 0xFFFFFFFF:
        return  # ZIP64: zipfile reads the real count; MAX_MEMBERS is checked by size below
    if entries > MAX_MEMBERS or cd_size > MAX_MEMBERS * 1024:
        raise LimitExceeded(f"zip 内的部件数过多（{entries}），不是正常的工作簿，已拒绝读取")


__all__ = ["Package", "SheetRef", "sheet_label", "rels_part"]
