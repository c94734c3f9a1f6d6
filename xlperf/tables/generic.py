"""Tables of no recognised kind (收支, 决算, 科目, project lists, statistics): found by a
header row of short texts above rows with figures, handed to the engine as finished
tables — columns with their (one-, two- or three-row) header text and role, rows with
their role (item, total, subtotal, 其中 part, group heading, header repeat) and every
figure read once. docs/recognition.md describes where a table starts and ends."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..grid import SheetGrid
from ..rules.numbers import BAD, BLANK, NA, NUMBER, PLACEHOLDER, Reading
from .figures import read_figure
from .headers import cell_text, norm

ITEM = "item"
TOTAL = "total"
SUBTOTAL = "subtotal"
GROUP = "group"  # a heading row without figures (一、工资福利支出)
REPEAT = "repeat"  # the header again, after a printed page break
BLANK_ROW = "blank"

AMOUNT = "amount"
RATE = "rate"
TEXT = "text"
INDEX = "index"

_MAX_HEADER_LEN = 24
_YEAR_HEADER = re.compile(r"^(19|20)\d{2}年度?")
_RATE_HEADER = re.compile(r"率|比例|占比|比重|构成|%|％")
_INDEX_HEADERS = ("序号", "编号", "行次", "栏次", "序")
_CODE_HEADER = re.compile(r"编码|代码|科目编号")
_NUMBERED = re.compile(r"^(\d+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|[①-⑩]|[一二三四五六七八九十]+、)")
# outline levels of a row label: 一、 > （一） > 1、 > （1） > ①; 类 > 款 > 项
_LEVELS = ((re.compile(r"^[一二三四五六七八九十]+[、.．]"), 1), (re.compile(r"^[(（][一二三四五六七八九十]+[)）]"), 2),
           (re.compile(r"^\d+[、.．](?!\d)"), 3), (re.compile(r"^[(（]\d+[)）]"), 4), (re.compile(r"^[①-⑳]"), 5))
_CLASS_SUFFIX = re.compile(r"[(（](类|款|项)[)）]$")
_UNIT = re.compile(r"[(（](亿元|万元|千元|元)|单位[:：](亿元|万元|千元|元)")
_UNIT_LINE = re.compile(r"单位[:：](亿元|万元|千元|元)")
_FIGURE = (NUMBER, BAD, PLACEHOLDER)


@dataclass
class Column:
    col: int
    header: str  # header text over all header rows, normalised, tops first ("比上年增减/金额")
    role: str = AMOUNT
    unit: str = ""  # 万元 / 元 … from the header or the title above the table


@dataclass
class Row:
    row: int
    role: str
    label: str
    figures: dict = field(default_factory=dict)  # col → Reading, figure columns only
    part_of: int | None = None  # index (in GenericTable.rows) of the 其中 parent
    numbered: bool = False
    level: int | None = None  # outline level (1 top) from a 科目编码, 一、/（一）/1、 or （类）/（款）/（项）


@dataclass
class GenericTable:
    sheet: SheetGrid
    header_rows: list
    columns: list
    rows: list
    label_col: int
    title: str = ""
    code_col: int | None = None
    code_cols: tuple = ()  # 科目编码 split over 类 | 款 | 项 columns, left to right

    @property
    def first_row(self) -> int:
        return self.header_rows[0]

    @property
    def last_row(self) -> int:
        return self.rows[-1].row if self.rows else self.header_rows[-1]

    def column(self, col: int) -> Column | None:
        return next((c for c in self.columns if c.col == col), None)

    def figure(self, i: int, col: int) -> Reading | None:
        return self.rows[i].figures.get(col)


# a row label that is a sum by itself (以上累计培训 1829 人; 资金来源 … 共计2352.2万元); 累计结余
# and the like are figures of their own, not sums of the rows above
_SUM_WORDS = ("共计", "累计", "以上累计", "以上合计", "总共计")


def total_kind(text) -> str | None:
    """合计, 总计, 小计, 合计数, 金额合计, …合计 (支出合计, 三公经费合计, 资产总计), 共计, (以上)累计."""
    if not isinstance(text, str) or "计" not in text:
        return None
    t = norm(text).rstrip(":")
    if t in _SUM_WORDS:
        return TOTAL
    if t.endswith("数"):
        t = t[:-1]
    if len(t) > 16:
        return None
    if t.endswith("小计"):
        return SUBTOTAL
    if t.endswith(("合计", "总计")):
        return TOTAL
    return None


def _is_figure(v) -> bool:
    """A number, or a text that reads as one or was meant to (`5407.7539.59元`, `**`);
    a unit alone (批次, 人次) is a word: it heads a column."""
    cls = v.__class__
    if cls is int or cls is float:
        return True
    if cls is not str:
        return False
    r = read_figure(v)
    if r.kind == BAD:
        return any(ch.isdigit() for ch in v)
    return r.kind in (NUMBER, PLACEHOLDER)


def _header_text(v) -> str | None:
    """A cell's text when it can head a column: short, and not a figure (a year is)."""
    if not isinstance(v, str):
        return None
    t = norm(v)
    if not t or len(t) > _MAX_HEADER_LEN:
        return None
    if _YEAR_HEADER.match(t):
        return t
    if _is_figure(v) or read_figure(v).kind == NA:
        return None
    return t


