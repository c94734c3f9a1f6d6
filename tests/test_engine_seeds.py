"""The seeds' real tables through the engine (grids, no files): each real mistake found
once, at its cell; each correct table without a single error."""
import pytest
from fixtures import seeds

from xlperf.engine import CHECK, REFRESH, build_plan
from xlperf.grid import SheetGrid, WorkbookGrid


def plan_of(sheets: dict, mode=CHECK, name="test.xlsx"):
    return build_plan(WorkbookGrid([SheetGrid(k, v) for k, v in sheets.items()], name), mode=mode)


def codes(plan, severity=None):
    return sorted((f.cell, f.code) for f in plan.findings if severity in (None, f.severity))


def test_seed_001_claimed_99_over_rows_worth_87():
    plan = plan_of(seeds.seed001_self_evaluation())
    total = [f for f in plan.findings if f.code == "TOTAL_MISMATCH"]
    assert len(total) == 1
    assert total[0].cell == "H30" and total[0].found == "99" and total[0].expected == "87"


def test_seed_001_points_deducted_on_met_targets():
    plan = plan_of(seeds.seed001_self_evaluation())
    mismatches = {f.cell: f for f in plan.findings if f.code == "SCORE_MISMATCH"}
    assert set(mismatches) == {"H24", "H29"}  # 高质量完成 4 of 5; 服务对象满意度 9 of 10
    assert mismatches["H24"].expected == "5" and mismatches["H24"].found == "4"
    assert mismatches["H29"].expected == "10" and mismatches["H29"].found == "9"
    assert "高质量完成" in mismatches["H24"].message


def test_seed_001_signed_in_2015():
    plan = plan_of(seeds.seed001_self_evaluation())
    dates = [f for f in plan.findings if f.code == "DATE_ANOMALY"]
    assert [(f.cell, f.severity) for f in dates] == [("A33", "warning")]
    assert "2015" in dates[0].message


def test_seed_001_budget_execution_from_the_task_block():
    plan = plan_of(seeds.seed001_self_evaluation())
    sheet = plan.summary["sheets"][0]
    assert sheet["budget"] == sheet["executed"] == 559.03 or str(sheet["budget"]) == "559.03"
    # the task rows' 执行率 100% and 金额合计 add up: nothing reported there
    assert not [f for f in plan.findings if f.code in ("RATE_MISMATCH", "SUM_MISMATCH")]


def test_seed_002_blank_actuals_and_scores_under_a_claimed_100():
    plan = plan_of(seeds.seed002_overall())
    total = [f for f in plan.findings if f.code == "TOTAL_MISMATCH"]
    assert [(f.cell, f.found, f.expected) for f in total] == [("H23", "100", "9.89")]
    missing = {f.cell for f in plan.findings if f.code == "MISSING_VALUE"}
    assert {f"G{r}" for r in range(14, 23)} <= missing  # every blank 分值
    assert {f"E{r}" for r in range(18, 23)} <= missing  # blank 年度指标值
    # the 资金 block is right: 98.91% and 9.89 of 10
    assert not [f for f in plan.findings if f.cell[1:] == "5"]


def test_seed_002_side_by_side_breakdown_is_not_a_bad_figure():
    plan = plan_of(seeds.seed002_overall())
    assert not [f for f in plan.findings if f.code == "BAD_NUMBER"]


@pytest.mark.parametrize("fixture", [
    seeds.seed002_basic_data, seeds.seed002_sangong, seeds.seed003_final_accounts,
    seeds.seed004_questionnaire,
])
def test_correct_tables_have_no_finding(fixture):
    plan = plan_of(fixture())
    assert plan.findings == []


def test_seed_004_three_text_scores_beside_a_4():
    plan = plan_of(seeds.seed004_scoring())
    assert codes(plan) == [("F33", "TEXT_SCORE_MISMATCH"), ("F34", "TEXT_SCORE_MISMATCH"),
                           ("F4", "TEXT_SCORE_MISMATCH")]
    assert all(f.found == "3" and f.expected == "4" for f in plan.findings)


def test_seed_004_truncated_rate_is_a_warning():
    plan = plan_of(seeds.seed004_staff_rate())
    assert [(f.cell, f.code, f.severity, f.expected) for f in plan.findings] == [
        ("D2", "RATE_MISMATCH", "warning", "97.73%")]


def test_seed_004_basic_spending_subtotals_do_not_cross_foot():
    plan = plan_of(seeds.seed004_basic_spending())
    found = {(f.cell, f.code): f for f in plan.findings}
    assert set(found) == {("B11", "SUM_MISMATCH"), ("C26", "SUM_MISMATCH")}
    assert found[("B11", "SUM_MISMATCH")].expected == "6337229.84"
    assert found[("C26", "SUM_MISMATCH")].expected == "1077244.93"
    # the 合计 adds up the 小计 as stated: the wrong 小计 are not reported twice


def test_seed_000_malformed_and_placeholder_money():
    plan = plan_of(seeds.seed000_project_funds())
    assert ("C4", "BAD_NUMBER") in codes(plan, "error")
    assert ("D4", "PLACEHOLDER") in codes(plan, "error")


def test_findings_carry_the_file_and_a_json_shape():
    plan = plan_of(seeds.seed004_staff_rate(), name="肃南.xlsx")
    f = plan.findings[0].to_json()
    assert f == {"file": "肃南.xlsx", "sheet": "附件1", "cell": "D2", "code": "RATE_MISMATCH",
                 "severity": "warning", "message": f["message"], "expected": "97.73%", "found": "97.72%"}


def test_refresh_of_a_typed_table_fills_blanks_and_keeps_stated_values():
    plan = plan_of(seeds.seed000_project_funds(), mode=REFRESH)
    written = {w.cell: w for w in plan.writes if w.sheet == "项目-代缴"}
    assert "G5" in written and str(written["G5"].value) == "1.0000"  # 本年财政拨款 执行率 filled
    assert "C4" not in written and "D4" not in written  # figures are never rewritten
    assert "校验结果" in plan.new_sheets
