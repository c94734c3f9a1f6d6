"""The department workbook's layout, declared once.

Sheet names, the columns of every table (key, header text, role, number format, formula
template), the column grids and the print set-up. The template builder (xlperf.templates)
draws the sheets from it, add-project finds the cells to blank with it
(`xlperf.templates.copying`), and docs/layout.md is generated from it:

    python -m xlperf.layout            # rewrites docs/layout.md
    python -m xlperf.layout --check    # exit 1 when docs/layout.md is out of date

Column keys are the engine's header vocabulary (xlperf.tables.headers.VOCABULARY), so a
table found by its header texts maps back to these declarations key by key.
"""
from __future__ import annotations

import math
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .rules.indicators import TIERS as TIERS  # the tier names live with the rules that score them

# --- sheets -------------------------------------------------------------------------------

SHEET_BASIC = "附件1 基础数据表"
SHEET_OVERALL = "附件2 整体支出自评表"
PROJECT_PREFIX = "项目-"
SHEET_SCORING = "评分表"
SHEET_SURVEY = "满意度问卷"
SHEET_SANGONG = "三公经费对比"
SHEET_RESULTS = "校验结果"
SHEET_GUIDE = "说明"
# the fixed sheets in workbook order; the project sheets come after 附件2 (sheet_order)
TEMPLATE_SHEETS = (SHEET_BASIC, SHEET_OVERALL, SHEET_SCORING, SHEET_SURVEY, SHEET_SANGONG,
                   SHEET_RESULTS, SHEET_GUIDE)


def sheet_order(project_sheets: Iterable[str]) -> list[str]:
    """Every sheet of a department workbook in order, given its project sheet names."""
    return [SHEET_BASIC, SHEET_OVERALL, *project_sheets, *TEMPLATE_SHEETS[2:]]


# --- look ---------------------------------------------------------------------------------

INPUT_FILL = "FFF2CC"
COMPUTED_FILL = "E7E6E6"
FONT_NAME = "宋体"
FONT_SIZE = 11
TITLE_SIZE = 16

FMT_MONEY = "#,##0.00"
FMT_RATE = "0.00%"
FMT_SCORE = "0.00"
FMT_COUNT = "0"
FMT_GENERAL = "General"
FMT_TEXT = "@"

NOTE_HEADER = "校验说明"

# Row heights in points. One line of 11-point text (SimSun needs 14.3, LibreOffice's Noto
# CJK fallback 16): generous, so a row sized from its text prints whole in every renderer
LINE_HEIGHT = 16.5
ROW_PADDING = 4.0
STACKED_HEIGHT = 14.0  # one character of a vertical (stacked) caption
DEFAULT_ROW_HEIGHT = 18.0
FOOTER_TEXT = "填表人：　　　填报日期：　　　联系电话：　　　单位负责人签字："
NATURES = ("≥", "≤", "=")

# --- roles --------------------------------------------------------------------------------

INPUT = "input"        # typed by the accountant (light yellow)
FORMULA = "formula"    # an Excel formula of the template (grey)
REFRESH = "refresh"    # a value the refresh computes and writes (grey; no formula)
LABEL = "label"        # fixed template text
NOTE = "note"          # 校验说明: the refresh's notes
GAP = "gap"            # columns a table leaves empty (its notes line up with the sheet's)
ROLES = {INPUT: "填写", FORMULA: "公式", REFRESH: "刷新评分写入", LABEL: "表头文字", NOTE: "校验说明",
         GAP: "空"}


@dataclass(frozen=True)
class Column:
    """One column of a table. `formula` uses {key} for the same row's cell of another
    column of the table; `span` merges that many grid columns (labels and computed
    figures only: a typed text cell is never merged, so it grows with its text)."""
    key: str
    header: str
    role: str
    fmt: str | None = None
    span: int = 1
    formula: str | None = None
    validation: str | None = None
    group: str | None = None  # a second header line above (年度主要任务's 全年预算数（万元）)
    vertical: bool = False


@dataclass(frozen=True)
class Table:
    """`name` is the kind the engine's table finder gives the table (xlperf.tables.find),
    where it finds it. `min_height`: the least height of a data row; the refresh fits each
    data row to its text from there up, and back down to it when the text shrinks."""
    name: str
    title: str
    columns: tuple[Column, ...]
    min_height: float = DEFAULT_ROW_HEIGHT

    def start(self, key: str) -> int:
        """1-based grid column where `key` starts."""
        c = 1
        for col in self.columns:
            if col.key == key:
                return c
            c += col.span
        raise KeyError(key)

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    @property
    def width(self) -> int:
        return sum(c.span for c in self.columns)

    def keys(self, *roles: str) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns if c.role in roles)

    def ref(self, key: str, row: int) -> str:
        return f"{col_letter(self.start(key))}{row}"

    def formula(self, key: str, row: int, **extra: str) -> str:
        """The formula of `key` in sheet row `row` (1-based); `extra` names other cells."""
        template = self.column(key).formula
        if template is None:
            raise KeyError(f"{key} has no formula")
        refs = {c.key: self.ref(c.key, row) for c in self.columns}
        return template.format(**refs, **extra)


