"""新增项目表 on a workbook without project sheets (`xlperf new --projects 0`): the button
builds the template's blank project sheet through the Book API of xlwings' remote engine
(what xlwings Server and Lite hand a script), and the sheet the client ends with is the
one `xlperf add-project` inserts: the same place, values, formulas, merges, number
formats, fills, bold text and column widths. The Office.js client is tests/officejs.py."""
from __future__ import annotations

import copy
import os
import shutil

import pytest
from officejs import Replay, book_payload
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from xlperf import layout as L
from xlperf.actions import add_project as cli_add_project
from xlperf.actions import new_workbook

pytestmark = [
    pytest.mark.xlwings_remote,
    pytest.mark.skipif(not os.environ.get("XLWINGS_LICENSE_KEY"),
                       reason="xlwings' remote engine needs XLWINGS_LICENSE_KEY "
                              "(noncommercial is enough for tests)"),
]

NAME = "高校毕业生“三支一扶”计划"


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """(the client's workbook after the button, its actions, the CLI's sheet, its name)."""
    import xlwings as xw

    from udfs import add_project

    tmp = tmp_path_factory.mktemp("blank")
    path = tmp / "无项目.xlsx"
    new_workbook(path, dept="某县人社局", region="某县", year=2024, projects=0)
    payload = book_payload(path)
    book = xw.Book(json=copy.deepcopy(payload))
    new_name = add_project(book, NAME)
    actions = book.json()["actions"]
    replay = Replay(payload).run(actions)
    cli_path = tmp / "cli.xlsx"
    shutil.copy(path, cli_path)
    assert cli_add_project(cli_path, NAME) == new_name
    return replay, actions, load_workbook(cli_path)[new_name], new_name, cli_path


def _cells(ws):
    return {(c.row - 1, c.column - 1): c for row in ws.iter_rows() for c in row}


def _covers(replay, name, func, r, c, prop=None):
    """The args of the last `func` action on sheet `name` covering 0-based (r, c) (for
    setFontProperty, of the font property `prop`)."""
    found = None
    for (r0, c0, nr, nc), args in replay.formats.get((name, func), []):
        if r0 <= r < r0 + nr and c0 <= c < c0 + nc and (prop is None or args[0] == prop):
            found = args
    return found


def test_the_sheet_goes_where_the_cli_puts_it(pair):
    replay, actions, _, new_name, cli_path = pair
    assert replay.names == load_workbook(cli_path, read_only=True).sheetnames
    assert replay.names.index(new_name) == replay.names.index(L.SHEET_OVERALL) + 1
    assert "copySheet" not in replay.calls and replay.calls["addSheet"] == 1
    assert replay.alerts == [f"已新增工作表“{new_name}”，请填写黄色单元格后点“刷新评分”。"]


def test_values_and_formulas_are_the_clis(pair):
    replay, _, ws, new_name, _ = pair
    got = replay.sheet(new_name)
    cli = {k: c.value for k, c in _cells(ws).items() if c.value not in (None, "")}
    assert sum(isinstance(v, str) and v.startswith("=") for v in cli.values()) >= 5
    assert set(got) == set(cli)
    for key, want in cli.items():
        have = got[key]
        if isinstance(want, (int, float)) and not isinstance(want, bool):
            assert float(have) == float(want), key
        else:
            assert have == want, key
    assert NAME in {v for v in cli.values() if isinstance(v, str)}


def test_merges_formats_fills_fonts_and_widths_are_the_clis(pair):
    replay, _, ws, new_name, _ = pair
    merges = {(r0, c0, nr, nc) for (r0, c0, nr, nc), _ in replay.formats[(new_name, "rangeMerge")]}
    want = set()
    for m in ws.merged_cells.ranges:
        c1, r1, c2, r2 = range_boundaries(m.coord)
        want.add((r1 - 1, c1 - 1, r2 - r1 + 1, c2 - c1 + 1))
    assert want and merges == want
    checked = 0
    for (r, c), cell in _cells(ws).items():
        fmt = _covers(replay, new_name, "setNumberFormat", r, c)
        assert (fmt[0] if fmt else "General") == cell.number_format, (r, c)
        fill = _covers(replay, new_name, "setRangeColor", r, c)
        solid = cell.fill.fill_type == "solid"
        assert (fill[0].upper() if fill else None) == ("#" + cell.fill.fgColor.rgb[-6:] if solid else None), (r, c)
        bold = _covers(replay, new_name, "setFontProperty", r, c, "bold")
        assert bool(bold and bold[1]) == bool(cell.font.b), (r, c)
        size = _covers(replay, new_name, "setFontProperty", r, c, "size")
        assert (size[1] if size else 11) == float(cell.font.sz or 11), (r, c)
        wrap = _covers(replay, new_name, "setWrapText", r, c)
        assert bool(wrap and wrap[0]) == bool(cell.alignment.wrap_text), (r, c)
        checked += bool(fmt) + bool(fill) + bool(bold)
    assert checked > 50
    widths = replay.formats[(new_name, "setColumnWidth")]
    for dim in ws.column_dimensions.values():
        if dim.width:
            at = [args[0] for (_, c0, _, nc), args in widths if c0 <= dim.min - 1 < c0 + nc]
            assert at and at[-1] == pytest.approx(dim.width * 5.25 + 3.75), get_column_letter(dim.min)

