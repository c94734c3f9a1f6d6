"""Which cell style indexes (the `s` attribute) paint a cell with a given solid fill:
cellXfs[s].fillId → fills[fillId]/patternFill/fgColor rgb. The templates mark input
cells with FFF2CC (docs/layout.md)."""
from __future__ import annotations

from . import xmlutil as X

INPUT_FILL = "FFF2CC"


def styles_with_fill(styles_root, rgb: str = INPUT_FILL) -> set[str]:
    rgb = rgb.upper()
    fills_el = X.child(styles_root, "fills")
    matching = set()
    for i, fill in enumerate(X.children(fills_el, "fill") if fills_el is not None else []):
        pattern = X.child(fill, "patternFill")
        fg = X.child(pattern, "fgColor") if pattern is not None else None
        color = (fg.get("rgb") or "").upper() if fg is not None else ""
        # ARGB "FFFFF2CC" or plain RGB "FFF2CC"
        if color[-6:] == rgb and len(color) in (6, 8):
            matching.add(i)
    xfs_el = X.child(styles_root, "cellXfs")
    out = set()
    for i, xf in enumerate(X.children(xfs_el, "xf") if xfs_el is not None else []):
        fill_id = xf.get("fillId", "0")
        if fill_id.isdigit() and int(fill_id) in matching:
            out.add(str(i))
    return out
