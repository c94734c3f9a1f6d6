"""附件1 基础数据表 (seed 002): staff, 经费控制情况, 楼堂馆所, 厉行节约.

Every block spans A:H with its 校验说明 in H, so the printed sheet is one rectangle like
the official table: the four-column blocks merge their figures over column pairs
(B:C, D:E, F:G), the 楼堂馆所 block uses B…G one by one.
"""
from __future__ import annotations

from .. import layout as L
from . import style as st
from .context import Context
from .sheet import COMPUTED, HEADER, INPUT, LABEL, NOTE, PLAIN, TEXT, SheetWriter, ref
from .values import number_cell, text_cell

WIDTHS = [30, 10, 10, 10, 10, 10, 10, L.NOTE_WIDTH]
PAIRS = (2, 4, 6)  # first columns of the three merged figure columns
NOTE_COL = 8

# (label, role): role "sangong" is the 三公经费 total, "projects" the 项目支出 total;
# the numbered 三公 rows are what the 三公经费 total adds up.
_SANGONG_ITEMS = ("1、公务用车购置和维护经费", "2、出国经费", "3、公务接待")
_HEAD_ROWS = ("三公经费", "1、公务用车购置和维护经费", "其中：公车购置", "公车运行维护",
              "2、出国经费", "3、公务接待", "项目支出")
_TAIL_ROWS = ("公用经费", "其中：办公经费", "水费、电费、差旅费", "会议费、培训费",
              "政府采购金额", "部门基本支出预算调整")
_BLANK_ITEMS = ("1、", "2、", "3、")
_MORE = "……"
REMARK = "说明：“项目支出”需要填报基本支出以外的所有项目支出情况，“公用经费”填报基本支出中的一般商品和服务支出。"


def _key(label: str) -> str:
    return "".join(str(label).split()).rstrip("：:")


def _split_funds(rows) -> tuple[dict, list]:
    """The fixed rows by label, and the 项目支出 items (the rows between 项目支出 and 公用经费)."""
    fixed_keys = {_key(x) for x in _HEAD_ROWS + _TAIL_ROWS}
    fixed, items, in_projects = {}, [], False
    for row in rows or ():
        key = _key(row.get("label", ""))
        if key == "项目支出":
            in_projects = True
        elif key in fixed_keys:
            in_projects = False
        elif in_projects:
            items.append(row)
            continue
        if key in fixed_keys:
            fixed[key] = row.get("values", [])
    return fixed, items


