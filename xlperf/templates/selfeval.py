"""Blocks shared by 附件2 (部门整体支出) and the 项目支出 自评表: 资金, 年度总体目标,
绩效指标, 总分 and 等级, on a 13-column grid (A…M) with 校验说明 always in M.

Column map of the 绩效指标 block, which the other blocks line up with:
A 绩效指标 (vertical) | B 一级指标 | C 二级指标 | D 三级指标 | E 指标性质 | F 年度指标值 |
G 实际完成值 | H 分值 | I 自评得分 | J 档次 | K:L 偏差原因分析及改进措施 | M 校验说明.
"""
from __future__ import annotations

from decimal import Decimal

from . import style as st
from .context import Context
from .sheet import COMPUTED, GROUP, HEADER, INPUT, LABEL, NOTE, PLAIN, VERTICAL, SheetWriter, ref
from .values import as_decimal, number_cell, text_cell, weight_text

WIDTHS = [5, 10, 10, 22, 9, 13, 13, 9, 10, 15, 12, 12, 18]
NOTE_COL = 13
WEIGHT_COL, SCORE_COL = 8, 9

DEFAULT_GROUPS = (
    ("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")),
    ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
    ("满意度指标", ("服务对象满意度指标",)),
)
BLANK_ROWS_PER_GROUP = 2


HEAD_VALUE_COL = 5  # 1-based: E, where a form line's value starts (add-project names it)


def head_row(w: SheetWriter, row: int, label: str, value) -> None:
    """A form line such as `部门（单位）名称 | 名称`, with its 校验说明 cell in M."""
    w.put(row, 1, label, LABEL, span=HEAD_VALUE_COL - 1)
    w.put(row, HEAD_VALUE_COL, text_cell(value), INPUT, fmt=st.FMT_TEXT, span=8)
    w.put(row, NOTE_COL, None, NOTE)


