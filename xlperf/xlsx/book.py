"""Workbook-level bookkeeping that must follow a sheet edit: calcPr, the <sheets> list,
defined names, workbook relationships and [Content_Types].xml. Each part is parsed only
when something in it changes, so an untouched part stays byte-identical.
"""
from __future__ import annotations

import copy
import posixpath
import re
from functools import cached_property

from lxml import etree

from ..errors import UsageError
from . import xmlutil as X
from .package import CONTENT_TYPES, STRICT_MAIN, Package, relative_target, rels_part

RELS_CT = "application/vnd.openxmlformats-package.relationships+xml"

_WORKBOOK_ORDER = (
    "fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets",
    "functionGroups", "externalReferences", "definedNames", "calcPr", "oleSize",
    "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing",
    "fileRecoveryPr", "webPublishObjects", "extLst",
)
_BAD_NAME_CHARS = set('[]:*?/\\')
_AREA_ROW = re.compile(r":\$?[A-Za-z]{1,3}\$?(\d+)")  # the bottom row of each range of a print area
_TITLE_ROWS = re.compile(r"!\$?(\d+):\$?(\d+)")
_SHEET_PART = re.compile(r"^(?:.*/)?worksheets/sheet(\d+)\.xml$", re.I)
# ISO 29500 Strict names the same things in other namespaces (and Excel checks them)
_STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_TRANSITIONAL_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

EMPTY_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    b'<sheetFormatPr defaultRowHeight="15"/><sheetData/>'
    b'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
    b"</worksheet>"
)


def check_sheet_name(name: str, existing) -> None:
    """Excel's rules for a sheet name; it compares names without regard to case."""
    if not name or not name.strip():
        raise UsageError("工作表名称不能为空")
    if len(name) > 31:
        raise UsageError(f"工作表名称“{name}”超过 31 个字符")
    bad = sorted(set(name) & _BAD_NAME_CHARS)
    if bad:
        raise UsageError(f"工作表名称“{name}”含有不允许的字符 {' '.join(bad)}")
    if name.startswith("'") or name.endswith("'"):
        raise UsageError(f"工作表名称“{name}”不能以单引号开头或结尾")
    if name.casefold() == "history":
        raise UsageError("工作表名称不能是 History（Excel 保留名称）")
    if name.casefold() in {n.casefold() for n in existing}:
        raise UsageError(f"工作表“{name}”已存在")


def quote_sheet(name: str) -> str:
    """A sheet name as formulas write it before '!'."""
    plain = re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", name)
    if plain and not re.fullmatch(r"[A-Za-z]{1,3}\d+", name):  # "AB1" would read as a cell
        return name
    return "'" + name.replace("'", "''") + "'"


def empty_sheet(strict: bool = False) -> bytes:
    """A new worksheet part, in the namespaces of the workbook it goes into."""
    if not strict:
        return EMPTY_SHEET
    return EMPTY_SHEET.replace(_TRANSITIONAL_MAIN.encode(), STRICT_MAIN.encode()).replace(
        X.REL_NS.encode(), _STRICT_REL.encode())


