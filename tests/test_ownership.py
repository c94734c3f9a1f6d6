"""Ownership per cell: the refresh records what it wrote in each cell it owns, so a later
check tells a stale score (still the refresh's, inputs changed since: 提示) from one a
person typed over (错误), cell by cell, whatever else changed in the workbook; and a typed
figure the refresh replaces is named in the row's note and in 校验结果."""
from decimal import Decimal as D

import pytest
from fixtures.xlsx import rows_by_name

from xlperf.actions import check_file, new_workbook, read, refresh_file
from xlperf.engine import CHECK, REFRESH, build_plan
from xlperf.engine.ownership import RECORD_COL, RESULTS_SHEET, read_record
from xlperf.example import example_department
from xlperf.plan import CellWrite, Plan
from xlperf.xlsx import apply_plan

OVERALL = "附件2 整体支出自评表"
BASIC = "附件1 基础数据表"
SCORE, NOTE = 8, 12  # 自评得分 (I), 校验说明 (M)


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "示例.xlsx"
    new_workbook(path, data=example_department())
    return path


def _set(path, sheet, cells):
    apply_plan(path, Plan([CellWrite(sheet, r, c, v) for (r, c), v in cells.items()]))


def _total_row(path) -> int:
    return next(r for r, row in enumerate(read(path).sheet(OVERALL).rows) if row[0] == "总分")


def _at(findings, cell):
    return [(f.code, f.severity) for f in findings if f.sheet == OVERALL and f.cell == cell]


def _typed(wb, sheet_name, cells):
    """The grid after a person typed `cells` (over formulas too, which typing removes)."""
    sheet = wb.sheet(sheet_name)
    for (r, c), v in cells.items():
        sheet.rows[r][c] = v
    sheet.formulas = frozenset(sheet.formulas - set(cells))
    return wb


def test_a_typed_total_stays_an_error_after_any_other_input_changes(demo):
    row = _total_row(demo)
    wb = _typed(read(demo), OVERALL, {(row, SCORE): 99.0})  # the rows are worth 96.56
    codes = _at(build_plan(wb, mode=CHECK).findings, f"I{row + 1}")
    assert ("TOTAL_MISMATCH", "error") in codes and ("STALE_SCORE", "info") not in codes
    _typed(wb, BASIC, {(2, 3): 75.0})  # 在职人数 74 → 75
    findings = build_plan(wb, mode=CHECK).findings
    assert _at(findings, f"I{row + 1}") == codes
    # the 控制率 formula beside the edited figure is merely stale
    assert [f.code for f in findings if f.sheet == BASIC and f.cell == "F3"] == ["STALE_SCORE"]


def test_a_met_target_scored_low_is_an_error_then_replaced_with_a_note(demo):
    row = rows_by_name(read(demo).sheet(OVERALL))["新增城镇就业人数"]  # met: the rule gives 5
    cell = f"I{row + 1}"
    _set(demo, OVERALL, {(row, SCORE): D(4)})
    _set(demo, BASIC, {(2, 3): D(75)})  # another input changed too
    assert _at(check_file(demo).findings, cell) == [("SCORE_MISMATCH", "error")]

    plan = refresh_file(demo)
    assert _at(plan.findings, cell) == [("TYPED_REPLACED", "warning")]
    replaced = next(f for f in plan.findings if f.cell == cell and f.sheet == OVERALL)
    assert (replaced.found, replaced.expected) == ("4", "5")
    sheet = read(demo).sheet(OVERALL)
    assert sheet.value(row, SCORE) == 5
    note = sheet.value(row, NOTE)
    assert "原填 4" in note and "改为 5" in note and "应得满分" in note
    listed = [r for r in read(demo).sheet(RESULTS_SHEET).rows[3:] if r and r[2] == cell]
    assert listed and listed[0][4] == "TYPED_REPLACED" and "原填 4" in listed[0][5]
    # the record remembers it: a second refresh changes nothing, a check says the same
    before = demo.read_bytes()
    assert refresh_file(demo).writes == [] and demo.read_bytes() == before
    assert _at(check_file(demo).findings, cell) == [("TYPED_REPLACED", "warning")]
    assert read_record(read(demo))[(OVERALL, row, SCORE)] == ("5", "4")


def test_a_refreshed_score_whose_inputs_changed_is_stale_next_to_a_typed_over_one(demo):
    where = rows_by_name(read(demo).sheet(OVERALL))
    edited, typed = where["职业技能培训人次"], where["城镇登记失业率"]
    _set(demo, OVERALL, {(edited, 6): "6000人次", (typed, SCORE): D(3)})
    findings = check_file(demo).findings
    assert _at(findings, f"I{edited + 1}") == [("STALE_SCORE", "info")]
    assert _at(findings, f"I{typed + 1}") == [("SCORE_MISMATCH", "error")]


