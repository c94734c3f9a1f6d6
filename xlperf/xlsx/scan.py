"""One pass over a worksheet's XML bytes: which cells hold a formula, how many cells
there are and how far they reach. No XML tree is built (a reviewer reads thousands of
files); the limits are checked while scanning, before calamine allocates its grid
(calamine makes a dense grid from A1 to the last cell, so one cell at XFD1048576 would
ask for 17 billion).

Fast path: every writer we know puts `r` first on <c> and the formula first inside it
(CT_Cell is f, v, is), so one regex per piece finds each cell and whether `<f` opens
it. Anything else (cells without `r`, odd attribute order or quoting, another prefix)
shows up as a count mismatch, and the part is scanned again token by token.

The limits count what is there, not what is declared: cells that hold something, and
the area from A1 to the farthest of them (what calamine allocates). `<dimension>` and
empty cells (formatting only, which calamine leaves out) cost nothing: LibreOffice
declares A1:XFD1048576 and Excel styles whole columns. For the limits the scan errs on
the side of seeing too much: cell tags are counted with any namespace prefix, inside comments or CDATA too, and to the end of the part
(a fake `</sheetData>` inside CDATA must not end the count early).

It also adds up the shared-string text the cells reference: calamine copies a shared
string into every cell that points at it, so one 5 MB string referenced by 300 cells
becomes 1.5 GB in memory from a 4 MB file. A `t="s"` cell whose index the simple
pattern does not find is counted at the longest string's length (too much, never too
little).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import LimitExceeded, UnreadableWorkbook
from ..grid import col_index

_ROOT = re.compile(rb"<(?![?!])([A-Za-z_][\w.-]*:)?worksheet[\s>/]")
# Every cell start tag, in two cheap passes (a pattern that begins with a literal is
# searched for that literal; one with an optional prefix is tried at every '<'): those
# without a prefix, and ':c' that may end one with a prefix. The second over-counts
# (':c ' in text), which only sends the part to the token walk.
_PLAIN_CELL = re.compile(rb"<c[\s>/]")
_PREFIXED_CELL = re.compile(rb":c[\s>/]")
_TOKEN = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(row|c|f|v|is)(?=[\s>/])([^>]*)>")
_REF = re.compile(rb"""\br\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d{1,7})["']""")
_ROW_R = re.compile(rb"""\br\s*=\s*["'](\d{1,7})["']""")
_HEAD_MAX = 16 << 20  # bytes searched for <sheetData> before calling the part broken
_S_TYPE = re.compile(rb"""\bt\s*=\s*["']s["']""")
_S_INDEX = re.compile(
    rb"""\bt\s*=\s*["']s["'][^>]*>\s*<(?:[A-Za-z_][\w.-]*:)?v>\s*(\d{1,10})\s*<""")
# How Excel, WPS and LibreOffice all write it: a literal to search for, many times faster
# than the patterns above (which have none); used when every t="s" is spelled this way
_S_LITERAL = b' t="s"'
_S_INDEX_LITERAL = re.compile(rb' t="s"[^>]*><v>(\d{1,10})</v>')


@dataclass(frozen=True)
class SheetScan:
    formulas: frozenset  # {(row, col)} 0-based
    cells: int
    max_row: int  # -1 when the sheet has no cells
    max_col: int
    xml_bytes: int = 0  # inflated size of the part
    shared_bytes: int = 0  # shared-string text its cells reference (upper bound)
    # cells and reach count only cells holding something (the token walk); the quick
    # pass counts empty styled cells too (never less than what is there)
    exact: bool = False


class _Slow(Exception):
    """The fast path met XML it does not model; scan the part token by token."""


@dataclass(frozen=True)
class _Pat:
    cell: re.Pattern  # fast: (col, row, formula-opening?)
    f_token: re.Pattern
    open_data: bytes
    cut_marks: tuple  # where a piece may end: before a cell or a row


