"""Checks on tables of no recognised kind (checks.md, last section): every figure read,
totals and 其中 groups cross-footed, rate columns recomputed where the headers name what
they divide, 元 typed into 万元 columns. The table comes finished from
`tables.generic`: this module never reads a raw cell."""
from __future__ import annotations

import re
from decimal import Decimal
from statistics import median

from ..findings import WARNING
from ..rules.numbers import BAD, NUMBER, PLACEHOLDER, Reading, fmt_plain, quantize
from ..rules.rates import DIFFERENT, EQUAL, compare_rate, ratio
from ..rules.totals import MISMATCH, WITHIN_TOLERANCE, compare_sum
from ..tables.generic import (
    AMOUNT,
    BLANK_ROW,
    ITEM,
    RATE,
    SUBTOTAL,
    TOTAL,
    Column,
    GenericTable,
)
from .context import Context

ZERO = Decimal(0)
_SHARE = re.compile(r"占比|比例|比重|构成|^占")
_CHANGE = re.compile(r"增减|增长|变动|增幅|同比|比上年")
_RATIO = re.compile(r"执行率|完成率|支出率|到位率|使用率|拨付率|兑现率|执行进度|完成预算|得分率")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_CURRENT = ("本年", "本期", "今年", "本年度", "当年")
_PREVIOUS = ("上年", "上期", "去年", "上年度", "同期")
# 执行率/完成率: what was done over what was planned; 支出率: spent over received
_DONE = ("执行", "决算", "实际", "完成", "支出")
_FINAL = ("决算", "执行", "实际")
_PLANNED = ("预算", "计划", "目标", "任务", "下达", "批复", "安排", "到账", "到位", "指标值")


def evaluate_generic(ctx: Context, t: GenericTable) -> None:
    _figures(ctx, t)
    # a change column (增减额 = 本年 − 上年) is judged on every row, its 合计 too: summed again,
    # one wrong line would be reported twice (the line, and the 合计 that adds it)
    unjudged = _row_sums(ctx, t) | _changes_by_row(t)
    covering = _totals(ctx, t, unjudged)
    _parts(ctx, t)
    _rates(ctx, t, covering)
    _units(ctx, t)


def _name(t: GenericTable, i: int) -> str:
    return t.rows[i].label or f"第{t.rows[i].row + 1}行"


def _figures(ctx: Context, t: GenericTable) -> None:
    s = t.sheet.name
    for i, row in enumerate(t.rows):
        for col in t.columns:
            r = row.figures.get(col.col)
            if r is None:
                continue
            what = f"“{_name(t, i)}”的{col.header.split('/')[-1]}"
            if r.kind == BAD:
                ctx.find(s, row.row, col.col, "BAD_NUMBER", f"{what}“{r.text}”不是有效数字：{r.reason}", "数字", r.text)
            elif r.kind == PLACEHOLDER:
                ctx.find(s, row.row, col.col, "PLACEHOLDER", f"{what}填的是占位符“{r.text}”，请填写实际数字",
                         "数字", r.text)


_WHOLE = ("总额", "合计", "小计", "总计", "合计数")


