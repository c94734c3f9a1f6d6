"""A table of a known kind as the engine receives it: `tables.parse` finds its rows and
types each one (item, total, 其中 part, group heading, grade row …) with every cell the
checks use read once — a text normalised (`cell_text`), a figure as a `Reading` (a
Decimal or the reason it is not one). The engine scores these rows and never reads a
raw cell; the coordinates stay on each row for its findings and writes."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..rules.numbers import BLANK, Reading
from .find import Table

# row roles (what each kind has of them)
ITEM = "item"  # a row the kind scores: an indicator, a task, a 三级 row, an option …
TOTAL = "total"  # 年度资金总额, 合计, 总分, 金额合计, 三公经费合计
GROUP = "group"  # a heading row with no data (an indicator table's merged 一级 line)
PART = "part"  # a 其中 part of the row above it
GRADE = "grade"  # 等级 / 评价等级 under a total
INCOME = "income"  # 资金: a source the 年度资金总额 adds (财政拨款, 上年结转 …)
SPENDING = "spending"  # 资金: 基本支出 / 项目支出
HEAD = "head"  # 经费控制情况: a heading its numbered items add up to (三公经费, 项目支出)
SCORE = "score"  # a questionnaire's 本题得分 row
RESPONDENTS = "respondents"  # a 问卷星 export's 本题有效填写人次 row
OTHER = "other"  # a row the kind's checks leave alone (按收入性质分：, a row after the 总分)

BLANK_READING = Reading(BLANK)


class _Nothing(Mapping):
    """What a row without figures, texts or meta holds: most rows lack one of them, and a
    refresh makes thousands of rows (one shared empty mapping that cannot change, not a
    dict each)."""

    def __getitem__(self, key):
        raise KeyError(key)

    def __iter__(self):
        return iter(())

    def __len__(self) -> int:
        return 0

    def get(self, key, default=None):  # Mapping.get would raise and catch a KeyError
        return default

    def __contains__(self, key) -> bool:
        return False

    def __hash__(self) -> int:
        return 0


_NOTHING: Mapping = _Nothing()


@dataclass(slots=True)
class Line:
    """One data row of a known table."""

    row: int  # 0-based sheet row
    role: str
    label: str = ""  # the label column's text, normalised (cell_text)
    figures: Mapping = _NOTHING  # key → Reading, the figure columns the checks read
    texts: Mapping = _NOTHING  # key → normalised text, the text columns they read
    meta: Mapping = _NOTHING  # what the kind adds: the 一级/二级 a row stands under …

    def figure(self, key: str) -> Reading:
        """The cell's Reading; a blank one when the table has no such column."""
        return self.figures.get(key, BLANK_READING)

    def text(self, key: str) -> str:
        return self.texts.get(key, "")


@dataclass
class KnownTable(Table):
    """A `tables.find.Table` with its rows finished: `rows` stays the row indices (where
    the table ends, which cells the layout gives which role), `lines` the typed rows."""

    lines: list = field(default_factory=list)
    # what the kind reads outside its rows (a header's unit, a typed grade's column …)
    facts: dict = field(default_factory=dict)

    def line(self, row: int) -> Line | None:
        return next((x for x in self.lines if x.row == row), None)
