"""The figures a report is drafted from and checked against: the workbook as the
engine's REFRESH plan leaves it, computed in memory (the user's file is not written).

The engine's plan gives 总分, 等级 and the budget figures per sheet (plan.summary); the
rest (each indicator's target, actual and score, the 资金 rows, 三公, 人员) is read from
the recognised tables of the refreshed grid. The engine does not expose these yet."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..engine import REFRESH, build_plan
from ..grid import SheetGrid, WorkbookGrid
from ..plan import Plan
from ..rules.numbers import NUMBER, read_number
from ..settings import DEFAULT, Settings
from ..tables.find import FUNDS, INDICATORS, SANGONG, STAFF, TASKS, find_tables
from ..tables.headers import cell_text


def number(v) -> Decimal | None:
    r = read_number(v)
    if r.kind != NUMBER or r.value is None:
        return None
    if isinstance(v, str) and r.is_percent:
        return r.value
    return r.value


@dataclass
class Indicator:
    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: Decimal | None
    score: Decimal | None
    deviation: str


@dataclass
class FundRow:
    label: str
    initial: Decimal | None
    budget: Decimal | None
    executed: Decimal | None
    rate: Decimal | None
    weight: Decimal | None = None
    score: Decimal | None = None


@dataclass
class SheetFacts:
    sheet: str
    name: str
    project: bool
    total: Decimal | None
    grade: str
    funds: list[FundRow] = field(default_factory=list)
    tasks: list[FundRow] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)

    @property
    def main(self) -> FundRow | None:
        return self.funds[0] if self.funds else None


@dataclass
class WorkbookFacts:
    file: str
    dept: str
    region: str
    year: int | None
    sheets: list[SheetFacts]
    scoring: dict | None
    survey_rate: Decimal | None
    sangong: list[tuple[str, list]]  # (item, [本年度, 年初预算, 上年度, 增减, 增减率])
    staff: tuple | None  # (编制数, 实际在职, 控制率)
    findings: list

    @property
    def overall(self) -> SheetFacts | None:
        return next((s for s in self.sheets if not s.project), None)

    @property
    def projects(self) -> list[SheetFacts]:
        return [s for s in self.sheets if s.project]

    @property
    def total(self) -> Decimal | None:
        o = self.overall
        return o.total if o is not None else None

    @property
    def grade(self) -> str:
        o = self.overall
        return o.grade if o is not None else ""


def refreshed(wb: WorkbookGrid, plan: Plan) -> WorkbookGrid:
    """The grid with the plan's figures written into a copy (notes left out)."""
    by_sheet = plan.writes_by_sheet()
    sheets = []
    for s in wb.sheets:
        rows = s.rows
        writes = [w for w in by_sheet.get(s.name, []) if not w.note]
        if writes:
            rows = [list(r) for r in rows]
            for w in writes:
                while len(rows) <= w.row:
                    rows.append([])
                while len(rows[w.row]) <= w.col:
                    rows[w.row].append(None)
                rows[w.row][w.col] = w.value
        sheets.append(SheetGrid(s.name, rows, s.formulas))
    return WorkbookGrid(sheets, wb.name)


_TITLE = re.compile(r"^(?P<region>.*?)(?P<year>(?:19|20)\d{2})年度")


def _dept(sheet: SheetGrid) -> str:
    for row in sheet.rows[:6]:
        cells = [cell_text(c) for c in row]
        for i, c in enumerate(cells):
            if re.sub(r"\s", "", c).startswith(("部门（单位）名称", "部门(单位)名称", "县级预算部门", "单位名称")):
                rest = [x for x in cells[i + 1:] if x.strip()]
                if rest:
                    return rest[0].strip()
    return ""


def _region(wb: WorkbookGrid) -> str:
    for s in wb.sheets:
        for row in s.rows[:2]:
            for c in row:
                m = _TITLE.match(cell_text(c))
                if m and m.group("region"):
                    return m.group("region")
    return ""


def _fund_row(t, r) -> FundRow:
    return FundRow(t.label(r) or cell_text(t.v(r, "item")) or cell_text(t.v(r, "task")),
                   number(t.v(r, "budget_initial")), number(t.v(r, "budget")), number(t.v(r, "executed")),
                   number(t.v(r, "rate")), number(t.v(r, "weight")), number(t.v(r, "score")))


def workbook_facts_of(wb: WorkbookGrid, plan: Plan, settings: Settings = DEFAULT) -> WorkbookFacts:
    grid = refreshed(wb, plan)
    summary = plan.summary
    by_sheet = {s["sheet"]: s for s in summary.get("sheets", [])}
    sheets, sangong, staff, dept = [], [], None, ""
    for s in grid.sheets:
        tables = find_tables(s)
        info = by_sheet.get(s.name)
        if info is not None:
            sf = SheetFacts(s.name, info.get("name", ""), bool(info.get("project")), info.get("total"),
                            info.get("grade", ""))
            if not sf.project:
                dept = _dept(s) or sf.name
            for t in tables:
                if t.kind == FUNDS:
                    sf.funds += [_fund_row(t, r) for r in t.rows if t.label(r) or cell_text(t.v(r, "item"))]
                elif t.kind == TASKS:
                    sf.tasks += [_fund_row(t, r) for r in t.rows if cell_text(t.v(r, "task"))]
                elif t.kind == INDICATORS:
                    for m in t.extra.get("meta", []):
                        if m["role"] != "item":
                            continue
                        r = m["row"]
                        sf.indicators.append(Indicator(
                            m.get("level1", ""), m.get("level2", ""), cell_text(t.v(r, "level3")),
                            cell_text(t.v(r, "target")), cell_text(t.v(r, "actual")),
                            number(t.v(r, "weight")), number(t.v(r, "score")), cell_text(t.v(r, "deviation"))))
            sheets.append(sf)
        for t in tables:
            if t.kind == SANGONG:
                for r in t.rows:
                    item = cell_text(t.v(r, "item"))
                    if item:
                        sangong.append((item, [number(t.v(r, k)) for k in
                                               ("current", "initial", "previous", "change", "change_rate")]))
            elif t.kind == STAFF and staff is None and t.rows:
                r = t.rows[0]
                staff = (number(t.v(r, "staff_quota")), number(t.v(r, "staff_actual")),
                         number(t.v(r, "control_rate")))
    return WorkbookFacts(wb.name, dept, _region(grid), summary.get("year"), sheets, summary.get("scoring"),
                         summary.get("survey_rate"), sangong, staff, list(plan.findings))


def workbook_facts(path, settings: Settings = DEFAULT) -> WorkbookFacts:
    from ..actions import read

    wb = read(path, settings)
    return workbook_facts_of(wb, build_plan(wb, settings, REFRESH), settings)
