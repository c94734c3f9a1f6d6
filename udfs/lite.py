"""xlwings Lite and xlwings Server: the three buttons as `@script`s and the XP_* Excel
functions, in one module to import.

- xlwings Lite: paste workbooks/xlwings-lite/main.py (`from udfs.lite import *`) and
  its requirements.txt into the Lite editor; Lite lists 刷新评分, 校验, 新增项目表 as
  scripts and registers the XP_* functions as native Excel functions.
- xlwings Server: point the app's custom functions and custom scripts at this module,
  e.g. `custom_functions_call(data, udfs.lite)` and
  `custom_scripts_call(udfs.lite, script_name, typehint_to_value={xw.Book: book})`.

Both need xlwings 0.37.5 or newer: older releases refuse the `xw.Book` hint (a string
under `from __future__ import annotations`), lack the remote `Sheet.used_range`, or
cannot add Excel notes (tests/test_udfs_server.py runs the floor and the latest).

Both run with XLWINGS_ON_SERVER=true, where `xlwings.script`/`xlwings.func` are the
Office.js decorators; elsewhere (classic xlwings, plain Python) they leave the functions
as they are, so importing this module is harmless there. The scripts return nothing:
the button functions have already told the user (alert, printed line).
"""
from __future__ import annotations

import xlwings as xw
from xlwings import script

from .button import add_project, check_workbook, refresh_scores
from .functions import (
    XP_CHANGE_RATE,
    XP_EXEC_SCORE,
    XP_GRADE,
    XP_IND_SCORE,
    XP_NUM,
    XP_PRESET_SCORE,
    XP_QUAL_BAND,
    XP_RATE,
    XP_SATISFACTION,
    XP_SUM_CHECK,
)

__all__ = [
    "xlperf_refresh", "xlperf_check", "xlperf_add_project",
    "XP_RATE", "XP_CHANGE_RATE", "XP_EXEC_SCORE", "XP_IND_SCORE", "XP_QUAL_BAND",
    "XP_PRESET_SCORE", "XP_SATISFACTION", "XP_GRADE", "XP_NUM", "XP_SUM_CHECK",
]


@script(name="刷新评分")
def xlperf_refresh(book: xw.Book):
    """# 刷新评分

    计算全部执行率、得分、总分和等级，把校验说明写进各表的“校验说明”列和“校验结果”工作表。
    公式单元格由 Excel 自动重算。结果与命令行 `xlperf refresh` 相同。
    """
    refresh_scores(book)


@script(name="校验")
def xlperf_check(book: xw.Book):
    """# 校验

    只检查，不改动数字：把发现的问题列在“校验结果”工作表。
    """
    check_workbook(book)


@script(name="新增项目表")
def xlperf_add_project(book: xw.Book, name: str = ""):
    """# 新增项目表

    在 name 框中填写项目名称后运行：复制第一张“项目-”工作表，清空黄色输入单元格，
    新表名为“项目-项目名称”。
    """
    add_project(book, name)
