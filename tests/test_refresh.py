"""`xlperf refresh` on department workbooks: scores a hand calculation expects, notes beside
their rows, the 校验结果 sheet, stale scores found later, and a second refresh that
changes nothing."""
from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import pytest
from fixtures.xlsx import rows_by_name

from xlperf.actions import check_file, new_workbook, read, refresh_file
from xlperf.example import example_department
from xlperf.plan import CellWrite, Plan
from xlperf.xlsx import apply_plan

OVERALL = "附件2 整体支出自评表"


def r2(x: D) -> D:
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "示例.xlsx"
    new_workbook(path, data=example_department())
    return path


def test_scores_equal_an_independent_hand_calculation(demo):
    sheet = read(demo).sheet(OVERALL)
    exec_points = r2(D("1696.51") / D("1715.12") * 10)
    assert exec_points == D("9.89")
    expected = {  # rules.md §3.2/§3.3, worked by hand from the example's figures
        "新增城镇就业人数": D(5), "农村劳动力转移就业人数": D(5), "举办专场招聘会": D(5),
        "职业技能培训人次": r2(D(5400) / D(6000) * 5), "劳动争议案件法定期限内结案率": D(5),
        "社保基金要情记录": D(5), "继续教育参训率": D(5), "工伤认定办结时限": r2(D(10) / D(12) * 5),
        "补贴资金按时发放率": D(5), "业务工作经费": D(5), "社会保险基金征缴收入": D(8),
        "城镇登记失业率": D(8), "业务无纸化办理占比": D(6), "人才队伍建设": D(6), "服务对象满意度": D(10),
    }
    where = rows_by_name(sheet)
    for name, points in expected.items():
        assert D(str(sheet.value(where[name], 8))) == points, name
    total = exec_points + sum(expected.values())
    assert total == D("96.56")
    total_row = next(r for r, row in enumerate(sheet.rows) if row[0] == "总分")
    assert D(str(sheet.value(total_row, 8))) == total
    assert sheet.value(total_row + 1, 8) == "优"
    assert D(str(sheet.value(3, 9))) == exec_points  # 资金 block 自评得分 (J4)


def _set(path, sheet, cells):
    apply_plan(path, Plan([CellWrite(sheet, r, c, v) for (r, c), v in cells.items()]))


def test_notes_sit_beside_their_rows_and_in_the_results_sheet(demo):
    sheet = read(demo).sheet(OVERALL)
    row = rows_by_name(sheet)["人才队伍建设"]
    _set(demo, OVERALL, {(row, 8): D(8)})  # partial tier: 8 is outside 4.80–6.40
    plan = refresh_file(demo)
    assert [(f.cell, f.code) for f in plan.findings if f.severity == "error"] == [(f"I{row + 1}", "QUAL_BAND")]
    after = read(demo)
    note = after.sheet(OVERALL).value(row, 12)  # 校验说明 (M)
    assert note.startswith("【错误】") and "4.8–6.4" in note
    results = after.sheet("校验结果")
    assert results.rows[2][:6] == ["序号", "工作表", "单元格", "级别", "代码", "说明"]
    listed = [(r[1], r[2], r[3], r[4]) for r in results.rows[3:] if r and r[0] is not None]
    assert (OVERALL, f"I{row + 1}", "错误", "QUAL_BAND") in listed
    # fixing the score clears the note on the next refresh
    _set(demo, OVERALL, {(row, 8): D(6)})
    refresh_file(demo)
    assert read(demo).sheet(OVERALL).value(row, 12) is None


def test_a_second_refresh_changes_nothing(demo):
    first = demo.read_bytes()
    plan = refresh_file(demo)
    assert plan.writes == [] and plan.new_sheets == []
    assert demo.read_bytes() == first


def test_stale_scores_are_found_and_typed_over_scores_are_errors(demo):
    sheet = read(demo).sheet(OVERALL)
    row = rows_by_name(sheet)["职业技能培训人次"]
    _set(demo, OVERALL, {(row, 6): "6000人次"})  # the actual edited after the last refresh
    stale = [f for f in check_file(demo).findings if f.code == "STALE_SCORE"]
    assert [(f.cell, f.expected, f.found) for f in stale] == [(f"I{row + 1}", "5", "4.5")]
    refresh_file(demo)
    assert read(demo).sheet(OVERALL).value(row, 8) == 5
    _set(demo, OVERALL, {(row, 8): D(3)})  # a score typed over, inputs unchanged
    typed = [f for f in check_file(demo).findings if f.cell == f"I{row + 1}"]
    assert [(f.code, f.severity) for f in typed] == [("SCORE_MISMATCH", "error")]


def test_refresh_to_another_file_leaves_the_original(demo, tmp_path):
    _set(demo, OVERALL, {(rows_by_name(read(demo).sheet(OVERALL))["人才队伍建设"], 8): D(8)})
    before = demo.read_bytes()
    out = tmp_path / "副本.xlsx"
    refresh_file(demo, out)
    assert demo.read_bytes() == before and out.exists()


def test_template_knowledge_of_formulas_matches_the_file(tmp_path):
    """Values-only front ends (xlwings remote) cannot see formulas: the engine must know
    every cell the template computes, or the button would type values over formulas."""
    from xlperf.engine import build_plan
    from xlperf.templates import build_workbook

    path = build_workbook(tmp_path / "空白.xlsx", data=example_department())  # no cached results yet
    with_formulas = read(path)
    values_only = read(path)
    for sheet in values_only.sheets:
        sheet.formulas = None
    file_plan = build_plan(with_formulas)
    remote_plan = build_plan(values_only)
    formula_cells = {(s.name, r, c) for s in with_formulas.sheets for (r, c) in s.formulas}
    remote = {(w.sheet, w.row, w.col): w for w in remote_plan.writes}
    for key, w in remote.items():
        assert w.formula_cell == (key in formula_cells), key
    # the same cells, the same values, whichever way the workbook was read
    assert {(w.sheet, w.row, w.col, w.value) for w in file_plan.writes} == \
        {(w.sheet, w.row, w.col, w.value) for w in remote_plan.writes}


def test_rows_grow_to_show_their_notes(demo):
    """A wrapped note must be readable: its row gets the height the note needs (and a row
    of automatic height stays automatic, so it still grows with typed text)."""
    import re
    import zipfile

    sheet = read(demo).sheet(OVERALL)
    row = rows_by_name(sheet)["举办专场招聘会"]  # an OVER_TARGET warning sits in its 校验说明
    assert sheet.value(row, 12).startswith("【警告】实际完成值")
    with zipfile.ZipFile(demo) as z:
        xml = z.read("xl/worksheets/sheet2.xml").decode()
    tag = re.search(rf'<row r="{row + 1}"[^>]*>', xml).group(0)
    height = float(re.search(r'\bht="([\d.]+)"', tag).group(1))
    assert height >= 3 * 14.5  # the note takes three lines of the (unprinted) 校验说明 column
    assert 'customHeight="1"' not in tag
