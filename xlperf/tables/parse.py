"""One parser per table kind: from a header row to a `Table` with its data rows."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from ..grid import SheetGrid
from ..rules.numbers import NUMBER, normalize_text
from .figures import read_figure
from .find import (
    BUILDINGS,
    FUND_CONTROL,
    FUNDS,
    INDICATORS,
    SANGONG,
    SCORING,
    SCORING_SUMMARY,
    STAFF,
    SURVEY,
    TASKS,
    find_tables,
    first_text,
    header_kind,
    is_blank_row,
    is_section_row,
)
from .generic import TOTAL, total_kind
from .headers import cell_text, header_cells, norm, weight_in_name
from .known import GRADE, GROUP, HEAD, INCOME, ITEM, OTHER, PART, RESPONDENTS, SPENDING, KnownTable, Line
from .known import SCORE as SCORE_ROW
from .known import TOTAL as TOTAL_ROW

TOTAL_LABELS = ("合计", "总计", "小计", "金额合计", "总分")
_OPTION = re.compile(r"^([A-Ha-h])(?![A-Za-z])")
_QUESTION = re.compile(r"^第\s*(\d+)\s*题")


def total_label(text: str) -> str | None:
    t = norm(text)
    if "计" not in t and "总分" not in t:  # every label below holds one or the other
        return None
    for label in TOTAL_LABELS:
        if t == label or t.startswith(label + ":"):
            return label
    # 合计数, 资金合计, 任务金额合计, 支出总计: a total all the same
    return "合计" if total_kind(t) == TOTAL else None


def is_part(label: str) -> bool:
    return norm(label).startswith("其中")


def _rows_until(sheet: SheetGrid, start: int, kind: str, stop=None, max_blank=2) -> list[int]:
    """Data rows from `start`: to two blank rows, a section label, or another table's
    header; a repeated header of the same kind (a page break in a pasted table) is skipped."""
    rows, blanks = [], 0
    for r in range(start, sheet.n_rows):
        if is_blank_row(sheet, r):
            blanks += 1
            if blanks >= max_blank:
                break
            continue
        blanks = 0
        found = header_kind(sheet, r)
        if found:
            if found[0] == kind and kind in (SCORING, INDICATORS):
                # the page break's 续表 title just above the repeated header is no row
                if rows and rows[-1] == r - 1 and _continued_title(sheet, r - 1):
                    rows.pop()
                continue
            break
        # a 评分表 has no sections, and its 三级 names may start like one (年度绩效指标明确性)
        if kind != SCORING and is_section_row(sheet, r):
            break
        rows.append(r)
        if stop and stop(r):
            break
    return rows


def _continued_title(sheet: SheetGrid, r: int) -> bool:
    """A row holding one text and nothing else, which says it continues (表8（续）, 续表)."""
    filled = [v for v in sheet.rows[r] if v is not None and not (isinstance(v, str) and not v.strip())]
    return len(filled) == 1 and isinstance(filled[0], str) and "续" in filled[0]


def _label_col(sheet: SheetGrid, rows: list[int], before: int, preferred: int | None = None) -> int:
    """The text column left of the figures that labels most data rows. The header's
    `项目` column is preferred when it labels a row: the official 项目资金（万元） header sits
    over a (merged) label column left of the row labels and labels none of them."""
    counts = [sum(1 for r in rows if isinstance(sheet.value(r, c), str) and cell_text(sheet.value(r, c)))
              for c in range(before)]
    if preferred is not None and preferred < before and counts[preferred]:
        return preferred
    best, best_count = 0, -1
    for c, count in enumerate(counts):
        if count > best_count or (count == best_count and count > 0):
            best, best_count = c, count
    return best


_FUNDS_TOTAL = ("年度资金总额", "资金总额", "合计")
_INCOME = ("一般公共预算", "政府性基金拨款", "纳入专户管理的非税收入拨款", "其他资金", "本年财政拨款", "当年财政拨款",
           "财政拨款", "上年结转资金", "上年结转")
_SPENDING = ("基本支出", "项目支出")
# 上年结余资金, 单位自筹资金 …: the other sources a county's own 项目 table lists
_INCOME_ENDINGS = ("财政拨款", "结转资金", "结余资金", "结转结余", "自筹资金", "自有资金", "社会资金", "其他资金")
FUND_AMOUNTS = ("budget_initial", "budget", "executed")


def fund_label(text: str) -> str:
    """A 资金 row's name: `其中：当年财政拨款` → 当年财政拨款, `基本支出：755.67` → 基本支出."""
    t = norm(text)
    if t.startswith("其中"):
        t = t[2:].lstrip(":")
    return t.split(":")[0]


