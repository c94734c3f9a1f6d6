"""附件2 部门整体支出绩效自评表 (seeds 001, 002): 资金, 年度主要任务, 年度总体目标,
绩效指标, 总分, 等级 — one continuous table like the printed form."""
from __future__ import annotations

from .. import layout as L
from . import selfeval as se
from .context import Context


def build_overall(ws, ctx: Context, data: dict | None) -> dict:
    data = data or {}
    w = se.writer(ws, data)
    w.title(1, ctx.title("部门整体支出绩效自评表"))
    se.head_row(w, 2, L.OVERALL_HEAD[0], ctx.dept)
    values = {r.get("label"): r.get("values", []) for r in data.get("funds", [])}
    exec_weight = data.get("exec_weight", ctx.settings.weight_exec)
    row, funds = se.funds_block(w, 3, L.FUNDS_OVERALL, L.OVERALL_FUND_ROWS, values, exec_weight)
    row, tasks = se.tasks_block(w, row, data.get("tasks"))
    return {"funds": funds, "tasks": tasks, **se.goal_to_end(w, row, ctx, data, funds)}
