"""What the commands do to files, shared by the CLI, the 汇总 and the tests."""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path

from .engine import CHECK, REFRESH, build_plan, ranked_total
from .errors import UsageError, XlperfError
from .plan import Plan, safe_text
from .settings import DEFAULT, Settings

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# Read by check and collect (through calamine), never rewritten: refresh, add-project and
# annotated copies write a new .xlsx beside them (as_xlsx).
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


def read_only_format(path, settings: Settings = DEFAULT) -> bool:
    """An .xls or .ods: read as it is, rewritten only as a new .xlsx beside it
    (xlsx.resave). A damaged package says so here, in its one line."""
    from .xlsx.package import NotOOXML, Package

    with naming(path):
        try:
            Package(path, settings).close()
        except NotOOXML:
            return True
    return False


def legacy_output(path, out=None) -> Path:
    """Where refresh and add-project write an .xls/.ods: `out`, else the same name as a
    new .xlsx beside it — never over an .xlsx already there."""
    from .xlsx.resave import legacy_target

    target = legacy_target(path, out)
    if out is None and target.exists():
        raise UsageError(f"{target} 已存在：请直接刷新它，或用 -o 指定新文件名（{Path(path).name} 不会被改动）")
    return target


@contextmanager
def as_xlsx(path, target, settings: Settings = DEFAULT):
    """The .xls/.ods at `path` as a temporary .xlsx named like `target`, for a command that
    writes `target`, with the grid read from the original. A plan is built from that
    grid, not from the copy: there formulas are unknown (as in an xlwings remote book),
    in the copy they would all read as constants typed over the template's formulas."""
    from .xlsx.resave import xlsx_copy

    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise UsageError(f"{target}：输出文件应以 .xlsx 结尾（.xls/.ods 的刷新结果另存为新的 .xlsx 工作簿）")
    ensure_unlocked(target)
    wb = read(path, settings)
    wb.name = target.name  # the findings name the file the user gets
    target.parent.mkdir(parents=True, exist_ok=True)
    with xlsx_copy(wb, path, target.name, target.parent) as copy:
        yield copy, wb


@contextmanager
def naming(path):
    """Errors raised for a file name that file in their one line."""
    try:
        yield
    except XlperfError as exc:
        if exc.path is None:
            exc.path = str(path)
        raise


def read(path, settings: Settings = DEFAULT, heights: bool = False):
    from .xlsx import read_workbook

    with naming(path):
        return read_workbook(path, settings, heights=heights)


def one_workbook(path, command: str) -> None:
    """refresh and add-project edit one workbook: a folder gets one clear line."""
    p = Path(path)
    if p.is_dir():
        hint = f"；要校验文件夹里的全部工作簿，请用 xlperf check {path}" if command == "refresh" else ""
        raise UsageError(f"{path}：是文件夹，xlperf {command} 只处理一个工作簿（.xlsx/.xlsm）{hint}")


def check_file(path, settings: Settings = DEFAULT) -> Plan:
    return build_plan(read(path, settings), settings, CHECK)


def refresh_file(path, out=None, backup: bool = False, settings: Settings = DEFAULT) -> Plan:
    """Compute and write in place (atomically) or to `out`; an unchanged workbook is left
    untouched when refreshed in place."""
    from .xlsx import apply_plan

    one_workbook(path, "refresh")
    ensure_unlocked(out or path)  # even when nothing would change: say so at once
    if read_only_format(path, settings):
        target = legacy_output(path, out)
        with as_xlsx(path, target, settings) as (copy, wb):
            plan = build_plan(wb, settings, REFRESH)
            if not no_table(plan):
                with naming(target):
                    apply_plan(copy, plan, target, settings=settings)
                plan.summary["saved_as"] = str(target)
        return plan
    plan = build_plan(read(path, settings, heights=True), settings, REFRESH)
    if no_table(plan):
        return plan  # nothing recognised: no 校验结果, no fullCalcOnLoad (the CLI says so)
    if plan.writes or plan.new_sheets or plan.row_heights or out is not None:
        with naming(out or path):
            apply_plan(path, plan, out, backup=backup, settings=settings)
    return plan


