"""The 汇总 workbook (tables.md): pandas orders and ranks, openpyxl writes a new file in
write-only mode (rows go to disk as they are produced).

Memory stays nearly flat in the number of workbooks: the records wait in a spool file
(spool.py) and memory keeps only a small index entry per department and per project
(总分, names, offsets), which is what pandas sorts. The sheets are then written by
reading the records back one at a time in rank order.

Sheets: 部门汇总 (one row per workbook, ranked by 总分), 项目汇总 (one row per project
sheet), 统计图表 (overview, 等级 distribution, the two native charts), 全部问题 (every
finding of every file), 无法读取 (only when some file could not be read).

Money stays Decimal from the engine to the cell; totals across departments are Decimal
sums, never float sums. pandas sorts on float keys only.
"""
from __future__ import annotations

from collections import Counter
from copy import copy
from decimal import Decimal

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..findings import SEVERITY_LABEL
from ..layout import lines_needed
from ..rules.numbers import quantize
from ..rules.rates import ratio
from ..settings import DEFAULT, Settings
from .score import FileResult
from .spool import Spool

DEPT_SHEET = "部门汇总"
PROJECT_SHEET = "项目汇总"
CHART_SHEET = "统计图表"
FINDINGS_SHEET = "全部问题"
UNREADABLE_SHEET = "无法读取"

NO_GRADE = "未评分"
MAX_BARS = 200  # beyond this a bar per department is unreadable: top and bottom halves
EXCEL_MAX_ROWS = 1_048_576
_FIRST_DATA_ROW = 4  # title, note, header

MONEY, RATE, SCORE, COUNT, TEXT = "#,##0.00", "0.00%", "0.00", "0", "@"

# (header, record field, number format, column width). Text columns wrap (their rows are
# sized to the text), so a long path or 备注 takes lines, not width: a landscape A4 page
# holds the whole table at a readable scale.
DEPT_COLUMNS = (
    ("排名", "rank", COUNT, 5), ("部门", "dept", None, 20), ("年度", "year", COUNT, 6),
    ("表", "table", None, 12), ("全年预算数", "budget", MONEY, 13),
    ("全年执行数", "executed", MONEY, 13), ("执行率", "rate", RATE, 8),
    ("总分", "total", SCORE, 7), ("等级", "grade", None, 5), ("错误数", "errors", COUNT, 6),
    ("警告数", "warnings", COUNT, 6), ("文件", "path", None, 24), ("备注", "note", None, 22),
)
PROJECT_COLUMNS = (
    ("排名", "rank", COUNT, 5), ("部门", "dept", None, 18), ("项目", "name", None, 20),
    ("年度", "year", COUNT, 6), ("全年预算数", "budget", MONEY, 13),
    ("全年执行数", "executed", MONEY, 13), ("执行率", "rate", RATE, 8),
    ("总分", "total", SCORE, 7), ("等级", "grade", None, 5), ("错误数", "errors", COUNT, 6),
    ("警告数", "warnings", COUNT, 6), ("工作表", "sheet", None, 18), ("文件", "path", None, 22),
)
FINDING_COLUMNS = (
    ("序号", COUNT, 6), ("部门", None, 16), ("文件", None, 20), ("工作表", None, 16),
    ("单元格", None, 7), ("级别", None, 5), ("代码", None, 14), ("说明", None, 44),
    ("应为", None, 12), ("实为", None, 12),
)

_HEAD_FONT = Font(bold=True, color="FFFFFF")
_HEAD_FILL = PatternFill("solid", fgColor="305496")
_TITLE_FONT = Font(bold=True, size=14)
_NOTE_FONT = Font(italic=True, color="595959")
_TOTAL_FONT = Font(bold=True)
_TOTAL_FILL = PatternFill("solid", fgColor="D9E1F2")
_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")
_WRAP_LEFT = Alignment(wrap_text=True, vertical="center")
_MIDDLE = Alignment(vertical="center")  # figures beside wrapped text: mid-row, not at its foot
_LINE_PT, _PAD_PT = 14.5, 3.0  # a line of 11-point text, the cell's padding
# module constants: the style cache in _cell keys on their identity
# by the band's place, best first: the names are the settings' (a province's 优秀/良好/合格/不合格)
_BAND_FILLS = tuple(PatternFill("solid", fgColor=c) for c in ("C6EFCE", "DDEBF7", "FFEB9C", "FFC7CE"))


