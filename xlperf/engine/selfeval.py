"""Self-evaluation sheets (附件2 and 项目支出): 资金 block, 年度主要任务, 绩效指标, 总分, 等级
(rules.md §3, checks.md). The tables come finished from `tables.parse` (rows typed, figures
read once): this module never reads a raw cell."""
from __future__ import annotations

from decimal import Decimal

from ..findings import WARNING
from ..rules import indicators as ind
from ..rules.numbers import NUMBER, fmt_plain, quantize
from ..rules.rates import ratio
from ..rules.totals import MISMATCH, WITHIN_TOLERANCE, compare_sum, exec_score, grade, rollup_ok
from ..tables.find import Table
from ..tables.known import GRADE, GROUP, INCOME, ITEM, PART, SPENDING, TOTAL, KnownTable, Line
from ..tables.parse import TASK_AMOUNTS
from .context import MONEY, RATE, SCORE, TEXTVAL, Context, excel_precision

_AMOUNTS = (("budget_initial", "年初预算数"), ("budget", "全年预算数"), ("executed", "全年执行数"))
ZERO = Decimal(0)


def evaluate_funds(ctx: Context, t: KnownTable) -> dict | None:
    """The 资金 block; returns the 预算执行率 result of its 年度资金总额 row."""
    s = t.sheet
    total, income, spending = None, [], []
    for line in t.lines:
        ctx.note_row(s, line.row, t.cols.get("note"))
        if line.role == TOTAL:
            total = line
        elif line.role == INCOME:
            income.append(line)
        elif line.role == SPENDING:
            spending.append(line)
    figures = {}
    for line in [total] + income + spending if total is not None else income + spending:
        r, name = line.row, line.meta["name"]
        row_fig: dict = {}
        for key, what in _AMOUNTS:
            required = line is total and key in ("budget", "executed")
            # an inline breakdown (a label typed in a figure column) has no Reading: no figure
            row_fig[key] = ctx.figure(line.figures.get(key), s, r, t.cols.get(key), f"{name}的{what}",
                                      required=required)
        figures[r] = row_fig
        _unit_suspect(ctx, t, r, row_fig)
        rate = ratio(row_fig["executed"], row_fig["budget"])
        ctx.computed(s, r, t.cols.get("rate"), None if rate is None else quantize(rate, 4),
                     kind=RATE, what=f"{name}的执行率", code="RATE_MISMATCH",
                     cache=None if rate is None else excel_precision(rate))
    if total is None:
        return None
    total_row = total.row
    ctx.covered_totals.add((s.name, total_row))
    for group, gname in (([x.row for x in income], "按收入性质"), ([x.row for x in spending], "按支出性质")):
        _breakdown(ctx, t, total_row, group, figures, gname)
    return _exec_result(ctx, t, total, figures[total_row])


def _breakdown(ctx: Context, t: Table, total_row: int, rows: list, figures: dict, name: str) -> None:
    for key, what in _AMOUNTS:
        col = t.cols.get(key)
        stated = figures[total_row].get(key)
        items = [figures[r][key] for r in rows if figures[r].get(key) is not None]
        if col is None or stated is None or not items:
            continue
        status = compare_sum(stated, items, 2, ctx.settings)
        if status in (MISMATCH, WITHIN_TOLERANCE):
            parts = fmt_plain(sum(items, ZERO))
            ctx.find(t.sheet.name, total_row, col, "SUM_MISMATCH",
                     f"年度资金总额的{what} {fmt_plain(stated)} 与{name}分项之和 {parts} "
                     + ("相差在四舍五入误差以内" if status == WITHIN_TOLERANCE else "不符"),
                     parts, fmt_plain(stated), "info" if status == WITHIN_TOLERANCE else "")


def _unit_suspect(ctx: Context, t: Table, r: int, row_fig: dict) -> None:
    values = [(k, v) for k, v in row_fig.items() if v]
    if len(values) < 2:
        return
    (k_max, v_max) = max(values, key=lambda kv: abs(kv[1]))
    v_min = min(abs(v) for _, v in values)
    if v_min and abs(v_max) / v_min >= ctx.settings.unit_suspect_ratio:
        ctx.find(t.sheet.name, r, t.cols[k_max], "UNIT_SUSPECT",
                 f"{fmt_plain(v_max)} 约为同行其他金额的 {int(abs(v_max) / v_min):,} 倍，"
                 "疑为把“元”填进了“万元”栏", "万元", fmt_plain(v_max))


