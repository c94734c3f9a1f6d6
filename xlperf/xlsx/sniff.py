"""What kind of file is this, before anything tries to unzip it.

Users send legacy .xls files, password-protected workbooks (an OLE container holding
EncryptionInfo + EncryptedPackage) and documents renamed to .xlsx; each gets its own
sentence instead of a zip error.
"""
from __future__ import annotations

import os
import struct

from ..errors import UnreadableWorkbook

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")  # a member first, or an empty archive

MSG_EMPTY = "文件为空（0 字节），不是 Excel 工作簿"
MSG_NOT_WORKBOOK = "不是 Excel 工作簿（文件内容不是 .xlsx/.xlsm 格式）"
MSG_LEGACY = "这是旧版 .xls 文件，请另存为 .xlsx"
MSG_ENCRYPTED = "文件已加密，请取消密码后再试"

_ENCRYPTION_STREAMS = {"encryptioninfo", "encryptedpackage"}
_MAX_SECTORS = 1 << 16  # bounds every chain walk in a hostile container


def sniff(path: str | os.PathLike) -> None:
    """Raise UnreadableWorkbook unless the file at least looks like a zip package."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
            if not head:
                raise UnreadableWorkbook(MSG_EMPTY)
            if head == OLE_MAGIC:
                names = _ole_names(f)
                if names & _ENCRYPTION_STREAMS:
                    raise UnreadableWorkbook(MSG_ENCRYPTED)
                raise UnreadableWorkbook(MSG_LEGACY)
    except FileNotFoundError as exc:
        raise UnreadableWorkbook("文件不存在") from exc
    except IsADirectoryError as exc:
        raise UnreadableWorkbook("这是一个文件夹，不是 Excel 工作簿") from exc
    except PermissionError as exc:
        raise UnreadableWorkbook("没有读取该文件的权限") from exc
    if head[:4] not in ZIP_MAGICS:
        raise UnreadableWorkbook(MSG_NOT_WORKBOOK)


def _ole_names(f) -> set[str]:
    """Stream names in a compound file's directory, lower-cased; a damaged container
    falls back to looking for the encryption stream names anywhere in its first bytes."""
    try:
        return _directory_names(f)
    except (struct.error, ValueError, OSError):
        f.seek(0)
        blob = f.read(8 << 20)
        return {n for n in _ENCRYPTION_STREAMS if n.encode("utf-16-le") in blob.lower()}


def _directory_names(f) -> set[str]:
    f.seek(0)
    header = f.read(512)
    if len(header) < 512:
        raise ValueError("short header")
    shift = struct.unpack_from("<H", header, 30)[0]
    if shift not in (9, 12):
        raise ValueError("sector size")
    size = 1 << shift
    n_fat, first_dir = struct.unpack_from("<II", header, 44)
    first_difat, n_difat = struct.unpack_from("<II", header, 68)

    def sector(n: int) -> bytes:
        if n >= 0xFFFFFFFA:
            raise ValueError("bad sector")
        f.seek((n + 1) * size)
        data = f.read(size)
        if len(data) < size:
            raise ValueError("truncated")
        return data

    fat_sectors = [s for s in struct.unpack_from("<109I", header, 76) if s < 0xFFFFFFFA]
    nxt, seen = first_difat, 0
    while nxt < 0xFFFFFFFA and seen < min(n_difat, _MAX_SECTORS):
        block = struct.unpack(f"<{size // 4}I", sector(nxt))
        fat_sectors += [s for s in block[:-1] if s < 0xFFFFFFFA]
        nxt, seen = block[-1], seen + 1
    fat_sectors = fat_sectors[: min(n_fat, _MAX_SECTORS)]

    fat: list[int] = []
    for s in fat_sectors:
        fat.extend(struct.unpack(f"<{size // 4}I", sector(s)))

    names: set[str] = set()
    cur, steps = first_dir, 0
    while cur < 0xFFFFFFFA and steps < _MAX_SECTORS:
        data = sector(cur)
        for off in range(0, size, 128):
            n_len = struct.unpack_from("<H", data, off + 64)[0]
            if 2 <= n_len <= 64:
                names.add(data[off:off + n_len - 2].decode("utf-16-le", "replace").lower())
        if cur >= len(fat):
            break
        cur, steps = fat[cur], steps + 1
    return names
