"""The public API is pinned: a name leaves or joins `xlperf.__all__` only on purpose."""
import subprocess
import sys

import xlperf

PINNED = [
    "__version__", "TEMPLATE_VERSION",
    "build_plan", "REFRESH", "CHECK", "Plan", "CellWrite", "Finding", "WorkbookGrid", "SheetGrid",
    "Settings", "DEFAULT", "XlperfError", "UsageError",
    "check_file", "refresh_file", "annotate_file", "new_workbook", "add_project", "read",
]


def test_the_public_names_are_pinned():
    assert xlperf.__all__ == PINNED


def test_every_public_name_resolves_to_its_module_object():
    from xlperf import actions, engine, plan

    for name in PINNED:
        assert getattr(xlperf, name) is not None, name
    assert xlperf.build_plan is engine.build_plan and xlperf.Plan is plan.Plan
    assert xlperf.refresh_file is actions.refresh_file
    assert set(xlperf.__all__) == {"__version__", "TEMPLATE_VERSION"} | set(xlperf._LAZY)


def test_importing_xlperf_loads_no_engine_nor_pandas():
    code = "import sys, xlperf; print(sorted(m for m in sys.modules if m.startswith(('xlperf.', 'pandas'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