def _row_sums(ctx: Context, t: GenericTable) -> set:
    """总额 = 财政拨款 + 其他资金 under one merged top (全年预算数 over 总额 | 财政拨款 | 其他资金);
    a 合计 column = the other amount columns (科目 | 合计 | 基本支出 | 项目支出), when some row
    shows it is their sum. Returns the columns whose totals inherit a group's wrong 小计."""
    unjudged: set = set()
    tops: dict = {}
    for c in t.columns:
        if c.role == AMOUNT and "/" in c.header:
            top, _, sub = c.header.rpartition("/")
            tops.setdefault(top, []).append((sub, c))
    amounts = [c for c in t.columns if c.role == AMOUNT and "/" not in c.header]
    whole_col = next((c for c in amounts if c.header in _WHOLE), None)
    if whole_col is not None:
        right = [c for c in amounts if c.col > whole_col.col]
        if len(right) >= 2:
            tops[""] = [(whole_col.header, whole_col)] + [(c.header, c) for c in right]
    for top, subs in tops.items():
        whole = next((c for sub, c in subs if sub in _WHOLE), None)
        # a 其中 column is a part of the whole, not a term of a split (参保人数 | 其中：在职 |
        # 其中：退休 need not add up: 其中 rows are checked the same way, by _parts)
        parts = [c for sub, c in subs if c is not whole and not sub.startswith("其中")]
        if whole is None or len(parts) < 2:
            continue
        if not top and not any(_adds_up(row, whole, parts) for row in t.rows):
            if _group_sums(ctx, t, whole, parts):
                unjudged.update(c.col for c in parts)
            continue
        failed = False  # a row already wrong makes its total's row wrong too: not reported twice
        order = sorted(range(len(t.rows)), key=lambda i: t.rows[i].role in (TOTAL, SUBTOTAL))
        for i in order:
            row = t.rows[i]
            if failed and row.role in (TOTAL, SUBTOTAL):
                continue
            stated = row.figures.get(whole.col)
            values = [row.figures.get(c.col) for c in parts]
            if stated is None or stated.kind != NUMBER or any(v is not None and v.kind in (BAD, PLACEHOLDER)
                                                               for v in values):
                continue
            numbers = [v.value for v in values if v is not None and v.kind == NUMBER]
            if not numbers:
                continue
            status = compare_sum(stated.value, numbers, 2, ctx.settings)
            if status == MISMATCH:
                failed = True
                expected = sum(numbers, ZERO)
                ctx.find(t.sheet.name, row.row, whole.col, "SUM_MISMATCH",
                         f"“{_name(t, i)}”的{top or ''}{whole.header.rpartition('/')[2]} {fmt_plain(stated.value)} 与"
                         f"{'、'.join(c.header.rpartition('/')[2] for c in parts)}之和 {fmt_plain(expected)} 不符",
                         fmt_plain(expected), fmt_plain(stated.value))
    return unjudged


def _group_sums(ctx: Context, t: GenericTable, whole: Column, parts: list) -> bool:
    """A 小计 column stating each group's sum on the group's first row (seed 004 表1 as
    printed): the parts of every row down to the next stated 小计, when some group shows
    that is what the column holds. Whether a group was wrong."""
    groups: list[tuple[int, Decimal, list]] = []
    for i, row in enumerate(t.rows):
        if row.role != ITEM:
            groups.append((-1, ZERO, []))  # closes the group
            continue
        stated = _value(row, whole)
        if stated is not None:
            groups.append((i, stated, []))
        if groups and groups[-1][0] >= 0:
            groups[-1][2].extend(v for c in parts if (v := _value(row, c)) is not None)
    checked = [(i, stated, values, compare_sum(stated, values, 2, ctx.settings))
               for i, stated, values in groups if i >= 0 and values]
    if len(checked) < 2 or all(status == MISMATCH for *_, status in checked):
        return False
    wrong = False
    for i, stated, values, status in checked:
        if status == MISMATCH:
            wrong = True
            expected = sum(values, ZERO)
            ctx.find(t.sheet.name, t.rows[i].row, whole.col, "SUM_MISMATCH",
                     f"“{_name(t, i)}”起一组的{whole.header} {fmt_plain(stated)} 与该组各项之和 "
                     f"{fmt_plain(expected)} 不符", fmt_plain(expected), fmt_plain(stated))
    return wrong


def _adds_up(row, whole: Column, parts: list) -> bool:
    stated = _value(row, whole)
    values = [v for c in parts if (v := _value(row, c)) is not None]
    return stated is not None and len(values) == len(parts) and \
        quantize(stated, 2) == quantize(sum(values, ZERO), 2)


def _blocks(t: GenericTable) -> list[list[int]]:
    blocks: list[list[int]] = []
    cur: list[int] = []
    for i, row in enumerate(t.rows):
        if row.role == BLANK_ROW:
            if cur:
                blocks.append(cur)
            cur = []
        else:
            cur.append(i)
    if cur:
        blocks.append(cur)
    return blocks