@lru_cache(maxsize=8)
def _patterns(prefix: bytes) -> _Pat:
    p = re.escape(prefix)
    return _Pat(
        cell=re.compile(rb'<' + p + rb'c r="([A-Z]{1,3})(\d{1,7})"[^>]*>(\s*<' + p + rb'f[\s>/])?'),
        f_token=re.compile(rb"<" + p + rb"f[\s>/]"),
        open_data=b"<" + prefix + b"sheetData",
        cut_marks=(b"<" + prefix + b"c ", b"<" + prefix + b"row"),
    )


def sheet_limit(label: str, n: int, max_cells: int) -> LimitExceeded:
    return LimitExceeded(
        f"{label}的已用区域达 {n} 个单元格，超过 {max_cells} 上限（可用环境变量 XLPERF_MAX_CELLS 调高）")


def book_limit(max_cells: int) -> LimitExceeded:
    return LimitExceeded(
        f"工作簿各表的已用区域合计超过 {max_cells} 个单元格上限（可用环境变量 XLPERF_MAX_CELLS 调高）")


def scan_sheet(open_chunks, label: str, max_cells: int, shared=(), walk: bool = False) -> SheetScan:
    """`open_chunks()` yields the part's bytes (guarded by Package.chunks); it is called a
    second time only when the fast path gives up. `shared[i]` is the size of shared
    string i (see reader.shared_string_sizes). `walk`: straight to the exact token walk."""
    for cls in (_Walk,) if walk else (_Fast, _Walk):
        state = cls(label, max_cells, shared)
        raw = open_chunks()
        try:
            return _scan(_counted(raw, state), label, max_cells, state)
        except _Slow:
            continue
        finally:
            getattr(raw, "close", lambda: None)()  # release the zip stream now
    raise AssertionError("the token walk never gives up")


def _scan(chunks, label: str, max_cells: int, state) -> SheetScan:
    it = iter(chunks)
    buf, pat, start = b"", None, -1
    for chunk in it:
        buf += chunk
        if pat is None:
            m = _ROOT.search(buf)
            if m:
                pat = _patterns(m.group(1) or b"")
        if pat is not None:
            start = buf.find(pat.open_data)
            if start >= 0:
                break
        if len(buf) > _HEAD_MAX:
            raise UnreadableWorkbook(f"文件已损坏：{label}的结构异常（找不到单元格数据）")
    if pat is None or start < 0:
        for _ in it:  # drain, so xml_bytes is the whole part
            pass
        return SheetScan(frozenset(), 0, -1, -1, state.xml_bytes, exact=True)

    carry = buf[start:]
    for chunk in it:
        data = carry + chunk
        # cut before the last cell (or row) start, so each cell's start tag and its
        # first child stay in one piece; tags never contain '<', so any '<' will do
        # when a piece holds no cell start
        cut = max(data.rfind(m) for m in pat.cut_marks)
        if cut <= 0:
            cut = data.rfind(b"<")
        if cut <= 0:
            carry = data
            continue
        state.feed(pat, data[:cut])
        state.shared.feed(data[:cut])
        carry = data[cut:]
    state.feed(pat, carry)
    state.shared.feed(carry)
    return state.result()


class _Fast:
    def __init__(self, label: str, max_cells: int, shared=()):
        self.label, self.max_cells = label, max_cells
        self.shared = _SharedText(shared)
        self.xml_bytes = 0
        self.formulas: set = set()
        self.cells = 0
        self.max_row = self.max_col = -1

    @staticmethod
    @lru_cache(maxsize=1024)  # the same few columns in every sheet of every workbook
    def _col(letters: bytes) -> int:
        return col_index(letters.decode())

    def feed(self, pat: _Pat, data: bytes) -> None:
        found = pat.cell.findall(data)
        if len(found) != len(_PLAIN_CELL.findall(data)) + len(_PREFIXED_CELL.findall(data)):
            raise _Slow
        if not found:
            if pat.f_token.search(data):
                raise _Slow
            return
        col = self._col
        formulas = [(int(r) - 1, col(c)) for c, r, f in found if f]
        if len(formulas) != len(pat.f_token.findall(data)):
            raise _Slow
        self.formulas.update(formulas)
        self.cells += len(found)
        self.max_row = max(self.max_row, max(map(int, {r for _, r, _ in found})) - 1)
        self.max_col = max(self.max_col, max(map(col, {c for c, _, _ in found})))
        if _over(self):
            # empty cells count here; the token walk tells them apart (formatting
            # only, as calamine sees them) and refuses only what is really there
            raise _Slow

    def result(self) -> SheetScan:
        return SheetScan(frozenset(self.formulas), self.cells, self.max_row, self.max_col,
                         self.xml_bytes, self.shared.total, isinstance(self, _Walk))


