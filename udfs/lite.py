"""xlwings Lite and xlwings Server: the buttons as `@script`s and the XP_* Excel
functions, in one module to import.

- xlwings Lite: paste workbooks/xlwings-lite/main.py (`from udfs.lite import *`) and
  its requirements.txt into the Lite editor; Lite lists 刷新评分, 生成报告, 校验, 新增项目表
  as scripts and registers the XP_* functions as native Excel functions.
- xlwings Server: point the app's custom functions and custom scripts at this module,
  e.g. `custom_functions_call(data, udfs.lite)` and
  `custom_scripts_call(udfs.lite, script_name, typehint_to_value={xw.Book: book})`.

生成报告 writes a Word file, which needs a folder the user can open:
- xlwings Server writes the draft into the folder named by the environment variable
  XLPERF_REPORT_DIR (a share the department reaches, set by whoever runs the server)
  and says where; without it, it says the server has no report folder.
- xlwings Lite runs in the browser (Pyodide), where files live in memory and vanish
  with the page: it says so and names the desktop buttons and `xlperf report` instead
  of pretending to save a draft nobody can find.

Both need xlwings 0.37.5 or newer: older releases refuse the `xw.Book` hint (a string
under `from __future__ import annotations`), lack the remote `Sheet.used_range`, or
cannot add Excel notes (tests/test_udfs_server.py runs the floor and the latest).

Both run with XLWINGS_ON_SERVER=true, where `xlwings.script`/`xlwings.func` are the
Office.js decorators; elsewhere (classic xlwings, plain Python) they leave the functions
as they are, so importing this module is harmless there. The scripts return nothing:
the button functions have already told the user (alert, printed line).
"""
from __future__ import annotations

import os
import sys

import xlwings as xw
from xlwings import script

from .button import _tell, add_project, check_workbook, refresh_scores
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
    "xlperf_refresh", "xlperf_report", "xlperf_check", "xlperf_add_project",
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


REPORT_DIR = "XLPERF_REPORT_DIR"
LITE_REPORT = ("xlwings Lite 在浏览器中运行，不能把 Word 文件保存到工作簿旁边，这里不能生成自评报告草稿。\n"
               "请把工作簿保存到电脑上，再用 Excel 加载项、LibreOffice 扩展或 WPS 启动器的“生成报告”，"
               "或在命令行运行：xlperf report 工作簿.xlsx -o 自评报告草稿.docx")
SERVER_NO_FOLDER = (f"服务器没有设置保存报告的文件夹（环境变量 {REPORT_DIR}），未生成自评报告草稿。\n"
                    "请联系服务器管理员，或在电脑上用“生成报告”按钮或命令 xlperf report。")


@script(name="生成报告")
def xlperf_report(book: xw.Book):
    """# 生成报告

    由本工作簿的数字起草自评报告（Word .docx），与命令行 `xlperf report` 相同，
    不改动工作簿。xlwings Server 保存在管理员设置的报告文件夹；xlwings Lite 在浏览器中
    不能保存文件，会提示改用桌面版按钮或命令行。
    """
    if sys.platform == "emscripten":  # Pyodide: no folder the user could open
        _tell(book, LITE_REPORT)
        return
    folder = os.environ.get(REPORT_DIR, "").strip()
    if not folder or not os.path.isdir(folder):
        _tell(book, SERVER_NO_FOLDER)
        return
    from .report import generate_report  # python-docx only where a draft is written

    generate_report(book, folder=folder)


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
