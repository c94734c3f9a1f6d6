"""The xlwings Book adapter without xlwings' remote engine (no licence key needed): how
planned values are handed to Excel and grouped, how a classic (COM) book's formulas are
read, and that nothing raises into Excel."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from fixtures.xlsx import rows_by_name

from udfs import refresh_scores
from udfs.book import apply_plan, blocks, excel_value, normalise, read_book
from xlperf.actions import new_workbook, read
from xlperf.engine import REFRESH, build_plan
from xlperf.grid import a1
from xlperf.plan import CellWrite, Plan
from xlperf.tables.find import FUNDS, find_tables
from xlperf.xlsx import read_formulas

OVERALL = "附件2 整体支出自评表"


# ---- a classic Excel book, as xlwings' COM engine shows it ------------------------------
class _Range:
    def __init__(self, sheet, r0, c0, r1, c1):
        self.sheet, self.r0, self.c0, self.r1, self.c1 = sheet, r0, c0, r1, c1

    @property
    def shape(self):
        return self.r1 - self.r0 + 1, self.c1 - self.c0 + 1

    @property
    def row(self):
        return self.r0 + 1

    @property
    def column(self):
        return self.c0 + 1

    def options(self, **_):
        return self

    @property
    def value(self):
        return [[self.sheet.cells.get((r, c)) for c in range(self.c0, self.c1 + 1)]
                for r in range(self.r0, self.r1 + 1)]

    @value.setter
    def value(self, rows):
        self.sheet.calls += 1
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                key = (self.r0 + i, self.c0 + j)
                if v is None:
                    self.sheet.cells.pop(key, None)
                else:  # Excel drops the text prefix
                    self.sheet.cells[key] = v[1:] if isinstance(v, str) and v[:1] == "'" else v
                self.sheet.formulas.discard(key)

    @property
    def formula(self):
        """COM's Range.Formula: the formula text, else the value as text ("" if empty)."""
        def text(r, c):
            if (r, c) in self.sheet.formulas:
                return "=F()"
            v = self.sheet.cells.get((r, c))
            return "" if v is None else str(v)
        return tuple(tuple(text(r, c) for c in range(self.c0, self.c1 + 1))
                     for r in range(self.r0, self.r1 + 1))

    @property
    def note(self):
        text = self.sheet.notes.get((self.r0, self.c0))
        return None if text is None else _Note(self.sheet, (self.r0, self.c0))

    def add_note(self, text):
        self.sheet.notes[(self.r0, self.c0)] = text

    @property
    def row_height(self):
        return self.sheet.heights.get(self.r0)

    @row_height.setter
    def row_height(self, value):  # COM's Range.RowHeight: every row of the range
        for r in range(self.r0, self.r1 + 1):
            self.sheet.heights[r] = value


class _Note:
    def __init__(self, sheet, key):
        self.sheet, self.key = sheet, key

    @property
    def text(self):
        return self.sheet.notes[self.key]

    @text.setter
    def text(self, value):
        self.sheet.notes[self.key] = value

    def delete(self):
        del self.sheet.notes[self.key]


class _Sheet:
    def __init__(self, name, rows, formulas):
        self.name = name
        self.cells = {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row)
                      if v is not None}
        self.formulas = set(formulas)
        self.notes: dict = {}
        self.heights: dict = {}
        self.calls = 0

    @property
    def used_range(self):
        keys = list(self.cells) + list(self.formulas) or [(0, 0)]
        return _Range(self, 0, 0, max(r for r, _ in keys), max(c for _, c in keys))

    def range(self, cell, last=None):
        r, c = cell
        r1, c1 = last or cell
        return _Range(self, r - 1, c - 1, r1 - 1, c1 - 1)


class _Sheets(list):
    def __getitem__(self, key):
        if isinstance(key, str):
            return next(s for s in self if s.name == key)
        return list.__getitem__(self, key)

    def add(self, name, after=None):
        self.append(_Sheet(name, [], ()))


class ClassicBook:
    class app:
        class engine:
            name = "excel"
        screen_updating = True
        said: list = []

        @classmethod
        def alert(cls, message, title=None):
            cls.said.append(message)

    def __init__(self, path):
        grid = read(path)
        formulas = read_formulas(path)
        self.name = path.name
        self.sheets = _Sheets(_Sheet(s.name, s.rows, formulas[s.name]) for s in grid.sheets)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("classic") / "示例.xlsx"
    from xlperf.example import example_department
    new_workbook(path, data=example_department())
    return path


def test_classic_book_reads_formulas_and_finds_an_overwritten_one(demo):
    book = ClassicBook(demo)
    grid = read_book(book)
    assert {s.name: s.formulas for s in grid.sheets} == read_formulas(demo)
    # a person typed a number over the template's 执行率 formula
    funds = next(t for t in find_tables(grid.sheet(OVERALL)) if t.kind == FUNDS)
    row = funds.rows[0]
    sheet = book.sheets[OVERALL]
    sheet.formulas.discard((row, funds.cols["rate"]))
    sheet.cells[(row, funds.cols["rate"])] = 0.5
    plan = build_plan(read_book(book), mode=REFRESH)
    found = [f for f in plan.findings if f.code == "FORMULA_OVERWRITTEN"]
    cell = (OVERALL, row, funds.cols["rate"])
    assert [(f.sheet, f.cell) for f in found] == [(OVERALL, a1(*cell[1:]))]
    write = next(w for w in plan.writes if (w.sheet, w.row, w.col) == cell)
    assert write.formula_cell is False  # the typed number is replaced by the computed rate
    # the remote engines cannot tell: values only, so no such finding there
    remote = read_book(book)
    for s in remote.sheets:
        s.formulas = None
    codes = {f.code for f in build_plan(remote, mode=REFRESH).findings}
    assert "FORMULA_OVERWRITTEN" not in codes


