"""The department workbook (xlperf.templates) against docs/layout.md and tables.md.

Oracles from outside the code under test: the header texts of the layout contract, the
example department's figures recomputed here with Decimal, and LibreOffice, which
recalculates every formula and prints the sheets.
"""
from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from lo import errors_in, recalc_values
from openpyxl import load_workbook
from printout import page_size, page_text, pages, sheet_pdf
from python_calamine import CalamineWorkbook

from xlperf import TEMPLATE_VERSION
from xlperf.templates import (
    COMPUTED_FILL,
    INPUT_FILL,
    TEMPLATE_SHEETS,
    build_workbook,
    project_sheet_names,
    regenerate_shipped,
    sheet_order,
)

D = Decimal
DATA_FILE = Path(__file__).resolve().parents[1] / "xlperf" / "data" / "example_department.json"
EXAMPLE = json.loads(DATA_FILE.read_text("utf-8"))

BASIC, OVERALL, SCORING, SURVEY, SANGONG, RESULTS, GUIDE = (
    "附件1 基础数据表", "附件2 整体支出自评表", "评分表", "满意度问卷", "三公经费对比", "校验结果", "说明")
PROJECTS = ["项目-城乡居民代缴困难人员养老保险资金", "项目-就业补助资金"]
FOOTER = "填表人：　　　填报日期：　　　联系电话：　　　单位负责人签字："
TIERS = ("达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差")

GOAL = ("年度总体目标", "预期目标", "实际完成情况", "校验说明")
INDICATORS = ("绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "实际完成值",
              "分值", "自评得分", "档次", "偏差原因分析及改进措施", "校验说明")
# every table's header row exactly as docs/layout.md spells it, 校验说明 last
HEADER_ROWS = {
    BASIC: [
        ("财政供养人员情况（人）", "编制数", "2023年实际在职人数", "控制率", "校验说明"),
        ("经费控制情况（万元）", "2023年决算数", "2024年预算数", "2024年决算数", "校验说明"),
        ("楼堂馆所控制情况（2023年完工项目）", "批复规模（m²）", "实际规模（m²）", "规模控制率",
         "预算投资（万元）", "实际投资（万元）", "投资概算控制率", "校验说明"),
    ],
    OVERALL: [
        ("年度预算申请（万元）", "项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率",
         "自评得分", "校验说明"),
        ("任务名称", "主要内容", "完成情况", "全年预算数（万元）", "全年执行数（万元）", "执行率",
         "校验说明"),
        ("总额", "财政拨款", "其他资金", "总额", "财政拨款", "其他资金"),
        GOAL,
        INDICATORS,
    ],
    "project": [
        ("项目资金（万元）", "项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
         "校验说明"),
        GOAL,
        INDICATORS,
    ],
    SCORING: [
        ("一级指标", "二级指标", "三级指标", "指标解释", "评分标准", "评分数据（实际）", "评分数据（计划）",
         "计算值", "得分原因", "得分", "校验说明"),
        ("一级指标", "分值", "得分", "得分率", "校验说明"),
    ],
    SURVEY: [("选项", "小计", "比例", "校验说明")],
    SANGONG: [("指标", "本年度", "年初预算", "上年度", "比上年增减", "比上年增减%", "说明", "校验说明")],
    RESULTS: [("序号", "工作表", "单元格", "级别", "代码", "说明", "应为", "实为")],
}
# tables.md: the keywords by which the engine recognises each table (all required)
KEYWORDS = {
    BASIC: [("编制数", "实际在职人数", "控制率"), ("决算数", "预算数")],
    OVERALL: [("全年预算数", "全年执行数", "执行率", "得分"), ("任务名称", "全年预算数", "全年执行数", "执行率"),
              ("年度指标值", "实际完成值", "分值", "得分", "三级指标")],
    "project": [("全年预算数", "全年执行数", "执行率", "得分"),
                ("年度指标值", "实际完成值", "分值", "得分", "三级指标")],
    SCORING: [("一级指标", "二级指标", "三级指标", "评分标准", "得分"), ("一级指标", "分值", "得分", "得分率")],
    SURVEY: [("选项", "小计", "比例")],
    SANGONG: [("本年度", "年初预算", "上年度", "比上年增减")],
}
ALLOWED_FUNCTIONS = {"IFERROR", "IF", "ROUND", "MIN", "SUM", "COUNT"}


