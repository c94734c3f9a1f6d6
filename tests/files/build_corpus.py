"""Rebuild the file corpus in this folder (run by hand; the tests read the committed files):

    PYTHONPATH=. python tests/files/build_corpus.py

The base is a filled department workbook (`xlperf new` with the bundled example data)
saved by LibreOffice (`soffice --convert-to xlsx`), the way a WPS or LibreOffice user
sends it; LibreOffice also makes the .ods and the .xls ("MS Excel 97"). Every other file
is that LibreOffice file with one construct changed inside its zip: valid constructs
other producers write (valid-*), and damage (damaged-*). SOURCES.md says what each is.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from xlperf.actions import new_workbook  # noqa: E402
from xlperf.templates.build import example_data  # noqa: E402

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT = {
    MAIN: "http://purl.oclc.org/ooxml/spreadsheetml/main",
    REL: "http://purl.oclc.org/ooxml/officeDocument/relationships",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "http://purl.oclc.org/ooxml/drawingml/main",
}
CT_DOC = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_XLSM = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
MACRO_SHEET = (f'<?xml version="1.0" encoding="UTF-8"?><xm:macrosheet xmlns="{MAIN}" '
               f'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData>'
               '<row r="1"><c r="A1"><f>RETURN()</f></c></row></sheetData></xm:macrosheet>')
DIALOG_SHEET = (f'<?xml version="1.0" encoding="UTF-8"?><dialogsheet xmlns="{MAIN}">'
                "<sheetViews><sheetView workbookViewId=\"0\"/></sheetViews></dialogsheet>")


def members(path: Path) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(path) as z:
        return [(i, z.read(i)) for i in z.infolist()]


def write(path: Path, items, extra=()) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            name = info if isinstance(info, str) else info.filename
            z.writestr(name, data)
        for name, data in extra:
            z.writestr(name, data)


def variant(base: Path, out: Path, edit=None, drop=(), add=(), rename=None) -> None:
    items = []
    for info, data in members(base):
        if info.filename in drop:
            continue
        if edit and info.filename in edit:
            data = edit[info.filename](data)
        name = rename.get(info.filename, info.filename) if rename else info.filename
        items.append((name, data))
    write(out, items, add)


def sub(pattern: str, repl: str, count: int = 0):
    return lambda data: re.sub(pattern.encode(), repl.encode(), data, count=count)


def first_sheet(base: Path) -> str:
    with zipfile.ZipFile(base) as z:
        return sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))[0]


def soffice_convert(src: Path, fmt: str, outdir: Path) -> Path:
    profile = tempfile.mkdtemp(prefix="xlperf-lo-")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                       check=True, capture_output=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    ext = fmt.split(":")[0]
    return outdir / f"{src.stem}.{ext}"


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="xlperf-corpus-"))
    try:
        made = work / "部门.xlsx"
        new_workbook(made, data=example_data(), projects=1)
        lo = soffice_convert(made, 'xlsx:Calc MS Excel 2007 XML', work / "lo")
        base = HERE / "valid-libreoffice.xlsx"
        shutil.copy(lo, base)
        shutil.copy(soffice_convert(made, "ods", work / "lo"), HERE / "valid-libreoffice.ods")
        shutil.copy(soffice_convert(made, 'xls:MS Excel 97', work / "lo"),
                    HERE / "valid-libreoffice.xls")
        build_variants(base)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for p in sorted(HERE.iterdir()):
        if p.suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
            print(f"{p.stat().st_size:>8}  {p.name}")
    return 0


def build_variants(base: Path) -> None:
    sheet = first_sheet(base)
    wb, wb_rels = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"
    ct = "[Content_Types].xml"

    # -- valid ------------------------------------------------------------------------
    # LibreOffice 5.1–7.6 and Gnumeric declare far more than they hold
    variant(base, HERE / "valid-dimension-whole-sheet.xlsx",
            {sheet: sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>')})
    variant(base, HERE / "valid-dimension-rows.xlsx",
            {sheet: sub(r'<dimension ref="[^"]*"/>', '<dimension ref="1:4"/>')})
    # empty styled cells at the sheet's far corner (formatting only)
    variant(base, HERE / "valid-styled-far-cells.xlsx",
            {sheet: sub("</sheetData>", '<row r="1048576"><c r="A1048576" s="1"/>'
                        '<c r="XFD1048576" s="1"></c></row></sheetData>', 1)})
    variant(base, HERE / "valid-merge-whole-column.xlsx",
            {sheet: lambda d: _add_merge(d, "Z:Z")})
    variant(base, HERE / "valid-sheet-state-show.xlsx",
            {wb: lambda d: re.sub(rb'(<sheet name="[^"]*" sheetId="\d+")( state="visible")?',
                                  rb'\1 state="show"', d, count=1)})
    # the workbook part where _rels/.rels says, not at xl/workbook.xml
    variant(base, HERE / "valid-workbook-elsewhere.xlsx",
            {"_rels/.rels": sub("xl/workbook.xml", "book/main.xml"),
             ct: sub("/xl/workbook.xml", "/book/main.xml"),
             wb_rels: sub(r'Target="(?!/)', 'Target="/xl/')},
            rename={wb: "book/main.xml", wb_rels: "book/_rels/main.xml.rels"})
    # an old VBA module sheet: a <sheet> with an empty r:id
    variant(base, HERE / "valid-module-sheet.xlsx",
            {wb: sub("</sheets>", '<sheet name="Module1" sheetId="90" state="hidden" r:id=""/></sheets>', 1)})
    # an Excel 4.0 macro sheet and a dialog sheet beside the worksheets (.xlsm content)
    variant(base, HERE / "valid-macro-and-dialog-sheets.xlsm",
            {wb: sub("</sheets>", '<sheet name="Macro1" sheetId="91" r:id="rIdM1"/>'
                     '<sheet name="Dialog1" sheetId="92" r:id="rIdD1"/></sheets>', 1),
             wb_rels: sub("</Relationships>",
                          '<Relationship Id="rIdM1" Type="http://schemas.microsoft.com/office/2006/'
                          'relationships/xlMacrosheet" Target="macrosheets/sheet1.xml"/>'
                          f'<Relationship Id="rIdD1" Type="{REL}/dialogsheet" '
                          'Target="dialogsheets/sheet1.xml"/></Relationships>', 1),
             ct: lambda d: d.replace(CT_XLSX.encode(), CT_XLSM.encode()).replace(
                 b"</Types>", b'<Override PartName="/xl/macrosheets/sheet1.xml" ContentType='
                 b'"application/vnd.ms-excel.macrosheet+xml"/><Override PartName='
                 b'"/xl/dialogsheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                 b'officedocument.spreadsheetml.dialogsheet+xml"/></Types>')},
            add=[("xl/macrosheets/sheet1.xml", MACRO_SHEET), ("xl/dialogsheets/sheet1.xml", DIALOG_SHEET)])
    # UTF-16 parts (legal XML; some exporters write them)
    variant(base, HERE / "valid-utf16-parts.xlsx",
            {sheet: _utf16, "xl/sharedStrings.xml": _utf16})
    # ISO 29500 Strict namespaces throughout
    variant(base, HERE / "valid-strict.xlsx",
            {n: _strict for n in _xml_members(base)})

    # -- damaged ----------------------------------------------------------------------
    variant(base, HERE / "damaged-sheet-cut-before-data.xlsx",
            {sheet: lambda d: d[:d.index(b"<sheetData")] + b"\x00garbage\x1a" * 40})
    variant(base, HERE / "damaged-sheet-truncated.xlsx", {sheet: lambda d: d[:len(d) // 2]})
    variant(base, HERE / "damaged-styles-not-xml.xlsx",
            {"xl/styles.xml": lambda d: d + b"<trailing>"})
    variant(base, HERE / "damaged-shared-strings-cut.xlsx",
            {"xl/sharedStrings.xml": lambda d: d[:len(d) - 30]})
    variant(base, HERE / "damaged-no-sheets.xlsx",
            {wb: sub(r"<sheets>.*</sheets>", "<sheets/>")})
    variant(base, HERE / "damaged-word-content-type.xlsx",
            {ct: lambda d: d.replace(CT_XLSX.encode(), CT_DOC.encode())})
    variant(base, HERE / "damaged-no-content-types.xlsx", drop={ct})
    items = members(base)
    data = dict((i.filename, d) for i, d in items)[sheet]
    upper = sheet.rsplit("/", 1)[0] + "/" + sheet.rsplit("/", 1)[1].capitalize()
    write(HERE / "damaged-names-differ-in-case.xlsx", items, [(upper, data)])
    with zipfile.ZipFile(HERE / "valid-libreoffice.ods") as z:
        ods = [(i, z.read(i)) for i in z.infolist()]
    write(HERE / "damaged-ods-content-cut.ods",
          [(i, d[:len(d) // 2] if i.filename == "content.xml" else d) for i, d in ods])
    xls = bytearray((HERE / "valid-libreoffice.xls").read_bytes())
    (HERE / "damaged-xls-zeroed.xls").write_bytes(bytes(xls[:4096]) + bytes(len(xls) - 4096))

    # -- encrypted: Excel's default password, and a user's ------------------------------
    import msoffcrypto.format.ooxml as ooxml

    for name, password in (("encrypted-default-password.xlsx", "VelvetSweatshop"),
                           ("encrypted-user-password.xlsx", "xlperf-2024")):
        with open(base, "rb") as f:
            out = io.BytesIO()
            ooxml.OOXMLFile(f).encrypt(password, out)
        (HERE / name).write_bytes(out.getvalue())


def _add_merge(data: bytes, ref: str) -> bytes:
    if b"<mergeCells" in data:
        return re.sub(rb'<mergeCells count="(\d+)">',
                      lambda m: b'<mergeCells count="%d"><mergeCell ref="%s"/>'
                      % (int(m.group(1)) + 1, ref.encode()), data, count=1)
    return data.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="'
                        + ref.encode() + b'"/></mergeCells>', 1)


def _utf16(data: bytes) -> bytes:
    text = data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
    return text.encode("utf-16")  # with its byte order mark


def _strict(data: bytes) -> bytes:
    for old, new in STRICT.items():
        data = data.replace(old.encode(), new.encode())
    return data.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)


def _xml_members(base: Path) -> list[str]:
    with zipfile.ZipFile(base) as z:
        return [n for n in z.namelist() if n.endswith((".xml", ".rels"))]


if __name__ == "__main__":
    raise SystemExit(main())
