"""The 刷新评分 button against the CLI: the same filled workbook, refreshed once through
`udfs.refresh_scores` on an `xlwings.Book(json=...)` (what xlwings Server and Lite
hand a script) and once by `xlperf refresh`, ends with the same values in every cell
that is not a template formula — figures, 校验说明 notes, the whole 校验结果 sheet and
its refresh stamp. The Office.js client is played by tests/officejs.py.

xlwings' remote engine needs a licence key (XLWINGS_LICENSE_KEY=noncommercial under
its PolyForm Noncommercial terms, as .ci/run sets it); without one these tests skip.
"""
from __future__ import annotations

import copy
import datetime as dt
import os
import re
import shutil

import pytest
from lo import errors_in, recalc_values
from officejs import Replay, book_payload, excel_cell

from xlperf.actions import add_project as cli_add_project
from xlperf.actions import check_file, new_workbook, read, refresh_file
from xlperf.engine.results import RESULTS_SHEET
from xlperf.example import example_department
from xlperf.grid import a1, col_letter
from xlperf.plan import CellWrite, Plan
from xlperf.tables.find import FUNDS, INDICATORS, SCORING, find_tables
from xlperf.xlsx import apply_plan, read_formulas, read_workbook

pytestmark = [
    pytest.mark.xlwings_remote,
    pytest.mark.skipif(not os.environ.get("XLWINGS_LICENSE_KEY"),
                       reason="xlwings' remote engine needs XLWINGS_LICENSE_KEY "
                              "(noncommercial is enough for tests)"),
]

OVERALL = "附件2 整体支出自评表"
PROJECT = "项目-就业补助资金"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


def xlbook(payload):
    """A remote Book on a copy: the engine updates its own snapshot (sheets copied,
    notes added), and the replay must start from what the client sent."""
    import xlwings as xw

    return xw.Book(json=copy.deepcopy(payload))


def _table(sheet, kind):
    return next(t for t in find_tables(sheet) if t.kind == kind)


def _indicator_row(sheet, name):
    t = _table(sheet, INDICATORS)
    return t, next(r for r in t.rows if t.v(r, "level3") == name)


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """The example department, refreshed once by `xlperf new`, then edited by hand the
    way an accountant would before pressing the button: an executed amount changed, an
    actual value lowered below its target, two scores cleared, a figure mistyped."""
    path = tmp_path_factory.mktemp("button") / "示例-部门.xlsx"
    new_workbook(path, data=example_department())
    refresh_file(path)  # a fixed point: the edits below are all the refresh has to do
    wb = read(path)
    writes = []
    overall = wb.sheet(OVERALL)
    funds = _table(overall, FUNDS)
    total_row = next(r for r in funds.rows if funds.label(r) == "年度资金总额")
    writes.append(CellWrite(OVERALL, total_row, funds.cols["executed"], 1600))
    t, r = _indicator_row(overall, "职业技能培训人次")
    writes.append(CellWrite(OVERALL, r, t.cols["score"], None))
    project = wb.sheet(PROJECT)
    t, r = _indicator_row(project, "城镇失业人员再就业人数")
    writes.append(CellWrite(PROJECT, r, t.cols["actual"], "650人"))  # ends an OVER_TARGET note
    t, r = _indicator_row(project, "城镇新增就业人数")
    writes.append(CellWrite(PROJECT, r, t.cols["actual"], "5407.7539.59人"))  # BAD_NUMBER
    scoring = _table(wb.sheet("评分表"), SCORING)
    writes.append(CellWrite("评分表", scoring.rows[1], scoring.cols["score"], None))
    apply_plan(path, Plan(writes))
    return path


@pytest.fixture(scope="module")
def both(edited, tmp_path_factory):
    """(payload, button plan, its actions, replayed workbook, CLI plan, CLI result)."""
    payload = book_payload(edited)
    book = xlbook(payload)
    plan = __import__("udfs").refresh_scores(book)
    actions = book.json()["actions"]
    replay = Replay(payload).run(actions)
    out = tmp_path_factory.mktemp("cli") / "cli.xlsx"
    cli_plan = refresh_file(edited, out=out)
    return payload, plan, actions, replay, cli_plan, out


def _button_file(edited, actions, replay, target):
    """The edited file with exactly the cells the button wrote, stored as Excel stores
    them; its formula results are stale until a spreadsheet recalculates them."""
    writes = []
    for a in actions:
        if a["func"] == "setValues":
            name = replay.names[a["sheet_position"]]
            for i, row in enumerate(a["values"]):
                for j, v in enumerate(row):
                    writes.append(CellWrite(name, a["start_row"] + i, a["start_column"] + j,
                                            excel_cell(v)))
    apply_plan(edited, Plan(writes), target)
    return target