def _texts(row: list) -> tuple[dict, bool]:
    """{col: header text} of a row, and whether it holds a figure (a number or a text
    that reads as one)."""
    texts: dict = {}
    figure = False
    for c, v in enumerate(row):
        if v is None:
            continue
        cls = v.__class__
        if cls is int or cls is float:
            figure = True
            continue
        t = _header_text(v)
        if t is not None:
            texts[c] = t
        elif isinstance(v, str) and v.strip() and _is_figure(v):
            figure = True
    return texts, figure


def _has_figure(row: list) -> bool:
    return any(v is not None and _is_figure(v) for v in row)


def _is_blank(row: list) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def _header_candidate(sheet: SheetGrid, r: int) -> dict | None:
    row = sheet.rows[r]
    strings = 0
    for v in row:  # most rows of most sheets: figures or one label, passed over at once
        cls = v.__class__
        if cls is int or cls is float:
            return None
        if cls is str:
            strings += 1
    if strings < 2:
        return None
    texts, figure = _texts(row)
    texts = {c: t for c, t in texts.items() if not _UNIT_LINE.search(t)}  # 单位：万元 is no column
    if figure or len(texts) < 2:
        return None
    first = min(texts)
    if texts[first].startswith("其中"):
        return None  # a 其中 row label: a header may name 其中 columns (其中：脱贫劳动力), not start with one
    # a 合计 column heads a table (科目 | 合计 | 基本支出 | 项目支出); a 合计 label in the
    # first text column is a total row without figures
    if total_kind(texts[first]) or (any(total_kind(t) for t in texts.values()) and len(texts) < 3):
        return None
    return texts


def find_generic(sheet: SheetGrid, taken: set) -> list[GenericTable]:
    """Every generic table of a sheet outside the rows `taken` by recognised tables."""
    tables: list[GenericTable] = []
    n = sheet.n_rows
    r = 0
    while r < n:
        texts = None if r in taken else _header_candidate(sheet, r)
        if texts is None:
            r += 1
            continue
        found = _tables_at(sheet, r, texts, taken)
        if not found:
            r += 1
            continue
        tables.extend(found)
        r = max(t.last_row for t in found) + 1
    return tables


def _tables_at(sheet: SheetGrid, r: int, texts: dict, taken: set, title: str | None = None) -> list[GenericTable]:
    """The table whose header is row `r` — or the tables side by side there, when a column
    blank from the header down parts them (收入 | 金额 ‖ 支出 | 金额, each with its own totals)."""
    table = _table_at(sheet, r, texts, taken, title)
    if table is None:
        return []
    c = _separator(sheet, table)
    if c is None:
        return [table]
    found: list[GenericTable] = []
    for keep in ((lambda k: k < c), (lambda k: k > c)):
        side = SheetGrid(sheet.name, [[v if keep(k) else None for k, v in enumerate(row)] for row in sheet.rows],
                         sheet.formulas)
        side_texts = _header_candidate(side, r)
        if side_texts is not None:
            found += _tables_at(side, r, side_texts, taken, table.title)
    return found or [table]


