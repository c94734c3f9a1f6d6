"""附件1 基础数据表 (staff, 经费控制情况, 楼堂馆所) and the 三公经费对比 table (seed 002)."""
from __future__ import annotations

import re
from decimal import Decimal

from ..rules.numbers import NUMBER, fmt_plain, quantize, read_number
from ..rules.rates import ratio
from ..tables.find import Table
from ..tables.headers import cell_text, norm
from ..tables.parse import is_part
from .context import MONEY, RATE, Context, excel_precision
from .generic import suspect_column, suspect_row

ZERO = Decimal(0)
_NUMBERED = re.compile(r"^(\d+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|[①-⑩]|[一二三四五六七八九十]+、)")
_HEADS = ("三公经费", "项目支出", "公用经费", "政府采购金额", "部门基本支出预算调整")


def _rate(ctx: Context, t: Table, r: int, num_key: str, den_key: str, rate_key: str, what: str):
    s = t.sheet
    num = ctx.number(s, r, t.cols.get(num_key), what)
    den = ctx.number(s, r, t.cols.get(den_key), what)
    rate = ratio(num, den)
    ctx.computed(s, r, t.cols.get(rate_key), None if rate is None else quantize(rate, 4), kind=RATE,
                 code="RATE_MISMATCH", what=what,
                 cache=None if rate is None else excel_precision(rate))


def evaluate_staff(ctx: Context, t: Table) -> None:
    for r in t.rows:
        ctx.note_row(t.sheet, r, t.cols.get("note"))
        _rate(ctx, t, r, "staff_actual", "staff_quota", "control_rate", "在职人员控制率")


def evaluate_buildings(ctx: Context, t: Table) -> None:
    for r in t.rows:
        ctx.note_row(t.sheet, r, t.cols.get("note"))
        _rate(ctx, t, r, "actual_size", "approved_size", "size_rate", "规模控制率")
        _rate(ctx, t, r, "actual_invest", "planned_invest", "invest_rate", "投资概算控制率")


def _structure(t: Table) -> list[dict]:
    """Rows as heads (三公经费, 项目支出 …), numbered items under a head, and 其中 parts under
    the row before them: seed 002 writes 其中 once, the parts after it carry no prefix."""
    rows, head, parent, in_parts = [], None, None, False
    for r in t.rows:
        label = cell_text(t.label(r))
        name = norm(label).rstrip(":")
        if not name or set(name) <= set("…."):
            continue
        if any(name.startswith(h) for h in _HEADS):
            head, parent, in_parts = {"row": r, "name": name, "items": [], "parts": []}, None, False
            rows.append(head)
            parent = head
        elif _NUMBERED.match(name):
            item = {"row": r, "name": name, "items": [], "parts": []}
            if head is not None:
                head["items"].append(item)
            rows.append(item)
            parent, in_parts = item, False
        elif is_part(name) or in_parts:
            in_parts = True
            if parent is not None:
                parent["parts"].append({"row": r, "name": name})
        else:
            head = parent = {"row": r, "name": name, "items": [], "parts": []}
            rows.append(head)
    return rows


def evaluate_fund_control(ctx: Context, t: Table) -> None:
    s = t.sheet
    cols = [k for k in ("prev_final", "budget", "final") if k in t.cols]
    values: dict = {}
    for r in t.rows:
        ctx.note_row(s, r, t.cols.get("note"))
        label = cell_text(t.label(r))
        for k in cols:
            values[(r, k)] = ctx.number(s, r, t.cols[k], f"“{label}”的金额")
        suspect_row(ctx, s.name, r, [(t.cols[k], values[(r, k)]) for k in cols])
    for k in cols:
        suspect_column(ctx, s.name, t.cols[k], [(r, values[(r, k)]) for r in t.rows])
    for node in _structure(t):
        r = node["row"]
        if node["items"]:
            ctx.covered_totals.add((s.name, r))
            for k in cols:
                items = [values.get((i["row"], k)) for i in node["items"]]
                present = [v for v in items if v is not None]
                value = sum(present, ZERO) if present else None
                ctx.computed(s, r, t.cols[k], value, kind=MONEY, code="SUM_MISMATCH",
                             what=f"{node['name']}", items=len(present))
        for k in cols:
            parent = values.get((r, k))
            parts = [values.get((p["row"], k)) for p in node["parts"]]
            parts = [v for v in parts if v is not None]
            if parent is not None and parts and sum(parts, ZERO) > parent:
                ctx.find(s.name, r, t.cols[k], "SUBSET_EXCEEDS",
                         f"{node['name']}的其中各项之和 {fmt_plain(sum(parts, ZERO))} 超过 {fmt_plain(parent)}",
                         f"≤ {fmt_plain(parent)}", fmt_plain(sum(parts, ZERO)))


def evaluate_sangong(ctx: Context, t: Table) -> None:
    """本年度/年初预算/上年度 per row, 比上年增减 and %, 三公经费合计 against its parts."""
    s = t.sheet
    total_row, parts = None, []
    values: dict = {}
    last = None
    for r in t.rows:
        ctx.note_row(s, r, t.cols.get("note"))
        label = cell_text(t.label(r))
        if "合计" in label and total_row is None:
            total_row = last = r
            continue  # read below, once it is known whether the rules compute it
        for k in ("current", "initial", "previous"):
            values[(r, k)] = ctx.number(s, r, t.cols.get(k), f"“{label}”的金额")
        if total_row is not None and last == r - 1:
            parts.append(r)  # the rows right under the 合计: a blank row ends its block
            last = r
    if total_row is not None:
        ctx.covered_totals.add((s.name, total_row))
        label = cell_text(t.label(total_row))
        for k, what in (("current", "本年度"), ("initial", "年初预算"), ("previous", "上年度")):
            col = t.cols.get(k)
            items = [values[(r, k)] for r in parts if values.get((r, k)) is not None]
            if col is not None and items and (ctx.template or s.has_formula(total_row, col)):
                # the template computes this total and refresh overwrites it: a figure
                # that cannot be read there is reported once, by computed(), not also
                # as BAD_NUMBER (which would vanish after the refresh, so a second
                # refresh would rewrite 校验结果)
                reading = read_number(s.value(total_row, col))
                values[(total_row, k)] = reading.value if reading.kind == NUMBER else None
            else:
                values[(total_row, k)] = ctx.number(s, total_row, col, f"“{label}”的金额")
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
    for r in t.rows:
        cur = _post(ctx, t, r, "current", values)
        prev = _post(ctx, t, r, "previous", values)
        change = None if cur is None or prev is None else cur - prev
        label = cell_text(t.label(r))
        ctx.computed(s, r, t.cols.get("change"), change, kind=MONEY, code="SUM_MISMATCH",
                     what=f"“{label}”的比上年增减")
        rate = ratio(change, prev)
        ctx.computed(s, r, t.cols.get("change_rate"), None if rate is None else quantize(rate, 4),
                     kind=RATE, code="RATE_MISMATCH", what=f"“{label}”的比上年增减%", cache=None if rate is None else excel_precision(rate))


def _post(ctx: Context, t: Table, r: int, key: str, values: dict):
    col = t.cols.get(key)
    v = ctx.post_value(t.sheet, r, col)
    return v if v is not None else values.get((r, key))

