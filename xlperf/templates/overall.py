"""附件2 部门整体支出绩效自评表 (seeds 001, 002): 资金, 年度主要任务, 年度总体目标,
绩效指标, 总分, 等级 — one continuous table like the printed form."""
from __future__ import annotations

from . import selfeval as se
from . import style as st
from .context import Context
from .sheet import COMPUTED, GROUP, HEADER, INPUT, NOTE, SheetWriter, ref
from .values import number_cell, text_cell

FUND_ROWS = (
    ("年度资金总额", "total"),
    ("按收入性质分：", "group"),
    ("一般公共预算", "item"),
    ("政府性基金拨款", "item"),
    ("纳入专户管理的非税收入拨款", "item"),
    ("其他资金", "item"),
    ("按支出性质分：", "group"),
    ("基本支出", "item"),
    ("项目支出", "item"),
)
BLANK_TASKS = 3
# columns of the 年度主要任务 block: 全年预算数 F G H, 全年执行数 I J K, 执行率 L
BUDGET_COLS, EXEC_COLS, TASK_RATE_COL = (6, 7, 8), (9, 10, 11), 12


def _rate(row: int) -> str:
    return f'=IFERROR({ref(row, EXEC_COLS[0])}/{ref(row, BUDGET_COLS[0])},"")'


def tasks_block(w: SheetWriter, row: int, tasks) -> tuple[int, dict]:
    info = {"header": row}
    w.put(row, 1, "任务名称", HEADER, span=2, down=2)
    w.put(row, 3, "主要内容", HEADER, span=2, down=2)
    w.put(row, 5, "完成情况", HEADER, down=2)
    w.put(row, 6, "全年预算数（万元）", HEADER, span=3)
    w.put(row, 9, "全年执行数（万元）", HEADER, span=3)
    w.put(row, TASK_RATE_COL, "执行率", HEADER, down=2)
    w.put(row, se.NOTE_COL, st.NOTE_HEADER, HEADER, down=2)
    for cols in (BUDGET_COLS, EXEC_COLS):
        for c, text in zip(cols, ("总额", "财政拨款", "其他资金")):
            w.put(row + 1, c, text, HEADER)
    row += 2
    tasks = list(tasks or [{}] * BLANK_TASKS)
    info["first"] = row
    for task in tasks:
        w.put(row, 1, text_cell(task.get("name")), INPUT, fmt=st.FMT_TEXT, span=2)
        w.put(row, 3, text_cell(task.get("content")), INPUT, fmt=st.FMT_TEXT, span=2)
        w.put(row, 5, text_cell(task.get("done")), INPUT, fmt=st.FMT_TEXT)
        for cols, key in ((BUDGET_COLS, "budget"), (EXEC_COLS, "executed")):
            figures = task.get(key) or []
            total, fiscal, other = cols
            w.put(row, total, f"={ref(row, fiscal)}+{ref(row, other)}", COMPUTED,
                  fmt=st.FMT_MONEY)
            for j, c in ((1, fiscal), (2, other)):
                value = number_cell(figures[j]) if j < len(figures) else None
                w.put(row, c, value, INPUT, fmt=st.FMT_MONEY)
        w.put(row, TASK_RATE_COL, _rate(row), COMPUTED, fmt=st.FMT_RATE)
        w.put(row, se.NOTE_COL, None, NOTE)
        row += 1
    info["last"] = row - 1
    w.put(row, 1, "金额合计", GROUP, span=5)
    for c in BUDGET_COLS + EXEC_COLS:
        w.put(row, c, f"=SUM({ref(info['first'], c)}:{ref(info['last'], c)})", COMPUTED,
              fmt=st.FMT_MONEY)
    w.put(row, TASK_RATE_COL, _rate(row), COMPUTED, fmt=st.FMT_RATE)
    w.put(row, se.NOTE_COL, None, NOTE)
    info["total_row"] = row
    return row + 1, info


def build_overall(ws, ctx: Context, data: dict | None) -> dict:
    data = data or {}
    w = SheetWriter(ws, se.WIDTHS)
    w.title(1, ctx.title("部门整体支出绩效自评表"))
    se.head_row(w, 2, "部门（单位）名称", ctx.dept)
    values = {r.get("label"): r.get("values", []) for r in data.get("funds", [])}
    exec_weight = data.get("exec_weight", ctx.settings.weight_exec)
    row, funds = se.funds_block(w, 3, "年度预算申请（万元）", "自评得分", FUND_ROWS, values,
                                exec_weight)
    row, tasks = tasks_block(w, row, data.get("tasks"))
    return {"funds": funds, "tasks": tasks, **se.goal_to_end(w, row, ctx, data, funds)}