def _exec_result(ctx: Context, t: Table, line: Line, fig: dict) -> dict:
    s, row = t.sheet, line.row
    w = ctx.figure(line.figures.get("weight"), s, row, t.cols.get("weight"), "预算执行率分值", allow_na=True)
    if w is None:
        w = ctx.settings.weight_exec
    executed, budget = fig.get("executed"), fig.get("budget")
    rate = ratio(executed, budget)
    points = None if executed is None or budget is None else exec_score(executed, budget, w)
    value = None if points is None else quantize(points, ctx.settings.score_places)
    ctx.computed(s, row, t.cols.get("score"), value, kind=SCORE, what="预算执行率得分")
    if rate is not None and rate < ctx.settings.exec_rate_low and t.cols.get("rate") is not None:
        ctx.find(s.name, row, t.cols["rate"], "EXEC_RATE_LOW",
                 f"执行率 {quantize(rate * 100, 2)}% 低于 {quantize(ctx.settings.exec_rate_low * 100, 0)}%，"
                 "请在自评报告中说明原因", f"≥ {quantize(ctx.settings.exec_rate_low * 100, 0)}%",
                 f"{quantize(rate * 100, 2)}%")
    return {"sheet": s, "row": row, "col": t.cols.get("score"), "stated": line.figures.get("score"),
            "weight": w, "score": value, "rate": rate,
            "budget": fig.get("budget"), "executed": fig.get("executed")}


def evaluate_tasks(ctx: Context, t: KnownTable) -> dict | None:
    """年度主要任务 (seed 001): 总额 = 财政拨款 + 其他资金, 执行率, 金额合计."""
    s = t.sheet
    amount_keys = [k for k in TASK_AMOUNTS if k in t.cols]
    item_values: dict = {k: [] for k in amount_keys}
    incomplete: set = set()  # columns with an item that has no figure: their total is not judged
    breakdown: dict = {}  # (task, column) → [the task's line, its 其中 rows' figures]
    total = None
    for line in t.lines:
        r = line.row
        ctx.note_row(s, r, t.cols.get("note"))
        if line.role == TOTAL:
            total = line
            break
        name = line.label or f"第{r + 1}行"
        what = f"任务“{name}”的金额"
        fig = {k: ctx.figure(line.figures[k], s, r, t.cols[k], what) for k in amount_keys}
        if line.role == PART:
            # a 其中 row breaks its task down: not summed again, no more than the task
            for k in amount_keys:
                if fig.get(k) is not None:
                    key = (id(line.meta["parent"]), k)
                    breakdown.setdefault(key, [line.meta["parent"], []])[1].append(fig[k])
        for side in ("budget", "executed"):
            what = "全年预算数" if side == "budget" else "全年执行数"
            parts = [fig.get(f"{side}_fiscal"), fig.get(f"{side}_other")]
            if f"{side}_fiscal" in t.cols and any(p is not None for p in parts):
                computed_total = sum((p or ZERO for p in parts), ZERO)
                ctx.computed(s, r, t.cols.get(side), computed_total, kind=MONEY, code="SUM_MISMATCH",
                             what=f"任务“{name}”的{what}总额", items=2)
                if fig.get(side) is None:
                    fig[side] = computed_total
            elif side in t.cols and fig.get(side) is None and line.label and line.figure(side).is_blank:
                # nothing to compute it from: a task without its amount (seed 001's layout)
                ctx.find(s.name, r, t.cols[side], "MISSING_VALUE", f"任务“{name}”的{what}为空，请填写",
                         "数字", None)
        rate = ratio(fig.get("executed"), fig.get("budget"))
        ctx.computed(s, r, t.cols.get("rate"), None if rate is None else quantize(rate, 4), kind=RATE,
                     code="RATE_MISMATCH", what=f"任务“{name}”的执行率",
                     cache=None if rate is None else excel_precision(rate))
        if line.role == PART:
            continue
        for k in amount_keys:
            if fig.get(k) is None and not (k.endswith(("_fiscal", "_other"))
                                           and fig.get(k.split("_")[0]) is not None):
                incomplete.add(k)
            if fig.get(k) is not None:
                item_values[k].append(fig[k])
    for (_, k), (parent, values) in breakdown.items():
        whole = parent.figures[k]
        if whole.kind == NUMBER and quantize(sum(values, ZERO), 2) > quantize(whole.value, 2):
            ctx.find(s.name, parent.row, t.cols[k], "SUBSET_EXCEEDS",
                     f"任务“{parent.label}”的其中各项之和 {fmt_plain(sum(values, ZERO))} 超过 {fmt_plain(whole.value)}",
                     f"≤ {fmt_plain(whole.value)}", fmt_plain(sum(values, ZERO)))
    if total is None:
        return None
    total_row = total.row
    ctx.covered_totals.add((s.name, total_row))
    totals = {}
    for k in amount_keys:
        if k in incomplete and not ctx.template:
            # an item without its figure is reported at the item; the stated total stands
            totals[k] = ctx.figure(total.figures[k], s, total_row, t.cols[k], "金额合计")
            continue
        value = sum(item_values[k], ZERO)
        totals[k] = value
        ctx.computed(s, total_row, t.cols[k], value, kind=MONEY, code="SUM_MISMATCH",
                     what="金额合计", items=len(item_values[k]))
    rate = ratio(totals.get("executed"), totals.get("budget"))
    ctx.computed(s, total_row, t.cols.get("rate"), None if rate is None else quantize(rate, 4),
                 kind=RATE, code="RATE_MISMATCH", what="金额合计的执行率",
                 cache=None if rate is None else excel_precision(rate))
    if t.cols.get("score") is None:
        return None
    return _exec_result(ctx, t, total, {"budget": totals.get("budget"), "executed": totals.get("executed")})