def q(value, places: int) -> Decimal:
    return D(value).quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)


def cell_decimal(value) -> Decimal:
    assert isinstance(value, (int, float)) and not isinstance(value, bool), value
    return D(repr(value))


def grids(path: Path) -> dict[str, list[list]]:
    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def text(v) -> str:
    return v.strip() if isinstance(v, str) else ""


def row_of(grid, label: str, start: int = 0) -> int:
    for r in range(start, len(grid)):
        if any(text(v) == label for v in grid[r]):
            return r
    raise AssertionError(f"no row labelled {label!r}")


def col_of(grid, row: int, header: str) -> int:
    for c, v in enumerate(grid[row]):
        if text(v) == header:
            return c
    raise AssertionError(f"no {header!r} in row {row + 1}: {grid[row]}")


def non_empty(row) -> tuple:
    return tuple(text(v) for v in row if text(v))


def at(grid, row_label: str, header_row_label: str, header: str, start: int = 0):
    """The value under `header` (in the header row holding `header_row_label`) on the row
    labelled `row_label` below it."""
    h = row_of(grid, header_row_label, start)
    return grid[row_of(grid, row_label, h + 1)][col_of(grid, h, header)]


# --- fixtures --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("books")
    return {
        "example": build_workbook(root / "example.xlsx", data=EXAMPLE),
        "blank": build_workbook(root / "blank.xlsx", region="XX县", year=2024, projects=3),
    }


@pytest.fixture(scope="module")
def recalculated(books) -> dict[str, dict]:
    """Grids of the workbooks after LibreOffice recalculated every formula (tests/lo.py):
    empty cells are None, error results their text (calamine alone reads them as empty)."""
    return {key: recalc_values(path) for key, path in books.items()}


# --- sheets and headers ------------------------------------------------------------------

def test_sheets_in_layout_order(books):
    assert load_workbook(books["example"], read_only=True).sheetnames == [
        BASIC, OVERALL, *PROJECTS, SCORING, SURVEY, SANGONG, RESULTS, GUIDE]
    assert load_workbook(books["blank"], read_only=True).sheetnames == sheet_order(
        ["项目-项目1", "项目-项目2", "项目-项目3"])
    assert TEMPLATE_SHEETS == (BASIC, OVERALL, SCORING, SURVEY, SANGONG, RESULTS, GUIDE)


@pytest.mark.parametrize("which", ["example", "blank"])
def test_header_rows_match_the_contract(books, which):
    g = grids(books[which])
    for sheet, grid in g.items():
        key = "project" if sheet.startswith("项目-") else sheet
        rows = {non_empty(r) for r in grid}
        for header in HEADER_ROWS.get(key, []):
            assert header in rows, f"{sheet}: header {header} missing"
        for keywords in KEYWORDS.get(key, []):
            assert any(all(any(k in cell for cell in r) for k in keywords) for r in rows), \
                f"{sheet}: no header row with {keywords}"


