"""What the commands do to files, shared by the CLI, the 汇总 and the tests."""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path

from .engine import CHECK, REFRESH, build_plan
from .errors import UsageError, XlperfError
from .plan import Plan, safe_text
from .settings import DEFAULT, Settings

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# Read by check and collect (through calamine), never rewritten: refresh refuses them.
READ_ONLY_SUFFIXES = (".xls", ".ods")
# Workbooks xlperf cannot read but a department plainly meant to send: inside a folder
# they are read like the others, so each gets its own "请另存为 .xlsx" line and the exit
# status 2, instead of vanishing among skipped non-workbook files.
RESAVE_SUFFIXES = (".xlsb",)
NO_TABLE = "没有识别出任何附件表（项目支出、部门整体支出绩效自评表等）或可校验的表格"


def no_table(plan: Plan) -> bool:
    """The engine recognised no table in the workbook: nothing was checked or scored."""
    return plan.summary.get("tables") == 0


def discover(paths) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Workbooks named or found under folders (recursively), and what was skipped and why."""
    found, skipped = [], []
    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if not f.is_file():
                    continue
                if f.name.startswith("~$"):
                    skipped.append((f, "Excel 锁定文件，已跳过"))
                elif f.suffix.lower() in WORKBOOK_SUFFIXES + READ_ONLY_SUFFIXES + RESAVE_SUFFIXES:
                    found.append(f)
                else:
                    skipped.append((f, "不是 .xlsx/.xlsm/.xls/.ods 工作簿，已跳过"))
        elif p.exists():
            found.append(p)
        else:
            raise UsageError(f"{arg}：文件或文件夹不存在")
    return found, skipped


def plain_name(text) -> str:
    """A name typed by a user, as it may go into a sheet name or a cell: control
    characters (tab, newline, NUL…) become spaces, since XML cannot hold most of them
    and Excel refuses them in sheet names; runs of spaces shrink to one; a name that
    would start with = + - @ gets a leading ' (checks.md: user text never becomes a
    formula; the template builder would otherwise store `=…` as one)."""
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in str(text or ""))
    return safe_text(_SPACES.sub(" ", text).strip())


_SPACES = re.compile(r"\s+")


def ensure_unlocked(path) -> None:
    """Refuse before any work when Excel has the file to be rewritten open."""
    from .xlsx.atomic import check_lock

    check_lock(Path(path))


def ensure_rewritable(path, settings: Settings = DEFAULT) -> None:
    """Refuse at once a workbook xlperf reads but never rewrites (.xls, .ods)."""
    from .xlsx.package import open_for_rewrite

    with naming(path):
        open_for_rewrite(path, path, settings).close()


@contextmanager
def naming(path):
    """Errors raised for a file name that file in their one line."""
    try:
        yield
    except XlperfError as exc:
        if exc.path is None:
            exc.path = str(path)
        raise


def read(path, settings: Settings = DEFAULT):
    from .xlsx import read_workbook

    with naming(path):
        return read_workbook(path, settings)


def check_file(path, settings: Settings = DEFAULT) -> Plan:
    return build_plan(read(path, settings), settings, CHECK)


def refresh_file(path, out=None, backup: bool = False, settings: Settings = DEFAULT) -> Plan:
    """Compute and write in place (atomically) or to `out`; an unchanged workbook is left
    untouched when refreshed in place."""
    from .xlsx import apply_plan

    ensure_unlocked(out or path)  # even when nothing would change: say so at once
    ensure_rewritable(path, settings)
    plan = build_plan(read(path, settings), settings, REFRESH)
    if no_table(plan):
        return plan  # nothing recognised: no 校验结果, no fullCalcOnLoad (the CLI says so)
    if plan.writes or plan.new_sheets or out is not None:
        with naming(out or path):
            apply_plan(path, plan, out, backup=backup, settings=settings)
    return plan


def annotate_file(path, out_dir, settings: Settings = DEFAULT) -> tuple[Plan, Path]:
    """A copy with the findings as notes; the figures and the original stay as they are."""
    from .xlsx import apply_plan

    plan = build_plan(read(path, settings), settings, CHECK, annotate=True)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / Path(path).name
    if target.resolve() == Path(path).resolve():
        raise UsageError("批注副本的目录不能是原文件所在目录")
    with naming(target):
        apply_plan(path, plan, target, settings=settings)
    return plan, target


def new_workbook(out, *, dept="", region="", year=None, projects=1, data=None, force=False,
                 settings: Settings = DEFAULT) -> Plan:
    """A department workbook from the template, refreshed once so that every formula has
    its cached value and the 校验结果 sheet its stamp."""
    from .templates import build_workbook

    target = Path(out)
    if target.exists() and not force:
        raise UsageError(f"{target}：文件已存在，为免覆盖已填好的工作簿，请换一个文件名")
    if target.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise UsageError(f"{target}：文件名应以 .xlsx 结尾")
    target.parent.mkdir(parents=True, exist_ok=True)
    if not isinstance(projects, int):
        projects = [plain_name(p) for p in projects]
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=target.parent, prefix=".xlperf-new-")
    os.close(fd)
    try:
        build_workbook(tmp, dept=plain_name(dept), region=plain_name(region), year=year,
                       projects=projects, data=data, settings=settings)
        plan = refresh_file(tmp, out=target, settings=settings)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return plan


def add_project(path, name: str, out=None, backup: bool = False,
                settings: Settings = DEFAULT) -> str:
    """Copy the first 项目 sheet as `项目-<name>` (formulas and styles kept, inputs cleared)."""
    from .grid import a1
    from .templates.copying import project_copy
    from .xlsx import copy_sheet

    name = plain_name(name)
    if not name:
        raise UsageError("请用 --name 给出项目名称")
    ensure_unlocked(out or path)
    with naming(Path(path).name):
        source, new_name, name_cell = project_copy(read(path, settings), name)
    cells = {} if name_cell is None else {a1(*name_cell): name}
    with naming(out or path):
        copy_sheet(path, source, new_name, out, clear_inputs=True, set_cells=cells,
                   backup=backup, settings=settings)
    return new_name