def _inline_breakdown(value) -> bool:
    """`其中：基本支出：755.67` typed in a figure column: seed 002 puts its second breakdown
    beside the first, label and figure in one cell. It is a label, not a figure."""
    if not isinstance(value, str) or ":" not in norm(value):
        return False
    return fund_label(value) in _INCOME + _SPENDING + ("按收入性质分", "按支出性质分")


def _funds(sheet, row, keys):
    amount_cols = [keys[k] for k in ("budget_initial", "budget", "executed") if k in keys]
    rows = _rows_until(sheet, row + 1, FUNDS)
    label = _label_col(sheet, rows, min(amount_cols), keys.get("item"))
    table = KnownTable(FUNDS, sheet, row, keys, rows, label)
    amounts = [(k, keys[k]) for k in FUND_AMOUNTS if k in keys]
    total_seen = False
    for r in rows:
        text = cell_text(sheet.value(r, label))
        name = fund_label(text)
        # the first 年度资金总额 is the block's total; the sources and the spending add up to it
        if not total_seen and name.startswith(_FUNDS_TOTAL):
            role, total_seen = TOTAL_ROW, True
        elif name in _INCOME or name.endswith(_INCOME_ENDINGS):
            role = INCOME
        elif name in _SPENDING:
            role = SPENDING
        else:
            role = OTHER
        figures: dict = {}
        if role != OTHER:
            for k, c in amounts:
                v = sheet.value(r, c)
                figures[k] = None if _inline_breakdown(v) else read_figure(v)
            if role == TOTAL_ROW:
                figures.update(_figures(sheet, r, _pairs(keys, ("weight", "score"))))
        table.lines.append(Line(r, role, text, figures, meta={"name": name}))
    # a blank form's 资金 block asks for nothing yet (build_plan's untouched sheets)
    table.facts["filled"] = any(sheet.value(r, c) not in (None, "") for _, c in amounts for r in rows)
    return table


def _tasks(sheet, row, keys):
    cols = dict(keys)
    sub = row + 1
    subkeys = {}
    r = sheet.rows[sub] if sub < sheet.n_rows else []
    for c, v in enumerate(r):
        t = norm(v) if isinstance(v, str) else ""
        if t in ("总额", "财政拨款", "其他资金"):
            subkeys.setdefault(t, []).append(c)
    start = row + 1
    if subkeys:
        start = sub + 1
        for part, names in (("总额", ("budget", "executed")), ("财政拨款", ("budget_fiscal", "executed_fiscal")),
                            ("其他资金", ("budget_other", "executed_other"))):
            for c in subkeys.get(part, []):
                target = names[0] if c < keys["executed"] else names[1]
                cols[target] = c
    rows = _rows_until(sheet, start, TASKS, stop=lambda r_: bool(total_label(first_text(sheet, r_)[1])))
    table = KnownTable(TASKS, sheet, sub if subkeys else row, cols, rows, keys["task"])
    amounts = _pairs(cols, TASK_AMOUNTS)
    parent: Line | None = None  # the task a run of 其中 rows breaks down
    in_parts, room = False, None  # in such a run; what of the task's 全年预算数 it leaves
    for r in rows:
        label = cell_text(sheet.value(r, keys["task"]))
        figures = _figures(sheet, r, amounts)
        # seed 001 types 金额合计 in the 年度 column, merged over the task columns
        first = first_text(sheet, r, keys["task"])[1]
        total = total_label(label) or (not label and total_label(first))
        if total:
            figures.update(_figures(sheet, r, _pairs(cols, ("weight", "score"))))
            table.lines.append(Line(r, TOTAL_ROW, label or first, figures))
            parent = None
            continue
        amount = _amount(figures.get("budget"))
        # 工会经费 then 其中：留用部分 and 上解部分: the parts break the task down, they are no
        # tasks of their own; the rows after the 其中 are parts while they fit in the task
        if label.startswith("其中") and parent is not None:
            if not in_parts:
                in_parts, room = True, _amount(parent.figures.get("budget"))
        elif in_parts and (amount is None or room is None or amount > room):
            in_parts = False
        if in_parts:
            if room is not None and amount is not None:
                room -= amount
            table.lines.append(Line(r, PART, label, figures, meta={"parent": parent}))
            continue
        line = Line(r, ITEM, label, figures)
        parent = line
        table.lines.append(line)
    return table


