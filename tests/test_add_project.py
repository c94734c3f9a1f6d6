"""add-project gives a blank project: nothing a refresh computed or noted on the copied
sheet comes along (no score, 等级, note), the defaults do (主管部门, the 预算执行率 分值);
the refresh and the 汇总 then see an empty, unranked project."""
import openpyxl
import pytest
from fixtures.summary import summary_rows

from xlperf.actions import add_project, new_workbook, read, refresh_file
from xlperf.cli import main
from xlperf.collect import collect
from xlperf.example import example_department

NEW = "项目-新项目"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def filled(tmp_path):
    path = tmp_path / "示例.xlsx"
    new_workbook(path, data=example_department())
    return path


def test_the_copy_of_a_filled_project_is_blank(capsys, filled):
    source = next(s for s in read(filled).sheets if s.name.startswith("项目-"))
    code, out, err = run(capsys, "add-project", filled, "--name", "新项目")
    assert code == 0, err
    sheet = read(filled).sheet(NEW)
    assert sheet.value(1, 4) == "新项目"
    assert sheet.value(2, 4) == source.value(2, 4) == "示例县人力资源和社会保障局"  # 主管部门 kept
    assert sheet.value(5, 7) == 10  # the 预算执行率 分值
    assert sheet.value(3, 4) is None  # 实施单位: the source project's, gone
    score_col, note_col = 8, 12
    assert all(sheet.value(r, score_col) is None for r in range(12, sheet.n_rows)), "a score was copied"
    assert all(sheet.value(r, 9) is None for r in range(5, 9)), "the 资金 block's score was copied"
    assert all(not str(sheet.value(r, note_col) or "").startswith("【") for r in range(sheet.n_rows))

    code, out, err = run(capsys, "refresh", filled)
    assert NEW not in out  # no 总分 line for an empty sheet
    summary = next(s for s in refresh_file(filled).summary["sheets"] if s["sheet"] == NEW)
    assert summary["total"] is None and summary["grade"] is None


def test_the_new_project_is_unranked_in_the_summary(filled, tmp_path):
    add_project(filled, "新项目")
    refresh_file(filled)
    out = tmp_path / "汇总.xlsx"
    collect([filled], out, jobs=1, progress=False)
    rows = summary_rows(out, "项目汇总")
    new = [r for r in rows if r["项目"] == "新项目"]
    assert new and new[0]["排名"] is None and new[0]["总分"] is None and new[0]["等级"] is None
    scored = [r for r in rows if r["总分"] is not None]
    assert [r["排名"] for r in scored] == sorted(r["排名"] for r in scored)


def test_a_blank_template_project_copies_blank(capsys, tmp_path):
    path = tmp_path / "空.xlsx"
    assert run(capsys, "new", "--dept", "示例局", "--year", "2024", "-o", path)[0] == 0
    assert run(capsys, "add-project", path, "--name", "乙")[0] == 0
    wb = read(path)
    a, b = wb.sheet("项目-项目1"), wb.sheet("项目-乙")
    # formulas' cached results are left to the spreadsheet to recompute in the copy
    differ = [(r, c) for r in range(a.n_rows) for c in range(a.n_cols)
              if a.value(r, c) != b.value(r, c) and (r, c) != (1, 4) and (r, c) not in a.formulas]
    assert differ == [] and a.formulas == b.formulas


def test_a_workbook_without_project_sheets_gets_the_templates(capsys, tmp_path):
    path = tmp_path / "零.xlsx"
    assert run(capsys, "new", "--dept", "示例局", "--region", "示例县", "--year", "2024", "--projects", "0",
               "-o", path)[0] == 0
    code, out, err = run(capsys, "add-project", path, "--name", "新项目")
    assert code == 0, err
    wb = read(path)
    assert wb.sheet_names[:3] == ["附件1 基础数据表", "附件2 整体支出自评表", NEW]
    # the same sheet, values, formulas and formats, as the builder makes for one project
    from xlperf.templates import build_workbook

    built = build_workbook(tmp_path / "模板.xlsx", dept="示例局", region="示例县", year=2024, projects=["新项目"])
    ours, theirs = wb.sheet(NEW), read(built).sheet(NEW)
    assert ours.rows == theirs.rows and ours.formulas == theirs.formulas
    mine, template = openpyxl.load_workbook(path)[NEW], openpyxl.load_workbook(built)[NEW]

    def look(c):
        return (c.number_format, c.font.b, c.font.sz, c.fill.fgColor.rgb, c.border.left.style,
                c.alignment.wrap_text, c.alignment.horizontal)

    for row in template.iter_rows():
        for c in row:
            assert look(mine[c.coordinate]) == look(c), c.coordinate
    assert mine.print_title_rows == template.print_title_rows
    assert [str(m) for m in mine.merged_cells.ranges] == [str(m) for m in template.merged_cells.ranges]
    # and the refresh sees an empty project
    code, out, err = run(capsys, "refresh", path)
    assert NEW not in out


@pytest.mark.libreoffice
def test_libreoffice_opens_the_inserted_template_sheet(capsys, tmp_path):
    from lo import errors_in, recalc_values

    path = tmp_path / "零.xlsx"
    run(capsys, "new", "--dept", "示例局", "--year", "2024", "--projects", "0", "-o", path)
    run(capsys, "add-project", path, "--name", "新项目")
    shown = recalc_values(path)
    assert errors_in(shown) == [] and shown[NEW][1][4] == "新项目"


def test_a_new_workbook_and_an_added_project_ask_for_nothing_yet(capsys, tmp_path):
    path = tmp_path / "新.xlsx"
    run(capsys, "new", "--dept", "示例局", "--year", "2024", "-o", path)
    code, out, err = run(capsys, "check", path)
    assert code == 0 and "错误 0" in out
    run(capsys, "add-project", path, "--name", "乙")
    code, out, err = run(capsys, "refresh", path)
    assert "错误 0" in out
    assert all(not str(v or "").startswith("【") for row in read(path).sheet("项目-乙").rows for v in row)
    # once a figure is typed, the blank required ones are asked for
    from xlperf.plan import CellWrite, Plan
    from xlperf.xlsx import apply_plan

    apply_plan(path, Plan([CellWrite("项目-乙", 5, 5, 100)]))  # 全年预算数 only
    code, out, err = run(capsys, "check", "--json", path)
    import json

    missing = [(f["sheet"], f["cell"]) for f in json.loads(out) if f["code"] == "MISSING_VALUE"]
    assert missing == [("项目-乙", "G6")]
