"""The third-party 评分表 and its 评分汇总 (rules.md §4; seed 004 附件1 and 表4). The tables
come finished from `tables.parse`: this module never reads a raw cell."""
from __future__ import annotations

import re
from decimal import Decimal

from ..rules.numbers import NUMBER, fmt_plain, quantize
from ..rules.presets import CHECKLIST, PROPORTIONAL, count_elements, find_preset
from ..rules.rates import ratio
from ..rules.totals import grade
from ..tables.headers import norm
from ..tables.known import GRADE, ITEM, TOTAL, KnownTable, Line
from .context import RATE, SCORE, TEXTVAL, Context, excel_precision

ZERO = Decimal(0)
_TEXT_SCORE = re.compile(r"得\s*(\d+(?:\.\d+)?)\s*分")
# 评分标准 "得分=预算执行率×分值": the score is the rate times the weight
_PROPORTIONAL_CRITERION = re.compile(r"得分=.*率[×*xX]分值")
SATISFACTION = "服务对象满意度"


def evaluate_scoring(ctx: Context, t: KnownTable) -> dict:
    """Each 三级 row: its preset's score from the 评分数据; weights roll up; per-一级 totals."""
    s = t.sheet
    by_l1: dict = {}
    w2_sums: dict = {}
    l1_weights: dict = {}
    l2_first: dict = {}
    for line in t.lines:
        if line.role != ITEM:
            continue
        r, m = line.row, line.meta
        ctx.note_row(s, r, t.cols.get("note"))
        w = Decimal(m["w3"]) if m["w3"] else ctx.figure(line.figure("weight"), s, r, t.cols.get("weight"),
                                                         f"“{m['name']}”的分值")
        score = _row(ctx, t, line, w)
        by_l1.setdefault(m["level1"], []).append((line, score, w))
        l1_weights[m["level1"]] = (m["w1"], l1_weights.get(m["level1"], (None, r))[1])
        key = (m["level1"], m["level2"], m["w2"])
        w2_sums.setdefault(key, []).append(w or ZERO)
        l2_first.setdefault(key, (r, m.get("l2_at", "level2")))
    col1 = t.cols.get("level1")
    for (l1, l2, w2), weights in w2_sums.items():
        if w2 is not None and sum(weights, ZERO) != Decimal(w2):
            at, key_at = l2_first[(l1, l2, w2)]  # where the 二级 name is typed (表6: in the 一级 column)
            ctx.find(s.name, at, t.cols.get(key_at), "WEIGHT_SUM",
                     f"{l2}（{w2}）下三级指标分值之和为 {fmt_plain(sum(weights, ZERO))}", w2,
                     fmt_plain(sum(weights, ZERO)))
    for l1, (w1, first) in l1_weights.items():
        total = sum((w or ZERO for _, _, w in by_l1[l1]), ZERO)
        if w1 is not None and total != Decimal(w1):
            ctx.find(s.name, first, col1, "WEIGHT_SUM", f"{l1}（{w1}）下各指标分值之和为 {fmt_plain(total)}",
                     w1, fmt_plain(total))
    all_w = [w1 for w1, _ in l1_weights.values()]
    detail = "criterion" not in t.cols  # 表5–表8: one 一级 of the system, not all of it
    if l1_weights and all(w is not None for w in all_w) and not detail:
        grand = sum((Decimal(w) for w in all_w), ZERO)
        if grand != 100:
            first = min(r for _, r in l1_weights.values())
            ctx.find(s.name, first, col1, "WEIGHT_SUM", f"一级指标分值之和为 {fmt_plain(grand)}，应为 100",
                     "100", fmt_plain(grand))
    groups = {}
    scored = False
    for l1, rows in by_l1.items():
        weight = Decimal(l1_weights[l1][0]) if l1_weights[l1][0] else sum((w or ZERO for _, _, w in rows), ZERO)
        scores = [score for _, score, _ in rows]  # each row's 得分 after the plan (as _row left it)
        scored = scored or any(x is not None for x in scores)
        groups[l1] = {"weight": weight, "score": sum((x or ZERO for x in scores), ZERO)}
    total = sum((g["score"] for g in groups.values()), ZERO)
    result = {"groups": groups, "total": total, "grade": grade(total, ctx.settings)}
    if detail:
        _detail_totals(ctx, t, by_l1)
        return result
    if scored:  # a 评分表 nobody has scored yet has no total to state, grade or rank
        ctx.summary.setdefault("scoring", result)
    return result