def test_titles_and_labels(books):
    g = grids(books["example"])
    assert g[BASIC][0][0] == "示例县2024年度部门整体支出绩效评价基础数据表"
    assert g[OVERALL][0][0] == "示例县2024年度部门整体支出绩效自评表"
    assert g[PROJECTS[0]][0][0] == "示例县2024年度项目支出绩效自评表"
    assert g[SCORING][0][0] == "示例县2024年度部门整体支出绩效评价指标体系评分表"
    assert g[SANGONG][0][0] == "“三公经费”与年初预算、上年度收支情况对比说明（元）"
    assert g[RESULTS][0][0] == "校验结果"
    a2 = g[OVERALL]
    assert non_empty(a2[row_of(a2, "部门（单位）名称")]) == ("部门（单位）名称", EXAMPLE["dept"])
    for label in ("年度资金总额", "按收入性质分：", "一般公共预算", "政府性基金拨款", "纳入专户管理的非税收入拨款",
                  "其他资金", "按支出性质分：", "基本支出", "项目支出", "金额合计", "总分", "等级"):
        row_of(a2, label)
    for label in ("产出指标（50分）", "效益指标（30分）", "满意度指标（10分）"):
        row_of(a2, label)
    p = g[PROJECTS[0]]
    for label in ("项目名称", "主管部门", "实施单位", "其中：本年财政拨款", "上年结转资金", "其他资金"):
        row_of(p, label)
    assert non_empty(p[row_of(p, "项目名称")])[1] == EXAMPLE["projects"][0]["name"]
    b = g[BASIC]
    labels = [text(r[0]) for r in b]
    fixed = ["三公经费", "1、公务用车购置和维护经费", "其中：公车购置", "公车运行维护", "2、出国经费", "3、公务接待",
             "项目支出", "1、社保基金风险防控工作经费", "2、劳动保障监察两网化建设", "3、劳动人事争议仲裁经费", "……",
             "公用经费", "其中：办公经费", "水费、电费、差旅费", "会议费、培训费", "政府采购金额", "部门基本支出预算调整"]
    start = labels.index("三公经费")
    assert labels[start:start + len(fixed)] == fixed
    row_of(b, "厉行节约保障措施")
    s = g[SCORING]
    for label in ("决策（15）", "目标设定（9）", "年度绩效目标合理性（3）", "过程（24）", "产出（33）", "效益（28）"):
        row_of(s, label)
    v = g[SURVEY]
    assert [x for x in v[row_of(v, "选项分值")] if x != ""] == ["选项分值", "A", 10, "B", 7, "C", 4, "D", 0]
    assert text(v[row_of(v, "第1题 " + EXAMPLE["survey"]["questions"][0]["text"])][0])
    for label in ("本题得分", "问卷得分合计", "综合满意率"):
        row_of(v, label)


def test_blank_template_uses_placeholders(books):
    g = grids(books["blank"])
    assert g[OVERALL][0][0] == "XX县2024年度部门整体支出绩效自评表"
    b = [text(r[0]) for r in g[BASIC]]
    assert b[b.index("项目支出") + 1:b.index("项目支出") + 5] == ["1、", "2、", "3、", "……"]
    p = g["项目-项目1"]
    assert non_empty(p[row_of(p, "项目名称")]) == ("项目名称",)  # the name is the user's to type
    # tables.md default groups, two blank rows each
    for label in ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
                  "可持续影响指标", "服务对象满意度指标"):
        row_of(g[OVERALL], label)
    assert sum(text(r[0]).startswith("第") and "题" in text(r[0]) for r in g[SURVEY]) == 10
    # 评分数据 arrive blank (no made-up "all elements met"); the 满意度 row links the survey
    sc = g[SCORING]
    h = row_of(sc, "评分数据（实际）")
    cols = (col_of(sc, h, "评分数据（实际）"), col_of(sc, h, "评分数据（计划）"))
    filled = [text(r[2]) for r in sc[h + 1:row_of(sc, "得分率")] if any(r[c] not in ("", None) for c in cols)]
    assert filled == ["服务对象满意度（4）"]


def test_every_sheet_but_results_and_guide_ends_with_the_footer(books):
    for sheet, grid in grids(books["example"]).items():
        last = [r for r in grid if non_empty(r)][-1]
        if sheet in (RESULTS, GUIDE):
            assert FOOTER not in non_empty(last)
        else:
            assert non_empty(last) == (FOOTER,), sheet
    assert load_workbook(books["example"])[RESULTS].oddFooter.left.text == FOOTER


# --- cell roles, formulas and values written ------------------------------------------

def _formulas(ws):
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("="):
                yield c


def _fill(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:] if cell.fill.fill_type == "solid" else ""


@pytest.mark.parametrize("which", ["example", "blank"])
def test_formulas_are_plain_excel_and_grey(books, which):
    wb = load_workbook(books[which])
    count = 0
    for ws in wb.worksheets:
        for c in _formulas(ws):
            count += 1
            functions = set(re.findall(r"([A-Z][A-Z0-9.]*)\(", c.value))
            assert functions <= ALLOWED_FUNCTIONS, (ws.title, c.coordinate, c.value)
            assert "XP_" not in c.value and "_xll" not in c.value
            assert _fill(c) == COMPUTED_FILL, (ws.title, c.coordinate)
        for row in ws.iter_rows():
            for c in row:
                if _fill(c) == INPUT_FILL:
                    assert not (isinstance(c.value, str) and c.value.startswith("=")), c.coordinate
    assert count > 100  # the layout has well over a hundred formula cells