def evaluate_indicators(ctx: Context, t: KnownTable, exec_result: dict | None) -> dict:
    """The 绩效指标 rows, 分值合计, 总分 and 等级. Returns {"total": the rule's 总分 (a
    score over its weight counted at its weight, a negative one at 0) — the figure that
    grades and ranks —, "stated": what the 总分 cell shows after this plan, "grade",
    "notes": why the two differ}."""
    s = t.sheet
    weights_by_l1: dict = {}
    rows_by_l1: dict = {}
    item_weights: list[Decimal] = []
    item_rows: list[tuple[Line, Decimal | None]] = []
    total_line = grade_line = None
    for line in t.lines:
        r, m = line.row, line.meta
        if line.role == TOTAL:
            total_line = line  # the last 总分 row, as the table's total_row
        elif line.role == GRADE:
            grade_line = line
        if line.role not in (ITEM, GROUP):
            continue
        ctx.note_row(s, r, t.cols.get("note"))
        if line.role != ITEM:
            continue
        w = _indicator_row(ctx, t, line)
        item_rows.append((line, w))
        if w is not None:
            item_weights.append(w)
            weights_by_l1.setdefault((m["level1"], m["w1"]), []).append(w)
        rows_by_l1.setdefault((m["level1"], m["w1"]), []).append(r)
    _weight_rollup(ctx, t, weights_by_l1, rows_by_l1)
    exec_w = exec_result["weight"] if exec_result else ZERO
    result: dict = {"total": None, "stated": None, "grade": None, "notes": []}
    if total_line is not None:
        total_row = total_line.row
        ctx.covered_totals.add((s.name, total_row))
        for x in (total_line, grade_line):
            if x is not None:
                ctx.note_row(s, x.row, t.cols.get("note"))
        weight_sum = exec_w + sum(item_weights, ZERO)
        wcol = t.cols.get("weight")
        if wcol is not None and item_weights and weight_sum != 100:
            ctx.find(s.name, total_row, wcol, "WEIGHT_SUM",
                     f"预算执行率与各指标分值之和为 {fmt_plain(weight_sum)}，应为 100", "100",
                     fmt_plain(weight_sum))
        # the template's 分值合计 formula adds the 资金 row's 分值 too, filled or not
        adds_weights = ctx.formula_cell(s, total_row, wcol)
        ctx.computed(s, total_row, wcol, weight_sum if item_weights or adds_weights else None, kind=SCORE,
                     code="WEIGHT_SUM", what="分值合计")
        score_col = t.cols.get("score")
        scores, counted, notes = [], [], []
        for line, w in item_rows:
            v = ctx.post(line.figure("score"), s, line.row, score_col)
            scores.append(v)
            fair = _counted(v, w, ctx.settings.score_places)
            counted.append(fair)
            if v is not None and fair is not None and fair != v:
                name = line.label or f"第{line.row + 1}行指标"
                notes.append(f"“{name}”得分 {fmt_plain(v)} 按 {fmt_plain(fair)} 计")
        exec_points = None
        if exec_result:
            exec_points = ctx.post(exec_result["stated"], exec_result["sheet"], exec_result["row"],
                                   exec_result["col"])
            if exec_points is None:
                exec_points = exec_result["score"]
        # blank until some score exists, as the template's 总分 formula
        known = [x for x in [exec_points] + scores if x is not None]
        shown = sum(known, ZERO) if known else None
        fair_known = [x for x in [exec_points] + counted if x is not None]
        total = sum(fair_known, ZERO) if fair_known else None
        # a 总分 formula adds the cells as they are; a value cell gets the rule's total
        sums_cells = ctx.formula_cell(s, total_row, score_col)
        ctx.computed(s, total_row, score_col, shown if sums_cells else total, kind=SCORE,
                     code="TOTAL_MISMATCH", what="总分",
                     why="：预算执行率得分与各指标得分之和")
        stated = ctx.post(total_line.figure("score"), s, total_row, score_col)
        result["stated"] = stated
        result["total"] = total
        places = ctx.settings.score_places
        differs = stated is not None and total is not None and quantize(stated, places) != quantize(total, places)
        if differs and stated is not None and total is not None:
            result["notes"].append(f"{s.name}表中总分 {fmt_plain(stated)}，按规则为 {fmt_plain(total)}")
        if notes and total is not None:
            why = "，".join(notes)
            result["notes"].append(f"超过分值或为负数的得分：{why}")
            if differs and score_col is not None and stated is not None:
                ctx.find(s.name, total_row, score_col, "TOTAL_MISMATCH",
                         f"总分 {fmt_plain(stated)} 含不符合规则的得分（{why}），按规则为 "
                         f"{fmt_plain(total)}，汇总按 {fmt_plain(total)} 评级排名",
                         fmt_plain(total), fmt_plain(stated))
        if grade_line is not None:
            _grade(ctx, t, grade_line, result)
    return result