def col_letter(n: int) -> str:
    s = ""
    while n:
        n, rem = divmod(n - 1, 26)
        s = chr(65 + rem) + s
    return s


# --- 附件2 / 项目支出绩效自评表: one 13-column grid, 校验说明 always in M ----------------------

# 校验说明 columns are off the print area, so they are wide at no cost on paper: a note
# takes fewer lines and its row grows less (NOTE_WIDTH)
NOTE_WIDTH = 36
SELFEVAL_WIDTHS = (5, 10, 10, 22, 9, 13, 13, 9, 10, 9, 15, 24, NOTE_WIDTH)
RATE = 'IFERROR({executed}/{budget},"")'

HEAD = Table("head", "表头行（项目名称、主管部门……）", (
    Column("label", "（行名）", LABEL, span=4),
    Column("value", "（内容）", INPUT, FMT_TEXT, span=8),
    Column("note", NOTE_HEADER, NOTE),
))


def funds_table(caption: str, score_header: str) -> Table:
    """资金 block: 附件2 says 年度预算申请（万元）/自评得分, the project 项目资金（万元）/得分."""
    return Table("funds", "资金", (
        Column("caption", caption, LABEL, vertical=True),
        Column("item", "项目", LABEL, span=3),
        Column("budget_initial", "年初预算数", INPUT, FMT_MONEY),
        Column("budget", "全年预算数", INPUT, FMT_MONEY),
        Column("executed", "全年执行数", INPUT, FMT_MONEY),
        Column("weight", "分值", INPUT, FMT_SCORE, validation="weight"),
        Column("rate", "执行率", FORMULA, FMT_RATE, formula="=" + RATE),
        Column("score", score_header, FORMULA, FMT_SCORE, span=3,
               formula='=IF({rate}="","",ROUND(MIN(1,{rate})*{weight},2))'),
        Column("note", NOTE_HEADER, NOTE),
    ))


FUNDS_OVERALL = funds_table("年度预算申请（万元）", "自评得分")
FUNDS_PROJECT = funds_table("项目资金（万元）", "得分")

_BUDGET, _EXEC = "全年预算数（万元）", "全年执行数（万元）"
TASKS = Table("tasks", "年度主要任务", (
    Column("task", "任务名称", INPUT, FMT_TEXT, span=2),
    Column("content", "主要内容", INPUT, FMT_TEXT, span=2),
    Column("done", "完成情况", INPUT, FMT_TEXT),
    Column("budget", "总额", FORMULA, FMT_MONEY, formula="={budget_fiscal}+{budget_other}",
           group=_BUDGET),
    Column("budget_fiscal", "财政拨款", INPUT, FMT_MONEY, group=_BUDGET),
    Column("budget_other", "其他资金", INPUT, FMT_MONEY, group=_BUDGET),
    Column("executed", "总额", FORMULA, FMT_MONEY, formula="={executed_fiscal}+{executed_other}",
           group=_EXEC),
    Column("executed_fiscal", "财政拨款", INPUT, FMT_MONEY, group=_EXEC),
    Column("executed_other", "其他资金", INPUT, FMT_MONEY, group=_EXEC),
    Column("rate", "执行率", FORMULA, FMT_RATE, formula="=" + RATE),
    Column("note", NOTE_HEADER, NOTE),
))
TASKS_TOTAL_LABEL = "金额合计"
BLANK_TASKS = 3

GOAL = Table("goal", "年度总体目标", (
    Column("label", "年度总体目标", LABEL, span=2),
    Column("expected", "预期目标", INPUT, FMT_TEXT, span=5),
    Column("actual", "实际完成情况", INPUT, FMT_TEXT, span=5),
    Column("note", NOTE_HEADER, NOTE),
), min_height=40)

INDICATORS = Table("indicators", "绩效指标", (
    Column("caption", "绩效指标", LABEL, vertical=True),
    Column("level1", "一级指标", LABEL),
    Column("level2", "二级指标", LABEL),
    Column("level3", "三级指标", INPUT, FMT_TEXT),
    Column("nature", "指标性质", INPUT, FMT_TEXT, validation="nature"),
    # targets and actuals stay text: `≥6000人` and `100%` are read by the refresh, not Excel
    Column("target", "年度指标值", INPUT, FMT_TEXT),
    Column("actual", "实际完成值", INPUT, FMT_TEXT),
    Column("weight", "分值", INPUT, FMT_SCORE, validation="weight"),
    # a figure, never wrapped: the one merge of the indicator rows
    Column("score", "自评得分", REFRESH, FMT_SCORE, span=2, validation="weight"),
    Column("tier", "档次", INPUT, FMT_TEXT, validation="tier"),
    Column("deviation", "偏差原因分析及改进措施", INPUT, FMT_TEXT),
    Column("note", NOTE_HEADER, NOTE),
))
DEFAULT_GROUPS = (
    ("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")),
    ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
    ("满意度指标", ("服务对象满意度指标",)),
)
BLANK_ROWS_PER_GROUP = 2
TOTAL_LABEL, GRADE_LABEL = "总分", "等级"
# 总分: SUM(score, range) rather than score+SUM(range): the 预算执行率 score is "" until the
# funds are typed, and ""+number is #VALUE!; blank until some score exists
TOTAL_WEIGHT_FORMULA = "={fund_weight}+SUM({weights})"
TOTAL_SCORE_FORMULA = '=IF(COUNT({fund_score},{scores})=0,"",SUM({fund_score},{scores}))'