def test_formula_text_follows_the_contract(books):
    wb = load_workbook(books["example"])
    ws = wb[OVERALL]
    g = grids(books["example"])[OVERALL]
    r = row_of(g, "年度资金总额") + 1
    assert ws[f"I{r}"].value == f'=IFERROR(G{r}/F{r},"")'
    assert ws[f"J{r}"].value == f'=IF(I{r}="","",ROUND(MIN(1,I{r})*H{r},2))'
    head = row_of(g, "一级指标") + 1
    total = row_of(g, "总分") + 1
    first, last = head + 1, total - 1
    assert ws[f"H{total}"].value == f"=H{r}+SUM(H{first}:H{last})"
    assert ws[f"I{total}"].value == (f'=IF(COUNT(J{r},I{first}:I{last})=0,"",'
                                     f'SUM(J{r},I{first}:I{last}))')
    t = f"I{total}"
    assert ws[f"I{total + 1}"].value == (
        f'=IF({t}="","",IF({t}>=90,"优",IF({t}>=80,"良",IF({t}>=60,"中","差"))))')
    for row in range(first, last + 1):  # indicator scores are the refresh's, never formulas
        assert ws[f"I{row}"].value in (None, 6)
        assert _fill(ws[f"I{row}"]) == COMPUTED_FILL and _fill(ws[f"H{row}"]) == INPUT_FILL
    task = row_of(g, "社保基金风险防控") + 1
    assert ws[f"F{task}"].value == f"=G{task}+H{task}"
    assert ws[f"I{task}"].value == f"=J{task}+K{task}"
    assert ws[f"L{task}"].value == f'=IFERROR(I{task}/F{task},"")'

    s = wb[SANGONG]
    assert s["B3"].value == "=SUM(B4:B6)" and s["E4"].value == "=B4-D4"
    assert s["F4"].value == '=IFERROR(E4/D4,"")'
    sc = grids(books["example"])[SCORING]
    sat = row_of(sc, "服务对象满意度（4）") + 1
    survey_rate = row_of(grids(books["example"])[SURVEY], "综合满意率") + 1
    assert wb[SCORING][f"F{sat}"].value == f"='满意度问卷'!$B${survey_rate}"
    assert wb[SCORING][f"G{sat}"].value == 1
    assert wb[SCORING][f"H{sat}"].value == f'=IFERROR(F{sat}/G{sat},"")'
    assert all(wb[SCORING][f"J{r}"].value is None for r in range(3, 37))


def test_inputs_are_numbers_and_texts_as_given(books):
    wb = load_workbook(books["example"])
    g = grids(books["example"])
    a2 = g[OVERALL]
    r = row_of(a2, "年度资金总额")
    assert [a2[r][c] for c in (4, 5, 6, 7)] == [979.39, 1715.12, 1696.51, 10]
    ws = wb[OVERALL]
    assert isinstance(ws.cell(r + 1, 6).value, float) and isinstance(ws.cell(r + 1, 8).value, int)
    ind = row_of(a2, "新增城镇就业人数")
    assert a2[ind][5:8] == ["≥6000人", "6240人", 5.0]
    qual = row_of(a2, "人才队伍建设")
    head = row_of(a2, "一级指标")
    assert [a2[qual][col_of(a2, head, h)] for h in ("自评得分", "档次", "偏差原因分析及改进措施")] == [
        6, TIERS[1], EXAMPLE["overall"]["indicators"][13]["reason"]]
    sc = g[SCORING]

    def pair(label):
        r = row_of(sc, label)
        return sc[r][5], sc[r][6]

    assert pair("编制人员控制率（2）") == (43.0, 44.0)           # keyed by preset name in the data
    assert pair("“三公”经费控制率（1）") == (2.0, 4.0)
    assert pair("年度工作计划明确性（2）") == (2.0, 4.0)          # listed: 2 of 4 elements met
    assert pair("年度绩效目标合理性（3）") == (3.0, 3.0)          # as the example's data says
    assert pair("资产管理安全性（2）") == (4.0, 4.0)
    v = g[SURVEY]
    first_q = row_of(v, "选项", row_of(v, "第1题 " + EXAMPLE["survey"]["questions"][0]["text"]))
    assert [v[first_q + i][1] for i in range(1, 5)] == [6, 0, 0, 0]
    assert v[row_of(v, "有效问卷数")][1] == 6