def _structure(t: GenericTable) -> list[tuple[int, list, bool, list | None]]:
    """(total row, its item rows, whether it stands above them, another reading of its
    items) for every total: below its items back to the previous total or the block's
    start (a 合计 under 小计s adds the 小计s), or above them down to the next total or the
    block's end (三公经费合计 first). A total right under another total and a few rows may
    also add that total (总计 = 本年收入合计 + 年初结转和结余)."""
    checks = []
    for block in _blocks(t):
        pending: list = []
        subtotals: list = []
        heads: list = []  # 小计s standing above their groups (人员经费小计, its lines, 商品和服务小计 …)
        last_total = None  # the last total below its items in this block
        k = 0
        while k < len(block):
            i = block[k]
            row = t.rows[i]
            if row.role == TOTAL and not pending and not subtotals and len(heads) >= 2:
                checks.append((i, heads, False, None))  # the 合计 under groups headed by their 小计s
                heads = []
                k += 1
                continue
            if row.role in (TOTAL, SUBTOTAL):
                if pending or (row.role == TOTAL and subtotals):
                    if row.role == SUBTOTAL:
                        checks.append((i, pending, False, None))
                        subtotals.append(i)
                    else:
                        alt = [last_total] + pending if last_total is not None and not subtotals else None
                        checks.append((i, subtotals + pending, False, alt))
                        subtotals = []
                        last_total = i
                    pending = []
                    k += 1
                    continue
                items, k = [], k + 1
                while k < len(block) and t.rows[block[k]].role not in (TOTAL, SUBTOTAL):
                    below = t.rows[block[k]]
                    if below.role == ITEM and below.part_of is None:
                        items.append(block[k])
                    k += 1
                checks.append((i, items, True, None))
                if row.role == SUBTOTAL:
                    heads.append(i)
                continue
            if row.role == ITEM and row.part_of is None:
                pending.append(i)
            k += 1
    return checks


def _top(t: GenericTable, items: list) -> list:
    """Of items at several outline levels (类 with its 款 and 项, 一、 with its （一）), the
    top level: a total adds those, not their parts again."""
    levels = {t.rows[i].level for i in items}
    if len(levels) < 2 or levels == {None} or None in levels:
        return items
    top = min(lv for lv in levels if lv is not None)
    return [i for i in items if t.rows[i].level == top]


def _column_sum(ctx: Context, t: GenericTable, col: Column, stated: Decimal, sets: list):
    """(items' values, status) of the first item set that adds up to the stated figure, else
    of the first set; None when an item cannot be read (reported there) or none has a figure."""
    best = None
    for items in sets:
        values, unreadable = [], False
        for i in items:
            r = t.rows[i].figures.get(col.col)
            if r is None or r.kind not in (NUMBER, BAD, PLACEHOLDER):
                continue
            if r.kind != NUMBER:
                unreadable = True  # reported at the item; the total is not judged
                break
            values.append(r.value)
        if unreadable or not values:
            return None
        if (all(abs(v) <= 1 for v in values) and stated <= 1 and sum(values, ZERO) != stated
                and not _counted(col)):
            return None  # fractions that do not add up: a rate column without a header
        status = compare_sum(stated, values, 2, ctx.settings)
        if status != MISMATCH:
            return values, status
        best = best or (values, status)
    return best


def _totals(ctx: Context, t: GenericTable, unjudged: set) -> dict:
    """Cross-foot each total; returns row index → the total row index that covers it."""
    s = t.sheet.name
    covering: dict = {}
    amounts = [c for c in t.columns if c.role == AMOUNT]
    checks = _structure(t) + _outline(t)
    # a total above its rows is a total only if some column adds up (收入支出总计 heading a
    # comparison table is no sum of the rows below it) — or if another total of its kind (小计
    # or 合计) above its rows in this table does: then the table is built that way and a group
    # that does not add up is wrong, not a heading (表1's 小计s, each over its lines)
    first_sums = [(t.rows[total].role, _adds_up_any(ctx, t, amounts, unjudged, total, _sets(t, items, alt)))
                  for total, items, first, alt in checks if first and items]
    totals_first = {role for role, adds in first_sums if adds
                    and sum(1 for other, _ in first_sums if other == role) >= 2}
    for total, items, first, alt in checks:
        for i in items:
            covering.setdefault(i, total)
        results = _column_sums(ctx, t, amounts, unjudged, total, _sets(t, items, alt))
        if first and t.rows[total].role not in totals_first \
                and not any(status not in (MISMATCH,) for *_, status in results):
            continue
        for col, stated, values, status in results:
            if status not in (MISMATCH, WITHIN_TOLERANCE):
                continue
            total_sum = sum(values, ZERO)
            name = t.rows[total].label or "合计"
            ctx.find(s, t.rows[total].row, col.col, "SUM_MISMATCH",
                     f"{name} {fmt_plain(stated)} 与{'下' if first else '上'}方各项之和 {fmt_plain(total_sum)} "
                     + ("相差在四舍五入误差以内" if status == WITHIN_TOLERANCE else f"不符，相差 {fmt_plain(stated - total_sum)}"),
                     fmt_plain(total_sum), fmt_plain(stated), "info" if status == WITHIN_TOLERANCE else "")
    return covering


def _sets(t: GenericTable, items: list, alt: list | None) -> list:
    """The readings of a total's items, tried in turn: the top outline level, all of them,
    then the other reading `_structure` gives."""
    top = _top(t, items)
    sets = [top, items] if top != items else [items]
    return sets + [alt] if alt else sets


