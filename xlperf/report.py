"""Plain-text tables for the terminal: what `xlperf demo` and `check` print."""
from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut(text: str, limit: int) -> str:
    out, w = "", 0
    for ch in text:
        cw = width(ch)
        if w + cw > limit - 1 and width(text) > limit:
            return out + "…"
        out += ch
        w += cw
    return out


def table(headers: list[str], rows: list[list[str]], limits: dict | None = None) -> str:
    """Columns aligned by display width (a Chinese character is two columns wide)."""
    limits = limits or {}
    cells = [[_cut(str(c), limits.get(i, 40)) for i, c in enumerate(r)] for r in rows]
    widths = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    def line(values):
        return "  ".join(v + " " * (widths[i] - width(v)) for i, v in enumerate(values)).rstrip()
    sep = "  ".join("─" * w for w in widths)
    return "\n".join([line(headers), sep] + [line(r) for r in cells])
