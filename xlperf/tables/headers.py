"""Finding header rows by keywords (tables.md), tolerant of line breaks, spaces,
full-width brackets and unit suffixes."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..grid import SheetGrid

_UNIT_SUFFIX = re.compile(r"[(（](?:万元|元|人|人次|m²|㎡|平方米|分|个)[)）]$")
_SPACE = re.compile(r"\s+")
_MAX_HEADER_LEN = 24  # a longer cell is a sentence that happens to mention a keyword

# key → synonyms; a cell takes the key of the longest synonym it contains, so 得分原因
# is not 得分 and 比上年增减% is not 比上年增减
VOCABULARY: dict[str, tuple[str, ...]] = {
    "budget_initial": ("年初预算数",),
    "budget": ("全年预算数", "调整后预算数", "全年预算"),
    "executed": ("全年执行数", "执行数", "实际执行数", "实际支出数"),
    "weight": ("分值", "权重"),
    "rate": ("执行率", "预算执行率"),
    "score": ("得分", "自评得分", "评价得分"),
    "task": ("任务名称",),
    "content": ("主要内容",),
    "done": ("完成情况",),
    "target": ("年度指标值", "指标值", "目标值"),
    "actual": ("实际完成值", "实际值", "完成值"),
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "level3": ("三级指标", "指标内容", "指标名称"),
    "nature": ("指标性质",),
    "measure": ("度量单位", "计量单位"),
    "deviation": ("偏差原因分析及改进措施", "偏差原因", "偏差原因分析", "改进措施"),
    "tier": ("档次", "完成档次"),
    "note": ("校验说明",),
    "explain": ("指标解释",),
    "criterion": ("评分标准",),
    "reason": ("得分原因",),
    "data_actual": ("评分数据(实际)", "评分数据"),
    "data_plan": ("评分数据(计划)",),
    "value": ("计算值",),
    "score_rate": ("得分率", "得分率%"),
    "option": ("选项",),
    "count": ("小计", "人数", "回复数", "票数"),
    "share": ("比例", "占比", "百分比"),
    "staff_quota": ("编制数",),
    "staff_actual": ("实际在职人数", "在职人数"),
    "control_rate": ("控制率",),
    "current": ("本年度",),
    "initial": ("年初预算",),
    "previous": ("上年度",),
    "change": ("比上年增减", "增减额"),
    "change_rate": ("比上年增减%", "增减%", "增减率", "增长率"),
    "remark": ("说明",),
    "item": ("项目", "指标"),
    "approved_size": ("批复规模",),
    "actual_size": ("实际规模",),
    "size_rate": ("规模控制率",),
    "planned_invest": ("预算投资",),
    "actual_invest": ("实际投资",),
    "invest_rate": ("投资概算控制率",),
    "total_amount": ("总额",),
    "fiscal": ("财政拨款",),
    "other_funds": ("其他资金",),
}
_SYNONYMS = sorted(((syn, key) for key, syns in VOCABULARY.items() for syn in syns),
                   key=lambda p: len(p[0]), reverse=True)


def norm(text) -> str:
    """Header text without spaces, line breaks, unit suffixes, trailing colons; ASCII brackets."""
    if text is None:
        return ""
    if isinstance(text, str) and len(text) <= _CACHED_LEN:
        return _norm_cached(text)
    return _norm(str(text))


def _norm(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    s = _SPACE.sub("", s)
    s = s.rstrip(":：")
    prev = None
    while prev != s:
        prev, s = s, _UNIT_SUFFIX.sub("", s)
    return s


# A pure function, and the same labels recur in every row of every workbook (the 汇总
# normalises each text cell of thousands of files). Long texts are sentences, not labels:
# left out, so the cache stays a few hundred KB.
_CACHED_LEN = 48
_norm_cached = lru_cache(maxsize=16384)(_norm)


_YEAR_COLUMN = re.compile(r"^(\d{4}年度?)?(决算数|预算数)$")


def _label(text: str) -> tuple[str | None, bool, bool] | None:
    """(key of the longest synonym it contains, whether it is exactly that synonym,
    whether it heads a 决算数/预算数 column) of a header cell; None for neither."""
    s = norm(text)
    if not s:
        return None
    year = _YEAR_COLUMN.match(s) is not None
    if len(s) <= _MAX_HEADER_LEN:
        for syn, key in _SYNONYMS:
            if syn in s:
                return key, s == syn, year
    return (None, False, True) if year else None


# every row of every sheet asks this of each text cell: short labels are cached (they
# recur in every workbook), long sentences computed each time (see norm)
_label_cached = lru_cache(maxsize=16384)(_label)


def header_key(text) -> str | None:
    if not isinstance(text, str):
        return None
    m = _label_cached(text) if len(text) <= _CACHED_LEN else _label(text)
    return m[0] if m else None


def header_cells(sheet: SheetGrid, row: int) -> tuple[dict[str, int], list[int]]:
    """One pass over a row: key → column (its first exact occurrence, else its first:
    `项目` beats `项目资金（万元）`), and the columns headed 决算数/预算数 (by year)."""
    keys: dict[str, int] = {}
    exact: set = set()
    years: list[int] = []
    r = sheet.rows[row] if row < len(sheet.rows) else ()
    for c, v in enumerate(r):
        if not isinstance(v, str):
            continue
        m = _label_cached(v) if len(v) <= _CACHED_LEN else _label(v)
        if m is None:
            continue
        key, is_exact, year = m
        if year:
            years.append(c)
        if key is not None and (key not in keys or (is_exact and key not in exact)):
            keys[key] = c
            if is_exact:
                exact.add(key)
    return keys, years


_WEIGHT_IN_NAME = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]\s*$")


def weight_in_name(text) -> tuple[str, str | None]:
    """`产出指标（50分）` → ("产出指标", "50"); `决策 (15)` → ("决策", "15")."""
    if text is None:
        return "", None
    if isinstance(text, str) and len(text) <= _CACHED_LEN:
        return _weight_in_name_cached(text)  # the same level names head every row
    return _weight_in_name(str(text))


def _weight_in_name(text: str) -> tuple[str, str | None]:
    s = unicodedata.normalize("NFKC", text).strip()
    s = _SPACE.sub("", s)
    m = _WEIGHT_IN_NAME.search(s)
    if not m:
        return s, None
    return s[:m.start()], m.group(1)


_weight_in_name_cached = lru_cache(maxsize=4096)(_weight_in_name)


def cell_text(value) -> str:
    """A label as plain text: NFKC, no spaces."""
    if value is None:
        return ""
    if isinstance(value, str) and len(value) <= _CACHED_LEN:
        return _cell_text_cached(value)  # labels recur in every workbook (see norm)
    return _cell_text(str(value))


def _cell_text(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


_cell_text_cached = lru_cache(maxsize=16384)(_cell_text)
