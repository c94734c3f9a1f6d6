"""openpyxl styles for the sheet builders; names, colours and formats come from xlperf.layout."""
from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from ..layout import (  # noqa: F401  (the builders' one import of the layout's constants)
    COMPUTED_FILL,
    FMT_COUNT,
    FMT_GENERAL,
    FMT_MONEY,
    FMT_RATE,
    FMT_SCORE,
    FMT_TEXT,
    FONT_NAME,
    FONT_SIZE,
    FOOTER_TEXT,
    INPUT_FILL,
    NATURES,
    NOTE_HEADER,
    PROJECT_PREFIX,
    SHEET_BASIC,
    SHEET_GUIDE,
    SHEET_OVERALL,
    SHEET_RESULTS,
    SHEET_SANGONG,
    SHEET_SCORING,
    SHEET_SURVEY,
    TEMPLATE_SHEETS,
    TIERS,
    TITLE_SIZE,
    sheet_order,
)

# One line of 11-point text in points (SimSun needs 14.3, LibreOffice's Noto CJK fallback
# 16). Only merged cells and fixed template text get a height from it: neither Excel nor
# LibreOffice grows a merged cell's row, while rows of plain cells are left to grow.
LINE_HEIGHT = 16.5
ROW_PADDING = 4.0
STACKED_HEIGHT = 14.0  # one character of a vertical (stacked) caption
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