def _column_sums(ctx: Context, t: GenericTable, amounts: list, unjudged: set, total: int,
                 sets: list) -> list:
    """(column, stated total, the item values, status) of each amount column whose total
    row states a figure to judge."""
    results = []
    for col in amounts:
        stated = t.rows[total].figures.get(col.col)
        if stated is None or stated.kind != NUMBER or stated.is_percent or stated.value is None \
                or col.col in unjudged:
            continue
        found = _column_sum(ctx, t, col, stated.value, sets)
        if found is not None:
            results.append((col, stated.value, found[0], found[1]))
    return results


def _adds_up_any(ctx: Context, t: GenericTable, amounts: list, unjudged: set, total: int, sets: list) -> bool:
    """Whether some amount column of a total row is the sum of its items."""
    return any(status != MISMATCH for *_, status in _column_sums(ctx, t, amounts, unjudged, total, sets))


def _outline(t: GenericTable) -> list[tuple[int, list, bool, list | None]]:
    """A row of an outline (205 教育支出 over 20599, 一、 over （一）（二）) against the rows
    one level below it, when every row down to the next of its level states its level."""
    checks = []
    for block in _blocks(t):
        for k, i in enumerate(block):
            row = t.rows[i]
            if row.role != ITEM or row.level is None or row.part_of is not None:
                continue
            below = []
            for j in block[k + 1:]:
                lv = t.rows[j].level
                if t.rows[j].role != ITEM or lv is None or lv <= row.level:
                    break
                below.append(j)
            children = [j for j in below if t.rows[j].level == min(t.rows[x].level for x in below)]
            if children and len(below) == len([j for j in below if t.rows[j].level is not None]):
                end = block[k + 1 + len(below)] if k + 1 + len(below) < len(block) else None
                if end is None or t.rows[end].role != ITEM or (t.rows[end].level is not None):
                    checks.append((i, children, True, None))
    return checks


def _counted(col: Column) -> bool:
    """A column that says it holds amounts or counts (金额（万元）, 人数, 决算数)."""
    return bool(col.unit) or any(k in col.header for k in ("金额", "数", "额", "资金", "支出", "收入"))


def _parts(ctx: Context, t: GenericTable) -> None:
    """其中 rows add up to no more than the row they are parts of."""
    groups: dict = {}
    for i, row in enumerate(t.rows):
        if row.part_of is not None:
            groups.setdefault(row.part_of, []).append(i)
    for parent, parts in groups.items():
        for col in t.columns:
            if col.role != AMOUNT:
                continue
            top = t.rows[parent].figures.get(col.col)
            if top is None or top.kind != NUMBER:
                continue
            values = [t.rows[i].figures.get(col.col) for i in parts]
            if any(v is not None and v.kind in (BAD, PLACEHOLDER) for v in values):
                continue
            total = sum((v.value for v in values if v is not None and v.kind == NUMBER), ZERO)
            if quantize(total, 2) > quantize(top.value, 2):
                ctx.find(t.sheet.name, t.rows[parent].row, col.col, "SUBSET_EXCEEDS",
                         f"“{_name(t, parent)}”的其中各项之和 {fmt_plain(total)} 超过 {fmt_plain(top.value)}",
                         f"≤ {fmt_plain(top.value)}", fmt_plain(total))


# ---- rates --------------------------------------------------------------------------

def _rates(ctx: Context, t: GenericTable, covering: dict) -> None:
    amounts = [c for c in t.columns if c.role == AMOUNT]
    for col in t.columns:
        if col.role == RATE:
            _rate_column(ctx, t, col, amounts, covering)
        elif _CHANGE.search(col.header):
            _change_column(ctx, t, col, amounts)


def _left(col: Column, amounts: list) -> list:
    return [c for c in amounts if c.col < col.col and not _CHANGE.search(c.header)]


def _pick(cands: list) -> Column | None:
    """Of several candidate columns, the 总额 of a split one, else the nearest."""
    if not cands:
        return None
    whole = [c for c in cands if c.header.endswith("总额") or "/" not in c.header]
    return (whole or cands)[-1]


