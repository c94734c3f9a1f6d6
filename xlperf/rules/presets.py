"""Third-party 评分表 rules (rules.md §4) as data.

A preset is a band of full marks with deductions per percentage point on either side;
a province's variant is another `Preset` value, not code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property, lru_cache

from .numbers import normalize_text, quantize

BAND = "band"  # full marks inside [full_from, full_to], deductions outside
PROPORTIONAL = "proportional"  # min(rate, 1) × w
CHECKLIST = "checklist"  # w × met ÷ total

_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Preset:
    name: str
    kind: str
    formula: str  # how the value is computed, for people: "在职 ÷ 编制"
    inputs: tuple = ("分子", "分母")  # labels of the two 评分数据 cells
    aliases: tuple = ()
    full_from: Decimal | None = None  # lowest rate with full marks (None: no floor)
    full_to: Decimal | None = None  # highest rate with full marks (None: no ceiling)
    below_step: Decimal | None = None  # points off per percentage point under full_from
    below_zero: Decimal | None = None  # under this rate: 0 (None: only the steps apply)
    above_step: Decimal | None = None  # points off per percentage point over full_to
    above_zero: Decimal | None = None  # over this rate: 0
    absolute: bool = False  # 预算调整率: an increase and a cut count alike
    round_points: bool = True  # 不足1%按四舍五入原则取整
    criterion: str = ""  # the 评分标准 sentence the template prints

    def matches(self, name: str) -> bool:
        return _key(name) in self._keys

    @cached_property
    def _keys(self) -> frozenset:  # every 评分表 row asks every preset
        return frozenset(_key(n) for n in (self.name, *self.aliases))

    def score(self, value: Decimal, weight: Decimal) -> Decimal:
        """Unrounded score of `value` (a rate as a fraction, or met ÷ total) for weight w."""
        if self.kind == PROPORTIONAL or self.kind == CHECKLIST:
            return _clamp(min(value, Decimal(1)) * weight, weight)
        rate = abs(value) if self.absolute else value
        if self.full_from is not None and rate < self.full_from:
            if self.below_zero is not None and rate < self.below_zero:
                return Decimal(0)
            if self.below_step is None:
                return Decimal(0)
            return _clamp(weight - self._points(self.full_from - rate) * self.below_step, weight)
        if self.full_to is not None and rate > self.full_to:
            if self.above_zero is not None and rate > self.above_zero:
                return Decimal(0)
            if self.above_step is None:
                return Decimal(0)
            return _clamp(weight - self._points(rate - self.full_to) * self.above_step, weight)
        return weight

    def _points(self, gap: Decimal) -> Decimal:
        points = gap * _HUNDRED
        return quantize(points, 0) if self.round_points else points


def _clamp(score: Decimal, weight: Decimal) -> Decimal:
    return min(max(score, Decimal(0)), weight)


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    s = normalize_text(name)
    s = re.sub(r"\(\d+(\.\d+)?分?\)$", "", s)
    return re.sub(r"[\"“”'‘’]", "", s)


D = Decimal
DEFAULT_PRESETS: tuple[Preset, ...] = (
    Preset("在职人员控制率", BAND, "在职人员数 ÷ 编制数", ("在职人员数", "编制数"),
           aliases=("编制人员控制率",), full_to=D(1),
           criterion="在职人员控制率≤100%得满分，否则得0分。"),
    Preset("临聘人员控制率", BAND, "临聘人员实际数 ÷ 临聘人员配备名额", ("临聘人员实际数", "配备名额"),
           full_to=D(1), criterion="临聘人员控制率≤100%得满分，否则得0分。"),
    Preset("重点支出安排率", BAND, "重点项目支出 ÷ 项目总支出", ("重点项目支出", "项目总支出"),
           full_from=D("0.8"), below_step=D("0.1"), below_zero=D("0.6"),
           criterion="重点支出安排率≥80%得满分，60%—80%每降低1%扣0.1分，低于60%得0分。"),
    Preset("基本支出预算执行率", PROPORTIONAL, "基本支出执行数 ÷ 基本支出预算数", ("执行数", "预算数"),
           criterion="得分=预算执行率×分值。"),
    Preset("项目支出预算执行率", PROPORTIONAL, "项目支出执行数 ÷ 项目支出预算数", ("执行数", "预算数"),
           criterion="得分=预算执行率×分值。"),
    Preset("政府采购执行率", PROPORTIONAL, "实际政府采购金额 ÷ 政府采购预算数", ("实际采购金额", "采购预算数"),
           criterion="得分=政府采购执行率×分值。"),
    Preset("预算调整率", BAND, "预算调整数 ÷ 预算数", ("预算调整数", "预算数"),
           full_from=D(0), full_to=D(0), above_step=D("0.2"), above_zero=D("0.1"), absolute=True,
           criterion="预算调整率=0%得满分，每调增或调减1%扣0.2分，超过10%不得分。"),
    Preset("三公经费控制率", BAND, "“三公”经费实际支出数 ÷ 预算安排数", ("实际支出数", "预算安排数"),
           aliases=("“三公”经费控制率", '"三公"经费控制率', "三公控制率"),
           full_from=D("0.7"), full_to=D(1), above_step=D("0.1"), above_zero=D("1.1"),
           criterion="“三公”经费控制率=70%—100%得满分，超出100%每增加1%扣0.1分，超过110%或低于70%不得分。"),
    Preset("项目资金结余率", BAND, "项目资金结余总额 ÷ 项目预算数", ("结余总额", "项目预算数"),
           full_from=D(0), full_to=D(0), above_step=D("0.1"), above_zero=D("0.1"),
           criterion="项目资金结余率=0%得满分，每增加1%扣0.1分，超过10%不得分。"),
    Preset("服务对象满意度", BAND, "问卷综合满意率", ("综合满意率", ""),
           aliases=("满意度", "服务对象满意度指标"),
           full_from=D("0.9"), below_step=D("0.2"), below_zero=D("0.7"),
           criterion="综合满意率达到90%以上得满分，70%—90%每降低1%扣0.2分，低于70%不得分。"),
    Preset("阶段性任务完成率", PROPORTIONAL, "实际完成的阶段性任务 ÷ 计划完成的阶段性任务",
           ("实际完成数", "计划完成数"), aliases=("资金到位及时性", "完成率"),
           criterion="得分=阶段性任务完成率×分值。"),
    Preset("要素核查", CHECKLIST, "符合的要素数 ÷ 要素总数", ("符合要素数", "要素总数"),
           aliases=("checklist", "清单"), criterion="各要素权重分相等，符合得分，不符合不得分。"),
)


def find_preset(name: str, presets=DEFAULT_PRESETS) -> Preset | None:
    if not name:
        return None
    key = _key(name)  # once, not once per preset: every 评分表 row asks
    for p in presets:
        if key in p._keys:
            return p
    return None


def variant(base: Preset, **changes) -> Preset:
    """A province's variant of a preset: `variant(p, above_step=Decimal("0.5"))`."""
    return replace(base, **changes)


def count_elements(criterion: str) -> int:
    """How many ①②③… elements a 评分标准 text lists (0 when none)."""
    return len(set(re.findall(r"[①②③④⑤⑥⑦⑧⑨⑩]", criterion or "")))
