"""生成报告: the 自评报告 drafted from the open workbook, beside it (the button next to
刷新评分). The ribbon or sheet button calls `udfs.report.generate_report()` with no
argument (classic xlwings: the calling book) or with the `xlwings.Book` it was handed
(xlwings Server and Lite).

The draft is what `xlperf report` writes: the engine's REFRESH plan is computed on the
book's values in memory (nothing is written into the workbook), and the same
xlperf.narrative.draft builds the .docx. It goes into the workbook's folder as
`<workbook>-自评报告草稿.docx`, never over an existing file (`…(2).docx` then).
A book with no folder on this computer (never saved, or only online) is told to save
first: the Python process's working folder is nowhere the user would look (the add-in's
folder under classic RunPython). xlwings Server passes its report folder instead."""
from __future__ import annotations

import os
from pathlib import Path

from xlperf.engine import REFRESH, build_plan
from xlperf.errors import UsageError
from xlperf.narrative.draft import build, save
from xlperf.narrative.facts import workbook_facts_of
from xlperf.report import count_line
from xlperf.settings import DEFAULT, Settings

from .book import read_book
from .button import _run

SUFFIX = "-自评报告草稿"


def generate_report(book=None, folder=None, settings: Settings = DEFAULT):
    """生成报告: returns the path of the draft (None when something went wrong and the
    user was told in a message box)."""
    return _run(book, "生成报告", _generate, settings, folder)


NOT_SAVED = ("这个工作簿还没有保存到电脑上的文件夹，草稿无处存放。请先保存工作簿（.xlsx），"
             "再点“生成报告”：草稿保存在工作簿所在的文件夹。")


def _folder_of(book, folder) -> Path:
    if folder is not None:
        return Path(folder)
    try:
        full = book.fullname
    except Exception:  # a remote book, or an online one xlwings cannot map to a folder
        full = ""
    if full and os.path.isabs(full) and os.path.isdir(os.path.dirname(full)):
        return Path(os.path.dirname(full))
    raise UsageError(NOT_SAVED)


def target_path(folder: Path, book_name: str) -> Path:
    stem = Path(book_name or "工作簿").stem
    path = folder / f"{stem}{SUFFIX}.docx"
    n = 2
    while path.exists():  # a draft the department may have filled in is never overwritten
        path = folder / f"{stem}{SUFFIX}({n}).docx"
        n += 1
    return path


def _generate(book, settings: Settings, folder):
    where = _folder_of(book, folder)
    grid = read_book(book, settings)
    if not grid.sheets:
        raise UsageError("工作簿中没有工作表")
    plan = build_plan(grid, settings, REFRESH)
    facts = workbook_facts_of(grid, plan, settings)
    out = target_path(where, grid.name)
    save(build(facts), out)
    lines = [f"已生成自评报告草稿：{out}", f"工作簿{count_line(plan.findings)}",
             "请在黄色的【请填写：…】处补充部门情况。"]
    return out, "\n".join(lines)


__all__ = ["generate_report"]
