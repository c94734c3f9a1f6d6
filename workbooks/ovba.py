"""Editing the VBA source inside a vbaProject.bin, written from the specifications:

- [MS-OVBA] 2.4.1 — the compression every VBA source and the `dir` stream use
  (`compress`; `decompress` is the inverse, used to read and to verify);
- [MS-OVBA] 2.3.4 — the `dir` stream's records: each module's MODULEOFFSET says where its
  compressed source starts in its stream (after the p-code, if any);
- [MS-CFB] — the compound file that holds the streams (`write_cfb`): a new file is
  written because an edited module's stream changes size, which olefile cannot do.

How a module is edited (`VbaProject.set_source`): its stream becomes the compressed new
source alone, its MODULEOFFSET becomes 0, and `_VBA_PROJECT` is the 7-byte form with
version 0xFFFF and no performance cache ([MS-OVBA] 2.3.4.1: "MUST be 0xFFFF on write";
the cache "MUST NOT be present on write"). With no compiled state that matches its own
version, Excel compiles every module from its source when the file is opened — the
stale p-code of the other modules is never run.
"""
from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field

# ---- [MS-OVBA] 2.4.1 compression ------------------------------------------------------
CHUNK = 4096
_SIGNATURE = 0x01


def _copy_token_bits(position: int) -> int:
    """Bits of a CopyToken used for the offset, from how far into the chunk we are
    ([MS-OVBA] 2.4.1.3.19.1 CopyToken Help): at least 4, at most 12."""
    difference = max(position, 1)
    bits = (difference - 1).bit_length()
    return max(bits, 4)


def _compress_chunk(data: bytes) -> bytes:
    """One CompressedChunk for up to 4096 bytes of input."""
    out = bytearray()
    heads: dict = {}  # 3-byte prefix → positions in this chunk, most recent last
    pos = 0
    n = len(data)
    while pos < n:
        flag_at = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if pos >= n:
                break
            bits = _copy_token_bits(pos)
            max_len = (0xFFFF >> bits) + 3
            best_len, best_off = 0, 0
            if pos + 3 <= n:
                limit = min(max_len, n - pos)
                for start in reversed(heads.get(data[pos:pos + 3], ())):
                    length = 3
                    while length < limit and data[start + length] == data[pos + length]:
                        length += 1
                    if length > best_len:
                        best_len, best_off = length, pos - start
                        if length == limit:
                            break
            if best_len >= 3:
                token = ((best_off - 1) << (16 - bits)) | (best_len - 3)
                out += struct.pack("<H", token)
                flags |= 1 << bit
                step = best_len
            else:
                out.append(data[pos])
                step = 1
            for p in range(pos, pos + step):
                if p + 3 <= n:
                    heads.setdefault(data[p:p + 3], []).append(p)
            pos += step
        out[flag_at] = flags
    if len(out) > CHUNK:
        if n != CHUNK:
            # a raw chunk always decompresses to 4096 bytes; a short final chunk that does
            # not compress cannot be stored faithfully (VBA source text always compresses)
            raise ValueError("incompressible final chunk")
        return struct.pack("<H", 0x3000 | (CHUNK + 2 - 3)) + data
    return struct.pack("<H", 0xB000 | (len(out) + 2 - 3)) + bytes(out)


def compress(data: bytes) -> bytes:
    """A CompressedContainer: the signature byte, then one chunk per 4096 bytes."""
    out = bytearray([_SIGNATURE])
    for start in range(0, len(data), CHUNK):
        out += _compress_chunk(data[start:start + CHUNK])
    return bytes(out)


def decompress(data: bytes) -> bytes:
    """The inverse of `compress`, for any conforming container ([MS-OVBA] 2.4.1.3.1)."""
    if not data or data[0] != _SIGNATURE:
        raise ValueError("not a CompressedContainer")
    out = bytearray()
    pos = 1
    while pos < len(data):
        header = struct.unpack_from("<H", data, pos)[0]
        size = (header & 0x0FFF) + 3
        end = min(pos + size, len(data))
        chunk_start = len(out)
        if not header & 0x8000:  # raw chunk
            out += data[pos + 2:pos + 2 + CHUNK]
            pos += 2 + CHUNK
            continue
        pos += 2
        while pos < end:
            flags = data[pos]
            pos += 1
            for bit in range(8):
                if pos >= end:
                    break
                if flags & (1 << bit):
                    token = struct.unpack_from("<H", data, pos)[0]
                    pos += 2
                    bits = _copy_token_bits(len(out) - chunk_start)
                    length = (token & (0xFFFF >> bits)) + 3
                    offset = (token >> (16 - bits)) + 1
                    for _ in range(length):
                        out.append(out[-offset])
                else:
                    out.append(data[pos])
                    pos += 1
    return bytes(out)


