"""The XP_* Excel functions: thin, never-raising wrappers over `xlperf.rules`.

Each takes what Excel passes (floats, text, None for an empty cell, lists of rows for
a range) and returns a float, a string, or "" for a blank result; a problem comes back
as a short Chinese text, never as an exception into Excel.
"""
from __future__ import annotations

import functools
from decimal import Decimal

import xlwings as xw

from xlperf import rules
from xlperf.rules.numbers import NUMBER, convert_money
from xlperf.rules.totals import sum_note
from xlperf.settings import DEFAULT


class _ArgError(Exception):
    pass


def _never_raise(f):
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except _ArgError as exc:
            return str(exc)
        except Exception as exc:  # Excel must get a text, whatever went wrong
            return f"错误：{type(exc).__name__}"
    return wrapper


def _num(value, what: str, blank=None) -> Decimal | None:
    reading = rules.read_number(value)
    if reading.kind == NUMBER:
        return reading.value
    if reading.is_blank:
        if blank is not None:
            return blank
        return None
    raise _ArgError(f"{what}：{reading.reason or '不是数字'}")


def _required(value, what: str) -> Decimal:
    d = _num(value, what)
    if d is None:
        raise _ArgError(f"{what}为空")
    return d


def _flat(values) -> list:
    if isinstance(values, (list, tuple)):
        out = []
        for v in values:
            out.extend(_flat(v) if isinstance(v, (list, tuple)) else [v])
        return out
    return [values]


def _rows(values) -> list[list]:
    if not isinstance(values, (list, tuple)):
        return [[values]]
    if values and all(isinstance(r, (list, tuple)) for r in values):
        return [list(r) for r in values]
    return [list(values)]


def _out(d: Decimal | None, places: int | None = None):
    """A Decimal for Excel: rounded half up when `places` is given, blank when None."""
    if d is None:
        return ""
    return float(d if places is None else rules.quantize(d, places))


@xw.func
@_never_raise
def XP_RATE(numerator, denominator):
    """比率 = 分子 ÷ 分母；分母为 0 或空时返回空白。"""
    return _out(rules.ratio(_num(numerator, "分子"), _num(denominator, "分母")))


@xw.func
@_never_raise
def XP_CHANGE_RATE(current, previous):
    """变动率 = (本年 − 上年) ÷ 上年。"""
    return _out(rules.change_rate(_num(current, "本年数"), _num(previous, "上年数")))


@xw.func
@_never_raise
def XP_EXEC_SCORE(executed, budget, weight=10):
    """预算执行率得分 = min(执行数 ÷ 预算数, 1) × 分值，保留 2 位小数。"""
    score = rules.exec_score(_required(executed, "全年执行数"), _required(budget, "全年预算数"),
                             _num(weight, "分值", blank=Decimal(10)))
    return _out(score, DEFAULT.score_places)


@xw.func
@_never_raise
def XP_IND_SCORE(target, actual, weight, reverse_rule="ratio"):
    """定量指标得分：由年度指标值（如 ≥98%）与实际完成值计算。"""
    rule = reverse_rule or "ratio"
    if rule not in ("ratio", "linear"):
        return "反向规则只能是 ratio 或 linear"
    result = rules.evaluate_indicator(target, actual, _required(weight, "分值"), reverse_rule=rule,
                                      over_target_factor=DEFAULT.over_target_factor)
    if result.kind == rules.QUANTITATIVE:
        return _out(result.score, DEFAULT.score_places)
    if result.kind == rules.QUALITATIVE:
        return "定性指标，请按档次评分"
    return "年度指标值或实际完成值为空"


@xw.func
@_never_raise
def XP_QUAL_BAND(tier, weight):
    """定性指标档次的分数区间，如 8.00–10.00。"""
    name = rules.parse_tier(tier)
    if name is None:
        return "档次应为：达成 / 部分达成 / 未达成"
    low, high, _ = rules.tier_band(name, _required(weight, "分值"))
    p = DEFAULT.score_places
    return f"{rules.quantize(low, p)}–{rules.quantize(high, p)}"


@xw.func
@_never_raise
def XP_PRESET_SCORE(preset, value, weight):
    """评分表预设规则得分（如 "三公经费控制率", 0.5, 1 → 0）。"""
    p = DEFAULT.preset(str(preset or ""))
    if p is None:
        return f"没有名为“{preset}”的评分规则"
    return _out(p.score(_required(value, "计算值"), _required(weight, "分值")), DEFAULT.score_places)


@xw.func
@xw.arg("counts", ndim=2)
@xw.arg("points", ndim=1)
@_never_raise
def XP_SATISFACTION(counts, points=None):
    """问卷综合满意率：每行一题的 A–D 人数（或按 4 行一题排列的一列）。"""
    pts = [_required(p, "选项分值") for p in _flat(points)] if points else \
        [p for _, p in DEFAULT.survey_points]
    n = len(pts)
    rows = _rows(counts)
    if all(len(r) == n for r in rows):
        questions = rows
    elif all(len(r) == 1 for r in rows) and len(rows) % n == 0:
        flat = [r[0] for r in rows]
        questions = [flat[i:i + n] for i in range(0, len(flat), n)]
    elif len(rows) == n:
        questions = [list(col) for col in zip(*rows)]
    else:
        return f"人数区域应为每题 {n} 个选项"
    parsed = [[_num(c, "人数", blank=Decimal(0)) for c in q] for q in questions]
    for q in parsed:
        for c in q:
            if c < 0 or c != c.to_integral_value():
                return "人数应为非负整数"
    return _out(rules.satisfaction_rate(parsed, pts))


@xw.func
@_never_raise
def XP_GRADE(score):
    """等级：优 ≥ 90，良 ≥ 80，中 ≥ 60，差 < 60。"""
    s = _required(score, "总分")
    if s < 0 or s > 100:
        return "总分应在 0–100 之间"
    return rules.grade(s)


@xw.func
@_never_raise
def XP_NUM(text, unit=None):
    """单元格文字表示的数字（全角、千分位、单位），或不能读作数字的原因。"""
    reading = rules.read_number(text)
    if reading.kind != NUMBER:
        return "空白" if reading.is_blank else (reading.reason or "不是数字")
    value = reading.value
    if unit:
        if not reading.is_money and reading.unit and reading.unit != unit:
            return f"单位是{reading.unit}，不是{unit}"
        value = convert_money(reading, str(unit))
    return float(value)


@xw.func
@xw.arg("items", ndim=1)
@_never_raise
def XP_SUM_CHECK(total, items):
    """合计与分项是否一致：一致返回空白，否则返回说明。"""
    stated = _required(total, "合计")
    values = [_num(v, "分项") for v in _flat(items)]
    places = max(rules.read_number(total).places or 0, 2)
    _, note = sum_note(stated, values, places)
    return note
