"""The bundled example department (figures modelled on the seed reports)."""
from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def _load(name: str) -> str:
    return resources.files("xlperf").joinpath("data", name).read_text(encoding="utf-8")


def example_department() -> dict:
    """A fresh copy of the example department's data (callers may modify it)."""
    return json.loads(_load("example_department.json"))


def scoring_system() -> dict:
    """The default 评分表 indicator system (决策 15 / 过程 24 / 产出 33 / 效益 28)."""
    return json.loads(_load("scoring_system.json"))