FUNDS_TOTAL_LABEL = "年度资金总额"  # the one 资金 row with 分值 and 自评得分
OVERALL_FUND_ROWS = (
    ("年度资金总额", "total"), ("按收入性质分：", "group"), ("一般公共预算", "item"),
    ("政府性基金拨款", "item"), ("纳入专户管理的非税收入拨款", "item"), ("其他资金", "item"),
    ("按支出性质分：", "group"), ("基本支出", "item"), ("项目支出", "item"),
)
PROJECT_FUND_ROWS = (
    ("年度资金总额", "total"), ("其中：本年财政拨款", "item"), ("上年结转资金", "item"),
    ("其他资金", "item"),
)
OVERALL_HEAD = ("部门（单位）名称",)
PROJECT_HEAD = ("项目名称", "主管部门", "实施单位")
PROJECT_NAME_LABEL = PROJECT_HEAD[0]

# --- 附件1 基础数据表: A:H, figures merged over column pairs like the official table -----------

BASIC_WIDTHS = (30, 10, 10, 10, 10, 10, 10, NOTE_WIDTH)
# header texts may name the years: {year} evaluated, {previous} the year before
STAFF = Table("staff", "财政供养人员情况", (
    Column("label", "财政供养人员情况（人）", LABEL),
    Column("staff_quota", "编制数", INPUT, FMT_COUNT, span=2, validation="count"),
    Column("staff_actual", "{previous}年实际在职人数", INPUT, FMT_COUNT, span=2, validation="count"),
    Column("control_rate", "控制率", FORMULA, FMT_RATE, span=2,
           formula='=IFERROR({staff_actual}/{staff_quota},"")'),
    Column("note", NOTE_HEADER, NOTE),
))
FUND_CONTROL = Table("fund_control", "经费控制情况", (
    Column("label", "经费控制情况（万元）", LABEL),
    Column("prev_final", "{previous}年决算数", INPUT, FMT_MONEY, span=2),
    Column("budget", "{year}年预算数", INPUT, FMT_MONEY, span=2),
    Column("final", "{year}年决算数", INPUT, FMT_MONEY, span=2),
    Column("note", NOTE_HEADER, NOTE),
))
# the rows of 经费控制情况: 三公经费 sums its three numbered rows, 项目支出 its item rows
# (typed labels between 项目支出 and 公用经费); every other figure is typed
FUND_CONTROL_SANGONG = "三公经费"
FUND_CONTROL_SANGONG_ITEMS = ("1、公务用车购置和维护经费", "2、出国经费", "3、公务接待")
FUND_CONTROL_HEAD = (FUND_CONTROL_SANGONG, "1、公务用车购置和维护经费", "其中：公车购置", "公车运行维护",
                     "2、出国经费", "3、公务接待", "项目支出")
FUND_CONTROL_PROJECTS = "项目支出"
FUND_CONTROL_TAIL = ("公用经费", "其中：办公经费", "水费、电费、差旅费", "会议费、培训费", "政府采购金额",
                     "部门基本支出预算调整")
FUND_CONTROL_BLANK_ITEMS = ("1、", "2、", "3、")
FUND_CONTROL_MORE = "……"
BUILDINGS = Table("buildings", "楼堂馆所控制情况", (
    Column("label", "楼堂馆所控制情况（{previous}年完工项目）", LABEL),
    Column("approved_size", "批复规模（m²）", INPUT, FMT_MONEY),
    Column("actual_size", "实际规模（m²）", INPUT, FMT_MONEY),
    Column("size_rate", "规模控制率", FORMULA, FMT_RATE, formula='=IFERROR({actual_size}/{approved_size},"")'),
    Column("planned_invest", "预算投资（万元）", INPUT, FMT_MONEY),
    Column("actual_invest", "实际投资（万元）", INPUT, FMT_MONEY),
    Column("invest_rate", "投资概算控制率", FORMULA, FMT_RATE,
           formula='=IFERROR({actual_invest}/{planned_invest},"")'),
    Column("note", NOTE_HEADER, NOTE),
))
THRIFT = Table("thrift", "厉行节约保障措施", (
    Column("label", "厉行节约保障措施", LABEL),
    Column("text", "（措施）", INPUT, FMT_TEXT, span=6),
    Column("note", NOTE_HEADER, NOTE),
), min_height=48)
BASIC_REMARK = ("说明：“项目支出”需要填报基本支出以外的所有项目支出情况，“公用经费”填报基本支出中的"
                "一般商品和服务支出。")

