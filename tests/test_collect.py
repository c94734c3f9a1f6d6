"""`xlperf collect`: the 汇总 of many department workbooks, checked against scores worked
out here by hand from the figures the test puts in (rules.md §3), not by the engine."""
import io
import posixpath
import shutil
import zipfile
from decimal import ROUND_HALF_UP, Decimal

import pytest
from fixtures import seeds
from fixtures.xlsx import write_workbook
from lo import errors_in, recalc_values
from lxml import etree
from openpyxl import load_workbook

from xlperf.actions import new_workbook
from xlperf.cli import main
from xlperf.collect.progress import Progress
from xlperf.example import example_department
from xlperf.templates import build_workbook

D = Decimal
CENT = D("0.01")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- the departments, and their scores worked out independently ---------------------

def ind(level1, level2, name, target, actual, weight, reason=None):
    row = {"level1": level1, "level2": level2, "name": name, "target": target,
           "actual": actual, "weight": weight}
    if reason:
        row["reason"] = reason  # a score below its weight is explained: no warning
    return row


def funds(budget, executed, basic_share="0.6"):
    b, e = D(budget), D(executed)
    bb, be = (b * D(basic_share)).quantize(CENT), (e * D(basic_share)).quantize(CENT)

    def row(label, vals, group=None):
        extra = {"group": group} if group else {}
        return {"label": label, "values": [str(v) for v in vals], **extra}

    return [row("年度资金总额", (b, b, e)),
            row("一般公共预算", (b, b, e), "按收入性质分"),
            row("政府性基金拨款", (0, 0, 0), "按收入性质分"),
            row("纳入专户管理的非税收入拨款", (0, 0, 0), "按收入性质分"),
            row("其他资金", (0, 0, 0), "按收入性质分"),
            row("基本支出", (bb, bb, be), "按支出性质分"),
            row("项目支出", (b - bb, b - bb, e - be), "按支出性质分")]


def project(name, budget, executed, indicators):
    b, e = D(budget), D(executed)
    return {"name": name, "owner": "", "implementer": "实施单位", "exec_weight": "10",
            "goal": {"expected": "按计划实施", "actual": "已实施"}, "indicators": indicators,
            "funds": [{"label": "年度资金总额", "values": [str(b), str(b), str(e)]},
                      {"label": "其中：本年财政拨款", "values": [str(b), str(b), str(e)]},
                      {"label": "上年结转资金", "values": ["0", "0", "0"]},
                      {"label": "其他资金", "values": ["0", "0", "0"]}]}


