"""The satisfaction questionnaire sheet (rules.md §5; seed 004 附件2)."""
from __future__ import annotations

from decimal import Decimal

from ..grid import SheetGrid
from ..rules.numbers import NUMBER, fmt_plain, quantize, read_number
from ..rules.rates import ratio
from ..rules.survey import satisfaction_rate
from ..tables.find import Table
from ..tables.headers import cell_text
from ..tables.parse import option_letter
from .context import RATE, SCORE, Context, excel_precision

ZERO = Decimal(0)


def _labelled(sheet: SheetGrid, labels) -> dict:
    """label → the cell just right of the first cell whose text starts with it, found in one
    pass over the sheet."""
    found: dict = {}
    for r, row in enumerate(sheet.rows):
        for c, v in enumerate(row):
            if not isinstance(v, str):
                continue
            text = cell_text(v)
            if not text.startswith(labels):  # most cells: one test, not one per label
                continue
            for label in labels:
                if label not in found and text.startswith(label):
                    right = next((c2 for c2 in range(c + 1, len(row)) if row[c2] not in (None, "")), c + 1)
                    found[label] = (r, right)
        if len(found) == len(labels):
            break
    return found


def _points(ctx: Context, sheet: SheetGrid, at: tuple[int, int] | None) -> dict:
    """Option points from the 选项分值 row (A 10, B 7 …) `at` is on, else the settings."""
    points = dict(ctx.settings.points_by_option)
    if at is not None:
        row = sheet.rows[at[0]]
        for c, v in enumerate(row[:-1]):
            letter = option_letter(v) if isinstance(v, str) and len(cell_text(v)) <= 2 else None
            value = read_number(row[c + 1])
            if letter and value.kind == NUMBER:
                points[letter] = value.value
    return points


def evaluate_survey(ctx: Context, sheet: SheetGrid, tables: list[Table]) -> Decimal | None:
    if not tables:
        return None
    cells = _labelled(sheet, ("有效问卷", "问卷得分合计", "综合满意率", "选项分值"))
    at = cells.get("有效问卷")
    respondents = None
    if at is not None:
        respondents = ctx.number(sheet, at[0], at[1], "有效问卷数")
    points = _points(ctx, sheet, cells.get("选项分值"))
    letters = sorted(points)
    questions, score_cells = [], []
    for t in tables:
        counts = {}
        row_letters = list(zip(t.rows, t.extra["letters"]))
        for r, letter in row_letters:
            ctx.note_row(sheet, r, t.cols.get("note"))
            counts[letter] = ctx.number(sheet, r, t.cols["count"], f"选项{letter}的人数") or ZERO
        answered = sum(counts.values(), ZERO)
        qname = cell_text(sheet.value(t.extra["question_row"], 0))[:12] if t.extra.get("question_row") is not None else "本题"
        base = respondents if respondents else answered
        own = t.extra.get("respondents_row")  # 问卷星: 本题有效填写人次 under the options
        q_respondents = None if own is None else ctx.number(sheet, own, t.cols["count"], "本题有效填写人次")
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
            ctx.find(sheet.name, t.rows[0], t.cols["count"], "SUM_MISMATCH",
                     f"{qname}各选项人数之和 {fmt_plain(answered)} 与有效问卷数 {fmt_plain(respondents)} 不符",
                     fmt_plain(respondents), fmt_plain(answered))
        for r, letter in row_letters:
            share = ratio(counts[letter], base)
            ctx.computed(sheet, r, t.cols.get("share"), None if share is None else quantize(share, 4),
                         kind=RATE, code="RATE_MISMATCH", what=f"选项{letter}的比例",
                         cache=None if share is None else excel_precision(share))
        q_points = sum((counts.get(k, ZERO) * points.get(k, ZERO) for k in counts), ZERO)
        if t.extra.get("score_row") is not None:
            score_cells.append(q_points)
            ctx.computed(sheet, t.extra["score_row"], t.cols["count"], q_points, kind=SCORE,
                         code="TOTAL_MISMATCH", what=f"{qname}得分")
        questions.append([counts.get(k, ZERO) for k in letters])
    rate = satisfaction_rate(questions, [points[k] for k in letters],
                             int(respondents) if respondents else None)
    total_at = cells.get("问卷得分合计")
    if total_at is not None:
        total = sum((sum(q[i] * points[k] for i, k in enumerate(letters)) for q in questions), ZERO)
        ctx.computed(sheet, total_at[0], total_at[1], total, kind=SCORE, code="TOTAL_MISMATCH",
                     what="问卷得分合计")
    rate_at = cells.get("综合满意率")
    if rate_at is not None:
        ctx.computed(sheet, rate_at[0], rate_at[1], None if rate is None else quantize(rate, 4),
                     kind=RATE, code="RATE_MISMATCH", what="综合满意率",
                     cache=None if rate is None else excel_precision(rate))
    return rate
