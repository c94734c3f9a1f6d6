"""Row heights and the page fit the refresh decides (xlperf.engine.rowfit), applied alike
by the file adapter and by the button: the rows of the form's tables fit their text,
merged or not, grow and shrink back to the layout's least height; rows outside the form
keep the height a person gave them; refreshing twice changes no byte. The same through
LibreOffice, typed and printed: tests/test_print_fit.py."""
from __future__ import annotations

import copy
import os
import re
import shutil

import pytest

from xlperf import layout as L
from xlperf.actions import new_workbook, read, refresh_file
from xlperf.engine import build_plan
from xlperf.example import example_department
from xlperf.plan import CellWrite, Plan
from xlperf.tables.find import INDICATORS, TASKS, find_tables
from xlperf.xlsx import apply_plan
from xlperf.xlsx.package import Package

PROJECT = "项目-项目1"
GOAL = "".join(f"{i}.围绕城乡居民基本养老保险全覆盖目标，按时足额代缴困难群体最低缴费档次保费，确保应保尽保；"
               for i in range(1, 6))


def _rows(path, sheet: str) -> dict[int, dict]:
    """0-based row → its <row> attributes as stored."""
    with Package(path) as pkg:
        xml = pkg.read(pkg.sheet(sheet).part).decode()
    return {int(m.group(1)) - 1: dict(re.findall(r'(\w+)="([^"]*)"', m.group(0)))
            for m in re.finditer(r'<row r="(\d+)"[^>]*>', xml)}


def _height(path, sheet: str, row: int) -> float:
    return float(_rows(path, sheet)[row]["ht"])


def _page_fit(path, sheet: str) -> int:
    with Package(path) as pkg:
        xml = pkg.read(pkg.sheet(sheet).part).decode()
    return int(re.search(r'<pageSetup [^>]*?fitToHeight="(\d+)"', xml).group(1))


def _goal_row(path) -> int:
    rows = read(path).sheet(PROJECT).rows
    return next(r for r, v in enumerate(rows) if v and v[0] == L.GOAL.column("label").header) + 1


def _type(path, *writes) -> None:
    """Cells typed as a person would (the zip-level writer: every other byte kept)."""
    apply_plan(path, Plan(list(writes)))


@pytest.fixture
def blank(tmp_path):
    path = tmp_path / "新建.xlsx"
    new_workbook(path, projects=1)
    return path


def test_a_merged_text_grows_its_row_and_shrinks_it_back(blank):
    goal = _goal_row(blank)
    col = L.GOAL.start("expected") - 1
    assert _height(blank, PROJECT, goal) == L.GOAL.min_height
    _type(blank, CellWrite(PROJECT, goal, col, GOAL))
    refresh_file(blank)
    width = sum(L.SELFEVAL_WIDTHS[col:col + L.GOAL.column("expected").span])
    row = _rows(blank, PROJECT)[goal]
    assert float(row["ht"]) == round(L.text_height(GOAL, width), 1) > 100
    assert row.get("customHeight") == "1"  # merged: Excel would not grow it, so it stays fixed
    once = blank.read_bytes()
    refresh_file(blank)
    assert blank.read_bytes() == once  # refresh twice: not one byte changes

    _type(blank, CellWrite(PROJECT, goal, col, "按时足额代缴"))
    refresh_file(blank)
    assert _height(blank, PROJECT, goal) == L.GOAL.min_height  # never below the form's own


def test_a_row_grown_for_a_note_shrinks_when_the_note_goes(blank):
    sheet = read(blank).sheet(PROJECT)
    t = next(t for t in find_tables(sheet) if t.kind == INDICATORS)
    r = t.header_row + 1
    base = _height(blank, PROJECT, r)
    # a target exceeded by far: the refresh writes a long 校验说明 (OVER_TARGET)
    _type(blank, CellWrite(PROJECT, r, t.cols["level3"], "代缴人数"),
          CellWrite(PROJECT, r, t.cols["target"], "≥100人"), CellWrite(PROJECT, r, t.cols["actual"], "300人"),
          CellWrite(PROJECT, r, t.cols["weight"], 10))
    refresh_file(blank)
    note = read(blank).sheet(PROJECT).value(r, t.cols["note"])
    assert note and "120%" in note
    grown = _height(blank, PROJECT, r)
    assert grown == round(L.text_height(note, L.NOTE_WIDTH), 1) > base
    _type(blank, CellWrite(PROJECT, r, t.cols["actual"], "100人"))
    refresh_file(blank)
    left = read(blank).sheet(PROJECT).value(r, t.cols["note"])  # the group's 分值 sum stays
    assert left and "120%" not in left
    assert _height(blank, PROJECT, r) == round(max(base, L.text_height(left, L.NOTE_WIDTH)), 1) < grown


