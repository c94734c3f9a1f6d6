"""The button's entry points: 刷新评分, 校验, 新增项目表 on an open workbook.

Each takes an `xlwings.Book` or, without one, the calling workbook
(`xlwings.Book.caller()`: classic xlwings through RunPython, the ribbon add-in, the
.xlsm sheet button). xlwings Server and xlwings Lite scripts pass the book they are
given (see `udfs.lite`), and so do the tests, with `xlwings.Book(json=...)`.

They compute exactly what the CLI computes (`xlperf.engine.build_plan` on the book's
values) and replay it through `udfs.book`. Nothing raises into Excel: a problem is told
to the user with `book.app.alert` (a message box in classic Excel, a dialog in
xlwings Server, where the client supports it) and printed (the Output pane of xlwings
Lite, the console of RunPython when it is shown), and the function returns None.
"""
from __future__ import annotations

import sys
import traceback

from xlperf.engine import CHECK, REFRESH, build_plan
from xlperf.errors import UsageError, XlperfError
from xlperf.findings import counts
from xlperf.plan import Plan
from xlperf.report import count_line, score_lines
from xlperf.settings import DEFAULT, Settings

from .book import RESULTS_SHEET, apply_plan, read_book

TITLE = "xlperf 绩效评价"


def refresh_scores(book=None, settings: Settings = DEFAULT):
    """刷新评分: every rate and score computed, notes and 校验结果 written; the template's
    formula cells are left to Excel, which recalculates them. Returns the Plan (None
    when something went wrong and the user was told)."""
    return _run(book, "刷新评分", _refresh, settings)


def check_workbook(book=None, settings: Settings = DEFAULT):
    """校验: the findings, written to the 校验结果 sheet only; figures and 校验说明 cells
    are left as they are, and so is the refresh stamp (a check is not a refresh)."""
    return _run(book, "校验", _check, settings)


def add_project(book=None, name: str | None = None, settings: Settings = DEFAULT):
    """新增项目表: the first 项目 sheet copied (Excel copies formulas, formats, merged
    cells and print settings) as `项目-<name>` right after it, its input cells emptied
    and its 项目名称 set, as `xlperf add-project` does. Returns the new sheet's name."""
    return _run(book, "新增项目表", _add_project, settings, name)


def decode_vba_text(hex_text: str) -> str:
    """Text the VBA macros pass as UTF-16 code units in hex (4 digits each), so a project
    name with quotes, Chinese characters or cmd.exe metacharacters reaches Python intact
    whatever the system code page is."""
    hex_text = (hex_text or "").strip()
    if len(hex_text) % 4:
        raise UsageError("项目名称的编码不完整")
    try:
        data = bytes.fromhex(hex_text)
    except ValueError as exc:
        raise UsageError("项目名称的编码有误") from exc
    return data.decode("utf-16-be", errors="replace")


# ---- the actions ----------------------------------------------------------------------
def _refresh(book, settings: Settings):
    grid = read_book(book, settings)
    plan = build_plan(grid, settings, REFRESH)
    done = apply_plan(book, plan, grid=grid)
    lines = [f"已刷新：{count_line(plan.findings)}", *score_lines(plan)]
    if done.skipped_formulas:
        lines.append(f"{done.skipped_formulas} 个公式单元格由 Excel 自动重算。")
    if counts(plan.findings)["error"]:
        lines.append(f"请查看“{RESULTS_SHEET}”工作表和各表的“校验说明”列。")
    return plan, "\n".join(lines)


def _check(book, settings: Settings):
    plan = build_plan(read_book(book, settings), settings, CHECK, annotate=True)
    # annotate=True also plans the 校验说明 notes; 校验 writes the 校验结果 sheet only
    only_results = Plan(plan.results_writes(), plan.findings, plan.new_sheets, plan.summary,
                        plan.note_cells, plan.owned_cells)
    apply_plan(book, only_results, excel_notes=False)
    message = f"校验完成：{count_line(plan.findings)}"
    if plan.findings:
        message += f"\n详见“{RESULTS_SHEET}”工作表。"
    return only_results, message


def _add_project(book, settings: Settings, name):
    from .projects import copy_project_sheet

    new_name = copy_project_sheet(book, name, settings)
    return new_name, f"已新增工作表“{new_name}”，请填写黄色单元格后点“刷新评分”。"


# ---- running and telling --------------------------------------------------------------
def _run(book, what: str, action, *args):
    if book is None:
        try:
            import xlwings as xw

            book = xw.Book.caller()
        except Exception as exc:  # not called from Excel: nobody to show a box to
            print(f"{what}：找不到调用的工作簿（{type(exc).__name__}: {exc}）", file=sys.stderr)
            return None
    try:
        result, message = action(book, *args)
    except XlperfError as exc:
        _tell(book, f"{what}未完成：{exc.line()}")
        return None
    except Exception as exc:  # never into Excel: a COM error mid-write, a bug
        traceback.print_exc()
        _tell(book, f"{what}出错：{type(exc).__name__}: {exc}\n"
                    "工作簿可能只写入了一部分，请关闭不保存后重试，或改用命令行 xlperf refresh。")
        return None
    _tell(book, message)
    return result


def _tell(book, message: str) -> None:
    print(message)
    try:
        book.app.alert(message, title=TITLE)
    except Exception:  # a client without dialogs: the printed line is what remains
        pass


__all__ = ["refresh_scores", "check_workbook", "add_project", "decode_vba_text"]