def _same(v):
    """One spelling for a value read back from the file or held by the replay."""
    if isinstance(v, str) and _ISO.match(v):
        return dt.datetime.fromisoformat(v[:19])
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return dt.datetime(v.year, v.month, v.day)
    if isinstance(v, int) and not isinstance(v, bool):
        return float(v)
    return v


def test_button_and_cli_end_with_the_same_cells(both):
    payload, plan, actions, replay, cli_plan, out = both
    cli = read_workbook(out)
    formulas = read_formulas(out)
    assert replay.names == cli.sheet_names
    compared = 0
    for sheet in cli.sheets:
        button = replay.sheet(sheet.name)
        keys = {(r, c) for r, row in enumerate(sheet.rows) for c, v in enumerate(row)
                if v is not None} | set(button)
        for r, c in sorted(keys):
            if (r, c) in formulas[sheet.name]:
                continue  # Excel recalculates these; see the LibreOffice test below
            assert _same(button.get((r, c))) == _same(sheet.value(r, c)), \
                f"{sheet.name}!{a1(r, c)}"
            compared += 1
    assert compared > 500
    # the refresh had real work, and both found the same things
    assert cli_plan.writes and plan.writes
    assert plan.findings == cli_plan.findings
    codes = {f.code for f in plan.findings}
    assert "BAD_NUMBER" in codes and "OVER_TARGET" in codes
    stamp = cli.sheet(RESULTS_SHEET).value(1, 0)
    assert stamp.startswith("已由 xlperf") and replay.sheet(RESULTS_SHEET)[(1, 0)] == stamp


def test_button_writes_values_only_and_leaves_formulas_to_excel(both):
    payload, plan, actions, replay, cli_plan, out = both
    formulas = read_formulas(out)
    written = set()
    for a in actions:
        if a["func"] != "setValues":
            continue
        name = replay.names[a["sheet_position"]]
        for i, row in enumerate(a["values"]):
            for j, v in enumerate(row):
                cell = (a["start_row"] + i, a["start_column"] + j)
                assert cell not in formulas[name], f"{name}!{a1(*cell)} holds a formula"
                # text goes in with Excel's text prefix, so "96%" or "2024-1-5" stays text
                assert not isinstance(v, str) or v == "" or v.startswith("'")
                written.add((name, cell))
    planned = {(w.sheet, (w.row, w.col)) for w in plan.writes if not w.formula_cell}
    assert written == planned
    skipped = [w for w in plan.writes if w.formula_cell]
    assert skipped and all((w.row, w.col) in formulas[w.sheet] for w in skipped)
    # grouped: far fewer calls than cells (the 校验结果 sheet is one block per run)
    assert replay.calls["setValues"] < len(planned) / 2


@pytest.mark.libreoffice
def test_after_recalculation_the_figures_are_the_clis(both, edited, tmp_path):
    """The formula cells the button leaves to Excel: with the button's writes in place, a
    real spreadsheet (LibreOffice, recalculating every formula on load) computes what
    the CLI stored as their cached results — 执行率, 得分, 总分, 等级 included."""
    payload, plan, actions, replay, cli_plan, out = both
    shown = recalc_values(_button_file(edited, actions, replay, tmp_path / "button.xlsx"))
    assert errors_in(shown) == []
    cli = read_workbook(out)
    checked = 0
    for sheet in cli.sheets:
        rows = shown[sheet.name]
        for (r, c) in sorted(sheet.formulas or ()):
            theirs = rows[r][c] if r < len(rows) and c < len(rows[r]) else None
            ours = sheet.value(r, c)
            if isinstance(ours, float) and isinstance(theirs, (int, float)):
                assert abs(ours - theirs) <= 1e-9, f"{sheet.name}!{a1(r, c)}"
            else:
                assert ours == theirs, f"{sheet.name}!{a1(r, c)}: {ours!r} vs {theirs!r}"
            checked += 1
    assert checked > 100
    skipped = {(w.sheet, w.row, w.col) for w in plan.writes if w.formula_cell}
    assert skipped  # the exec rate and the scores that follow it changed


def test_excel_notes_mirror_every_note_cell(both):
    payload, plan, actions, replay, cli_plan, out = both
    cli = read_workbook(out)
    expected = {(s.name, a1(r, c)): v for s in cli.sheets if s.name != RESULTS_SHEET
                for r, row in enumerate(s.rows) for c, v in enumerate(row)
                if isinstance(v, str) and v.startswith(("【错误】", "【警告】", "【提示】"))}
    assert expected and replay.notes == expected