def test_a_height_set_outside_the_form_is_left_alone(blank, tmp_path):
    """A row under the footer and the title row, given heights by hand, keep them; a row
    of the form given one by hand gets the height its text needs again."""
    rows = _rows(blank, PROJECT)
    last = max(rows)
    goal = _goal_row(blank)
    with Package(blank) as pkg:
        part = pkg.sheet(PROJECT).part
        xml = pkg.read(part).decode()
    for row, height in ((1, 44), (goal + 1, 90)):
        xml = re.sub(rf'(<row r="{row}"[^>]*?)ht="[\d.]+"', rf'\g<1>ht="{height}"', xml)
    xml = xml.replace("</sheetData>", f'<row r="{last + 3}" ht="55" customHeight="1"/></sheetData>')
    _rewrite_part(blank, part, xml.encode())
    assert _height(blank, PROJECT, 0) == 44 and _height(blank, PROJECT, goal) == 90
    refresh_file(blank)
    after = _rows(blank, PROJECT)
    assert float(after[0]["ht"]) == 44 and float(after[last + 2]["ht"]) == 55
    assert float(after[goal]["ht"]) == L.GOAL.min_height


def _rewrite_part(path, part: str, data: bytes) -> None:
    import zipfile

    tmp = path.with_name("tmp-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, data if info.filename == part else src.read(info.filename))
    shutil.move(tmp, path)


def test_pages_follow_the_rows(blank):
    """Long 偏差原因 in every indicator row: the sheet is fitted to as many pages as its
    rows need, none an orphan; with the texts gone it prints one page again."""
    sheet = read(blank).sheet(PROJECT)
    t = next(t for t in find_tables(sheet) if t.kind == INDICATORS)
    first = t.header_row + 1
    reason = "受上级资金下达时间影响，部分补助资金于第四季度才拨付到位，下一年度将按季度调度资金拨付进度。" * 2
    writes = [CellWrite(PROJECT, r, t.cols["deviation"], reason) for r in range(first, first + 8)]
    _type(blank, *writes)
    refresh_file(blank)
    rows = _rows(blank, PROJECT)
    heights = [float(rows[r].get("ht", 15)) if r in rows else 15.0 for r in range(max(rows) + 1)]
    widths = L.SELFEVAL_WIDTHS[:L.print_setup(PROJECT)[1]]
    header = heights[t.header_row]
    fit = _page_fit(blank, PROJECT)
    assert fit == L.pages_tall(heights, widths, True, header) >= 2
    _type(blank, *(CellWrite(PROJECT, w.row, w.col, None) for w in writes))
    refresh_file(blank)
    assert _page_fit(blank, PROJECT) == 1  # the blank form: one page, 总分 and 等级 on it


def test_rows_of_every_form_table_are_planned_from_the_layout():
    """Which rows the plan fits: every data row of the layout's tables, and nothing else
    (no title, header, 总分/等级 or footer row)."""
    wb = read(_example())
    plan = build_plan(wb)
    fitted = {(h.sheet, h.row) for h in plan.row_heights}
    overall = wb.sheet(L.SHEET_OVERALL)
    tasks = next(t for t in find_tables(overall) if t.kind == TASKS)
    for r in tasks.rows:
        assert (L.SHEET_OVERALL, r) in fitted
    forms = [s for s in wb.sheets if s.name == L.SHEET_OVERALL or s.name.startswith(L.PROJECT_PREFIX)]
    assert len(forms) == 3
    for s in forms:
        labels = {v[0] for r, v in enumerate(s.rows) if (s.name, r) in fitted and v}
        assert not labels & {L.TOTAL_LABEL, L.GRADE_LABEL, L.FOOTER_TEXT}
        title = next(r for r, v in enumerate(s.rows) if v and v[0] and "自评表" in str(v[0]))
        assert (s.name, title) not in fitted
    assert not {s for s, _ in fitted} & {L.SHEET_RESULTS, L.SHEET_GUIDE}
    # the form lines, 年度总体目标 and 厉行节约 are found by their labels
    for sheet, label in ((L.SHEET_OVERALL, L.OVERALL_HEAD[0]), (L.SHEET_BASIC, L.THRIFT.column("label").header)):
        r = next(r for r, v in enumerate(wb.sheet(sheet).rows) if v and v[0] == label)
        assert (sheet, r) in fitted
    assert all(h.height >= L.DEFAULT_ROW_HEIGHT for h in plan.row_heights)


def test_a_workbook_the_layout_does_not_describe_gets_no_heights(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "其他.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["三级指标", "年度指标值", "实际完成值", "分值", "自评得分", "偏差原因分析及改进措施"])
    ws.append(["培训人次", "≥100人", "300人", 10, None, None])
    wb.save(path)
    plan = build_plan(read(path))
    assert plan.row_heights == () and plan.fit_pages == frozenset()


def _example():
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "示例.xlsx"
    new_workbook(path, data=example_department())
    return path


@pytest.mark.xlwings_remote
@pytest.mark.skipif(not os.environ.get("XLWINGS_LICENSE_KEY"),
                    reason="xlwings' remote engine needs XLWINGS_LICENSE_KEY (noncommercial is enough for tests)")
def test_the_button_fits_the_rows_the_cli_fits(blank, tmp_path):
    import xlwings as xw
    from officejs import Replay, book_payload

    import udfs

    goal = _goal_row(blank)
    _type(blank, CellWrite(PROJECT, goal, L.GOAL.start("expected") - 1, GOAL))
    payload = book_payload(blank)
    book = xw.Book(json=copy.deepcopy(payload))
    plan = udfs.refresh_scores(book)
    replay = Replay(payload).run(book.json()["actions"])
    set_rows: dict[tuple[str, int], float] = {}
    for (sheet, func), calls in replay.formats.items():
        if func == "setRowHeight":
            for (row, _col, count, _cols), height in calls:
                for r in range(row, row + count):
                    set_rows[(sheet, r)] = height[0] if isinstance(height, list) else height
    cli = tmp_path / "cli.xlsx"
    cli_plan = refresh_file(blank, out=cli)
    # a remote book does not say what its rows store: the button sets every form row's
    # height, the command only those that change; the rows end the same
    assert set(cli_plan.row_heights) <= set(plan.row_heights) and len(cli_plan.row_heights) < len(plan.row_heights)
    assert set_rows[(PROJECT, goal)] == _height(cli, PROJECT, goal) > 100
    for h in plan.row_heights:
        assert set_rows[(h.sheet, h.row)] == _height(cli, h.sheet, h.row) == h.height, (h.sheet, h.row)
    assert len(set_rows) == len(plan.row_heights)


def test_a_refresh_with_nothing_to_change_leaves_the_file_alone(blank):
    """Neither a cell, a row height nor the page fit to change: the file is not rewritten
    (same bytes, same modification time); a text typed since is fitted."""
    refresh_file(blank)
    before = blank.stat().st_mtime_ns, blank.read_bytes()
    plan = refresh_file(blank)
    # the heights were compared with what the rows store: none to change
    assert not plan.writes and not plan.row_heights and read(blank, heights=True).sheet(PROJECT).heights
    assert (blank.stat().st_mtime_ns, blank.read_bytes()) == before
    goal = _goal_row(blank)
    _type(blank, CellWrite(PROJECT, goal, L.GOAL.start("expected") - 1, GOAL))
    plan = refresh_file(blank)
    assert not [w for w in plan.writes if w.sheet == PROJECT and w.row == goal]  # no cell of the row
    assert _height(blank, PROJECT, goal) > 100


@pytest.mark.parametrize("rows, expected", [
    # as Excel, LibreOffice and openpyxl write them
    ('<row r="3" spans="1:9" ht="20.5" customHeight="1"/><row r="4"/>', {2: 20.5}),
    ('<row r="5" customFormat="false" ht="40.55" hidden="false" customHeight="true">'
     '<c r="A5"/></row>', {4: 40.55}),
    # other spellings XML allows: still read, never taken for "no height"
    ('<row ht="9" r="7"/><row\tr="8"\tht="7"/><row r="9" ht = "11"/>', {6: 9.0, 7: 7.0, 8: 11.0}),
    # a row without its number, or a height that is no number: cannot tell
    ('<row ht="9"/>', None),
    ('<row r="2" ht="x"/>', None),
])
def test_the_heights_a_sheet_stores(rows, expected):
    """What a refresh compares its fits with (only changed heights are planned): a row it
    reads wrongly would keep a wrong height, so anything unclear gives None (fit them all)."""
    from xlperf.xlsx.pagefit import stored_heights

    data = f"<worksheet><sheetData>{rows}</sheetData></worksheet>".encode()
    assert stored_heights(data) == expected