def grade_names(settings: Settings) -> tuple[str, ...]:
    """The grades of the settings in use, best first."""
    return tuple(name for _, name in settings.grade_bands)


def _grade_fill(grade, settings: Settings):
    names = grade_names(settings)
    if grade not in names:
        return None
    i = names.index(grade)
    # the worst band is always red, whatever the number of bands
    return _BAND_FILLS[-1] if i == len(names) - 1 else _BAND_FILLS[min(i, len(_BAND_FILLS) - 2)]


def write_summary(target, spool: Spool, unreadable: list[FileResult],
                  settings: Settings = DEFAULT) -> dict:
    """Write the 汇总 to `target` (a path or a binary file object). Returns the figures
    the command prints."""
    depts = _ranked(pd.DataFrame(spool.depts, columns=["total", "dept", "path", "rec", "fnd"]),
                    ["dept", "path"])
    projects = _ranked(pd.DataFrame(spool.projects, columns=["total", "dept", "name", "path",
                                                              "sheet", "rec", "i"]),
                       ["dept", "name", "path", "sheet"])
    wb = Workbook(write_only=True)
    year_label = _year_label(spool.years)
    totals = _dept_sheet(wb, depts, spool, year_label, len(unreadable), settings)
    _project_sheet(wb, projects, spool, year_label, settings)
    grades = _chart_sheet(wb, depts, totals, year_label, len(spool) + len(unreadable),
                          len(unreadable), settings)
    n_findings = _findings_sheet(wb, depts, spool)
    if unreadable:
        _unreadable_sheet(wb, unreadable)
    wb.save(target)  # a new file xlperf builds (write-only); never a department's workbook
    totals.update(grades=grades, findings=n_findings, projects=len(projects))
    return totals


# -- ordering ----------------------------------------------------------------------

def _ranked(df: pd.DataFrame, tie_keys: list[str]) -> pd.DataFrame:
    """Highest 总分 first; workbooks without a 总分 last and unranked; equal scores share
    a rank (1, 2, 2, 4). Ties are ordered by name and file so any run order gives the
    same sheet."""
    if df.empty:
        return df.assign(rank=pd.Series(dtype=object))
    key = df["total"].map(lambda d: float(d) if d is not None else float("nan"))
    df = df.assign(_key=key).sort_values(["_key", *tie_keys],
                                         ascending=[False] + [True] * len(tie_keys),
                                         na_position="last", kind="mergesort")
    ranks = df["_key"].rank(method="min", ascending=False)
    df["rank"] = [None if pd.isna(r) else int(r) for r in ranks]
    return df.drop(columns="_key").reset_index(drop=True)


def _year_label(years: Counter) -> str:
    if not years:
        return ""
    if len(years) == 1:
        return f"{next(iter(years))}年度"
    return "各年度"


def _dept_values(rec: FileResult, rank, same_name: int) -> dict:
    notes = []
    if rec.dept_from_file_name:
        notes.append("未找到部门名称，取自文件名")
    if same_name > 1:
        notes.append(f"部门名称与其他 {same_name - 1} 个文件重复")
    if rec.table is None:
        notes.append("未找到整体支出自评表或评分表的总分")
    notes.extend(rec.notes)  # the engine's: why the ranked 总分 is not the sheet's
    return {"rank": rank, "dept": rec.dept, "year": rec.year, "table": rec.table,
            "budget": rec.budget, "executed": rec.executed, "rate": rec.rate,
            "total": rec.total, "grade": rec.grade, "errors": rec.errors,
            "warnings": rec.warnings, "path": rec.path, "note": "；".join(notes) or None}