DEPARTMENTS = {  # file name → (部门, 全年预算数, 全年执行数, indicators, projects)
    "教育局.xlsx": ("测试县教育局", "1000", "950", [
        ind("产出指标", "数量指标", "培训人数", "≥100人", "90人", "20", "部分学员因故未参训"),
        ind("产出指标", "质量指标", "合格率", "100%", "100%", "30"),
        ind("效益指标", "社会效益指标", "群众知晓率", "≥95%", "96%", "30"),
        ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%", "85%", "10", "宣传不到位"),
    ], [project("校舍维修", "100", "90", [
        ind("产出指标", "数量指标", "维修校舍数", "≥10个", "10个", "50"),
        ind("效益指标", "社会效益指标", "安全达标率", "≥95%", "100%", "30"),
        ind("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "95%", "10")])]),
    "水利局.xlsx": ("测试县水利局", "500", "400", [
        ind("产出指标", "数量指标", "清淤河道", "≥100公里", "50公里", "20", "汛期延误"),
        ind("产出指标", "时效指标", "完工时限", "≤10天", "12天", "30", "雨季停工"),
        ind("效益指标", "社会效益指标", "受益人口覆盖率", "≥95%", "96%", "30"),
        ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "72%", "10", "施工扰民"),
    ], [project("农田水利", "300", "150", [
        ind("产出指标", "数量指标", "新建渠道", "≥20公里", "20公里", "50"),
        ind("效益指标", "社会效益指标", "灌溉保证率", "≥80%", "60%", "30", "旱情"),
        ind("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "90%", "10")])]),
    # the same department name as 教育局.xlsx: a second submission, both rows are kept
    "教育局-补报.xlsx": ("测试县教育局", "200", "210", [
        ind("产出指标", "数量指标", "培训人数", "≥100人", "120人", "20"),
        ind("产出指标", "质量指标", "合格率", "100%", "100%", "30"),
        ind("效益指标", "社会效益指标", "群众知晓率", "≥95%", "99%", "30"),
        ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", "10"),
    ], []),
}
UNREFRESHED = "水利局.xlsx"  # built from the template and never refreshed: no cached scores


def figure(text: str) -> D:
    return D("".join(ch for ch in text if ch.isdigit() or ch == "."))


def indicator_score(target: str, actual: str, weight: str) -> D:
    """rules.md §3.2: forward B ≥ A → w, else B/A × w; reverse (≤) B ≤ A → w, else A/B × w."""
    a, b, w = figure(target), figure(actual), D(weight)
    share = min(a / b, D(1)) if target.startswith("≤") else min(b / a, D(1))
    return (share * w).quantize(CENT, ROUND_HALF_UP)


def total_score(budget: str, executed: str, indicators) -> D:
    """rules.md §3.1 and §3.4: min(执行率, 1) × 10 + every indicator's score."""
    exec_score = (min(D(executed) / D(budget), D(1)) * 10).quantize(CENT, ROUND_HALF_UP)
    return exec_score + sum(indicator_score(i["target"], i["actual"], i["weight"])
                            for i in indicators)


def grade(score: D) -> str:
    return "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差"


EXPECTED = {f: total_score(b, e, inds) for f, (_, b, e, inds, _) in DEPARTMENTS.items()}
EXPECTED_PROJECTS = {p["name"]: total_score(p["funds"][0]["values"][1], p["funds"][0]["values"][2],
                                            p["indicators"])
                     for *_, projects in DEPARTMENTS.values() for p in projects}


def test_the_hand_computed_scores_are_what_the_rules_say():
    # 教育局: 9.50 + 18.00 + 30 + 30 + 9.44; 水利局: 8.00 + 10.00 + 25.00 + 30 + 8.00;
    # 农田水利: 5.00 + 50 + 22.50 + 10
    assert {"教育局.xlsx": D("96.94"), "水利局.xlsx": D("81.00"),
                        "教育局-补报.xlsx": D("100.00")} == EXPECTED
    assert {"校舍维修": D("99.00"), "农田水利": D("87.50")} == EXPECTED_PROJECTS


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("collect") / "各部门"
    (root / "乡镇").mkdir(parents=True)
    for name, (dept, budget, executed, indicators, projects) in DEPARTMENTS.items():
        data = example_department()
        data["dept"] = dept
        data["overall"]["funds"] = funds(budget, executed)
        data["overall"]["tasks"] = []
        data["overall"]["indicators"] = indicators
        data["projects"] = [dict(p, owner=dept) for p in projects]
        target = (root / "乡镇" / name) if name == "教育局-补报.xlsx" else root / name
        if name == UNREFRESHED:
            build_workbook(target, data=data)  # formulas without cached results
        else:
            new_workbook(target, data=data)
    # a table a department typed itself, with a 评分表 and no 附件2 (no department name)
    write_workbook(root / "某局评分表.xlsx", seeds.seed004_scoring())
    # only a 三公经费 table: no 总分 anywhere, listed last and unranked
    write_workbook(root / "某局三公经费.xlsx", seeds.seed002_sangong())
    (root / "~$教育局.xlsx").write_bytes(b"lock")  # Excel's lock file: skipped
    (root / "说明.txt").write_text("各部门自评表", encoding="utf-8")
    return root


def rows_of(path, sheet):
    wb = load_workbook(path, read_only=True)
    try:
        rows = [list(r) for r in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()
    width = max(map(len, rows), default=0)
    return [r + [None] * (width - len(r)) for r in rows]  # blank rows come back short


def all_values(path):
    wb = load_workbook(path, read_only=True)
    try:
        return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    finally:
        wb.close()


def table(rows, header_row=2):
    """The data rows under the header (3rd row) as dicts, up to the blank row."""
    header = rows[header_row]
    out = []
    for r in rows[header_row + 1:]:
        if all(v is None for v in r):
            break
        out.append(dict(zip(header, r)))
    return out


@pytest.fixture(scope="module")
def summary(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "汇总.xlsx"
    code = main(["collect", str(folder), "-o", str(out), "--jobs", "2"])
    return out, code


def test_one_row_per_workbook_with_independently_computed_scores(summary, folder):
    out, code = summary
    depts = table(rows_of(out, "部门汇总"))
    by_file = {r["文件"].replace("\\", "/").rsplit("/", 1)[-1]: r for r in depts}
    assert set(by_file) == set(DEPARTMENTS) | {"某局评分表.xlsx", "某局三公经费.xlsx"}
    for name, (dept, budget, executed, _, _) in DEPARTMENTS.items():
        row = by_file[name]
        assert row["部门"] == dept
        assert row["年度"] == 2024
        assert row["表"] == "整体支出自评表"
        assert D(str(row["总分"])) == EXPECTED[name], name
        assert row["等级"] == grade(EXPECTED[name])
        assert D(str(row["全年预算数"])) == D(budget) and D(str(row["全年执行数"])) == D(executed)
        rate = (D(executed) / D(budget)).quantize(D("0.0001"), ROUND_HALF_UP)
        assert D(str(row["执行率"])) == rate
    # sorted by 总分, ranked 1, 2, 3 …; the typed 评分表 names its table and falls back
    # to the file name for the department
    totals = [r["总分"] for r in depts[:-1]]
    assert totals == sorted(totals, reverse=True)
    assert [r["排名"] for r in depts] == [1, 2, 3, 4, None]
    last = depts[-1]
    assert last["文件"].endswith("某局三公经费.xlsx") and last["总分"] is None
    assert last["表"] is None and "未找到" in last["备注"]
    typed = by_file["某局评分表.xlsx"]
    assert typed["表"] == "评分表" and typed["部门"] == "某局评分表"
    assert "文件名" in typed["备注"]
    # the unrefreshed workbook is ranked by what a refresh computes, not by its blank cells
    assert by_file[UNREFRESHED]["总分"] == pytest.approx(81.0)


def test_duplicate_department_names_are_both_kept_and_marked(summary):
    out, _ = summary
    edu = [r for r in table(rows_of(out, "部门汇总")) if r["部门"] == "测试县教育局"]
    assert len(edu) == 2
    assert {D(str(r["总分"])) for r in edu} == {D("96.94"), D("100.00")}
    assert all("重复" in r["备注"] for r in edu)
    assert len({r["文件"] for r in edu}) == 2


def test_totals_are_decimal_sums_of_the_rows(summary):
    out, _ = summary
    rows = rows_of(out, "部门汇总")
    depts = table(rows)
    total_row = next(r for r in rows if isinstance(r[1], str) and r[1].startswith("合计"))
    header = rows[2]
    total = dict(zip(header, total_row))
    budgets = [D(b) for _, b, _, _, _ in DEPARTMENTS.values()]
    executed = [D(e) for _, _, e, _, _ in DEPARTMENTS.values()]
    assert D(str(total["全年预算数"])) == sum(budgets) == D(1700)
    assert D(str(total["全年执行数"])) == sum(executed) == D(1560)
    assert D(str(total["执行率"])) == (D(1560) / D(1700)).quantize(D("0.0001"), ROUND_HALF_UP)
    assert total["错误数"] == sum(r["错误数"] for r in depts)
    mean_row = next(r for r in rows if isinstance(r[1], str) and r[1].startswith("平均总分"))
    scored = [D(str(r["总分"])) for r in depts if r["总分"] is not None]
    assert D(str(dict(zip(header, mean_row))["总分"])) == (sum(scored) / len(scored)).quantize(
        CENT, ROUND_HALF_UP)


def test_project_sheet_ranks_every_project_sheet(summary):
    out, _ = summary
    projects = table(rows_of(out, "项目汇总"))
    by_name = {r["项目"]: r for r in projects}
    assert set(by_name) == set(EXPECTED_PROJECTS)
    for name, score in EXPECTED_PROJECTS.items():
        assert D(str(by_name[name]["总分"])) == score
        assert by_name[name]["等级"] == grade(score)
    assert by_name["农田水利"]["部门"] == "测试县水利局"
    assert [r["项目"] for r in projects] == ["校舍维修", "农田水利"]
    assert [r["排名"] for r in projects] == [1, 2]


def test_every_finding_of_every_file_is_listed(summary, folder):
    out, code = summary
    listed = table(rows_of(out, "全部问题"), header_row=0)
    expected = []
    for path in sorted(folder.rglob("*.xlsx")):
        if path.name.startswith("~$"):
            continue
        expected += [(str(path), f.sheet, f.cell, f.code) for f in _refreshed_findings(path)]
    assert sorted((r["文件"], r["工作表"], r["单元格"], r["代码"]) for r in listed) == sorted(expected)
    assert [r["序号"] for r in listed] == list(range(1, len(listed) + 1))
    assert {r["级别"] for r in listed} <= {"错误", "警告", "提示"}
    # the typed 评分表 has errors (seed 004's 得3分 against 4), so the status is 1
    assert any(r["级别"] == "错误" for r in listed) and code == 1


def _refreshed_findings(path):
    """What the 汇总 lists: the findings of the file's refresh plan, here through the
    `refresh` action on a copy (the collect code is not involved)."""
    from xlperf.actions import refresh_file

    copy = path.with_name(".copy-" + path.name)
    try:
        return refresh_file(path, out=copy).findings
    finally:
        copy.unlink(missing_ok=True)


def test_status_and_messages(capsys, folder, tmp_path):
    code, out, err = run(capsys, "collect", folder, "-o", tmp_path / "汇总.xlsx", "--jobs", "1")
    assert code == 1
    assert "已汇总 5 个部门工作簿" in out
    assert "~$教育局.xlsx" in err and "说明.txt" in err  # skipped, a line each


def test_jobs_1_and_jobs_2_give_the_same_summary(summary, folder, tmp_path):
    out2, _ = summary
    out1 = tmp_path / "汇总-1.xlsx"
    assert main(["collect", str(folder), "-o", str(out1), "--jobs", "1"]) == 1
    assert all_values(out1) == all_values(out2)


def test_a_broken_file_is_listed_and_the_rest_summarised(capsys, folder, tmp_path):
    mixed = tmp_path / "mixed"
    shutil.copytree(folder, mixed)
    (mixed / "坏文件.xlsx").write_text("这不是工作簿", encoding="utf-8")
    code, out, err = run(capsys, "collect", mixed, "-o", tmp_path / "汇总.xlsx")
    assert code == 2
    assert "坏文件.xlsx" in err and "不是 Excel 工作簿" in err and "Traceback" not in err
    assert len(table(rows_of(tmp_path / "汇总.xlsx", "部门汇总"))) == 5
    unreadable = table(rows_of(tmp_path / "汇总.xlsx", "无法读取"), header_row=0)
    assert [r["文件"].endswith("坏文件.xlsx") for r in unreadable] == [True]
    assert "不是 Excel 工作簿" in unreadable[0]["原因"]


def test_an_empty_folder_is_a_clear_error(capsys, tmp_path):
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    code, out, err = run(capsys, "collect", empty, "-o", tmp_path / "汇总.xlsx")
    assert code == 2
    assert "没有找到可汇总的 .xlsx/.xlsm 工作簿" in err and "Traceback" not in err
    assert err.count("\n") == 1 and out == ""
    assert not (tmp_path / "汇总.xlsx").exists()


def test_wrong_arguments_exit_2(capsys, folder, tmp_path):
    assert run(capsys, "collect", folder, "-o", tmp_path / "汇总.csv")[0] == 2
    assert run(capsys, "collect", folder, "-o", tmp_path / "汇总.xlsx", "--jobs", "0")[0] == 2
    code, _, err = run(capsys, "collect", tmp_path / "不存在", "-o", tmp_path / "汇总.xlsx")
    assert code == 2 and "不存在" in err


def test_a_second_run_into_the_same_folder_skips_its_own_summary(capsys, folder, tmp_path):
    here = tmp_path / "here"
    shutil.copytree(folder, here)
    target = here / "汇总.xlsx"
    run(capsys, "collect", here, "-o", target, "--jobs", "1")
    code, out, err = run(capsys, "collect", here, "-o", target, "--jobs", "1")
    assert "汇总.xlsx：这是本次要写入的汇总表，已跳过" in err
    assert len(table(rows_of(target, "部门汇总"))) == 5


def test_an_open_summary_is_refused_before_any_work(capsys, folder, tmp_path):
    (tmp_path / "~$汇总.xlsx").write_bytes(b"lock")
    code, _, err = run(capsys, "collect", folder, "-o", tmp_path / "汇总.xlsx")
    assert code == 2 and "Excel 中打开" in err


def resolve(source_part, target):
    """A relationship target as a zip member name (targets may be absolute, `/xl/…`)."""
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def test_the_summary_has_its_two_native_charts(summary):
    out, _ = summary
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        wb = etree.fromstring(z.read("xl/workbook.xml"))
        rels = {r.get("Id"): r.get("Target")
                for r in etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
        main_ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
        rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        sheet = next(s for s in wb.iter(main_ns + "sheet") if s.get("name") == "统计图表")
        part = resolve("xl/workbook.xml", rels[sheet.get(rid)])
        sheet_xml = etree.fromstring(z.read(part))
        drawing_el = sheet_xml.find(main_ns + "drawing")
        assert drawing_el is not None  # the sheet shows a drawing …
        sheet_rels = etree.fromstring(z.read(posixpath.join(posixpath.dirname(part), "_rels",
                                                            posixpath.basename(part) + ".rels")))
        drawing = resolve(part, next(r.get("Target") for r in sheet_rels
                                     if r.get("Id") == drawing_el.get(rid)))
        drawing_rels = etree.fromstring(z.read(posixpath.join(
            posixpath.dirname(drawing), "_rels", posixpath.basename(drawing) + ".rels")))
        charts = [resolve(drawing, r.get("Target")) for r in drawing_rels
                  if r.get("Type", "").endswith("/chart")]
        assert len(charts) == 2 and set(charts) <= names  # … holding two chart parts
        c_ns = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
        kinds = {}
        for c in charts:
            xml = etree.fromstring(z.read(c))
            plot = xml.find(f"{c_ns}chart/{c_ns}plotArea")
            kinds.update({el.tag[len(c_ns):]: [f.text for f in el.iter(c_ns + "f")]
                          for el in plot if el.tag in (c_ns + "barChart", c_ns + "pieChart")})
        assert set(kinds) == {"barChart", "pieChart"}
        for refs in kinds.values():  # categories and values, from the chart sheet's tables
            assert refs and all(f.startswith("'统计图表'!") for f in refs)


@pytest.mark.libreoffice
def test_the_summary_opens_in_libreoffice_without_error_values(summary):
    # recalc_values skips without soffice on a laptop and fails under CI
    out, _ = summary
    values = recalc_values(out)
    assert errors_in(values) == []
    assert {"部门汇总", "项目汇总", "统计图表", "全部问题"} <= set(values)
    assert any("测试县水利局" in str(v) for row in values["部门汇总"] for v in row)


def test_progress_bar_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        bar = Progress(3, stream=stream)
        for _ in range(3):
            bar.advance()
        bar.message("坏.xlsx：文件已损坏")
        bar.close()
    assert "3/3" in tty.getvalue() and "100%" in tty.getvalue()
    assert pipe.getvalue() == "坏.xlsx：文件已损坏\n"  # only the message, no bar
