"""LibreOffice as an outside oracle: does a real spreadsheet application open our file,
and what do its formulas compute?

`recalc_values(path)` converts the workbook to .xlsx with headless LibreOffice, which
recalculates every formula on load (OOXMLRecalcMode = 0, "always", set in a private
profile so parallel runs and the user's own profile never interfere), then reads the
result with python-calamine. Error results come back as their text ("#DIV/0!"), so a
test can assert there are none.

Without soffice the tests that need it are skipped on a laptop, but fail under CI
(environment variable CI set): a green CI must mean LibreOffice really opened the files.
"""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
import python_calamine as pc
from lxml import etree

TIMEOUT = 180
# Recalculation on load: 0 always, 1 never (the file's cached results are shown)
_ITEM = ('<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
         '<prop oor:name="{}" oor:op="fuse"><value>{}</value></prop></item>')
_XCU = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '{items}</oor:items>\n')
_profiles: dict = {}


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is required under CI but was not found")
    pytest.skip("LibreOffice (soffice) not installed")


@pytest.fixture
def libreoffice() -> str:
    """The soffice executable; skips (or fails under CI) when it is missing."""
    return soffice()


def _profile_dir(recalc: bool = True) -> Path:
    if recalc not in _profiles:
        profile = Path(tempfile.mkdtemp(prefix=f"xlperf-lo-{os.getpid()}-"))
        (profile / "user").mkdir()
        mode = 0 if recalc else 1
        items = "".join(_ITEM.format(name, mode) + "\n" for name in ("OOXMLRecalcMode", "ODFRecalcMode"))
        (profile / "user" / "registrymodifications.xcu").write_text(_XCU.format(items=items),
                                                                    encoding="utf-8")
        atexit.register(shutil.rmtree, profile, True)
        _profiles[recalc] = profile
    return _profiles[recalc]


def convert(path, fmt: str = "xlsx", outdir=None, recalc: bool = True) -> Path:
    """Convert with headless LibreOffice, recalculating every formula on load (or never:
    then the file's cached results are what LibreOffice shows); the converted file."""
    exe = soffice()
    path = Path(path).resolve()
    outdir = Path(outdir or tempfile.mkdtemp(prefix="xlperf-lo-out-"))
    cmd = [exe, f"-env:UserInstallation={_profile_dir(recalc).as_uri()}", "--headless",
           "--norestore", "--nolockcheck", "--convert-to", fmt, "--outdir", str(outdir), str(path)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # soffice.bin is a child of the wrapper
        proc.communicate()
        raise AssertionError(f"LibreOffice did not convert {path.name} within {TIMEOUT} s") from None
    result = outdir / (path.stem + "." + fmt.split(":")[0])
    if proc.returncode != 0 or not result.exists():
        raise AssertionError(
            f"LibreOffice could not open {path.name}: rc={proc.returncode} "
            f"{out.decode(errors='replace')} {err.decode(errors='replace')}")
    return result


def recalc_values(path, recalc: bool = True) -> dict[str, list[list]]:
    """{sheet name: rows from A1} as LibreOffice shows them after opening the file with
    (or without) recalculation; empty cells are None and error results their text."""
    converted = convert(path, "xlsx", recalc=recalc)
    try:
        with pc.CalamineWorkbook.from_path(str(converted)) as wb:
            values = {name: [[None if v == "" else v for v in row]
                             for row in wb.get_sheet_by_name(name).to_python(skip_empty_area=False)]
                      for name in wb.sheet_names}
        for sheet, cells in _error_cells(converted).items():
            rows = values.setdefault(sheet, [])
            for (r, c), text in cells.items():
                while len(rows) <= r:
                    rows.append([])
                while len(rows[r]) <= c:
                    rows[r].append(None)
                rows[r][c] = text
        return values
    finally:
        shutil.rmtree(converted.parent, ignore_errors=True)


def errors_in(values: dict[str, list[list]]) -> list[str]:
    """'Sheet!A1=#DIV/0!' for every error value; [] when there is none."""
    out = []
    for sheet, rows in values.items():
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if isinstance(v, str) and (v in _ERRORS or v.startswith("Err:")):
                    out.append(f"{sheet}!{_a1(r, c)}={v}")
    return out


_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
           "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!"}


def _a1(r: int, c: int) -> str:
    s, n = "", c + 1
    while n:
        n, rem = divmod(n - 1, 26)
        s = chr(65 + rem) + s
    return f"{s}{r + 1}"


def _error_cells(xlsx: Path) -> dict[str, dict]:
    """calamine reads error cells as empty; take them from the XML instead."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    out: dict[str, dict] = {}
    with zipfile.ZipFile(xlsx) as z:
        wb = etree.fromstring(z.read("xl/workbook.xml"))
        rels_xml = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        rels = {r.get("Id"): r.get("Target") for r in rels_xml}
        for sheet in wb.iter(main + "sheet"):
            target = rels[sheet.get(rid)].lstrip("/")
            part = target if target.startswith("xl/") else "xl/" + target
            for c in etree.fromstring(z.read(part)).iter(main + "c"):
                if c.get("t") == "e":
                    v = c.find(main + "v")
                    ref = c.get("r")
                    letters = "".join(ch for ch in ref if ch.isalpha())
                    col = 0
                    for ch in letters:
                        col = col * 26 + ord(ch) - 64
                    where = (int(ref[len(letters):]) - 1, col - 1)
                    out.setdefault(sheet.get("name"), {})[where] = (
                        v.text if v is not None else "#VALUE!")
    return out
