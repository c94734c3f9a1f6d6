"""The satisfaction questionnaire sheet (rules.md §5; seed 004 附件2). Its question tables
and its form lines come finished from `tables.parse`: this module never reads a raw cell."""
from __future__ import annotations

from decimal import Decimal

from ..grid import SheetGrid
from ..rules.numbers import fmt_plain, quantize
from ..rules.rates import ratio
from ..rules.survey import satisfaction_rate
from ..tables.known import ITEM, RESPONDENTS, KnownTable
from ..tables.known import SCORE as SCORE_ROW
from ..tables.parse import SurveyForm
from .context import RATE, SCORE, Context, excel_precision

ZERO = Decimal(0)


def evaluate_survey(ctx: Context, sheet: SheetGrid, tables: list[KnownTable], form: SurveyForm) -> Decimal | None:
    """The question tables of one sheet and its form (有效问卷数, 选项分值, 问卷得分合计,
    综合满意率); returns the 综合满意率."""
    if not tables:
        return None
    respondents = None
    if form.respondents is not None:
        r, c, reading = form.respondents
        respondents = ctx.figure(reading, sheet, r, c, "有效问卷数")
    # option points from the 选项分值 row (A 10, B 7 …), else the settings
    points = dict(ctx.settings.points_by_option)
    points.update(form.points)
    letters = sorted(points)
    questions, score_cells = [], []
    for t in tables:
        counts = {}
        options, own_line, score_line = [], None, None  # 问卷星: 本题有效填写人次 under the options
        for x in t.lines:
            if x.role == ITEM:
                options.append(x)
            elif x.role == RESPONDENTS:
                own_line = x
            elif x.role == SCORE_ROW:
                score_line = x
        for line in options:
            ctx.note_row(sheet, line.row, t.cols.get("note"))
            counts[line.label] = ctx.figure(line.figure("count"), sheet, line.row, t.cols["count"],
                                            f"选项{line.label}的人数") or ZERO
        answered = sum(counts.values(), ZERO)
        qname = t.facts["question"]
        base = respondents if respondents else answered
        own = None if own_line is None else own_line.row
        q_respondents = None if own_line is None else ctx.figure(own_line.figure("count"), sheet, own_line.row,
                                                                 t.cols["count"], "本题有效填写人次")
        if q_respondents:
            base = q_respondents
            if answered != q_respondents:
                # the counts or the 填写人次 is wrong, not each share: one finding, at the total
                ctx.find(sheet.name, own, t.cols["count"], "SUM_MISMATCH",
                         f"{qname}各选项人数之和 {fmt_plain(answered)} 与本题有效填写人次 {fmt_plain(q_respondents)} 不符",
                         fmt_plain(answered), fmt_plain(q_respondents))
                questions.append([counts.get(k, ZERO) for k in letters])
                continue
        elif respondents and answered != respondents:
            ctx.find(sheet.name, options[0].row, t.cols["count"], "SUM_MISMATCH",
                     f"{qname}各选项人数之和 {fmt_plain(answered)} 与有效问卷数 {fmt_plain(respondents)} 不符",
                     fmt_plain(respondents), fmt_plain(answered))
        for line in options:
            letter = line.label
            share = ratio(counts[letter], base)
            ctx.computed(sheet, line.row, t.cols.get("share"), None if share is None else quantize(share, 4),
                         kind=RATE, code="RATE_MISMATCH", what=f"选项{letter}的比例",
                         cache=None if share is None else excel_precision(share))
        q_points = sum((counts.get(k, ZERO) * points.get(k, ZERO) for k in counts), ZERO)
        if score_line is not None:
            score_cells.append(q_points)
            ctx.computed(sheet, score_line.row, t.cols["count"], q_points, kind=SCORE,
                         code="TOTAL_MISMATCH", what=f"{qname}得分")
        questions.append([counts.get(k, ZERO) for k in letters])
    rate = satisfaction_rate(questions, [points[k] for k in letters],
                             int(respondents) if respondents else None)
    total_at = form.total_at
    if total_at is not None:
        total = sum((sum(q[i] * points[k] for i, k in enumerate(letters)) for q in questions), ZERO)
        ctx.computed(sheet, total_at[0], total_at[1], total, kind=SCORE, code="TOTAL_MISMATCH",
                     what="问卷得分合计")
    rate_at = form.rate_at
    if rate_at is not None:
        ctx.computed(sheet, rate_at[0], rate_at[1], None if rate is None else quantize(rate, 4),
                     kind=RATE, code="RATE_MISMATCH", what="综合满意率",
                     cache=None if rate is None else excel_precision(rate))
    return rate