def _project_values(rec: FileResult, i: int, rank) -> dict:
    p = rec.projects[i]
    return {"rank": rank, "dept": rec.dept, "name": p.name, "year": rec.year,
            "budget": p.budget, "executed": p.executed, "rate": p.rate, "total": p.total,
            "grade": p.grade, "errors": p.errors, "warnings": p.warnings, "sheet": p.sheet,
            "path": rec.path}


# -- cells -------------------------------------------------------------------------

def _q(value, places: int):
    """Decimals rounded by the rules (rules.md §1) at the precision the cell shows."""
    if isinstance(value, Decimal):
        return quantize(value, places)
    return value


def _cell(ws, value, fmt=None, font=None, fill=None, border=True, align=None):
    """A styled write-only cell. Assigning a style makes openpyxl hash the style objects
    (most of the writing time for 10,000 rows), so each combination is assigned once per
    workbook and its index array shared after that (a written cell's style is never
    changed)."""
    c = WriteOnlyCell(ws, value)
    fmt = fmt if value is not None else None
    cache = ws.parent.__dict__.setdefault("_xlperf_styles", {})
    key = (fmt, id(font), id(fill), border, id(align))
    style = cache.get(key)
    if style is not None:
        c._style = style
        return c
    if fmt:
        c.number_format = fmt
    if font is not None:
        c.font = font
    if fill is not None:
        c.fill = fill
    if border:
        c.border = _BORDER
    if align is not None:
        c.alignment = align
    cache[key] = copy(c._style)
    return c


def _setup(ws, widths, freeze: str | None) -> None:
    """Column widths, frozen panes and the page set-up: a write-only sheet writes them
    with its first row, so they must be set before it."""
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    if freeze:
        ws.freeze_panes = freeze
    _print_setup(ws)


def _title(ws, title: str, note: str) -> None:
    ws.append([_cell(ws, title, font=_TITLE_FONT, border=False)])
    ws.append([_cell(ws, note, font=_NOTE_FONT, border=False)])


def _header(ws, headers) -> None:
    ws.append([_cell(ws, h, font=_HEAD_FONT, fill=_HEAD_FILL, align=_WRAP) for h in headers])


_PLACES = {MONEY: "money_places", RATE: "rate_places", SCORE: "score_places"}


def _places(fmt, settings: Settings):
    attr = _PLACES.get(fmt)
    return None if attr is None else getattr(settings, attr)


_FINDING_WIDTHS = [c[2] for c in FINDING_COLUMNS]
_FINDING_WRAPPED = (1, 2, 3, 7)  # 部门, 文件, 工作表, 说明: the texts that take lines


def _fit(ws, row: int, texts) -> None:
    """Height of a row of wrapped text (column width, text) pairs; set before the row is
    written (write-only). LibreOffice sizes no row on opening, so the height is stored."""
    lines = max((lines_needed(t, w) for w, t in texts if isinstance(t, str) and t), default=1)
    if lines > 1:
        ws.row_dimensions[row].height = round(lines * _LINE_PT + _PAD_PT, 1)


def _data_row(ws, values: dict, columns, settings: Settings, row_number: int) -> None:
    row, texts = [], []
    for _, field, fmt, width in columns:
        v = values.get(field)
        places = _places(fmt, settings)
        if places is not None:
            v = _q(v, places)
        fill = _grade_fill(v, settings) if field == "grade" else None
        wrap = fmt is None and field != "grade"
        if wrap:
            texts.append((width, v))
        row.append(_cell(ws, v, fmt, fill=fill, align=_WRAP_LEFT if wrap else _MIDDLE))
    _fit(ws, row_number, texts)
    ws.append(row)


