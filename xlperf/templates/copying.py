"""Where a new project sheet comes from and where its name goes (shared by the CLI's
zip-level copy, `xlperf add-project`, and the button's Book-API copy, 新增项目表), and
which cells of a sheet a person fills, the template computes or the refresh writes.

The roles come from the layout through `xlperf.engine.roles` (the engine takes its
formula cells from there too); here each sheet's tables are found by header first."""
from __future__ import annotations

from .. import layout as L
from ..engine.roles import Cell, role_cells
from ..errors import UsageError
from ..grid import SheetGrid, WorkbookGrid
from ..tables.find import find_tables
from ..tables.headers import cell_text
from .values import project_sheet_names

NAME_LABEL = L.PROJECT_NAME_LABEL
HEAD_VALUE_COL = L.HEAD.start("value")  # 1-based


def project_copy(wb: WorkbookGrid, name: str) -> tuple[str, str, tuple[int, int] | None]:
    """(the sheet to copy — the first 项目- sheet —, the new sheet's cleaned unique name,
    the (row, col) of its 项目名称 value, or None when the sheet has no such line)."""
    source = next((s for s in wb.sheets if s.name.startswith(L.PROJECT_PREFIX)), None)
    if source is None:
        # the CLI builds one from the layout instead (actions.add_template_project); a
        # front end that can only copy sheets says where to get one
        raise UsageError(f"工作簿里没有“{L.PROJECT_PREFIX}”开头的项目支出表可复制：请在命令行运行 "
                         "xlperf add-project 工作簿 --name 项目名称，按模板生成一张")
    new_name = project_sheet_names([name], taken=wb.sheet_names)[0]
    label_row = next((r for r in range(min(8, source.n_rows))
                      if cell_text(source.value(r, 0)) == NAME_LABEL), None)
    name_cell = None if label_row is None else (label_row, HEAD_VALUE_COL - 1)
    return source.name, new_name, name_cell


def _cells(sheet: SheetGrid, role: str) -> set[Cell]:
    return role_cells(sheet, find_tables(sheet), role)


def input_cells(sheet: SheetGrid) -> set[Cell]:
    """Cells a person fills in (add-project blanks these on its copy)."""
    return _cells(sheet, L.INPUT)


def formula_cells(sheet: SheetGrid) -> set[Cell]:
    """Cells where the template puts an Excel formula."""
    return _cells(sheet, L.FORMULA)


def refresh_cells(sheet: SheetGrid) -> set[Cell]:
    """Cells the refresh writes: scores it computes and the 校验说明 notes (a copied
    project sheet must not carry them over)."""
    tables = find_tables(sheet)
    return role_cells(sheet, tables, L.REFRESH) | role_cells(sheet, tables, L.NOTE)
