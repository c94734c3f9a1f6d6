"""Build the corpus workbooks: `python tests/corpus/build.py OUTDIR` (or `build(outdir)`).

Each case becomes OUTDIR/<name>.xlsx, written with openpyxl (new files only) with its
merged ranges; the cases marked `resave` are then opened and saved by headless
LibreOffice (a private profile), as a department using LibreOffice sends them."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from corpus import (  # type: ignore[no-redef]
        cases_generic,
        cases_layouts2,
        cases_layouts3,
        cases_official,
        cases_scoring,
    )
else:
    from . import cases_generic, cases_layouts2, cases_layouts3, cases_official, cases_scoring

TIMEOUT = 300


def all_cases() -> list:
    return [make() for module in (cases_official, cases_generic, cases_scoring, cases_layouts2,
                                                          cases_layouts3) for make in module.CASES]


def write_case(case, path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in case.sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is not None:
                    ws.cell(r, c, v)
        for rng in case.merges.get(name, ()):
            ws.merge_cells(rng)
    wb.save(path)
    return path


def resave(paths: list[Path], outdir: Path, target: str = "xlsx") -> list[Path]:
    """Open and save each file with headless LibreOffice (one process for all of them),
    as `target` (a --convert-to filter: xlsx, ods, "xls:MS Excel 97"); returns the
    saved files, in `outdir`."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is needed to re-save the corpus")
    profile = Path(tempfile.mkdtemp(prefix="xlperf-corpus-lo-"))
    lo_out = Path(tempfile.mkdtemp(prefix="xlperf-corpus-out-"))
    try:
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", target, "--outdir", str(lo_out), *map(str, paths)]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise RuntimeError("LibreOffice did not re-save the corpus in time") from None
        suffix = "." + target.split(":")[0]
        saved_paths = []
        for p in paths:
            saved = lo_out / (p.stem + suffix)
            if not saved.exists():
                raise RuntimeError(f"LibreOffice did not save {p.name}")
            saved_paths.append(Path(shutil.move(str(saved), outdir / saved.name)))
        return saved_paths
    finally:
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(lo_out, ignore_errors=True)


def build(outdir, with_libreoffice: bool = True) -> list:
    """Write every case into `outdir`; returns [(case, path)]."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    built = [(case, write_case(case, outdir / f"{case.name}.xlsx")) for case in all_cases()]
    if with_libreoffice:
        resave([p for case, p in built if case.resave], outdir)
    return built


if __name__ == "__main__":
    for case, path in build(sys.argv[1] if len(sys.argv) > 1 else "corpus-out"):
        print(path, "(LibreOffice)" if case.resave else "")