# ---- [MS-OVBA] 2.3.4.2 the dir stream -------------------------------------------------
PROJECTVERSION = 0x0009  # its size field says 4, six bytes follow
PROJECTCODEPAGE = 0x0003
PROJECTNAME = 0x0004
PROJECTMODULES = 0x000F
MODULENAME = 0x0019
MODULEOFFSET = 0x0031
MODULE_TERMINATOR = 0x002B
DIR_TERMINATOR = 0x0010
PROCEDURAL_MODULE = 0x0021
VBA_PROJECT_HEADER = b"\xcc\x61\xff\xff\x00\x00\x00"  # Reserved1, Version 0xFFFF, no cache


@dataclass
class Record:
    id: int
    data: bytes
    size_field: int | None = None  # PROJECTVERSION keeps its literal size field


def parse_dir(data: bytes) -> list[Record]:
    records = []
    pos = 0
    while pos < len(data):
        rid, size = struct.unpack_from("<HI", data, pos)
        length = 6 if rid == PROJECTVERSION else size
        records.append(Record(rid, data[pos + 6:pos + 6 + length],
                              size if rid == PROJECTVERSION else None))
        pos += 6 + length
    if pos != len(data):
        raise ValueError("dir stream ends inside a record")
    return records


def build_dir(records: list[Record]) -> bytes:
    out = bytearray()
    for r in records:
        size = r.size_field if r.size_field is not None else len(r.data)
        out += struct.pack("<HI", r.id, size) + r.data
    return bytes(out)


# ---- [MS-CFB] reading through olefile, writing here -----------------------------------
SECTOR = 512
MINI = 64
MINI_CUTOFF = 4096
FREESECT, ENDOFCHAIN, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF


@dataclass
class _Node:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    data: bytes = b""
    clsid: bytes = b"\0" * 16
    children: list = field(default_factory=list)
    sid: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    start: int = ENDOFCHAIN


def _cfb_key(name: str):
    """[MS-CFB] 2.6.4: siblings are ordered by name length, then by upper-cased name."""
    return (len(name), name.upper())