def _separator(sheet: SheetGrid, table: GenericTable) -> int | None:
    """A column inside the table with no header text and no value down all its rows, with
    at least two headed columns and a label column of their own on either side."""
    headed = set()
    for h in table.header_rows:
        headed.update(_texts(sheet.rows[h])[0])
    rows = [row.row for row in table.rows if row.role != BLANK_ROW]
    lo, hi = min(headed), max(headed)
    for c in range(lo + 1, hi):
        if c in headed or any(not _is_blank([sheet.value(x, c)]) for x in table.header_rows + rows):
            continue
        if sum(1 for k in headed if k < c) < 2 or sum(1 for k in headed if k > c) < 2:
            continue
        if _labelled(sheet, rows, range(lo, c)) and _labelled(sheet, rows, range(c + 1, hi + 1)):
            return c
    return None


def _labelled(sheet: SheetGrid, rows: list, cols: range) -> bool:
    return any(isinstance(v := sheet.value(x, k), str) and v.strip() and not _is_figure(v)
               for x in rows for k in cols)


def _table_at(sheet: SheetGrid, r: int, texts: dict, taken: set, title: str | None = None) -> GenericTable | None:
    header_rows = [r]
    n = sheet.n_rows
    start = r + 1
    # sub-headers: rows of short texts between the header and the first figure (merged
    # tops: 全年预算数 over 总额 | 财政拨款 | 其他资金; 比上年增减 over 金额 | 增减％)
    while start < n and len(header_rows) < 3 and start not in taken:
        row = sheet.rows[start]
        if _is_blank(row):
            break
        sub, figure = _texts(row)
        if figure or not sub or (len(sub) < 2 and any(total_kind(t) for t in sub.values())):
            break
        header_rows.append(start)
        start += 1
    if start >= n or start in taken or not _has_figure(sheet.rows[start]):
        return None
    headers = _combine(sheet, header_rows)
    rows = _data_rows(sheet, start, header_rows, taken)
    if not any(row.role in (ITEM, TOTAL, SUBTOTAL) for row in rows):
        return None
    title = _title(sheet, r) or title or ""
    label_col = _label_col(sheet, rows, headers)
    columns = _columns(sheet, rows, headers, label_col, title, header_rows)
    code_cols = tuple(sorted(c for c, h in headers.items() if _CODE_HEADER.search(h) or _code_part(h)))
    code_col = code_cols[0] if code_cols else None
    table = GenericTable(sheet, header_rows, columns, rows, label_col, title, code_col,
                         code_cols if len(code_cols) > 1 else ())
    _read(table)
    _roles(table)
    return table


def _combine(sheet: SheetGrid, header_rows: list) -> dict:
    """col → header text over the header rows; a blank top cell with a text below it takes
    the nearest top text to its left (a merged top cell is stored in its first column)."""
    width = max(len(sheet.rows[h]) for h in header_rows)
    combined: dict = {}
    for depth, h in enumerate(header_rows):
        row = sheet.rows[h]
        last_top = None
        for c in range(width):
            t = _header_text(row[c]) if c < len(row) else None
            if depth == 0:
                if t is not None:
                    combined[c] = t
                continue
            above = combined.get(c)
            if above is not None:
                last_top = (c, above)
            if t is None:
                continue
            if above is None and last_top is not None:
                combined[c] = f"{last_top[1].split('/')[0]}/{t}"
            elif above is not None:
                combined[c] = f"{above}/{t}"
                last_top = (c, above)
            else:
                combined[c] = t
    return combined


def _title(sheet: SheetGrid, header: int) -> str:
    """The text above the header: a lone title, and a `单位：万元` line (beside it or below it)."""
    parts: list = []
    for r in range(header - 1, max(-1, header - 3), -1):
        texts = [cell_text(v) for v in sheet.rows[r] if isinstance(v, str) and v.strip()]
        if not texts:
            continue
        unit = [t for t in texts if _UNIT_LINE.search(t)]
        if len(texts) == 1 or unit:
            parts = [texts[0] if len(texts) == 1 else "", *unit] + parts
            if len(texts) == 1 and not unit:
                break
            continue
        break
    return "".join(parts)


