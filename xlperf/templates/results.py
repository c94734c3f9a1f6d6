"""校验结果: the findings list the refresh rewrites (A2 stamp, header in row 3, rows from 4).

Printed landscape, one page wide, the header repeated on every page; the stamp line is
merged over the table's width so it reads as one line, not squeezed into column A."""
from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment
from openpyxl.workbook.defined_name import DefinedName

from .. import layout as L
from . import style as st
from .context import Context
from .sheet import HEADER, TEXT, TITLE, SheetWriter, col

T = L.RESULTS
WIDTHS = list(L.RESULTS_WIDTHS)
HEADERS = tuple(c.header for c in T.columns)


def build_results(ws, ctx: Context) -> dict:
    w = SheetWriter(ws, WIDTHS, printed=L.print_setup(L.SHEET_RESULTS)[1])
    # A1 and A2 hold the values themselves so the refresh can overwrite A2 alone
    w.put(1, 1, L.SHEET_RESULTS, TITLE, horizontal="left", span=T.width)
    w.min_height(1, 30)
    w.put(2, 1, None, TEXT, span=T.width)
    w.min_height(2, 36)  # the stamp: two lines at most
    header = L.RESULTS_HEADER_ROW
    first = L.RESULTS_FIRST_ROW
    for c in T.columns:
        w.put(header, T.start(c.key), c.header, HEADER)
    # The refresh writes plain values from row 4 down, as many rows as there are findings:
    # a bordered grid drawn only where a row holds a finding (conditional format), and
    # wrapped text in whole columns, so the printed list reads like the form above it.
    last = col(T.width)
    rule = FormulaRule(formula=[f'$A{first}<>""'], border=st.BORDER)
    ws.conditional_formatting.add(f"A{first}:{last}{L.RESULTS_MAX_ROWS}", rule)
    for i in range(1, T.width + 1):
        ws.column_dimensions[col(i)].alignment = Alignment(vertical="center", wrap_text=True)
    # the findings grow downwards, so the signature line goes to the printed page footer
    w.finish(landscape=True, title_rows=f"{header}:{header}", freeze=f"A{first}")
    # the whole list, however long it grows, and nothing right of it (the refresh keeps its
    # record of the cells it owns far to the right, in 校验结果!AA:AB)
    ws.print_area = None
    ws.defined_names["_xlnm.Print_Area"] = DefinedName(
        "_xlnm.Print_Area", attr_text=f"'{L.SHEET_RESULTS}'!$A:${col(T.width)}")
    ws.oddFooter.left.text = st.FOOTER_TEXT
    ws.oddFooter.left.size = 9
    # every printed page says where the codes are explained in Chinese
    ws.oddHeader.right.text = L.RESULTS_CODES_NOTE
    ws.oddHeader.right.size = 9
    return {"header": header, "stamp": "A2", "first": L.RESULTS_FIRST_ROW}
