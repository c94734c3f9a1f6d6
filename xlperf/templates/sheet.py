"""A thin writer over an openpyxl worksheet: styled cells, merged ranges, row heights,
data validation and the print setup every 附件 table shares."""
from __future__ import annotations

import weakref

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .. import layout as L
from ..layout import text_height
from . import style as st

TITLE = "title"
HEADER = "header"
LABEL = "label"  # row labels, left aligned
GROUP = "group"  # merged group labels (一级/二级), centred
INPUT = "input"
COMPUTED = "computed"
NOTE = "note"  # the 校验说明 cells the refresh writes into
PLAIN = "plain"  # bordered, no fill (not applicable cells)
TEXT = "text"  # free text without a border (说明 lines, remarks under a table)

_ROLE_KIND = {L.INPUT: INPUT, L.FORMULA: COMPUTED, L.REFRESH: COMPUTED, L.LABEL: LABEL, L.NOTE: NOTE}
VERTICAL = 255  # stacked characters, how the official tables print 绩效指标 down a column
# worksheet → rows whose height is automatic (openpyxl marks every set height custom)
AUTO_ROWS: weakref.WeakKeyDictionary[Worksheet, list[int]] = weakref.WeakKeyDictionary()


def col(n: int) -> str:
    return get_column_letter(n)


def ref(row: int, column: int, absolute: bool = False) -> str:
    if absolute:
        return f"${col(column)}${row}"
    return f"{col(column)}{row}"


def _validation(kind: str) -> DataValidation:
    if kind == "weight":
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                            allow_blank=True)
        dv.error, dv.prompt = "分值、得分应为不小于 0 的数字。", "请填写不小于 0 的数字"
    elif kind == "count":
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                            allow_blank=True)
        dv.error, dv.prompt = "人数、份数应为不小于 0 的整数。", "请填写不小于 0 的整数"
    elif kind == "tier":
        dv = DataValidation(type="list", formula1='"' + ",".join(st.TIERS) + '"',
                            allow_blank=True)
        dv.error, dv.prompt = "请从下拉列表中选择档次。", "定性指标的完成档次"
    elif kind == "nature":
        dv = DataValidation(type="list", formula1='"' + ",".join(st.NATURES) + '"',
                            allow_blank=True)
        dv.error = "请选择 ≥、≤ 或 =；留空时按年度指标值中的符号判断。"
        dv.prompt = "≥ 正向、≤ 反向；留空按年度指标值判断"
    else:  # pragma: no cover - a programming error, not user data
        raise ValueError(kind)
    dv.errorTitle, dv.promptTitle = "输入有误", "填写提示"
    dv.showErrorMessage = True
    dv.showInputMessage = True
    return dv