def test_a_cleared_note_cell_loses_its_excel_note(edited, tmp_path):
    """A message that no longer applies is cleared from its 校验说明 cell, and the Excel
    note an earlier press put there goes with it."""
    path = tmp_path / "旧说明.xlsx"
    shutil.copy(edited, path)
    funds = _table(read(path).sheet(OVERALL), FUNDS)
    row = next(r for r in funds.rows if funds.label(r) == "一般公共预算")
    cell = (row, funds.cols["note"])
    apply_plan(path, Plan([CellWrite(OVERALL, *cell, "【警告】上次刷新留下的说明")]))
    payload = book_payload(path)
    sheet = next(s for s in payload["sheets"] if s["name"] == OVERALL)
    sheet["notes"] = [{"address": f"${col_letter(cell[1])}${cell[0] + 1}"}]  # as Excel spells it
    book = xlbook(payload)
    __import__("udfs").refresh_scores(book)
    replay = Replay(payload).run(book.json()["actions"])
    assert (row, funds.cols["note"]) not in replay.sheet(OVERALL)
    assert replay.calls.get("deleteNote") == 1
    assert (OVERALL, a1(*cell)) not in replay.notes


def test_check_writes_the_results_sheet_only(edited):
    from udfs import check_workbook

    payload = book_payload(edited)
    book = xlbook(payload)
    plan = check_workbook(book)
    actions = book.json()["actions"]
    replay = Replay(payload).run(actions)
    targets = {replay.names[a["sheet_position"]] for a in actions if a["func"] == "setValues"}
    assert targets == {RESULTS_SHEET}
    assert "addNote" not in replay.calls
    # the stamp stays what the last refresh wrote: a check refreshes nothing
    before = next(s for s in payload["sheets"] if s["name"] == RESULTS_SHEET)["values"][1][0]
    assert replay.sheet(RESULTS_SHEET)[(1, 0)] == before
    # the findings listed are the CLI check's
    assert plan.findings == check_file(edited).findings
    listed = [replay.sheet(RESULTS_SHEET).get((3 + i, 4)) for i in range(len(plan.findings))]
    assert listed == [f.code for f in plan.findings]
    assert replay.alerts and replay.alerts[0].startswith("校验完成：错误 ")


def test_add_project_matches_the_cli(edited, tmp_path):
    from udfs import add_project

    payload = book_payload(edited)
    book = xlbook(payload)
    new_name = add_project(book, "高校毕业生“三支一扶”计划")
    replay = Replay(payload).run(book.json()["actions"])

    cli_path = tmp_path / "cli.xlsx"
    shutil.copy(edited, cli_path)
    assert cli_add_project(cli_path, "高校毕业生“三支一扶”计划") == new_name
    cli = read_workbook(cli_path)
    formulas = read_formulas(cli_path)[new_name]
    assert replay.names == cli.sheet_names
    sheet = cli.sheet(new_name)
    copy = replay.sheet(new_name)
    for r, c in sorted({(r, c) for r, row in enumerate(sheet.rows)
                        for c, v in enumerate(row) if v is not None} | set(copy)):
        if (r, c) not in formulas:
            assert _same(copy.get((r, c))) == _same(sheet.value(r, c)), f"{new_name}!{a1(r, c)}"
    assert copy[(1, 4)] == "高校毕业生“三支一扶”计划"


def test_a_missing_project_name_is_told(tmp_path):
    from udfs import add_project

    path = tmp_path / "空.xlsx"
    new_workbook(path)
    book = xlbook(book_payload(path))
    assert add_project(book, "  ") is None
    replay = Replay(book_payload(path)).run(book.json()["actions"])
    assert replay.alerts == ["新增项目表未完成：请输入项目名称"]
    assert "setValues" not in replay.calls and "copySheet" not in replay.calls


def test_values_are_read_as_the_file_adapter_reads_them(edited):
    from udfs.book import read_book

    button = read_book(xlbook(book_payload(edited)))
    cli = read(edited)
    assert button.sheet_names == cli.sheet_names
    for a, b in zip(button.sheets, cli.sheets):
        assert a.formulas is None  # values only: the engine uses the template's formula map
        for r in range(max(a.n_rows, b.n_rows)):
            for c in range(max(a.n_cols, b.n_cols)):
                va, vb = a.value(r, c), b.value(r, c)
                assert (va, type(va)) == (vb, type(vb)), f"{a.name}!{a1(r, c)}"
