"""Department workbook templates (openpyxl, new files only) — docs/layout.md.

    build_workbook(path, *, dept, region, year, projects, data, settings) -> Path
    regenerate_shipped(dir="workbooks") -> [template path, example path]
"""
from __future__ import annotations

from .build import EXAMPLE_FILE, TEMPLATE_FILE, VERSION_NAME, build_workbook, example_data, regenerate_shipped
from .style import COMPUTED_FILL, INPUT_FILL, PROJECT_PREFIX, TEMPLATE_SHEETS, TIERS, sheet_order
from .values import project_sheet_names

__all__ = [
    "COMPUTED_FILL",
    "EXAMPLE_FILE",
    "INPUT_FILL",
    "PROJECT_PREFIX",
    "TEMPLATE_FILE",
    "TEMPLATE_SHEETS",
    "TIERS",
    "VERSION_NAME",
    "build_workbook",
    "example_data",
    "project_sheet_names",
    "regenerate_shipped",
    "sheet_order",
]
