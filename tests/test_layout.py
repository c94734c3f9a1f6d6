"""xlperf.layout is the one description of the department workbook: the builder draws
from it, add-project and the engine ask it which cells are inputs, formulas or the
refresh's. Oracles: the fills and formulas openpyxl reads back from the shipped
workbooks (input cells are light yellow, formulas are formulas), and a layout changed
in one place showing up everywhere."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from openpyxl import load_workbook

from xlperf import layout as L
from xlperf.grid import a1
from xlperf.templates import build_workbook, example_data
from xlperf.templates.copying import formula_cells, input_cells, refresh_cells
from xlperf.xlsx import read_workbook

WORKBOOKS = Path(__file__).resolve().parents[1] / "workbooks"
SHIPPED = [WORKBOOKS / "示例-部门绩效自评.xlsx", WORKBOOKS / "部门绩效自评模板.xlsx"]
# every sheet a person fills (说明 holds colour samples, 校验结果 the refresh's list)
DECLARED = (L.SHEET_BASIC, L.SHEET_OVERALL, L.SHEET_SCORING, L.SHEET_SURVEY, L.SHEET_SANGONG)


def _declared(name: str) -> bool:
    return name in DECLARED or name.startswith(L.PROJECT_PREFIX)


def _marked(path: Path) -> dict[str, tuple[set, set]]:
    """{sheet: (light-yellow cells, formula cells)} as openpyxl reads them, 0-based."""
    out = {}
    for ws in load_workbook(path).worksheets:
        yellow, formulas = set(), set()
        for row in ws.iter_rows():
            for c in row:
                if c.fill.fill_type == "solid" and (c.fill.fgColor.rgb or "")[-6:] == L.INPUT_FILL:
                    yellow.add((c.row - 1, c.column - 1))
                if c.data_type == "f":
                    formulas.add((c.row - 1, c.column - 1))
        out[ws.title] = (yellow, formulas)
    return out


def _show(cells) -> list[str]:
    return sorted(a1(*x) for x in cells)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_cell_roles_are_the_templates_fills_and_formulas(path):
    wb = read_workbook(path)
    marked = _marked(path)
    checked = 0
    for sheet in wb.sheets:
        if not _declared(sheet.name):
            continue
        yellow, formulas = marked[sheet.name]
        inputs, computed, refreshed = input_cells(sheet), formula_cells(sheet), refresh_cells(sheet)
        assert _show(inputs) == _show(yellow), sheet.name
        assert _show(computed) == _show(formulas), sheet.name
        assert not (refreshed & inputs) and not (refreshed & computed), sheet.name
        checked += 1
    assert checked == len(DECLARED) + len([s for s in wb.sheets if s.name.startswith(L.PROJECT_PREFIX)])


def test_refresh_cells_are_the_scores_and_notes():
    wb = read_workbook(SHIPPED[0])
    sheet = wb.sheet("项目-就业补助资金")
    cells = refresh_cells(sheet)
    header = next(r for r, row in enumerate(sheet.rows) if "自评得分" in row and "档次" in row)
    score, note = sheet.rows[header].index("自评得分"), sheet.rows[header].index("校验说明")
    total = next(r for r, row in enumerate(sheet.rows) if row[0] == "总分")
    assert {(r, score) for r in range(header + 1, total)} <= cells
    assert {(r, note) for r in range(header + 1, total + 2)} <= cells
    assert (total, score) not in cells  # 总分 is a formula of the template


def test_one_edit_of_the_layout_moves_a_column_everywhere(tmp_path, monkeypatch):
    """Swap 档次 and 偏差原因 in the declaration only: the built sheets, their input
    cells and the generated documentation all follow."""
    cols = list(L.INDICATORS.columns)
    i, j = (next(n for n, c in enumerate(cols) if c.key == k) for k in ("tier", "deviation"))
    cols[i], cols[j] = cols[j], cols[i]
    monkeypatch.setattr(L, "INDICATORS", dataclasses.replace(L.INDICATORS, columns=tuple(cols)))
    monkeypatch.setitem(L.SHEET_TABLES, L.PROJECT_PREFIX,
                        (L.HEAD, L.FUNDS_PROJECT, L.GOAL, L.INDICATORS))
    path = build_workbook(tmp_path / "swapped.xlsx", data=example_data())
    sheet = read_workbook(path).sheet("项目-就业补助资金")
    header = next(row for row in sheet.rows if "档次" in row)
    assert header.index("偏差原因分析及改进措施") == L.INDICATORS.start("deviation") - 1 == 10
    assert header.index("档次") == L.INDICATORS.start("tier") - 1 == 11
    yellow, _ = _marked(path)["项目-就业补助资金"]
    assert _show(input_cells(sheet)) == _show(yellow)
    assert "| K | 偏差原因分析及改进措施 | `deviation` |" in L.render_doc()


def test_indicator_rows_hold_no_merged_input():
    """Rows inserted in the indicator table keep its layout: none of its typed cells is
    merged (the score, a figure, is the one merged cell of a row)."""
    spans = {c.key: c.span for c in L.INDICATORS.columns}
    assert all(spans[k] == 1 for k in L.INDICATORS.keys(L.INPUT))
    ws = load_workbook(SHIPPED[0])["项目-就业补助资金"]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "一级指标")
    inputs = {L.INDICATORS.start(k) for k in L.INDICATORS.keys(L.INPUT)}
    total = next(r for r in range(header, ws.max_row + 1) if ws.cell(r, 1).value == "总分")
    merged = [rng for rng in ws.merged_cells.ranges if header < rng.min_row < total]
    assert merged  # the 一级/二级 labels and the scores
    for rng in merged:
        assert not inputs & set(range(rng.min_col, rng.max_col + 1)), str(rng)


def test_pages_tall_counts_pages_and_avoids_orphans():
    widths = [10] * 10  # 70.7 pt a column: 707 pt wide, landscape A4 prints it at scale 1
    body = L.A4[0] - 2 * 72 * L.MARGIN_TOP
    assert L.pages_tall([20] * 5, widths, landscape=True) == 1
    assert L.pages_tall([body / 10] * 10, widths, landscape=True) == 1
    # a second page holding two rows of twenty: shrunk onto one page instead
    assert L.pages_tall([body / 18] * 20, widths, landscape=True) == 1
    # a second page holding half a page: two pages
    assert L.pages_tall([body / 10] * 15, widths, landscape=True) == 2
    # the repeated header takes room on every page after the first
    assert L.pages_tall([body / 10] * 24, widths, landscape=True, repeated=body / 10) == 3
    assert L.pages_tall([body / 10] * 21, widths, landscape=True, repeated=body / 10) == 2


def test_every_finding_code_is_explained_in_chinese():
    from xlperf.findings import CODES

    assert set(L.CODE_NAMES) == set(CODES)
    assert all(name and not name.isascii() for name in L.CODE_NAMES.values())


def test_the_engine_writes_the_declared_results_table():
    """校验结果's header, first row and sheet name are the layout's; the refresh's record
    lies right of the printed table."""
    from xlperf.engine import ownership, results

    assert tuple(c.header for c in L.RESULTS.columns) == results.HEADER
    assert results.FIRST_ROW + 1 == L.RESULTS_FIRST_ROW
    assert ownership.RESULTS_SHEET == L.SHEET_RESULTS
    assert L.RESULTS.width <= ownership.RECORD_COL
