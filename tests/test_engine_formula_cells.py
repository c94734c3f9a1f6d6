"""The engine's knowledge of which template cells hold formulas derives from the layout
(xlperf.engine.roles over the tables build_plan found), not from flags at its call sites:
a front end that cannot see formulas (xlwings remote books give values only) gets the
same formula cells as the file adapter, which reads them from the file."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from xlperf import layout as L
from xlperf.engine import CHECK, REFRESH, build_plan
from xlperf.engine.roles import role_cells
from xlperf.grid import a1
from xlperf.tables.find import find_tables
from xlperf.templates.copying import formula_cells
from xlperf.xlsx import read_workbook

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "workbooks" / "示例-部门绩效自评.xlsx"
TEMPLATE = ROOT / "workbooks" / "部门绩效自评模板.xlsx"


def _values_only(wb):
    return dataclasses.replace(wb, sheets=[dataclasses.replace(s, formulas=None) for s in wb.sheets])


@pytest.mark.parametrize("path", [EXAMPLE, TEMPLATE], ids=["example", "template"])
@pytest.mark.parametrize("mode", [REFRESH, CHECK])
def test_values_only_book_gets_the_files_formula_cells(path, mode):
    wb = read_workbook(path)
    from_file = build_plan(wb, mode=mode)
    from_layout = build_plan(_values_only(wb), mode=mode)
    assert from_file.formula_cells, "the template computes cells by formula"
    assert from_layout.formula_cells == from_file.formula_cells
    assert from_layout.owned_cells == from_file.owned_cells
    assert [(w.sheet, w.row, w.col, w.value, w.formula_cell) for w in from_layout.writes] == \
        [(w.sheet, w.row, w.col, w.value, w.formula_cell) for w in from_file.writes]
    assert [f.code for f in from_layout.findings] == [f.code for f in from_file.findings]


def test_the_engines_formula_cells_are_the_layouts():
    """Every owned cell the file holds a formula in is a layout formula cell, and the
    layout declares no formula the file lacks among the cells the rules compute."""
    wb = read_workbook(EXAMPLE)
    plan = build_plan(wb, mode=CHECK)
    for s in wb.sheets:
        declared = role_cells(s, find_tables(s), L.FORMULA)
        assert declared == formula_cells(s)  # the engine's helper and add-project's agree
        owned = {(r, c) for (name, r, c) in plan.owned_cells if name == s.name}
        in_file = {cell for cell in owned if s.has_formula(*cell)}
        assert in_file <= declared, (s.name, sorted(in_file - declared))
        assert {(r, c) for (name, r, c) in plan.formula_cells if name == s.name} == in_file


def test_a_formula_typed_over_is_found_where_the_layout_declares_one():
    wb = read_workbook(EXAMPLE)
    project = next(s for s in wb.sheets if s.name.startswith(L.PROJECT_PREFIX))
    plan = build_plan(wb, mode=CHECK)
    target = sorted((r, c) for (name, r, c) in plan.formula_cells if name == project.name)[0]
    typed = dataclasses.replace(project, formulas=project.formulas - {target})
    edited = dataclasses.replace(wb, sheets=[typed if s is project else s for s in wb.sheets])
    for mode in (CHECK, REFRESH):
        found = [f for f in build_plan(edited, mode=mode).findings if f.code == "FORMULA_OVERWRITTEN"]
        assert [(f.sheet, f.cell) for f in found] == [(project.name, a1(*target))]
    refresh = build_plan(edited, mode=REFRESH)
    written = [w for w in refresh.writes if (w.sheet, w.row, w.col) == (project.name, *target)]
    assert all(not w.formula_cell for w in written)  # a constant now: written as a value


def test_a_workbook_not_from_the_template_has_no_template_formulas():
    """Outside the template the layout says nothing: a values-only book's computed
    cells are plain values (never FORMULA_OVERWRITTEN, no formula writes)."""
    wb = read_workbook(EXAMPLE)
    guide = L.SHEET_GUIDE
    foreign = _values_only(dataclasses.replace(wb, sheets=[s for s in wb.sheets if s.name != guide]))
    plan = build_plan(foreign, mode=REFRESH)
    assert plan.summary["template"] is False
    assert not plan.formula_cells
    assert not any(w.formula_cell for w in plan.writes)
    assert "FORMULA_OVERWRITTEN" not in {f.code for f in plan.findings}

