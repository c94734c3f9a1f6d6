"""The Excel-facing layer: XP_* functions (UDF Modules: udfs) and the button's entry points
(刷新评分, 校验, 新增项目表) for classic xlwings, xlwings Server and xlwings Lite.

生成报告 is `udfs.report.generate_report`, imported by its callers (`import udfs.report`)
and not here: it pulls in python-docx, which the XP_* functions and the other buttons
do not need on every Excel recalculation."""
from .button import add_project, check_workbook, decode_vba_text, refresh_scores
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
    "XP_RATE", "XP_CHANGE_RATE", "XP_EXEC_SCORE", "XP_IND_SCORE", "XP_QUAL_BAND",
    "XP_PRESET_SCORE", "XP_SATISFACTION", "XP_GRADE", "XP_NUM", "XP_SUM_CHECK",
    "refresh_scores", "check_workbook", "add_project", "decode_vba_text",
]
