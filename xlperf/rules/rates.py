"""Rates (rules.md §2) and how a stated rate is compared with a recomputed one (§1)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .numbers import Reading, quantize

EQUAL = "equal"
LAST_PLACE = "last_place"  # off by one unit in the last shown place: truncation, a warning
DIFFERENT = "different"

# A stated figure with this many fraction decimals or more is a live formula's result,
# not a typed one: compare it at full precision.
_FULL_PRECISION_PLACES = 8


def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """numerator ÷ denominator; no rate when the denominator is zero or missing."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def change_rate(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """(current − previous) ÷ previous."""
    if current is None:
        return None
    return ratio(current - previous, previous) if previous is not None else None


@dataclass(frozen=True)
class RateDef:
    name: str
    kind: str  # "ratio" | "change"
    numerator: str
    denominator: str
    aliases: tuple = ()

    def compute(self, a: Decimal | None, b: Decimal | None) -> Decimal | None:
        return ratio(a, b) if self.kind == "ratio" else change_rate(a, b)


# rules.md §2, one entry per row of its table
RATES: tuple[RateDef, ...] = (
    RateDef("执行率", "ratio", "全年执行数", "全年预算数", ("预算执行率", "预算完成率")),
    RateDef("支出率", "ratio", "实际支出", "实际到账"),
    RateDef("在职人员控制率", "ratio", "实际在职人数", "编制数", ("编制人员控制率",)),
    RateDef("临聘人员控制率", "ratio", "临聘人员实际数", "临聘人员配备名额"),
    RateDef("三公经费变动率", "change", "本年度", "上年度"),
    RateDef("三公经费控制率", "ratio", "实际支出数", "预算安排数"),
    RateDef("公用经费控制率", "ratio", "实际支出公用经费", "预算安排公用经费"),
    RateDef("重点支出安排率", "ratio", "重点项目支出", "项目总支出"),
    RateDef("预算调整率", "ratio", "预算调整数", "预算数"),
    RateDef("支付进度率", "ratio", "实际支付进度", "既定支付进度"),
    RateDef("结转结余率", "ratio", "结转结余总额", "预算数"),
    RateDef("结转结余变动率", "change", "本年结转结余", "上年结转结余"),
    RateDef("项目资金结余率", "ratio", "项目资金结余总额", "项目预算数"),
    RateDef("政府采购执行率", "ratio", "实际政府采购金额", "政府采购预算数"),
    RateDef("固定资产利用率", "ratio", "实际在用固定资产", "全部固定资产"),
    RateDef("实际完成率", "ratio", "实际完成工作数", "计划工作数", ("完成及时率", "质量达标率")),
    RateDef("规模控制率", "ratio", "实际规模", "批复规模"),
    RateDef("投资概算控制率", "ratio", "实际投资", "预算投资"),
    RateDef("占比", "ratio", "分项", "合计"),
    RateDef("增减率", "change", "本年", "上年", ("增减%", "比上年增减%")),
)


def rate_def(name: str) -> RateDef | None:
    key = name.replace('"', "").replace("“", "").replace("”", "").strip()
    for r in RATES:
        if key == r.name or key in r.aliases:
            return r
    return None


def shown_percent_places(stated: Reading) -> int | None:
    """Decimals of a stated rate in percent units (97.72% → 2; 0.9891 → 2)."""
    if stated.places is None:
        return None
    if stated.unit == "%":
        return stated.places
    if stated.unit == "‰":
        return stated.places + 1
    return max(0, stated.places - 2)


_EXACT = Decimal("1e-9")


def compare_rate(stated: Reading, computed: Decimal) -> str:
    """Compare at the stated precision; one unit off in the last place is LAST_PLACE."""
    places = shown_percent_places(stated)
    if stated.value is None or places is None:
        return DIFFERENT
    if not stated.unit and stated.places is not None and stated.places >= _FULL_PRECISION_PLACES:
        return EQUAL if abs(stated.value - computed) <= _EXACT else DIFFERENT
    diff = abs(quantize(stated.value * 100, places) - quantize(computed * 100, places))
    if diff == 0:
        return EQUAL
    if diff <= Decimal(1).scaleb(-places):
        return LAST_PLACE
    return DIFFERENT
