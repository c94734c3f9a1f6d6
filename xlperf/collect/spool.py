"""Records on disk, their index in memory: what lets `collect` hold one small entry per
workbook however many there are. Nothing heavy here (no openpyxl): the parent imports this before it
starts the worker processes."""
from __future__ import annotations

import pickle
from collections import Counter

from .score import FileResult


class Spool:
    """Records on disk (one pickle each, findings apart from the rest so that the table
    sheets do not unpickle them), and the index the sheets are sorted by in memory."""

    def __init__(self, file):
        self.file = file
        self.depts: list[tuple] = []  # (总分, 部门, 文件, record offset, findings offset)
        self.projects: list[tuple] = []  # (总分, 部门, 项目, 文件, 工作表, record offset, i)
        self.years: Counter = Counter()
        self._last: tuple = (None, None)

    def add(self, rec: FileResult) -> None:
        self.file.seek(0, 2)  # reading back moves the position: always append at the end
        f_off = self.file.tell()
        pickle.dump(rec.findings, self.file, pickle.HIGHEST_PROTOCOL)
        rec.findings = []
        r_off = self.file.tell()
        pickle.dump(rec, self.file, pickle.HIGHEST_PROTOCOL)
        self.depts.append((rec.total, rec.dept, rec.path, r_off, f_off))
        for i, p in enumerate(rec.projects):
            self.projects.append((p.total, rec.dept, p.name, rec.path, p.sheet, r_off, i))
        if rec.year is not None:
            self.years[rec.year] += 1

    def _load(self, offset: int):
        self.file.seek(offset)
        return pickle.load(self.file)

    def record(self, offset: int) -> FileResult:
        if self._last[0] != offset:  # a department's project rows often come together
            self._last = (offset, self._load(offset))
        return self._last[1]

    def findings(self, offset: int) -> list[dict]:
        return self._load(offset)

    def __len__(self) -> int:
        return len(self.depts)
