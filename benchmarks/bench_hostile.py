"""How long xlperf takes to refuse each hostile or broken file (run by hand, not in tests).

    python benchmarks/bench_hostile.py [--repeat 3] [--near-limits]

Builds the files test_reliability.py builds (an entity bomb, a 300 MiB deflate bomb, a
shared string referenced 300 times, three sheets of 1.5 million cells, an .ods cell
repeated 17 billion times, and every kind of unreadable file), takes the damaged and
encrypted files of tests/files, and prints, per file: its size, the median time `read_workbook` takes
to refuse it in this process, and the wall time and peak memory of a whole
`xlperf check FILE` process (interpreter start-up included, ~0.1 s).

--near-limits also times files just under the default limits, which are read and
checked in full: the slowest and largest answers a reviewer can get without changing a
limit (two sheets of 1.99 million cells; 1 MB of text referenced 390 times).
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from test_reliability import (  # noqa: E402
    HOSTILE,
    MAIN_NS,
    UNREADABLE,
    ods_repeat_bomb,
    shared_string_workbook,
)
from test_xlsx_samples import build_plain_xlsx, rebuild_zip  # noqa: E402

from xlperf.actions import new_workbook  # noqa: E402
from xlperf.errors import XlperfError  # noqa: E402
from xlperf.example import example_department  # noqa: E402
from xlperf.xlsx import read_workbook  # noqa: E402

# peak = VmHWM of the child's own address space (ru_maxrss would include this
# process's high-water mark, inherited through fork + exec)
_CHILD = """
import resource, sys, time
t = time.perf_counter()
from xlperf.cli import main
code = main(["check", sys.argv[1]])
try:
    peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"@@ {code} {time.perf_counter() - t} {peak}", file=sys.stderr)
"""


def in_process(path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        try:
            read_workbook(path)
        except XlperfError:
            pass
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def whole_process(path: Path) -> tuple[int, float, float, str]:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True,
                          text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    wall = time.perf_counter() - t
    line = next((ln for ln in proc.stderr.splitlines() if ln.startswith("@@")), "@@ ? 0 0")
    _, code, _, peak_kb = line.split()
    message = next((ln for ln in proc.stderr.splitlines() if not ln.startswith("@@")), "")
    message = message.split("：", 1)[-1]  # the reason, without the temp folder's path
    return int(code) if code != "?" else proc.returncode, wall, int(peak_kb) / 1024, message


def near_limits(folder: Path) -> dict[str, Path]:
    """Accepted files at the edge of the defaults."""
    files = {}
    two = folder / "two-sheets-1.99M-cells.xlsx"
    base = folder / "base.xlsx"
    build_plain_xlsx(base, sheets=2, rows=1, cols=2)
    members = ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]
    rebuild_zip(base, two, drop=set(members))
    with zipfile.ZipFile(two, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for m in members:
            with z.open(m, "w") as f:
                f.write(f'<?xml version="1.0"?><worksheet xmlns="{MAIN_NS}"><sheetData>'.encode())
                for r in range(1, 199_001):
                    cells = "".join(f'<c r="{c}{r}" t="inlineStr"><is><t>项目{r}{c}</t></is></c>'
                                    for c in "ABCDEFGHIJ")
                    f.write(f'<row r="{r}">{cells}</row>'.encode())
                f.write(b"</sheetData></worksheet>")
    files["near: 2 sheets x 1.99M text cells"] = two
    text = folder / "shared-390MB.xlsx"
    shared_string_workbook(text, 1_000_000, 390)
    files["near: 1 MB string x 390 cells"] = text
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--near-limits", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="xlperf-bench-hostile-") as tmp:
        folder = Path(tmp)
        dept = folder / "dept.xlsx"
        new_workbook(dept, data=example_department())
        files: dict[str, Path] = {"department workbook (accepted)": dept}
        for kind, (make, _) in HOSTILE.items():
            path = folder / f"{kind}.xlsx"
            t = time.perf_counter()
            make(dept, path)
            print(f"built {kind} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
            files[kind] = path
        bomb = folder / "ods-repeat-bomb.ods"
        ods_repeat_bomb(bomb)
        files["ods-repeat-bomb"] = bomb
        # the damaged and encrypted files of the corpus (tests/files, issue 15)
        for path in sorted((REPO / "tests" / "files").iterdir()):
            if path.name.startswith(("damaged-", "encrypted-")):
                files[path.stem[:36]] = path
        for kind, (name, make, _) in UNREADABLE.items():
            path = folder / f"{kind}-{name}"
            try:
                make(dept, path)
            except BaseException:  # msoffcrypto missing: pytest.skip raises
                continue
            files[kind] = path
        if args.near_limits:
            files.update(near_limits(folder))
        print(f"{'file':36} {'size':>9} {'refuse':>9} {'xlperf check':>13} {'peak':>8}  exit  message")
        for label, path in files.items():
            size = path.stat().st_size
            refuse = in_process(path, args.repeat if not label.startswith("near") else 1)
            code, wall, peak, message = whole_process(path)
            print(f"{label:36} {size / 1024:8.0f}K {refuse * 1000:7.0f}ms {wall * 1000:11.0f}ms "
                  f"{peak:6.0f}MB  {code:>4}  {message[:60]}")
    print(f"(this process peaked at {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
