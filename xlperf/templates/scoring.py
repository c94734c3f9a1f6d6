"""评分表 — 绩效评价指标体系评分表 (seed 004 附件1) and the 表4-style 评分汇总 below it."""
from __future__ import annotations

import json
import re
from collections import Counter
from importlib import resources

from .. import layout as L
from . import style as st
from .context import Context
from .sheet import COMPUTED, GROUP, HEADER, INPUT, LABEL, NOTE, PLAIN, SheetWriter, ref
from .values import number_cell, text_cell, weight_text

T = L.SCORING
S = L.SCORING_SUMMARY
WIDTHS = list(L.SCORING_WIDTHS)
ACTUAL_COL, PLAN_COL, SCORE_COL = T.start("data_actual"), T.start("data_plan"), T.start("score")
SATISFACTION_PRESET = "服务对象满意度"
_QUOTES = re.compile(r"[\s\"“”'‘’]")


def default_system() -> list[dict]:
    text = resources.files("xlperf").joinpath("data/scoring_system.json").read_text("utf-8")
    return json.loads(text)["levels"]


def _key(name: str) -> str:
    return _QUOTES.sub("", str(name))


def _scoring_inputs(levels, scoring_data: dict) -> list[list | None]:
    """The [实际, 计划] pair for each row: keyed by the 三级 name, or by the row's preset
    name when only that row uses the preset (the example data says 在职人员控制率 for the
    row named 编制人员控制率)."""
    by_key = {_key(k): v for k, v in (scoring_data or {}).items()}
    preset_count = Counter(_key(lv.get("preset", "")) for lv in levels)
    result = []
    for lv in levels:
        pair = by_key.get(_key(lv["name"]))
        preset = _key(lv.get("preset", ""))
        if pair is None and preset and preset_count[preset] == 1:
            pair = by_key.get(preset)
        result.append(pair)
    return result


def _pair(values) -> tuple:
    values = list(values or [])
    return (values + [None, None])[0], (values + [None, None])[1]


def _spans(levels, field: str, parent: str | None = None) -> list[tuple[int, int]]:
    """(start index, length) of each run of equal `field` values (within the same parent)."""
    runs: list[tuple[int, int]] = []
    for i, lv in enumerate(levels):
        same = (runs and levels[runs[-1][0]][field] == lv[field]
                and (parent is None or levels[runs[-1][0]][parent] == lv[parent]))
        if same:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((i, 1))
    return runs


def build_scoring(ws, ctx: Context, scoring_data: dict | None, satisfaction_cell: str,
                  levels=None) -> dict:
    levels = list(levels or default_system())
    w = SheetWriter(ws, WIDTHS, printed=L.print_setup(L.SHEET_SCORING)[1],
                    fit=bool(scoring_data))
    w.title(1, ctx.title("部门整体支出绩效评价指标体系评分表"))
    header = 2
    for c in T.columns:
        w.put(header, T.start(c.key), c.header, HEADER)
    w.min_height(header, 32)
    first = header + 1
    for start, length in _spans(levels, "level1"):
        lv = levels[start]
        w.put(first + start, 1, f"{lv['level1']}（{weight_text(lv['w1'])}）", GROUP, down=length)
    for start, length in _spans(levels, "level2", parent="level1"):
        lv = levels[start]
        w.put(first + start, 2, f"{lv['level2']}（{weight_text(lv['w2'])}）", GROUP, down=length)
    inputs = _scoring_inputs(levels, scoring_data)
    rows_by_level1: dict[str, list[int]] = {}
    satisfaction_row = None
    for i, lv in enumerate(levels):
        row = first + i
        rows_by_level1.setdefault(lv["level1"], []).append(row)
        w.put(row, T.start("level3"), f"{lv['name']}（{weight_text(lv['weight'])}）", LABEL)
        w.put(row, T.start("explain"), text_cell(lv.get("explain")), LABEL)
        w.put(row, T.start("criterion"), text_cell(lv.get("criterion")), LABEL)
        preset = ctx.settings.preset(lv.get("preset", ""))
        actual, plan = _pair(inputs[i])
        if preset is not None and preset.name == SATISFACTION_PRESET:
            w.put(row, ACTUAL_COL, f"={satisfaction_cell}", COMPUTED, fmt=st.FMT_RATE)
            w.put(row, PLAN_COL, 1, COMPUTED, fmt=st.FMT_GENERAL)
            satisfaction_row = row
        else:
            w.put(row, ACTUAL_COL, number_cell(actual), INPUT, fmt=T.column("data_actual").fmt)
            w.put(row, PLAN_COL, number_cell(plan), INPUT, fmt=T.column("data_plan").fmt)
        w.put(row, T.start("value"), T.formula("value", row), COMPUTED, fmt=T.column("value").fmt)
        w.put(row, T.start("reason"), None, INPUT, fmt=T.column("reason").fmt)
        score = w.put(row, SCORE_COL, None, COMPUTED, fmt=T.column("score").fmt)
        w.validate("weight", score)
        w.put(row, T.start("note"), None, NOTE)
    last = first + len(levels) - 1

    # 评分汇总, two blank rows below
    s_header = last + 3
    for c in S.columns:
        if c.role != L.GAP:
            w.put(s_header, S.start(c.key), c.header, HEADER)
    row = s_header
    summary_rows = {}
    for start, _length in _spans(levels, "level1"):
        row += 1
        lv = levels[start]
        rows = rows_by_level1[lv["level1"]]
        w.put(row, 1, lv["level1"], LABEL)
        w.put(row, 2, number_cell(lv["w1"]), PLAIN, fmt=st.FMT_SCORE)
        w.put(row, 3, f"=SUM({ref(rows[0], SCORE_COL)}:{ref(rows[-1], SCORE_COL)})", COMPUTED,
              fmt=st.FMT_SCORE)
        w.put(row, 4, f'=IFERROR({ref(row, 3)}/{ref(row, 2)},"")', COMPUTED, fmt=st.FMT_RATE)
        w.put(row, S.start("note"), None, NOTE)
        summary_rows[lv["level1"]] = row
    first_s, last_s = s_header + 1, row
    row += 1
    w.put(row, 1, "合计", LABEL)
    w.put(row, 2, f"=SUM({ref(first_s, 2)}:{ref(last_s, 2)})", COMPUTED, fmt=st.FMT_SCORE)
    total = w.put(row, 3, f"=SUM({ref(first_s, 3)}:{ref(last_s, 3)})", COMPUTED,
                  fmt=st.FMT_SCORE)
    w.put(row, 4, f'=IFERROR({ref(row, 3)}/{ref(row, 2)},"")', COMPUTED, fmt=st.FMT_RATE)
    w.put(row, S.start("note"), None, NOTE)
    total_row = row
    row += 1
    w.put(row, 1, "等级", LABEL)
    w.put(row, 2, None, PLAIN)
    grade = w.put(row, 3, ctx.grade_formula(total), COMPUTED, horizontal="center")
    w.put(row, 4, None, PLAIN)
    w.put(row, S.start("note"), None, NOTE)
    footer = w.footer(row + 2)
    w.finish(landscape=True, title_rows=f"{header}:{header}", freeze=f"A{first}")
    return {"header": header, "first": first, "last": last, "satisfaction_row": satisfaction_row,
            "summary_header": s_header, "summary_rows": summary_rows, "total_row": total_row,
            "grade_row": row, "grade_cell": grade, "footer": footer}
