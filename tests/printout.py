"""What a person sees on paper: a workbook (or one of its sheets) printed to PDF by
LibreOffice (tests/lo.py, private profile), read back with poppler's pdfinfo/pdftotext.

`sheet_pdf` prints one sheet: a zip-level copy where every other sheet is hidden and
loses its print ranges (LibreOffice prints a hidden sheet that has one). The copy is made
without openpyxl, which would mark every row height custom again."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lo import convert, soffice


def require_poppler() -> None:
    missing = [t for t in ("pdfinfo", "pdftotext") if shutil.which(t) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{', '.join(missing)} required under CI but not found")
        pytest.skip(f"poppler-utils ({', '.join(missing)}) not installed")


def _only(xml: str, sheet: str) -> str:
    names = re.findall(r'<sheet [^>]*?name="([^"]*)"', xml)
    index = names.index(sheet)

    def hide(m: re.Match) -> str:
        tag = re.sub(r'\s+state="[^"]*"', "", m.group(0))
        name = re.search(r'name="([^"]*)"', tag).group(1)
        return tag if name == sheet else tag.replace("<sheet ", '<sheet state="hidden" ', 1)

    xml = re.sub(r"<sheet [^>]*>", hide, xml)
    xml = re.sub(r'<definedName [^>]*localSheetId="(\d+)"[^>]*>.*?</definedName>',
                 lambda m: m.group(0) if int(m.group(1)) == index else "", xml)
    xml = re.sub(r'\s(firstSheet|activeTab)="\d+"', "", xml)
    return xml.replace("<workbookView ", f'<workbookView activeTab="{index}" ', 1)


def sheet_pdf(book: Path, sheet: str, outdir: Path) -> Path:
    """`sheet` of `book` printed alone to PDF by LibreOffice."""
    soffice()
    require_poppler()
    outdir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(book) as src:
        parts = [(info, src.read(info)) for info in src.infolist()]
        names = re.findall(r'<sheet [^>]*?name="([^"]*)"', src.read("xl/workbook.xml").decode())
    single = outdir / f"sheet{names.index(sheet)}.xlsx"
    with zipfile.ZipFile(single, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in parts:
            if info.filename == "xl/workbook.xml":
                data = _only(data.decode("utf-8"), sheet).encode("utf-8")
            out.writestr(info, data)
    return convert(single, "pdf", outdir)


def book_pdf(book: Path, outdir: Path) -> Path:
    soffice()
    require_poppler()
    return convert(book, "pdf", outdir)


def pdf_info(pdf: Path) -> dict:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pages(pdf: Path) -> int:
    return int(pdf_info(pdf)["Pages"])


def page_size(pdf: Path) -> tuple[int, int]:
    width, height = (float(x) for x in re.findall(r"[\d.]+", pdf_info(pdf)["Page size"])[:2])
    return round(width), round(height)


def page_text(pdf: Path, page: int, layout: bool = True) -> str:
    cmd = ["pdftotext", "-f", str(page), "-l", str(page), *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def squeezed(text: str) -> str:
    """Text without any white space: a cell's text wrapped over lines reads as one string."""
    return re.sub(r"\s", "", text)