def write_cfb(streams: dict, clsids: dict | None = None) -> bytes:
    """A compound file (version 3, 512-byte sectors) holding `streams`, a mapping of
    "storage/…/stream" paths to bytes. Storages are implied by the paths. Deterministic:
    no timestamps, siblings in [MS-CFB] order, each storage's children as a balanced
    binary tree of black nodes."""
    clsids = clsids or {}
    root = _Node("Root Entry", 5, clsid=clsids.get("", b"\0" * 16))
    for path in sorted(streams):
        parts = path.split("/")
        node = root
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            found = next((c for c in node.children if c.name == part), None)
            if found is None:
                found = _Node(part, 2 if last else 1,
                              clsid=clsids.get("/".join(parts[:i + 1]), b"\0" * 16))
                node.children.append(found)
            node = found
        node.data = streams[path]

    order: list[_Node] = []

    def number(node):
        node.sid = len(order)
        order.append(node)
        for c in sorted(node.children, key=lambda c: _cfb_key(c.name)):
            number(c)

    number(root)

    def tree(nodes) -> int:
        if not nodes:
            return NOSTREAM
        mid = len(nodes) // 2
        top = nodes[mid]
        top.left = tree(nodes[:mid])
        top.right = tree(nodes[mid + 1:])
        return top.sid

    for node in order:
        if node.kind != 2:
            node.child = tree(sorted(node.children, key=lambda c: _cfb_key(c.name)))

    # the mini stream: every stream under the cutoff, in 64-byte mini sectors
    mini_data = bytearray()
    mini_fat: list[int] = []
    for node in order:
        if node.kind == 2 and len(node.data) < MINI_CUTOFF:
            if not node.data:
                node.start = ENDOFCHAIN
                continue
            first = len(mini_fat)
            count = -(-len(node.data) // MINI)
            mini_fat += [first + i + 1 for i in range(count - 1)] + [ENDOFCHAIN]
            node.start = first
            mini_data += node.data + b"\0" * (count * MINI - len(node.data))
    root.data = bytes(mini_data)

    fat: list[int] = []
    body = bytearray()

    def place(data: bytes) -> int:
        if not data:
            return ENDOFCHAIN
        first = len(fat)
        count = -(-len(data) // SECTOR)
        fat.extend([first + i + 1 for i in range(count - 1)] + [ENDOFCHAIN])
        body.extend(data + b"\0" * (count * SECTOR - len(data)))
        return first

    root.start = place(root.data)
    big = [n for n in order if n.kind == 2 and len(n.data) >= MINI_CUTOFF]
    for node in big:
        node.start = place(node.data)
    mini_fat_bytes = b"".join(struct.pack("<I", v) for v in mini_fat)
    mini_fat_bytes += b"\xff" * (-len(mini_fat_bytes) % SECTOR)
    first_mini_fat = place(mini_fat_bytes) if mini_fat else ENDOFCHAIN
    entries = b"".join(_dir_entry(n) for n in order)
    entries += _empty_entry() * (-len(order) % (SECTOR // 128))
    first_dir = place(entries)

    # the FAT covers itself: grow until its own sectors fit
    n_fat = 1
    while (len(fat) + n_fat) > n_fat * (SECTOR // 4):
        n_fat += 1
    if n_fat > 109:
        raise ValueError("file too large for a header-only DIFAT")
    fat_start = len(fat)
    fat.extend([FATSECT] * n_fat)
    fat.extend([FREESECT] * (n_fat * (SECTOR // 4) - len(fat)))
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)

    difat = [fat_start + i for i in range(n_fat)] + [FREESECT] * (109 - n_fat)
    header = b"".join([
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\0" * 16,
        struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6), b"\0" * 6,
        struct.pack("<IIIIIIIII", 0, n_fat, first_dir, 0, MINI_CUTOFF, first_mini_fat,
                    len(mini_fat_bytes) // SECTOR if mini_fat else 0, ENDOFCHAIN, 0),
        b"".join(struct.pack("<I", v) for v in difat),
    ])
    assert len(header) == SECTOR
    return header + bytes(body) + fat_bytes


def _dir_entry(n: _Node) -> bytes:
    name = n.name.encode("utf-16-le")
    if len(name) > 62:
        raise ValueError(f"name too long for a compound file: {n.name}")
    size = len(n.data)
    start = n.start if n.kind != 1 else 0
    return b"".join([
        name + b"\0" * (64 - len(name)), struct.pack("<HBB", len(name) + 2, n.kind, 1),
        struct.pack("<III", n.left, n.right, n.child), n.clsid,
        struct.pack("<I", 0), b"\0" * 16, struct.pack("<IQ", start, size),
    ])


def _empty_entry() -> bytes:
    return b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack(
        "<III", NOSTREAM, NOSTREAM, NOSTREAM) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + \
        struct.pack("<IQ", 0, 0)


# ---- a VBA project, read, edited, written ---------------------------------------------
class VbaProject:
    def __init__(self, data: bytes):
        import io

        import olefile

        self.streams: dict[str, bytes] = {}
        self.clsids: dict[str, bytes] = {}
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            for path in ole.listdir(streams=True, storages=True):
                name = "/".join(path)
                if ole.get_type(name) == olefile.STGTY_STREAM:
                    self.streams[name] = ole.openstream(name).read()
                clsid = ole.getclsid(name)
                if clsid:
                    self.clsids[name] = _clsid_bytes(clsid)
            if ole.root.clsid:
                self.clsids[""] = _clsid_bytes(ole.root.clsid)
        self.records = parse_dir(decompress(self.streams["VBA/dir"]))
        page = next(r for r in self.records if r.id == PROJECTCODEPAGE)
        self.codepage = f"cp{struct.unpack('<H', page.data)[0]}"

    def modules(self) -> dict[str, int]:
        """Module name → its source offset in its stream."""
        out, current = {}, None
        for r in self.records:
            if r.id == MODULENAME:
                current = r.data.decode(self.codepage)
            elif r.id == MODULEOFFSET and current is not None:
                out[current] = struct.unpack("<I", r.data)[0]
        return out

    def source(self, module: str) -> str:
        offset = self.modules()[module]
        raw = decompress(self.streams[f"VBA/{module}"][offset:])
        return raw.decode(self.codepage)

    def set_source(self, module: str, text: str) -> None:
        """Replace a module's source (its `Attribute` lines included) and drop its
        p-code; see the module docstring for why Excel then compiles from source."""
        if module not in self.modules():
            raise KeyError(module)
        self.streams[f"VBA/{module}"] = compress(text.encode(self.codepage))
        current = None
        for r in self.records:
            if r.id == MODULENAME:
                current = r.data.decode(self.codepage)
            elif r.id == MODULEOFFSET and current == module:
                r.data = struct.pack("<I", 0)
        self.streams["VBA/dir"] = compress(build_dir(self.records))
        self.streams["VBA/_VBA_PROJECT"] = VBA_PROJECT_HEADER

    def add_module(self, module: str, text: str) -> None:
        """A new standard (procedural) module: its MODULE records ([MS-OVBA] 2.3.4.2.3.2)
        before the dir terminator, PROJECTMODULES counted up, and its lines in the PROJECT
        ([MS-OVBA] 2.3.1.7 ProjectModule) and PROJECTwm (2.3.3) streams."""
        if module in self.modules():
            raise KeyError(f"{module} exists")
        if not module.isascii():
            raise ValueError("module names here are ASCII")
        name, wide = module.encode(self.codepage), module.encode("utf-16-le")
        records = [Record(MODULENAME, name), Record(0x0047, wide),  # MODULENAMEUNICODE
                   Record(0x001A, name), Record(0x0032, wide),  # MODULESTREAMNAME (+ Unicode)
                   Record(0x001C, b""), Record(0x0048, b""),  # MODULEDOCSTRING (+ Unicode)
                   Record(MODULEOFFSET, struct.pack("<I", 0)),
                   Record(0x001E, struct.pack("<I", 0)),  # MODULEHELPCONTEXT
                   Record(0x002C, struct.pack("<H", 0xFFFF)),  # MODULECOOKIE
                   Record(PROCEDURAL_MODULE, b""), Record(MODULE_TERMINATOR, b"")]
        end = next(i for i, r in enumerate(self.records) if r.id == DIR_TERMINATOR)
        self.records[end:end] = records
        count = next(r for r in self.records if r.id == PROJECTMODULES)
        count.data = struct.pack("<H", struct.unpack("<H", count.data)[0] + 1)
        self.streams[f"VBA/{module}"] = compress(text.encode(self.codepage))
        self.streams["VBA/dir"] = compress(build_dir(self.records))
        self.streams["VBA/_VBA_PROJECT"] = VBA_PROJECT_HEADER
        lines = self.streams["PROJECT"].split(b"\r\n")
        last = max(i for i, line in enumerate(lines)
                   if line.split(b"=", 1)[0] in (b"Module", b"Document", b"Class", b"BaseClass"))
        lines.insert(last + 1, b"Module=" + name)
        self.streams["PROJECT"] = b"\r\n".join(lines)
        if "PROJECTwm" in self.streams:  # NameMap: ends with a 2-byte terminator
            self.streams["PROJECTwm"] = (self.streams["PROJECTwm"][:-2] + name + b"\0" + wide
                                         + b"\0\0" + b"\0\0")

    def set_project_name(self, project: str) -> None:
        """The VBA project's name (VBE's project explorer, Application.Run prefixes):
        PROJECTNAME in dir, Name= in the PROJECT stream."""
        if not project.isascii() or not project.isidentifier():
            raise ValueError("a VBA project name is an ASCII identifier")
        name = project.encode(self.codepage)
        next(r for r in self.records if r.id == PROJECTNAME).data = name
        self.streams["VBA/dir"] = compress(build_dir(self.records))
        self.streams["PROJECT"] = re.sub(rb'(?m)^Name="[^"]*"', b'Name="' + name + b'"',
                                         self.streams["PROJECT"])

    def project_name(self) -> str:
        return next(r for r in self.records if r.id == PROJECTNAME).data.decode(self.codepage)

    def to_bytes(self) -> bytes:
        return write_cfb(self.streams, self.clsids)


def _clsid_bytes(text: str) -> bytes:
    import uuid

    return uuid.UUID(text).bytes_le