def _amount(reading) -> Decimal | None:
    return reading.value if reading is not None and reading.kind == NUMBER else None


TASK_AMOUNTS = ("budget", "budget_fiscal", "budget_other", "executed", "executed_fiscal", "executed_other")


_SIGNS = ("≥", "≤", "=", ">", "<", ">=", "<=")


def _pairs(cols: dict, keys) -> list[tuple[str, int]]:
    """(key, column) of the `keys` the table has, worked out once per table."""
    return [(k, cols[k]) for k in keys if k in cols]


def _figures(sheet: SheetGrid, r: int, pairs: list) -> dict:
    """key → Reading of row `r`'s cells under `pairs`, each read once."""
    cells = sheet.rows[r]
    n = len(cells)
    out = {}
    for k, c in pairs:  # a loop, not a comprehension: one call less for every row of a refresh
        out[k] = read_figure(cells[c] if c < n else None)
    return out


def _texts(sheet: SheetGrid, r: int, pairs: list) -> dict:
    """key → normalised text of row `r`'s cells under `pairs`."""
    cells = sheet.rows[r]
    n = len(cells)
    out = {}
    for k, c in pairs:
        out[k] = cell_text(cells[c] if c < n else None)
    return out


def _indicators(sheet, row, keys):
    labels: dict = {}  # row → its 总分/合计/等级 label, worked out once (stop() and the rows ask)

    def label_of(r):
        if r not in labels:
            labels[r] = _label_upto(sheet, r, keys)
        return labels[r]

    def stop(r):
        label = label_of(r)
        if label == "等级":
            return True
        if label in ("总分", "合计"):
            following = next((x for x in range(r + 1, min(r + 3, sheet.n_rows))
                              if not is_blank_row(sheet, x)), None)
            return following is None or label_of(following) != "等级"
        return False
    rows = _rows_until(sheet, row + 1, INDICATORS, stop=stop)
    table = KnownTable(INDICATORS, sheet, row, keys, rows, keys["level3"])
    meta = []
    levels = _Levels()
    figures, texts = _pairs(keys, ("weight", "target", "actual", "score")), _pairs(keys, ("deviation",))
    for r in rows:
        label = label_of(r)
        if label in ("总分", "合计"):
            table.extra["total_row"] = r
            table.lines.append(Line(r, TOTAL_ROW, label, _figures(sheet, r, _pairs(keys, ("score",)))))
            continue
        if label == "等级":
            table.extra["grade_row"] = r
            table.lines.append(_grade_line(sheet, r, keys))
            continue
        if "total_row" in table.extra:
            table.lines.append(Line(r, OTHER))
            continue
        inherited = levels.see(cell_text(table.v(r, "level1")), cell_text(table.v(r, "level2")))
        name = cell_text(table.v(r, "level3"))
        m = {"row": r, **inherited, "role": GROUP}
        line = Line(r, GROUP, name, meta=m)
        if name or any(cell_text(table.v(r, k)) for k in ("target", "actual", "weight", "score")):
            line.role = m["role"] = ITEM
            _indicator_cells(line, sheet, keys, figures, texts, m)
        meta.append(m)
        table.lines.append(line)
    table.extra["meta"] = meta
    return table


def _indicator_cells(line: Line, sheet: SheetGrid, keys: dict, figures: list, texts: list, meta: dict) -> None:
    line.figures = _figures(sheet, line.row, figures)
    line.texts = _texts(sheet, line.row, texts)
    target = line.figure("target")
    nature = cell_text(sheet.value(line.row, keys["nature"])) if "nature" in keys else ""
    if nature in _SIGNS and target.kind == NUMBER:
        # 指标性质 ≥ beside a bare 95: the target the rule scores against is ≥95
        raw = sheet.value(line.row, keys["target"])
        target = read_figure(nature + (raw if isinstance(raw, str) else str(raw)))
    meta["goal"] = target
    tier = sheet.value(line.row, keys["tier"]) if "tier" in keys else None
    meta["tier"] = None if tier is None else normalize_text(str(tier))


