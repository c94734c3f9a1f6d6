"""The pages-tall fit of a sheet printed one page wide, from its stored row heights and
column widths (the rule is xlperf.layout.fit_to_height), and a quick look at a sheet
part, without parsing it, that tells whether the plan's row heights and that fit are
what it already stores: a refresh with nothing to change then leaves the file alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import layout as L

DEFAULT_HEIGHT, DEFAULT_WIDTH = 15.0, 8.43  # Excel's, where a sheet states none


@dataclass
class Measures:
    heights: dict[int, float]  # 0-based row → its stored height (0 when hidden)
    default_height: float
    widths: list[tuple[int, int, float]]  # (first, last column, 0-based) → width
    default_width: float

    def width(self, col: int) -> float:
        for lo, hi, width in self.widths:
            if lo <= col <= hi:
                return width
        return self.default_width

    def fit(self, landscape: bool, printed_cols: int, last_row: int | None,
            titles: tuple[int, int] | None) -> int:
        """fitToHeight for rows 1…last_row (else every stored row), the first
        `printed_cols` columns printed, `titles` (1-based rows) repeated on every page."""
        last = last_row or (max(self.heights) + 1 if self.heights else 0)
        heights = [self.heights.get(r, self.default_height) for r in range(last)]
        widths = [self.width(c) for c in range(printed_cols)]
        repeated = sum(heights[titles[0] - 1:titles[1]]) if titles else 0.0
        return L.fit_to_height(heights, widths, landscape, repeated)


def row_height(ht: str | None, hidden: str | None, default: float) -> float:
    if hidden in ("1", "true"):
        return 0.0
    return float(ht) if ht else default


# unprefixed elements only, as Excel and LibreOffice write them: a part that prefixes
# its elements shows no rows here, so it is never taken for fitted
_ROW = re.compile(rb"<row\b([^>]*)>")
_COL = re.compile(rb"<col\b([^>]*)>")
_FORMAT = re.compile(rb"<sheetFormatPr\b([^>]*)>")
_SETUP = re.compile(rb"<pageSetup\b([^>]*)>")
_FIT_PAGE = re.compile(rb"<pageSetUpPr\b([^>]*)>")
_ATTR = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
_IRREGULAR = re.compile(rb"[\t\n\r']|\s=|=\s")
_ROW_NUMBER = re.compile(rb'(?<![\w:])r\s*=\s*"(\d+)"')
_HT = re.compile(rb'(?<![\w:])ht\s*=\s*"([^"]*)"')
_HIDDEN = re.compile(rb'(?<![\w:])hidden\s*=\s*"([^"]*)"')


def _attrs(text: bytes) -> dict[str, str]:
    return {k.decode(): v.decode() for k, v in _ATTR.findall(text)}


def _rows(data: bytes, start: int, end: int) -> dict[int, tuple[bytes | None, bytes | None]] | None:
    """(ht, hidden) of each row by its 0-based number (a refresh compares hundreds of
    rows: only the attributes it needs are read); None for a row without its number."""
    stored: dict[int, tuple[bytes | None, bytes | None]] = {}
    for tag in _ROW.findall(data, start, end):
        if _IRREGULAR.search(tag) is None and tag.startswith(b' r="'):
            # one space before each name="value", as every writer puts them: found
            # without a pattern, and absent when not found
            number = tag[4:tag.find(b'"', 4)]
            ht, hidden = _plain(tag, b' ht="'), _plain(tag, b' hidden="')
        else:
            r, h, x = _ROW_NUMBER.search(tag), _HT.search(tag), _HIDDEN.search(tag)
            number = r.group(1) if r is not None else b""
            ht, hidden = h and h.group(1), x and x.group(1)
        if not number.isdigit():
            return None
        stored[int(number) - 1] = (ht, hidden)
    return stored


def _plain(tag: bytes, name: bytes) -> bytes | None:
    i = tag.find(name)
    if i < 0:
        return None
    i += len(name)
    return tag[i:tag.find(b'"', i)]


def stored_heights(data: bytes) -> dict[int, float] | None:
    """The heights a sheet part stores for its rows (0-based row → points), rows without
    one left out; None when it cannot tell (no sheetData, a row without its number, a
    height that is no number)."""
    start, end = data.find(b"<sheetData"), data.rfind(b"</sheetData>")
    rows = _rows(data, start, end) if 0 <= start <= end else None
    if rows is None:
        return None
    try:
        return {r: float(ht) for r, (ht, _) in rows.items() if ht is not None}
    except ValueError:
        return None


def already_fitted(data: bytes, heights: dict[int, float], fit: tuple | None) -> bool:
    """True when the part stores every height of `heights` (0-based row → points) and,
    with `fit` = (landscape, printed columns, last row, title rows), the page fit it
    would get. False whenever it cannot tell (a row without its number, odd markup)."""
    start, end = data.find(b"<sheetData"), data.rfind(b"</sheetData>")
    if start < 0 or end < start:
        return False
    head, tail = data[:start], data[end:]
    stored = _rows(data, start, end)
    if stored is None:
        return False
    for row, height in heights.items():
        if stored.get(row, (None, None))[0] != format(height, "g").encode():
            return False
    if fit is None:
        return True
    setup = _SETUP.search(tail)
    if setup is None:
        return True  # no page set-up: the writer leaves the fit alone too
    s = _attrs(setup.group(1))
    page = _FIT_PAGE.search(head)
    if page is None or _attrs(page.group(1)).get("fitToPage") not in ("1", "true"):
        return False
    fmt = _FORMAT.search(head)
    f = _attrs(fmt.group(1)) if fmt else {}
    default = float(f.get("defaultRowHeight") or DEFAULT_HEIGHT)
    widths = []
    for m in _COL.finditer(head):
        a = _attrs(m.group(1))
        if a.get("min") and a.get("max") and a.get("width"):
            widths.append((int(a["min"]) - 1, int(a["max"]) - 1, float(a["width"])))
    measures = Measures({r: row_height(ht and ht.decode(), hidden and hidden.decode(), default)
                         for r, (ht, hidden) in stored.items()},
                        default, widths, float(f.get("defaultColWidth") or DEFAULT_WIDTH))
    return (s.get("fitToHeight", "1") == str(measures.fit(*fit))
            and s.get("fitToWidth", "1") == "1")
