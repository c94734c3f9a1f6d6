"""Copy a worksheet inside a workbook (`xlperf add-project`), at the zip level.

The copy is a new worksheet part right after its source in <sheets>. Its relationships:
external hyperlinks are kept (they point outside the package); every internal part the
source links to — drawings (pictures, charts, shapes, form buttons), comments and their
VML, tables, printer settings, controls — is dropped from the copy together with the
XML elements that referred to it. Copying those consistently would mean renaming tables,
duplicating drawings and re-pointing chart ranges; the project sheet needs none of it.
Defined names scoped to the source (print titles, print area, filter database) are
duplicated for the copy; every later sheet's localSheetId moves up by one.
Every other zip member stays byte-identical.
"""
from __future__ import annotations

import copy
import os
from pathlib import Path

from lxml import etree

from ..errors import UsageError
from ..grid import parse_a1
from ..settings import DEFAULT, Settings
from . import xmlutil as X
from .atomic import AtomicFile, check_lock
from .book import BookEditor, replace_sheet_refs
from .cells import SheetEditor
from .package import Package, open_for_rewrite, rels_part, sheet_label
from .styles import INPUT_FILL, styles_with_fill
from .zipout import ZipRewriter

# Elements that only group what we may remove: emptied, they go too.
_CONTAINERS = {"tableParts", "controls", "oleObjects", "Choice", "Fallback", "AlternateContent",
               "slicerList", "ext", "extLst", "webPublishItems", "customProperties"}
# Elements that stay when the part they point at is dropped (only the link goes).
_KEEP_ELEMENT = {"pageSetup"}
_FORMULA_TEXT = {"f", "formula", "formula1", "formula2"}
_REL_PREFIXES = (f"{{{X.REL_NS}}}", "{http://purl.oclc.org/ooxml/officeDocument/relationships}")


def copy_sheet(src_path, source_sheet: str, new_name: str, out_path=None,
               clear_inputs: bool = True, set_cells: dict[str, str] | None = None,
               backup: bool = False, settings: Settings = DEFAULT,
               input_fill: str = INPUT_FILL) -> Path:
    """Copy `source_sheet` as `new_name` right after it. With clear_inputs, cells filled
    with `input_fill` lose their values (formulas kept); then each A1 → text of set_cells
    is written as an inline string. In place (atomically) unless out_path is given."""
    src = Path(os.fspath(src_path))
    target = Path(os.fspath(out_path)) if out_path is not None else src
    cells = {}
    for ref, text in (set_cells or {}).items():
        try:
            cells[parse_a1(ref)] = text
        except ValueError as exc:
            raise UsageError(f"单元格地址“{ref}”无效") from exc
    check_lock(target)
    with AtomicFile(target, backup=backup) as out:
        with open_for_rewrite(src, target, settings) as pkg:
            ref = pkg.sheet(source_sheet)
            if ref is None:
                raise UsageError(f"{sheet_label(source_sheet)}不存在")
            if ref.kind != "worksheet":
                raise UsageError(f"{sheet_label(source_sheet)}不是普通工作表，无法复制")
            book = BookEditor(pkg)
            part = book.new_sheet_part()
            index = book.add_sheet(new_name, part, position=ref.index + 1)
            book.copy_local_names(ref.index, index, source_sheet, new_name)
            book.ensure_full_calc()  # cleared inputs make the copied cached results stale

            editor = SheetEditor(pkg.read(ref.part, sheet_label(source_sheet), sheet=True), part)
            kept_rels = _prune_relationships(pkg, ref.part, editor.root)
            _detach_identity(editor.root)
            _rename_refs(editor.root, source_sheet, new_name)
            styles = _styles_part(pkg)
            if clear_inputs and styles is not None:
                editor.clear_styled(styles_with_fill(pkg.xml(styles), input_fill))
            for (row, col), text in cells.items():
                editor.set_value(row, col, text)

            add = [(part, editor.to_bytes())]
            if kept_rels is not None:
                add.append((rels_part(part), kept_rels))
                book.ensure_rels_default()
            ZipRewriter(pkg.fileobj, pkg.zf).write(out, book.outputs(), add)
    return target


def _styles_part(pkg: Package) -> str | None:
    for rtype, target, external in pkg.rels(pkg.workbook_part).values():
        if rtype.endswith("/styles") and not external and pkg.has(target):
            return target
    return None


