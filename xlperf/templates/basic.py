"""附件1 基础数据表 (seed 002): staff, 经费控制情况, 楼堂馆所, 厉行节约 — the tables of
xlperf.layout on one A:H grid with 校验说明 in H, so the printed sheet (A:G) is one
rectangle like the official table."""
from __future__ import annotations

from .. import layout as L
from .context import Context
from .sheet import COMPUTED, HEADER, INPUT, PLAIN, TEXT, SheetWriter, ref
from .values import number_cell, text_cell

WIDTHS = list(L.BASIC_WIDTHS)


def _key(label: str) -> str:
    return "".join(str(label).split()).rstrip("：:")


def _split_funds(rows) -> tuple[dict, list]:
    """The fixed rows by label, and the 项目支出 items (the rows between 项目支出 and 公用经费)."""
    fixed_keys = {_key(x) for x in L.FUND_CONTROL_HEAD + L.FUND_CONTROL_TAIL}
    fixed, items, in_projects = {}, [], False
    for row in rows or ():
        key = _key(row.get("label", ""))
        if key == L.FUND_CONTROL_PROJECTS:
            in_projects = True
        elif key in fixed_keys:
            in_projects = False
        elif in_projects:
            items.append(row)
            continue
        if key in fixed_keys:
            fixed[key] = row.get("values", [])
    return fixed, items


def _header(w: SheetWriter, row: int, table: L.Table, ctx: Context) -> None:
    for c in table.columns:
        w.put(row, table.start(c.key), c.header.format(year=ctx.year, previous=ctx.previous), HEADER,
              span=c.span)


def build_basic(ws, ctx: Context, data: dict | None) -> dict:
    data = data or {}
    w = SheetWriter(ws, WIDTHS, printed=L.print_setup(L.SHEET_BASIC)[1], fit=bool(data))
    w.title(1, ctx.title("部门整体支出绩效评价基础数据表"))
    layout: dict = {}

    # 财政供养人员情况
    t, row = L.STAFF, 2
    layout["staff_header"] = row
    _header(w, row, t, ctx)
    row += 1
    staff = data.get("staff", {})
    w.table_cell(row, t, "label", None, PLAIN)
    w.table_cell(row, t, "staff_quota", number_cell(staff.get("编制数")))
    w.table_cell(row, t, "staff_actual", number_cell(staff.get("实际在职人数")))
    w.table_cell(row, t, "control_rate")
    w.table_cell(row, t, "note")
    layout["staff_row"] = row

    # 经费控制情况（万元）
    t = L.FUND_CONTROL
    row += 1
    layout["funds_header"] = row
    _header(w, row, t, ctx)
    fixed, items = _split_funds(data.get("funds"))
    if not data:
        items = [{"label": x, "values": []} for x in L.FUND_CONTROL_BLANK_ITEMS]
    items = items + [{"label": L.FUND_CONTROL_MORE, "values": []}]
    plan = [(label, "fixed") for label in L.FUND_CONTROL_HEAD]
    plan += [(item, "item") for item in items]
    plan += [(label, "fixed") for label in L.FUND_CONTROL_TAIL]
    first = row + 1
    rows_at = {entry: first + i for i, (entry, role) in enumerate(plan) if role == "fixed"}
    item_rows = [first + i for i, (_, role) in enumerate(plan) if role == "item"]
    figures = ("prev_final", "budget", "final")
    for entry, role in plan:
        row += 1
        if role == "fixed":
            label, values = entry, fixed.get(_key(entry), [])
            w.table_cell(row, t, "label", label)
        else:
            label, values = entry.get("label", ""), entry.get("values", [])
            w.table_cell(row, t, "label", text_cell(label), INPUT)
        for j, key in enumerate(figures):
            c = t.start(key)
            if role == "fixed" and label == L.FUND_CONTROL_SANGONG:
                parts = ",".join(ref(rows_at[x], c) for x in L.FUND_CONTROL_SANGONG_ITEMS)
                w.table_cell(row, t, key, f"=SUM({parts})", COMPUTED)
            elif role == "fixed" and label == L.FUND_CONTROL_PROJECTS:
                w.table_cell(row, t, key, f"=SUM({ref(item_rows[0], c)}:{ref(item_rows[-1], c)})", COMPUTED)
            else:
                w.table_cell(row, t, key, number_cell(values[j]) if j < len(values) else None)
        w.table_cell(row, t, "note")
    layout["funds_rows"] = rows_at
    layout["project_items"] = (item_rows[0], item_rows[-1])

    # 楼堂馆所控制情况
    t = L.BUILDINGS
    row += 1
    layout["buildings_header"] = row
    _header(w, row, t, ctx)
    row += 1
    bld = data.get("buildings", {})
    w.table_cell(row, t, "label", None, PLAIN)
    for key, field in (("approved_size", "批复规模"), ("actual_size", "实际规模"),
                       ("planned_invest", "预算投资"), ("actual_invest", "实际投资")):
        w.table_cell(row, t, key, number_cell(bld.get(field)))
    w.table_cell(row, t, "size_rate")
    w.table_cell(row, t, "invest_rate")
    w.table_cell(row, t, "note")
    layout["buildings_row"] = row

    # 厉行节约保障措施
    t = L.THRIFT
    row += 1
    w.table_cell(row, t, "label", t.column("label").header)
    w.table_cell(row, t, "text", text_cell(data.get("thrift")))
    w.table_cell(row, t, "note")
    w.min_height(row, t.min_height)
    layout["thrift_row"] = row

    row += 1
    w.put(row, 1, L.BASIC_REMARK, TEXT, span=w.printed)
    row += 2
    w.footer(row)
    layout["footer_row"] = row
    w.finish(landscape=False, title_rows=f"{layout['funds_header']}:{layout['funds_header']}")
    return layout