# --- 满意度问卷 --------------------------------------------------------------------------------

SURVEY_WIDTHS = (38, 9, 9, 9, 9, 9, 9, 9, 9)
SURVEY_RESPONDENTS = "有效问卷数"   # its figure in B2, what every 比例 divides by
SURVEY_POINTS = "选项分值"          # A 10 | B 7 | C 4 | D 0 on one row
SURVEY_LETTERS = ("A", "B", "C", "D")
SURVEY_DEFAULT_OPTIONS = ("非常满意", "比较满意", "基本满意", "不太满意")
SURVEY_BLANK_QUESTIONS = 10
SURVEY_TOTAL, SURVEY_RATE = "问卷得分合计", "综合满意率"  # below the questions, figures in B
SURVEY_QUESTION_PREFIX = "第"  # each question's row: `第N题 <text>`, typed across the sheet
SURVEY_PRINTED = 3  # columns A:C (选项, 小计, 比例) print; the notes right of them do not
SURVEY_QUESTION = Table("survey_question", "问卷题目行（第N题）", (
    # as wide as what prints: a question wrapped over the notes' columns prints cut
    Column("text", "第N题 <题目>", INPUT, FMT_TEXT, span=SURVEY_PRINTED),
))
SURVEY = Table("survey", "问卷题目", (
    Column("option", "选项", INPUT, FMT_TEXT),
    Column("count", "小计", INPUT, FMT_COUNT, validation="count"),
    Column("share", "比例", FORMULA, FMT_RATE, formula='=IFERROR({count}/{respondents},"")'),
    Column("note", NOTE_HEADER, NOTE, span=6),
))

# --- 评分表 ----------------------------------------------------------------------------------

SCORING = Table("scoring", "绩效评价指标体系评分表", (
    Column("level1", "一级指标", LABEL),
    Column("level2", "二级指标", LABEL),
    Column("level3", "三级指标", LABEL),
    Column("explain", "指标解释", LABEL),
    Column("criterion", "评分标准", LABEL),
    Column("data_actual", "评分数据（实际）", INPUT, FMT_GENERAL, validation="weight"),
    Column("data_plan", "评分数据（计划）", INPUT, FMT_GENERAL, validation="weight"),
    Column("value", "计算值", FORMULA, FMT_RATE, formula='=IFERROR({data_actual}/{data_plan},"")'),
    Column("reason", "得分原因", INPUT, FMT_TEXT),
    Column("score", "得分", REFRESH, FMT_SCORE, validation="weight"),
    Column("note", NOTE_HEADER, NOTE),
))
# the 评分表 row whose 评分数据 come from the 满意度问卷 (实际: a link to 综合满意率; 计划: 1)
SCORING_LINKED = "服务对象满意度"
SCORING_WIDTHS = (9, 10, 16, 30, 40, 10, 10, 10, 26, 8, NOTE_WIDTH)
SCORING_SUMMARY = Table("scoring_summary", "评分汇总", (
    Column("level1", "一级指标", LABEL),
    Column("weight", "分值", LABEL, FMT_SCORE),
    Column("score", "得分", FORMULA, FMT_SCORE, formula="=SUM({scores})"),
    Column("score_rate", "得分率", FORMULA, FMT_RATE, formula='=IFERROR({score}/{weight},"")'),
    # the notes in the main table's 校验说明 column, outside the printed form
    Column("gap", "", GAP, span=len(SCORING.columns) - 5),
    Column("note", NOTE_HEADER, NOTE),
))

# --- 三公经费对比 ----------------------------------------------------------------------------

SANGONG = Table("sangong", "“三公经费”与年初预算、上年度收支情况对比说明（元）", (
    Column("item", "指标", LABEL),
    Column("current", "本年度", INPUT, FMT_MONEY),
    Column("initial", "年初预算", INPUT, FMT_MONEY),
    Column("previous", "上年度", INPUT, FMT_MONEY),
    Column("change", "比上年增减", FORMULA, FMT_MONEY, formula="={current}-{previous}"),
    Column("change_rate", "比上年增减%", FORMULA, FMT_RATE, formula='=IFERROR({change}/{previous},"")'),
    Column("remark", "说明", INPUT, FMT_TEXT),
    Column("note", NOTE_HEADER, NOTE),
))
SANGONG_WIDTHS = (28, 14, 14, 14, 14, 13, 34, NOTE_WIDTH)
SANGONG_TOTAL = "三公经费合计"
SANGONG_ITEMS = ("其中：公务接待费", "公务用车购置及运行维护费", "因公出国（境）费")

