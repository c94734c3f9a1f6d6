"""项目-<名称>: 项目支出绩效自评表, one sheet per project, on the 附件2 grid."""
from __future__ import annotations

from .. import layout as L
from . import selfeval as se
from .context import Context


def build_project(ws, ctx: Context, name: str, data: dict | None) -> dict:
    data = data or {}
    w = se.writer(ws, data)
    w.title(1, ctx.title("项目支出绩效自评表"))
    given = (data.get("name", name), data.get("owner", ctx.dept), data.get("implementer"))
    for row, (label, value) in enumerate(zip(L.PROJECT_HEAD, given), start=2):
        se.head_row(w, row, label, value)
    values = {r.get("label"): r.get("values", []) for r in data.get("funds", [])}
    exec_weight = data.get("exec_weight", ctx.settings.weight_exec)
    row, funds = se.funds_block(w, 2 + len(L.PROJECT_HEAD), L.FUNDS_PROJECT, L.PROJECT_FUND_ROWS,
                                values, exec_weight)
    return {"funds": funds, **se.goal_to_end(w, row, ctx, data, funds)}