def annotate_file(path, out_dir, settings: Settings = DEFAULT, target=None) -> tuple[Plan, Path]:
    """A copy with the findings as notes; the figures and the original stay as they are.
    The copy goes to `target`, else to `out_dir` under the file's own name."""
    from .xlsx import apply_plan

    target = Path(target) if target is not None else Path(out_dir) / Path(path).name
    if target.resolve() == Path(path).resolve():
        raise UsageError("批注副本的目录不能是原文件所在目录")
    if read_only_format(path, settings):  # the copy of an .xls/.ods is an .xlsx
        target = target.with_suffix(".xlsx")
        with as_xlsx(path, target, settings) as (copy, wb):
            plan = build_plan(wb, settings, CHECK, annotate=True)
            with naming(target):
                apply_plan(copy, plan, target, settings=settings)
        return plan, target
    plan = build_plan(read(path, settings), settings, CHECK, annotate=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    with naming(target):
        apply_plan(path, plan, target, settings=settings)
    return plan, target


def annotate_targets(files, out_dir) -> dict[Path, Path]:
    """Where each annotated copy goes: under `out_dir`, the files' folders mirrored from
    the folder they all share (甲局/自评表.xlsx and 乙局/自评表.xlsx → OUT/甲局/…,
    OUT/乙局/…), so two files of the same name never overwrite each other."""
    files = [Path(f) for f in files]
    if not files:
        return {}
    parents = [str(f.resolve().parent) for f in files]
    base = Path(os.path.commonpath(parents))
    return {f: Path(out_dir) / f.resolve().relative_to(base) for f in files}


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
    if isinstance(projects, int) and projects < 0:
        raise UsageError(f"项目支出表数量应不小于 0，现为 {projects}")
    if year is not None and not (isinstance(year, int) and 2000 <= year <= 2100):
        raise UsageError(f"评价年度应为四位年份（2000–2100），现为 {year}")
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
    """A blank 项目支出 sheet `项目-<name>`: a copy of the first 项目 sheet (formulas and
    styles kept) with its inputs, and everything a refresh computed or noted there,
    emptied; the defaults a new project starts with are kept (主管部门, the 预算执行率
    分值). A workbook without a project sheet gets the template's (add_template_project)."""
    from .grid import a1
    from .templates.copying import project_copy
    from .templates.style import PROJECT_PREFIX
    from .xlsx import copy_sheet

    name = plain_name(name)
    if not name:
        raise UsageError("请用 --name 给出项目名称")
    one_workbook(path, "add-project")
    ensure_unlocked(out or path)
    if read_only_format(path, settings):
        target = legacy_output(path, out)
        with as_xlsx(path, target, settings) as (copy, _):
            return add_project(copy, name, target, settings=settings)
    wb = read(path, settings)
    if not any(s.name.startswith(PROJECT_PREFIX) for s in wb.sheets):
        return add_template_project(path, wb, name, out, backup=backup, settings=settings)
    with naming(Path(path).name):
        source, new_name, name_cell = project_copy(wb, name)
    cells = blank_project_cells(wb, source, settings)
    if name_cell is not None:
        cells[name_cell] = name
    with naming(out or path):
        copy_sheet(path, source, new_name, out, clear_inputs=False,
                   set_cells={a1(r, c): v for (r, c), v in cells.items()},
                   backup=backup, settings=settings)
    return new_name


def blank_project_cells(wb, source: str, settings: Settings = DEFAULT, keep_formulas: bool = False) -> dict:
    """(row, col) → value for a copy of project sheet `source` to start blank, shared by
    `xlperf add-project` and the 新增项目表 button: the cells a person fills (as
    xlperf.layout declares them) emptied, and every cell a refresh owns there
    (scores, rates, totals, 等级, 校验说明) emptied, and every formula's cached result
    (the spreadsheet recomputes them) unless `keep_formulas` — a front end writing values
    through a Book would replace the formula itself; the defaults kept — 主管部门 (the
    same department) and the 预算执行率 分值 (settings.weight_exec)."""
    from .tables.find import FUNDS, INDICATORS, find_tables
    from .tables.headers import cell_text
    from .templates.copying import input_cells

    sheet = wb.sheet(source)
    formulas = sheet.formulas or frozenset()
    cells: dict = {rc: None for rc in input_cells(sheet) if sheet.value(*rc) is not None and rc not in formulas}
    plan = build_plan(wb, settings, REFRESH, summary_only=True)
    cells.update({(r, c): None for (s, r, c) in plan.owned_cells
                  if s == source and sheet.value(r, c) is not None})
    if keep_formulas:
        known = set(sheet.formulas or ()) | {(r, c) for s, r, c in plan.formula_cells if s == source}
        cells = {rc: v for rc, v in cells.items() if rc not in known}
    else:
        cells.update({rc: None for rc in (sheet.formulas or ()) if sheet.value(*rc) is not None})
    for r in range(min(8, sheet.n_rows)):
        if cell_text(sheet.value(r, 0)) == DEPARTMENT_LABEL:
            cells.update({(r, c): v for c, v in enumerate(sheet.rows[r]) if c and v is not None})
    for t in find_tables(sheet):
        if t.kind == INDICATORS and t.cols.get("score") is not None:
            # a qualitative row's score is the evaluator's, typed in the score column
            col = t.cols["score"]
            cells.update({(m["row"], col): None for m in t.extra.get("meta", [])
                          if sheet.value(m["row"], col) is not None})
        col = t.cols.get("weight")
        if t.kind != FUNDS or col is None:
            continue
        total = next((r for r in t.rows if cell_text(t.label(r)).startswith("年度资金总额")), None)
        if total is not None:
            cells[(total, col)] = settings.weight_exec
    return cells


DEPARTMENT_LABEL = "主管部门"


def build_template_project(wb, name: str, path, settings: Settings = DEFAULT) -> str:
    """Write at `path` a workbook whose project sheet is the template's blank one for
    project `name`, titled for `wb`'s region, year and department; returns the name that
    sheet takes in `wb`. Shared by add-project and the 新增项目表 button."""
    from .engine.textchecks import evaluation_year
    from .templates import build_workbook
    from .templates.style import SHEET_OVERALL
    from .templates.values import project_sheet_names

    year = evaluation_year(wb)
    dept = ranked_total(build_plan(wb, settings, CHECK).summary)["name"] or ""
    overall = wb.sheet(SHEET_OVERALL)
    title = str((overall.value(0, 0) if overall is not None else "") or "")
    region = title.split(f"{year}年度")[0] if year and f"{year}年度" in title else ""
    build_workbook(path, dept=dept, region=region, year=year, projects=[name], settings=settings)
    return project_sheet_names([name], taken=wb.sheet_names)[0]


def add_template_project(path, wb, name: str, out=None, backup: bool = False,
                         settings: Settings = DEFAULT) -> str:
    """A workbook made without project sheets (`xlperf new --projects 0`): the template
    builder's blank project sheet, titled for this workbook's region, year and department,
    goes in where the template puts project sheets (after 附件2)."""
    from .templates.style import PROJECT_PREFIX, SHEET_OVERALL
    from .xlsx.sheetcopy import insert_sheet_from

    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=Path(out or path).parent, prefix=".xlperf-project-")
    os.close(fd)
    try:
        new_name = build_template_project(wb, name, tmp, settings)
        built = read(tmp, settings).sheet_names
        source = next(n for n in built if n.startswith(PROJECT_PREFIX))
        after = SHEET_OVERALL if SHEET_OVERALL in wb.sheet_names else None
        with naming(out or path):
            insert_sheet_from(path, tmp, source, new_name, out, after=after, backup=backup,
                              settings=settings)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return new_name