# --- 校验结果 --------------------------------------------------------------------------------

RESULTS = Table("results", "校验结果", (
    Column("number", "序号", REFRESH),
    Column("sheet", "工作表", REFRESH),
    Column("cell", "单元格", REFRESH),
    Column("severity", "级别", REFRESH),
    Column("code", "代码", REFRESH),
    Column("message", "说明", REFRESH),
    Column("expected", "应为", REFRESH),
    Column("found", "实为", REFRESH),
))
RESULTS_WIDTHS = (6, 22, 8, 6, 22, 60, 16, 16)
RESULTS_HEADER_ROW, RESULTS_FIRST_ROW = 3, 4   # 1-based; A1 title, A2 the refresh stamp
RESULTS_MAX_ROWS = 5000  # how far down the findings list is drawn with borders
RESULTS_CODES_NOTE = "代码的中文含义见“说明”表第五部分"  # printed at the top of every page
# What each finding code means, for a reader of the printed 校验结果 (checks.md)
CODE_NAMES = {
    "SUM_MISMATCH": "合计与明细不符",
    "SUBSET_EXCEEDS": "“其中”项大于总数",
    "RATE_MISMATCH": "比率与重新计算不符",
    "SCORE_MISMATCH": "得分与评分规则不符",
    "SCORE_OVER_WEIGHT": "得分超过分值或为负",
    "QUAL_BAND": "定性得分不在档次区间内",
    "WEIGHT_SUM": "分值合计不符",
    "TOTAL_MISMATCH": "总分与各项得分之和不符",
    "GRADE_MISMATCH": "等级与总分不符",
    "TEXT_SCORE_MISMATCH": "得分原因中的分数与得分不符",
    "MISSING_VALUE": "必填内容为空",
    "BAD_NUMBER": "数字无法识别",
    "PLACEHOLDER": "占位符未替换",
    "FORMULA_OVERWRITTEN": "公式单元格被改写",
    "DEVIATION_REASON_MISSING": "缺少偏差原因分析",
    "OVER_TARGET": "实际值远超指标值",
    "EXEC_RATE_LOW": "执行率偏低",
    "UNIT_SUSPECT": "金额单位可疑",
    "DATE_ANOMALY": "日期异常",
    "TYPED_REPLACED": "填写的数字已按规则替换",
    "REPORT_SCORE_CONFLICT": "报告中的总分前后不一",
    "REPORT_WORKBOOK_MISMATCH": "报告与自评表不一致",
    "REPORT_COUNT_MISMATCH": "报告中的项数不符",
    "REPORT_CITATION": "报告引用的文号有误或前后不一",
    "REPORT_NUMBERING": "报告标题编号不连续",
    "REPORT_TYPO": "报告标点重复",
    "REPORT_UNFILLED": "报告有未填写的内容",
    "SHEET_SKIPPED": "工作表没有单元格数据，未检查",
    "STALE_SCORE": "得分待刷新",
    "UNKNOWN_TIER": "无法判断完成档次",
}

# --- print set-up ----------------------------------------------------------------------------

# (landscape, the sheet's last printed column: 校验说明 is left off the stamped form)
PRINT = {
    SHEET_BASIC: (False, 7),
    SHEET_OVERALL: (True, 12),
    PROJECT_PREFIX: (True, 12),
    SHEET_SCORING: (True, 10),
    SHEET_SURVEY: (False, SURVEY_PRINTED),
    SHEET_SANGONG: (True, 7),
    SHEET_RESULTS: (True, 8),
    SHEET_GUIDE: (False, 2),
}


def print_setup(sheet: str) -> tuple[bool, int]:
    return PRINT[PROJECT_PREFIX if sheet.startswith(PROJECT_PREFIX) else sheet]


A4 = (595.3, 841.9)  # points
MARGIN_SIDE, MARGIN_TOP, MARGIN_HEADER = 0.4, 0.45, 0.25  # inches, as Excel stores them
# a last page holding less than this share of a page is an orphan: the sheet is scaled to
# one page fewer instead (总分 and 等级 never print alone)
ORPHAN_SHARE = 0.35


def text_units(text: str) -> float:
    """Width of `text` in Excel column units: a CJK character is two digits wide, and so
    are “ ” ① — in a CJK font (East Asian width W, F and A)."""
    return sum(2.15 if unicodedata.east_asian_width(ch) in "WFA" else 1.15 for ch in text)


@lru_cache(maxsize=8192)  # the 汇总 measures the same file, sheet and code texts again and again
def lines_needed(text: str, width: float) -> int:
    """Lines `text` wraps to in a column `width` units wide; generous: a line may not
    start with 。，） so a full line can push a character down."""
    usable = max(width - 2.0, 1.0)
    return sum(max(1, math.ceil(text_units(part) / usable)) for part in text.split("\n"))


