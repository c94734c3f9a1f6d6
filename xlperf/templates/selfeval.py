"""Blocks shared by 附件2 (部门整体支出) and the 项目支出 自评表, drawn from the tables of
xlperf.layout on one 13-column grid (A…M) with 校验说明 always in M."""
from __future__ import annotations

from decimal import Decimal

from .. import layout as L
from . import style as st
from .context import Context
from .sheet import COMPUTED, GROUP, HEADER, NOTE, PLAIN, VERTICAL, SheetWriter, ref
from .values import as_decimal, number_cell, text_cell, weight_text

WIDTHS = list(L.SELFEVAL_WIDTHS)
NOTE_COL = len(WIDTHS)
PRINTED = L.print_setup(L.SHEET_OVERALL)[1]
HEAD_VALUE_COL = L.HEAD.start("value")  # where a form line's value starts (add-project names it)


def writer(ws, data: dict) -> SheetWriter:
    return SheetWriter(ws, WIDTHS, printed=PRINTED, fit=bool(data))


def header_cells(w: SheetWriter, row: int, table: L.Table, *, skip=(), down: int = 1) -> None:
    for c in table.columns:
        if c.key not in skip:
            w.put(row, table.start(c.key), c.header, HEADER, span=c.span, down=down)


def head_row(w: SheetWriter, row: int, label: str, value) -> None:
    """A form line such as `部门（单位）名称 | 名称`, with its 校验说明 cell in M."""
    w.table_cell(row, L.HEAD, "label", label)
    w.table_cell(row, L.HEAD, "value", text_cell(value))
    w.table_cell(row, L.HEAD, "note")


def funds_block(w: SheetWriter, row: int, table: L.Table, rows, values: dict,
                exec_weight) -> tuple[int, dict]:
    """资金 block; `rows` are (label, role) with role total / item / group (label only)."""
    info: dict = {"header": row}
    caption = table.column("caption")
    w.put(row, 1, caption.header, HEADER, down=len(rows) + 1, rotation=VERTICAL)
    header_cells(w, row, table, skip=("caption",))
    info["rows"] = {}
    figures_keys = ("budget_initial", "budget", "executed")
    for label, role in rows:
        row += 1
        info["rows"][label] = row
        if role == "group":
            w.table_cell(row, table, "item", label, bold=True)
            for key in (*figures_keys, "weight", "rate", "score"):
                w.table_cell(row, table, key, None, PLAIN)
            w.table_cell(row, table, "note")
            continue
        w.table_cell(row, table, "item", label)
        figures = values.get(label, [])
        for j, key in enumerate(figures_keys):
            w.table_cell(row, table, key, number_cell(figures[j]) if j < len(figures) else None)
        w.table_cell(row, table, "rate")
        if role == "total":
            weight = w.table_cell(row, table, "weight", number_cell(exec_weight))
            score = w.table_cell(row, table, "score")
            info.update(total_row=row, weight_cell=weight, score_cell=score)
        else:
            w.table_cell(row, table, "weight", None, PLAIN)
            w.table_cell(row, table, "score", None, PLAIN)
        w.table_cell(row, table, "note")
    return row + 1, info


def tasks_block(w: SheetWriter, row: int, tasks) -> tuple[int, dict]:
    t = L.TASKS
    info: dict = {"header": row}
    for c in t.columns:
        start = t.start(c.key)
        if c.group is None:
            w.put(row, start, c.header, HEADER, span=c.span, down=2)
        else:
            w.put(row + 1, start, c.header, HEADER, span=c.span)
            if c.header == "总额":  # the group's first column carries the merged caption
                w.put(row, start, c.group, HEADER, span=3)
    row += 2
    info["first"] = row
    for task in list(tasks or [{}] * L.BLANK_TASKS):
        for key, field in (("task", "name"), ("content", "content"), ("done", "done")):
            w.table_cell(row, t, key, text_cell(task.get(field)))
        for keys, field in ((("budget_fiscal", "budget_other"), "budget"),
                            (("executed_fiscal", "executed_other"), "executed")):
            figures = task.get(field) or []
            for j, key in enumerate(keys, start=1):
                w.table_cell(row, t, key, number_cell(figures[j]) if j < len(figures) else None)
        for key in ("budget", "executed", "rate", "note"):
            w.table_cell(row, t, key)
        row += 1
    info["last"] = row - 1
    w.put(row, 1, L.TASKS_TOTAL_LABEL, GROUP, span=t.start("budget") - 1)
    for c in t.columns:
        if c.fmt == st.FMT_MONEY:
            start = t.start(c.key)
            w.put(row, start, f"=SUM({ref(info['first'], start)}:{ref(info['last'], start)})",
                  COMPUTED, fmt=c.fmt)
    w.table_cell(row, t, "rate")
    w.table_cell(row, t, "note")
    info["total_row"] = row
    return row + 1, info


def goal_block(w: SheetWriter, row: int, goal: dict | None) -> tuple[int, dict]:
    goal = goal or {}
    t = L.GOAL
    w.put(row, 1, t.column("label").header, HEADER, span=t.column("label").span, down=2)
    header_cells(w, row, t, skip=("label",))
    w.table_cell(row + 1, t, "expected", text_cell(goal.get("expected")))
    w.table_cell(row + 1, t, "actual", text_cell(goal.get("actual")))
    w.table_cell(row + 1, t, "note")
    w.min_height(row + 1, t.min_height)
    return row + 2, {"header": row, "row": row + 1}