def test_fonts_and_print_setup(books):
    wb = load_workbook(books["example"])
    for ws in wb.worksheets:
        assert ws["A1"].font.b and ws["A1"].font.sz == 16 and ws["A1"].font.name == "宋体", ws.title
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    assert c.font.name == "宋体", (ws.title, c.coordinate)
                    assert c.font.sz in (11, 16), (ws.title, c.coordinate)
        ps = ws.page_setup
        assert ps.paperSize == 9 and ps.fitToWidth == 1, ws.title
        # the example's pages are counted (tests/test_printing.py); a list that grows flows
        assert (ps.fitToHeight == 0) == (ws.title == RESULTS), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    for name in (OVERALL, *PROJECTS, SCORING, SANGONG):
        assert wb[name].page_setup.orientation == "landscape", name
    header = row_of(grids(books["example"])[OVERALL], "一级指标") + 1
    assert wb[OVERALL].print_title_rows == f"${header}:${header}"
    assert wb[SCORING].print_title_rows == "$2:$2" and wb[SCORING].freeze_panes == "A3"
    a2 = wb[OVERALL]
    merged = {str(m) for m in a2.merged_cells.ranges}
    r = row_of(grids(books["example"])[OVERALL], "年度预算申请（万元）") + 1
    assert f"A{r}:A{r + 9}" in merged  # the vertical label spans the whole 资金 block
    assert a2[f"A{r}"].alignment.text_rotation == 255
    assert a2["F4"].number_format == "#,##0.00" and a2["I4"].number_format == "0.00%"
    assert a2["J4"].number_format == "0.00"


def _validations(ws) -> dict[str, list]:
    found: dict[str, list] = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in ws.iter_rows(min_row=rng.min_row, max_row=rng.max_row, min_col=rng.min_col,
                                    max_col=rng.max_col):
                for c in row:
                    found.setdefault(c.coordinate, []).append(dv)
    return found


def test_data_validations(books):
    wb = load_workbook(books["example"])
    g = grids(books["example"])
    for name in (OVERALL, PROJECTS[0]):
        dvs = _validations(wb[name])
        first = row_of(g[name], "一级指标") + 2
        last = row_of(g[name], "总分")
        for r in range(first, last + 1):
            (weight,) = dvs[f"H{r}"]
            assert (weight.type, weight.operator, weight.formula1) == (
                "decimal", "greaterThanOrEqual", "0")
            (tier,) = dvs[f"K{r}"]
            assert tier.type == "list" and tier.formula1 == '"' + ",".join(TIERS) + '"'
            (nature,) = dvs[f"E{r}"]
            assert nature.type == "list" and nature.formula1 == '"≥,≤,="'
        fund_row = row_of(g[name], "年度资金总额") + 1
        assert dvs[f"H{fund_row}"][0].type == "decimal"
    survey = _validations(wb[SURVEY])
    v = g[SURVEY]
    counts = [f"B{r + 1}" for r, row in enumerate(v) if re.match(r"^[A-D]\S", text(row[0]))]
    assert len(counts) == 40
    for address in counts + ["B2"]:
        (dv,) = survey[address]
        assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
    basic = _validations(wb[BASIC])
    assert basic["B3"][0].type == "whole" and basic["D3"][0].type == "whole"


def test_version_marker(books):
    wb = load_workbook(books["blank"])
    texts = [c.value for row in wb[GUIDE].iter_rows() for c in row if isinstance(c.value, str)]
    assert f"模板版本：{TEMPLATE_VERSION}" in texts
    assert any("财预〔2020〕10号" in t for t in texts) and any("财预〔2013〕53号" in t for t in texts)
    assert any("xlperf refresh" in t for t in texts) and any("刷新评分" in t for t in texts)
    legend = {_fill(c) for row in wb[GUIDE].iter_rows() for c in row if c.value == "示例"}
    assert legend == {INPUT_FILL, COMPUTED_FILL}
    assert wb.defined_names["xlperf_template_version"].attr_text == f'"{TEMPLATE_VERSION}"'
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props["xlperf_template_version"] == TEMPLATE_VERSION


