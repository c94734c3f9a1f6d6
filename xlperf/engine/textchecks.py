"""Checks on text anywhere in the workbook: dates outside the evaluation period."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..grid import WorkbookGrid
from .context import Context

_FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度")


def evaluation_year(wb: WorkbookGrid) -> int | None:
    """The year the titles name (`桃江县2024年度部门整体支出绩效自评表`), most frequent first."""
    years: Counter = Counter()
    for sheet in wb.sheets:
        for row in sheet.rows[:6]:
            for v in row:
                if isinstance(v, str) and "年度" in v:
                    years.update(int(y) for y in _TITLE_YEAR.findall(v))
    return years.most_common(1)[0][0] if years else None


def check_dates(ctx: Context, skip_sheets=()) -> None:
    """DATE_ANOMALY: a full date outside the evaluation year and the year after it
    (seed 001 signs a 2024 report `2015 年 3 月 19 日`)."""
    if ctx.year is None:
        return
    allowed = (ctx.year, ctx.year + 1)
    for sheet in ctx.wb.sheets:
        if sheet.name in skip_sheets:
            continue
        for r, row in enumerate(sheet.rows):
            for c, v in enumerate(row):
                # every cell of every workbook comes through here: blanks and figures
                # (most cells) leave at the first test
                cls = v.__class__
                if v is None or cls is float or cls is int:
                    continue
                if isinstance(v, str):
                    m = _FULL_DATE.search(v) if "年" in v else None
                    if m is None:
                        continue
                    year, shown = int(m.group(1)), m.group(0)
                elif isinstance(v, dt.date):  # a datetime is a date
                    year, shown = v.year, v.strftime("%Y-%m-%d")
                else:
                    continue
                if year not in allowed:
                    ctx.find(sheet.name, r, c, "DATE_ANOMALY",
                             f"日期“{shown}”不在评价年度 {ctx.year} 年及次年之内，请核对",
                             f"{ctx.year}–{ctx.year + 1} 年", shown)
