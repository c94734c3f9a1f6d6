"""Recognition hands the engine finished tables (issue 12, goal D): every known kind's rows
come typed with their figures read once, and the evaluators score those rows without
reading a raw cell again."""
import ast
import json
from pathlib import Path

import pytest

from xlperf.actions import new_workbook
from xlperf.grid import SheetGrid
from xlperf.rules.numbers import NUMBER, Reading
from xlperf.tables import known
from xlperf.tables.parse import known_tables, survey_form
from xlperf.xlsx import read_workbook

ENGINE = Path(__file__).resolve().parent.parent / "xlperf" / "engine"
EVALUATORS = ("selfeval.py", "scoring.py", "survey.py", "basic.py", "generic.py")
# what reads a cell: the grid (`sheet.value`, `sheet.rows`), a table's raw accessors
# (`t.v`, `t.label`), and the readers of a raw value
_RAW_METHODS = {"value", "v", "label"}
_RAW_ATTRIBUTES = {"rows"}
_RAW_FUNCTIONS = {"read_number", "read_text", "cell_text"}


def raw_reads(source: str) -> list[str]:
    """The raw cell reads in a module's source, as `line: what`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Attribute) and f.attr in _RAW_METHODS:
                found.append(f"{node.lineno}: .{f.attr}(")
            elif isinstance(f, ast.Name) and f.id in _RAW_FUNCTIONS:
                found.append(f"{node.lineno}: {f.id}(")
        elif isinstance(node, ast.Attribute) and node.attr in _RAW_ATTRIBUTES:
            # generic.py's GenericTable.rows are finished rows, not the grid's
            if not (isinstance(node.value, ast.Name) and node.value.id == "t"):
                found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and any(a.name in _RAW_FUNCTIONS for a in node.names):
            found.append(f"{node.lineno}: imports {[a.name for a in node.names if a.name in _RAW_FUNCTIONS]}")
    return found


def test_the_check_finds_a_raw_read():
    sample = ("from ..rules.numbers import read_number\n"
              "def f(ctx, t, s, r):\n"
              "    a = s.value(r, 1)\n    b = t.v(r, 'score')\n    c = cell_text(t.label(r))\n"
              "    d = s.rows[r]\n    return read_number(a)\n")
    assert sorted(raw_reads(sample)) == [
        "1: imports ['read_number']", "3: .value(", "4: .v(", "5: .label(", "5: cell_text(", "6: .rows",
        "7: read_number("]


@pytest.mark.parametrize("module", EVALUATORS)
def test_an_evaluator_never_reads_a_raw_cell(module):
    assert raw_reads((ENGINE / module).read_text(encoding="utf-8")) == []


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    path = tmp_path_factory.mktemp("finished") / "filled.xlsx"
    data = json.loads((Path(__file__).resolve().parent.parent / "xlperf" / "data" / "example_department.json")
                      .read_text(encoding="utf-8"))
    new_workbook(path, projects=1, data=data)
    return read_workbook(path)


def _tables(wb):
    return {(s.name, t.kind): (s, t) for s in wb.sheets for t in known_tables(s)}


def test_every_known_kind_comes_finished(filled):
    tables = _tables(filled)
    kinds = {kind for _, kind in tables}
    assert {"funds", "indicators", "scoring", "scoring_summary", "survey", "staff", "buildings",
            "fund_control", "sangong"} <= kinds
    for (_, kind), (sheet, t) in tables.items():
        assert isinstance(t, known.KnownTable)
        assert t.lines, kind
        assert [x.row for x in t.lines] == sorted(x.row for x in t.lines)
        for line in t.lines:
            assert line.role in (known.ITEM, known.TOTAL, known.GROUP, known.PART, known.GRADE, known.INCOME,
                                 known.SPENDING, known.HEAD, known.SCORE, known.RESPONDENTS, known.OTHER)
            for key, reading in line.figures.items():
                if reading is None:  # a 资金 label typed in a figure column
                    continue
                assert isinstance(reading, Reading)
                # the Reading is of the cell the row names under the table's column
                col = t.cols[key]
                raw = sheet.value(line.row, col)
                assert reading.kind == NUMBER or raw is None or isinstance(raw, str), (kind, key, raw)


def test_roles_of_a_self_evaluation_sheet(filled):
    tables = _tables(filled)
    funds = next(t for (name, kind), (_, t) in tables.items() if kind == "funds")
    roles = [x.role for x in funds.lines]
    assert roles.count(known.TOTAL) == 1 and known.INCOME in roles
    total = next(x for x in funds.lines if x.role == known.TOTAL)
    assert total.figure("budget").kind == NUMBER and total.figure("executed").kind == NUMBER
    indicators = next(t for (name, kind), (_, t) in tables.items() if kind == "indicators")
    items = [x for x in indicators.lines if x.role == known.ITEM]
    assert items and all(x.label for x in items)
    assert all(x.meta["level1"] for x in items)  # the merged 一级 name, carried down
    assert {x.role for x in indicators.lines} >= {known.TOTAL, known.GRADE}


def test_a_figure_is_read_once_with_its_reason():
    sheet = SheetGrid("附件1", [
        ["编制数", "实际在职人数", "控制率"],
        ["**", "5407.7539.59", None],
    ])
    (t,) = known_tables(sheet)
    (line,) = t.lines
    assert line.figure("staff_quota").kind == "placeholder"
    assert line.figure("staff_actual").kind == "bad" and "小数点" in line.figure("staff_actual").reason
    assert line.figure("no_such_column").is_blank


def test_the_questionnaire_form_is_read_by_recognition():
    sheet = SheetGrid("问卷", [
        ["有效问卷数", 10],
        ["选项分值", "A", 10, "B", 6],
        ["第1题 服务态度"],
        ["选项", "小计", "比例"],
        ["A.满意", 8, None],
        ["B.不满意", 2, None],
        ["本题得分", None],
        ["综合满意率", None],
    ])
    form = survey_form(sheet)
    assert form.respondents is not None and form.respondents[:2] == (0, 1)
    assert form.respondents[2].value == 10
    assert form.points == {"A": 10, "B": 6}
    assert form.rate_at == (7, 1)
    (t,) = known_tables(sheet)
    assert [(x.role, x.label) for x in t.lines] == [(known.ITEM, "A"), (known.ITEM, "B"), (known.SCORE, "本题得分")]
    assert t.facts["question"] == "第1题服务态度"