def test_project_sheet_names_are_legal_and_unique(tmp_path):
    names = project_sheet_names(["a/b:c*d?[e]\\f", "长" * 40, "长" * 40, "", "'引号'"])
    assert names[0] == "项目-abcdef"
    assert names[1] == "项目-" + "长" * 28 and len(names[1]) == 31
    assert names[2] != names[1] and len(names[2]) <= 31 and names[2].endswith("(2)")
    assert names[3] == "项目-项目4" and names[4] == "项目-引号"
    path = build_workbook(tmp_path / "p.xlsx", year=2024, projects=["就业:补助/资金", "就业补助资金"])
    sheets = load_workbook(path, read_only=True).sheetnames
    assert sheets[2:4] == ["项目-就业补助资金", "项目-就业补助资金(2)"]


def test_regenerate_shipped(tmp_path):
    blank, example = regenerate_shipped(tmp_path)
    assert blank.name == "部门绩效自评模板.xlsx" and example.name == "示例-部门绩效自评.xlsx"
    wb = load_workbook(blank, read_only=True)
    assert [s for s in wb.sheetnames if s.startswith("项目-")] == ["项目-项目1", "项目-项目2", "项目-项目3"]
    assert grids(blank)[OVERALL][0][0] == "XX县2024年度部门整体支出绩效自评表"
    assert load_workbook(example, read_only=True).sheetnames[2:4] == PROJECTS
    # refreshed once, as `xlperf new` does: every formula carries its cached value, so a
    # check finds nothing stale (issue 15: the example used to show 205 STALE_SCORE hints)
    from xlperf.actions import check_file

    for path in (blank, example):
        codes = [f.code for f in check_file(path).findings]
        assert "STALE_SCORE" not in codes and "FORMULA_OVERWRITTEN" not in codes, (path.name, codes)
    assert [f.code for f in check_file(example).findings] == ["OVER_TARGET", "OVER_TARGET"]


# --- LibreOffice: recalculated values, error values, printout ---------------------------