def _prune_relationships(pkg: Package, part: str, root) -> bytes | None:
    """Drop the copy's links to internal parts; the kept rels part (external links only)
    as bytes, or None when nothing is left."""
    rp = rels_part(part)
    if not pkg.has(rp):
        return None
    raw = pkg.read(rp)
    rels = X.parse(raw, rp)
    dropped = set()
    for rel in list(rels):
        if X.local(rel) == "Relationship" and rel.get("TargetMode") != "External":
            dropped.add(rel.get("Id"))
            rels.remove(rel)
    parents = []
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        hits = [k for k, v in el.attrib.items() if k.startswith(_REL_PREFIXES) and v in dropped]
        if not hits:
            continue
        if X.local(el) in _KEEP_ELEMENT:
            for k in hits:
                del el.attrib[k]
            continue
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
            parents.append(parent)
    for parent in parents:
        while parent is not None and len(parent) == 0 and X.local(parent) in _CONTAINERS:
            up = parent.getparent()
            if up is None:
                break
            up.remove(parent)
            parent = up
    if not len(rels):
        return None
    return X.serialize(rels, raw)


def _detach_identity(root) -> None:
    # Two selected tabs open as a group (edits then hit both sheets), and a VBA code
    # name must be unique; Excel assigns a fresh one on the next save.
    for view in root.iter(f"{{{X.main_ns(root)}}}sheetView"):
        view.attrib.pop("tabSelected", None)
    pr = X.child(root, "sheetPr")
    if pr is not None:
        pr.attrib.pop("codeName", None)


def _rename_refs(root, old: str, new: str) -> None:
    """References to the source sheet by name inside the copy point at the copy, as
    Excel's own Move or Copy does."""
    for el in root.iter():
        if isinstance(el.tag, str) and el.text and "!" in el.text and X.local(el) in _FORMULA_TEXT:
            el.text = replace_sheet_refs(el.text, old, new)


# -- a sheet from another workbook (add-project when there is no project sheet to copy) --

_STYLE_LISTS = (("numFmts", "numFmt"), ("fonts", "font"), ("fills", "fill"), ("borders", "border"),
                ("cellXfs", "xf"), ("dxfs", "dxf"))
_STYLES_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
                 "tableStyles", "colors", "extLst")


def insert_sheet_from(dst_path, src_path, src_sheet: str, new_name: str, out_path=None,
                      after: str | None = None, backup: bool = False,
                      settings: Settings = DEFAULT) -> Path:
    """Insert worksheet `src_sheet` of the workbook at `src_path` (one xlperf builds) into
    the workbook at `dst_path` as `new_name`, right after sheet `after` (default: last).
    The cells' formats come along as new entries of the destination's styles (equal
    entries reused), shared strings become inline strings, links to other parts are
    dropped, print titles and print area follow. Every other member of the destination
    stays byte-identical; in place (atomically) unless out_path is given."""
    dst = Path(os.fspath(dst_path))
    target = Path(os.fspath(out_path)) if out_path is not None else dst
    check_lock(target)
    with Package(Path(os.fspath(src_path)), settings) as src:
        ref = src.sheet(src_sheet)
        if ref is None or ref.kind != "worksheet":
            raise UsageError(f"{sheet_label(src_sheet)}不存在")
        editor = SheetEditor(src.read(ref.part, sheet_label(src_sheet)), ref.part)
        _prune_relationships(src, ref.part, editor.root)
        _inline_shared_strings(src, editor.root)
        src_styles = _styles_part(src)
        src_styles_root = src.xml(src_styles) if src_styles is not None else None
        local_names = _local_names(src, ref.index)
    with AtomicFile(target, backup=backup) as out:
        with open_for_rewrite(dst, target, settings) as pkg:
            book = BookEditor(pkg)
            names = book.sheet_names()
            position = names.index(after) + 1 if after in names else None
            part = book.new_sheet_part()
            index = book.add_sheet(new_name, part, position=position)
            _add_local_names(book, local_names, index, src_sheet, new_name)
            book.ensure_full_calc()
            _detach_identity(editor.root)
            _rename_refs(editor.root, src_sheet, new_name)
            outputs = book.outputs()
            styles = _styles_part(pkg)
            if styles is not None and src_styles_root is not None:
                raw = pkg.read(styles)
                root = X.parse(raw, styles)
                _restyle(editor.root, src_styles_root, root)
                outputs[pkg.member(styles) or styles] = X.serialize(root, raw)
            ZipRewriter(pkg.fileobj, pkg.zf).write(out, outputs, [(part, editor.to_bytes())])
    return target


def _inline_shared_strings(pkg: Package, root) -> None:
    ns = X.main_ns(root)
    cells = [c for c in root.iter(f"{{{ns}}}c") if c.get("t") == "s"]
    if not cells:
        return
    sst = next((t for rtype, t, ext in pkg.rels(pkg.workbook_part).values()
                if rtype.endswith("/sharedStrings") and not ext and pkg.has(t)), None)
    items = X.children(pkg.xml(sst), "si") if sst is not None else []
    for c in cells:
        v = X.child(c, "v")
        i = int(v.text) if v is not None and (v.text or "").isdigit() else -1
        if v is not None:
            c.remove(v)
        c.set("t", "inlineStr")
        is_el = etree.SubElement(c, f"{{{ns}}}is")
        if 0 <= i < len(items):
            for part in items[i]:
                is_el.append(copy.deepcopy(part))


