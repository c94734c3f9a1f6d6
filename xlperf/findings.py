"""Findings (checks.md): one fixed shape, stable codes, Chinese severity labels."""
from __future__ import annotations

import re
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITY_LABEL = {ERROR: "错误", WARNING: "警告", INFO: "提示"}
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")

# code → default severity (checks.md); RATE_MISMATCH and SUM_MISMATCH may be lowered
CODES = {
    "SUM_MISMATCH": ERROR,
    "SUBSET_EXCEEDS": ERROR,
    "RATE_MISMATCH": ERROR,
    "SCORE_MISMATCH": ERROR,
    "SCORE_OVER_WEIGHT": ERROR,
    "QUAL_BAND": ERROR,
    "WEIGHT_SUM": ERROR,
    "TOTAL_MISMATCH": ERROR,
    "GRADE_MISMATCH": ERROR,
    "TEXT_SCORE_MISMATCH": ERROR,
    "MISSING_VALUE": ERROR,
    "BAD_NUMBER": ERROR,
    "PLACEHOLDER": ERROR,
    "FORMULA_OVERWRITTEN": WARNING,
    "DEVIATION_REASON_MISSING": WARNING,
    "OVER_TARGET": WARNING,
    "EXEC_RATE_LOW": WARNING,
    "UNIT_SUSPECT": WARNING,
    "DATE_ANOMALY": WARNING,
    "TYPED_REPLACED": WARNING,  # refresh replaced a typed figure by the rule's (said in the note)
    # the 自评报告 (docs/report-checks.md)
    "REPORT_SCORE_CONFLICT": ERROR,
    "REPORT_WORKBOOK_MISMATCH": ERROR,
    "REPORT_COUNT_MISMATCH": WARNING,
    "REPORT_CITATION": WARNING,
    "REPORT_NUMBERING": WARNING,
    "REPORT_TYPO": WARNING,
    "REPORT_UNFILLED": INFO,
    "STALE_SCORE": INFO,
    "UNKNOWN_TIER": INFO,
    "SHEET_SKIPPED": INFO,
}


@dataclass(frozen=True)
class Finding:
    sheet: str
    cell: str
    code: str
    message: str
    severity: str = ""
    expected: str | None = None
    found: str | None = None
    file: str = ""

    def __post_init__(self):
        if self.code not in CODES:
            raise ValueError(f"unknown finding code {self.code}")
        if not self.severity:
            object.__setattr__(self, "severity", CODES[self.code])
        if "\n" in self.message or "\r" in self.message:
            # a message quotes cells, and a cell may hold line breaks (Alt+Enter): the
            # message stays one line in the CLI table, the JSON and the 校验结果 sheet
            object.__setattr__(self, "message", _LINE_BREAKS.sub(" ", self.message).strip())

    @property
    def label(self) -> str:
        return SEVERITY_LABEL[self.severity]

    def to_json(self) -> dict:
        # every field is a str or None: no asdict (a deep copy) for thousands of findings
        return {k: getattr(self, k) for k in ("file", "sheet", "cell", "code", "severity",
                                              "message", "expected", "found")}


def counts(findings) -> dict:
    c = {ERROR: 0, WARNING: 0, INFO: 0}
    for f in findings:
        c[f.severity] += 1
    return c