class _Totals:
    """Decimal sums as the rows go by. The overall 执行率 is taken over the rows that
    state both figures, so that it compares like with like."""

    def __init__(self, settings: Settings):
        self.names = grade_names(settings)
        self.rows = self.errors = self.warnings = 0
        self.budget = self.executed = None
        self.b_both = self.e_both = Decimal(0)
        self.both = False
        self.scored: list = []
        self.grades: Counter = Counter()

    def add(self, v: dict) -> None:
        self.rows += 1
        self.grades[v["grade"] if v["grade"] in self.names else NO_GRADE] += 1
        b, e = v["budget"], v["executed"]
        if b is not None:
            self.budget = (self.budget or Decimal(0)) + b
        if e is not None:
            self.executed = (self.executed or Decimal(0)) + e
        if b is not None and e is not None:
            self.b_both += b
            self.e_both += e
            self.both = True
        if v["total"] is not None:
            self.scored.append(v["total"])
        self.errors += v["errors"]
        self.warnings += v["warnings"]

    def result(self, settings: Settings) -> dict:
        rate = ratio(self.e_both, self.b_both) if self.both else None
        mean = ratio(sum(self.scored, Decimal(0)), Decimal(len(self.scored)))
        return {"rows": self.rows, "budget": self.budget, "executed": self.executed,
                "rate": rate, "mean_total": _q(mean, settings.score_places),
                "scored": len(self.scored), "errors": self.errors, "warnings": self.warnings,
                "grades": self.grades}


def _total_rows(ws, totals: dict, columns, label_field: str, count_label: str,
                settings: Settings) -> None:
    """合计 (Decimal sums) and 平均总分 under the table, after a blank row so that the
    autofilter and Excel's sort leave them in place."""
    fields = [c[1] for c in columns]
    fmts = {c[1]: c[2] for c in columns}
    ws.append([])
    values = {label_field: f"合计（{count_label}）", "budget": totals["budget"],
              "executed": totals["executed"], "rate": totals["rate"],
              "errors": totals["errors"], "warnings": totals["warnings"]}
    mean = {label_field: f"平均总分（{totals['scored']} 个有总分）", "total": totals["mean_total"]}
    for vals in (values, mean):
        row = []
        for f in fields:
            v = vals.get(f)
            places = _places(fmts[f], settings)
            row.append(_cell(ws, _q(v, places) if places is not None else v, fmts[f],
                             font=_TOTAL_FONT, fill=_TOTAL_FILL))
        ws.append(row)


def _filter(ws, n_cols: int, header_row: int, last_row: int) -> None:
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(n_cols)}{max(last_row, header_row)}"


# -- sheets ------------------------------------------------------------------------

def _dept_sheet(wb, df, spool: Spool, year_label, n_unreadable: int, settings) -> dict:
    ws = wb.create_sheet(DEPT_SHEET)
    _setup(ws, [c[3] for c in DEPT_COLUMNS], "C4")
    note = (f"共 {len(df)} 个部门工作簿，按总分从高到低排名；金额单位：万元；"
            f"“表”指总分取自哪张表。")
    if n_unreadable:
        note += f"另有 {n_unreadable} 个文件无法读取，见“{UNREADABLE_SHEET}”表。"
    _title(ws, f"{year_label}部门整体支出绩效自评汇总", note)
    _header(ws, [c[0] for c in DEPT_COLUMNS])
    names = Counter(df["dept"])
    acc = _Totals(settings)
    for row, (rank, offset) in enumerate(zip(df["rank"], df["rec"]), start=_FIRST_DATA_ROW):
        rec = spool.record(offset)
        values = _dept_values(rec, rank, names[rec.dept])
        acc.add(values)
        _data_row(ws, values, DEPT_COLUMNS, settings, row)
    totals = acc.result(settings)
    _total_rows(ws, totals, DEPT_COLUMNS, "dept", f"{len(df)} 个部门", settings)
    _filter(ws, len(DEPT_COLUMNS), 3, 3 + len(df))
    ws.print_title_rows = "3:3"
    return totals


