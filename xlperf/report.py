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


def count_line(findings) -> str:
    """`错误 2，警告 1，提示 0`: the finding counts a user reads first."""
    from .findings import counts

    c = counts(findings)
    return f"错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}"


def score_lines(plan) -> list[str]:
    """One line per table with a 总分: `附件2 整体支出自评表：总分 96.56，等级 优`."""
    lines = []
    for s in plan.summary.get("sheets", []):
        if s.get("total") is not None:
            lines.append(f"{s['sheet']}：总分 {s['total']:.2f}，等级 {s.get('grade') or '—'}")
    scoring = plan.summary.get("scoring")
    if scoring:
        lines.append(f"评分表：总分 {scoring['total']:.2f}，等级 {scoring['grade']}")
    return lines