def _detail_totals(ctx: Context, t: KnownTable, by_l1: dict) -> None:
    """表5–表8: each row's 得分率, and the 合计 row's 分值, 得分 and 得分率."""
    s = t.sheet
    percent_units = t.facts["percent_units"]
    rows = [(line, w, score) for items in by_l1.values() for line, score, w in items]
    judged = True
    for line, _, _ in rows:
        if ctx.has_finding(s.name, line.row, t.cols["score"]):
            judged = False  # a score already reported wrong: the 合计 is not judged again
            continue
        _score_rate(ctx, t, line, percent_units, line.label or f"第{line.row + 1}行")
    total = next((x for x in reversed(t.lines) if x.role == TOTAL), None)
    if total is None or ctx.template:
        return
    total_row = total.row
    weights = [w for _, w, _ in rows if w is not None]
    scores = [score for _, _, score in rows]
    ctx.covered_totals.add((s.name, total_row))
    if weights:
        ctx.computed(s, total_row, t.cols["weight"], sum(weights, ZERO), kind=SCORE, code="WEIGHT_SUM",
                     what="分值合计")
    if judged and any(x is not None for x in scores):
        ctx.computed(s, total_row, t.cols["score"], sum((x or ZERO for x in scores), ZERO), kind=SCORE,
                     code="TOTAL_MISMATCH", what="得分合计")
    # a 合计 row without its own 分值 (or 得分) is judged against the sums just made
    _score_rate(ctx, t, total, percent_units, "合计", sum(weights, ZERO) if weights else None,
                sum((x or ZERO for x in scores), ZERO) if any(x is not None for x in scores) else None)


def _row(ctx: Context, t: KnownTable, line: Line, w: Decimal | None) -> Decimal | None:
    s, r, name = t.sheet, line.row, line.meta["name"]
    criterion = line.text("criterion")  # as typed: NFKC would fold ① into 1
    preset = find_preset(name, ctx.settings.presets)
    if preset is None and count_elements(criterion):
        preset = next((p for p in ctx.settings.presets if p.kind == CHECKLIST), None)
    if preset is None and _PROPORTIONAL_CRITERION.search(norm(criterion)):
        preset = next((p for p in ctx.settings.presets if p.kind == PROPORTIONAL), None)
    actual = ctx.figure(line.figure("data_actual"), s, r, t.cols.get("data_actual"), f"“{name}”的评分数据",
                        allow_na=True)
    planned = ctx.figure(line.figure("data_plan"), s, r, t.cols.get("data_plan"), f"“{name}”的评分数据",
                         allow_na=True)
    value = shown = None  # shown: what 计算值 (=IFERROR(F/G,"")) holds
    survey_rate = ctx.summary.get("survey_rate")
    if preset is not None and preset.name == SATISFACTION and survey_rate is not None:
        value = survey_rate
        ctx.computed(s, r, t.cols.get("data_actual"), quantize(value, 4), kind=RATE,
                     code="RATE_MISMATCH", what=f"“{name}”的综合满意率",
                     cache=excel_precision(value))
        shown = ratio(value, planned) if planned is not None else value
    elif actual is not None and planned is not None:
        value = shown = ratio(actual, planned)
        if value is None and actual == 0:
            value = ZERO  # 0 of 0 临聘人员: nothing over the quota (seed 004 gives full marks)
    elif actual is not None and "data_plan" not in t.cols:
        value = actual
    if value is not None and "data_plan" in t.cols:
        ctx.computed(s, r, t.cols.get("value"), None if shown is None else quantize(shown, 4),
                     kind=RATE, code="RATE_MISMATCH", what=f"“{name}”的计算值",
                     cache=None if shown is None else excel_precision(shown))
    score_col = t.cols.get("score")
    _, over = ctx.stated_score(line.figure("score"), s, r, score_col, name, w)
    if not over and preset is not None and value is not None and w is not None:
        points = quantize(preset.score(value, w), ctx.settings.score_places)
        ctx.computed(s, r, score_col, points, kind=SCORE, code="SCORE_MISMATCH",
                     what=f"“{name}”的得分（{preset.name}）")
    score = ctx.post(line.figure("score"), s, r, score_col)  # the row's 得分 after the plan
    _text_score(ctx, t, line, name, score)
    return score


def _text_score(ctx: Context, t: KnownTable, line: Line, name: str, score: Decimal | None) -> None:
    """A 得分原因 that states 得3分 must agree with the 得分 cell (seed 004, three rows)."""
    r = line.row
    stated_in_text = _TEXT_SCORE.findall(line.text("reason"))
    if not stated_in_text or score is None:
        return
    said = Decimal(stated_in_text[-1])
    if said != score:
        ctx.find(t.sheet.name, r, t.cols.get("reason"), "TEXT_SCORE_MISMATCH",
                 f"“{name}”的得分原因写“得{fmt_plain(said)}分”，得分栏为 {fmt_plain(score)}",
                 fmt_plain(score), fmt_plain(said))