class BookEditor:
    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.changed: set[str] = set()
        self._new_parts: set[str] = set()
        self.workbook = pkg.workbook_part
        self.workbook_rels = rels_part(self.workbook)
        self.strict = pkg.strict
        self.rel_ns = _STRICT_REL if self.strict else X.REL_NS
        self._print_rows: dict[str, tuple] | None = None  # print_rows, read once

    @cached_property
    def _wb_bytes(self) -> bytes:
        return self.pkg.read(self.workbook)

    @cached_property
    def wb(self):
        return X.parse(self._wb_bytes, self.workbook)

    @cached_property
    def _rels_bytes(self) -> bytes:
        return self.pkg.read(self.workbook_rels)

    @cached_property
    def rels(self):
        return X.parse(self._rels_bytes, self.workbook_rels)

    @cached_property
    def _ct_bytes(self) -> bytes:
        return self.pkg.read(CONTENT_TYPES)

    @cached_property
    def content_types(self):
        return X.parse(self._ct_bytes, CONTENT_TYPES)

    def _q(self, name: str) -> str:
        return f"{{{X.main_ns(self.wb)}}}{name}"

    def _wb_child(self, name: str, create: bool = False):
        el = X.child(self.wb, name)
        if el is None and create:
            el = etree.Element(self._q(name))
            X.insert_in_order(self.wb, el, _WORKBOOK_ORDER)
        return el

    # -- calculation ---------------------------------------------------------------
    def ensure_full_calc(self) -> None:
        """Excel recomputes every formula on open, so cached results we wrote (and the
        formulas depending on cells we wrote) are never shown stale."""
        calc = self._wb_child("calcPr")
        if calc is not None and calc.get("fullCalcOnLoad") in ("1", "true"):
            return
        calc = self._wb_child("calcPr", create=True)
        calc.set("fullCalcOnLoad", "1")
        self.changed.add(self.workbook)

    # -- sheets ----------------------------------------------------------------------
    def sheet_names(self) -> list[str]:
        return [s.get("name", "") for s in X.children(self._wb_child("sheets"), "sheet")]

    def new_sheet_part(self) -> str:
        taken = {n.lower() for n in self.pkg.infos} | self._new_parts
        nums = [int(m.group(1)) for n in taken if (m := _SHEET_PART.match(n))]
        n = max(nums, default=0) + 1
        folder = posixpath.join(posixpath.dirname(self.workbook), "worksheets")
        while f"{folder}/sheet{n}.xml".lower() in taken:
            n += 1
        part = f"{folder}/sheet{n}.xml"
        self._new_parts.add(part)
        return part

    def add_sheet(self, name: str, part: str, position: int | None = None) -> int:
        """Register a worksheet part under `name` at `position` in <sheets> (default: last);
        returns its index. Later sheets' localSheetId and the active tab shift with it."""
        check_sheet_name(name, self.sheet_names())
        sheets = self._wb_child("sheets")
        existing = X.children(sheets, "sheet")
        ids = [int(s.get("sheetId")) for s in existing if (s.get("sheetId") or "").isdigit()]
        rid = self._add_rel(self.rel_ns + "/worksheet", relative_target(self.workbook, part))
        el = etree.Element(self._q("sheet"))
        el.set("name", name)
        el.set("sheetId", str(max(ids, default=0) + 1))
        el.set(f"{{{self.rel_ns}}}id", rid)
        if position is None or position >= len(existing):
            position = len(existing)
            if existing:
                existing[-1].addnext(el)
            else:
                sheets.append(el)
        else:
            existing[position].addprevious(el)
            self._shift_sheet_indexes(position)
        self._add_override(part, X.WORKSHEET_CT)
        self.changed.add(self.workbook)
        return position

    def _shift_sheet_indexes(self, inserted: int) -> None:
        names = self._wb_child("definedNames")
        for dn in X.children(names, "definedName") if names is not None else []:
            lid = dn.get("localSheetId")
            if lid is not None and lid.isdigit() and int(lid) >= inserted:
                dn.set("localSheetId", str(int(lid) + 1))
        views = self._wb_child("bookViews")
        for v in X.children(views, "workbookView") if views is not None else []:
            for attr in ("activeTab", "firstSheet"):
                val = v.get(attr)
                if val is not None and val.isdigit() and int(val) >= inserted:
                    v.set(attr, str(int(val) + 1))

    def print_rows(self, sheet: str) -> tuple[int | None, tuple[int, int] | None]:
        """(the last row of the sheet's print area, its print-title rows), 1-based; None
        where the workbook names none."""
        if self._print_rows is None:
            self._print_rows = {}
            names = self._wb_child("definedNames")
            sheets = self.sheet_names()
            for dn in X.children(names, "definedName") if names is not None else []:
                index = dn.get("localSheetId") or ""
                if not index.isdigit() or int(index) >= len(sheets):
                    continue
                last, titles = self._print_rows.get(sheets[int(index)], (None, None))
                text = dn.text or ""
                if dn.get("name") == "_xlnm.Print_Area":
                    rows = [int(m) for m in _AREA_ROW.findall(text)]
                    last = max(rows) if rows else None
                elif dn.get("name") == "_xlnm.Print_Titles":
                    m = _TITLE_ROWS.search(text)
                    titles = (int(m.group(1)), int(m.group(2))) if m else None
                self._print_rows[sheets[int(index)]] = (last, titles)
        return self._print_rows.get(sheet, (None, None))

    def copy_local_names(self, source_index: int, new_index: int, old: str, new: str) -> int:
        """Duplicate the names scoped to the source sheet (print titles, print area,
        filter database) for the copy; must run after add_sheet shifted the indexes."""
        names = self._wb_child("definedNames")
        if names is None:
            return 0
        count = 0
        for dn in X.children(names, "definedName"):
            if dn.get("localSheetId") == str(source_index):
                dup = copy.deepcopy(dn)
                dup.set("localSheetId", str(new_index))
                dup.text = replace_sheet_refs(dn.text or "", old, new)
                dup.tail = dn.tail
                dn.addnext(dup)
                count += 1
        if count:
            self.changed.add(self.workbook)
        return count

    # -- relationships and content types ---------------------------------------------
    def _add_rel(self, rtype: str, target: str) -> str:
        taken = {r.get("Id") for r in self.rels}
        n = len(taken) + 1
        while f"rId{n}" in taken:
            n += 1
        rid = f"rId{n}"
        el = etree.SubElement(self.rels, f"{{{X.PKG_REL_NS}}}Relationship")
        el.set("Id", rid)
        el.set("Type", rtype)
        el.set("Target", target)
        self.changed.add(self.workbook_rels)
        return rid

    def _add_override(self, part: str, content_type: str) -> None:
        name = "/" + part
        for o in X.children(self.content_types, "Override"):
            if o.get("PartName", "").lower() == name.lower():
                o.set("ContentType", content_type)
                break
        else:
            el = etree.SubElement(self.content_types, f"{{{X.CT_NS}}}Override")
            el.set("PartName", name)
            el.set("ContentType", content_type)
        self.changed.add(CONTENT_TYPES)

    def ensure_rels_default(self) -> None:
        for d in X.children(self.content_types, "Default"):
            if d.get("Extension", "").lower() == "rels":
                return
        el = etree.Element(f"{{{X.CT_NS}}}Default")
        el.set("Extension", "rels")
        el.set("ContentType", RELS_CT)
        self.content_types.insert(0, el)
        self.changed.add(CONTENT_TYPES)

    def outputs(self) -> dict[str, bytes]:
        sources = {self.workbook: (lambda: self.wb, lambda: self._wb_bytes),
                   self.workbook_rels: (lambda: self.rels, lambda: self._rels_bytes),
                   CONTENT_TYPES: (lambda: self.content_types, lambda: self._ct_bytes)}
        return {self.pkg.member(part): X.serialize(root(), raw())
                for part, (root, raw) in sources.items() if part in self.changed}


def replace_sheet_refs(formula: str, old: str, new: str) -> str:
    """Point references to sheet `old` ('old'!A1 or old!A1) at `new`, leaving string
    literals alone."""
    alts = ["'" + re.escape(old.replace("'", "''")) + "'!"]
    if re.fullmatch(r"[^\W\d][\w.]*", old):
        alts.append(r"(?<![\w.'])" + re.escape(old) + "!")
    rx = re.compile("|".join(alts))
    new_ref = quote_sheet(new) + "!"
    pieces = re.split(r'("(?:[^"]|"")*")', formula)
    return "".join(p if p.startswith('"') else rx.sub(lambda m: new_ref, p) for p in pieces)
