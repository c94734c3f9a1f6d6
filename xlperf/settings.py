"""Every tunable of the rules, in one place, with the documented defaults.

A province's variant is a `Settings` built with `dataclasses.replace(DEFAULT, ...)`;
no rule reads a constant of its own. The command line takes the reading limits from
environment variables (`from_env`), the one place they are parsed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

D = Decimal


@dataclass(frozen=True)
class Settings:
    # rules.md §3: 2020 weights (预算执行率 10, 产出 50, 效益 30, 满意度 10)
    weight_exec: Decimal = D(10)
    weight_output: Decimal = D(50)
    weight_benefit: Decimal = D(30)
    weight_satisfaction: Decimal = D(10)

    # rules.md §3.2: "ratio" = A/B × w, "linear" = max(0, 1 − (B − A)/A) × w
    reverse_rule: str = "ratio"
    # forward indicator with B ≥ factor × A gets OVER_TARGET
    over_target_factor: Decimal = D("1.2")
    # rules.md §3.1: an 执行率 under this needs a written reason
    exec_rate_low: Decimal = D("0.9")

    # rules.md §3.4 grade bands, highest first: (lower bound inclusive, grade)
    grade_bands: tuple = ((D(90), "优"), (D(80), "良"), (D(60), "中"), (D(0), "差"))

    # rules.md §5: points per option, and the maximum per answer
    survey_points: tuple = (("A", D(10)), ("B", D(7)), ("C", D(4)), ("D", D(0)))

    # rules.md §1: decimals when presenting or writing
    money_places: int = 2
    rate_places: int = 4
    score_places: int = 2
    # tolerance of a sum of n rounded items: n × this, in the unit shown
    sum_tolerance_per_item: Decimal = D("0.005")
    # a money figure this many times its column's typical figure is 元 typed into 万元
    unit_suspect_ratio: Decimal = D(1000)

    # reliability limits (issue 7): refuse before memory grows. A real department
    # workbook is a few MB inflated and tens of thousands of cells; these are 50-100×
    # that. The workbook as a whole may hold twice each (two sheets at the limit): at
    # the defaults a refused or accepted file peaks well under 1.5 GB.
    max_inflated_part_bytes: int = 200 * 1024 * 1024
    max_cells_per_sheet: int = 2_000_000

    presets: tuple = field(default_factory=lambda: _default_presets())

    def preset(self, name: str):
        from .rules.presets import find_preset

        return find_preset(name, self.presets)

    @property
    def points_by_option(self) -> dict:
        return dict(self.survey_points)

    @property
    def max_cells_per_workbook(self) -> int:
        return 2 * self.max_cells_per_sheet

    @property
    def max_workbook_bytes(self) -> int:
        """Sheet XML plus the shared-string text its cells copy, over every sheet."""
        return 2 * self.max_inflated_part_bytes


def _default_presets():
    from .rules.presets import DEFAULT_PRESETS

    return DEFAULT_PRESETS


DEFAULT = Settings()

# environment variable → (Settings field, multiplier, what it limits)
ENV_LIMITS = (
    ("XLPERF_MAX_PART_MB", "max_inflated_part_bytes", 1 << 20, "单个部件解压后的大小上限（MB）"),
    ("XLPERF_MAX_CELLS", "max_cells_per_sheet", 1, "每张工作表的单元格数上限"),
)


def from_env(environ=None, base: Settings = DEFAULT) -> Settings:
    """`base` with the reading limits the environment sets; a value that is not a whole
    number ≥ 1 is a UsageError (one Chinese line, exit status 2)."""
    from .errors import UsageError

    environ = os.environ if environ is None else environ
    changes: dict[str, Any] = {}
    for var, name, unit, what in ENV_LIMITS:
        raw = environ.get(var)
        if raw is None or not raw.strip():
            continue
        text = raw.strip().replace("_", "")
        if not text.isascii() or not text.isdigit() or int(text) < 1:
            raise UsageError(f"环境变量 {var}={raw!r} 无效：{what}应为不小于 1 的整数")
        changes[name] = int(text) * unit
    return replace(base, **changes) if changes else base
