"""满意度问卷 (seed 004 附件2): option points, one small 选项 | 小计 | 比例 table per
question, each question's score and the 综合满意率 the 评分表 takes."""
from __future__ import annotations

from .. import layout as L
from . import style as st
from .context import Context
from .sheet import COMPUTED, HEADER, INPUT, LABEL, NOTE, PLAIN, SheetWriter, ref
from .values import number_cell, text_cell

T = L.SURVEY
WIDTHS = list(L.SURVEY_WIDTHS)
LETTERS = L.SURVEY_LETTERS
DEFAULT_OPTIONS = L.SURVEY_DEFAULT_OPTIONS
BLANK_QUESTIONS = L.SURVEY_BLANK_QUESTIONS
RESPONDENTS = "B2"
RESPONDENTS_ABS = "$B$2"


def build_survey(ws, ctx: Context, data: dict | None) -> dict:
    data = data or {}
    w = SheetWriter(ws, WIDTHS, printed=L.print_setup(L.SHEET_SURVEY)[1], fit=bool(data))
    title = data.get("title") or "部门整体支出绩效评价调查问卷"
    w.title(1, f"{ctx.year}年度{ctx.dept}{title}" if ctx.dept else ctx.title(title))
    w.put(2, 1, L.SURVEY_RESPONDENTS, LABEL)
    w.put(2, 2, number_cell(data.get("respondents")), INPUT, fmt=st.FMT_COUNT)
    w.validate("count", RESPONDENTS)
    w.put(2, 3, None, PLAIN, span=len(WIDTHS) - 2)

    # one row, as the contract has it: 选项分值 | A | 10 | B | 7 | C | 4 | D | 0
    points = ctx.settings.points_by_option
    w.put(3, 1, L.SURVEY_POINTS, LABEL)
    point_cells = []
    for i, letter in enumerate(LETTERS):
        w.put(3, 2 + 2 * i, letter, HEADER)
        point_cells.append(ref(3, 3 + 2 * i, absolute=True))
        w.put(3, 3 + 2 * i, number_cell(points.get(letter)), INPUT, fmt=st.FMT_GENERAL)
        w.validate("weight", ref(3, 3 + 2 * i))

    questions = data.get("questions") or [{} for _ in range(BLANK_QUESTIONS)]
    row = 5
    score_cells, blocks = [], []
    for n, q in enumerate(questions, start=1):
        text = text_cell(q.get("text")) or ""
        question = L.SURVEY_QUESTION.column("text")
        w.put(row, 1, f"{L.SURVEY_QUESTION_PREFIX}{n}题 {text}".rstrip(), INPUT, fmt=question.fmt,
              span=question.span)
        header = row + 1
        for c in T.columns:
            w.put(header, T.start(c.key), c.header, HEADER, span=c.span)
        options = list(q.get("options") or DEFAULT_OPTIONS)
        counts = list(q.get("counts") or [])
        first = header + 1
        for i, letter in enumerate(LETTERS):
            r = first + i
            option = options[i] if i < len(options) else ""
            w.put(r, T.start("option"), f"{letter}{option}", INPUT, fmt=T.column("option").fmt)
            count = w.put(r, T.start("count"), number_cell(counts[i]) if i < len(counts) else None, INPUT,
                          fmt=T.column("count").fmt)
            w.validate("count", count)
            w.put(r, T.start("share"), T.formula("share", r, respondents=RESPONDENTS_ABS), COMPUTED,
                  fmt=T.column("share").fmt)
            w.put(r, T.start("note"), None, NOTE, span=T.column("note").span)
        last = first + len(LETTERS) - 1
        score_row = last + 1
        # SUMPRODUCT cannot pair the vertical 小计 cells with the points laid out in one row
        # without an array function, so the score is the plain weighted sum.
        terms = "+".join(f"{ref(first + i, 2)}*{point_cells[i]}" for i in range(len(LETTERS)))
        w.put(score_row, 1, "本题得分", LABEL)
        score_cells.append(w.put(score_row, 2, f"={terms}", COMPUTED, fmt=st.FMT_GENERAL))
        w.put(score_row, 3, None, PLAIN)
        w.put(score_row, 4, None, NOTE, span=6)
        blocks.append({"question_row": row, "header": header, "first": first, "last": last,
                       "score_row": score_row})
        row = score_row + 2

    total_row, rate_row = row, row + 1
    w.put(total_row, 1, L.SURVEY_TOTAL, LABEL)
    total = w.put(total_row, 2, f"=SUM({','.join(score_cells)})", COMPUTED, fmt=st.FMT_GENERAL)
    w.put(total_row, 3, None, PLAIN)
    w.put(total_row, 4, None, NOTE, span=6)
    w.put(rate_row, 1, L.SURVEY_RATE, LABEL)
    rate = w.put(rate_row, 2,
                 f'=IFERROR({total}/({len(questions)}*{RESPONDENTS_ABS}*{point_cells[0]}),"")',
                 COMPUTED, fmt=st.FMT_RATE)
    w.put(rate_row, 3, None, PLAIN)
    w.put(rate_row, 4, None, NOTE, span=6)
    footer = w.footer(rate_row + 2)
    w.finish(landscape=False, freeze="A4")
    return {"questions": blocks, "total_cell": total, "rate_cell": rate, "footer": footer,
            "respondents_cell": RESPONDENTS,
            "point_cells": [p.replace("$", "") for p in point_cells]}