class _Walk(_Fast):
    """Token by token, with the implicit positions OOXML allows when `r` is missing."""

    def __init__(self, label: str, max_cells: int, shared=()):
        super().__init__(label, max_cells, shared)
        self.row, self.col, self.cell = -1, -1, None
        self.counted: tuple | None = None  # the last cell counted (one per cell)

    def feed(self, pat: _Pat, data: bytes) -> None:
        formulas = self.formulas
        for m in _TOKEN.finditer(data):
            closing, name, attrs = m.groups()
            if name == b"c":
                self.cell = None
                if closing:
                    continue
                r = _REF.search(attrs)
                if r:
                    self.col = self._col(r.group(1).upper())
                    self.row = int(r.group(2)) - 1
                else:  # a cell without r follows its left neighbour
                    self.col += 1
                if not attrs.endswith(b"/"):  # a self-closing cell is formatting only
                    self.cell = (self.row, self.col)
            elif name != b"row":  # f, v, is: the open cell holds something
                if closing or self.cell is None:
                    continue
                if name == b"f":
                    formulas.add(self.cell)
                if self.cell != self.counted:
                    self.counted = self.cell
                    self.cells += 1
                    if self.col > self.max_col or self.row > self.max_row:
                        self.max_col = max(self.col, self.max_col)
                        self.max_row = max(self.row, self.max_row)
                        _check(self)
            elif not closing:  # row
                self.cell = None
                r = _ROW_R.search(attrs)
                self.row = int(r.group(1)) - 1 if r else self.row + 1
                self.col = -1
        _check(self)


def _counted(chunks, state):
    """The part's chunks, adding their size to state.xml_bytes on the way."""
    for chunk in chunks:
        state.xml_bytes += len(chunk)
        yield chunk


class _SharedText:
    """Bytes of shared-string text referenced by the cells fed so far."""

    def __init__(self, sizes):
        self.sizes = sizes
        self.n = len(sizes)
        self.longest = max(sizes, default=0)
        self.total = 0

    def feed(self, data: bytes) -> None:
        if not self.n:
            return  # no shared strings: an index points at nothing calamine copies
        typed = data.count(_S_LITERAL)
        # every spelling of t="s" holds "s" or 's': as many of those as literal matches
        # means no other spelling (another attribute valued "s" only sends it the slow way)
        if typed == data.count(b'"s"') + data.count(b"'s'"):
            if not typed:
                return
            found = _S_INDEX_LITERAL.findall(data)
            if len(found) != typed:  # a value spelled otherwise (spaces, a prefix)
                found = _S_INDEX.findall(data)
        else:
            typed = len(_S_TYPE.findall(data))
            if not typed:
                return
            found = _S_INDEX.findall(data)
        sizes, n = self.sizes, self.n
        found = [int(i) for i in found]
        self.total += sum(sizes[i] for i in found if i < n)
        self.total += (typed - len(found)) * self.longest


def _over(st) -> bool:
    return st.cells > st.max_cells or (st.max_row + 1) * (st.max_col + 1) > st.max_cells


def _check(st) -> None:
    if _over(st):
        raise sheet_limit(st.label, max((st.max_row + 1) * (st.max_col + 1), st.cells), st.max_cells)
