"""校验结果: the findings list the refresh rewrites (A2 stamp, header in row 3, rows from 4)."""
from __future__ import annotations

from . import style as st
from .context import Context
from .sheet import HEADER, TEXT, TITLE, SheetWriter

WIDTHS = [6, 24, 9, 7, 24, 56, 14, 14]
HEADERS = ("序号", "工作表", "单元格", "级别", "代码", "说明", "应为", "实为")


def build_results(ws, ctx: Context) -> dict:
    w = SheetWriter(ws, WIDTHS)
    # A1 and A2 hold the values themselves (no merge) so the refresh can overwrite A2 alone
    w.put(1, 1, "校验结果", TITLE, horizontal="left")
    w.min_height(1, 30)
    w.put(2, 1, None, TEXT)
    for c, text in enumerate(HEADERS, start=1):
        w.put(3, c, text, HEADER)
    # the findings grow downwards, so the signature line goes to the printed page footer
    w.finish(landscape=True, title_rows="3:3", freeze="A4")
    ws.oddFooter.left.text = st.FOOTER_TEXT
    ws.oddFooter.left.size = 9
    return {"header": 3, "stamp": "A2", "first": 4}
