"""What kind of file is this, before anything tries to unzip it.

Users send legacy .xls files (read through calamine, see oldformats), password-protected
workbooks (an OLE container holding EncryptionInfo + EncryptedPackage) and documents
renamed to .xlsx; each gets its own sentence instead of a zip error.
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
MSG_DAMAGED_XLS = "文件已损坏：.xls 工作簿结构无法解析，请用 Excel 或 WPS 打开修复后另存"

_ENCRYPTION_STREAMS = {"encryptioninfo", "encryptedpackage"}
_MAX_SECTORS = 1 << 16  # bounds every chain walk in a hostile container


MSG_DEFAULT_PASSWORD = ("文件用 Excel 的默认密码加密（设置“保护工作簿”或“建议只读”时 Excel 自动加的，"
                        "不是您设的打开密码）：请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试")
# Excel encrypts with this password when none was asked for; it opens such files silently
DEFAULT_PASSWORD = "VelvetSweatshop"

ZIP, XLS = "zip", "xls"


def sniff(path: str | os.PathLike) -> str:
    """ZIP (an OOXML or OpenDocument package) or XLS (an unencrypted legacy workbook);
    UnreadableWorkbook for anything else, encrypted files included."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
            if not head:
                raise UnreadableWorkbook(MSG_EMPTY)
            if head == OLE_MAGIC:
                names = _ole_names(f)
                if names.keys() & _ENCRYPTION_STREAMS:
                    raise UnreadableWorkbook(encrypted_message(path))
                _check_biff(f, names)
                return XLS
    except FileNotFoundError as exc:
        raise UnreadableWorkbook("文件不存在") from exc
    except IsADirectoryError as exc:
        raise UnreadableWorkbook("这是一个文件夹，不是 Excel 工作簿") from exc
    except PermissionError as exc:
        raise UnreadableWorkbook("没有读取该文件的权限") from exc
    if head[:4] not in ZIP_MAGICS:
        raise UnreadableWorkbook(MSG_NOT_WORKBOOK)
    return ZIP


def encrypted_message(path) -> str:
    """Which encryption: Excel's default password (the user set none: protected
    structure, read-only recommended) or a password of the user's. Told apart with
    msoffcrypto-tool when it is installed (it comes with oletools); only detection, the
    file is never decrypted here."""
    try:
        import msoffcrypto  # type: ignore[import-not-found]

        with open(path, "rb") as f:
            office = msoffcrypto.OfficeFile(f)
            office.load_key(password=DEFAULT_PASSWORD, verify_password=True)
    except Exception:  # not installed, another password, or a container it cannot read
        return MSG_ENCRYPTED
    return MSG_DEFAULT_PASSWORD


def _ole_names(f) -> dict[str, tuple[int, int]]:
    """Stream names in a compound file's directory, lower-cased, with their first sector
    and size; a damaged container falls back to looking for the encryption stream names
    anywhere in its first bytes."""
    try:
        return _directory_names(f)
    except (struct.error, ValueError, OSError):
        f.seek(0)
        blob = f.read(8 << 20)
        return {n: (0, -1) for n in _ENCRYPTION_STREAMS if n.encode("utf-16-le") in blob.lower()}


def _check_biff(f, names: dict[str, tuple[int, int]]) -> None:
    """An .xls holds a Workbook (or Book) stream that opens with a BOF record; calamine
    panics on some that do not, so they are refused here. Streams under 4096 bytes live
    in the mini stream and are left to calamine."""
    entry = names.get("workbook") or names.get("book")
    if entry is None:
        if "worddocument" in names or "powerpoint document" in names:
            raise UnreadableWorkbook("不是 Excel 工作簿（这是 Word 或 PowerPoint 的旧版文档）")
        raise UnreadableWorkbook(MSG_DAMAGED_XLS)
    start, size = entry
    if size < 4096:
        return
    try:
        f.seek(0)
        shift = struct.unpack_from("<H", f.read(512), 30)[0]
        f.seek((start + 1) << shift)
        head = f.read(4)
    except (struct.error, OSError, ValueError, OverflowError) as exc:
        raise UnreadableWorkbook(MSG_DAMAGED_XLS) from exc
    if head[:2] != b"\x09\x08":
        raise UnreadableWorkbook(MSG_DAMAGED_XLS)


def _directory_names(f) -> dict[str, tuple[int, int]]:
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

    names: dict[str, tuple[int, int]] = {}
    cur, steps = first_dir, 0
    while cur < 0xFFFFFFFA and steps < _MAX_SECTORS:
        data = sector(cur)
        for off in range(0, size, 128):
            n_len = struct.unpack_from("<H", data, off + 64)[0]
            if 2 <= n_len <= 64:
                name = data[off:off + n_len - 2].decode("utf-16-le", "replace").lower()
                names[name] = struct.unpack_from("<II", data, off + 116)
        if cur >= len(fat):
            break
        cur, steps = fat[cur], steps + 1
    return names