@pytest.mark.libreoffice
def test_recalculated_values_match_decimal_arithmetic(recalculated):
    g = recalculated["example"]
    ov = EXAMPLE["overall"]

    # 附件2 资金: 执行率 = 全年执行数 ÷ 全年预算数; score = min(rate, 1) × 分值
    a2 = g[OVERALL]
    budget, executed = D(ov["funds"][0]["values"][1]), D(ov["funds"][0]["values"][2])
    rate = executed / budget
    assert q(rate, 4) == D("0.9891")
    assert q(cell_decimal(at(a2, "年度资金总额", "全年预算数", "执行率")), 4) == q(rate, 4)
    exec_score = q(min(rate, 1) * D(ov["exec_weight"]), 2)
    assert exec_score == D("9.89")
    assert q(cell_decimal(at(a2, "年度资金总额", "全年预算数", "自评得分")), 2) == exec_score
    for fund in ov["funds"][1:]:
        b, e = D(fund["values"][1]), D(fund["values"][2])
        got = at(a2, fund["label"], "全年预算数", "执行率")
        assert (got is None) if b == 0 else (q(cell_decimal(got), 4) == q(e / b, 4)), fund["label"]

    # 年度主要任务: 总额 = 财政拨款 + 其他资金, 金额合计 = Σ
    h = row_of(a2, "任务名称")
    total_row = a2[row_of(a2, "金额合计")]
    budget_total = sum(D(t["budget"][1]) + D(t["budget"][2]) for t in ov["tasks"])
    exec_total = sum(D(t["executed"][1]) + D(t["executed"][2]) for t in ov["tasks"])
    budget_col = col_of(a2, h, "全年预算数（万元）")
    exec_col = col_of(a2, h, "全年执行数（万元）")
    assert cell_decimal(total_row[budget_col]) == budget_total == D(218)
    assert cell_decimal(total_row[exec_col]) == exec_total
    assert q(cell_decimal(total_row[col_of(a2, h, "执行率")]), 4) == q(exec_total / budget_total, 4)

    # 总分 and 等级: 分值 = 资金 10 + Σ 指标分值; 自评得分 = 9.89 + the one stated score (6)
    weights = D(ov["exec_weight"]) + sum(D(i["weight"]) for i in ov["indicators"])
    stated = sum(D(i["score"]) for i in ov["indicators"] if i.get("score"))
    assert cell_decimal(at(a2, "总分", "一级指标", "分值")) == weights == D(100)
    assert q(cell_decimal(at(a2, "总分", "一级指标", "自评得分")), 2) == exec_score + stated == D("15.89")
    assert at(a2, "等级", "一级指标", "自评得分") == "差"

    # 项目: 780.18 ÷ 818 → 95.38 % → 9.54
    p = g[PROJECTS[0]]
    pf = EXAMPLE["projects"][0]["funds"][0]["values"]
    prate = D(pf[2]) / D(pf[1])
    assert q(prate, 4) == D("0.9538")
    assert q(cell_decimal(at(p, "年度资金总额", "全年预算数", "执行率")), 4) == q(prate, 4)
    assert q(cell_decimal(at(p, "年度资金总额", "全年预算数", "得分")), 2) == q(prate * 10, 2) == D("9.54")

    # 附件1: 控制率 = 在职 ÷ 编制; 三公经费 = 1 + 2 + 3; 项目支出 = Σ items
    b = g[BASIC]
    staff = EXAMPLE["basic"]["staff"]
    control = D(staff["实际在职人数"]) / D(staff["编制数"])
    assert q(control, 4) == D("0.8916")
    staff_header = row_of(b, "控制率")
    stated = b[staff_header + 1][col_of(b, staff_header, "控制率")]
    assert q(cell_decimal(stated), 4) == q(control, 4)
    funds = {f["label"]: f["values"] for f in EXAMPLE["basic"]["funds"]}
    fh = row_of(b, "经费控制情况（万元）")
    items = [lbl for lbl in funds if re.match(r"^\d、", lbl) and "公务" not in lbl and "出国" not in lbl]
    for j, header in enumerate(("2023年决算数", "2024年预算数", "2024年决算数")):
        c = col_of(b, fh, header)
        sangong = sum(D(funds[k][j] or 0) for k in ("1、公务用车购置和维护经费", "2、出国经费", "3、公务接待"))
        assert cell_decimal(b[row_of(b, "三公经费")][c]) == sangong
        assert cell_decimal(b[row_of(b, "项目支出")][c]) == sum(D(funds[k][j]) for k in items)

    # 三公经费对比: 60158 − 99898 = −39740 and −39.78 %
    s = g[SANGONG]
    cur, _, prev = (D(x) for x in EXAMPLE["sangong"]["rows"][0]["values"])
    assert cur - prev == D(-39740)
    for label in ("三公经费合计", "其中：公务接待费"):
        assert cell_decimal(at(s, label, "本年度", "本年度")) == cur
        assert cell_decimal(at(s, label, "本年度", "比上年增减")) == cur - prev
        change_rate = cell_decimal(at(s, label, "本年度", "比上年增减%"))
        assert q(change_rate, 4) == q((cur - prev) / prev, 4) == D("-0.3978")

    # 问卷: Σ count × points ÷ (题数 × 有效问卷数 × 10) = 597/600
    sv = EXAMPLE["survey"]
    points = (D(10), D(7), D(4), D(0))
    per_q = [sum(D(n) * p for n, p in zip(qq["counts"], points)) for qq in sv["questions"]]
    satisfaction = sum(per_q) / (len(per_q) * D(sv["respondents"]) * 10)
    assert sum(per_q) == 597 and satisfaction == D("0.995")
    v = g[SURVEY]
    scores = [cell_decimal(r[1]) for r in v if text(r[0]) == "本题得分"]
    assert scores == per_q
    assert cell_decimal(v[row_of(v, "问卷得分合计")][1]) == 597
    assert cell_decimal(v[row_of(v, "综合满意率")][1]) == satisfaction
    third = row_of(v, "选项", row_of(v, "第3题 " + sv["questions"][2]["text"]))
    assert q(cell_decimal(v[third + 1][2]), 4) == q(D(5) / 6, 4)

    # 评分表: 计算值 = 实际 ÷ 计划; the 满意度 row takes the questionnaire's rate
    sc = g[SCORING]
    h = row_of(sc, "计算值")
    value_col = col_of(sc, h, "计算值")
    assert q(cell_decimal(sc[row_of(sc, "编制人员控制率（2）")][value_col]), 4) == q(D(43) / 44, 4)
    sat = sc[row_of(sc, "服务对象满意度（4）")]
    assert cell_decimal(sat[col_of(sc, h, "评分数据（实际）")]) == satisfaction
    assert cell_decimal(sat[value_col]) == satisfaction
    assert cell_decimal(at(sc, "合计", "得分率", "分值")) == 100


