"""Replace a file so that whoever looks at its path sees the old workbook or the new
one, never half of one: write a temp file in the same folder, fsync, os.replace.

The temp is removed on every error path that Python sees (a SIGKILL can leave one
behind, never at the target path). Excel's lock file `~$<name>` beside a workbook means
the user has it open: rewriting it then would lose their next save, so we refuse.
"""
from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
from pathlib import Path

from ..errors import WorkbookLocked, WriteFailed

MSG_LOCKED = "文件正在 Excel 中打开，请关闭后重试"
_KEPT = "原文件未改动"


def lock_file(target: Path) -> Path:
    return target.with_name("~$" + target.name)


def backup_path(target: Path) -> Path:
    """`预算.xlsx` → `预算.bak.xlsx`: the extension stays, so Excel still opens it (and an
    .xlsm backup keeps its macros enabled); each backup replaces the previous one."""
    return target.with_name(f"{target.stem}.bak{target.suffix}")


def check_lock(target: Path) -> None:
    if lock_file(target).exists():
        raise WorkbookLocked(MSG_LOCKED, path=str(target))


def write_failed(exc: OSError, target: Path) -> WriteFailed:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        msg = f"磁盘空间不足，无法写入结果；{_KEPT}"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        msg = f"没有写入权限（文件或文件夹是只读的，或文件被其他程序占用）；{_KEPT}"
    elif exc.errno == errno.ENOENT:
        msg = f"目标文件夹不存在，无法写入；{_KEPT}"
    else:
        code = errno.errorcode.get(exc.errno, exc.errno) if exc.errno else type(exc).__name__
        msg = f"写入失败（系统错误 {code}）；{_KEPT}"
    return WriteFailed(msg, path=str(target))


class AtomicFile:
    """`with AtomicFile(target, backup) as f:` write into f; on a clean exit the file
    replaces `target` (after copying the old one to backup_path when asked)."""

    def __init__(self, target, backup: bool = False):
        self.target = Path(target)
        self.backup = backup
        self.tmp: Path | None = None
        self.f = None

    def __enter__(self):
        t = self.target
        self._mode = None
        if t.exists():
            st = t.stat()
            if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) \
                    or not os.access(t, os.W_OK):
                raise WriteFailed(f"文件是只读的，无法写入；{_KEPT}", path=str(t))
            self._mode = stat.S_IMODE(st.st_mode)
        self.tmp = t.with_name(f".{t.name}.{secrets.token_hex(4)}.xlperf-tmp")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(self.tmp, flags, 0o666)
        except OSError as exc:
            self.tmp = None
            raise write_failed(exc, t) from exc
        self.f = os.fdopen(fd, "wb")
        return self.f

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            self._discard()
            if isinstance(exc, OSError):
                raise write_failed(exc, self.target) from exc
            return False
        try:
            self.f.flush()
            os.fsync(self.f.fileno())
            self.f.close()
            if self._mode is not None:
                os.chmod(self.tmp, self._mode)
            if self.backup and self.target.exists():
                self._make_backup()
            os.replace(self.tmp, self.target)
        except OSError as e:
            self._discard()
            raise write_failed(e, self.target) from e
        _fsync_dir(self.target.parent)
        return False

    def _make_backup(self) -> None:
        bak = backup_path(self.target)
        tmp = bak.with_name(f".{bak.name}.{secrets.token_hex(4)}.xlperf-tmp")
        try:
            shutil.copy2(self.target, tmp)
            os.replace(tmp, bak)
        finally:
            if tmp.exists():
                tmp.unlink()

    def _discard(self) -> None:
        try:
            if self.f is not None and not self.f.closed:
                self.f.close()
        except OSError:
            pass
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass  # already gone, or nothing more to do: the target is untouched


def _fsync_dir(folder: Path) -> None:
    # makes the rename itself durable on POSIX; Windows cannot open a folder this way
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