def column_points(width: float) -> float:
    """Width in points of a column `width` characters wide, as the widest renderer lays
    it out: LibreOffice with its DejaVu fallback for the Normal font, 7.07 pt a character
    (Excel's Calibri digit gives 5.25 pt + 3.75). Counting pages on the widest sheet gives
    the fewest pages, so the other renderers shrink a little to fit rather than spill."""
    return width * 7.07


def text_height(text: str, width: float, size: float = FONT_SIZE, vertical: bool = False) -> float:
    """Points a cell `width` units wide (its merged width) needs to show `text` whole:
    wrapped lines, or one stacked character a line down a vertical caption."""
    if vertical:
        return len(text) * STACKED_HEIGHT + ROW_PADDING
    scale = size / FONT_SIZE
    return lines_needed(text, width / scale) * LINE_HEIGHT * scale + ROW_PADDING


def fit_to_height(heights: Sequence[float], widths: Sequence[float], landscape: bool,
                  repeated: float = 0.0) -> int:
    """The pages-tall setting of a sheet printed one page wide: 0 (the rows flow onto as
    many pages as they need) while they fit one page, so text typed later is never
    squeezed; else `pages_tall`, so the last page is never an orphan."""
    short, long = A4
    page_w, page_h = (long, short) if landscape else (short, long)
    scale = min(1.0, (page_w - 2 * 72 * MARGIN_SIDE) / sum(column_points(w) for w in widths))
    if sum(heights) <= (page_h - 2 * 72 * MARGIN_TOP) / scale:
        return 0
    return pages_tall(heights, widths, landscape, repeated)


def pages_tall(heights: Sequence[float], widths: Sequence[float], landscape: bool,
               repeated: float = 0.0) -> int:
    """How many pages tall to fit a sheet printed one page wide: its row heights and
    printed column widths, `repeated` the height of the title rows printed on every page
    after the first. At least 1; one page fewer when the last would be an orphan."""
    short, long = A4
    page_w, page_h = (long, short) if landscape else (short, long)
    scale = min(1.0, (page_w - 2 * 72 * MARGIN_SIDE) / sum(column_points(w) for w in widths))
    body = (page_h - 2 * 72 * MARGIN_TOP) / scale
    total = sum(heights)
    if total <= body:
        return 1
    pages, rest = 1, total - body
    while rest > 0:
        pages += 1
        rest -= body - repeated
    last = (rest + body - repeated) / (body - repeated)
    return pages - 1 if last < ORPHAN_SHARE else pages


# --- the tables of each sheet (docs; xlperf.templates.copying finds them by header; the
# refresh fits the rows of all but 校验结果 to their text, xlperf.engine.rowfit) ------------

SHEET_TABLES: dict[str, tuple[Table, ...]] = {
    SHEET_BASIC: (STAFF, FUND_CONTROL, BUILDINGS, THRIFT),
    SHEET_SURVEY: (SURVEY_QUESTION, SURVEY),
    SHEET_OVERALL: (HEAD, FUNDS_OVERALL, TASKS, GOAL, INDICATORS),
    PROJECT_PREFIX: (HEAD, FUNDS_PROJECT, GOAL, INDICATORS),
    SHEET_SCORING: (SCORING, SCORING_SUMMARY),
    SHEET_SANGONG: (SANGONG,),
    SHEET_RESULTS: (RESULTS,),
}
# the column grid of each sheet: the widths a merged cell's text wraps in
SHEET_WIDTHS: dict[str, tuple[float, ...]] = {
    SHEET_BASIC: BASIC_WIDTHS,
    SHEET_OVERALL: SELFEVAL_WIDTHS,
    PROJECT_PREFIX: SELFEVAL_WIDTHS,
    SHEET_SCORING: SCORING_WIDTHS,
    SHEET_SURVEY: SURVEY_WIDTHS,
    SHEET_SANGONG: SANGONG_WIDTHS,
    SHEET_RESULTS: RESULTS_WIDTHS,
}
# sheets whose rows the refresh leaves as they are: 校验结果 sizes its own
UNFITTED = (SHEET_RESULTS, SHEET_GUIDE)


def sheet_key(sheet: str) -> str:
    """The layout's key of a sheet: a project sheet's is PROJECT_PREFIX."""
    return PROJECT_PREFIX if sheet.startswith(PROJECT_PREFIX) else sheet


# --- docs/layout.md ------------------------------------------------------------------------

DOC_PATH = Path(__file__).resolve().parents[1] / "docs" / "layout.md"