def _grade_line(sheet: SheetGrid, r: int, keys: dict) -> Line:
    """The 等级 row: the text in its 得分 column, and the first text right of its 等级
    label (where a typed table puts the grade)."""
    line = Line(r, GRADE, "等级", texts=_texts(sheet, r, _pairs(keys, ("score",))))
    cells = sheet.rows[r]
    label_at = next((c for c, v in enumerate(cells) if norm(v) == "等级"), None)
    if label_at is not None:
        line.meta = {"typed_at": next((c for c in range(label_at + 1, len(cells)) if cell_text(cells[c])), None)}
    return line


_LEVEL1_NAMES = frozenset({"决策", "过程", "产出", "效益", "满意度", "成本", "管理", "履职", "履职效能", "能力建设"})


class _Levels:
    """The 一级/二级 indicator names and weights a row stands under: a merged cell names
    them on its first row only, and a new 一级 starts without a 二级."""

    def __init__(self, shifted_level2: bool = False):
        self.l1 = self.l2 = ""
        self.w1 = self.w2 = None
        self.shifted_level2 = shifted_level2
        self.placed = Decimal(0)  # the 二级 weights named so far under this 一级
        self.l2_at = "level2"  # the column the 二级 name is typed in

    def see(self, v1: str, v2: str) -> dict:
        if v1 and not v2 and self.shifted_level2 and self._fits_as_level2(v1):
            v1, v2 = "", v1
            self.l2_at = "level1"
        elif v2:
            self.l2_at = "level2"
        if v1:
            self.l1, self.w1 = weight_in_name(v1)
            self.l2, self.w2 = "", None
            self.placed = Decimal(0)
        if v2:
            self.l2, self.w2 = weight_in_name(v2)
            if self.w2 is not None:
                self.placed += Decimal(self.w2)
        return {"level1": self.l1, "w1": self.w1, "level2": self.l2, "w2": self.w2, "l2_at": self.l2_at}

    def _fits_as_level2(self, v1: str) -> bool:
        """A 二级 name typed in the 一级 column (seed 004 表6 prints `资金管理 (6)` there, under
        过程（24） whose 预算执行（12） leaves 12 points open): the open 一级 has 二级s with
        weights, this name's weight fits in what they leave, and it is no 一级 name."""
        name, weight = weight_in_name(v1)
        if not (self.l2 and self.w1 is not None and weight is not None and self.w2 is not None):
            return False
        stem = re.sub(r"^(?:部门|项目|单位)|指标$", "", name)
        return stem not in _LEVEL1_NAMES and self.placed + Decimal(weight) <= Decimal(self.w1)


def _label_upto(sheet, r, keys) -> str:
    limit = keys.get("target", keys.get("weight"))
    r_ = sheet.rows[r] if r < sheet.n_rows else []
    for v in r_[:limit]:
        t = norm(v) if isinstance(v, str) else ""
        if t in ("总分", "合计", "等级", "总计"):
            return t
    return ""


def _scoring(sheet, row, keys):
    rows = _rows_until(sheet, row + 1, SCORING)
    table = KnownTable(SCORING, sheet, row, keys, rows, keys["level3"])
    meta = []
    levels = _Levels(shifted_level2=True)
    sums = _pairs(keys, ("weight", "score", "score_rate"))
    figures = _pairs(keys, ("data_actual", "data_plan", "score", "score_rate"))
    weighed = figures + _pairs(keys, ("weight",))  # a 三级 name without its （5分） has a 分值 column
    texts = _pairs(keys, ("reason",))
    for r in rows:
        v1, v2 = cell_text(table.v(r, "level1")), cell_text(table.v(r, "level2"))
        level3 = cell_text(table.v(r, "level3"))
        if total_label(v1) or total_label(v2) or total_label(level3):
            table.extra["total_row"] = r
            table.lines.append(Line(r, TOTAL_ROW, "合计", _figures(sheet, r, sums)))
            continue
        inherited = levels.see(v1, v2)
        name, w3 = weight_in_name(table.v(r, "level3"))
        if not name and not cell_text(table.v(r, "score")):
            table.lines.append(Line(r, GROUP, level3, meta=inherited))
            continue
        m = {"row": r, **inherited, "name": name, "w3": w3}
        meta.append(m)
        said = _texts(sheet, r, texts)
        if "criterion" in keys:  # as typed: NFKC would fold its ① into 1
            said["criterion"] = str(sheet.value(r, keys["criterion"]) or "")
        line = Line(r, ITEM, level3, _figures(sheet, r, figures if w3 else weighed), said, m)
        table.lines.append(line)
    table.extra["meta"] = meta
    table.facts["percent_units"] = _percent_header(sheet, row, keys)
    return table