def _project_sheet(wb, df, spool: Spool, year_label, settings) -> None:
    ws = wb.create_sheet(PROJECT_SHEET)
    _setup(ws, [c[3] for c in PROJECT_COLUMNS], "D4")
    _title(ws, f"{year_label}项目支出绩效自评汇总",
           f"共 {len(df)} 个项目（每张项目支出绩效自评表一行），按总分从高到低排名；金额单位：万元。")
    _header(ws, [c[0] for c in PROJECT_COLUMNS])
    acc = _Totals(settings)
    for row, (rank, offset, i) in enumerate(zip(df["rank"], df["rec"], df["i"]), start=_FIRST_DATA_ROW):
        values = _project_values(spool.record(offset), int(i), rank)
        acc.add(values)
        _data_row(ws, values, PROJECT_COLUMNS, settings, row)
    _total_rows(ws, acc.result(settings), PROJECT_COLUMNS, "name", f"{len(df)} 个项目", settings)
    _filter(ws, len(PROJECT_COLUMNS), 3, 3 + len(df))
    ws.print_title_rows = "3:3"


def _bar_rows(df: pd.DataFrame) -> list[tuple]:
    """(部门, 总分) in rank order; with more than MAX_BARS departments, the top and the
    bottom halves (the bottom is what a 局长 must look at)."""
    scored = [(d, t) for d, t in zip(df["dept"], df["total"]) if t is not None]
    if len(scored) <= MAX_BARS:
        return scored
    half = MAX_BARS // 2
    return scored[:half] + scored[-half:]


def _chart_sheet(wb, depts, totals, year_label, n_files: int, n_unreadable: int, settings) -> dict:
    ws = wb.create_sheet(CHART_SHEET)
    _setup(ws, [22, 16, 10, 4, 30, 10], None)
    ws.append([_cell(ws, f"{year_label}绩效自评汇总概况", font=_TITLE_FONT, border=False)])
    ws.append([])
    overview = [
        ("工作簿数", n_files, COUNT), ("已汇总", len(depts), COUNT),
        ("无法读取", n_unreadable, COUNT), ("全年预算数合计（万元）", totals["budget"], MONEY),
        ("全年执行数合计（万元）", totals["executed"], MONEY), ("总体执行率", totals["rate"], RATE),
        ("平均总分", totals["mean_total"], SCORE), ("错误数", totals["errors"], COUNT),
        ("警告数", totals["warnings"], COUNT),
    ]
    for label, value, fmt in overview:
        places = _places(fmt, settings)
        ws.append([_cell(ws, label, font=_TOTAL_FONT),
                   _cell(ws, _q(value, places) if places is not None else value, fmt)])
    ws.append([])
    grade_head = 3 + len(overview) + 1  # 1-based row of the 等级 table header
    grades = {g: totals["grades"].get(g, 0) for g in (*grade_names(settings), NO_GRADE)}
    ws.append([_cell(ws, h, font=_HEAD_FONT, fill=_HEAD_FILL, align=_WRAP)
               for h in ("等级", "部门数", "占比")])
    n = max(len(depts), 1)
    for g, k in grades.items():
        ws.append([_cell(ws, g), _cell(ws, k, COUNT),
                   _cell(ws, _q(ratio(Decimal(k), Decimal(n)), settings.rate_places), RATE)])
    ws.append([])
    bars = _bar_rows(depts)
    bar_head = grade_head + len(grades) + 2
    title = "各部门总分" if len(bars) == int(totals["scored"]) else \
        f"各部门总分（前 {MAX_BARS // 2} 名与后 {MAX_BARS // 2} 名，共 {totals['scored']} 个）"
    ws.append([_cell(ws, h, font=_HEAD_FONT, fill=_HEAD_FILL, align=_WRAP)
               for h in ("部门（按排名）", "总分")])
    for d, t in bars:
        ws.append([_cell(ws, d), _cell(ws, _q(t, settings.score_places), SCORE)])

    pie = PieChart()
    pie.title = "等级分布（部门数）"
    first, last = grade_head + 1, grade_head + len(grades)
    pie.add_data(Reference(ws, min_col=2, min_row=grade_head, max_row=last), titles_from_data=True)
    pie.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    pie.dataLabels = _labels(percent=True)
    pie.height, pie.width = 8, 12
    ws.add_chart(pie, "E3")

    if bars:
        bar = BarChart()
        bar.type = "bar"  # horizontal: long Chinese department names stay readable
        bar.title = title
        bar.y_axis.title = "总分"
        # from 0: a bar's length is its score, so a 90 is not drawn as a tenth of a 100
        # (the data labels tell 94 from 97)
        bar.y_axis.scaling.min = 0
        bar.y_axis.scaling.max = 100
        bar.y_axis.number_format = "0"
        bar.y_axis.crosses = "max"  # with the categories reversed: the value axis below
        bar.x_axis.scaling.orientation = "maxMin"  # rank 1 at the top, as in the table
        bar.x_axis.tickLblSkip = 1  # every department's name, not every other one
        # openpyxl ≥ 3.1 leaves `delete` unset, which recent Excel reads as hidden axes
        bar.x_axis.delete = bar.y_axis.delete = False
        bar.legend = None
        bar.add_data(Reference(ws, min_col=2, min_row=bar_head, max_row=bar_head + len(bars)),
                     titles_from_data=True)
        bar.set_categories(Reference(ws, min_col=1, min_row=bar_head + 1,
                                     max_row=bar_head + len(bars)))
        bar.dataLabels = _labels()
        bar.width = 20
        bar.height = max(8.0, 0.6 * len(bars) + 3)  # cm: one label line per department
        ws.add_chart(bar, "E21")
    return grades


