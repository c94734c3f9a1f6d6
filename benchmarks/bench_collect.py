"""Time `xlperf collect` against merely reading the same files (run by hand, not in tests).

    python benchmarks/bench_collect.py [--n 500] [--n2 2000] [--jobs CORES] [--variants 16]
                                       [--repeat 3] [--dir DIR] [--pandas-sample N]
    python benchmarks/bench_collect.py --one-project [--libreoffice] [--n 240] [--repeat 3]   (issue 12:
        filled one-project workbooks, collect vs pandas+openpyxl in one run, and the
        per-book split read / recognise / rules / write; see one_project())

1. Builds `--variants` distinct department workbooks with `xlperf.actions.new_workbook`
   from the bundled example data, varied: department, money figures, execution rate,
   1–4 project sheets, and mistakes in some (a placeholder `**`, a weight that does not
   roll up, a missing deviation reason).
2. Copies them to N files, rewriting each copy's shared strings so that every file has
   its own department name (`…局-00042`): no two files are byte-identical, so nothing
   can be answered from a cache keyed on content. The OS page cache is warm for all
   three timings alike (the files were just written), which is the fair comparison; a
   cold-cache run adds the disk's read time to all three.
3. Times, one after the other on the same files:
   - `xlperf collect DIR -o 汇总.xlsx --jobs J`, as a separate process (interpreter
     start-up, imports and writing the 汇总 included), with its peak RSS (the parent's
     and the largest worker's);
   - `pandas.read_excel(f, sheet_name=None, engine="openpyxl")` per file, one process;
   - python-calamine: open each file and read every sheet, one process, and again on a
     pool of J processes (the like-for-like comparison for a parallel collect).
4. Runs collect a second time on N2 files to show how memory grows with N.

Timings of collect and calamine are repeated (`--repeat`, interleaved) and the best run
of each is reported, since on a shared machine the fastest run is the least disturbed;
every run is printed too.

Prints ms per workbook and the ratios; copy the table into benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from xlperf.actions import new_workbook  # noqa: E402
from xlperf.collect.pool import chunksize, default_jobs  # noqa: E402
from xlperf.example import example_department  # noqa: E402

DEPTS = ("人力资源和社会保障局", "教育局", "卫生健康局", "农业农村局", "水利局", "交通运输局",
         "民政局", "财政局", "自然资源局", "住房和城乡建设局", "文化旅游广电体育局",
         "市场监督管理局", "应急管理局", "林业局", "统计局", "司法局", "生态环境分局",
         "医疗保障局", "退役军人事务局", "审计局")


def _scale(text: str, k: float) -> str:
    try:
        return f"{float(text) * k:.2f}"
    except ValueError:
        return text


def vary(i: int, rng: random.Random) -> dict:
    """The example department, changed enough that scores, grades and findings differ."""
    d = example_department()
    region = d["region"]
    d["dept"] = region + DEPTS[i % len(DEPTS)]
    k = rng.uniform(0.2, 4.0)
    exec_share = rng.choice((1.0, 0.99, 0.97, 0.93, 0.88, 0.75, 0.6))
    for row in d["overall"]["funds"]:
        b0, b, e = row["values"]
        row["values"] = [_scale(b0, k), _scale(b, k), _scale(_scale(e, k), exec_share)]
    for task in d["overall"].get("tasks", []):
        task["budget"] = [_scale(v, k) for v in task["budget"]]
        task["executed"] = [_scale(_scale(v, k), exec_share) for v in task["executed"]]
    inds = d["overall"]["indicators"]
    if i % 5 == 1:
        inds[0]["actual"] = "**"  # PLACEHOLDER (error)
    if i % 7 == 2:
        inds[2]["weight"] = "6"  # WEIGHT_SUM (error)
    if i % 3 == 0:
        for ind in inds:
            ind.pop("reason", None)  # DEVIATION_REASON_MISSING (warning)
    if i % 4 == 3:
        inds[-1]["actual"] = "82%"  # satisfaction below target: a lower score
    short = (1.0, 0.9, 0.7, 0.5)[i % 4] if i % 3 == 1 else 1.0
    if short < 1:  # forward targets missed by 10–50 %: 良 and 中 departments
        for ind in inds:
            if str(ind.get("target", "")).startswith("≥") and ind.get("actual") != "**":
                ind["actual"] = re.sub(r"\d+(?:\.\d+)?",
                                       lambda m: f"{float(m.group()) * short:.0f}",
                                       ind["actual"], count=1)
                ind.setdefault("reason", "受客观条件影响未完成，次年加快推进。")
    d["projects"] = d["projects"][: 1 + i % 2] if i % 4 else d["projects"] * 2
    for n, p in enumerate(d["projects"]):
        p["name"] = f"{p['name']}{n + 1}" if i % 4 == 0 else p["name"]
        p["owner"] = d["dept"]
    return d


def build_variants(folder: Path, count: int, seed: int = 7,
                   one_project: bool = False) -> list[tuple[Path, str]]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        data = vary(i, rng)
        if one_project:  # `xlperf new --projects 1`, filled: the common department
            data["projects"] = data["projects"][:1]
        path = folder / f"variant-{i:02d}.xlsx"
        new_workbook(path, data=data, force=True)
        out.append((path, data["dept"]))
    return out


def copy_unique(variants, folder: Path, n: int) -> None:
    """N files from the variants, each with its own department name (in the shared
    strings and in any sheet that holds it inline)."""
    shutil.rmtree(folder, ignore_errors=True)  # a kept --dir: start from a clean folder
    folder.mkdir(parents=True)
    blobs = []
    for path, dept in variants:
        with zipfile.ZipFile(path) as z:
            blobs.append(([(i, z.read(i)) for i in z.infolist()], dept.encode()))
    for k in range(n):
        members, dept = blobs[k % len(blobs)]
        new = dept + f"-{k:05d}".encode()
        target = folder / f"{k // 1000:02d}" / f"部门{k:05d}.xlsx"  # sub-folders: discovery recurses
        target.parent.mkdir(exist_ok=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in members:
                if info.filename.startswith("xl/") and info.filename.endswith(".xml"):
                    data = data.replace(dept, new)
                z.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)


def resave_libreoffice(folder: Path) -> None:
    """Every workbook opened and saved again by LibreOffice Calc, as a department using it
    sends it: shared strings instead of xlperf's inline strings, LibreOffice's styles
    and row markup. Replaces the files in place."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("--libreoffice needs LibreOffice (soffice) on PATH")
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        out = sub / "lo"
        subprocess.run([soffice, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                        "--outdir", str(out), *map(str, sorted(sub.glob("*.xlsx")))],
                       check=True, capture_output=True, timeout=3600)
        for f in out.glob("*.xlsx"):
            f.replace(sub / f.name)
        out.rmdir()