def test_a_new_workbook_has_nothing_to_be_stale_against(tmp_path):
    path = tmp_path / "新.xlsx"
    new_workbook(path)
    record = read_record(read(path))
    assert all(written == "" or typed is None for written, typed in record.values())
    sheet = read(path).sheet(OVERALL)
    row = next(m for m in range(sheet.n_rows) if str(sheet.value(m, 1)).startswith("产出指标"))
    # an accountant fills a row and types a score the rule does not give
    _set(path, OVERALL, {(row, 3): "培训人次", (row, 5): "≥100人次", (row, 6): "120人次",
                         (row, 7): D(10), (row, SCORE): D(7)})
    assert ("SCORE_MISMATCH", "error") in _at(check_file(path).findings, f"I{row + 1}")


def test_formula_results_of_zero_over_blank_cells_are_not_stale(tmp_path):
    # LibreOffice (like Excel) caches 0 for a SUM over blank cells, where the engine says blank
    path = tmp_path / "新.xlsx"
    new_workbook(path)
    wb = read(path)
    for sheet in wb.sheets:
        for r, c in sheet.formulas or ():
            if sheet.value(r, c) is None:
                while len(sheet.rows[r]) <= c:
                    sheet.rows[r].append(None)
                sheet.rows[r][c] = 0.0
    stale = [f for f in build_plan(wb, mode=CHECK).findings if "应为 空白" in f.message]
    assert stale == []


def test_the_record_is_cell_values_right_of_the_findings(demo):
    row = rows_by_name(read(demo).sheet(OVERALL))["职业技能培训人次"]
    results = read(demo).sheet(RESULTS_SHEET)
    assert results.value(0, RECORD_COL) == "刷新记录"
    assert read_record(read(demo))[(OVERALL, row, SCORE)] == ("4.5", None)
    # an annotated check keeps it; a refresh plan rewrites it only when something changed
    wb = read(demo)
    assert not [w for w in build_plan(wb, mode=CHECK, annotate=True).writes
                if w.sheet == RESULTS_SHEET and w.col >= RECORD_COL]
    assert not [w for w in build_plan(wb, mode=REFRESH).writes if w.sheet == RESULTS_SHEET]


def _as_refreshed_by_an_old_version(path):
    """The workbook as xlperf before the record left it: a workbook-wide stamp, no record."""
    rows = read(path).sheet(RESULTS_SHEET).rows
    cells = {(1, 0): "已由 xlperf 0.1.0 刷新；输入指纹 0123456789ab"}
    cells.update({(r, c): None for r, row in enumerate(rows) for c in (RECORD_COL, RECORD_COL + 1)
                  if len(row) > c and row[c] is not None})
    _set(path, RESULTS_SHEET, cells)
    assert read_record(read(path)) == {}


def test_the_first_refresh_of_an_old_versions_workbook_names_replaced_figures_as_hints(demo):
    """An older xlperf kept no record: a computed cell that no longer fits its inputs may be
    that refresh's figure gone stale or a typed one. The refresh names the old figure and
    the new one (never silently) as a hint, not as a typed figure replaced; from then on
    the record decides."""
    row = rows_by_name(read(demo).sheet(OVERALL))["新增城镇就业人数"]  # ≥6000人, 6240人: 5 of 5
    _as_refreshed_by_an_old_version(demo)
    _set(demo, OVERALL, {(row, 6): "5400人"})  # 实际完成值 lowered since: the rule gives 4.5
    plan = refresh_file(demo)
    assert [f.code for f in plan.findings if f.code == "TYPED_REPLACED"] == []
    (hint,) = [f for f in plan.findings if f.sheet == OVERALL and f.cell == f"I{row + 1}"]
    assert (hint.code, hint.severity, hint.found, hint.expected) == ("STALE_SCORE", "info", "5", "4.5")
    assert "原为 5" in hint.message and "旧版" in hint.message
    sheet = read(demo).sheet(OVERALL)
    assert sheet.value(row, SCORE) == 4.5 and "原为 5" in sheet.value(row, NOTE)
    # the record now exists: the next refresh has nothing to say about the cell
    again = refresh_file(demo)
    assert _at(again.findings, f"I{row + 1}") == []
    before = demo.read_bytes()
    assert refresh_file(demo).writes == [] and demo.read_bytes() == before


def test_a_workbook_with_a_record_still_says_typed_replaced(demo):
    """The legacy hint is for workbooks without a record only."""
    row = rows_by_name(read(demo).sheet(OVERALL))["新增城镇就业人数"]
    _set(demo, OVERALL, {(row, SCORE): D(3)})
    assert _at(refresh_file(demo).findings, f"I{row + 1}") == [("TYPED_REPLACED", "warning")]
