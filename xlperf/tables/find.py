"""Locating the tables of a sheet by their header rows (tables.md, "Recognition")."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..grid import SheetGrid
from .headers import cell_text, header_cells

FUNDS = "funds"
TASKS = "tasks"
INDICATORS = "indicators"
SCORING = "scoring"
SCORING_SUMMARY = "scoring_summary"
SURVEY = "survey"
STAFF = "staff"
FUND_CONTROL = "fund_control"
BUILDINGS = "buildings"
SANGONG = "sangong"

# kind → required keys, in priority order: the first kind whose keys a row holds wins
# (a 年度主要任务 header also names 全年预算数/执行率, but 任务名称 first)
KINDS = (
    (SCORING, ("level1", "level2", "level3", "criterion", "score")),
    # 表5–表8 of a third-party report: one 一级 with its 二级/三级, 分值, 得分, 得分率
    (SCORING, ("level1", "level2", "level3", "weight", "score", "score_rate")),
    (SCORING_SUMMARY, ("level1", "weight", "score", "score_rate")),
    (INDICATORS, ("target", "actual", "weight", "score", "level3")),
    (SCORING, ("level1", "level2", "level3", "weight", "score")),
    (TASKS, ("task", "budget", "executed", "rate")),
    (FUNDS, ("budget", "executed", "rate", "score")),
    (STAFF, ("staff_quota", "staff_actual", "control_rate")),
    (BUILDINGS, ("approved_size", "actual_size", "size_rate")),
    (SANGONG, ("current", "initial", "previous", "change")),
    (SURVEY, ("option", "count", "share")),
    (SCORING_SUMMARY, ("level1", "weight", "score")),  # a 表4 without 得分率
)
_SECTION = re.compile(r"^(年度总体目标|年度主要任务|绩效指标|年度绩效指标|厉行节约|楼堂馆所|说明|填表人)")
_QUESTION = re.compile(r"^第\s*(\d+)\s*题")
_CHANGE = re.compile(r"增减|增长|比上年|变动")


@dataclass
class Table:
    kind: str
    sheet: SheetGrid
    header_row: int  # the (last) header row
    cols: dict  # key → column
    rows: list = field(default_factory=list)  # data rows, 0-based
    label_col: int = 0
    extra: dict = field(default_factory=dict)

    def v(self, row: int, key: str):
        col = self.cols.get(key)
        if col is None or row < 0:
            return None
        try:  # SheetGrid.value inlined: the rules read every cell this way
            return self.sheet.rows[row][col]
        except IndexError:
            return None

    def label(self, row: int) -> str:
        return cell_text(self.sheet.value(row, self.label_col))

    @property
    def first_row(self) -> int:
        return self.rows[0] if self.rows else self.header_row + 1

    @property
    def last_row(self) -> int:
        return self.rows[-1] if self.rows else self.header_row


def is_blank_row(sheet: SheetGrid, row: int) -> bool:
    r = sheet.rows[row] if row < len(sheet.rows) else []
    if r.count(None) == len(r):  # the usual blank row, without a Python loop
        return True
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in r)


# kind → its keys as one set; every kind needs at least _MIN_KEYS of them, so a row with
# fewer is no header of any kind: most rows are data and skip the loop
_REQUIRED = tuple((kind, frozenset(keys)) for kind, keys in KINDS)
_MIN_KEYS = min(len(keys) for _, keys in _REQUIRED)


def header_kind(sheet: SheetGrid, row: int) -> tuple[str, dict] | None:
    r = sheet.rows[row] if row < len(sheet.rows) else ()
    if len(r) - r.count(None) < 2:  # most rows: a header of any kind names ≥ 2 columns
        return None
    keys, year_cols = header_cells(sheet, row)
    if len(keys) >= _MIN_KEYS:
        for kind, required in _REQUIRED:
            if required <= keys.keys():
                return kind, keys
    if len(year_cols) >= 2 and _budget_and_final(sheet, row, year_cols):
        return FUND_CONTROL, {f"year{i}": c for i, c in enumerate(year_cols)}
    return None


def _budget_and_final(sheet: SheetGrid, row: int, cols: list) -> bool:
    """The 经费控制情况 block heads 2023年决算数 | 2024年预算数 | 2024年决算数: a table of
    决算数 by year alone (2024年决算数 | 2023年决算数 | 增减额), or of both with a change column,
    is a comparison, and one of 预算数 | 决算数 without years a 决算 table, not that block."""
    texts = [cell_text(sheet.value(row, c)) for c in cols]
    if any(_CHANGE.search(cell_text(v)) for v in sheet.rows[row] if isinstance(v, str)):
        return False  # 2024年决算数 | 2024年预算数 | 2023年决算数 | 增减额 | 增减率: a comparison (三公经费对比说明)
    return (any("预算数" in t for t in texts) and any("决算数" in t for t in texts)
            and any(t[:4].isdigit() for t in texts))  # a plain 预算数 | 决算数 table is no such block


def first_text(sheet: SheetGrid, row: int, upto: int | None = None) -> tuple[int, str]:
    r = sheet.rows[row] if row < len(sheet.rows) else []
    for c, v in enumerate(r[:upto] if upto is not None else r):
        if isinstance(v, str):
            t = cell_text(v)
            if t:
                return c, t
    return -1, ""


def is_section_row(sheet: SheetGrid, row: int) -> bool:
    """A section label (年度总体目标 …) on a row without figures: a table's vertical label
    (年度主要任务完成情况 merged beside its rows) sits on rows with figures."""
    _, t = first_text(sheet, row)
    if not _SECTION.match(t):
        return False
    r = sheet.rows[row] if row < len(sheet.rows) else []
    return not any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in r)


def find_tables(sheet: SheetGrid) -> list[Table]:
    from .parse import PARSERS

    tables: list[Table] = []
    row = 0
    n = sheet.n_rows
    while row < n:
        found = header_kind(sheet, row)
        if not found:
            row += 1
            continue
        kind, keys = found
        table = PARSERS[kind](sheet, row, keys)
        if table is None:
            row += 1
            continue
        tables.append(table)
        row = max(table.last_row + 1, row + 1)
    return tables