def _years(cols: list) -> tuple[Column | None, Column | None]:
    dated = [(int(m.group(1)), c) for c in cols if (m := _YEAR.search(c.header))]
    years = {y for y, _ in dated}
    if len(years) >= 2:
        # a change compares like with like: 2024年决算数 against 2023年决算数, not the 2024年预算数
        # beside it (seed 002: 2024年决算 | 2024年预算 | 2023年决算 | 增减额 | 增减率)
        earliest = [c for y, c in dated if y == min(years)]
        latest = [c for y, c in dated if y == max(years)]
        prev = next((c for c in earliest if "预算" not in c.header), earliest[0])
        kind = _YEAR.sub("", prev.header)
        cur = next((c for c in latest if _YEAR.sub("", c.header) == kind), None) \
            or next((c for c in reversed(latest) if "预算" not in c.header), latest[-1])
        return cur, prev
    cur = next((c for c in cols if any(k in c.header for k in _CURRENT)), None)
    prev = next((c for c in cols if any(k in c.header for k in _PREVIOUS)), None)
    if cur is None and prev is None:
        # no years: a 预算数 | 决算数 | 增减额 table compares the final with the budget (seed 003
        # 附件1: 人员经费年初预算数为1383.81万元，决算数为1144.18万元)
        done = [c for c in cols if any(k in c.header for k in _FINAL) and "预算" not in c.header]
        planned = [c for c in cols if "预算" in c.header and not any(k in c.header for k in _FINAL)]
        if len(done) == 1 and len(planned) == 1:
            return done[0], planned[0]
    return cur, prev


def _rate_column(ctx: Context, t: GenericTable, col: Column, amounts: list, covering: dict) -> None:
    h = col.header
    left = _left(col, amounts)
    if _SHARE.search(h.split("/")[-1]) or _SHARE.search(h):
        base = left[-1] if left else None
        if base is not None:
            _shares(ctx, t, col, base, covering)
        return
    if _CHANGE.search(h):
        cur, prev = _years(left)
        change = next((c for c in amounts if c.col < col.col and _CHANGE.search(c.header)), None)
        for i, row in enumerate(t.rows):
            c_v, p_v = _value(row, cur), _value(row, prev)
            if c_v is not None and p_v is not None:
                value = ratio(c_v - p_v, p_v)
            else:
                value = ratio(_value(row, change), p_v)
            _compare(ctx, t, i, col, value, "增减率")
        return
    if not _RATIO.search(h):
        return
    if "得分率" in h:
        num = _pick([c for c in left if "得分" in c.header])
        den = _pick([c for c in left if "分值" in c.header or "权重" in c.header])
    else:
        done = ("支出",) if "支出率" in h else _DONE
        planned = ("到账", "到位", "预算", "下达") if "支出率" in h else _PLANNED
        num = _pick([c for c in left if any(k in c.header for k in done)
                     and not (any(k in c.header for k in planned) and not any(k in c.header for k in ("执行", "决算", "实际", "完成")))])
        dens = [c for c in left if any(k in c.header for k in planned) and c is not num
                and not any(k in c.header.split("/")[0] for k in ("执行", "决算", "实际", "完成"))]
        # the budget a rate divides by is the year's (全年, 调整后), not the 年初 one
        den = _pick([c for c in dens if "年初" not in c.header] or dens)
    if num is None or den is None or num is den:
        return
    for i, row in enumerate(t.rows):
        _compare(ctx, t, i, col, ratio(_value(row, num), _value(row, den)), h.split("/")[-1])


def _shares(ctx: Context, t: GenericTable, col: Column, base: Column, covering: dict) -> None:
    totals = [i for i, row in enumerate(t.rows) if row.role in (TOTAL, SUBTOTAL)]
    for i, row in enumerate(t.rows):
        if row.role in (TOTAL, SUBTOTAL):
            _compare(ctx, t, i, col, Decimal(1) if _value(row, base) else None, "占比")
            continue
        if row.role != ITEM or row.part_of is not None:
            continue
        total = covering.get(i)
        while total is not None and t.rows[total].role == SUBTOTAL and covering.get(total) is not None:
            total = covering[total]
        if total is None:
            continue
        den = _value(t.rows[total], base)
        if den is None:  # a blank 本年支出合计 above the 合计 that states the figure
            den = next((_value(t.rows[j], base) for j in totals if j > total
                        and _value(t.rows[j], base) is not None), None)
        _compare(ctx, t, i, col, ratio(_value(row, base), den), "占比")


def _changes_by_row(t: GenericTable) -> set:
    """The change columns whose 本年 and 上年 columns are known."""
    amounts = [c for c in t.columns if c.role == AMOUNT]
    return {col.col for col in t.columns if col.role != RATE and _CHANGE.search(col.header)
            and None not in _years(_left(col, amounts))}