def _groups(indicators) -> list[tuple[str, list[tuple[str, list[dict]]]]]:
    """Indicators grouped by 一级 then 二级, in the order they first appear; with no
    indicators, the default groups of tables.md with blank rows to fill."""
    if not indicators:
        return [(l1, [(l2, [{}] * L.BLANK_ROWS_PER_GROUP) for l2 in l2s])
                for l1, l2s in L.DEFAULT_GROUPS]
    groups: dict[str, dict[str, list[dict]]] = {}
    for ind in indicators:
        l1 = ind.get("level1", "") or ""
        l2 = ind.get("level2", "") or ""
        groups.setdefault(l1, {}).setdefault(l2, []).append(ind)
    return [(l1, list(l2s.items())) for l1, l2s in groups.items()]


def _level1_label(ctx: Context, name: str, members: list[dict]) -> str:
    weight = ctx.level1_weights().get(name)
    if weight is None:
        stated = [as_decimal(m.get("weight")) for m in members]
        if not stated or any(x is None for x in stated):
            return name
        weight = sum(stated, Decimal(0))
    return f"{name}（{weight_text(weight)}分）"


def indicator_block(w: SheetWriter, row: int, ctx: Context, indicators) -> tuple[int, dict]:
    t = L.INDICATORS
    groups = _groups(indicators)
    n_rows = sum(len(members) for _, l2s in groups for _, members in l2s)
    info: dict = {"header": row}
    w.put(row, 1, t.column("caption").header, HEADER, down=n_rows + 1, rotation=VERTICAL)
    header_cells(w, row, t, skip=("caption",))
    w.min_height(row, 32)
    row += 1
    info["first"] = row
    for l1, l2s in groups:
        members_l1 = [m for _, members in l2s for m in members]
        w.put(row, t.start("level1"), _level1_label(ctx, l1, members_l1), GROUP, down=len(members_l1))
        for l2, members in l2s:
            w.put(row, t.start("level2"), l2, GROUP, down=len(members))
            for ind in members:
                _indicator_row(w, row, ind)
                row += 1
    info["last"] = row - 1
    return row, info


_INDICATOR_FIELDS = {"level3": "name", "nature": "nature", "target": "target", "actual": "actual",
                     "weight": "weight", "score": "score", "tier": "tier", "deviation": "reason"}


def _indicator_row(w: SheetWriter, row: int, ind: dict) -> None:
    t = L.INDICATORS
    for key, field in _INDICATOR_FIELDS.items():
        raw = ind.get(field)
        w.table_cell(row, t, key, text_cell(raw) if t.column(key).fmt == st.FMT_TEXT else number_cell(raw))
    w.table_cell(row, t, "note")


def total_rows(w: SheetWriter, row: int, ctx: Context, funds: dict, ind: dict) -> tuple[int, dict]:
    t = L.INDICATORS
    first, last = ind["first"], ind["last"]
    weight_col, score_col = t.start("weight"), t.start("score")
    score_span = t.column("score").span
    after = score_col + score_span  # 档次 … up to 校验说明
    rest = NOTE_COL - after
    weights = f"{ref(first, weight_col)}:{ref(last, weight_col)}"
    scores = f"{ref(first, score_col)}:{ref(last, score_col)}"
    w.put(row, 1, L.TOTAL_LABEL, GROUP, span=weight_col - 1)
    w.put(row, weight_col, L.TOTAL_WEIGHT_FORMULA.format(fund_weight=funds["weight_cell"], weights=weights),
          COMPUTED, fmt=st.FMT_SCORE)
    total = w.put(row, score_col, L.TOTAL_SCORE_FORMULA.format(fund_score=funds["score_cell"], scores=scores),
                  COMPUTED, fmt=st.FMT_SCORE, span=score_span)
    w.put(row, after, None, PLAIN, span=rest)
    w.put(row, NOTE_COL, None, NOTE)
    w.put(row + 1, 1, L.GRADE_LABEL, GROUP, span=weight_col - 1)
    w.put(row + 1, weight_col, None, PLAIN)
    w.put(row + 1, score_col, ctx.grade_formula(total), COMPUTED, horizontal="center", span=score_span)
    w.put(row + 1, after, None, PLAIN, span=rest)
    w.put(row + 1, NOTE_COL, None, NOTE)
    return row + 2, {"total_row": row, "grade_row": row + 1, "total_cell": total,
                     "grade_cell": ref(row + 1, score_col)}


def goal_to_end(w: SheetWriter, row: int, ctx: Context, data: dict, funds: dict) -> dict:
    """What both 自评表 have after their money blocks: the 年度总体目标, the 绩效指标,
    总分 and 等级, the signature footer, and the page set-up (landscape, the indicator
    header repeated on every page)."""
    row, goal = goal_block(w, row, data.get("goal"))
    row, ind = indicator_block(w, row, ctx, data.get("indicators"))
    row, totals = total_rows(w, row, ctx, funds, ind)
    footer = w.footer(row)  # right under 等级: no blank row to spill onto a page of its own
    w.finish(landscape=True, title_rows=f"{ind['header']}:{ind['header']}")
    return {"goal": goal, "indicators": ind, "totals": totals, "footer": footer}
