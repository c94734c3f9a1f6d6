"""What a person sees on paper: a workbook (or one of its sheets) printed to PDF by
LibreOffice (tests/lo.py, private profile), read back with poppler's pdfinfo/pdftotext.

`sheet_pdf` prints one sheet from a zip-level copy where every other sheet is hidden
(scripts/render_png.py, which renders the README images the same way)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lo import convert, soffice

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from render_png import single_sheet_copy


def require_poppler() -> None:
    missing = [t for t in ("pdfinfo", "pdftotext") if shutil.which(t) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{', '.join(missing)} required under CI but not found")
        pytest.skip(f"poppler-utils ({', '.join(missing)}) not installed")


def sheet_pdf(book: Path, sheet: str, outdir: Path) -> Path:
    """`sheet` of `book` printed alone to PDF by LibreOffice."""
    soffice()
    require_poppler()
    outdir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(book) as src:
        names = re.findall(r'<sheet [^>]*?name="([^"]*)"', src.read("xl/workbook.xml").decode())
    single = single_sheet_copy(book, sheet, outdir / f"sheet{names.index(sheet)}.xlsx")
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
    """The page's text laid out as printed, or (layout=False) in the order LibreOffice
    drew it: cell by cell, so a wrapped cell's lines come together."""
    mode = "-layout" if layout else "-raw"
    cmd = ["pdftotext", "-f", str(page), "-l", str(page), mode, str(pdf), "-"]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def squeezed(text: str) -> str:
    """Text without any white space: a cell's text wrapped over lines reads as one string."""
    return re.sub(r"\s", "", text)


UNO_SCRIPT = Path(__file__).resolve().parent / "uno_edit.py"
_SYSTEM_PYTHON = "/usr/bin/python3"


def uno_python() -> str:
    """A python that can import uno: the system one (python3-uno), as .ci/run installs it."""
    for exe in (_SYSTEM_PYTHON, shutil.which("python3")):
        if exe and subprocess.run([exe, "-c", "import sys; sys.path.append('/usr/lib/python3/dist-packages');"
                                   "import uno"], capture_output=True).returncode == 0:
            return exe
    if os.environ.get("CI"):
        pytest.fail("python3-uno is required under CI but no python imports uno")
    pytest.skip("python3-uno not installed")


def type_in_libreoffice(src: Path, dst: Path, steps: list[dict], workdir: Path) -> Path:
    """Open `src` in LibreOffice, insert rows and type cells as `steps` say (uno_edit.py),
    save as .xlsx at `dst` with LibreOffice's own filter."""
    import json
    import tempfile

    soffice()
    exe = uno_python()
    workdir.mkdir(parents=True, exist_ok=True)
    steps_file = workdir / "steps.json"
    steps_file.write_text(json.dumps(steps, ensure_ascii=False), "utf-8")
    profile = Path(tempfile.mkdtemp(prefix="xlperf-uno-", dir=workdir))
    proc = subprocess.run([exe, str(UNO_SCRIPT), profile.as_uri(), str(src), str(dst), str(steps_file)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and dst.exists(), proc.stderr[-2000:]
    return dst


def words(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """(text, xMin, yMin, xMax, yMax) of every word pdftotext finds on `page`."""
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out)
    return [(t, float(a), float(b), float(c), float(d)) for a, b, c, d, t in found]


def column_text(pdf: Path, key: str) -> str:
    """The text printed in the indicator table's column `key` (xlperf.layout), on every
    page, line by line, so the wrapped lines of one cell read as one string. The page's
    x scale comes from where two header texts print (三级指标, 偏差原因…) and the grid's
    column widths; a word belongs to the column its centre falls in."""
    from xlperf import layout as L

    t, widths = L.INDICATORS, L.SELFEVAL_WIDTHS

    def units(k: str) -> tuple[float, float]:
        start = t.start(k) - 1
        return sum(widths[:start]), sum(widths[:start + t.column(k).span])

    out = []
    for page in range(1, pages(pdf) + 1):
        ws = words(pdf, page)
        found = {}
        for k in ("level3", "deviation"):
            hit = [w for w in ws if w[0] == t.column(k).header]
            if hit:
                found[k] = ((hit[0][1] + hit[0][3]) / 2, sum(units(k)) / 2, hit[0][4])
        if len(found) < 2:
            continue
        (x1, u1, y_head), (x2, u2, _) = found["level3"], found["deviation"]
        scale = (x2 - x1) / (u2 - u1)
        left, right = (x1 + (u - u1) * scale for u in units(key))
        mine = [w for w in ws if w[2] > y_head + 2 and left <= (w[1] + w[3]) / 2 < right]
        out.extend(w[0] for w in sorted(mine, key=lambda w: (round(w[2]), w[1])))
    return "".join(out)
