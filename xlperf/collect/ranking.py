"""The 汇总's order: the index entries of departments or projects sorted and ranked in
plain Python. The sort is on a few hundred thousand small tuples at most; importing
pandas for it cost the parent a quarter of a second of CPU, more than a hundred
workbooks' scoring on a department-sized run."""
from __future__ import annotations

from collections.abc import Sequence


class Ranked:
    """Rows in rank order, read by column (`r["dept"]`) and counted (`len(r)`);
    column "rank" is 1, 2, 2, 4 … and None for rows without a 总分."""

    def __init__(self, columns: dict[str, list]):
        self._columns = columns
        self._n = len(next(iter(columns.values()), []))

    def __getitem__(self, name: str) -> list:
        return self._columns[name]

    def __len__(self) -> int:
        return self._n


def ranked(rows: Sequence[tuple], columns: list[str], tie_keys: list[str]) -> Ranked:
    """Highest 总分 (column "total", Decimal or None) first; rows without one last and
    unranked; equal scores share a rank (1, 2, 2, 4). Ties are ordered by `tie_keys`
    (ascending) so any run order gives the same sheet. Scores compare as floats (two
    totals equal as floats share a rank); the sort is stable."""
    at = {c: i for i, c in enumerate(columns)}
    t, ties = at["total"], [at[k] for k in tie_keys]

    def key(row: tuple) -> tuple:
        total = row[t]
        return (total is None, 0.0 if total is None else -float(total),
                *(row[i] for i in ties))

    order = sorted(rows, key=key)
    ranks: list = []
    last, rank = None, 0
    for pos, row in enumerate(order):
        if row[t] is None:
            ranks.append(None)
            continue
        score = float(row[t])
        if score != last:
            last, rank = score, pos + 1
        ranks.append(rank)
    out = {c: [row[i] for row in order] for c, i in at.items()}
    out["rank"] = ranks
    return Ranked(out)
