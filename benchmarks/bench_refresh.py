"""Refresh time of department workbooks against LibreOffice (run by hand, not in tests).

    python benchmarks/bench_refresh.py [--repeat 5]

Builds, from the bundled example data, the demo workbook (2 projects), a 10-project and a
40-project workbook, with inputs filled and nothing computed yet (as a department hands
them in). Then, side by side on the same files:
  - `xlperf refresh` (read, plan, lossless write, in this process);
  - LibreOffice headless opening the workbook, recalculating every formula and saving it
    (convert xlsx → xlsx with recalculation on load forced), which is the cheapest thing
    a spreadsheet application does to a workbook.
Prints median milliseconds and the ratio. Issue 4's target: refresh under a tenth of
LibreOffice's time for the 10-project workbook.
"""
from __future__ import annotations

import argparse
import copy
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from xlperf.actions import refresh_file
from xlperf.example import example_department
from xlperf.templates import build_workbook

_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def department(projects: int) -> dict:
    data = example_department()
    base = data["projects"]
    data["projects"] = []
    for i in range(projects):
        p = copy.deepcopy(base[i % len(base)])
        p["name"] = f"{p['name']}{i + 1:02d}"
        data["projects"].append(p)
    return data


def time_refresh(src: Path, work: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        target = work / "refresh.xlsx"
        shutil.copyfile(src, target)
        t = time.perf_counter()
        refresh_file(target)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def time_libreoffice(src: Path, work: Path, repeat: int) -> float:
    profile = work / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_XCU, encoding="utf-8")
    cmd = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--convert-to", "xlsx", "--outdir", str(work / "lo-out"), str(src)]
    subprocess.run(cmd, check=True, capture_output=True)  # first start builds the profile
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-libreoffice", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print(f"{'workbook':<16}{'sheets':>8}{'refresh ms':>12}{'LibreOffice ms':>16}{'ratio':>8}")
        for label, projects in (("demo", 2), ("10 projects", 10), ("40 projects", 40)):
            src = build_workbook(work / f"{projects}.xlsx", data=department(projects))
            ours = time_refresh(src, work, args.repeat)
            sheets = projects + 8
            if args.no_libreoffice or not shutil.which("soffice"):
                print(f"{label:<16}{sheets:>8}{ours:>12.1f}")
                continue
            lo = time_libreoffice(src, work, max(1, args.repeat // 2))
            print(f"{label:<16}{sheets:>8}{ours:>12.1f}{lo:>16.0f}{lo / ours:>7.1f}x")


if __name__ == "__main__":
    main()