def _labels(percent: bool = False) -> DataLabelList:
    """Values (and shares) on the chart; every other flag set off explicitly, because
    LibreOffice shows the series and category names when they are left unset."""
    labels = DataLabelList()
    labels.showVal = True
    labels.showPercent = percent
    labels.showCatName = labels.showSerName = labels.showLegendKey = False
    return labels


def _print_setup(ws) -> None:
    """Landscape, all columns on one page width, any number of pages down."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _findings_sheet(wb, depts: pd.DataFrame, spool: Spool) -> int:
    """Every finding, file by file in the order of the ranking (a reviewer reads the
    department's row and then its problems in the same order)."""
    ws = wb.create_sheet(FINDINGS_SHEET)
    _setup(ws, [c[2] for c in FINDING_COLUMNS], "C2")
    _header(ws, [c[0] for c in FINDING_COLUMNS])
    room = EXCEL_MAX_ROWS - 2  # the header and the line saying the rest was left out
    n = 0
    for dept, offset in zip(depts["dept"], depts["fnd"]):
        findings = spool.findings(offset)
        if n + len(findings) > room:
            ws.append([None, "问题过多，超出 Excel 行数上限，其余未列出；"
                             "请用 xlperf check --json 查看全部"])
            break
        for f in findings:
            n += 1
            values = [n, dept, f["file"], f["sheet"], f["cell"],
                      SEVERITY_LABEL.get(f["severity"], f["severity"]), f["code"],
                      f["message"], f.get("expected"), f.get("found")]
            _fit(ws, 1 + n, ((_FINDING_WIDTHS[i], values[i]) for i in _FINDING_WRAPPED))
            ws.append([_cell(ws, v, border=False, align=_WRAP_LEFT) if isinstance(v, str) else v
                       for v in values])
    _filter(ws, len(FINDING_COLUMNS), 1, 1 + n)
    ws.print_title_rows = "1:1"
    return n


def _unreadable_sheet(wb, unreadable: list[FileResult]) -> None:
    ws = wb.create_sheet(UNREADABLE_SHEET)
    _setup(ws, [7, 50, 70], "A2")
    _header(ws, ["序号", "文件", "原因"])
    for i, r in enumerate(sorted(unreadable, key=lambda r: r.path), start=1):
        ws.append([i, r.path, r.error])
    _filter(ws, 3, 1, 1 + len(unreadable))

