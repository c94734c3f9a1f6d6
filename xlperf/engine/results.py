"""Where findings land in the workbook: 校验说明 notes beside their rows, the 校验结果 sheet,
and the refresh stamp that lets a later check tell stale scores from typed-over ones."""
from __future__ import annotations

import re
from decimal import Decimal

from .. import __version__
from ..findings import SEVERITY_LABEL, SEVERITY_ORDER
from ..grid import WorkbookGrid, parse_a1
from ..layout import RESULTS, RESULTS_FIRST_ROW
from ..plan import CellWrite, safe_text
from .context import Context
from .ownership import RECORD_COL, RESULTS_SHEET, canonical, record_cells

HEADER = tuple(c.header for c in RESULTS.columns)
FIRST_ROW = RESULTS_FIRST_ROW - 1  # 0-based row of the first finding


def stamp_text() -> str:
    return f"已由 xlperf {__version__} 刷新"


def sort_findings(wb: WorkbookGrid, findings: list) -> list:
    order = {name: i for i, name in enumerate(wb.sheet_names)}

    def key(f):
        r, c = parse_a1(f.cell)
        return (order.get(f.sheet, len(order)), r, c, SEVERITY_ORDER[f.severity], f.code)
    return sorted(findings, key=key)


# A note sits beside its row, so the row's own name at the head of a message is noise there
# (校验结果 keeps the whole message).
_ROW_NAME = re.compile(r"^“[^”]{1,60}”(的)?")


def note_text(f) -> str:
    return f"【{f.label}】{_ROW_NAME.sub('', f.message, count=1)}"


def note_writes(ctx: Context, findings: list) -> None:
    """Each table row's 校验说明 cell gets its findings' messages, or is cleared."""
    by_row: dict = {}
    for f in findings:
        r, _ = parse_a1(f.cell)
        by_row.setdefault((f.sheet, r), []).append(f)
    for (sheet_name, r), col in ctx.note_cols.items():
        sheet = ctx.wb.sheet(sheet_name)
        items = by_row.get((sheet_name, r), [])
        text = "；".join(note_text(f) for f in items) or None
        text = safe_text(text) if text else None
        current = sheet.value(r, col) if sheet is not None else None
        if (current or None) != text:
            ctx.writes[(sheet_name, r, col)] = CellWrite(sheet_name, r, col, text, note=True)


def results_writes(ctx: Context, findings: list, refresh: bool, new_sheets: list) -> None:
    """The 校验结果 sheet: stamp, findings and, right of them, the refresh's record of the
    cells it owns. A check (an annotated copy) keeps the stamp and record it had."""
    sheet = ctx.wb.sheet(RESULTS_SHEET)
    current = sheet.rows if sheet is not None else []
    if sheet is None:
        new_sheets.append(RESULTS_SHEET)
    current_stamp = current[1][0] if len(current) > 1 and current[1] else None
    wanted: dict = {(0, 0): RESULTS_SHEET, (1, 0): stamp_text() if refresh else current_stamp}
    for c, h in enumerate(HEADER):
        wanted[(2, c)] = h
    for i, f in enumerate(findings):
        r = FIRST_ROW + i
        for c, v in enumerate((Decimal(i + 1), f.sheet, f.cell, SEVERITY_LABEL[f.severity], f.code,
                               f.message, f.expected, f.found)):
            wanted[(r, c)] = safe_text(v) if isinstance(v, str) else v
    if refresh:
        wanted.update(record_cells(ctx.new_record))
    for r, row in enumerate(current):
        for c, v in enumerate(row):
            if v not in (None, "") and (r, c) not in wanted:
                wanted[(r, c)] = None if refresh or c < RECORD_COL else v
    for (r, c), v in wanted.items():
        now = current[r][c] if r < len(current) and c < len(current[r]) else None
        if canonical(now) != canonical(v):
            ctx.writes[(RESULTS_SHEET, r, c)] = CellWrite(RESULTS_SHEET, r, c, v, note=True, results=True)
