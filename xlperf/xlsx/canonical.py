"""The package again, laid out the one way calamine reads without fail, for workbooks it
would otherwise refuse although they are valid (issue 15): a workbook part elsewhere
than xl/workbook.xml, Strict namespaces, macro, module or dialog sheets beside the
worksheets, `state="show"`, UTF-16 parts, and in the sheets `<dimension ref="1:4"/>` or
whole-column merges (`A:A`), which calamine takes for broken ranges.

Only what values need goes in: a generated workbook.xml listing the worksheets (and the
1904 date system), its relationships, the shared strings, the styles (number formats
tell dates) and each worksheet's bytes as read and checked, minus `<dimension>` and
`<mergeCells>`. Nothing here is ever written back to the user's file.
"""
from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from contextlib import contextmanager

from . import xmlutil as X
from .package import Package, SheetRef

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "</Types>")
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>")
_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\b[^>]*>")
_MERGES = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)mergeCells\b(?:[^>]*/>|.*?</\1mergeCells>)", re.S)
_DATA_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheetData[\s>/]")
_IN_MEMORY = 16 << 20  # larger copies go to a temporary file


@contextmanager
def canonical_copy(pkg: Package, refs: list[SheetRef]):
    """A file-like object or a path calamine reads, holding `refs` under their names.
    Written part by part: no more than one sheet's bytes are held at a time."""
    rels, sheets, parts = [], [], []
    for i, ref in enumerate(refs, 1):
        sheets.append(f'<sheet name="{_attr(ref.name)}" sheetId="{i}" r:id="rId{i}"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
                    f'Target="worksheets/sheet{i}.xml"/>')
        parts.append((f"xl/worksheets/sheet{i}.xml", ref.part, True))
    for kind, name in (("sharedStrings", "sharedStrings.xml"), ("styles", "styles.xml")):
        part = _linked(pkg, kind)
        if part is not None:
            n = len(rels) + 1
            rels.append(f'<Relationship Id="rId{n}" Type="{_REL}/{kind}" Target="{name}"/>')
            parts.append((f"xl/{name}", part, False))
    pr = X.child(pkg.workbook_root, "workbookPr")
    date1904 = pr is not None and pr.get("date1904") in ("1", "true")
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{_REL}">'
                + ('<workbookPr date1904="1"/>' if date1904 else "")
                + f'<sheets>{"".join(sheets)}</sheets></workbook>')
    rels_xml = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
                'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                + "".join(rels) + "</Relationships>")
    fixed = [("[Content_Types].xml", _CT.encode()), ("_rels/.rels", _ROOT_RELS.encode()),
             ("xl/workbook.xml", workbook.encode()),
             ("xl/_rels/workbook.xml.rels", rels_xml.encode())]

    def write(f) -> None:
        with zipfile.ZipFile(f, "w", zipfile.ZIP_STORED) as z:
            for name, data in fixed:
                z.writestr(name, data)
            for name, part, is_sheet in parts:
                data = _bytes(pkg, part, is_sheet)
                z.writestr(name, _plain_sheet(data) if is_sheet else data)
                del data

    if sum(pkg.infos[part].file_size for _, part, _ in parts) <= _IN_MEMORY:
        buf = io.BytesIO()
        write(buf)
        buf.seek(0)
        yield buf
        return
    fd, path = tempfile.mkstemp(suffix=".xlsx", prefix="xlperf-read-")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        yield path
    finally:
        os.unlink(path)


def _attr(text: str) -> str:
    # (xml.sax.saxutils would import urllib and http: 15 ms in every collect worker)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _bytes(pkg: Package, part: str, sheet: bool) -> bytes:
    kept = pkg.kept.get(part) if pkg.kept is not None else None
    return kept if kept is not None else pkg.read(part, sheet=sheet)


def _linked(pkg: Package, kind: str) -> str | None:
    for rtype, target, external in pkg.rels(pkg.workbook_part).values():
        if not external and rtype.endswith("/" + kind) and pkg.has(target):
            return pkg.member(target)
    return None


def _plain_sheet(data: bytes) -> bytes:
    """The sheet without the declarations calamine misreads; its cells untouched."""
    start = _DATA_START.search(data)
    if start is None:
        return data
    close = data.find(b">", data.rfind(b"sheetData")) + 1  # the last: CDATA may fake one
    return (_DIMENSION.sub(b"", data[:start.start()]) + data[start.start():close]
            + _MERGES.sub(b"", data[close:]))