def build_basic(ws, ctx: Context, data: dict | None) -> dict:
    data = data or {}
    w = SheetWriter(ws, WIDTHS, printed=L.print_setup(L.SHEET_BASIC)[1], fit=bool(data))
    w.title(1, ctx.title("部门整体支出绩效评价基础数据表"))
    layout: dict = {}

    # 财政供养人员情况
    row = 2
    layout["staff_header"] = row
    w.put(row, 1, "财政供养人员情况（人）", HEADER)
    for c, text in zip(PAIRS, ("编制数", f"{ctx.previous}年实际在职人数", "控制率")):
        w.put(row, c, text, HEADER, span=2)
    w.put(row, NOTE_COL, st.NOTE_HEADER, HEADER)
    row += 1
    staff = data.get("staff", {})
    w.put(row, 1, None, PLAIN)
    b = w.put(row, 2, number_cell(staff.get("编制数")), INPUT, fmt=st.FMT_COUNT, span=2)
    d = w.put(row, 4, number_cell(staff.get("实际在职人数")), INPUT, fmt=st.FMT_COUNT, span=2)
    w.put(row, 6, f'=IFERROR({d}/{b},"")', COMPUTED, fmt=st.FMT_RATE, span=2)
    w.put(row, NOTE_COL, None, NOTE)
    w.validate("count", b)
    w.validate("count", d)
    layout["staff_row"] = row

    # 经费控制情况（万元）
    row += 1
    layout["funds_header"] = row
    w.put(row, 1, "经费控制情况（万元）", HEADER)
    for c, text in zip(PAIRS, (f"{ctx.previous}年决算数", f"{ctx.year}年预算数",
                               f"{ctx.year}年决算数")):
        w.put(row, c, text, HEADER, span=2)
    w.put(row, NOTE_COL, st.NOTE_HEADER, HEADER)
    fixed, items = _split_funds(data.get("funds"))
    if not data:
        items = [{"label": x, "values": []} for x in _BLANK_ITEMS]
    items = items + [{"label": _MORE, "values": []}]

    row += 1
    rows_at: dict[str, int] = {}
    plan = [(label, "fixed") for label in _HEAD_ROWS]
    plan += [(item, "item") for item in items]
    plan += [(label, "fixed") for label in _TAIL_ROWS]
    for i, (entry, role) in enumerate(plan):
        r = row + i
        if role == "fixed":
            rows_at[entry] = r
        else:
            rows_at.setdefault("_first_item", r)
            rows_at["_last_item"] = r
    for entry, role in plan:
        if role == "fixed":
            label, values = entry, fixed.get(_key(entry), [])
            w.put(row, 1, label, LABEL)
        else:
            label, values = entry.get("label", ""), entry.get("values", [])
            w.put(row, 1, text_cell(label), INPUT)
        for j, c in enumerate(PAIRS):
            if role == "fixed" and label == "三公经费":
                parts = ",".join(ref(rows_at[x], c) for x in _SANGONG_ITEMS)
                w.put(row, c, f"=SUM({parts})", COMPUTED, fmt=st.FMT_MONEY, span=2)
            elif role == "fixed" and label == "项目支出":
                first, last = ref(rows_at["_first_item"], c), ref(rows_at["_last_item"], c)
                w.put(row, c, f"=SUM({first}:{last})", COMPUTED, fmt=st.FMT_MONEY, span=2)
            else:
                value = number_cell(values[j]) if j < len(values) else None
                w.put(row, c, value, INPUT, fmt=st.FMT_MONEY, span=2)
        w.put(row, NOTE_COL, None, NOTE)
        row += 1
    layout["funds_rows"] = {k: v for k, v in rows_at.items() if not k.startswith("_")}
    layout["project_items"] = (rows_at["_first_item"], rows_at["_last_item"])

    # 楼堂馆所控制情况
    layout["buildings_header"] = row
    heads = (f"楼堂馆所控制情况（{ctx.previous}年完工项目）", "批复规模（m²）", "实际规模（m²）",
             "规模控制率", "预算投资（万元）", "实际投资（万元）", "投资概算控制率", st.NOTE_HEADER)
    for c, text in enumerate(heads, start=1):
        w.put(row, c, text, HEADER)
    row += 1
    bld = data.get("buildings", {})
    w.put(row, 1, None, PLAIN)
    b = w.put(row, 2, number_cell(bld.get("批复规模")), INPUT, fmt=st.FMT_MONEY)
    c_ = w.put(row, 3, number_cell(bld.get("实际规模")), INPUT, fmt=st.FMT_MONEY)
    w.put(row, 4, f'=IFERROR({c_}/{b},"")', COMPUTED, fmt=st.FMT_RATE)
    e = w.put(row, 5, number_cell(bld.get("预算投资")), INPUT, fmt=st.FMT_MONEY)
    f = w.put(row, 6, number_cell(bld.get("实际投资")), INPUT, fmt=st.FMT_MONEY)
    w.put(row, 7, f'=IFERROR({f}/{e},"")', COMPUTED, fmt=st.FMT_RATE)
    w.put(row, NOTE_COL, None, NOTE)
    layout["buildings_row"] = row

    # 厉行节约保障措施
    row += 1
    w.put(row, 1, "厉行节约保障措施", LABEL)
    w.put(row, 2, text_cell(data.get("thrift")), INPUT, fmt=st.FMT_TEXT, span=6)
    w.put(row, NOTE_COL, None, NOTE)
    w.min_height(row, 48)
    layout["thrift_row"] = row

    row += 1
    w.put(row, 1, REMARK, TEXT, span=w.printed)
    row += 2
    w.footer(row)
    layout["footer_row"] = row
    w.finish(landscape=False, title_rows=f"{layout['funds_header']}:{layout['funds_header']}")
    return layout
