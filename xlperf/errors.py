"""One exception tree. Every message is one Chinese line a user can act on; the CLI
prints it and exits with status 2."""
from __future__ import annotations


class XlperfError(Exception):
    """A file or argument problem: not a finding about the figures, a reason to stop."""

    def __init__(self, message: str, path: str | None = None):
        self.path = path
        super().__init__(message)

    def line(self) -> str:
        return f"{self.path}：{self}" if self.path else str(self)


class UnreadableWorkbook(XlperfError):
    """Not a workbook xlperf can read: empty, not a zip, encrypted, legacy .xls, broken."""


class LimitExceeded(UnreadableWorkbook):
    """A part or a sheet is larger than the configured limits (zip bombs, huge sheets)."""


class WorkbookLocked(XlperfError):
    """Excel has the workbook open (a ~$ lock file beside it)."""


class WriteFailed(XlperfError):
    """The result could not be written (read-only file, full disk); the original is kept."""


class UsageError(XlperfError):
    """Wrong command-line arguments."""