def _percent_header(sheet: SheetGrid, row: int, keys: dict) -> bool:
    """A 得分率 column headed in %: it holds 93.33, not 0.9333."""
    return "score_rate" in keys and "%" in norm(sheet.value(row, keys["score_rate"]))


def is_grade_label(label: str) -> bool:
    """等级, 评价等级, 绩效等级, 等次: the row that states the grade of the 合计 above."""
    return label.endswith("等级") or label in ("等次", "评价等次")


def _scoring_summary(sheet, row, keys):
    def stop(r):
        label = norm(sheet.value(r, keys["level1"]))
        return label.endswith("等级") or label in ("等次", "评价等次")
    rows = _rows_until(sheet, row + 1, SCORING_SUMMARY, stop=stop)
    table = KnownTable(SCORING_SUMMARY, sheet, row, keys, rows, keys["level1"])
    sums, score = _pairs(keys, ("weight", "score", "score_rate")), _pairs(keys, ("score",))
    for r in rows:
        label, _ = weight_in_name(sheet.value(r, keys["level1"]))
        if is_grade_label(label):
            line = Line(r, GRADE, label, texts=_texts(sheet, r, score))
            cells = sheet.rows[r]
            # a typed table may put the grade just right of its label
            line.meta = {"typed_at": next((c for c in range(keys["level1"] + 1, len(cells))
                                           if cell_text(cells[c])), None)}
        else:
            line = Line(r, TOTAL_ROW if label in ("合计", "总计", "总分") else ITEM, label, _figures(sheet, r, sums))
        table.lines.append(line)
    table.facts["percent_units"] = _percent_header(sheet, row, keys)
    return table


def _survey(sheet, row, keys):
    question_row = None
    for r in range(row - 1, max(-1, row - 4), -1):
        _, t = first_text(sheet, r)
        if _QUESTION.match(t):
            question_row = r
            break
    rows: list = []
    letters: list = []
    score_row = respondents_row = None
    for r in range(row + 1, sheet.n_rows):
        label = cell_text(sheet.value(r, keys["option"]))
        # 本题有效填写人次, or 有效填写人次 without 本题: the respondents, never an option
        if not (score_row or respondents_row) and label and "本题" not in label and "有效填写" not in label:
            m = _OPTION.match(label)
            # an option typed without its letter (非常满意) takes the letter of its place
            if m or isinstance(sheet.value(r, keys["count"]), (int, float)):
                rows.append(r)
                letters.append(m.group(1).upper() if m else "ABCDEFGH"[min(len(letters), 7)])
                continue
        # below the options: 本题得分 (the template) and 本题有效填写人次 (a 问卷星 export)
        if rows and "本题得分" in label:
            score_row = r
        elif rows and "有效填写" in label:
            respondents_row = r
        else:
            break
    if not rows:
        return None
    table = KnownTable(SURVEY, sheet, row, keys, rows, keys["option"])
    table.extra.update(question_row=question_row, score_row=score_row, respondents_row=respondents_row,
                       letters=letters)
    count = keys["count"]
    for r, letter in zip(rows, letters):
        table.lines.append(Line(r, ITEM, letter, {"count": read_figure(sheet.value(r, count))}))
    if score_row is not None:
        table.lines.append(Line(score_row, SCORE_ROW, "本题得分"))
    if respondents_row is not None:
        table.lines.append(Line(respondents_row, RESPONDENTS, "本题有效填写人次",
                                {"count": read_figure(sheet.value(respondents_row, count))}))
    table.facts["question"] = "本题" if question_row is None else cell_text(sheet.value(question_row, 0))[:12]
    return table