def _counted(score: Decimal | None, weight: Decimal | None, places: int) -> Decimal | None:
    """A score as the 总分 counts it: over its weight at its weight, negative at 0
    (compared at the precision scores are written with, as SCORE_OVER_WEIGHT is)."""
    if score is None:
        return None
    if weight is not None and weight >= 0 and score > weight \
            and quantize(score, places) > quantize(weight, places):
        return weight
    return score if score >= 0 else ZERO


def _grade(ctx: Context, t: KnownTable, line: Line, result: dict) -> None:
    s, grade_row = t.sheet, line.row
    col = t.cols.get("score")
    if not ctx.template and (col is None or not line.text("score")):
        # a typed table may put the grade just right of its 等级 label
        typed_at = line.meta.get("typed_at")
        if typed_at is not None:
            col = typed_at
    result["grade"] = None if result["total"] is None else grade(result["total"], ctx.settings)
    # the 等级 cell grades the 总分 cell beside it (a formula in the template)
    shown = result["stated"] if result["stated"] is not None else result["total"]
    value = None if shown is None else grade(shown, ctx.settings)
    ctx.computed(s, grade_row, col, value, kind=TEXTVAL, code="GRADE_MISMATCH", what="等级")


def _weight_rollup(ctx: Context, t: Table, weights_by_l1: dict, rows_by_l1: dict) -> None:
    col = t.cols.get("level1")
    for (name, stated), weights in weights_by_l1.items():
        if stated is None or col is None:
            continue
        total = sum(weights, ZERO)
        if not rollup_ok(Decimal(stated), weights):
            first = rows_by_l1[(name, stated)][0]
            ctx.find(t.sheet.name, first, col, "WEIGHT_SUM",
                     f"{name}（{stated}分）下各指标分值之和为 {fmt_plain(total)}", stated, fmt_plain(total))


