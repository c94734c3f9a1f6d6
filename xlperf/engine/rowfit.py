"""The height of every data row of the form's tables, from the text it will hold once the
plan is applied: typed text (merged or not) and the 校验说明 note. A merged cell never
grows in Excel or LibreOffice, and a row grown for a note must come back down when the
note goes, so the refresh decides these heights itself, and every front end applies them.

What is fitted, and how wide each text wraps, comes from xlperf.layout alone: the tables
of each template sheet (`SHEET_TABLES`), their columns' spans over the sheet's grid
(`SHEET_WIDTHS`) and their rows' least height (`Table.min_height`). Rows outside those
tables (titles, headers, footers, anything a person added around the form) keep the
height they have.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .. import layout as L
from ..grid import SheetGrid
from ..plan import RowHeight
from ..tables.headers import cell_text

_FIGURES = (L.FMT_MONEY, L.FMT_RATE, L.FMT_SCORE, L.FMT_COUNT)
_QUESTION = re.compile(rf"^{L.SURVEY_QUESTION_PREFIX}\s*\d+\s*题")


def fit_rows(ctx) -> tuple[list[RowHeight], frozenset[str]]:
    """(row heights, the sheets whose page fit follows them) for a template workbook;
    nothing for any other workbook, whose grid the layout does not describe."""
    if not ctx.template:
        return [], frozenset()
    out: dict[tuple[str, int], float] = {}
    written: dict[str, dict[tuple[int, int], object]] = {}
    for (s, r, c), w in ctx.writes.items():
        written.setdefault(s, {})[(r, c)] = w.value
    for sheet in ctx.wb.sheets:
        if sheet.name in L.UNFITTED:
            continue
        key = L.sheet_key(sheet.name)
        if key not in L.SHEET_TABLES:
            continue
        widths = L.SHEET_WIDTHS[key]
        found = ctx.tables.get(sheet.name, [])
        final = _Final(sheet, written.get(sheet.name, {}))
        labels = [cell_text(row[0]) if row else "" for row in sheet.rows]
        for table in L.SHEET_TABLES[key]:
            for rows, cols, header in _places(sheet, labels, table, found):
                for row, height in _heights(final, table, tuple(widths), rows, cols, header):
                    out[(sheet.name, row)] = max(out.get((sheet.name, row), 0.0), height)
    # where the reader says what the rows store, only the heights that change: a refresh
    # with nothing else to change then leaves the file alone; when it writes, every
    # fitted sheet's page fit is set again
    stored = {s.name: s.heights for s in ctx.wb.sheets if s.heights is not None}
    heights = [RowHeight(s, r, h) for (s, r), h in sorted(out.items())
               if s not in stored or stored[s].get(r) != float(format(h, "g"))]
    return heights, frozenset(s for s, _ in out)


class _Final:
    """A sheet's values as they will be once the plan's writes are applied."""

    def __init__(self, sheet: SheetGrid, writes: dict):
        self.sheet = sheet
        self.writes = writes

    def text(self, row: int, col: int) -> str:
        value = self.writes[(row, col)] if (row, col) in self.writes else self.sheet.value(row, col)
        return value.strip() if isinstance(value, str) else ""


def _places(sheet: SheetGrid, labels: list[str], table: L.Table,
            found: list) -> Iterable[tuple[list[int], dict, int | None]]:
    """(data rows, key → column where it is not the layout's, header row) of each place
    `table` is on the sheet: where the engine's finder found it, else where its first
    column's label stands."""
    hits = [t for t in found if t.kind == table.name and t.rows]
    if hits:
        for t in hits:
            yield _span(sheet, t.header_row, t.last_row), t.cols, t.header_row
        return
    rows = _label_rows(sheet, labels, table)
    if rows:
        yield rows, {}, None


def _span(sheet: SheetGrid, header: int, last: int) -> list[int]:
    """Every row from under the header to the table's last, blank ones too (a row typed
    later fits like the others); the indicator table ends above its 总分 row, whose
    label is merged across the table."""
    rows = []
    for r in range(header + 1, last + 1):
        if cell_text(sheet.value(r, 0)) == L.TOTAL_LABEL:
            break
        rows.append(r)
    return rows


def _label_rows(sheet: SheetGrid, first: list[str], table: L.Table) -> list[int]:
    """The rows of a table the finder does not know, by the texts in column A."""
    if table is L.HEAD:
        labels = {cell_text(label) for label in L.OVERALL_HEAD + L.PROJECT_HEAD}
        return [r for r, text in enumerate(first) if text in labels]
    if table is L.GOAL:  # the label stands on the header row, merged down over the text row
        expected = table.start("expected") - 1
        return [r + 1 for r, text in enumerate(first)
                if text == cell_text(table.column("label").header) and r + 1 < len(first)
                and cell_text(sheet.value(r, expected)) == cell_text(table.column("expected").header)]
    if table is L.SURVEY_QUESTION:
        return [r for r, text in enumerate(first) if _QUESTION.match(text)]
    label = table.columns[0]
    if label.role == L.LABEL:  # 厉行节约保障措施: the label on the row itself
        return [r for r, text in enumerate(first) if text == cell_text(label.header)]
    return []


@lru_cache(maxsize=64)
def _spans(table: L.Table, widths: tuple[float, ...]) -> tuple[tuple[L.Column, int, float], ...]:
    """(column, its grid column, the width its text wraps in) of each column that holds
    text: not the gaps, nor the figures (a figure never wraps; a text typed there is a
    finding whose note fits the row)."""
    out = []
    for column in table.columns:
        if column.role != L.GAP and column.fmt not in _FIGURES:
            start = table.start(column.key) - 1
            out.append((column, start, sum(widths[start:start + column.span])))
    return tuple(out)


def _heights(final: _Final, table: L.Table, widths, rows: list[int], cols: dict,
             header: int | None) -> Iterable[tuple[int, float]]:
    needs = dict.fromkeys(rows, table.min_height)
    grid, writes = final.sheet.rows, final.writes
    for column, start, width in _spans(table, widths):
        col = cols.get(column.key, start)
        if column.vertical:  # a caption stacked down the header and every data row
            text = final.text(header, col) if header is not None else ""
            if text:
                per_row = L.text_height(text, width, vertical=True) / (len(rows) + 1)
                for r in rows:
                    needs[r] = max(needs[r], per_row)
            continue
        for i, r in enumerate(rows):
            if (r, col) in writes:
                value = writes[(r, col)]
            else:
                line = grid[r] if r < len(grid) else ()
                value = line[col] if col < len(line) else None
            if not isinstance(value, str) or not value.strip():
                continue
            down = 1
            if column.role == L.LABEL:  # a group label (一级, 二级) merged down its rows
                while i + down < len(rows) and final.sheet.value(rows[i + down], col) in (None, ""):
                    down += 1
            per_row = L.text_height(value.strip(), width) / down
            for rr in rows[i:i + down]:
                if needs[rr] < per_row:
                    needs[rr] = per_row
    for r in rows:
        yield r, round(needs[r], 1)