def _data_rows(sheet: SheetGrid, start: int, header_rows: list, taken: set) -> list[Row]:
    header_texts: set = set()
    header_cols: dict = {}
    for h in header_rows:
        texts = _texts(sheet.rows[h])[0]
        header_texts.update(texts.values())
        for c, t in texts.items():
            header_cols.setdefault(c, set()).add(t)
    rows: list[Row] = []
    blanks = 0
    n = sheet.n_rows
    r = start
    while r < n and r not in taken:
        row = sheet.rows[r]
        if _is_blank(row):
            blanks += 1
            if blanks >= 2:
                break
            rows.append(Row(r, BLANK_ROW, ""))
            r += 1
            continue
        if _repeats(sheet, r, header_texts, header_cols):
            # the blank and the 续表 title before it are the page break, not a new block
            for prev in reversed(rows):
                if prev.role not in (BLANK_ROW, GROUP, REPEAT):
                    break
                prev.role = REPEAT
            rows.append(Row(r, REPEAT, ""))
            blanks = 0
            r += 1
            continue
        if not _has_figure(row):
            texts = [v for v in row if isinstance(v, str) and v.strip()]
            # a new table's header or title ends this one; a lone heading inside it does not,
            # nor a 续表 title above the header repeated on the next printed page
            continued = any(_repeats(sheet, x, header_texts, header_cols) for x in range(r + 1, min(r + 3, n)))
            if not continued and (_header_candidate(sheet, r) is not None or (blanks and len(texts) == 1)):
                break
            if not any(total_kind(v) for v in texts):
                rows.append(Row(r, GROUP, cell_text(texts[0]) if texts else ""))
                blanks = 0
                r += 1
                continue
        blanks = 0
        rows.append(Row(r, ITEM, ""))
        r += 1
    while rows and rows[-1].role == BLANK_ROW:
        rows.pop()
    return rows


def _repeats(sheet: SheetGrid, r: int, header_texts: set, header_cols: dict | None = None) -> bool:
    """The table's header again (all of it or one of its rows), after a printed page break —
    or in other words over the same columns (项目 | 预算金额 | 执行进度 for 项目名称 | 预算数 |
    执行率), when a 续表 title stands right above it or every text echoes the header's
    text of its column (one holds the other)."""
    if r >= sheet.n_rows:
        return False
    texts, figure = _texts(sheet.rows[r])
    if figure or len(texts) < 2:
        return False
    if set(texts.values()) <= header_texts:
        return True
    if not header_cols or not set(texts) <= set(header_cols):
        return False
    if any(_continued_title(sheet, x) for x in range(r - 1, max(-1, r - 3), -1)):
        return True
    return all(any(t in h or h in t for h in header_cols[c]) for c, t in texts.items())


def _continued_title(sheet: SheetGrid, r: int) -> bool:
    """A lone text saying the table goes on: 续表, 表8（续）, …（续表）."""
    texts = [v for v in sheet.rows[r] if isinstance(v, str) and v.strip()]
    return len(texts) == 1 and "续" in texts[0] and len(cell_text(texts[0])) <= 40


def _label_col(sheet: SheetGrid, rows: list, headers: dict) -> int:
    counts: dict = {}
    for row in rows:
        if row.role != ITEM:
            continue
        for c, v in enumerate(sheet.rows[row.row]):
            if isinstance(v, str) and v.strip() and not _is_figure(v):
                counts[c] = counts.get(c, 0) + 1
    if not counts:
        return min(headers) if headers else 0
    return max(counts, key=lambda c: (counts[c], -c))


def _raw_unit(sheet: SheetGrid, header_rows: list, c: int) -> str:
    """The money unit a column's header cells state (norm drops it from the text)."""
    for h in header_rows:
        v = sheet.value(h, c)
        m = _UNIT.search(v) if isinstance(v, str) else None
        if m:
            return next(g for g in m.groups() if g)
    top = next((sheet.value(header_rows[0], k) for k in range(c, -1, -1)
                if sheet.value(header_rows[0], k) is not None), None)
    m = _UNIT.search(top) if isinstance(top, str) and len(header_rows) > 1 else None
    return next(g for g in m.groups() if g) if m else ""


def _columns(sheet: SheetGrid, rows: list, headers: dict, label_col: int, title: str,
             header_rows: list) -> list[Column]:
    title_unit = _UNIT.search(title)
    columns = []
    for c, header in sorted(headers.items()):
        if c == label_col:
            continue
        cells = [sheet.value(row.row, c) for row in rows if row.role == ITEM]
        readings = [read_figure(v) for v in cells if v is not None and _is_figure(v)]
        figures = readings
        texts = [v for v in cells if isinstance(v, str) and v.strip() and not _is_figure(v)
                 and read_figure(v).kind != NA]
        if not figures or len(texts) > len(figures):
            continue  # 说明, 备注, 项目名称: text columns
        base = header.split("/")[-1]
        if any(base == h or base.startswith(h) for h in _INDEX_HEADERS) or _CODE_HEADER.search(header) \
                or _code_part(header):
            continue
        numbers = [x for x in figures if x.kind == NUMBER]
        percent = sum(1 for x in numbers if x.is_percent)
        role = RATE if _RATE_HEADER.search(header) or (numbers and percent * 2 >= len(numbers)) else AMOUNT
        unit = _raw_unit(sheet, header_rows, c) or (next(g for g in title_unit.groups() if g) if title_unit else "")
        columns.append(Column(c, header, role, unit))
    return columns


