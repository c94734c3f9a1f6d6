"""Every finding code of checks.md from a small typed table: one fault, one finding, at the
cell that is wrong."""
from xlperf.engine import CHECK, REFRESH, build_plan
from xlperf.grid import SheetGrid, WorkbookGrid

FUNDS_HEADER = ["年度预算申请（万元）", "项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "自评得分"]
IND_HEADER = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评得分",
              "偏差原因分析及改进措施"]


def findings(rows, sheet="表", mode=CHECK, formulas=None):
    grid = SheetGrid(sheet, rows, formulas)
    return build_plan(WorkbookGrid([grid], "t.xlsx"), mode=mode).findings


def only(rows, **kw):
    return sorted((f.cell, f.code, f.severity) for f in findings(rows, **kw))


def self_eval(indicators, total=None, grade=None, funds=(100, 100, 10, "100%", 10)):
    rows = [["示例县2024年度部门整体支出绩效自评表"], FUNDS_HEADER,
            [None, "年度资金总额", funds[0], funds[0], funds[1], funds[2], funds[3], funds[4]], [],
            IND_HEADER]
    rows += [[None, *r] for r in indicators]
    if total is not None:
        rows.append(["总分", None, None, None, None, None, 100, total])
    if grade is not None:
        rows.append(["等级", None, None, None, None, None, None, grade])
    return rows


FULL = [("产出指标（50分）", "数量指标", "培训人次", "≥100人次", "100人次", 50, 50, None),
        ("效益指标（30分）", "社会效益指标", "失业率", "≤4%", "3%", 30, 30, None),
        ("满意度指标（10分）", "满意度指标", "满意度", "≥90%", "95%", 10, 10, None)]


def test_a_correct_self_evaluation_has_no_finding():
    assert only(self_eval(FULL, total=100, grade="优")) == []


def test_score_over_weight_only():
    rows = list(FULL)
    rows[1] = rows[1][:6] + (31, None)
    assert ("H7", "SCORE_OVER_WEIGHT", "error") in only(self_eval(rows))
    assert not [f for f in findings(self_eval(rows)) if f.cell == "H7" and f.code != "SCORE_OVER_WEIGHT"]


def test_grade_mismatch_against_the_stated_total():
    assert only(self_eval(FULL, total=100, grade="良")) == [("H10", "GRADE_MISMATCH", "error")]


def test_deviation_reason_missing_and_given():
    rows = list(FULL)
    rows[0] = ("产出指标（50分）", "数量指标", "培训人次", "≥100人次", "90人次", 50, 45, None)
    assert only(self_eval(rows)) == [("I6", "DEVIATION_REASON_MISSING", "warning")]
    rows[0] = rows[0][:7] + ("场地改造，培训延期",)
    assert only(self_eval(rows)) == []


def test_exec_rate_low():
    got = only(self_eval(FULL, funds=(100, 85, 10, "85%", 8.5)))
    assert got == [("G3", "EXEC_RATE_LOW", "warning")]


def test_unit_suspect_yuan_in_a_wan_yuan_column():
    rows = self_eval(FULL)
    rows[2] = [None, "年度资金总额", 979.39, 17151200, 1696.51, 10, None, None]
    codes = {(f.cell, f.code) for f in findings(rows)}
    assert ("D3", "UNIT_SUSPECT") in codes


def test_unknown_tier_is_info():
    rows = list(FULL)
    rows[1] = ("效益指标（30分）", "社会效益指标", "群众获得感", "有所增强", "见附件材料", 30, 30, None)
    assert only(self_eval(rows)) == [("F7", "UNKNOWN_TIER", "info")]


def test_subset_exceeds_in_the_basic_data_table():
    rows = [["经费控制情况（万元）", "2023年决算数", "2024年预算数", "2024年决算数"],
            ["公用经费", 100, 100, 100],
            ["其中：办公经费", 60, 60, 60],
            ["水费、电费、差旅费", 30, 30, 50]]
    assert only(rows) == [("D2", "SUBSET_EXCEEDS", "error")]


def test_formula_overwritten_in_a_template():
    rows = self_eval(FULL, total=100, grade="优")
    wb = WorkbookGrid([SheetGrid("表", rows, frozenset()),  # the file shows no formula anywhere
                       SheetGrid("说明", [["模板版本：xlperf-template-1"]], frozenset())], "t.xlsx")
    got = {(f.cell, f.code) for f in build_plan(wb, mode=CHECK).findings}
    # 执行率, 自评得分, 总分 and 等级 are template formulas typed over as constants
    assert {("G3", "FORMULA_OVERWRITTEN"), ("H3", "FORMULA_OVERWRITTEN"), ("H9", "FORMULA_OVERWRITTEN"),
            ("H10", "FORMULA_OVERWRITTEN")} <= got


def test_qualitative_band_from_the_tier_column_is_an_error():
    header = IND_HEADER[:8] + ["档次"]
    rows = [header, [None, "效益指标（30分）", "社会效益指标", "获得感", "有所增强", "增强", 30, 20, "达成年度指标"]]
    assert only(rows) == [("H2", "QUAL_BAND", "error")]


def test_refresh_of_a_typed_table_never_overwrites_stated_scores():
    rows = list(FULL)
    rows[0] = rows[0][:6] + (40, "原因")
    plan = build_plan(WorkbookGrid([SheetGrid("表", self_eval(rows, total=90, grade="优"))], "t.xlsx"),
                      mode=REFRESH)
    assert ("表", 5, 7) not in {(w.sheet, w.row, w.col) for w in plan.writes}
    assert ("H6", "SCORE_MISMATCH") in {(f.cell, f.code) for f in plan.findings}