def evaluate_summary(ctx: Context, t: KnownTable, scoring: dict | None) -> None:
    """评分汇总 (表4): per 一级 分值/得分/得分率, 合计, 等级."""
    s = t.sheet
    percent_units = t.facts["percent_units"]
    groups = (scoring or {}).get("groups", {})
    sums: dict = {"weight": [], "score": []}
    judged = True  # an item's score already reported wrong leaves the 得分合计 unjudged
    total = None  # the 合计 above the row at hand
    for line in t.lines:
        r, label = line.row, line.label
        ctx.note_row(s, r, t.cols.get("note"))
        if line.role == GRADE:
            _summary_grade(ctx, t, line, total)
            continue
        if line.role == TOTAL:
            total = line
            ctx.covered_totals.add((s.name, r))
            weight = sum(sums["weight"], ZERO) if sums["weight"] else None
            score = sum(sums["score"], ZERO) if sums["score"] else None
            ctx.computed(s, r, t.cols["weight"], weight, kind=SCORE, code="WEIGHT_SUM", what="分值合计")
            if judged:
                ctx.computed(s, r, t.cols["score"], score, kind=SCORE, code="TOTAL_MISMATCH",
                             what="得分合计")
            _score_rate(ctx, t, line, percent_units, "合计")
            continue
        group = next((g for name, g in groups.items() if name and (name in label or label in name)), None)
        weight = ctx.figure(line.figure("weight"), s, r, t.cols["weight"], f"{label}的分值")
        if group is not None:
            if weight is not None and weight != group["weight"]:
                ctx.find(s.name, r, t.cols["weight"], "WEIGHT_SUM",
                         f"{label}的分值 {fmt_plain(weight)} 与评分表中的 {fmt_plain(group['weight'])} 不符",
                         fmt_plain(group["weight"]), fmt_plain(weight))
            ctx.computed(s, r, t.cols["score"], group["score"], kind=SCORE, code="TOTAL_MISMATCH",
                         what=f"{label}的得分")
        elif not ctx.template:
            _, over = ctx.stated_score(line.figure("score"), s, r, t.cols["score"], label, weight)
            if over:
                judged = False
                sums["weight"].append(weight)
                sums["score"].append(ZERO)
                continue
        sums["weight"].append(weight if weight is not None else (group or {}).get("weight", ZERO))
        score = ctx.post(line.figure("score"), s, r, t.cols["score"])
        sums["score"].append(score if score is not None else ZERO)
        _score_rate(ctx, t, line, percent_units, label)


def _summary_grade(ctx: Context, t: KnownTable, line: Line, total_line: Line | None) -> None:
    """The grade of the 合计 above; without one there is no total to grade (its own cell is
    where the grade goes: grading it would replace the figure by the grade, and the next
    refresh would find neither). A typed table may put the grade just right of its label."""
    s, r = t.sheet, line.row
    total = None if total_line is None else ctx.post(total_line.figure("score"), s, total_line.row,
                                                     t.cols["score"])
    if total is None:
        return
    col = t.cols["score"]
    if not ctx.template and not line.text("score") and line.meta["typed_at"] is not None:
        col = line.meta["typed_at"]
    ctx.computed(s, r, col, grade(total, ctx.settings), kind=TEXTVAL, code="GRADE_MISMATCH", what="等级")


def _score_rate(ctx: Context, t: KnownTable, line: Line, percent_units: bool, label: str,
                weight: Decimal | None = None, score: Decimal | None = None) -> None:
    """The row's 得分率 from its 得分 and 分值 (`score`, `weight`: what a blank one stands for)."""
    s, r = t.sheet, line.row
    if "score_rate" not in t.cols:  # a 表4 of 分值 and 得分 only
        return
    got_score = ctx.post(line.figure("score"), s, r, t.cols["score"])
    got_weight = ctx.post(line.figure("weight"), s, r, t.cols["weight"])
    rate = ratio(score if got_score is None else got_score, weight if got_weight is None else got_weight)
    if rate is None:
        return
    stated = line.figure("score_rate")
    # a 得分率% column holds 93.33, not 0.9333, unless the cell itself says 93.33%; a column
    # without % may still mix 93.33% text, fractions and 100 (a percent figure above 1)
    if ctx.template or stated.kind != NUMBER:
        # the template's column is one or the other, whatever a cell holds; a blank is
        # filled the column's way
        in_percent = percent_units
    else:
        in_percent = not stated.is_percent and stated.kind == NUMBER and (
            percent_units or (stated.value is not None and stated.value > Decimal("1.5")))
    if in_percent:
        ctx.computed(s, r, t.cols["score_rate"], quantize(rate * 100, 2), kind=SCORE,
                     code="RATE_MISMATCH", what=f"{label}的得分率")
    else:
        ctx.computed(s, r, t.cols["score_rate"], quantize(rate, 4), kind=RATE, code="RATE_MISMATCH",
                     what=f"{label}的得分率", cache=excel_precision(rate))
