"""Cross-footing of any 合计/小计 block in any sheet (checks.md, last section)."""
from __future__ import annotations

import re
from decimal import Decimal

from ..grid import SheetGrid
from ..rules.numbers import BAD, NA, NUMBER, PLACEHOLDER, fmt_plain
from ..rules.totals import MISMATCH, WITHIN_TOLERANCE, compare_sum
from ..tables.figures import read_figure
from ..tables.generic import find_generic
from ..tables.headers import norm
from .context import Context
from .generic import evaluate_generic

_TOTALS = ("合计", "总计", "金额合计")
_SUBTOTAL = "小计"
_LABELS = _TOTALS + (_SUBTOTAL,)
_RATE_HEADER = re.compile(r"率|比例|占比|%|％")


def _label(v) -> str:
    return norm(v).rstrip(":") if isinstance(v, str) else ""


def _total_col(row: list) -> int | None:
    """The column of a row's 合计/小计 label; every cell of every sheet is asked, and
    each of those labels holds 计, so the rest are passed over without normalising."""
    for c, v in enumerate(row):
        if isinstance(v, str) and "计" in v and _label(v) in _LABELS:
            return c
    return None


def _row_kind(sheet: SheetGrid, r: int, upto: int) -> str | None:
    for v in (sheet.rows[r] if r < sheet.n_rows else [])[:upto]:
        t = _label(v)
        if t in _TOTALS:
            return "total"
        if t == _SUBTOTAL:
            return "subtotal"
    return None


def _is_part(sheet: SheetGrid, r: int, upto: int) -> bool:
    return any(_label(v).startswith("其中") for v in sheet.rows[r][:upto])


def _shown(ctx: Context, sheet: SheetGrid, r: int, c: int):
    """A cell as the refreshed sheet shows it: a computed cell this refresh rewrites is
    read with its new value (a REFRESH must report on the sheet it leaves behind, or the
    next refresh finds other blocks and rewrites 校验结果; CHECK writes nothing)."""
    w = ctx.writes.get((sheet.name, r, c))
    return w.value if w is not None and not w.note else sheet.value(r, c)


def crossfoot_sheet(ctx: Context, sheet: SheetGrid, skip_rows: set) -> None:
    """Tables of no recognised kind (`tables.generic`) get every check of a table; a
    合计 row outside any table is still cross-footed against the figures above it."""
    skip_rows = set(skip_rows)
    for table in find_generic(sheet, skip_rows):
        evaluate_generic(ctx, table)
        skip_rows.update(range(table.first_row, table.last_row + 1))
    note_cols = None
    for r, row in enumerate(sheet.rows):
        if r in skip_rows:
            continue
        label_col = _total_col(row)
        if label_col is None or (sheet.name, r) in ctx.covered_totals:
            continue
        if note_cols is None:
            # 校验说明 columns hold xlperf's notes, never amounts (a figure typed there
            # is replaced by the refresh's note)
            note_cols = {c for (name, _), c in ctx.note_cols.items() if name == sheet.name}
        kind = "total" if _label(row[label_col]) in _TOTALS else "subtotal"
        for c in range(label_col + 1, len(row)):
            if c in note_cols:
                continue
            stated = read_figure(_shown(ctx, sheet, r, c))
            if stated.kind != NUMBER or stated.is_percent:
                continue
            _check_column(ctx, sheet, r, c, kind, stated.value)


def _check_column(ctx: Context, sheet: SheetGrid, r: int, c: int, kind: str, stated: Decimal) -> None:
    items, blanks, seen_subtotal, unreadable = [], 0, False, False
    for up in range(r - 1, -1, -1):
        row_kind = _row_kind(sheet, up, c)
        if row_kind == "total" or (kind == "subtotal" and row_kind == "subtotal"):
            break
        raw = _shown(ctx, sheet, up, c)
        reading = read_figure(raw)
        if all(v in (None, "") for v in sheet.rows[up]):
            blanks += 1
            if blanks >= 2:
                break
            continue
        blanks = 0
        if row_kind == "subtotal":
            if not seen_subtotal:
                items = []  # rows after the last 小计 were loose items; before it, only 小计s count
            seen_subtotal = True
            if reading.kind == NUMBER:
                items.append(reading.value)
            continue
        if reading.kind in (BAD, PLACEHOLDER):
            unreadable = True
            continue
        if reading.kind == NA:
            continue
        if reading.kind not in (NUMBER,) and isinstance(raw, str) and raw.strip():
            if _RATE_HEADER.search(norm(raw)):
                return  # a rate column: recomputed elsewhere, never summed
            break  # the column's header
        if seen_subtotal or _is_part(sheet, up, c) or reading.kind != NUMBER:
            continue
        if reading.is_percent:
            return
        items.append(reading.value)
    if not items or unreadable:
        return
    if all(abs(i) <= 1 for i in items) and stated <= 1 and sum(items) != stated:
        return  # fractions that do not add up: a rate column without a header
    status = compare_sum(stated, items, 2, ctx.settings)
    if status in (MISMATCH, WITHIN_TOLERANCE):
        total = sum(items, Decimal(0))
        name = "小计" if kind == "subtotal" else "合计"
        ctx.find(sheet.name, r, c, "SUM_MISMATCH",
                 f"{name} {fmt_plain(stated)} 与上方各项之和 {fmt_plain(total)} "
                 + ("相差在四舍五入误差以内" if status == WITHIN_TOLERANCE else f"不符，相差 {fmt_plain(stated - total)}"),
                 fmt_plain(total), fmt_plain(stated), "info" if status == WITHIN_TOLERANCE else "")