@pytest.mark.libreoffice
@pytest.mark.parametrize("which", ["example", "blank"])
def test_no_error_values_after_recalculation(recalculated, which):
    values = recalculated[which]
    assert set(values) >= {BASIC, OVERALL, SCORING, SURVEY, SANGONG, RESULTS, GUIDE}
    assert errors_in(values) == []


@pytest.mark.libreoffice
def test_blank_template_computes_blanks_not_zero_divisions(recalculated):
    a2 = recalculated["blank"][OVERALL]
    assert at(a2, "年度资金总额", "全年预算数", "执行率") is None
    assert at(a2, "年度资金总额", "全年预算数", "自评得分") is None
    # no score anywhere yet: 总分 and 等级 stay blank (not 0.00 and 差), as in the engine
    assert at(a2, "总分", "一级指标", "自评得分") is None
    assert at(a2, "等级", "一级指标", "自评得分") is None
    assert at(a2, "年度资金总额", "全年预算数", "分值") == 10
    v = recalculated["blank"][SURVEY]
    assert v[row_of(v, "综合满意率")][1] is None


@pytest.mark.libreoffice
def test_overall_sheet_prints_one_page_wide(books, tmp_path):
    pdf = sheet_pdf(books["example"], OVERALL, tmp_path)
    assert page_size(pdf) == (842, 595)  # A4 landscape
    n = pages(pdf)
    assert 1 <= n <= 3
    for page in range(1, n + 1):
        content = page_text(pdf, page)
        assert "###" not in content
        # the first and the last printed column on the same page: nothing was pushed to a
        # second page across; page 2 onwards repeat the 绩效指标 header (print titles);
        # 校验说明 is left off the stamped form
        assert "偏差原因分析及改进措施" in content or "自评得分" in content, page
        assert "校验说明" not in content, page
    assert "示例县2024年度部门整体支出绩效自评表" in page_text(pdf, 1)
    assert FOOTER.replace("　", "") in re.sub(r"\s", "", page_text(pdf, n))


@pytest.mark.libreoffice
def test_small_sheet_prints_on_one_page(books, tmp_path):
    for name in (SANGONG, BASIC):
        assert pages(sheet_pdf(books["blank"], name, tmp_path)) == 1, name


def test_rebuild_is_byte_identical(tmp_path):
    # the shipped workbooks are committed: rebuilding them must not churn the repository
    first = build_workbook(tmp_path / "a.xlsx", data=EXAMPLE).read_bytes()
    second = build_workbook(tmp_path / "b.xlsx", data=EXAMPLE).read_bytes()
    assert first == second
    assert load_workbook(tmp_path / "a.xlsx").properties.modified.year == 2025


def test_user_text_starting_with_equals_stays_text(tmp_path):
    """A region, a department or an indicator typed as `=…` is data, never a formula."""
    from xlperf.example import example_department
    from xlperf.xlsx import read_workbook

    data = example_department()
    data["region"] = "=1+1"
    data["overall"]["indicators"][0]["name"] = '=HYPERLINK("http://x","y")'
    wb = read_workbook(build_workbook(tmp_path / "等号.xlsx", data=data))
    sheet = wb.sheet("附件2 整体支出自评表")
    assert sheet.value(0, 0).startswith("=1+1")
    name_cell = next((r, c) for r, row in enumerate(sheet.rows) for c, v in enumerate(row)
                     if isinstance(v, str) and v.startswith("=HYPERLINK"))
    assert (0, 0) not in sheet.formulas and name_cell not in sheet.formulas


def test_docs_layout_is_generated_from_the_layout():
    """docs/layout.md is written by `python -m xlperf.layout`: edited by hand or left
    behind after a change of xlperf/layout.py, it fails here."""
    from xlperf import layout

    assert layout.DOC_PATH.read_text("utf-8") == layout.render_doc()
    assert layout.main(["--check"]) == 0


def test_committed_workbooks_are_the_builders_output(tmp_path):
    """workbooks/*.xlsx are what `python workbooks/build.py` writes today, part by part."""
    import zipfile

    shipped = Path(__file__).resolve().parents[1] / "workbooks"
    for built in regenerate_shipped(tmp_path):
        with zipfile.ZipFile(built) as a, zipfile.ZipFile(shipped / built.name) as b:
            assert a.namelist() == b.namelist(), built.name
            for name in a.namelist():
                assert a.read(name) == b.read(name), f"{built.name}:{name} is stale: run python workbooks/build.py"
