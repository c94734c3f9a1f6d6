"""`xlperf collect`: score every department workbook with the engine (in memory, nothing
written back, so files nobody refreshed are scored too) and write the 汇总 workbook.

Flow: discover → score on a process pool (score.py, pool.py) → each record spooled to a
temporary file as it arrives → summary.py ranks the index with pandas and writes the
sheets with openpyxl, reading the records back one at a time. Memory holds an index entry
per workbook (总分, names, offsets), not its figures or findings.

Exit status (interfaces.md): 0 no `error` finding; 1 `error` findings in some workbook;
2 wrong arguments, nothing to collect, or some file could not be read. In the last case
the summary is still written with every readable workbook and lists the unreadable ones
on its 无法读取 sheet: a province does not wait for one department's broken file, but
the status tells a script that the 汇总 is incomplete.
"""
from __future__ import annotations

import importlib
import os
import sys
import tempfile
import threading
from pathlib import Path

from ..actions import discover
from ..errors import UsageError
from ..settings import DEFAULT, Settings
from .pool import default_jobs, score_all
from .progress import Progress
from .score import FileResult, score_file
from .spool import Spool

__all__ = ["run_collect", "collect", "score_file", "FileResult"]


def run_collect(paths, output, jobs: int | None = None, settings: Settings = DEFAULT) -> int:
    """The `collect` command: messages on stdout/stderr, the exit status returned.
    Argument problems raise UsageError (the CLI prints its line and exits 2)."""
    result = collect(paths, output, jobs, settings)
    t = result["totals"]
    grades = "，".join(f"{g} {k}" for g, k in t["grades"].items() if k) or "—"
    print(f"已汇总 {t['rows']} 个部门工作簿、{t['projects']} 个项目到 {output}："
          f"平均总分 {_plain(t['mean_total'])}，等级 {grades}；"
          f"错误 {t['errors']}，警告 {t['warnings']}，问题共 {t['findings']} 条")
    if result["unreadable"]:
        print(f"{len(result['unreadable'])} 个文件无法读取，已列在汇总表的“无法读取”表中",
              file=sys.stderr)
        return 2
    return 1 if t["errors"] else 0


def collect(paths, output, jobs: int | None = None, settings: Settings = DEFAULT,
            progress: bool | None = None) -> dict:
    """Score the workbooks under `paths` and write the 汇总 to `output`. Returns
    {"totals": figures of the summary, "unreadable": records of unreadable files,
    "skipped": [(path, reason)]}. `progress` None: a bar only when stderr is a terminal."""
    from ..xlsx.atomic import AtomicFile, check_lock

    target = Path(output)
    if target.suffix.lower() != ".xlsx":
        raise UsageError(f"{target}：汇总表的文件名应以 .xlsx 结尾")
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs 应为不小于 1 的整数")
    if not target.parent.is_dir():
        raise UsageError(f"{target.parent}：输出文件夹不存在")
    check_lock(target)  # before minutes of work, not after: Excel has the 汇总 open

    items, skipped = _inputs(paths, target)
    for path, reason in skipped:
        print(f"{path}：{reason}", file=sys.stderr)
    if not items:
        where = "、".join(str(p) for p in paths)
        raise UsageError(f"{where}：没有找到可汇总的 .xlsx/.xlsm 工作簿，请检查文件夹是否正确")

    unreadable: list[FileResult] = []
    bar = Progress(len(items), "汇总", enabled=progress)
    # Every record goes to disk as it arrives: memory keeps an index entry per workbook,
    # not the workbook's figures and findings (a province's run has hundreds of thousands).
    with tempfile.TemporaryFile(prefix="xlperf-collect-") as file:
        spool = Spool(file)
        preload = None
        try:
            for rec in score_all(items, jobs or default_jobs(), settings):
                if preload is None:
                    preload = _preload(__name__ + ".summary")
                if rec.error is not None:
                    unreadable.append(rec)
                    bar.message(f"{rec.path}：{rec.error}")
                else:
                    spool.add(rec)
                bar.advance()
        finally:
            bar.close()

        if preload is not None:
            preload.join()
        from .summary import write_summary  # an import error surfaces here

        with AtomicFile(target) as f:
            totals = write_summary(f, spool, unreadable, settings)
    return {"totals": totals, "unreadable": unreadable, "skipped": skipped}


def _preload(module: str) -> threading.Thread:
    """Import the writer's pandas and openpyxl (a fifth of a second) while the workers
    score, instead of after them. Started once the first record is back, so the pool
    has forked: forking while another thread holds an import lock can hang the child."""
    def run():
        try:
            importlib.import_module(module)
        except BaseException:
            pass
    thread = threading.Thread(target=run, name="xlperf-preload", daemon=True)
    thread.start()
    return thread


def _inputs(paths, target: Path) -> tuple[list[tuple[str, str]], list]:
    """(path, display) of each workbook once, without the 汇总 being written (a second run
    into the same folder must not read the first run's 汇总 as a department)."""
    files, skipped = discover(paths)
    out = target.resolve()
    seen: set = set()
    items = []
    for f in files:
        real = f.resolve()
        if real == out:
            skipped.append((f, "这是本次要写入的汇总表，已跳过"))
            continue
        if real in seen:
            continue  # named twice (a folder and a file inside it)
        seen.add(real)
        items.append((os.fspath(f), os.fspath(f)))
    return items, skipped


def _plain(v) -> str:
    return "—" if v is None else f"{v:.2f}"