_INTRO = """\
# Department workbook layout (contract between `xlperf.templates` and the engine)

Generated from `xlperf/layout.py` by `python -m xlperf.layout`; edit that file, not this
one (a test fails when the two differ).

The engine finds tables by header keywords (tables.md), never by address, so users may
insert rows and the templates may move blocks. What must hold is listed here: sheet
names, header texts, row labels, which cells are inputs and which hold formulas.
Template version marker: `TEMPLATE_VERSION` in `xlperf/__init__.py`, written (1) as the
text `模板版本：<version>` in a cell of the `说明` sheet (the engine looks for it: remote
xlwings books show values only), (2) as the defined name `xlperf_template_version`.

Fills: input cells `{input}` (light yellow), computed cells `{computed}` (light grey).
Fonts {font} {size} (titles {title} bold). Money `{money}`, rates `{rate}`, scores `{score}`.
Every table has a `{note}` column as its last column; refresh writes notes there. It lies
outside the print area: the printed, stamped form is the official table alone.
Each sheet but 校验结果 and 说明 ends with a footer row `{footer}`.

Rows where text is typed into plain cells (indicator rows, 评分表 rows, 附件1 item rows …)
carry the height their text needs but no fixed (custom) height, so Excel, WPS and
LibreOffice grow them as a person types; the indicator table has no merged input cell, so
rows inserted in it keep the layout. Merged text inputs remain where the official form
merges a wide field (form lines, 年度总体目标, 年度主要任务's 任务名称/主要内容, 厉行节约,
问卷题目): no application grows those rows, so they keep a fixed height.

Every refresh fits each data row of the tables below (all sheets but 校验结果 and 说明) to
the text it holds, merged or not, and to its 校验说明 note: the height is the tallest
cell's wrapped lines at its merged width (`xlperf.layout.text_height`, {line:g} pt a line
plus {pad:g} pt), never less than the table's least row height ({default:g} pt unless a
table says otherwise), so a row grows with a long text and shrinks back when the text or
the note goes. Rows outside the tables (titles, headers, 总分/等级, footers, rows a person
added around the form) keep their height. Then each fitted sheet's pages tall is set
from its row heights (`fit_to_height`): 0 (the rows flow) while they fit one page at
the width fit, else as many pages as they need, one fewer when the last page would hold
less than {orphan:.0%} of a page, so 总分 and 等级 never print alone.

Roles: {roles}.

## Sheets, in order
{sheets}
"""

_ROWS = {
    "附件1 基础数据表": """\
- Title `{地区}{年度}年度部门整体支出绩效评价基础数据表`; A:H, 校验说明 in H; `{year}` is
  the year evaluated, `{previous}` the year before. One data row under 财政供养人员情况 and
  under 楼堂馆所控制情况.
- 经费控制情况 rows: `三公经费` (formula: sum of the three numbered rows below),
  `1、公务用车购置和维护经费`, `其中：公车购置`, `公车运行维护`, `2、出国经费`, `3、公务接待`,
  `项目支出` (formula: SUM of its item rows), item rows with typed names (`1、` `2、` `3、` blank,
  then `……`), `公用经费`, `其中：办公经费`, `水费、电费、差旅费`, `会议费、培训费`,
  `政府采购金额`, `部门基本支出预算调整`.
- `厉行节约保障措施` (table 厉行节约保障措施), then the remark line and the footer.""",
    "附件2 整体支出自评表": """\
- Title `{地区}{年度}年度部门整体支出绩效自评表`; form line `部门（单位）名称` (table 表头行).
- 资金 rows: `年度资金总额` (分值 input, default the settings' 预算执行率 weight; 自评得分
  formula on this row only), `按收入性质分：` (label only), `一般公共预算`, `政府性基金拨款`,
  `纳入专户管理的非税收入拨款`, `其他资金`, `按支出性质分：` (label only), `基本支出`, `项目支出`.
- 年度主要任务: two header rows (the second under the merged `全年预算数（万元）` and
  `全年执行数（万元）`); last row `金额合计` (SUM per amount column, 执行率 formula).
- 年度总体目标: header row, then one row of text inputs.
- 绩效指标: 一级 labels carry weights (`产出指标（50分）`, `效益指标（30分）`, `满意度指标（10分）`),
  一级/二级 cells merged vertically over their rows; a blank workbook has the default groups
  of tables.md with two blank rows each.
- `总分` row: 分值 `=<资金 分值>+SUM(<分值 column>)`; 自评得分
  `=IF(COUNT(<资金 自评得分>,<自评得分 column>)=0,"",SUM(…))`.
- `等级` row: nested IF over the settings' grade bands, blank while 总分 is blank.""",
    PROJECT_PREFIX: """\
- Title `{地区}{年度}年度项目支出绩效自评表`; form lines `项目名称`, `主管部门`, `实施单位`.
- 资金 rows `年度资金总额`, `其中：本年财政拨款`, `上年结转资金`, `其他资金`; formulas as 附件2.
- 年度总体目标, 绩效指标, 总分, 等级 exactly as in 附件2.""",
    "评分表": """\
- Title `{地区}{年度}年度部门整体支出绩效评价指标体系评分表`.
- Rows from `xlperf/data/scoring_system.json`; names carry weights (`决策（15）`); 一级/二级
  merged vertically. 评分数据 arrive blank: the accountant fills them (no made-up total).
  The 满意度 row's 评分数据（实际） links to the questionnaire's 综合满意率, its 计划 is 1.
- Two blank rows, then the 评分汇总 table: one row per 一级, `合计` (SUM), `等级` (nested IF).""",
    "满意度问卷": """\
- Title; `有效问卷数` | input (B2, `{respondents}` below); `选项分值` | `A` 10 | `B` 7 |
  `C` 4 | `D` 0 (inputs).
- Per question: a row `第N题 <text>` (input), the table below with four rows `A<option>` …
  `D<option>`, then `本题得分` (Σ 小计 × points).
- `问卷得分合计` and `综合满意率` (`=IFERROR(合计/(题数*有效问卷数*A 分值),"")`).""",
    "三公经费对比": """\
- Rows `三公经费合计` (本年度/年初预算/上年度: SUM of the three rows below), `其中：公务接待费`,
  `公务用车购置及运行维护费`, `因公出国（境）费`.""",
    "校验结果": """\
- A1 `校验结果`; A2 (merged over the table's width) the refresh stamp; row 3 the header;
  findings from row 4, written by refresh. Printed landscape with the header repeated on
  every page. What each code means (also on the 说明 sheet, section 五):""",
    "说明": """\
- How to fill, the colour legend (two filled sample cells), what 刷新评分 does, the rule
  sources (财预〔2020〕10号, 财预〔2013〕53号), the finding codes in Chinese (五),
  `模板版本：<version>`.""",
}