@dataclass
class SurveyForm:
    """The questionnaire sheet's lines outside its question tables: 有效问卷数 (where and
    what it reads), the 选项分值 typed there, and where 问卷得分合计 and 综合满意率 go."""

    respondents: tuple | None = None  # (row, col, Reading)
    points: dict = field(default_factory=dict)  # option letter → its typed points
    total_at: tuple | None = None  # (row, col)
    rate_at: tuple | None = None


_FORM_LABELS = ("有效问卷", "问卷得分合计", "综合满意率", "选项分值")


def survey_form(sheet: SheetGrid) -> SurveyForm:
    """Each form label's cell: the first non-blank cell right of the first cell whose text
    starts with it, found in one pass over the sheet."""
    found: dict = {}
    for r, row in enumerate(sheet.rows):
        for c, v in enumerate(row):
            if not isinstance(v, str):
                continue
            text = cell_text(v)
            if not text.startswith(_FORM_LABELS):  # most cells: one test, not one per label
                continue
            for label in _FORM_LABELS:
                if label not in found and text.startswith(label):
                    right = next((c2 for c2 in range(c + 1, len(row)) if row[c2] not in (None, "")), c + 1)
                    found[label] = (r, right)
        if len(found) == len(_FORM_LABELS):
            break
    form = SurveyForm(total_at=found.get("问卷得分合计"), rate_at=found.get("综合满意率"))
    at = found.get("有效问卷")
    if at is not None:
        form.respondents = (*at, read_figure(sheet.value(*at)))
    at = found.get("选项分值")
    if at is not None:  # A 10, B 7 … along the row
        row = sheet.rows[at[0]]
        for c, v in enumerate(row[:-1]):
            letter = option_letter(v) if isinstance(v, str) and len(cell_text(v)) <= 2 else None
            value = read_figure(row[c + 1])
            if letter and value.kind == NUMBER:
                form.points[letter] = value.value
    return form


def _single_row(kind, figures):
    """Tables of one data row, right under the header (blank until it is filled)."""
    def parse(sheet, row, keys):
        rows = [row + 1] if row + 1 < sheet.n_rows and not header_kind(sheet, row + 1) else []
        table = KnownTable(kind, sheet, row, keys, rows, 0)
        table.lines = [Line(r, ITEM, figures=_figures(sheet, r, _pairs(keys, figures))) for r in rows]
        return table
    return parse


FUND_CONTROL_AMOUNTS = ("prev_final", "budget", "final")
_NUMBERED = re.compile(r"^(\d+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|[①-⑩]|[一二三四五六七八九十]+、)")
_FC_HEADS = ("三公经费", "项目支出", "公用经费", "政府采购金额", "部门基本支出预算调整")


def _fund_control(sheet, row, keys):
    year_cols = [keys[k] for k in sorted(keys)]
    rows = _rows_until(sheet, row + 1, FUND_CONTROL)
    label = _label_col(sheet, rows, min(year_cols))
    cols = {"prev_final": year_cols[0], "budget": year_cols[1]}
    if len(year_cols) > 2:
        cols["final"] = year_cols[2]
    cols.update({k: v for k, v in keys.items() if not k.startswith("year")})
    note = _note_col(sheet, row)
    if note is not None:
        cols["note"] = note
    table = KnownTable(FUND_CONTROL, sheet, row, cols, rows, label)
    amounts = _pairs(cols, FUND_CONTROL_AMOUNTS)
    table.lines = [Line(r, OTHER, cell_text(sheet.value(r, label)), _figures(sheet, r, amounts)) for r in rows]
    _fund_control_roles(table.lines)
    return table


