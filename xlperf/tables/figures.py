"""A cell's figure as departments type it: `rules.numbers.read_number`, plus the two
spellings of a figure it leaves as text — an accountant's negative in parentheses
(`(13.98)`, `（239.63）`) and a score with its unit (`10分`, `99.87分`)."""
from __future__ import annotations

import re
from functools import lru_cache

from ..rules.numbers import NUMBER, TEXT, Reading, read_number

# a figure in parentheses, without a sign of its own; a bare `(1)` or `(12)` is an outline
# number (（1）培训费 split over two cells), so the figure must show a point, a separator,
# a percent sign or three digits
_PARENS = re.compile(r"^\((?P<body>\d[\d,]*(?:\.\d+)?[%‰]?)\)$")
_SCORE = re.compile(r"^(?P<body>[+-]?\d+(?:\.\d+)?)分$")


def read_figure(raw) -> Reading:
    """Read a cell value as a figure (see the module docstring)."""
    r = read_number(raw)
    if r.kind != TEXT or not isinstance(raw, str):
        return r
    return _read_spelled(r.text, r)


@lru_cache(maxsize=4096)
def _read_spelled(text: str, plain: Reading) -> Reading:
    m = _PARENS.match(text)
    if m:
        body = m.group("body")
        if "." in body or "," in body or body[-1] in "%‰" or len(body) >= 3:
            inner = read_number(body)
            if inner.kind == NUMBER and inner.value is not None:
                return Reading(NUMBER, -inner.value, unit=inner.unit, places=inner.places, text=text)
        return plain
    m = _SCORE.match(text)
    if m:
        inner = read_number(m.group("body"))
        if inner.kind == NUMBER and not inner.unit:
            return Reading(NUMBER, inner.value, unit="分", places=inner.places, text=text)
    return plain