def _table_md(table: Table) -> str:
    least = f", least row height {table.min_height:g} pt" if table.min_height != DEFAULT_ROW_HEIGHT else ""
    lines = [f"**{table.title}** (`{table.name}`{least})", "",
             "| 列 | 表头 | key | 角色 | 格式 | 公式 |", "|---|---|---|---|---|---|"]
    for col in table.columns:
        start = table.start(col.key)
        where = col_letter(start) + (f":{col_letter(start + col.span - 1)}" if col.span > 1 else "")
        header = f"{col.group} / {col.header}" if col.group else col.header
        extra = f"，下拉：{col.validation}" if col.validation in ("tier", "nature") else ""
        lines.append(f"| {where} | {header} | `{col.key}` | {ROLES[col.role]}{extra} | "
                     f"{'`' + col.fmt + '`' if col.fmt else ''} | "
                     f"{'`' + col.formula + '`' if col.formula else ''} |")
    return "\n".join(lines)


def _widths(widths: Sequence[float]) -> str:
    return " ".join(f"{col_letter(i)} {w}" for i, w in enumerate(widths, start=1))


def render_doc() -> str:
    sheets = ", ".join(f"`{s}`" for s in sheet_order([f"{PROJECT_PREFIX}<名称>"]))
    out = [_INTRO.format(input=INPUT_FILL, computed=COMPUTED_FILL, font=FONT_NAME, size=FONT_SIZE,
                         title=TITLE_SIZE, money=FMT_MONEY, rate=FMT_RATE, score=FMT_SCORE,
                         note=NOTE_HEADER, footer=FOOTER_TEXT, line=LINE_HEIGHT, pad=ROW_PADDING,
                         default=DEFAULT_ROW_HEIGHT, orphan=ORPHAN_SHARE,
                         roles="; ".join(f"{k} = {v}" for k, v in ROLES.items()),
                         sheets=sheets + " (project sheets `项目-<名称>`, cut to 31 characters).")]
    for sheet in sheet_order([PROJECT_PREFIX]):
        name = f"{PROJECT_PREFIX}<名称> (项目支出绩效自评表)" if sheet == PROJECT_PREFIX else sheet
        landscape, last = print_setup(sheet)
        out.append(f"## {name}\n")
        out.append(f"Print: A4 {'landscape' if landscape else 'portrait'}, one page wide, "
                   f"print area A:{col_letter(last)}.\n")
        if sheet in (SHEET_OVERALL, PROJECT_PREFIX):
            out.append(f"Grid: {_widths(SELFEVAL_WIDTHS)}.\n")
        out.append(_ROWS[sheet] + "\n")
        for table in SHEET_TABLES.get(sheet, ()):
            out.append(_table_md(table) + "\n")
        if sheet == SHEET_RESULTS:
            out.append("| 代码 | 含义 |\n|---|---|\n" + "\n".join(
                f"| `{code}` | {name} |" for code, name in CODE_NAMES.items()) + "\n")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    text = render_doc()
    if "--check" in args:
        current = DOC_PATH.read_text("utf-8") if DOC_PATH.exists() else ""
        if current != text:
            print(f"{DOC_PATH} is out of date: run python -m xlperf.layout")
            return 1
        return 0
    DOC_PATH.write_text(text, "utf-8")
    print(DOC_PATH)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
