"""What every report check shares: the finding for a paragraph, and the quote."""
from __future__ import annotations

from ..findings import Finding
from .document import Para

REPORT_SHEET = "自评报告"
_QUOTE = 36


def quote(para: Para, start: int = 0, end: int | None = None) -> str:
    """The words around [start, end) of the paragraph, short enough for one line."""
    text = para.text
    end = len(text) if end is None else end
    if end - start > _QUOTE * 2:
        return text[start:start + _QUOTE * 2] + "…"
    lo = max(0, start - (_QUOTE - (end - start) // 2))
    hi = min(len(text), end + (_QUOTE - (end - start) // 2))
    while lo > 0 and text[lo - 1] not in "。；;，,：:" and start - lo < _QUOTE:
        lo -= 1
    return ("…" if lo > 0 else "") + text[lo:hi] + ("…" if hi < len(text) else "")


def finding(file: str, para: Para, code: str, message: str, expected=None, found=None,
            severity: str = "") -> Finding:
    return Finding(REPORT_SHEET, para.where, code, message, severity,
                   None if expected is None else str(expected),
                   None if found is None else str(found), file)