def _indicator_row(ctx: Context, t: KnownTable, line: Line) -> Decimal | None:
    """One 绩效指标 row; returns its weight."""
    s, r = t.sheet, line.row
    name = line.label or f"第{r + 1}行指标"
    weight = ctx.figure(line.figure("weight"), s, r, t.cols.get("weight"), f"“{name}”的分值", required=True)
    for key, what in (("target", "年度指标值"), ("actual", "实际完成值")):
        col = t.cols.get(key)
        reading = line.figure(key)
        if reading.is_blank:
            ctx.find(s.name, r, col, "MISSING_VALUE", f"“{name}”的{what}为空，无法评分", what, None)
        elif reading.kind == "placeholder":
            ctx.find(s.name, r, col, "PLACEHOLDER", f"“{name}”的{what}是占位符“{reading.text}”", what,
                     reading.text)
        elif reading.kind == "bad":
            ctx.find(s.name, r, col, "BAD_NUMBER", f"“{name}”的{what}“{reading.text}”：{reading.reason}",
                     what, reading.text)
    score_col = t.cols.get("score")
    if weight is not None and weight < 0:
        ctx.stated_score(line.figure("score"), s, r, score_col, name, None)
        ctx.find(s.name, r, t.cols.get("weight"), "BAD_NUMBER", f"“{name}”的分值不能为负数", "≥ 0",
                 fmt_plain(weight))
        return None
    ctx.keep(s, r, score_col)
    stated, over_weight = ctx.stated_score(line.figure("score"), s, r, score_col, name, weight)
    if weight is None:
        return None
    places = ctx.settings.score_places
    result = ind.evaluate_indicator(line.meta["goal"], line.figure("actual"), weight, line.meta["tier"],
                                    ctx.settings.reverse_rule, ctx.settings.over_target_factor)
    rule_score = None
    if result.kind == ind.QUANTITATIVE and result.score is not None:
        rule_score = quantize(result.score, ctx.settings.score_places)
        if not over_weight:
            met = "（指标已完成，应得满分）" if rule_score == weight else ""
            ctx.computed(s, r, score_col, rule_score, kind=SCORE, code="SCORE_MISMATCH",
                         what=f"“{name}”的自评得分{met}",
                         why=f"：实际完成值 {result.actual.text}，年度指标值 {result.target.text}，"
                             f"分值 {fmt_plain(weight)}")
        if result.over_target:
            ctx.find(s.name, r, t.cols.get("actual"), "OVER_TARGET",
                     f"“{name}”实际完成值 {result.actual.text} 达到年度指标值 {result.target.text} 的 "
                     f"{quantize(ctx.settings.over_target_factor * 100, 0)}% 以上，请分析指标是否设置偏低",
                     f"< {quantize(ctx.settings.over_target_factor * 100, 0)}% × 指标值", result.actual.text)
    elif result.kind == ind.QUALITATIVE and not over_weight:
        rule_score = _qualitative(ctx, t, line, name, weight, result, stated)
    reason_score = rule_score if result.kind == ind.QUANTITATIVE else \
        (stated.value if stated.kind == NUMBER else rule_score)
    if ctx.has_finding(s.name, r, score_col) and not ctx.replaces(s.name, r, score_col):
        reason_score = None  # the score itself is wrong: one fault, one finding
    # at the precision scores are written with: 1.92 is the full score of a 1.921875 weight
    if reason_score is not None and quantize(reason_score, places) < quantize(weight, places) \
            and not line.text("deviation"):
        col = t.cols.get("deviation", score_col)
        ctx.find(s.name, r, col, "DEVIATION_REASON_MISSING",
                 f"“{name}”得分 {fmt_plain(reason_score)} 低于分值 {fmt_plain(weight)}，"
                 "请填写偏差原因分析及改进措施", "偏差原因", None)
    return weight


def _qualitative(ctx: Context, t: KnownTable, line: Line, name: str, weight: Decimal,
                 result: ind.IndicatorResult, stated) -> Decimal | None:
    s, r = t.sheet, line.row
    score_col = t.cols.get("score")
    where = t.cols.get("tier", t.cols.get("actual"))
    if result.tier is None:
        ctx.find(s.name, r, where, "UNKNOWN_TIER",
                 f"“{name}”是定性指标，无法从实际完成值判断完成档次，请评价人选择档次并打分", "档次", None)
        if stated.is_blank:
            return None
        return stated.value if stated.kind == NUMBER else None
    low, high, _ = ind.tier_band(result.tier, weight)
    band = f"{fmt_plain(low)}–{fmt_plain(high)}"
    if stated.is_blank:
        if result.tier == ind.ACHIEVED:
            if ctx.mode == "refresh" and score_col is not None:
                ctx.fill(s, r, score_col, weight)
            else:
                ctx.find(s.name, r, score_col, "STALE_SCORE",
                         f"“{name}”为定性指标（{result.tier}），得分为空，刷新后填 {fmt_plain(weight)} 分",
                         fmt_plain(weight), None)
            return weight
        ctx.find(s.name, r, score_col, "MISSING_VALUE",
                 f"“{name}”为定性指标（{result.tier}），请评价人在 {band} 分之间打分", band, None)
        return None
    if stated.kind != NUMBER:
        return None
    if not ind.in_band(stated.value, result.tier, weight):
        inferred = "（档次按实际完成值推断）" if result.tier_inferred else ""
        ctx.find(s.name, r, score_col, "QUAL_BAND",
                 f"“{name}”档次为“{result.tier}”{inferred}，得分应在 {band} 之间，现为 "
                 f"{fmt_plain(stated.value)}", band, fmt_plain(stated.value),
                 WARNING if result.tier_inferred else "")
    return stated.value
