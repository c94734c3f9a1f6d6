"""Instructions per workbook, counted by valgrind (run by hand, not in tests): collect's
per-book work and refresh, for this tree and optionally an older one, on the same files.

    python benchmarks/bench_instructions.py --files 'DIR/**/*.xlsx' [--base-tree DIR]
           [--example FILE] [--n 40] [--without CHECK ...]

On a shared machine CPU times move by ±10 % from run to run; instruction counts do not,
so a change of a few percent between two versions shows here and nowhere else. Each
figure is the count of a run over N books minus a run over none (start-up, imports and
a warm-up book cancel out), divided by N:

- `score_file`: what a collect worker does per workbook (read with every check,
  recognise, rules, the summary record), in one process;
- `refresh, nothing to change` and `refresh -o` of `--example` once each version has
  refreshed its own copy (so both start from a workbook they wrote).

`--base-tree` is a checkout of another version (`git worktree add /tmp/base <commit>`).
`--without` switches a piece off in this tree only, to see what it costs (the results
then differ; only the count matters): `sheet-xml` (expat over every worksheet),
`generic` (tables of no recognised kind), `record` (the refresh record) and
`layout-formulas` (the template's formula cells).

Needs valgrind (Debian: apt-get install valgrind); about a minute per figure.
"""
from __future__ import annotations

import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r'''
import glob, os, shutil, sys, tempfile
tree, what, files_glob, n, example = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
without = sys.argv[6:]
sys.path.insert(0, tree)
for t in without:
    if t == "sheet-xml":
        from xlperf.xlsx import package
        class _Off:
            def __init__(self, label): pass
            def feed(self, data): pass
            def close(self): pass
        package._SheetShape = _Off
    elif t == "generic":
        from xlperf.engine import crossfoot
        crossfoot.find_generic = lambda sheet, skip: []
    elif t == "record":
        import xlperf.engine
        xlperf.engine.read_record = lambda wb: {}
    elif t == "layout-formulas":
        from xlperf.engine.context import Context
        Context.template_formula = lambda self, s, r, c: False
if what == "score_file":
    from xlperf.collect.score import score_file
    files = sorted(glob.glob(files_glob, recursive=True))
    score_file(files[-1], "warm-up")
    for f in files[:n]:
        score_file(f, f)
else:
    from xlperf.actions import refresh_file
    d = tempfile.mkdtemp()
    w = os.path.join(d, "w.xlsx")
    shutil.copy(example, w)
    refresh_file(w)
    refresh_file(w, out=os.path.join(d, "warm.xlsx"))
    for i in range(n):
        if what == "refresh":
            refresh_file(w)
        else:
            refresh_file(w, out=os.path.join(d, f"o{i}.xlsx"))
    shutil.rmtree(d)
'''


def instructions(tree: Path, what: str, files: str, n: int, example: str, without: list[str]) -> int:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(_CHILD)
    try:
        counts = []
        for k in (0, n):
            proc = subprocess.run(
                ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                 f.name, str(tree), what, files, str(k), example, *without],
                capture_output=True, text=True, check=True)
            m = re.search(r"Collected : (\d+)", proc.stderr)
            if m is None:
                raise SystemExit(f"valgrind gave no count:\n{proc.stderr[-2000:]}")
            counts.append(int(m.group(1)))
        return (counts[1] - counts[0]) // n
    finally:
        os.unlink(f.name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", required=True, help="workbooks for score_file (a glob)")
    ap.add_argument("--base-tree", help="a checkout of the version to compare with")
    ap.add_argument("--example", default=str(ROOT / "workbooks" / "示例-部门绩效自评.xlsx"),
                    help="the workbook refreshed (default: the shipped example)")
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--without", nargs="*", default=[],
                    choices=["sheet-xml", "generic", "record", "layout-formulas"])
    args = ap.parse_args()
    if not glob.glob(args.files, recursive=True):
        raise SystemExit(f"no file matches {args.files}")
    trees = [("this tree", ROOT, [])]
    if args.without:
        trees.append((f"this tree without {'+'.join(args.without)}", ROOT, args.without))
    if args.base_tree:
        trees.insert(0, ("base", Path(args.base_tree).resolve(), []))
    rows = []
    for label, tree, without in trees:
        figures = [instructions(tree, what, args.files, args.n, args.example, without)
                   for what in ("score_file", "refresh", "refresh-o")]
        rows.append((label, figures))
        print(f"{label:40} " + " ".join(f"{x / 1e6:10.1f}" for x in figures), flush=True)
    print(f"\n{'M instructions per workbook':40} {'score_file':>10} {'refresh':>10} {'refresh -o':>10}")
    first = rows[0][1]
    for label, figures in rows:
        shown = " ".join(f"{x / 1e6:10.1f}" for x in figures)
        change = " ".join(f"{(x / y - 1) * 100:+9.1f}%" for x, y in zip(figures, first))
        print(f"{label:40} {shown}   {change}")


if __name__ == "__main__":
    main()