class SheetWriter:
    def __init__(self, ws: Worksheet, widths, printed: int | None = None, fit: bool = False):
        """`printed`: how many columns from A are the printed form (the 校验说明 columns
        after them are left off the print area); the title and footer span them."""
        self.ws = ws
        self.widths = list(widths)
        self.ncols = len(widths)
        self.printed = printed or self.ncols
        # pages tall fitted to the content written (no orphan last page); a blank sheet is
        # left to flow, so what a person types later is never shrunk onto too few pages
        self.fit_height = fit
        self._need: dict[int, float] = {}
        self._fixed: set[int] = set()  # rows a merged or rotated cell needs sized
        self._grows: set[int] = set()  # rows holding typed text in a plain cell
        self._merged_input: set[int] = set()  # rows holding typed text in a merged cell
        self._validations: dict[str, DataValidation] = {}
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[col(i)].width = w

    def table_cell(self, row: int, table: L.Table, key: str, value=None, kind: str | None = None,
                   **kw) -> str:
        """The cell of column `key` of a layout table in `row`, styled by the column's role
        unless `kind` says otherwise; the column's formula is written when no value is."""
        column = table.column(key)
        if value is None and column.formula is not None and kind is None:
            value = table.formula(key, row)
        kind = kind or _ROLE_KIND[column.role]
        address = self.put(row, table.start(key), value, kind, fmt=column.fmt, span=column.span, **kw)
        if column.validation and kind in (INPUT, COMPUTED):
            self.validate(column.validation, address)
        return address

    def span_width(self, column: int, span: int) -> float:
        return sum(self.widths[column - 1:column - 1 + span])

    def put(self, row: int, column: int, value=None, kind: str = PLAIN, *, fmt: str | None = None,
            span: int = 1, down: int = 1, horizontal: str | None = None, bold: bool = False,
            size: int | None = None, rotation: int = 0) -> str:
        """Write `value` at (row, column), merged over span × down, styled by `kind`.

        Returns the A1 address of the top-left cell, which is where formulas point."""
        ws = self.ws
        top = ws.cell(row=row, column=column)
        if value is not None and value != "":
            top.value = value
            if kind != COMPUTED and isinstance(value, str) and value.startswith("="):
                top.data_type = "s"  # user text such as a region "=1+1": openpyxl would store a formula
        is_number = fmt not in (None, st.FMT_TEXT) or isinstance(value, (int, float))
        if horizontal is None:
            if kind in (TITLE, HEADER, GROUP):
                horizontal = "center"
            elif is_number and kind in (INPUT, COMPUTED, PLAIN):
                horizontal = "right"
            else:
                horizontal = "left"
        cell_font = st.font(size or (st.TITLE_SIZE if kind == TITLE else st.FONT_SIZE),
                            bold or kind in (TITLE, HEADER))
        align = st.alignment(horizontal, "center", wrap=kind != TITLE, rotation=rotation)
        fill = {INPUT: st.FILL_INPUT, COMPUTED: st.FILL_COMPUTED}.get(kind)
        for r in range(row, row + down):
            for c in range(column, column + span):
                cell = ws.cell(row=r, column=c)
                cell.font = cell_font
                cell.alignment = align
                if kind not in (TITLE, TEXT):
                    cell.border = st.BORDER
                if fill is not None:
                    cell.fill = fill
                if fmt:
                    cell.number_format = fmt
        if span > 1 or down > 1:
            ws.merge_cells(start_row=row, start_column=column,
                           end_row=row + down - 1, end_column=column + span - 1)
        for r in range(row, row + down):
            self._need.setdefault(r, st.DEFAULT_ROW_HEIGHT)
        if kind == INPUT and fmt == st.FMT_TEXT:
            (self._grows if span == 1 and down == 1 else self._merged_input).add(row)
        if isinstance(value, str) and value and not value.startswith("="):
            if span > 1 or down > 1 or rotation:
                self._fixed.update(range(row, row + down))
            self._size_rows(row, down, value, self.span_width(column, span), rotation,
                            size or (st.TITLE_SIZE if kind == TITLE else st.FONT_SIZE))
        return ref(row, column)

    def _size_rows(self, row: int, down: int, text: str, width: float, rotation: int,
                   size: int) -> None:
        need = text_height(text, width, size, vertical=rotation == VERTICAL)
        per_row = need / down
        for r in range(row, row + down):
            self._need[r] = max(self._need.get(r, 0.0), per_row)

    def min_height(self, row: int, height: float) -> None:
        self._need[row] = max(self._need.get(row, 0.0), height)
        self._fixed.add(row)

    def title(self, row: int, text: str) -> str:
        address = self.put(row, 1, text, TITLE, span=self.printed)
        self.min_height(row, 30)
        return address

    def footer(self, row: int) -> str:
        address = self.put(row, 1, st.FOOTER_TEXT, TEXT, span=self.printed)
        self.min_height(row, 22)
        return address

    def validate(self, kind: str, address: str) -> None:
        dv = self._validations.get(kind)
        if dv is None:
            dv = self._validations[kind] = _validation(kind)
        dv.add(address)

    def heights(self) -> list[float]:
        """Every row's height down to the last one written (default where none is set)."""
        last = max(self._need, default=0)
        return [max(st.DEFAULT_ROW_HEIGHT, self._need.get(r, 0.0)) if r in self._need
                else st.DEFAULT_ROW_HEIGHT for r in range(1, last + 1)]

    def pages_tall(self, landscape: bool, title_rows: str | None) -> int:
        heights = self.heights()
        repeated = 0.0
        if title_rows:
            first, last = (int(x) for x in title_rows.replace("$", "").split(":"))
            repeated = sum(heights[first - 1:last])
        return L.pages_tall(heights, self.widths[:self.printed], landscape, repeated)

    def finish(self, *, landscape: bool, title_rows: str | None = None,
               freeze: str | None = None) -> None:
        ws = self.ws
        # Every row gets the height its text needs; a fixed (custom) height only where the
        # application cannot size the row itself: merged or rotated cells, titles, and
        # typed text in merged cells. Rows where a person types into plain cells keep an
        # automatic height, so they grow with the text in Excel, WPS and LibreOffice
        # (build.py drops openpyxl's customHeight on them).
        auto = []
        for r, need in sorted(self._need.items()):
            ws.row_dimensions[r].height = round(max(st.DEFAULT_ROW_HEIGHT, need), 1)
            if not (r in self._fixed and (r not in self._grows or r in self._merged_input)):
                auto.append(r)
        AUTO_ROWS[ws] = auto
        for dv in self._validations.values():
            ws.add_data_validation(dv)
        ps = ws.page_setup
        ps.paperSize = ws.PAPERSIZE_A4
        ps.orientation = "landscape" if landscape else "portrait"
        ps.fitToWidth = 1
        ps.fitToHeight = self.pages_tall(landscape, title_rows) if self.fit_height else 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = L.MARGIN_SIDE
        ws.page_margins.top = ws.page_margins.bottom = L.MARGIN_TOP
        ws.page_margins.header = ws.page_margins.footer = L.MARGIN_HEADER
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        ws.oddFooter.center.font = st.FONT_NAME
        ws.oddFooter.center.size = 9
        if title_rows:
            ws.print_title_rows = title_rows
        ws.print_area = f"A1:{col(self.printed)}{ws.max_row}"
        if freeze:
            ws.freeze_panes = freeze
        ws.sheet_view.zoomScale = 100
