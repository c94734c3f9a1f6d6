"""Render one sheet of a freshly built department workbook to PNG (for the README).

    python scripts/render_png.py [--sheet "附件2 整体支出自评表"] [--out docs/附件2.png] [--blank]

Builds the example workbook and refreshes it as `xlperf new` does (or the blank template
with --blank), hides every other sheet in a throwaway copy, prints it to PDF with
headless LibreOffice (a private profile that recalculates every formula on load) and
rasterises the first page (or every page, as <out>-1.png, <out>-2.png …) with pdftoppm.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from xlperf.actions import new_workbook  # noqa: E402
from xlperf.templates import example_data  # noqa: E402
from xlperf.templates.build import TEMPLATE_PROJECTS, TEMPLATE_REGION, TEMPLATE_YEAR  # noqa: E402

RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def only_sheet(xml: str, sheet: str) -> str:
    """workbook.xml with every sheet but `sheet` hidden and without its print ranges
    (LibreOffice prints a hidden sheet that has one); `sheet` active."""
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


def single_sheet_copy(xlsx: Path, sheet: str, out: Path) -> Path:
    """A throwaway copy of `xlsx` that prints `sheet` alone, made part by part (openpyxl
    would mark every row height fixed again): never a user's workbook."""
    with zipfile.ZipFile(xlsx) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/workbook.xml":
                data = only_sheet(data.decode("utf-8"), sheet).encode("utf-8")
            dst.writestr(info, data)
    return out


def sheet_to_pdf(xlsx: Path, sheet: str, workdir: Path) -> Path:
    """A PDF of `sheet` alone, as LibreOffice prints it."""
    single = single_sheet_copy(xlsx, sheet, workdir / "sheet.xlsx")
    profile = workdir / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS, "utf-8")
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(workdir), str(single)],
        check=True, capture_output=True, timeout=180)
    return workdir / "sheet.pdf"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheet", default="附件2 整体支出自评表")
    parser.add_argument("--out", default=str(ROOT / "docs" / "附件2.png"))
    parser.add_argument("--blank", action="store_true", help="render the blank template")
    parser.add_argument("--dpi", type=int, default=110)
    parser.add_argument("--all-pages", action="store_true")
    args = parser.parse_args(argv)
    if not shutil.which("soffice") or not shutil.which("pdftoppm"):
        print("需要 LibreOffice (soffice) 和 poppler-utils (pdftoppm)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="xlperf_render_") as tmp:
        work = Path(tmp)
        book = work / "book.xlsx"
        if args.blank:
            new_workbook(book, region=TEMPLATE_REGION, year=TEMPLATE_YEAR,
                         projects=TEMPLATE_PROJECTS)
        else:
            new_workbook(book, data=example_data())
        pdf = sheet_to_pdf(book, args.sheet, work)
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        stem = out.with_suffix("")
        pages = [] if args.all_pages else ["-f", "1", "-l", "1", "-singlefile"]
        subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), *pages, str(pdf), str(stem)],
                       check=True, timeout=120)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
