"""What the checks share while one workbook is evaluated: findings, writes, and the
rules for a computed cell (who owns it, when a difference is an error, stale, or a fix)."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from decimal import Context as DecimalContext
from typing import Any

from .. import layout as L
from ..findings import INFO, WARNING, Finding
from ..grid import SheetGrid, WorkbookGrid, a1, parse_a1
from ..plan import CellWrite
from ..rules.numbers import BAD, NA, NUMBER, PLACEHOLDER, TEXT, Reading, fmt_percent, fmt_plain, quantize
from ..rules.rates import DIFFERENT, EQUAL, LAST_PLACE, compare_rate
from ..rules.totals import sum_tolerance
from ..settings import Settings
from ..tables.figures import read_figure
from .ownership import Record, canonical
from .roles import Cell, role_cells

REFRESH = "refresh"
CHECK = "check"

SCORE = "score"
RATE = "rate"
MONEY = "money"
TEXTVAL = "text"
WITHIN = "within_tolerance"


_EXCEL_DIGITS = DecimalContext(prec=15, rounding=ROUND_HALF_EVEN)


def excel_precision(value: Decimal) -> Decimal:
    """A formula's result as Excel holds it: 15 significant digits (half-even, as
    format(value, ".15g") rounds), trailing zeros dropped."""
    if value == 0:
        return Decimal(0)
    return value.normalize(_EXCEL_DIGITS)


@dataclass
class Context:
    wb: WorkbookGrid
    settings: Settings
    mode: str = CHECK
    template: bool = False
    year: int | None = None
    findings: list = field(default_factory=list)
    writes: dict = field(default_factory=dict)  # (sheet, row, col) → CellWrite
    owned: set = field(default_factory=set)  # cells whose value the rules compute
    formulas: set = field(default_factory=set)  # the owned cells that hold formulas
    note_cols: dict = field(default_factory=dict)  # (sheet, row) → 校验说明 column
    record: Record = field(default_factory=dict)  # the last refresh's, from the workbook
    new_record: Record = field(default_factory=dict)  # this refresh's
    records: bool = False  # this plan writes the record (a refresh that writes its notes)
    # refreshed by an older xlperf, which left no record: a differing computed cell may
    # be its figure gone stale or a typed one (see computed)
    legacy: bool = False
    covered_totals: set = field(default_factory=set)  # (sheet, row) checked by a table
    _reported: set = field(default_factory=set)
    _reported_cells: set = field(default_factory=set)
    summary: dict = field(default_factory=dict)
    # sheet name → the tables found on it (build_plan's): the template's formula cells
    # are those the layout declares as formulas in these tables
    tables: dict = field(default_factory=dict)
    _layout_formulas: dict[str, set[Cell]] = field(default_factory=dict)

    # ---- findings -------------------------------------------------------------------
    def find(self, sheet: str, row: int, col: int | None, code: str, message: str,
             expected: Any = None, found: Any = None, severity: str = "") -> None:
        if col is None:  # a table without the column: the finding goes to the row's start
            col = 0
        key = (sheet, row, col, code)
        if key in self._reported:
            return
        self._reported.add(key)
        if code != "TYPED_REPLACED":  # the cell now holds the rule's figure: no fault in it
            self._reported_cells.add(key[:3])
        self.findings.append(Finding(sheet, a1(row, col), code, message, severity,
                                     None if expected is None else str(expected),
                                     None if found is None else str(found), self.wb.name))

    def has_finding(self, sheet: str, row: int, col: int | None) -> bool:
        return (sheet, row, col) in self._reported_cells

    def replaces(self, sheet: str, row: int, col: int | None) -> bool:
        """This refresh writes a value over the cell, so what it held stops mattering."""
        w = self.writes.get((sheet, row, col))
        return w is not None and not w.note and w.value is not None

    # ---- reading inputs -------------------------------------------------------------
    def figure(self, reading: Reading | None, sheet: SheetGrid, row: int, col: int | None, what: str,
               required: bool = False, allow_na: bool = False) -> Decimal | None:
        """An input cell's figure, read by the table (`reading`); unreadable figures and
        required blanks are findings. No column (`col` None): no figure, no finding."""
        if col is None or reading is None:
            return None
        r = reading
        if r.kind == NUMBER:
            return r.value
        if r.kind == PLACEHOLDER:
            self.find(sheet.name, row, col, "PLACEHOLDER", f"{what}填的是占位符“{r.text}”，请填写实际数字",
                      "数字", r.text)
        elif r.kind == BAD:
            self.find(sheet.name, row, col, "BAD_NUMBER", f"{what}“{r.text}”不是有效数字：{r.reason}",
                      "数字", r.text)
        elif r.kind == TEXT:
            self.find(sheet.name, row, col, "BAD_NUMBER", f"{what}应填数字，现为“{r.text}”", "数字",
                      r.text)
        elif r.kind == NA and not allow_na:
            if required:
                self.find(sheet.name, row, col, "MISSING_VALUE", f"{what}不能填“{r.text}”，请填写数字",
                          "数字", r.text)
        elif required and r.is_blank:
            self.find(sheet.name, row, col, "MISSING_VALUE", f"{what}为空，请填写", "数字", None)
        return None

    def post(self, reading: Reading | None, sheet: SheetGrid, row: int, col: int | None) -> Decimal | None:
        """A cell's figure after this plan's writes (what a spreadsheet would show next):
        the write's, else the figure the table read there."""
        if col is None:
            return None
        w = self.writes.get((sheet.name, row, col))
        r = read_figure(w.value) if w is not None else reading
        return r.value if r is not None and r.kind == NUMBER else None

    def stated_score(self, stated: Reading, sheet: SheetGrid, row: int, col: int | None, name: str,
                     weight: Decimal | None) -> tuple[Reading, bool]:
        """The 得分 typed in a row (`stated`, as the table read it; blank without the
        column), with the findings about it as a figure: unreadable (BAD_NUMBER), or over
        the weight or negative (SCORE_OVER_WEIGHT). Returns the reading and whether it is
        over the weight (then the rule's score is not compared)."""
        if stated.kind in (BAD, PLACEHOLDER, TEXT):
            self.find(sheet.name, row, col, "BAD_NUMBER", f"“{name}”的得分“{stated.text}”不是数字",
                      "数字", stated.text)
        if weight is None or stated.value is None:
            return stated, False
        # compared at the precision scores are written with: a weight of 1.375 allows 1.38
        places = self.settings.score_places
        over = quantize(stated.value, places) > quantize(weight, places)
        if not (over or stated.value < 0):
            return stated, False
        self.find(sheet.name, row, col, "SCORE_OVER_WEIGHT",
                  f"“{name}”得分 {fmt_plain(stated.value)} "
                  + (f"超过分值 {fmt_plain(weight)}，总分按 {fmt_plain(weight)} 计" if over
                     else "不能为负数，总分按 0 计"),
                  f"0–{fmt_plain(weight)}", fmt_plain(stated.value))
        return stated, True

    # ---- computed cells -------------------------------------------------------------
    def template_formula(self, sheet: SheetGrid, row: int, col: int) -> bool:
        """The template puts a formula in the cell (the layout's formula role, mapped onto
        the sheet's found tables once per sheet)."""
        if not self.template:
            return False
        cells = self._layout_formulas.get(sheet.name)
        if cells is None:
            cells = role_cells(sheet, self.tables.get(sheet.name, []), L.FORMULA)
            self._layout_formulas[sheet.name] = cells
        return (row, col) in cells

    def formula_cell(self, sheet: SheetGrid, row: int, col: int | None) -> bool:
        """The cell holds a formula (or, where a front end cannot tell, does in the template)."""
        if col is None:
            return False
        actual = sheet.has_formula(row, col)
        return actual if actual is not None else self.template_formula(sheet, row, col)

    def computed(self, sheet: SheetGrid, row: int, col: int | None, value: Any, *, kind: str,
                 what: str, code: str = "SCORE_MISMATCH", cache: Any = None, places: int = 2, items: int = 0, why: str = "") -> None:
        """A cell the rules compute. `value` is what a value write puts there (rounded),
        `cache` what a formula there evaluates to (default `value`); `items` > 0 marks a sum
        of that many rounded items, compared with the rounding tolerance (rules.md §1);
        `why` says in the notes why a replaced typed figure had to go.
        Decides, per mode and ownership, whether to write it, or which finding a differing
        stated value gets: a cell still holding what the last refresh wrote (the record) is
        stale, one holding anything else was typed over."""
        if col is None:
            return
        cell = (sheet.name, row, col)
        self.owned.add(cell)
        actual_formula = sheet.has_formula(row, col)
        in_template = actual_formula is not True and self.template_formula(sheet, row, col)
        formula_cell = actual_formula if actual_formula is not None else in_template
        if in_template and actual_formula is False:
            # The refresh writes the computed value, but as a constant (a plan carries no
            # formula text), so the cell still lacks its formula afterwards: the finding
            # names what persists, not the figure, or every refresh would rewrite it.
            self.find(sheet.name, row, col, "FORMULA_OVERWRITTEN",
                      f"{what}应由模板公式计算，公式已被固定值覆盖或删除；刷新会写入计算值，"
                      f"如需在 Excel 中自动计算，请从模板复制公式", "公式", "固定值")
        if formula_cell:
            self.formulas.add(cell)
        target = cache if (formula_cell and cache is not None) else value
        stated = sheet.value(row, col)
        prior = None if formula_cell else self.record.get(cell)
        # still what the refresh wrote (canonical() only where there is a record to compare)
        ours = prior is not None and prior[0] == (canonical(stated) or "")
        typed_before = prior[1] if ours and prior is not None else None
        # a stated rate is compared with the exact rate at the stated precision
        exact = cache if (kind == RATE and cache is not None) else value
        agreement = self._agree(stated, exact, kind, places, items)
        if formula_cell and target is None and _is_zero(stated):
            agreement = EQUAL  # a SUM over blank cells shows 0 in Excel and LibreOffice alike
        if agreement == WITHIN and not formula_cell and not self.template and not ours:
            self.find(sheet.name, row, col, code, f"{what}{_show_stated(stated)} 与分项之和 "
                      f"{_show(value, kind, places)} 相差在 {items} 项四舍五入误差以内",
                      _show(value, kind, places), _show_stated(stated), INFO)
            return
        if agreement == WITHIN:
            agreement = EQUAL
        blank = stated is None or (isinstance(stated, str) and not stated.strip())
        if agreement == EQUAL and not (formula_cell and target is not None and self._needs_cache(stated, target, kind)):
            if not formula_cell and (ours or (self.template and not blank)):
                self._remember(cell, stated, typed_before, what, (value, kind, places), why)
            return
        owned = self.template or blank or bool(formula_cell) or ours
        if self.mode == REFRESH and owned:
            self.writes[cell] = CellWrite(sheet.name, row, col, target, formula_cell=bool(formula_cell))
            if not formula_cell:
                typed = typed_before if ours else (None if blank or agreement == EQUAL else _show_stated(stated))
                if typed is not None and self.legacy and not ours:
                    # the figure is named, as for a typed one, but not claimed as typed
                    self._remember(cell, target, None, what, (value, kind, places), why)
                    self.find(sheet.name, row, col, "STALE_SCORE",
                              f"{what}原为 {typed}，刷新已按规则改为 {_show(value, kind, places)}{why}"
                              f"（本工作簿由旧版 xlperf 刷新，没有逐格刷新记录，无法判断原值是否为手填，请核对）",
                              _show(value, kind, places), typed, INFO)
                    return
                self._remember(cell, target, typed, what, (value, kind, places), why)
            return
        if agreement == EQUAL:
            return
        got = _show_stated(stated)
        exp = _show(value, kind, places)
        if blank:
            # a template's computed cell, or a typed table's blank score: refresh fills it
            if value is not None and (self.template or kind == SCORE):
                self.find(sheet.name, row, col, "STALE_SCORE", f"{what}为空，刷新后为 {exp}", exp, None)
            return
        if formula_cell:
            self.find(sheet.name, row, col, "STALE_SCORE",
                      f"{what}的公式结果 {got} 未重新计算，应为 {exp}", exp, got)
            return
        if ours:
            self._remember(cell, stated, typed_before, what, (value, kind, places), why)
            self.find(sheet.name, row, col, "STALE_SCORE",
                      f"{what}是上次刷新写入的 {got}，输入修改后应为 {exp}，请重新刷新", exp, got, INFO)
            return
        if value is None:
            return
        if kind == RATE and agreement == LAST_PLACE:
            self.find(sheet.name, row, col, "RATE_MISMATCH",
                      f"{what}填 {got}，按四舍五入应为 {exp}（疑为截尾）", exp, got, WARNING)
            return
        self.find(sheet.name, row, col, code, f"{what}填 {got}，应为 {exp}", exp, got)

    def fill(self, sheet: SheetGrid, row: int, col: int, value: Decimal) -> None:
        """REFRESH: a blank cell gets the figure the rules give (a met qualitative target's
        full marks), recorded as the refresh's."""
        self.writes[(sheet.name, row, col)] = CellWrite(sheet.name, row, col, value)
        self.owned.add((sheet.name, row, col))
        if self.records:
            self.new_record[(sheet.name, row, col)] = (canonical(value) or "", None)

    def keep(self, sheet: SheetGrid, row: int, col: int | None) -> None:
        """A cell the refresh filled once and the rules no longer compute (a qualitative
        score is the evaluator's to change): its record stays while it holds that figure."""
        if col is None or not self.records:
            return
        cell = (sheet.name, row, col)
        prior = self.record.get(cell)
        if prior is not None and prior[0] == (canonical(sheet.value(row, col)) or ""):
            self.new_record.setdefault(cell, prior)

    def _remember(self, cell: tuple[str, int, int], written: Any, typed: str | None, what: str,
                  rule: tuple[Any, str, int], why: str = "") -> None:
        """The refresh's record of a cell it owns (when this plan writes the record); a
        typed figure it replaced stays in the record and in the row's notes for as long
        as the cell holds the refresh's value."""
        if self.records:
            key = canonical(written) or ""
            if key or typed is not None:
                self.new_record[cell] = (key, typed)
        if typed is not None:
            sheet, row, col = cell
            shown = _show(*rule)  # (value, kind, places) of the rule's figure
            self.find(sheet, row, col, "TYPED_REPLACED",
                      f"{what}原填 {typed}，刷新已按规则改为 {shown}{why}", shown, typed)

    def _agree(self, stated, value, kind, places, items=0) -> str:
        if value is None:
            return EQUAL if stated in (None, "") else DIFFERENT
        if kind == TEXTVAL:
            typed = str(stated or "").strip()
            return EQUAL if typed == str(value) or _SPELLED_OUT.get(typed) == value else DIFFERENT
        r = read_figure(stated)
        if r.value is None:
            return DIFFERENT
        if kind == RATE:
            return compare_rate(r, value)
        diff = abs(quantize(r.value, places) - quantize(value, places))
        if not diff:
            return EQUAL
        return WITHIN if items and diff <= sum_tolerance(items, self.settings) else DIFFERENT

    @staticmethod
    def _needs_cache(stated, target, kind) -> bool:
        """A formula cell whose cached value is missing or imprecise still gets a write."""
        if target is None:
            return stated not in (None, "")
        if kind == TEXTVAL:
            return str(stated or "") != str(target)
        r = read_figure(stated)
        return r.value is None or abs(r.value - Decimal(target)) > _CACHE_PRECISION

    def note_row(self, sheet: SheetGrid, row: int, col: int | None) -> None:
        if col is not None:
            self.note_cols[(sheet.name, row)] = col
            self.owned.add((sheet.name, row, col))

    def drop_superseded(self) -> None:
        """REFRESH: a finding about what a cell holds (an unreadable figure, a
        placeholder, a blank) is moot when this refresh writes a value there; the
        校验结果 it writes describes the refreshed workbook, so a second refresh finds
        the same (without this, it would rewrite 校验结果 every other time)."""
        self.findings = [f for f in self.findings if not (
            f.code in _ABOUT_CONTENT and self.replaces(f.sheet, *parse_a1(f.cell)))]


_CACHE_PRECISION = Decimal("1e-9")
# a typed table spells the grade out: 优秀等级 (seed 001) is the grade 优
_SPELLED_OUT = {"优秀": "优", "良好": "良", "中等": "中", "较差": "差"}
_ABOUT_CONTENT = frozenset({"BAD_NUMBER", "PLACEHOLDER", "MISSING_VALUE"})


def _is_zero(stated: Any) -> bool:
    r = read_figure(stated)
    return r.kind == NUMBER and r.value == 0


def _show(value, kind, places) -> str:
    if value is None:
        return "空白"
    if kind == RATE:
        return fmt_percent(Decimal(value))
    if kind == TEXTVAL:
        return str(value)
    return fmt_plain(Decimal(value), places)


def _show_stated(stated) -> str:
    r: Reading = read_figure(stated)
    if r.value is not None:
        if r.is_percent:
            return r.text
        return fmt_plain(r.value, 4)
    return str(stated)