def workbooks(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.rglob("*.xlsx"))


_RUNNER = """
import resource, sys, time
t = time.perf_counter()
from xlperf.cli import main
rc = main(sys.argv[1:])
wall = time.perf_counter() - t
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print("BENCH", rc, wall, me.ru_maxrss, kids.ru_maxrss, cpu, file=sys.stderr)
"""


def _user_env() -> dict:
    """The environment of an installed xlperf: `pip install` leaves compiled bytecode, so
    a user's collect does not compile its modules from source at every start, as it
    would under PYTHONDONTWRITEBYTECODE (set on some development machines: 40–50 ms of
    the parent's CPU). The bytecode goes to a cache folder of its own, not the tree."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "xlperf-bench-pycache")
    return env


def time_collect(folder: Path, out: Path, jobs: int) -> dict:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _RUNNER, "collect", str(folder), "-o", str(out),
                           "--jobs", str(jobs)], capture_output=True, text=True, cwd=ROOT,
                          env=_user_env())
    outer = time.perf_counter() - t
    line = next((x for x in proc.stderr.splitlines() if x.startswith("BENCH")), None)
    if line is None:
        raise SystemExit(f"collect failed:\n{proc.stdout}\n{proc.stderr}")
    _, rc, inner, self_kb, child_kb, cpu = line.split()
    return {"rc": int(rc), "wall": outer, "inner": float(inner), "cpu": float(cpu),
            "rss_parent_mb": int(self_kb) / 1024, "rss_worker_mb": int(child_kb) / 1024,
            "stdout": proc.stdout.strip()}


def read_pandas(files) -> tuple[float, float]:
    import pandas as pd

    t, c = time.perf_counter(), time.process_time()
    for f in files:
        pd.read_excel(f, sheet_name=None, engine="openpyxl")
    return time.perf_counter() - t, time.process_time() - c


def _calamine_one(f: str) -> int:
    import python_calamine as pc

    with pc.CalamineWorkbook.from_path(f) as wb:
        return sum(len(wb.get_sheet_by_name(n).to_python()) for n in wb.sheet_names)


def read_calamine(files) -> tuple[float, float]:
    t, c = time.perf_counter(), time.process_time()
    for f in files:
        _calamine_one(f)
    return time.perf_counter() - t, time.process_time() - c


def read_calamine_pool(files, jobs: int) -> float:
    t = time.perf_counter()
    with mp.get_context().Pool(jobs) as pool:
        for _ in pool.imap_unordered(_calamine_one, files, chunksize(len(files), jobs)):
            pass
    return time.perf_counter() - t


def _cpu_ms(fn, n: int, repeat: int = 3) -> float:
    """Best of `repeat` process-CPU times of fn(), ms per book."""
    best = None
    for _ in range(repeat):
        t = time.process_time()
        fn()
        spent = time.process_time() - t
        best = spent if best is None else min(best, spent)
    return (best or 0.0) * 1000 / n


def print_book_split(files: list[str]) -> dict:
    """Per-book CPU ms in one process, as collect spends it: read (the guarded calamine
    read into grids), recognise (find_tables + find_generic on every sheet), rules (the
    rest of the summary-only REFRESH plan collect builds, and the record), write (the
    汇总 for all these books, ranking included, divided by their number)."""
    from xlperf.collect.score import summarise
    from xlperf.collect.spool import Spool
    from xlperf.collect.summary import write_summary
    from xlperf.engine import REFRESH, build_plan
    from xlperf.tables.find import find_tables
    from xlperf.tables.generic import find_generic
    from xlperf.xlsx.reader import read_workbook

    n = len(files)
    grids = [read_workbook(f, name=f) for f in files]

    def recognise() -> None:
        for wb in grids:
            for sheet in wb.sheets:
                tables = find_tables(sheet)
                find_generic(sheet, {r for t in tables for r in range(t.header_row, t.last_row + 1)})

    def write() -> None:
        recs = [summarise(build_plan(wb, mode=REFRESH, summary_only=True), f)
                for wb, f in zip(grids, files)]
        with tempfile.TemporaryFile() as spool_file, tempfile.TemporaryFile() as out:
            spool = Spool(spool_file)
            for r in recs:
                spool.add(r)
            t = time.process_time()
            write_summary(out, spool, [])
            write.spent = min(getattr(write, "spent", 1e9), time.process_time() - t)

    read = _cpu_ms(lambda: [read_workbook(f, name=f) for f in files], n)
    rec = _cpu_ms(recognise, n)
    plan = _cpu_ms(lambda: [summarise(build_plan(wb, mode=REFRESH, summary_only=True), f)
                            for wb, f in zip(grids, files)], n)
    for _ in range(3):
        write()
    wr = write.spent * 1000 / n
    split = {"read": read, "recognise": rec, "rules": plan - rec, "write": wr,
             "total": read + plan + wr}
    print(f"per book, CPU ms, {n} files in one process (best of 3): read {read:.2f}, "
          f"recognise {rec:.2f}, rules {plan - rec:.2f}, write {wr:.2f}; "
          f"sum {split['total']:.2f}")
    return split


def one_project(args) -> None:
    """The issue-12 measure: N filled one-project department workbooks (`xlperf new
    --projects 1` with the example data, varied), the whole `xlperf collect` command
    (wall and CPU including its workers) side by side with pandas+openpyxl reading the
    same files, and the per-book split."""
    n = args.n or 240
    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="xlperf-bench1-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        variants = build_variants(work / "variants", args.variants, one_project=True)
        copy_unique(variants, work / "in", n)
        if args.libreoffice:
            resave_libreoffice(work / "in")
        files = workbooks(work / "in")
        size = sum(os.path.getsize(f) for f in files) / n / 1024
        time_collect(work / "in", work / "汇总.xlsx", args.jobs)  # bytecode, page cache
        runs = []
        for _ in range(args.repeat):  # interleaved, best of each
            runs.append((time_collect(work / "in", work / "汇总.xlsx", args.jobs),
                         read_pandas(files)))
        col = min((r[0] for r in runs), key=lambda r: r["cpu"])
        pd_wall, pd_cpu = min((r[1] for r in runs), key=lambda r: r[1])
        ms = lambda s: s * 1000 / n  # noqa: E731
        saved = ", saved by LibreOffice" if args.libreoffice else ""
        print(f"\nN = {n} filled one-project workbooks{saved} ({size:.0f} KB each), jobs = "
              f"{args.jobs}, cores = {os.cpu_count()}, best of {args.repeat}, "
              f"load {os.getloadavg()[0]:.2f}")
        print("all runs, CPU ms/wb (collect incl. workers, pandas+openpyxl): " + "; ".join(
            f"{ms(c['cpu']):.2f}, {ms(p[1]):.2f}" for c, p in runs))
        print(f"{'':44} {'wall s':>8} {'ms/wb':>8} {'CPU ms/wb':>10}")
        print(f"{'xlperf collect (whole command)':44} {col['wall']:8.2f} {ms(col['wall']):8.2f} "
              f"{ms(col['cpu']):10.2f}")
        print(f"{'pandas.read_excel, openpyxl, 1 process':44} {pd_wall:8.2f} {ms(pd_wall):8.2f} "
              f"{ms(pd_cpu):10.2f}")
        print(f"\npandas+openpyxl read CPU / collect CPU: {pd_cpu / col['cpu']:.1f}x   "
              f"(target ≥ 8x); wall: {pd_wall / col['wall']:.1f}x")
        print(f"collect exit status {col['rc']}: {col['stdout']}")
        print_book_split(files)
    finally:
        if not args.dir:
            shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--one-project", action="store_true",
                    help="issue 12: N (default 240) filled one-project workbooks, collect "
                         "vs pandas+openpyxl, per-book split read/recognise/rules/write")
    ap.add_argument("--libreoffice", action="store_true",
                    help="with --one-project: the workbooks as LibreOffice Calc saves them")
    ap.add_argument("--n", type=int, default=None, help="workbooks (default 500)")
    ap.add_argument("--n2", type=int, default=2000, help="second run for memory (0: skip)")
    ap.add_argument("--jobs", type=int, default=default_jobs())
    ap.add_argument("--variants", type=int, default=16)
    ap.add_argument("--pandas-sample", type=int, default=0,
                    help="time pandas on this many files only (0: all N)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="timings of collect and calamine, best of (default 3)")
    ap.add_argument("--dir", help="work folder (kept); default a temporary one (removed)")
    ap.add_argument("--split", type=int, default=0,
                    help="also split the in-process time of this many files into read / "
                         "recognise / rules / write (one process, CPU time)")
    args = ap.parse_args()
    if args.one_project:
        one_project(args)
        return
    args.n = args.n or 500

    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="xlperf-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        t = time.perf_counter()
        variants = build_variants(work / "variants", args.variants)
        big = max(args.n, args.n2)
        copy_unique(variants, work / "in", big)
        print(f"generated {args.variants} variants and {big} files "
              f"in {time.perf_counter() - t:.1f} s")
        files_all = workbooks(work / "in")
        small = work / "in-n"
        shutil.rmtree(small, ignore_errors=True)
        if args.n2 and args.n2 != args.n:
            # the first N files, as their own folder (hard links: same bytes, no copy)
            for f in files_all[:args.n]:
                dst = small / Path(f).relative_to(work / "in")
                dst.parent.mkdir(parents=True, exist_ok=True)
                os.link(f, dst)
        else:
            small = work / "in"
        files = workbooks(small)
        n = len(files)
        size = sum(os.path.getsize(f) for f in files) / n / 1024
        ms = lambda s: s * 1000 / n  # noqa: E731

        # Interleaved repeats, best of each: on a shared machine the fastest run is the
        # one least disturbed by other work; all runs are printed at the end.
        time_collect(small, work / "汇总.xlsx", args.jobs)  # bytecode, page cache
        runs = []
        for _ in range(args.repeat):
            runs.append((time_collect(small, work / "汇总.xlsx", args.jobs),
                         read_calamine(files), read_calamine_pool(files, args.jobs)))
        res = min((r[0] for r in runs), key=lambda r: r["wall"])
        cal, cal_cpu = min((r[1] for r in runs), key=lambda r: r[0])
        cal_pool = min(r[2] for r in runs)
        sample = files[: args.pandas_sample] if args.pandas_sample else files
        pdt, pd_cpu = (x * n / len(sample) for x in read_pandas(sample))
        second = (time_collect(work / "in", work / "汇总2.xlsx", args.jobs)
                  if small != work / "in" else None)

        rows = [
            ("xlperf collect (whole command)", res["wall"], res["cpu"]),
            ("xlperf collect (inside the process)", res["inner"], None),
            ("pandas.read_excel, openpyxl, 1 process", pdt, pd_cpu),
            ("python-calamine read, 1 process", cal, cal_cpu),
            (f"python-calamine read, {args.jobs} processes", cal_pool, None),
        ]
        print(f"\nN = {n} workbooks ({size:.0f} KB each), jobs = {args.jobs}, "
              f"cores = {os.cpu_count()}, Python {sys.version.split()[0]}, "
              f"best of {args.repeat} (pandas: 1 run)")
        print("all runs, ms/wb (collect, calamine 1 process, calamine pool): " + "; ".join(
            f"{ms(c['wall']):.2f}, {ms(k[0]):.2f}, {ms(p):.2f}" for c, k, p in runs))
        print(f"{'':44} {'wall s':>8} {'ms/wb':>8} {'CPU ms/wb':>10}")
        for label, s, cpu in rows:
            cpu_text = f"{ms(cpu):10.2f}" if cpu is not None else f"{'':10}"
            print(f"{label:44} {s:8.2f} {ms(s):8.2f} {cpu_text}")
        print(f"\npandas+openpyxl read / collect (wall): {pdt / res['wall']:.1f}x   (target ≥ 5x)")
        print(f"collect / calamine read, 1 process (wall): {res['wall'] / cal:.2f}x"
              "   (target ≤ 3x)")
        print(f"collect / calamine read, {args.jobs} processes (wall): "
              f"{res['wall'] / cal_pool:.2f}x")
        print(f"collect CPU / calamine CPU: {res['cpu'] / cal_cpu:.2f}x "
              f"(the ratio if the cores were not shared)")
        print(f"collect exit status {res['rc']}: {res['stdout']}")
        print(f"peak RSS at N={n}: parent {res['rss_parent_mb']:.0f} MB, largest worker "
              f"{res['rss_worker_mb']:.0f} MB")
        if second:
            n2 = len(files_all)
            print(f"peak RSS at N={n2}: parent {second['rss_parent_mb']:.0f} MB, largest worker "
                  f"{second['rss_worker_mb']:.0f} MB; collect {second['wall']:.1f} s "
                  f"({second['wall'] * 1000 / n2:.2f} ms/wb, "
                  f"CPU {second['cpu'] * 1000 / n2:.2f} ms/wb)")
        if args.split:
            print_book_split(files[: args.split])
        print(json.dumps({"n": n, "collect": res, "pandas": pdt, "calamine": cal,
                          "calamine_pool": cal_pool, "second": second,
                          "load": os.getloadavg()}, ensure_ascii=False,
                         default=str))
    finally:
        if not args.dir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
