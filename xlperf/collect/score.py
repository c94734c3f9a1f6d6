"""The per-file function of the 汇总: one workbook in, one small picklable record out.

It runs in worker processes (or on a Dask/Spark worker, see the README), so it imports
nothing heavy: no pandas, no openpyxl. It never raises: an unreadable file or an engine
bug becomes a record with `error` set, so one bad file cannot stop a run over thousands.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..engine import REFRESH, build_plan, ranked_total
from ..errors import XlperfError
from ..findings import ERROR, WARNING
from ..settings import DEFAULT, Settings

# the 附件2 sheet summary's name is the department; a project sheet's name is the project


@dataclass
class ProjectRow:
    sheet: str
    name: str  # 项目名称, else the sheet name
    budget: Decimal | None
    executed: Decimal | None
    rate: Decimal | None
    total: Decimal | None
    grade: str | None
    errors: int
    warnings: int


@dataclass
class FileResult:
    """What the 汇总 needs of one workbook. Decimals pickle as their exact text."""
    path: str  # as shown to the user (relative to where they pointed us when possible)
    error: str | None = None  # the one Chinese line when the file could not be read
    dept: str = ""
    dept_from_file_name: bool = False
    year: int | None = None
    table: str | None = None  # which table 总分 comes from: OVERALL_TABLE / SCORING_TABLE
    budget: Decimal | None = None
    executed: Decimal | None = None
    rate: Decimal | None = None
    total: Decimal | None = None
    grade: str | None = None
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    notes: list = field(default_factory=list)  # the engine's remarks on the ranked 总分
    projects: list = field(default_factory=list)  # ProjectRow
    # checks.md JSON dicts; the parent spools them to disk as soon as they arrive
    findings: list = field(default_factory=list)


def score_file(path, display: str | None = None, settings: Settings = DEFAULT) -> FileResult:
    """Read and score one workbook in memory (nothing is written), and keep what the
    汇总 shows. `display` is the path findings and the summary name the file by."""
    from ..xlsx import read_workbook  # the file adapter; imported here so that a Dask
    # worker that only unpickles FileResult does not need it

    display = display if display is not None else os.fspath(path)
    try:
        # 校验结果 is read for the refresh's record of the cells it owns (stale or typed over)
        wb = read_workbook(path, settings, name=display)
        # The refresh plan, computed and never applied: a workbook nobody refreshed (or
        # whose inputs changed since) is scored as refreshing it would score it, and its
        # findings are those its 校验结果 sheet would list. A CHECK plan would rank it by
        # the stale or blank totals it happens to hold.
        plan = build_plan(wb, settings, REFRESH, summary_only=True)
    except XlperfError as exc:
        return FileResult(display, error=str(exc))
    except MemoryError:
        return FileResult(display, error="文件过大，内存不足，无法读取")
    except Exception as exc:  # an engine bug on an odd file must not stop the other files
        return FileResult(display, error=f"xlperf 内部错误（{type(exc).__name__}: {exc}），请报告")
    return summarise(plan, display)


def summarise(plan, display: str) -> FileResult:
    """The record of one plan as the 汇总 shows it."""
    summary = plan.summary
    counts = summary.get("counts", {})
    per_sheet: dict[str, list[int]] = {}
    for f in plan.findings:
        if f.severity in (ERROR, WARNING):
            c = per_sheet.setdefault(f.sheet, [0, 0])
            c[0 if f.severity == ERROR else 1] += 1
    rec = FileResult(display, year=summary.get("year"), errors=counts.get(ERROR, 0),
                     warnings=counts.get(WARNING, 0), infos=counts.get("info", 0),
                     findings=[f.to_json() for f in plan.findings])

    sheets = summary.get("sheets", [])
    ranked = summary.get("ranked") or ranked_total(summary)  # the engine decides
    name = ranked["name"]
    rec.dept = name or Path(display).stem
    rec.dept_from_file_name = not name
    rec.table, rec.total, rec.grade = ranked["table"], ranked["total"], ranked["grade"]
    rec.notes = list(ranked["notes"])
    overall = next((s for s in sheets if s["sheet"] == ranked["sheet"]), None)
    if overall is not None:
        rec.budget, rec.executed, rec.rate = overall["budget"], overall["executed"], overall["rate"]

    for s in sheets:
        if not s["project"]:
            continue
        if s.get("name") is None and s.get("budget") is None and s.get("executed") is None:
            continue  # the template's blank project sheet, never filled: not a project
        e, w = per_sheet.get(s["sheet"], (0, 0))
        rec.projects.append(ProjectRow(
            s["sheet"], s.get("name") or s["sheet"], s.get("budget"), s.get("executed"),
            s.get("rate"), s.get("total"), s.get("grade"), e, w))
    return rec
