"""The 汇总's order and ranks (ranking.py): highest 总分 first, equal scores share a rank
(1, 2, 2, 4), unscored rows last and unranked, ties by name then file."""
from decimal import Decimal as D

from xlperf.collect.ranking import ranked

COLS = ["total", "dept", "path", "rec"]


def test_order_ties_and_unscored():
    rows = [(D("88.5"), "乙局", "b.xlsx", 1), (None, "甲局", "z.xlsx", 2),
            (D("95"), "丙局", "c.xlsx", 3), (D("88.50"), "甲局", "a.xlsx", 4),
            (None, "丁局", "d.xlsx", 5), (D("88.5"), "甲局", "0.xlsx", 6),
            (D("60"), "戊局", "e.xlsx", 7)]
    r = ranked(rows, COLS, ["dept", "path"])
    assert len(r) == 7
    assert r["rec"] == [3, 1, 6, 4, 7, 5, 2]  # names by code point (乙 < 甲, 丁 < 甲), then file
    assert r["rank"] == [1, 2, 2, 2, 5, None, None]
    assert r["total"][0] == D("95") and r["dept"][-1] == "甲局"


def test_any_input_order_gives_the_same_sheet():
    rows = [(D(str(s)), f"局{i % 3}", f"{i}.xlsx", i) for i, s in enumerate((70, 90, 90, 80, 70))]
    a = ranked(rows, COLS, ["dept", "path"])
    b = ranked(list(reversed(rows)), COLS, ["dept", "path"])
    assert a["rec"] == b["rec"] and a["rank"] == b["rank"] == [1, 1, 3, 4, 4]


def test_empty():
    r = ranked([], COLS, ["dept"])
    assert len(r) == 0 and r["rank"] == [] and r["dept"] == []
