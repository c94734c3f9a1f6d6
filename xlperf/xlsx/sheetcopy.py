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

import os
from pathlib import Path

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


__all__ = ["copy_sheet"]
