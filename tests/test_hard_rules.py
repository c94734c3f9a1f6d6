"""A score that breaks a hard rule (over its weight, negative) never raises 总分 or a
ranking: it counts at its weight (negative: at 0), the notes say so, and the 汇总 ranks
the department on the rule's figures with a 备注."""
from decimal import Decimal as D

import openpyxl
from fixtures.summary import summary_rows
from fixtures.xlsx import rows_by_name

from xlperf.actions import check_file, new_workbook, read, refresh_file
from xlperf.collect import collect
from xlperf.example import example_department
from xlperf.plan import CellWrite, Plan
from xlperf.settings import DEFAULT, Settings
from xlperf.xlsx import apply_plan

OVERALL = "附件2 整体支出自评表"
SCORE, NOTE = 8, 12


def _set(path, sheet, cells):
    apply_plan(path, Plan([CellWrite(sheet, r, c, v) for (r, c), v in cells.items()]))


def _dept(path, edits):
    new_workbook(path, data=example_department())
    where = rows_by_name(read(path).sheet(OVERALL))
    _set(path, OVERALL, {(where[name], col): v for name, col, v in edits})
    return where


def test_an_over_weight_score_counts_at_its_weight_and_the_notes_say_so(tmp_path):
    path = tmp_path / "甲.xlsx"
    where = _dept(path, [("新增城镇就业人数", SCORE, D(6))])  # weight 5, the rule gives 5
    plan = refresh_file(path)
    sheet = read(path).sheet(OVERALL)
    row = where["新增城镇就业人数"]
    assert sheet.value(row, SCORE) == 6  # the accountant's figure stays, flagged
    assert "总分按 5 计" in sheet.value(row, NOTE)
    overall = next(s for s in plan.summary["sheets"] if s["sheet"] == OVERALL)
    assert overall["total"] == D("96.56")  # the rule's total: 6 counted as 5
    total_row = next(r for r, v in enumerate(sheet.rows) if v[0] == "总分")
    # the template's 总分 formula adds the cells as they are; its note gives the rule's figure
    assert D(str(sheet.value(total_row, SCORE))) == D("97.56")
    note = sheet.value(total_row, NOTE)
    assert note.startswith("【错误】") and "按规则为 96.56" in note and "按 5 计" in note
    assert plan.summary["ranked"]["total"] == D("96.56")
    codes = {(f.cell, f.code) for f in check_file(path).findings if f.sheet == OVERALL}
    assert (f"I{row + 1}", "SCORE_OVER_WEIGHT") in codes and (f"I{total_row + 1}", "TOTAL_MISMATCH") in codes
    # a second refresh changes nothing
    before = path.read_bytes()
    refresh_file(path)
    assert path.read_bytes() == before


def test_a_negative_score_counts_as_zero(tmp_path):
    path = tmp_path / "甲.xlsx"
    _dept(path, [("人才队伍建设", SCORE, D(-2))])  # qualitative, was 6
    plan = refresh_file(path)
    overall = next(s for s in plan.summary["sheets"] if s["sheet"] == OVERALL)
    assert overall["total"] == D("90.56")
    assert any("不能为负数，总分按 0 计" in f.message for f in plan.findings)


def test_collect_ranks_on_the_rule_figures_and_says_why(tmp_path):
    over = tmp_path / "甲局.xlsx"
    _dept(over, [("新增城镇就业人数", SCORE, D(6))])  # shows 97.56, the rule says 96.56
    better = tmp_path / "乙局.xlsx"
    _dept(better, [("职业技能培训人次", 6, "6000人次")])  # 97.06 by the rules
    out = tmp_path / "汇总.xlsx"
    collect([over, better], out, jobs=1, progress=False)
    rows = summary_rows(out, "部门汇总")
    assert [(r["排名"], r["文件"].endswith("乙局.xlsx"), r["总分"]) for r in rows] == \
        [(1, True, 97.06), (2, False, 96.56)]
    assert rows[1]["错误数"] >= 1 and "按规则为 96.56" in rows[1]["备注"]


def test_the_summary_grades_with_the_settings_in_use(tmp_path):
    province = Settings(grade_bands=((D(90), "优秀"), (D(80), "良好"), (D(60), "合格"), (D(0), "不合格")))
    path = tmp_path / "甲局.xlsx"
    new_workbook(path, data=example_department(), settings=province)
    out = tmp_path / "汇总.xlsx"
    totals = collect([path], out, jobs=1, settings=province, progress=False)["totals"]
    assert {g: k for g, k in totals["grades"].items() if k} == {"优秀": 1}
    chart = openpyxl.load_workbook(out)["统计图表"]
    rows = {r[0]: r[1] for r in chart.iter_rows(values_only=True) if r and r[0]}
    assert rows["优秀"] == 1 and "优" not in rows and DEFAULT.grade_bands[0][1] == "优"
