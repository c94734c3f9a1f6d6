"""Names, colours, fonts and number formats shared by every sheet builder (docs/layout.md)."""
from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

# The fixed sheets, in workbook order; the project sheets (`项目-<名称>`) come right after
# `附件2 整体支出自评表` (see `sheet_order`).
SHEET_BASIC = "附件1 基础数据表"
SHEET_OVERALL = "附件2 整体支出自评表"
PROJECT_PREFIX = "项目-"
SHEET_SCORING = "评分表"
SHEET_SURVEY = "满意度问卷"
SHEET_SANGONG = "三公经费对比"
SHEET_RESULTS = "校验结果"
SHEET_GUIDE = "说明"
TEMPLATE_SHEETS = (
    SHEET_BASIC,
    SHEET_OVERALL,
    SHEET_SCORING,
    SHEET_SURVEY,
    SHEET_SANGONG,
    SHEET_RESULTS,
    SHEET_GUIDE,
)


def sheet_order(project_sheets) -> list[str]:
    """Every sheet of a department workbook in order, given its project sheet names."""
    return [SHEET_BASIC, SHEET_OVERALL, *project_sheets, *TEMPLATE_SHEETS[2:]]


INPUT_FILL = "FFF2CC"
COMPUTED_FILL = "E7E6E6"

FONT_NAME = "宋体"
FONT_SIZE = 11
TITLE_SIZE = 16

FMT_MONEY = "#,##0.00"
FMT_RATE = "0.00%"
FMT_SCORE = "0.00"
FMT_COUNT = "0"
FMT_GENERAL = "General"
FMT_TEXT = "@"

FOOTER_TEXT = "填表人：　　　填报日期：　　　联系电话：　　　单位负责人签字："
NOTE_HEADER = "校验说明"

TIERS = ("达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差")
NATURES = ("≥", "≤", "=")

# One line of 11-point text in points (SimSun needs 14.3, LibreOffice's Noto CJK fallback
# 16). Rows are sized from it because neither Excel nor LibreOffice grows a merged
# cell's row to fit wrapped text.
LINE_HEIGHT = 16.5
ROW_PADDING = 4.0
DEFAULT_ROW_HEIGHT = 18.0

_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
FILL_INPUT = PatternFill("solid", start_color=INPUT_FILL, end_color=INPUT_FILL)
FILL_COMPUTED = PatternFill("solid", start_color=COMPUTED_FILL, end_color=COMPUTED_FILL)


def font(size: int = FONT_SIZE, bold: bool = False) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold)


def alignment(horizontal: str = "left", vertical: str = "center", wrap: bool = True,
              rotation: int = 0) -> Alignment:
    return Alignment(horizontal=horizontal, vertical=vertical, wrap_text=wrap,
                     text_rotation=rotation)