def _local_names(pkg: Package, index: int) -> list:
    names = X.child(pkg.workbook_root, "definedNames")
    return [copy.deepcopy(dn) for dn in (X.children(names, "definedName") if names is not None else [])
            if dn.get("localSheetId") == str(index)]


def _add_local_names(book: BookEditor, names: list, index: int, old: str, new: str) -> None:
    if not names:
        return
    parent = book._wb_child("definedNames", create=True)
    for dn in names:
        el = etree.SubElement(parent, book._q("definedName"))
        for k, v in dn.attrib.items():
            el.set(k, v)
        el.set("localSheetId", str(index))
        el.text = replace_sheet_refs(dn.text or "", old, new)
    book.changed.add(book.workbook)


def _restyle(sheet_root, src_styles, dst_styles) -> None:
    """The sheet's style indexes (cells, rows, columns, conditional formats) re-pointed at
    entries of `dst_styles`, copied there from `src_styles` where no equal entry exists."""
    ns = X.main_ns(dst_styles)

    def items(root, group, item):
        el = X.child(root, group)
        return X.children(el, item) if el is not None else []

    def container(group):
        el = X.child(dst_styles, group)
        if el is None:
            el = etree.Element(f"{{{ns}}}{group}")
            X.insert_in_order(dst_styles, el, _STYLES_ORDER)
        return el

    def key(el) -> bytes:
        return etree.tostring(el, method="c14n")

    index: dict = {}
    for group, item in _STYLE_LISTS:
        index[group] = {key(e): i for i, e in enumerate(items(dst_styles, group, item))}
    maps: dict = {group: {} for group, _ in _STYLE_LISTS}

    def adopt(group, item, el) -> int:
        k = key(el)
        if k in index[group]:
            return index[group][k]
        box = container(group)
        box.append(copy.deepcopy(el))
        n = len(X.children(box, item))
        box.set("count", str(n))
        index[group][k] = n - 1
        return n - 1

    src_fmts = {e.get("numFmtId"): e for e in items(src_styles, "numFmts", "numFmt")}
    used_fmt_ids = {int(e.get("numFmtId")) for e in items(dst_styles, "numFmts", "numFmt")
                    if (e.get("numFmtId") or "").isdigit()}

    def fmt_id(old: str) -> str:
        fmt = src_fmts.get(old)
        if fmt is None:
            return old  # a built-in format
        code = fmt.get("formatCode")
        for e in items(dst_styles, "numFmts", "numFmt"):
            if e.get("formatCode") == code:
                return e.get("numFmtId")
        new = max(used_fmt_ids | {163}) + 1
        used_fmt_ids.add(new)
        el = copy.deepcopy(fmt)
        el.set("numFmtId", str(new))
        box = container("numFmts")
        box.append(el)
        box.set("count", str(len(X.children(box, "numFmt"))))
        return str(new)

    src_parts = {group: items(src_styles, group, item) for group, item in _STYLE_LISTS}

    def xf_index(old: str) -> str:
        if not old.isdigit() or int(old) >= len(src_parts["cellXfs"]):
            return "0"
        if old in maps["cellXfs"]:
            return maps["cellXfs"][old]
        xf = copy.deepcopy(src_parts["cellXfs"][int(old)])
        for attr, group in (("fontId", "fonts"), ("fillId", "fills"), ("borderId", "borders")):
            i = xf.get(attr)
            if i is not None and i.isdigit() and int(i) < len(src_parts[group]):
                xf.set(attr, str(adopt(group, group[:-1], src_parts[group][int(i)])))
        if xf.get("numFmtId") is not None:
            xf.set("numFmtId", fmt_id(xf.get("numFmtId")))
        xf.set("xfId", "0")
        new = str(adopt("cellXfs", "xf", xf))
        maps["cellXfs"][old] = new
        return new

    sheet_ns = X.main_ns(sheet_root)
    for el in sheet_root.iter(f"{{{sheet_ns}}}c", f"{{{sheet_ns}}}row"):
        if el.get("s") is not None:
            el.set("s", xf_index(el.get("s")))
    for el in sheet_root.iter(f"{{{sheet_ns}}}col"):
        if el.get("style") is not None:
            el.set("style", xf_index(el.get("style")))
    for el in sheet_root.iter(f"{{{sheet_ns}}}cfRule"):
        old = el.get("dxfId")
        if old is not None and old.isdigit() and int(old) < len(src_parts["dxfs"]):
            el.set("dxfId", str(adopt("dxfs", "dxf", src_parts["dxfs"][int(old)])))


__all__ = ["copy_sheet", "insert_sheet_from"]
