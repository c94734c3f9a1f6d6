"""生成报告 through a real `xlwings.Book(json=...)` (what xlwings Server and Lite hand a
script): the draft the button writes beside the workbook says what `xlperf report`
writes from the same file, and the book itself is not changed (no cell written).

xlwings' remote engine needs a licence key (XLWINGS_LICENSE_KEY=noncommercial, as .ci/run
sets it); without one these tests skip."""
from __future__ import annotations

import copy
import os

import pytest
from fixtures.reports import docx_text
from officejs import book_payload

from xlperf.actions import new_workbook
from xlperf.cli import main
from xlperf.example import example_department

pytestmark = [
    pytest.mark.xlwings_remote,
    pytest.mark.skipif(not os.environ.get("XLWINGS_LICENSE_KEY"),
                       reason="xlwings' remote engine needs XLWINGS_LICENSE_KEY"),
]


def test_button_drafts_what_the_cli_drafts(tmp_path):
    import xlwings as xw

    from udfs.report import generate_report

    path = tmp_path / "示例-部门绩效自评.xlsx"
    new_workbook(path, data=example_department())
    cli = tmp_path / "cli.docx"
    assert main(["report", str(path), "-o", str(cli)]) == 0
    payload = book_payload(path)
    book = xw.Book(json=copy.deepcopy(payload))
    out = generate_report(book, folder=tmp_path)
    assert out == tmp_path / "示例-部门绩效自评-自评报告草稿.docx"
    assert docx_text(out) == docx_text(cli)
    actions = book.json()["actions"]
    assert not [a for a in actions if a["func"] in ("setValues", "addSheet", "setNote")]
    assert any(a["func"] == "alert" and "已生成自评报告草稿" in str(a["args"]) for a in actions)
    again = generate_report(xw.Book(json=copy.deepcopy(payload)), folder=tmp_path)
    assert again.name == "示例-部门绩效自评-自评报告草稿(2).docx"  # the first one is kept


def test_a_book_with_no_sheets_is_told_not_raised(tmp_path, capsys):
    from udfs.report import generate_report

    class Empty:
        name = "空.xlsx"
        sheets = []

        class app:
            @staticmethod
            def alert(message, title=""):
                print("ALERT", message)

    assert generate_report(Empty(), folder=tmp_path) is None
    assert "生成报告未完成" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []


def test_a_book_never_saved_is_told_to_save_first(tmp_path, monkeypatch, capsys):
    """Without a folder of its own (a new 工作簿1, or a book only online) the draft would land
    in the Python process's working folder, nowhere the user looks: told instead."""
    import xlwings as xw

    from udfs.report import NOT_SAVED, generate_report

    path = tmp_path / "示例.xlsx"
    new_workbook(path, data=example_department())
    payload = book_payload(path)
    payload["book"]["name"] = "工作簿1"
    book = xw.Book(json=payload)
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.iterdir())
    assert generate_report(book) is None
    alerts = [a["args"] for a in book.json()["actions"] if a["func"] == "alert"]
    assert len(alerts) == 1 and alerts[0][0] == f"生成报告未完成：{NOT_SAVED}"
    assert sorted(tmp_path.iterdir()) == before
