"""Rewrite a zip keeping every untouched member byte for byte.

Untouched members are copied raw: local header, compressed data and data descriptor
exactly as they were, and their central-directory records verbatim except the offset.
Only replaced and added members are (re)compressed. This is what makes "every part we
did not edit is byte-identical" hold, vbaProject.bin and printer settings included.
"""
from __future__ import annotations

import struct
import time
import zipfile
import zlib
from dataclasses import dataclass

from ..errors import UnreadableWorkbook, WriteFailed

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_MAX32 = 0xFFFFFFFF
_COPY = 1 << 20


@dataclass
class _Entry:
    info: zipfile.ZipInfo
    central: bytes  # the original central-directory record
    start: int  # local header offset in the source
    end: int  # where the next member (or the central directory) begins


def _dos_time(t: tuple) -> tuple[int, int]:
    y, mo, d, h, mi, s = t[:6]
    return (h << 11) | (mi << 5) | (s // 2), ((max(y, 1980) - 1980) << 9) | (mo << 5) | d


class ZipRewriter:
    """`write(out, replace={name: bytes}, add=[(name, bytes)])` on a source zip;
    `compress=False` stores the replaced and added members as they are."""

    def __init__(self, fileobj, zf: zipfile.ZipFile):
        self.f = fileobj
        self.zf = zf
        self.entries = self._entries()

    def _entries(self) -> list[_Entry]:
        infos = self.zf.infolist()
        cd_start = self.zf.start_dir
        self.f.seek(cd_start)
        records = []
        for _info in infos:
            fixed = self.f.read(_CENTRAL.size)
            if len(fixed) < _CENTRAL.size or fixed[:4] != b"PK\x01\x02":
                raise UnreadableWorkbook("文件已损坏（zip 目录不完整），请用 Excel 打开修复后另存")
            f = _CENTRAL.unpack(fixed)
            csize, usize, offset = f[10], f[11], f[18]
            if _MAX32 in (csize, usize, offset):
                raise UnreadableWorkbook("不支持 ZIP64 格式的工作簿，请用 Excel 另存后再试")
            records.append(fixed + self.f.read(f[12] + f[13] + f[14]))
        offsets = sorted(i.header_offset for i in infos)
        if len(set(offsets)) != len(offsets):
            raise UnreadableWorkbook("文件结构异常（zip 条目相互重叠），已拒绝处理")
        nxt = dict(zip(offsets, offsets[1:] + [cd_start]))
        return [_Entry(i, rec, i.header_offset, nxt[i.header_offset])
                for i, rec in zip(infos, records)]

    def write(self, out, replace: dict[str, bytes], add: list[tuple[str, bytes]],
              compress: bool = True) -> None:
        central = []
        pos = 0
        for e in self.entries:
            name = e.info.filename
            if name in replace:
                local, cen = _new_member(name, replace[name], pos, e, compress)
                out.write(local)
                pos += len(local)
            else:
                cen = e.central[:42] + struct.pack("<L", _check32(pos)) + e.central[46:]
                pos += self._copy(out, e.start, e.end - e.start)
            central.append(cen)
        for name, data in add:
            local, cen = _new_member(name, data, pos, None, compress)
            out.write(local)
            pos += len(local)
            central.append(cen)
        cd = b"".join(central)
        comment = self.zf.comment or b""
        out.write(cd)
        out.write(_END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(cd),
                            _check32(pos), len(comment)) + comment)

    def _copy(self, out, start: int, length: int) -> int:
        self.f.seek(start)
        left = length
        while left:
            chunk = self.f.read(min(_COPY, left))
            if not chunk:
                raise UnreadableWorkbook("文件已损坏（zip 数据不完整），请用 Excel 打开修复后另存")
            out.write(chunk)
            left -= len(chunk)
        return length


def _check32(n: int) -> int:
    if n >= _MAX32:
        raise WriteFailed("结果超过 4 GB，无法写入")
    return n


def _new_member(name: str, data: bytes, offset: int, orig: _Entry | None,
                compress: bool = True) -> tuple[bytes, bytes]:
    """Local record (header + data) and central record of a (re)written member; a
    replaced member keeps its original's flags, attributes, timestamp and extra field."""
    crc = zlib.crc32(data)
    raw_name = name.encode("utf-8")
    if orig is None:
        stored = False
        t, d = _dos_time(time.localtime())
        create_version, create_system, extract_version = 20, 0, 20
        flags = 0x800 if not name.isascii() else 0
        extra, comment, internal, external = b"", b"", 0, 0
        raw_name_c = raw_name
    else:
        f = _CENTRAL.unpack(orig.central[:46])
        create_version, create_system, extract_version = f[1], f[2], max(f[3], 20)
        flags = f[5] & ~0x08  # sizes now go in the local header, no data descriptor
        stored = f[6] == zipfile.ZIP_STORED
        t, d = f[7], f[8]
        n, m, k = f[12], f[13], f[14]
        raw_name_c = orig.central[46:46 + n]
        extra = orig.central[46 + n:46 + n + m]
        comment = orig.central[46 + n + m:46 + n + m + k]
        internal, external = f[16], f[17]
        raw_name = raw_name_c
    if stored or not compress:
        method, payload = zipfile.ZIP_STORED, data
    else:
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        method, payload = zipfile.ZIP_DEFLATED, c.compress(data) + c.flush()
    size, csize = _check32(len(data)), _check32(len(payload))
    local = _LOCAL.pack(b"PK\x03\x04", extract_version, 0, flags, method, t, d, crc, csize,
                        size, len(raw_name), 0) + raw_name + payload
    cen = _CENTRAL.pack(b"PK\x01\x02", create_version, create_system, extract_version, 0,
                        flags, method, t, d, crc, csize, size, len(raw_name_c), len(extra),
                        len(comment), 0, internal, external, _check32(offset))
    return local, cen + raw_name_c + extra + comment
