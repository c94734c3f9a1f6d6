"""Where findings land in the workbook: 校验说明 notes beside their rows, the 校验结果 sheet,
and the refresh stamp that lets a later check tell stale scores from typed-over ones."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from decimal import Decimal, InvalidOperation

from .. import __version__
from ..findings import SEVERITY_LABEL, SEVERITY_ORDER
from ..grid import WorkbookGrid, parse_a1
from ..plan import CellWrite, safe_text
from .context import Context

RESULTS_SHEET = "校验结果"
HEADER = ("序号", "工作表", "单元格", "级别", "代码", "说明", "应为", "实为")
FIRST_ROW = 3  # 0-based row of the first finding (row 4 in Excel)
_STAMP = re.compile(r"输入指纹\s*([0-9a-f]{12})")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def _canonical(v) -> str | None:
    """One spelling per value, whichever adapter read it (calamine or Office.js)."""
    if type(v) is str:  # most cells: the answer of the last line below, without the tests
        return v.strip() or None
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (dt.datetime, dt.date)):
        d = v if isinstance(v, dt.datetime) else dt.datetime(v.year, v.month, v.day)
        v = (d - _EXCEL_EPOCH).total_seconds() / 86400
    if isinstance(v, (int, float, Decimal)):
        try:
            d = Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
            return format(d.normalize(), "f")
        except InvalidOperation:
            return str(v)
    return str(v).strip() or None


def fingerprint(ctx: Context) -> str:
    """A hash of every input: all cells but those the rules compute, notes and 校验结果."""
    # Visits every cell of every workbook the 汇总 reads, so the lookups are per row and
    # blank cells cost one comparison; the bytes hashed (and so the stamp) are unchanged.
    owned: dict = {}
    writes: dict = {}
    for s, r, c in ctx.owned:
        owned.setdefault(s, {}).setdefault(r, set()).add(c)
    for (s, r, c), w in ctx.writes.items():
        writes.setdefault(s, {}).setdefault(r, {})[c] = w
    h = hashlib.sha256()
    for sheet in ctx.wb.sheets:
        if sheet.name == RESULTS_SHEET:
            continue
        h.update(b"\x00sheet\x00" + sheet.name.encode())
        sheet_owned = owned.get(sheet.name, {})
        sheet_writes = writes.get(sheet.name, {})
        for r, row in enumerate(sheet.rows):
            row_owned = sheet_owned.get(r, ())
            row_writes = sheet_writes.get(r)
            parts = []  # hashed a row at a time: a sheet of huge texts never sits in memory twice
            for c, v in enumerate(row):
                if v is None and (row_writes is None or c not in row_writes):
                    continue  # _canonical(None) is None: nothing to hash
                if c in row_owned:
                    continue
                w = row_writes.get(c) if row_writes else None
                text = _canonical(w.value if w is not None else v)
                if text is not None:
                    parts.append(f"{r},{c}={text}\x00")
            if parts:
                h.update("".join(parts).encode())
    return h.hexdigest()[:12]


def stamp_of(wb: WorkbookGrid) -> str | None:
    sheet = wb.sheet(RESULTS_SHEET)
    if sheet is None:
        return None
    for row in sheet.rows[:3]:
        for v in row:
            m = _STAMP.search(str(v)) if isinstance(v, str) else None
            if m:
                return m.group(1)
    return None


def stamp_text(print_: str) -> str:
    return f"已由 xlperf {__version__} 刷新；输入指纹 {print_}"


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
        current = sheet.value(r, col)
        if (current or None) != text:
            ctx.writes[(sheet_name, r, col)] = CellWrite(sheet_name, r, col, text, note=True)


def results_writes(ctx: Context, findings: list, stamp: str | None, new_sheets: list) -> None:
    sheet = ctx.wb.sheet(RESULTS_SHEET)
    current = sheet.rows if sheet is not None else []
    if sheet is None:
        new_sheets.append(RESULTS_SHEET)
    current_stamp = current[1][0] if len(current) > 1 and current[1] else None
    # an annotated copy was checked, not refreshed: it keeps the stamp it had
    wanted: dict = {(0, 0): "校验结果", (1, 0): stamp if stamp is not None else current_stamp}
    for c, h in enumerate(HEADER):
        wanted[(2, c)] = h
    for i, f in enumerate(findings):
        r = FIRST_ROW + i
        for c, v in enumerate((Decimal(i + 1), f.sheet, f.cell, SEVERITY_LABEL[f.severity], f.code,
                               f.message, f.expected, f.found)):
            wanted[(r, c)] = safe_text(v) if isinstance(v, str) else v
    for r, row in enumerate(current):
        for c, v in enumerate(row):
            if v not in (None, "") and (r, c) not in wanted:
                wanted[(r, c)] = None
    for (r, c), v in wanted.items():
        now = current[r][c] if r < len(current) and c < len(current[r]) else None
        if _canonical(now) != _canonical(v):
            ctx.writes[(RESULTS_SHEET, r, c)] = CellWrite(RESULTS_SHEET, r, c, v, note=True)
