"""xlperf: 预算绩效自评表的计算、校验与汇总。

The public API is `__all__` (pinned by tests/test_public_api.py): the engine's entry
point and its plan, the commands as functions, the settings. The names are loaded on
first use, so that `import xlperf` stays light for the Excel add-in and the workers of
`collect`.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"
TEMPLATE_VERSION = "xlperf-template-1"

_LAZY = {
    "build_plan": "xlperf.engine", "REFRESH": "xlperf.engine", "CHECK": "xlperf.engine",
    "Plan": "xlperf.plan", "CellWrite": "xlperf.plan",
    "Finding": "xlperf.findings",
    "WorkbookGrid": "xlperf.grid", "SheetGrid": "xlperf.grid",
    "Settings": "xlperf.settings", "DEFAULT": "xlperf.settings",
    "XlperfError": "xlperf.errors", "UsageError": "xlperf.errors",
    "check_file": "xlperf.actions", "refresh_file": "xlperf.actions",
    "annotate_file": "xlperf.actions", "new_workbook": "xlperf.actions",
    "add_project": "xlperf.actions", "read": "xlperf.actions",
}
# (the 汇总 is `xlperf.collect.collect`: the name `collect` is its subpackage's)

__all__ = [
    "__version__", "TEMPLATE_VERSION",
    "build_plan", "REFRESH", "CHECK", "Plan", "CellWrite", "Finding", "WorkbookGrid", "SheetGrid",
    "Settings", "DEFAULT", "XlperfError", "UsageError",
    "check_file", "refresh_file", "annotate_file", "new_workbook", "add_project", "read",
]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'xlperf' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