def funds_block(w: SheetWriter, row: int, caption: str, score_header: str, rows,
                values: dict, exec_weight) -> tuple[int, dict]:
    """资金 block. `rows` are (label, role) with role total / item / group (label only).

    Columns: A caption (vertical) | B:D 项目 | E 年初预算数 | F 全年预算数 | G 全年执行数 |
    H 分值 | I 执行率 | J:L 自评得分 | M 校验说明."""
    info = {"header": row}
    w.put(row, 1, caption, HEADER, down=len(rows) + 1, rotation=VERTICAL)
    w.put(row, 2, "项目", HEADER, span=3)
    for c, text in zip((5, 6, 7, 8, 9), ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率")):
        w.put(row, c, text, HEADER)
    w.put(row, 10, score_header, HEADER, span=3)
    w.put(row, NOTE_COL, st.NOTE_HEADER, HEADER)
    info["rows"] = {}
    for label, role in rows:
        row += 1
        info["rows"][label] = row
        if role == "group":
            w.put(row, 2, label, LABEL, span=3, bold=True)
            for c in (5, 6, 7, 8, 9):
                w.put(row, c, None, PLAIN)
            w.put(row, 10, None, PLAIN, span=3)
            w.put(row, NOTE_COL, None, NOTE)
            continue
        w.put(row, 2, label, LABEL, span=3)
        figures = values.get(label, [])
        for j, c in enumerate((5, 6, 7)):
            value = number_cell(figures[j]) if j < len(figures) else None
            w.put(row, c, value, INPUT, fmt=st.FMT_MONEY)
        rate = f'=IFERROR({ref(row, 7)}/{ref(row, 6)},"")'
        if role == "total":
            weight = w.put(row, 8, number_cell(exec_weight), INPUT, fmt=st.FMT_SCORE)
            w.validate("weight", weight)
            w.put(row, 9, rate, COMPUTED, fmt=st.FMT_RATE)
            score = f'=IF({ref(row, 9)}="","",ROUND(MIN(1,{ref(row, 9)})*{weight},2))'
            w.put(row, 10, score, COMPUTED, fmt=st.FMT_SCORE, span=3)
            info.update(total_row=row, weight_cell=weight, score_cell=ref(row, 10))
        else:
            w.put(row, 8, None, PLAIN)
            w.put(row, 9, rate, COMPUTED, fmt=st.FMT_RATE)
            w.put(row, 10, None, PLAIN, span=3)
        w.put(row, NOTE_COL, None, NOTE)
    return row + 1, info


def goal_block(w: SheetWriter, row: int, goal: dict | None) -> tuple[int, dict]:
    goal = goal or {}
    w.put(row, 1, "年度总体目标", HEADER, span=2, down=2)
    w.put(row, 3, "预期目标", HEADER, span=5)
    w.put(row, 8, "实际完成情况", HEADER, span=5)
    w.put(row, NOTE_COL, st.NOTE_HEADER, HEADER)
    w.put(row + 1, 3, text_cell(goal.get("expected")), INPUT, fmt=st.FMT_TEXT, span=5)
    w.put(row + 1, 8, text_cell(goal.get("actual")), INPUT, fmt=st.FMT_TEXT, span=5)
    w.put(row + 1, NOTE_COL, None, NOTE)
    w.min_height(row + 1, 60)
    return row + 2, {"header": row, "row": row + 1}


def _groups(ctx: Context, indicators) -> list[tuple[str, list[tuple[str, list[dict]]]]]:
    """Indicators grouped by 一级 then 二级, in the order they first appear; with no
    indicators, the default groups of tables.md with blank rows to fill."""
    if not indicators:
        return [(l1, [(l2, [{}] * BLANK_ROWS_PER_GROUP) for l2 in l2s])
                for l1, l2s in DEFAULT_GROUPS]
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
    groups = _groups(ctx, indicators)
    n_rows = sum(len(members) for _, l2s in groups for _, members in l2s)
    info = {"header": row}
    w.put(row, 1, "绩效指标", HEADER, down=n_rows + 1, rotation=VERTICAL)
    heads = ("一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "实际完成值", "分值",
             "自评得分", "档次")
    for c, text in enumerate(heads, start=2):
        w.put(row, c, text, HEADER)
    w.put(row, 11, "偏差原因分析及改进措施", HEADER, span=2)
    w.put(row, NOTE_COL, st.NOTE_HEADER, HEADER)
    w.min_height(row, 32)
    row += 1
    info["first"] = row
    for l1, l2s in groups:
        members_l1 = [m for _, members in l2s for m in members]
        w.put(row, 2, _level1_label(ctx, l1, members_l1), GROUP, down=len(members_l1))
        for l2, members in l2s:
            w.put(row, 3, l2, GROUP, down=len(members))
            for ind in members:
                _indicator_row(w, row, ind)
                row += 1
    info["last"] = row - 1
    return row, info


def _indicator_row(w: SheetWriter, row: int, ind: dict) -> None:
    w.put(row, 4, text_cell(ind.get("name")), INPUT, fmt=st.FMT_TEXT)
    nature = w.put(row, 5, text_cell(ind.get("nature")), INPUT, fmt=st.FMT_TEXT)
    w.validate("nature", nature)
    # targets and actuals stay text: `≥6000人` and `100%` are read by the refresh, not Excel
    w.put(row, 6, text_cell(ind.get("target")), INPUT, fmt=st.FMT_TEXT)
    w.put(row, 7, text_cell(ind.get("actual")), INPUT, fmt=st.FMT_TEXT)
    weight = w.put(row, WEIGHT_COL, number_cell(ind.get("weight")), INPUT, fmt=st.FMT_SCORE)
    score = w.put(row, SCORE_COL, number_cell(ind.get("score")), COMPUTED, fmt=st.FMT_SCORE)
    tier = w.put(row, 10, text_cell(ind.get("tier")), INPUT, fmt=st.FMT_TEXT)
    w.put(row, 11, text_cell(ind.get("reason")), INPUT, fmt=st.FMT_TEXT, span=2)
    w.put(row, NOTE_COL, None, NOTE)
    w.validate("weight", weight)
    w.validate("weight", score)
    w.validate("tier", tier)


def total_rows(w: SheetWriter, row: int, ctx: Context, funds: dict, ind: dict) -> tuple[int, dict]:
    first, last = ind["first"], ind["last"]
    weights = f"{ref(first, WEIGHT_COL)}:{ref(last, WEIGHT_COL)}"
    scores = f"{ref(first, SCORE_COL)}:{ref(last, SCORE_COL)}"
    fund_score = funds["score_cell"]
    w.put(row, 1, "总分", GROUP, span=7)
    w.put(row, WEIGHT_COL, f"={funds['weight_cell']}+SUM({weights})", COMPUTED, fmt=st.FMT_SCORE)
    # SUM(score, range) rather than score+SUM(range): the 预算执行率 score is "" until the
    # funds are typed, and ""+number is #VALUE!; SUM counts blanks as 0, as the engine does.
    # Blank until some score exists, so a blank template shows no 0.00 and no 等级 差.
    total = w.put(row, SCORE_COL,
                  f'=IF(COUNT({fund_score},{scores})=0,"",SUM({fund_score},{scores}))',
                  COMPUTED, fmt=st.FMT_SCORE)
    w.put(row, 10, None, PLAIN, span=3)
    w.put(row, NOTE_COL, None, NOTE)
    w.put(row + 1, 1, "等级", GROUP, span=7)
    w.put(row + 1, WEIGHT_COL, None, PLAIN)
    w.put(row + 1, SCORE_COL, ctx.grade_formula(total), COMPUTED, horizontal="center")
    w.put(row + 1, 10, None, PLAIN, span=3)
    w.put(row + 1, NOTE_COL, None, NOTE)
    return row + 2, {"total_row": row, "grade_row": row + 1, "total_cell": total,
                     "grade_cell": ref(row + 1, SCORE_COL)}


def goal_to_end(w: SheetWriter, row: int, ctx: Context, data: dict, funds: dict) -> dict:
    """What both 自评表 have after their money blocks: the 年度总体目标, the 绩效指标,
    总分 and 等级, the signature footer, and the page set-up (landscape, the indicator
    header repeated on every page)."""
    row, goal = goal_block(w, row, data.get("goal"))
    row, ind = indicator_block(w, row, ctx, data.get("indicators"))
    row, totals = total_rows(w, row, ctx, funds, ind)
    footer = w.footer(row + 1)
    w.finish(landscape=True, title_rows=f"{ind['header']}:{ind['header']}")
    return {"goal": goal, "indicators": ind, "totals": totals, "footer": footer}
