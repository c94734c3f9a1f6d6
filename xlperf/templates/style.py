"""openpyxl styles for the sheet builders; names, colours and formats come from xlperf.layout."""
from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from ..layout import (  # noqa: F401  (the builders' one import of the layout's constants)
    COMPUTED_FILL,
    DEFAULT_ROW_HEIGHT,
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
    LINE_HEIGHT,
    NATURES,
    NOTE_HEADER,
    PROJECT_PREFIX,
    ROW_PADDING,
    SHEET_BASIC,
    SHEET_GUIDE,
    SHEET_OVERALL,
    SHEET_RESULTS,
    SHEET_SANGONG,
    SHEET_SCORING,
    SHEET_SURVEY,
    STACKED_HEIGHT,
    TEMPLATE_SHEETS,
    TIERS,
    TITLE_SIZE,
    sheet_order,
)

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
