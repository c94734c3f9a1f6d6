"""Fuzzing the whole check pipeline (issue 7, item 6).

Reviewers feed xlperf whatever departments typed: numbers as text, full-width digits,
units glued to figures, blank runs where cells were merged, headers a few rows down or
half missing, 合计 rows under anything. Whatever the grid, the engine must answer with
findings and writes, never an exception, and a refresh must be a fixed point: refreshing
the refreshed grid writes nothing new.

The grids are what the adapters give the engine (rectangular rows of None, str, float,
int, bool, date); `apply` replays a plan the way the file adapter does and the reader
reads it back (a Decimal comes back as a float, text as text).

Also fuzzed here: the number and indicator parsers on full-width and unit-laden text,
and `read_workbook` on a real small workbook with flipped or truncated bytes (only
XlperfError may come out, which the CLI turns into one line and exit status 2).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from decimal import Decimal

import pytest
from fixtures.profiles import examples
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from xlperf import TEMPLATE_VERSION
from xlperf.engine import CHECK, REFRESH, build_plan
from xlperf.engine.ownership import RECORD_COL
from xlperf.engine.results import FIRST_ROW, HEADER, RESULTS_SHEET
from xlperf.errors import XlperfError
from xlperf.findings import CODES, SEVERITY_LABEL
from xlperf.grid import SheetGrid, WorkbookGrid, parse_a1
from xlperf.rules import evaluate_indicator, parse_target, read_number
from xlperf.rules.indicators import TIERS, infer_tier, parse_tier
from xlperf.rules.numbers import BAD, BLANK, NA, NUMBER, PLACEHOLDER, TEXT, quantize
from xlperf.tables.find import find_tables
from xlperf.tables.headers import header_key
from xlperf.tables.parse import is_part, total_label

FORMULA_START = ("=", "+", "-", "@")
CJK = re.compile("[\u4e00-\u9fff]")
FAST = settings(max_examples=examples(120), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# -- cells ---------------------------------------------------------------------------

# Header rows of tables.md as departments type them (synonyms, units, line breaks).
HEADERS = {
    "funds": ["项目", "年初预算数", "全年预算数（万元）", "全年执行数", "分值", "执行率", "得分"],
    "tasks": ["任务名称", "主要内容", "完成情况", "全年预算数", "全年执行数", "执行率"],
    "indicators": ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值",
                   "自评得分", "偏差原因分析及改进措施", "校验说明"],
    "scoring": ["一级指标", "二级指标", "三级指标", "指标解释", "评分标准", "评分数据",
                "得分原因", "得分", "校验说明"],
    "scoring_summary": ["一级指标", "分值", "得分", "得分率%"],
    "survey": ["选项", "小计", "比例"],
    "staff": ["编制数", "实际在职人数", "控制率"],
    "fund_control": ["项目", "上年决算数", "本年预算数", "本年决算数"],
    "buildings": ["项目", "批复规模（m²）", "实际规模", "规模控制率", "预算投资", "实际投资",
                  "投资概算控制率"],
    "sangong": ["指标", "本年度", "年初预算", "上年度", "比上年增减", "比上年增减%", "说明"],
}
LABELS = ["合计", "小计", "总计", "金额合计", "总分", "合 计", "合计：", "其中：办公经费", "其中",
          "1、公务接待", "（一）项目支出", "①", "产出指标（50分）", "决策 (15)", "满意度指标（10分）",
          "第1题 您对办事效率是否满意", "第 2 题", "A", "B", "C", "D", "A.非常满意", "等级", "优",
          "良", "年度总体目标", "填表人：", "数量指标", "质量指标", "三公经费", "项目支出",
          "公用经费", "部门（单位）名称", "2024年3月19日", "2015 年 3 月 19 日", "得3分",
          "达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差",
          "基本达成", "未完成", "已完成", "良好", "=SUM(A1:A3)", "+1", "-5", "@cmd", "校验结果",
          "已由 xlperf 0.1.0 刷新；输入指纹 0123456789ab"]
_FULL = str.maketrans("0123456789.,%-+", "０１２３４５６７８９．，％－＋")
UNITS = ["", "", "万元", "元", "%", "％", "人", "人次", "分", "个", "场", "天", "m²", "亿元", "‰"]


@st.composite
def figure_text(draw) -> str:
    """A figure as text: signs, thousands separators, units, full-width forms."""
    value = draw(st.decimals(min_value=-10**7, max_value=10**9, places=draw(st.integers(0, 4)),
                             allow_nan=False, allow_infinity=False))
    text = f"{value:,f}" if draw(st.booleans()) else f"{value:f}"
    text = draw(st.sampled_from(["", "", "≥", "≤", ">", "<", "不低于", "约", "¥"])) + text
    text += draw(st.sampled_from(UNITS))
    if draw(st.booleans()):
        text = text.translate(_FULL)
    if draw(st.integers(0, 5)) == 0:
        text = " " + text.replace("", " ")[1:-1]  # spaced out, as typed in Word
    return text


odd_text = st.sampled_from(["5407.7539.59元", "**万元", "xx", "待填", "—", "/", "无", "N/A",
                            "1,23,4", "12a3", "１２３．４５万元", "100%%", "万元", "0起", "≥98%",
                            "≤5%", "≥95%以上", "不超过3天", "12.5万", "1e5", "∞", "NaN", "#DIV/0!",
                            "", "   ", "\n", "123456789012345678901234567890.5"])
words = st.text(alphabet=st.sampled_from(list("项目预算执行率得分指标资金完成情况满意人数经费合计其中"
                                              "达成部分未基本良好abcXY12 \n（）()：:、，.")),
                max_size=14)
# Figures a spreadsheet holds; 1e300 is in (typed as 1E300), but not subnormals whose
# ratios leave the float range Excel can store at all.
numbers = (st.integers(-10**6, 10**9)
           | st.floats(min_value=1e-6, max_value=1e12) | st.floats(min_value=-1e9, max_value=-1e-6)
           | st.sampled_from([0.0, 1.0, 0.9891, 100.0, 1.375, 1e300, 5e15]))
cells = st.one_of(
    st.none(), st.none(), st.none(), numbers, numbers, figure_text(), odd_text,
    st.sampled_from(LABELS), words, st.booleans(),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
)


def header_variant(text: str, draw) -> str:
    """What a typed header cell looks like: spaces, a line break, a unit suffix."""
    k = draw(st.integers(0, 5))
    if k == 0 and len(text) > 2:
        return text[:2] + "\n" + text[2:]
    if k == 1:
        return " " + text + " "
    if k == 2 and not text.endswith(("率", "%")):
        return text + draw(st.sampled_from(["(万元)", "（万元）", "（元）", "(人)"]))
    return text


@st.composite
def messy_sheet(draw, name: str) -> SheetGrid:
    width = draw(st.integers(1, 12))
    n_rows = draw(st.integers(0, 28))
    rows = [draw(st.lists(cells, min_size=width, max_size=width)) for _ in range(n_rows)]
    # recognised tables: a header (whole or partial) at a random place, rows under it
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(sorted(HEADERS)))
        header = HEADERS[kind]
        if draw(st.booleans()):  # partial: some columns missing, order kept
            keep = draw(st.lists(st.booleans(), min_size=len(header), max_size=len(header)))
            header = [h for h, k in zip(header, keep) if k] or header[:1]
        col = draw(st.integers(0, 3))
        top = draw(st.integers(0, max(0, len(rows))))
        block = [[None] * col + [header_variant(h, draw) for h in header]]
        for _ in range(draw(st.integers(0, 6))):
            first = draw(st.one_of(st.sampled_from(LABELS), words, st.none()))
            block.append([None] * col + [first] + draw(st.lists(
                st.one_of(numbers, figure_text(), odd_text, st.none()),
                min_size=len(header) - 1, max_size=len(header) - 1)))
        if draw(st.booleans()):
            block.append([None] * col + [draw(st.sampled_from(["合计", "小计", "总分", "金额合计"]))]
                         + draw(st.lists(st.one_of(numbers, figure_text(), st.none()),
                                         min_size=len(header) - 1, max_size=len(header) - 1)))
        rows[top:top] = block
    width = max((len(r) for r in rows), default=0)
    rows = [r + [None] * (width - len(r)) for r in rows]  # adapters give rectangles
    # merged-looking blanks: a rectangle of None
    if rows and draw(st.booleans()):
        r0 = draw(st.integers(0, len(rows) - 1))
        c0 = draw(st.integers(0, width - 1))
        for r in range(r0, min(len(rows), r0 + draw(st.integers(1, 4)))):
            for c in range(c0, min(width, c0 + draw(st.integers(1, 4)))):
                rows[r][c] = None
    # which cells hold formulas: unknown (a remote xlwings book), none, or some
    mode = draw(st.integers(0, 2))
    if mode == 0:
        formulas = None
    else:
        formulas = frozenset(
            (r, c) for r in range(len(rows)) for c in range(width)
            if mode == 2 and rows[r][c] is not None and (r * 31 + c) % 5 == 0)
    return SheetGrid(name, rows, formulas)


@st.composite
def messy_workbook(draw) -> WorkbookGrid:
    names = draw(st.lists(st.sampled_from(
        ["附件1 基础数据表", "附件2 整体支出自评表", "项目-甲", "评分表", "满意度问卷", "三公经费对比",
         "Sheet1", "=SUM表", "+外部", "-负", "@at"]), min_size=1, max_size=3, unique=True))
    sheets = [draw(messy_sheet(n)) for n in names]
    if draw(st.integers(0, 3)) == 0:  # claims to be an xlperf template
        sheets.append(SheetGrid("说明", [[f"模板版本 {TEMPLATE_VERSION}"]], frozenset()))
    return WorkbookGrid(sheets, "部门.xlsx")


# -- what a plan may contain ---------------------------------------------------------

def assert_findings_sane(wb: WorkbookGrid, plan) -> None:
    for f in plan.findings:
        assert f.code in CODES, f
        assert f.severity in SEVERITY_LABEL, f
        assert f.file == wb.name
        assert f.message and "\n" not in f.message and CJK.search(f.message), f
        sheet = wb.sheet(f.sheet)
        assert sheet is not None, f
        r, c = parse_a1(f.cell)  # a valid A1 address
        # at the cell at fault or the empty cell beside the figures, never far away
        assert 0 <= r <= sheet.n_rows and 0 <= c <= sheet.n_cols + 1, (f, sheet.n_rows)


def assert_writes_sane(wb: WorkbookGrid, plan) -> None:
    results = wb.sheet(RESULTS_SHEET)
    old_rows = results.n_rows if results else 0
    old_cols = results.n_cols if results else 0
    for w in plan.writes:
        assert w.sheet in wb.sheet_names or w.sheet in plan.new_sheets, w
        assert w.row >= 0 and w.col >= 0, w
        if w.sheet == RESULTS_SHEET and w.col in (RECORD_COL, RECORD_COL + 1):
            continue  # the refresh's record of the cells it owns, right of the findings
        if w.sheet == RESULTS_SHEET:
            assert w.row < max(old_rows, FIRST_ROW + len(plan.findings)), w
            assert w.col < max(old_cols, len(HEADER)), w
        else:
            sheet = wb.sheet(w.sheet)
            assert w.row < sheet.n_rows + 2 and w.col < sheet.n_cols + 2, w
        v = w.value
        assert v is None or isinstance(v, str) or (isinstance(v, Decimal) and v.is_finite()), w
        if isinstance(v, str) and w.note:
            assert not v.startswith(FORMULA_START), w  # notes are never formulas
        if w.formula_cell:
            sheet = wb.sheet(w.sheet)
            assert sheet is not None and sheet.has_formula(w.row, w.col) is not False, w


def read_back(value):
    """A written value as the reader gives it on the next run."""
    if isinstance(value, Decimal):
        return float(value)
    if value == "":
        return None
    return value


def apply(wb: WorkbookGrid, plan) -> WorkbookGrid:
    """The grid after the plan, as the file adapter writes it and calamine reads it."""
    sheets = {s.name: SheetGrid(s.name, [list(r) for r in s.rows], s.formulas) for s in wb.sheets}
    order = list(wb.sheet_names)
    for name in plan.new_sheets:
        name = name if isinstance(name, str) else name.name
        if name not in sheets:
            sheets[name] = SheetGrid(name, [], frozenset())
            order.append(name)
    for w in plan.writes:
        rows = sheets[w.sheet].rows
        while len(rows) <= w.row:
            rows.append([None] * (len(rows[0]) if rows else 0))
        width = max(len(rows[0]), w.col + 1)
        for r in rows:
            r.extend([None] * (width - len(r)))
        rows[w.row][w.col] = read_back(w.value)
    return WorkbookGrid([sheets[n] for n in order], wb.name)


def same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)))
    return a == b


# -- the pipeline -----------------------------------------------------------------------

@FAST
@given(messy_workbook())
def test_check_and_refresh_never_raise_and_give_sane_plans(wb):
    check = build_plan(wb, mode=CHECK)
    assert check.writes == [] and check.new_sheets == []  # a check never writes
    assert_findings_sane(wb, check)
    annotated = build_plan(wb, mode=CHECK, annotate=True)
    assert_writes_sane(wb, annotated)
    # annotating adds notes only: every figure stays as it was typed
    assert all(w.note for w in annotated.writes)
    refresh = build_plan(wb, mode=REFRESH)
    assert_findings_sane(wb, refresh)
    assert_writes_sane(wb, refresh)


def overwrites_label(wb: WorkbookGrid, plan) -> bool:
    """A value write lands on a cell holding a header keyword or a 合计-style label."""
    for w in plan.writes:
        sheet = wb.sheet(w.sheet)
        old = sheet.value(w.row, w.col) if sheet is not None and not w.note else None
        if isinstance(old, str) and (header_key(old) or total_label(old) or is_part(old)):
            return True
    return False


def layout(wb: WorkbookGrid) -> list:
    """The tables the engine recognises: kind, header row, data rows, columns."""
    return [(s.name, t.kind, t.header_row, tuple(t.rows), tuple(sorted(t.cols.items())))
            for s in wb.sheets for t in find_tables(s)]


def within_excel_precision(wb: WorkbookGrid) -> WorkbookGrid:
    """The grid with every figure of 15 or more integer digits blanked: a cell stores 15
    significant digits, so a refresh of 1E+300 writes a 28-digit rate no file can hold
    and cannot be a fixed point (the never-raise tests still feed such figures)."""
    def tame(v):
        r = read_number(v)
        return None if r.kind == NUMBER and abs(r.value) >= Decimal("1e15") else v
    return WorkbookGrid([SheetGrid(s.name, [[tame(v) for v in row] for row in s.rows], s.formulas)
                         for s in wb.sheets], wb.name)


@FAST
@given(messy_workbook())
def test_refresh_is_a_fixed_point(wb):
    wb = within_excel_precision(wb)
    first = build_plan(wb, mode=REFRESH)
    after = apply(wb, first)
    # Known limit, reported to the engine's owner: when a computed cell the refresh
    # overwrites held a label (a header word or 合计 pasted into a data row of a
    # template), the second run sees other tables or other 合计 blocks. Real templates
    # do not do this; every other grid must be a fixed point.
    assume(layout(after) == layout(wb) and not overwrites_label(wb, first))
    # a figure a cell cannot hold (more than 15 significant digits, e.g. a 执行率 of
    # 166666666050.6667 from absurd inputs) comes back rounded: no fixed point to expect
    assume(all(len(w.value.as_tuple().digits) <= 15 for w in first.writes
               if isinstance(w.value, Decimal)))
    second = build_plan(after, mode=REFRESH)
    changed = [w for w in second.writes
               if not same(read_back(w.value), after.sheet(w.sheet).value(w.row, w.col))]
    assert changed == [], changed[:5]
    assert second.new_sheets == []


@settings(max_examples=examples(60), deadline=None)
@given(messy_workbook())
def test_findings_do_not_depend_on_formula_knowledge_crashing(wb):
    """The same values with formulas unknown (a remote xlwings book sees values only)."""
    blind = WorkbookGrid([SheetGrid(s.name, s.rows, None) for s in wb.sheets], wb.name)
    plan = build_plan(blind, mode=REFRESH)
    assert_findings_sane(blind, plan)
    assert_writes_sane(blind, plan)


# -- the parsers ---------------------------------------------------------------------

@settings(max_examples=examples(400), deadline=None)
@given(figure_text())
def test_full_width_figures_read_like_ascii(text):
    fw = read_number(text.translate(_FULL))
    ascii_ = read_number(unicodedata.normalize("NFKC", text))
    assert (fw.kind, fw.value, fw.unit) == (ascii_.kind, ascii_.value, ascii_.unit)


@settings(max_examples=examples(400), deadline=None)
@given(st.one_of(cells, figure_text(), odd_text, words))
def test_reading_any_cell_gives_a_finite_figure_or_a_reason(raw):
    r = read_number(raw)
    assert r.kind in (NUMBER, BLANK, NA, PLACEHOLDER, BAD, TEXT)
    if r.kind == NUMBER:
        assert r.value.is_finite() and (r.places or 0) >= 0
        quantize(r.value, 2)  # every figure can be rounded for a message or a write
        quantize(r.value, 4)
    if r.kind in (BAD, PLACEHOLDER, TEXT) and isinstance(raw, str):
        assert r.reason and CJK.search(r.reason)


@settings(max_examples=examples(400), deadline=None)
@given(st.one_of(figure_text(), odd_text, words, st.sampled_from(LABELS)),
       st.one_of(figure_text(), odd_text, words, numbers, st.none()),
       st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
       st.one_of(st.none(), st.sampled_from(list(TIERS) + ["部分", "达成", "未达成", "x"])),
       st.sampled_from(["ratio", "linear"]))
def test_indicator_rules_never_raise(target, actual, weight, tier, rule):
    t = parse_target(target)
    assert t.direction in (None, "forward", "reverse", "equal")
    r = evaluate_indicator(target, actual, weight, tier, reverse_rule=rule)
    if r.score is not None:
        assert Decimal(0) <= r.score <= weight
    assert parse_tier(tier) in (None, *TIERS)
    assert infer_tier(actual) in (None, *TIERS)


# -- the reader on damaged bytes --------------------------------------------------------

@pytest.fixture(scope="module")
def small_workbook(tmp_path_factory) -> bytes:
    from fixtures.seeds import seed004_scoring
    from fixtures.xlsx import write_workbook

    path = tmp_path_factory.mktemp("fuzz") / "small.xlsx"
    write_workbook(path, {"评分表": seed004_scoring()["评分表"][:12]})
    return path.read_bytes()


@settings(max_examples=examples(150), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_damaged_bytes_give_an_xlperf_error_or_a_workbook(small_workbook, tmp_path_factory, data):
    """Flip bytes (often inside the zip's structures and sheet data), truncate, or both:
    reading either works or raises an XlperfError; a grid that reads is then checked."""
    blob = bytearray(small_workbook)
    with zipfile.ZipFile(__import__("io").BytesIO(small_workbook)) as z:
        hot = [i.header_offset for i in z.infolist()] + [z.start_dir]  # headers, directory
    for _ in range(data.draw(st.integers(0, 6), label="flips")):
        if data.draw(st.booleans()):
            at = data.draw(st.sampled_from(hot)) + data.draw(st.integers(0, 45))
        else:
            at = data.draw(st.integers(0, len(blob) - 1))
        at = min(at, len(blob) - 1)
        blob[at] ^= data.draw(st.integers(1, 255))
    if data.draw(st.integers(0, 3)) == 0:
        blob = blob[:data.draw(st.integers(0, len(blob)))]
    assume(bytes(blob) != small_workbook)
    path = tmp_path_factory.mktemp("damaged") / "damaged.xlsx"
    path.write_bytes(bytes(blob))
    from xlperf.xlsx import read_workbook

    try:
        wb = read_workbook(path)
    except XlperfError as exc:
        assert "\n" not in str(exc) and CJK.search(str(exc))
        return
    plan = build_plan(wb, mode=CHECK)
    assert_findings_sane(wb, plan)


# -- regressions: each bug the fuzzers found, as a plain example -------------------------

TEMPLATE_GUIDE = SheetGrid("说明", [[f"模板版本 {TEMPLATE_VERSION}"]], frozenset())


def refresh_twice(wb: WorkbookGrid):
    first = build_plan(wb, mode=REFRESH)
    after = apply(wb, first)
    second = build_plan(after, mode=REFRESH)
    changed = [w for w in second.writes
               if not same(read_back(w.value), after.sheet(w.sheet).value(w.row, w.col))]
    return first, second, changed


def test_huge_figures_do_not_stop_the_check():
    # 1E+300 typed into a money column: quantize needed 303 digits (InvalidOperation)
    rows = [["项目", "全年预算数", "全年执行数", "执行率", "得分"],
            ["a", 1e300, 5.0, None, None], ["合计", 1e300, 5, None, None]]
    wb = WorkbookGrid([SheetGrid("s", rows, frozenset())], "x.xlsx")
    plan = build_plan(wb, mode=REFRESH)
    assert_findings_sane(wb, plan)
    assert_writes_sane(wb, plan)
    # a 30-digit figure typed as text above a 合计
    rows = [["项目", "金额"], ["a", "123456789012345678901234567890.5"], ["合计", 1.0]]
    wb = WorkbookGrid([SheetGrid("s", rows, frozenset())], "x.xlsx")
    assert [f.code for f in build_plan(wb, mode=CHECK).findings] == ["SUM_MISMATCH"]
    assert quantize(Decimal("1E+300"), 2) == Decimal("1E+300")
    assert quantize(Decimal("2.675"), 2) == Decimal("2.68")  # the usual path is unchanged


def test_a_message_quoting_a_cell_with_line_breaks_is_one_line():
    # a template's 比上年增减 cell holding text typed with Alt+Enter: the message quotes it
    rows = [["指标", "本年度", "年初预算", "上年度", "比上年增减", "比上年增减%", "说明"],
            ["公务接待费", 10, 10, 5, "约\n五万", None, None]]
    wb = WorkbookGrid([SheetGrid("三公经费对比", rows, None), TEMPLATE_GUIDE], "x.xlsx")
    plan = build_plan(wb, mode=CHECK)
    quoting = [f for f in plan.findings if "约" in f.message]
    assert quoting and all("\n" not in f.message for f in plan.findings)
    assert "约 五万" in quoting[0].message


def test_typed_over_template_formula_is_reported_the_same_by_every_refresh():
    # the 规模控制率 formulas of a template replaced by typed figures: the first refresh
    # wrote the computed value, the second then quoted that value instead, and so
    # rewrote 校验结果 (and with a blank result the finding vanished)
    header = ["项目", "批复规模（m²）", "实际规模", "规模控制率", "预算投资", "实际投资", "投资概算控制率"]
    for typed in (0, 0.5):
        rows = [header, ["合计", 100, 90, typed, 0, 0, typed]]
        wb = WorkbookGrid([SheetGrid("附件1", rows, frozenset()), TEMPLATE_GUIDE], "x.xlsx")
        first, second, changed = refresh_twice(wb)
        codes = [(f.cell, f.code) for f in first.findings]
        assert ("D2", "FORMULA_OVERWRITTEN") in codes and ("G2", "FORMULA_OVERWRITTEN") in codes
        assert [(f.cell, f.code, f.message) for f in second.findings] == \
            [(f.cell, f.code, f.message) for f in first.findings]
        assert changed == []


def test_junk_in_a_computed_total_is_one_finding_and_refresh_is_a_fixed_point():
    # 三公经费合计 of a template holds "≥0": it was both BAD_NUMBER and a wrong total,
    # and the BAD_NUMBER vanished once refresh wrote the sum
    rows = [["指标", "本年度", "年初预算", "上年度", "比上年增减", "比上年增减%", "说明"],
            ["三公经费合计", 6, 6, "≥0", None, None, None],
            ["其中：公务接待费", 1, 1, 1, None, None, None],
            ["公务用车购置及运行维护费", 2, 2, 2, None, None, None],
            ["因公出国（境）费", 3, 3, 3, None, None, None]]
    wb = WorkbookGrid([SheetGrid("三公经费对比", rows, None), TEMPLATE_GUIDE], "x.xlsx")
    check = build_plan(wb, mode=CHECK)
    # one finding: the computed total is stale (a formula the template owns), not also
    # an unreadable figure
    assert [f.code for f in check.findings if f.cell == "D2"] == ["STALE_SCORE"]
    first, second, changed = refresh_twice(wb)
    assert changed == [] and not [f for f in first.findings if f.code == "BAD_NUMBER"]
    # a typed table (not a template) still gets its BAD_NUMBER: nothing overwrites it
    typed = WorkbookGrid([SheetGrid("三公经费对比", rows, frozenset())], "x.xlsx")
    typed_findings = build_plan(typed, mode=CHECK).findings
    assert ("D2", "BAD_NUMBER") in {(f.cell, f.code) for f in typed_findings}


def test_refresh_drops_findings_about_content_it_replaces():
    # a template's score cell holds a malformed figure; refresh writes the rule's score
    # there, so "得分不是数字" would be reported by the first refresh and gone from the
    # second one's 校验结果
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评得分",
              "偏差原因分析及改进措施", "校验说明"]
    rows = [header, ["产出指标", "数量指标", "招聘会", "≥10场", "11场", 10, "5407.7539.59元", None, None]]
    wb = WorkbookGrid([SheetGrid("项目-甲", rows, None), TEMPLATE_GUIDE], "x.xlsx")
    check = build_plan(wb, mode=CHECK)
    assert ("G2", "BAD_NUMBER") in {(f.cell, f.code) for f in check.findings}  # check says so
    first, second, changed = refresh_twice(wb)
    assert [w.value for w in first.writes if (w.row, w.col) == (1, 6)] == [Decimal("10.00")]
    assert ("G2", "BAD_NUMBER") not in {(f.cell, f.code) for f in first.findings}
    assert changed == []


def test_a_weight_with_three_decimals_does_not_make_its_own_score_an_error():
    # weight 1.375: refresh wrote the full score rounded, 1.38, and the next run called
    # 1.38 over the weight (shown as "1.38 超过分值 1.38")
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评得分",
              "偏差原因分析及改进措施", "校验说明"]
    rows = [header, ["产出指标", "数量指标", "招聘会", "≥10场", "12场", 1.375, None, None, None]]
    wb = WorkbookGrid([SheetGrid("表", rows, frozenset())], "x.xlsx")
    first, second, changed = refresh_twice(wb)
    score = [w.value for w in first.writes if (w.sheet, w.row, w.col) == ("表", 1, 6)]
    assert score == [Decimal("1.38")]
    assert "SCORE_OVER_WEIGHT" not in {f.code for f in second.findings}
    assert changed == []
    for weight, stated, over in ((1.375, 1.39, True), (1.374, 1.372, False), (5, 5.004, False),
                                 (5, 5.01, True), (5, -0.5, True)):
        rows[1][5], rows[1][6] = weight, stated
        wb = WorkbookGrid([SheetGrid("表", rows, frozenset())], "x.xlsx")
        found = [f for f in build_plan(wb, mode=CHECK).findings if f.code == "SCORE_OVER_WEIGHT"]
        assert bool(found) == over, (weight, stated)
        if found:  # and the message says which way it is wrong
            assert ("不能为负数" in found[0].message) == (stated < 0)


def test_deviation_is_judged_at_the_precision_scores_are_written_with():
    # weight 1.921875: the full score is written as 1.92, and the next run said
    # "得分 1.92 低于分值 1.92, 请填写偏差原因"
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评得分",
              "偏差原因分析及改进措施", "校验说明"]
    rows = [header, ["产出指标", "数量指标", "招聘会", "≥10场", "12场", 1.921875, None, None, None]]
    wb = WorkbookGrid([SheetGrid("表", rows, frozenset())], "x.xlsx")
    first, second, changed = refresh_twice(wb)
    assert "DEVIATION_REASON_MISSING" not in {f.code for f in first.findings + second.findings}
    assert changed == []
    # a junk score the refresh replaces no longer hides a missing deviation reason: the
    # first refresh reports it, as every later one will
    rows[1][4:7] = ["8场", 5, "5407.7539.59元"]
    wb = WorkbookGrid([SheetGrid("项目-甲", rows, None), TEMPLATE_GUIDE], "x.xlsx")
    first, second, changed = refresh_twice(wb)
    assert ("H2", "DEVIATION_REASON_MISSING") in {(f.cell, f.code) for f in first.findings}
    assert changed == []


def test_cross_footing_reads_the_refreshed_sheet_and_skips_note_columns():
    # a figure typed into the 校验说明 column of a 合计 row was cross-footed, and the
    # refresh's note then replaced it
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评得分",
              "偏差原因分析及改进措施", "校验说明"]
    rows = [header, ["小计", 0, 0, 0, 0, 0, 0, 0, 0], ["合计", 0, 0, 0, 0, 0, 0, 0, 2]]
    wb = WorkbookGrid([SheetGrid("表", rows, None), TEMPLATE_GUIDE], "x.xlsx")
    first, second, changed = refresh_twice(wb)
    assert not [f for f in first.findings if f.cell == "I3"] and changed == []
    # text in a computed cell above a 合计 bounded the block; the refresh blanks it
    rows = [["编制数", "实际在职人数", "控制率"], ["甲", 0, "不超过3天"], ["小计", 0, 2], ["合计", 0, 0]]
    wb = WorkbookGrid([SheetGrid("表", rows, None), TEMPLATE_GUIDE], "x.xlsx")
    first, second, changed = refresh_twice(wb)
    assert [(f.cell, f.code) for f in first.findings if f.code == "SUM_MISMATCH"] == \
        [(f.cell, f.code) for f in second.findings if f.code == "SUM_MISMATCH"]
    assert changed == []


def test_a_grade_row_without_a_total_keeps_its_figure():
    # 等级 with no 合计 above it graded its own cell and wrote 差 over the figure there
    rows = [["一级指标", "分值", "得分", "得分率%"], ["等级", 0, 0, 0]]
    wb = WorkbookGrid([SheetGrid("表", rows, None), TEMPLATE_GUIDE], "x.xlsx")
    first, second, changed = refresh_twice(wb)
    assert not [w for w in first.writes if (w.sheet, w.row, w.col) == ("表", 1, 2)]
    assert changed == []
    # with a 合计 the grade is still written
    rows = [["一级指标", "分值", "得分", "得分率%"], ["决策", 100, 95, None], ["合计", 100, 95, None],
            ["等级", None, None, None]]
    wb = WorkbookGrid([SheetGrid("表", rows, None), TEMPLATE_GUIDE], "x.xlsx")
    first, second, changed = refresh_twice(wb)
    assert [w.value for w in first.writes if (w.sheet, w.row, w.col) == ("表", 3, 2)] == ["优"]
    assert changed == []


def test_damaged_zip_version_byte_is_unreadable_not_a_crash(small_workbook, tmp_path):
    # zipfile raises NotImplementedError("zip file version 8.4") for a damaged
    # "version needed to extract" in the central directory
    blob = bytearray(small_workbook)
    cd = blob.rfind(b"PK\x05\x06")
    start = int.from_bytes(blob[cd + 16:cd + 20], "little")
    blob[start + 6] = 84  # first directory entry: version needed 8.4
    path = tmp_path / "version.xlsx"
    path.write_bytes(bytes(blob))
    from xlperf.errors import UnreadableWorkbook
    from xlperf.xlsx import read_workbook

    with pytest.raises(UnreadableWorkbook) as e:
        read_workbook(path)
    assert "损坏" in str(e.value)
