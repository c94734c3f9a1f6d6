"""项目-<名称>: 项目支出绩效自评表, one sheet per project, on the 附件2 grid."""
from __future__ import annotations

from . import selfeval as se
from .context import Context
from .sheet import SheetWriter

FUND_ROWS = (
    ("年度资金总额", "total"),
    ("其中：本年财政拨款", "item"),
    ("上年结转资金", "item"),
    ("其他资金", "item"),
)


def build_project(ws, ctx: Context, name: str, data: dict | None) -> dict:
    data = data or {}
    w = SheetWriter(ws, se.WIDTHS)
    w.title(1, ctx.title("项目支出绩效自评表"))
    se.head_row(w, 2, "项目名称", data.get("name", name))
    se.head_row(w, 3, "主管部门", data.get("owner", ctx.dept))
    se.head_row(w, 4, "实施单位", data.get("implementer"))
    values = {r.get("label"): r.get("values", []) for r in data.get("funds", [])}
    exec_weight = data.get("exec_weight", ctx.settings.weight_exec)
    row, funds = se.funds_block(w, 5, "项目资金（万元）", "得分", FUND_ROWS, values, exec_weight)
    return {"funds": funds, **se.goal_to_end(w, row, ctx, data, funds)}