def test_refresh_on_a_classic_book_writes_values_notes_and_leaves_formulas(demo, tmp_path):
    from xlperf.xlsx import apply_plan as apply_to_file

    path = tmp_path / "改过.xlsx"
    path.write_bytes(demo.read_bytes())
    sheet = read(path).sheet(OVERALL)
    row = rows_by_name(sheet)["职业技能培训人次"]
    apply_to_file(path, Plan([CellWrite(OVERALL, row, 6, "5700人次"),
                              CellWrite(OVERALL, row, 8, None)]))
    book = ClassicBook(path)
    formulas_before = {s.name: set(s.formulas) for s in book.sheets}
    plan = refresh_scores(book)
    assert plan is not None and plan.writes
    for s in book.sheets:
        assert s.formulas == formulas_before[s.name]  # not one formula overwritten
    assert book.sheets[OVERALL].cells[(row, 8)] == 4.75  # 5700 of 6000 × 5
    notes = {(s.name, k): v for s in book.sheets for k, v in s.notes.items()}
    texts = {(s.name, k): v for s in book.sheets for k, v in s.cells.items()
             if isinstance(v, str) and v.startswith(("【错误】", "【警告】", "【提示】"))}
    assert notes == texts and notes
    # a second press writes nothing (this stand-in does not recalculate, so the formula
    # caches stay stale: those writes are planned and, as always, left to Excel)
    calls, notes_before = sum(s.calls for s in book.sheets), dict(notes)
    again = refresh_scores(book)
    assert all(w.formula_cell for w in again.writes)
    assert sum(s.calls for s in book.sheets) == calls
    assert {(s.name, k): v for s in book.sheets for k, v in s.notes.items()} == notes_before
    assert ClassicBook.app.said[-1].startswith("已刷新：")


# ---- values across the boundary --------------------------------------------------------
def test_values_handed_to_excel():
    assert excel_value(Decimal("9.89")) == 9.89 and isinstance(excel_value(Decimal(5)), float)
    assert excel_value(None) is None and excel_value("") is None
    # text keeps Excel from reading it as a number, a percentage, a date or a formula
    for text in ("96%", "2024-1-5", "=SUM(A1)", "-3", "'已转义", "【错误】合计不符"):
        assert excel_value(text) == "'" + text
    assert excel_value(True) is True


def test_values_read_from_excel():
    assert normalise("") is None and normalise(None) is None
    assert normalise(10) == 10.0 and isinstance(normalise(10), float)
    assert normalise(True) is True
    assert normalise(dt.datetime(2024, 1, 5)) == dt.date(2024, 1, 5)
    assert normalise(dt.datetime(2024, 1, 5, 8, 30)) == dt.datetime(2024, 1, 5, 8, 30)
    assert normalise("文字") == "文字"


def test_blocks_cover_exactly_the_written_cells():
    cells = {(0, 0): 1, (0, 1): 2, (1, 0): 3, (1, 1): 4, (2, 0): 5, (2, 2): 6, (4, 0): 7, (4, 1): 8,
             (5, 1): 9}
    got = blocks(cells)
    assert got == [(0, 0, [[1, 2], [3, 4]]), (2, 0, [[5]]), (2, 2, [[6]]), (4, 0, [[7, 8]]),
                   (5, 1, [[9]])]
    covered = {(r0 + i, c0 + j): v for r0, c0, rows in got
               for i, row in enumerate(rows) for j, v in enumerate(row)}
    assert covered == cells


def test_new_sheets_are_added_last(demo):
    book = ClassicBook(demo)
    book.sheets.pop(next(i for i, s in enumerate(book.sheets) if s.name == "校验结果"))
    done = apply_plan(book, Plan([CellWrite("校验结果", 0, 0, "校验结果")], new_sheets=["校验结果"]))
    assert done.sheets_added == ["校验结果"] and book.sheets[-1].name == "校验结果"
    assert book.sheets[-1].cells == {(0, 0): "校验结果"}


# ---- never raising into Excel --------------------------------------------------------
def test_problems_are_told_not_raised():
    class Broken:  # a book whose sheets cannot be read (a COM call failing)
        name = "坏.xlsx"

        @property
        def sheets(self):
            raise RuntimeError("COM 调用失败")

        class app:
            said: list = []

            @classmethod
            def alert(cls, message, title=None):
                cls.said.append(message)

    assert refresh_scores(Broken()) is None
    assert Broken.app.said[0].startswith("刷新评分出错：RuntimeError: COM 调用失败")


def test_called_outside_excel_is_quiet(capsys):
    assert refresh_scores() is None  # Book.caller() fails: nobody to show a box to
    assert "找不到调用的工作簿" in capsys.readouterr().err