def _change_column(ctx: Context, t: GenericTable, col: Column, amounts: list) -> None:
    """比上年增减 / 增减额 in money: 本年 − 上年."""
    cur, prev = _years(_left(col, amounts))
    if cur is None or prev is None:
        return
    for i, row in enumerate(t.rows):
        stated, c_v, p_v = row.figures.get(col.col), _value(row, cur), _value(row, prev)
        if stated is None or stated.kind != NUMBER or c_v is None or p_v is None:
            continue
        if quantize(stated.value, 2) != quantize(c_v - p_v, 2):
            ctx.find(t.sheet.name, row.row, col.col, "SUM_MISMATCH",
                     f"“{_name(t, i)}”的{col.header.split('/')[-1]}填 {fmt_plain(stated.value)}，"
                     f"应为 {fmt_plain(c_v)} − {fmt_plain(p_v)} = {fmt_plain(c_v - p_v)}",
                     fmt_plain(c_v - p_v), fmt_plain(stated.value))


def _value(row, col: Column | None) -> Decimal | None:
    if col is None:
        return None
    r = row.figures.get(col.col)
    return r.value if r is not None and r.kind == NUMBER and not r.is_percent else None


def _compare(ctx: Context, t: GenericTable, i: int, col: Column, value: Decimal | None, what: str) -> None:
    row = t.rows[i]
    stated = row.figures.get(col.col)
    if value is None or stated is None or stated.kind != NUMBER:
        return
    if not stated.is_percent and abs(stated.value - value * 100) < abs(stated.value - value):
        # a 完成率（%） column holds 98.5 for 98.5% — or 0.985, a formula's value in a cell
        # formatted as a percentage (values carry no format): whichever reading is nearer
        stated = Reading(NUMBER, stated.value / 100, unit="%", places=stated.places, text=f"{stated.text}%")
    agreement = compare_rate(stated, value)
    if agreement == EQUAL:
        return
    expected = f"{quantize(value * 100, 2)}%"
    ctx.find(t.sheet.name, row.row, col.col, "RATE_MISMATCH",
             f"“{_name(t, i)}”的{what}填 {stated.text}，" + (f"应为 {expected}" if agreement == DIFFERENT
                                                          else f"按四舍五入应为 {expected}（疑为截尾）"),
             expected, stated.text, "" if agreement == DIFFERENT else WARNING)


# ---- units --------------------------------------------------------------------------

def suspect_row(ctx: Context, sheet: str, row: int, cells: list) -> None:
    """A figure about 10,000× the other money figures of its row: 元 typed into 万元."""
    values = [(c, v) for c, v in cells if v]
    if len(values) < 2:
        return
    c_max, v_max = max(values, key=lambda cv: abs(cv[1]))
    v_min = min(abs(v) for _, v in values)
    if abs(v_max) / v_min >= ctx.settings.unit_suspect_ratio:
        ctx.find(sheet, row, c_max, "UNIT_SUSPECT",
                 f"{fmt_plain(v_max)} 约为同行其他金额的 {int(abs(v_max) / v_min):,} 倍，疑为把“元”填进了“万元”栏",
                 "万元", fmt_plain(v_max))


def _units(ctx: Context, t: GenericTable) -> None:
    money = [c for c in t.columns if c.role == AMOUNT and c.unit == "万元" and not _CHANGE.search(c.header)]
    if not money:
        return
    s = t.sheet.name
    for row in t.rows:
        suspect_row(ctx, s, row.row, [(c.col, _value(row, c)) for c in money])
    for c in money:
        suspect_column(ctx, s, c.col, [(row.row, _value(row, c)) for row in t.rows if row.role == ITEM])


def suspect_column(ctx: Context, sheet: str, col: int, cells: list) -> None:
    """A figure about 10,000× the median of its 万元 column (four figures at least)."""
    cells = [(r, v) for r, v in cells if v]
    if len(cells) < 4:
        return
    limit = ctx.settings.unit_suspect_ratio
    # the median of the whole column, the suspect figure included: it only raises the
    # median, so a figure that stands out against it stands out against the others too
    m = median(abs(v) for _, v in cells)
    for r, v in cells:
        if m and abs(v) / m >= limit:
            ctx.find(sheet, r, col, "UNIT_SUSPECT",
                     f"{fmt_plain(v)} 约为本栏其他金额的 {int(abs(v) / m):,} 倍，疑为把“元”填进了“万元”栏",
                     "万元", fmt_plain(v))
