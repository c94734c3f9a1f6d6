"""三公经费对比 (seed 002): “三公经费”与年初预算、上年度收支情况对比说明（元）."""
from __future__ import annotations

from .. import layout as L
from .context import Context
from .sheet import COMPUTED, HEADER, INPUT, LABEL, NOTE, SheetWriter, ref
from .values import number_cell, text_cell

T = L.SANGONG
WIDTHS = list(L.SANGONG_WIDTHS)
TITLE = T.title
TOTAL, ITEMS = L.SANGONG_TOTAL, L.SANGONG_ITEMS


def build_sangong(ws, ctx: Context, data: dict | None) -> dict:
    data = data or {}
    rows_data = {r.get("label"): r for r in data.get("rows", [])}
    w = SheetWriter(ws, WIDTHS, printed=L.print_setup(L.SHEET_SANGONG)[1],
                    fit=bool(data))
    w.title(1, TITLE)
    header = 2
    for c in T.columns:
        w.put(header, T.start(c.key), c.header, HEADER)
    total_row = header + 1
    first, last = total_row + 1, total_row + len(ITEMS)
    rows = {}
    for i, label in enumerate((TOTAL, *ITEMS)):
        row = total_row + i
        rows[label] = row
        given = rows_data.get(label, {})
        values = given.get("values", [])
        w.put(row, 1, label, LABEL)
        for j, key in enumerate(("current", "initial", "previous")):
            c = T.start(key)
            if label == TOTAL:
                w.put(row, c, f"=SUM({ref(first, c)}:{ref(last, c)})", COMPUTED,
                      fmt=T.column(key).fmt)
            else:
                value = number_cell(values[j]) if j < len(values) else None
                w.put(row, c, value, INPUT, fmt=T.column(key).fmt)
        for key in ("change", "change_rate"):
            w.put(row, T.start(key), T.formula(key, row), COMPUTED, fmt=T.column(key).fmt)
        w.put(row, T.start("remark"), text_cell(given.get("note")), INPUT, fmt=T.column("remark").fmt)
        w.put(row, T.start("note"), None, NOTE)
    footer = w.footer(last + 2)
    w.finish(landscape=True, title_rows=f"{header}:{header}")
    return {"header": header, "rows": rows, "footer": footer}