def _read(table: GenericTable) -> None:
    s = table.sheet
    cols = [c.col for c in table.columns]
    for row in table.rows:
        if row.role in (BLANK_ROW, REPEAT):
            continue
        values = s.rows[row.row]
        label = ""
        kind = None
        for c, v in enumerate(values):
            if not isinstance(v, str) or not v.strip():
                continue
            k = total_kind(v)
            if k and kind is None:
                kind, label = k, cell_text(v)
            if c == table.label_col and not label:
                label = cell_text(v)
        if not label:
            label = next((cell_text(v) for c, v in enumerate(values)
                          if isinstance(v, str) and v.strip() and c not in cols), "")
        row.label = label
        if kind and row.role == ITEM:
            row.role = kind
        row.figures = {c: read_figure(values[c] if c < len(values) else None) for c in cols}
        row.numbered = bool(_NUMBERED.match(label.removeprefix("其中").lstrip(":：")))
        if table.code_cols:
            row.level = _split_level(label, [values[c] if c < len(values) else None for c in table.code_cols])
        else:
            row.level = _level(label, values[table.code_col] if table.code_col is not None
                               and table.code_col < len(values) else None)


def _code_part(header: str) -> bool:
    """A 科目编码 split over columns headed 类 | 款 | 项 (under 科目编码, or alone)."""
    return header.split("/")[-1] in ("类", "款", "项")


def _split_level(label: str, codes: list) -> int | None:
    """The level of a row whose 科目编码 is split over 类 | 款 | 项: its deepest filled column
    (205 | 09 | 99 is a 项; 205 | 09 | □ a 款; □ | □ | 99, the 类 and 款 left to the rows
    above, a 项 too)."""
    filled = [k for k, v in enumerate(codes) if v is not None and str(v).strip()]
    return filled[-1] + 1 if filled else _level(label, None)


def _level(label: str, code) -> int | None:
    if code is not None and not isinstance(code, bool):
        text = str(int(code)) if isinstance(code, float) and code.is_integer() else str(code).strip()
        if text.isdigit() and len(text) in (3, 5, 7):
            return (len(text) - 1) // 2
    m = _CLASS_SUFFIX.search(label)
    if m:
        return "类款项".index(m.group(1)) + 1
    for pattern, level in _LEVELS:
        if pattern.match(label):
            return level
    return None


def _roles(table: GenericTable) -> None:
    """其中 parts: a `其中` row and the unnumbered rows after it, while they add up to no
    more than their parent (the row above the 其中) — the next item or total closes it."""
    amounts = [c.col for c in table.columns if c.role == AMOUNT]
    parent = None
    sums: dict = {}
    numbered_parts = False
    for i, row in enumerate(table.rows):
        if row.role != ITEM:
            parent, sums = (i if row.role in (TOTAL, SUBTOTAL) else None), {}
            continue
        if norm(row.label).startswith("其中") and parent is not None:
            row.part_of = parent
            sums = _values(row, amounts)
            numbered_parts = row.numbered
            continue
        prev = table.rows[i - 1] if i else None
        if prev is not None and prev.part_of is not None and (numbered_parts or not row.numbered):
            cand = {c: sums.get(c, 0) + v for c, v in _values(row, amounts).items()}
            top = _values(table.rows[prev.part_of], amounts)
            fits = all(cand[c] <= top[c] for c in cand if c in top) or not top
            if numbered_parts or fits:
                row.part_of = prev.part_of
                sums = cand
                continue
        parent, sums = i, {}


def _values(row: Row, cols: list) -> dict:
    out = {}
    for c in cols:
        r = row.figures.get(c)
        if r is not None and r.kind == NUMBER:
            out[c] = r.value
    return out


__all__ = ["find_generic", "GenericTable", "Column", "Row", "total_kind", "ITEM", "TOTAL", "SUBTOTAL",
           "GROUP", "REPEAT", "BLANK_ROW", "AMOUNT", "RATE", "BLANK"]
