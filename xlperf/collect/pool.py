"""Score many files on a process pool and hand the records back as they finish.

Results stream (`imap_unordered`): the caller spools each record's findings to disk as it
arrives, so nothing but one small record per file stays in memory. The order records
arrive in depends on scheduling; the summary sorts, so `--jobs 1` and `--jobs 8` give
the same workbook.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
from collections.abc import Iterator, Sequence

from ..settings import DEFAULT, Settings
from .score import FileResult, score_file

_settings: Settings = DEFAULT


def default_jobs() -> int:
    """The cores this process may use (a container's CPU set, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # Windows, macOS
        return max(1, os.cpu_count() or 1)


def chunksize(n: int, jobs: int) -> int:
    """Files per task: a file takes ~6 ms, and each task costs the parent (which shares
    the cores with the workers) about a millisecond of pickling and bookkeeping, so
    batches of 16; smaller batches for small runs keep ≥ 8 per worker, so the load stays
    even, the last batch leaves no worker idle for long, and the progress bar moves."""
    return max(1, min(16, n // (jobs * 8)))


def _init(settings: Settings) -> None:
    global _settings
    _settings = settings
    # Ctrl-C reaches the whole process group: the parent stops the pool and says 已中断;
    # workers dying on it would each print a traceback first
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _score(item: tuple[str, str]) -> FileResult:
    path, display = item
    return score_file(path, display, _settings)


def score_all(items: Sequence[tuple[str, str]], jobs: int,
              settings: Settings = DEFAULT) -> Iterator[FileResult]:
    """(path, display) pairs → records, in completion order."""
    jobs = max(1, min(jobs, len(items)))
    if jobs == 1:  # no pool: no process start-up, and a debugger sees everything
        for path, display in items:
            yield score_file(path, display, settings)
        return
    # The platform's default start method: fork on Linux (instant, the engine is already
    # imported), spawn on Windows and macOS (each worker imports xlperf, ~0.3 s once).
    pool = mp.get_context().Pool(jobs, initializer=_init, initargs=(settings,))
    try:
        yield from pool.imap_unordered(_score, items, chunksize(len(items), jobs))
    except BaseException:
        pool.terminate()  # Ctrl-C or a writer failure: do not wait for the remaining files
        raise
    else:
        pool.close()
    finally:
        pool.join()
