"""Turning example/department data (strings, Decimals) into cell values, and sheet names.

The data keeps figures as text or Decimal; only here, at the openpyxl boundary, does a
figure become a float, because openpyxl cannot write a Decimal as a number.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .style import PROJECT_PREFIX

_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31


def as_decimal(raw) -> Decimal | None:
    """The Decimal a data field holds, None when blank or not a plain figure."""
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, int):
        return Decimal(raw)
    text = str(raw).strip().replace(",", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def number_cell(raw):
    """What to write into a numeric input cell.

    A plain figure becomes an int or float; anything else (``—``, ``5407.7539.59``, ``**``)
    is written as the text given, so the refresh can report it instead of us guessing."""
    if raw is None:
        return None
    if isinstance(raw, float):
        return raw
    value = as_decimal(raw)
    if value is None:
        text = str(raw).strip()
        return text or None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def text_cell(raw):
    if raw is None:
        return None
    text = str(raw)
    return text if text.strip() else None


def weight_text(value) -> str:
    """`50` for Decimal('50.0'), `2.5` for Decimal('2.50'): weights printed inside names."""
    d = as_decimal(value)
    if d is None:
        return str(value)
    text = f"{d:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def clean_sheet_name(name: str) -> str:
    name = _FORBIDDEN.sub("", str(name)).strip()
    # Excel refuses a sheet name that starts or ends with an apostrophe
    return name.strip("'").strip()


def project_sheet_names(names, taken=()) -> list[str]:
    """`项目-<名称>` for each project, cleaned, cut to 31 characters and made unique
    (also against the sheet names in `taken`)."""
    result: list[str] = []
    taken: set[str] = {t.casefold() for t in taken}
    for i, raw in enumerate(names, start=1):
        base = (PROJECT_PREFIX + (clean_sheet_name(raw) or f"项目{i}"))[:MAX_SHEET_NAME]
        candidate, n = base, 2
        while candidate.casefold() in taken:
            suffix = f"({n})"
            candidate = base[:MAX_SHEET_NAME - len(suffix)] + suffix
            n += 1
        taken.add(candidate.casefold())
        result.append(candidate)
    return result
