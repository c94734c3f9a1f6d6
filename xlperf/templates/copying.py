"""Where a new project sheet comes from and where its name goes: shared by the CLI's
zip-level copy (`xlperf add-project`) and the button's Book-API copy (新增项目表)."""
from __future__ import annotations

from ..errors import UsageError
from ..grid import WorkbookGrid
from ..tables.headers import cell_text
from .selfeval import HEAD_VALUE_COL
from .style import PROJECT_PREFIX
from .values import project_sheet_names

NAME_LABEL = "项目名称"


def project_copy(wb: WorkbookGrid, name: str) -> tuple[str, str, tuple[int, int] | None]:
    """(the sheet to copy — the first 项目- sheet —, the new sheet's cleaned unique name,
    the (row, col) of its 项目名称 value, or None when the sheet has no such line)."""
    source = next((s for s in wb.sheets if s.name.startswith(PROJECT_PREFIX)), None)
    if source is None:
        raise UsageError(f"没有“{PROJECT_PREFIX}”开头的项目支出表，无法复制")
    new_name = project_sheet_names([name], taken=wb.sheet_names)[0]
    label_row = next((r for r in range(min(8, source.n_rows))
                      if cell_text(source.value(r, 0)) == NAME_LABEL), None)
    name_cell = None if label_row is None else (label_row, HEAD_VALUE_COL - 1)
    return source.name, new_name, name_cell
