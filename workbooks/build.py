"""Rebuild the shipped workbooks in this folder:

    python workbooks/build.py

writes 部门绩效自评模板.xlsx (blank, three project sheets, 地区 “XX县”, 2024) and
示例-部门绩效自评.xlsx (filled from xlperf/data/example_department.json).
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# runnable from a checkout without installing the package
sys.path.insert(0, str(HERE.parent))

from xlperf.templates import regenerate_shipped  # noqa: E402


def main() -> int:
    for path in regenerate_shipped(HERE):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
