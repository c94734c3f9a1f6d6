"""A one-line progress bar on stderr, drawn only on a terminal: in a log file, a pipe or
a scheduled job it would be noise (and carriage returns), so it stays quiet there."""
from __future__ import annotations

import sys
import time

_WIDTH = 30
_MIN_INTERVAL = 0.1  # redraws per second are capped: 10,000 files must not mean 10,000 writes


class Progress:
    def __init__(self, total: int, label: str = "汇总", stream=None, enabled: bool | None = None):
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled and total > 0
        self.done = 0
        self.start = time.monotonic()
        self._last = 0.0
        self._drawn = False

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last >= _MIN_INTERVAL or self.done >= self.total:
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        frac = self.done / self.total
        filled = int(frac * _WIDTH)
        elapsed = now - self.start
        left = elapsed / self.done * (self.total - self.done) if self.done else 0
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'.' * (_WIDTH - filled)}] {self.done}/{self.total} "
            f"{frac:4.0%} 已用 {_clock(elapsed)} 剩余约 {_clock(left)} ")
        self.stream.flush()
        self._drawn = True

    def message(self, line: str) -> None:
        """A line (an unreadable file) printed above the bar without tearing it."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
        print(line, file=self.stream)
        if self._drawn:
            self._draw(time.monotonic())

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    s = int(seconds + 0.5)
    return f"{s // 60}:{s % 60:02d}"
