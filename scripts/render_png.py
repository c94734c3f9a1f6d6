"""Render one sheet of a freshly built department workbook to PNG (for the README).

    python scripts/render_png.py [--sheet "附件2 整体支出自评表"] [--out docs/附件2.png] [--blank]

Builds the example workbook and refreshes it as `xlperf new` does (or the blank template
with --blank), hides every other sheet in a throwaway copy, prints it to PDF with
headless LibreOffice (a private profile that recalculates every formula on load) and
rasterises the first page (or every page, as <out>-1.png, <out>-2.png …) with pdftoppm.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402

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


def sheet_to_pdf(xlsx: Path, sheet: str, workdir: Path) -> Path:
    """A PDF of `sheet` alone, as LibreOffice prints it."""
    # a throwaway copy of our own example, printed and deleted: never a user's workbook
    single = workdir / "sheet.xlsx"
    wb = load_workbook(xlsx)
    # hidden, not deleted: the sheet's cross-sheet formulas must still resolve
    wb.active = wb.sheetnames.index(sheet)
    for ws in wb.worksheets:
        if ws.title != sheet:
            ws.sheet_state = "hidden"
    wb.save(single)
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
