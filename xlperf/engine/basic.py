"""附件1 基础数据表 (staff, 经费控制情况, 楼堂馆所) and the 三公经费对比 table (seed 002). The
tables come finished from `tables.parse`: this module never reads a raw cell."""
from __future__ import annotations

from decimal import Decimal

from ..rules.numbers import NUMBER, fmt_plain, quantize
from ..rules.rates import ratio
from ..tables.known import HEAD, ITEM, PART, TOTAL, KnownTable, Line
from ..tables.parse import FUND_CONTROL_AMOUNTS, SANGONG_AMOUNTS
from .context import MONEY, RATE, Context, excel_precision
from .generic import suspect_column, suspect_row

ZERO = Decimal(0)


def _rate(ctx: Context, t: KnownTable, line: Line, num_key: str, den_key: str, rate_key: str, what: str):
    s, r = t.sheet, line.row
    num = ctx.figure(line.figure(num_key), s, r, t.cols.get(num_key), what)
    den = ctx.figure(line.figure(den_key), s, r, t.cols.get(den_key), what)
    rate = ratio(num, den)
    ctx.computed(s, r, t.cols.get(rate_key), None if rate is None else quantize(rate, 4), kind=RATE,
                 code="RATE_MISMATCH", what=what,
                 cache=None if rate is None else excel_precision(rate))


def evaluate_staff(ctx: Context, t: KnownTable) -> None:
    for line in t.lines:
        ctx.note_row(t.sheet, line.row, t.cols.get("note"))
        _rate(ctx, t, line, "staff_actual", "staff_quota", "control_rate", "在职人员控制率")


def evaluate_buildings(ctx: Context, t: KnownTable) -> None:
    for line in t.lines:
        ctx.note_row(t.sheet, line.row, t.cols.get("note"))
        _rate(ctx, t, line, "actual_size", "approved_size", "size_rate", "规模控制率")
        _rate(ctx, t, line, "actual_invest", "planned_invest", "invest_rate", "投资概算控制率")


def evaluate_fund_control(ctx: Context, t: KnownTable) -> None:
    s = t.sheet
    cols = [k for k in FUND_CONTROL_AMOUNTS if k in t.cols]
    values: dict = {}
    for line in t.lines:
        r = line.row
        ctx.note_row(s, r, t.cols.get("note"))
        what = f"“{line.label}”的金额"
        for k in cols:
            values[(r, k)] = ctx.figure(line.figures[k], s, r, t.cols[k], what)
        suspect_row(ctx, s.name, r, [(t.cols[k], values[(r, k)]) for k in cols])
    for k in cols:
        suspect_column(ctx, s.name, t.cols[k], [(line.row, values[(line.row, k)]) for line in t.lines])
    # a head adds its numbered items; any head or item holds no less than its 其中 parts
    for node in t.lines:
        if node.role not in (HEAD, ITEM):
            continue
        r, name = node.row, node.meta["name"]
        if node.meta["items"]:
            ctx.covered_totals.add((s.name, r))
            for k in cols:
                items = [values.get((i.row, k)) for i in node.meta["items"]]
                present = [v for v in items if v is not None]
                value = sum(present, ZERO) if present else None
                ctx.computed(s, r, t.cols[k], value, kind=MONEY, code="SUM_MISMATCH",
                             what=f"{name}", items=len(present))
        for k in cols:
            parent = values.get((r, k))
            parts = [values.get((p.row, k)) for p in node.meta["parts"]]
            parts = [v for v in parts if v is not None]
            if parent is not None and parts and sum(parts, ZERO) > parent:
                ctx.find(s.name, r, t.cols[k], "SUBSET_EXCEEDS",
                         f"{name}的其中各项之和 {fmt_plain(sum(parts, ZERO))} 超过 {fmt_plain(parent)}",
                         f"≤ {fmt_plain(parent)}", fmt_plain(sum(parts, ZERO)))


def evaluate_sangong(ctx: Context, t: KnownTable) -> None:
    """本年度/年初预算/上年度 per row, 比上年增减 and %, 三公经费合计 against its parts."""
    s = t.sheet
    total = next((x for x in t.lines if x.role == TOTAL), None)
    parts = [x.row for x in t.lines if x.role == PART]
    values: dict = {}
    for line in t.lines:
        ctx.note_row(s, line.row, t.cols.get("note"))
        if line is total:
            continue  # read below, once it is known whether the rules compute it
        what = f"“{line.label}”的金额"
        for k in SANGONG_AMOUNTS:
            values[(line.row, k)] = ctx.figure(line.figure(k), s, line.row, t.cols.get(k), what)
    if total is not None:
        total_row, label = total.row, total.label
        ctx.covered_totals.add((s.name, total_row))
        for k, what in (("current", "本年度"), ("initial", "年初预算"), ("previous", "上年度")):
            col = t.cols.get(k)
            items = [values[(r, k)] for r in parts if values.get((r, k)) is not None]
            if col is not None and items and (ctx.template or s.has_formula(total_row, col)):
                # the template computes this total and refresh overwrites it: a figure
                # that cannot be read there is reported once, by computed(), not also
                # as BAD_NUMBER (which would vanish after the refresh, so a second
                # refresh would rewrite 校验结果)
                reading = total.figure(k)
                values[(total_row, k)] = reading.value if reading.kind == NUMBER else None
            else:
                values[(total_row, k)] = ctx.figure(total.figure(k), s, total_row, col, f"“{label}”的金额")
            stated = values.get((total_row, k))
            if col is None or not items:
                continue
            if ctx.template or len(items) >= 3:
                ctx.computed(s, total_row, col, sum(items, ZERO), kind=MONEY, code="SUM_MISMATCH",
                             what=f"三公经费合计的{what}", items=len(items))
            elif stated is not None and sum(items, ZERO) > stated:
                ctx.find(s.name, total_row, col, "SUBSET_EXCEEDS",
                         f"三公经费合计的{what}：其中各项之和 {fmt_plain(sum(items, ZERO))} 超过合计 {fmt_plain(stated)}",
                         f"≤ {fmt_plain(stated)}", fmt_plain(sum(items, ZERO)))
    for line in t.lines:
        r = line.row
        cur = _post(ctx, t, line, "current", values)
        prev = _post(ctx, t, line, "previous", values)
        change = None if cur is None or prev is None else cur - prev
        ctx.computed(s, r, t.cols.get("change"), change, kind=MONEY, code="SUM_MISMATCH",
                     what=f"“{line.label}”的比上年增减")
        rate = ratio(change, prev)
        ctx.computed(s, r, t.cols.get("change_rate"), None if rate is None else quantize(rate, 4),
                     kind=RATE, code="RATE_MISMATCH", what=f"“{line.label}”的比上年增减%",
                     cache=None if rate is None else excel_precision(rate))


def _post(ctx: Context, t: KnownTable, line: Line, key: str, values: dict):
    v = ctx.post(line.figure(key), t.sheet, line.row, t.cols.get(key))
    return v if v is not None else values.get((line.row, key))
