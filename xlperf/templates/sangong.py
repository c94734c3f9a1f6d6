"""三公经费对比 (seed 002): “三公经费”与年初预算、上年度收支情况对比说明（元）."""
from __future__ import annotations

from . import style as st
from .context import Context
from .sheet import COMPUTED, HEADER, INPUT, LABEL, NOTE, SheetWriter, ref
from .values import number_cell, text_cell

WIDTHS = [28, 14, 14, 14, 14, 13, 34, 20]
TITLE = "“三公经费”与年初预算、上年度收支情况对比说明（元）"
HEADERS = ("指标", "本年度", "年初预算", "上年度", "比上年增减", "比上年增减%", "说明",
           st.NOTE_HEADER)
TOTAL = "三公经费合计"
ITEMS = ("其中：公务接待费", "公务用车购置及运行维护费", "因公出国（境）费")


def build_sangong(ws, ctx: Context, data: dict | None) -> dict:
    data = data or {}
    rows_data = {r.get("label"): r for r in data.get("rows", [])}
    w = SheetWriter(ws, WIDTHS)
    w.title(1, TITLE)
    header = 2
    for c, text in enumerate(HEADERS, start=1):
        w.put(header, c, text, HEADER)
    total_row = header + 1
    first, last = total_row + 1, total_row + len(ITEMS)
    rows = {}
    for i, label in enumerate((TOTAL, *ITEMS)):
        row = total_row + i
        rows[label] = row
        given = rows_data.get(label, {})
        values = given.get("values", [])
        w.put(row, 1, label, LABEL)
        for j, c in enumerate((2, 3, 4)):
            if label == TOTAL:
                w.put(row, c, f"=SUM({ref(first, c)}:{ref(last, c)})", COMPUTED,
                      fmt=st.FMT_MONEY)
            else:
                value = number_cell(values[j]) if j < len(values) else None
                w.put(row, c, value, INPUT, fmt=st.FMT_MONEY)
        w.put(row, 5, f"={ref(row, 2)}-{ref(row, 4)}", COMPUTED, fmt=st.FMT_MONEY)
        w.put(row, 6, f'=IFERROR({ref(row, 5)}/{ref(row, 4)},"")', COMPUTED, fmt=st.FMT_RATE)
        w.put(row, 7, text_cell(given.get("note")), INPUT, fmt=st.FMT_TEXT)
        w.put(row, 8, None, NOTE)
    footer = w.footer(last + 2)
    w.finish(landscape=True, title_rows=f"{header}:{header}")
    return {"header": header, "rows": rows, "footer": footer}
