"""校验结果: the findings list the refresh rewrites (A2 stamp, header in row 3, rows from 4).

Printed landscape, one page wide, the header repeated on every page; the stamp line is
merged over the table's width so it reads as one line, not squeezed into column A."""
from __future__ import annotations

from .. import layout as L
from . import style as st
from .context import Context
from .sheet import HEADER, TEXT, TITLE, SheetWriter

T = L.RESULTS
WIDTHS = list(L.RESULTS_WIDTHS)
HEADERS = tuple(c.header for c in T.columns)


def build_results(ws, ctx: Context) -> dict:
    w = SheetWriter(ws, WIDTHS, printed=L.print_setup(L.SHEET_RESULTS)[1])
    # A1 and A2 hold the values themselves so the refresh can overwrite A2 alone
    w.put(1, 1, L.SHEET_RESULTS, TITLE, horizontal="left")
    w.min_height(1, 30)
    w.put(2, 1, None, TEXT, span=T.width)
    w.min_height(2, 36)  # the stamp: two lines at most
    header = L.RESULTS_HEADER_ROW
    w.fit_height = False
    for c in T.columns:
        w.put(header, T.start(c.key), c.header, HEADER)
    # the findings grow downwards, so the signature line goes to the printed page footer
    w.finish(landscape=True, title_rows=f"{header}:{header}", freeze=f"A{L.RESULTS_FIRST_ROW}")
    ws.print_area = None  # the whole list, however long it grows
    ws.oddFooter.left.text = st.FOOTER_TEXT
    ws.oddFooter.left.size = 9
    return {"header": header, "stamp": "A2", "first": L.RESULTS_FIRST_ROW}