def _fund_control_roles(lines: list) -> None:
    """Heads (三公经费, 项目支出 … and any other unnumbered row), the numbered items under
    a head, which add up to it, and 其中 parts under the row before them: seed 002 writes
    其中 once, the parts after it carry no prefix. A head or item lists its `items` and
    `parts` (lines) in its meta."""
    head = parent = None
    in_parts = False
    for line in lines:
        name = norm(line.label).rstrip(":")
        if not name or set(name) <= set("…."):
            continue
        line.meta = {"name": name, "items": [], "parts": []}
        if name.startswith(_FC_HEADS):
            line.role, in_parts = HEAD, False
            head = parent = line
        elif _NUMBERED.match(name):
            line.role = ITEM
            if head is not None:
                head.meta["items"].append(line)
            parent, in_parts = line, False
        elif is_part(name) or in_parts:
            line.role, in_parts = PART, True
            if parent is not None:
                parent.meta["parts"].append(line)
        else:
            line.role = HEAD
            head = parent = line


def _note_col(sheet, row):
    r = sheet.rows[row] if row < sheet.n_rows else []
    for c, v in enumerate(r):
        if isinstance(v, str) and norm(v) == "校验说明":
            return c
    return None


SANGONG_AMOUNTS = ("current", "initial", "previous")


def _sangong(sheet, row, keys):
    keys = dict(keys)
    start = row + 1
    if _is_sub_header(sheet, start):
        # 比上年增减 merged over 金额 | 增减％: the rate column is named on the row below
        sub, _ = header_cells(sheet, start)
        for key, col in sub.items():
            keys.setdefault(key, col)
        start += 1
    rows = _rows_until(sheet, start, SANGONG)
    label = _label_col(sheet, rows, keys["current"], keys.get("item"))
    table = KnownTable(SANGONG, sheet, row, keys, rows, label)
    total = last = None
    amounts = _pairs(keys, SANGONG_AMOUNTS)
    for r in rows:
        line = Line(r, ITEM, cell_text(sheet.value(r, label)), _figures(sheet, r, amounts))
        if total is None and "合计" in line.label:
            line.role, total = TOTAL_ROW, line
            last = r
        elif total is not None and last == r - 1:
            line.role = PART  # the rows right under the 合计: a blank row ends its block
            last = r
        table.lines.append(line)
    return table


def _is_sub_header(sheet, r) -> bool:
    """A row of short texts and nothing else under a header (the lower half of a two-row one)."""
    if r >= sheet.n_rows or is_blank_row(sheet, r):
        return False
    values = [v for v in sheet.rows[r] if v is not None and not (isinstance(v, str) and not v.strip())]
    return all(isinstance(v, str) and len(norm(v)) <= 12 and not any(ch.isdigit() for ch in v)
               for v in values) and not total_label(first_text(sheet, r)[1])


_NAME_LABELS = ("部门(单位)名称", "部门（单位）名称", "县级预算部门", "项目名称", "单位名称")


def form_name(sheet: SheetGrid) -> str | None:
    """A self-evaluation sheet's name: what is typed after its 部门（单位）名称 / 项目名称
    line (in the first 8 rows)."""
    for row in sheet.rows[:8]:
        for c, v in enumerate(row):
            if cell_text(v).startswith(_NAME_LABELS):
                name = next((cell_text(x) for x in row[c + 1:] if cell_text(x)), None)
                if name:
                    return name
                break
    return None


def is_project_form(sheet: SheetGrid) -> bool:
    """The sheet's title says 项目支出绩效自评表."""
    return any("项目支出绩效自评表" in cell_text(v) for row in sheet.rows[:3] for v in row)


def known_tables(sheet: SheetGrid) -> list[KnownTable]:
    """The tables of a known kind on a sheet (`find.find_tables`), finished: every parser
    here returns a `KnownTable`."""
    return cast("list[KnownTable]", find_tables(sheet))


PARSERS = {
    FUNDS: _funds,
    TASKS: _tasks,
    INDICATORS: _indicators,
    SCORING: _scoring,
    SCORING_SUMMARY: _scoring_summary,
    SURVEY: _survey,
    STAFF: _single_row(STAFF, ("staff_actual", "staff_quota")),
    BUILDINGS: _single_row(BUILDINGS, ("actual_size", "approved_size", "actual_invest", "planned_invest")),
    FUND_CONTROL: _fund_control,
    SANGONG: _sangong,
}


def option_letter(label: str) -> str | None:
    m = _OPTION.match(cell_text(label))
    return m.group(1).upper() if m else None


def question_number(text: str) -> int | None:
    m = _QUESTION.match(cell_text(text))
    return int(m.group(1)) if m else None
