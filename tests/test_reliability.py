"""Issue 7 at the command line: whatever arrives by email, xlperf answers with one
Chinese line and exit status 2, never a traceback and never a touched original.

The reader and writer unit tests (test_xlsx_reader.py, test_xlsx_writer.py) prove each
guard on its own; these tests drive `xlperf.cli.main` (and a real `xlperf` process where
memory or SIGKILL is the point) over the same kinds of files, generated here, and check
what a user sees: the exit status, the one stderr line naming the file and the reason,
the original's bytes, the folder's listing (no temp file left), and for hostile files
the peak memory of the process.
"""
from __future__ import annotations

import dataclasses
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree
from test_xlsx_samples import build_plain_xlsx, ole_container, rebuild_zip

from xlperf.actions import new_workbook, read
from xlperf.cli import main
from xlperf.engine import REFRESH, build_plan
from xlperf.errors import LimitExceeded
from xlperf.example import example_department
from xlperf.findings import CODES
from xlperf.plan import CellWrite, Plan
from xlperf.xlsx import apply_plan, read_formulas, read_workbook

REPO = Path(__file__).resolve().parents[1]
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
M = "{%s}" % MAIN_NS
FORMULA_START = ("=", "+", "-", "@")
GB = 1 << 30
MSG_LOCKED = "文件正在 Excel 中打开，请关闭后重试"
TEMP = re.compile(r"^\..+\.[0-9a-f]{8}\.xlperf-tmp$")  # AtomicFile's temp name


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str, *needles: str) -> str:
    """stderr is exactly one line, with no traceback, holding every needle."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "内部错误" not in err, err
    for n in needles:
        assert n in lines[0], (n, lines[0])
    return lines[0]


def listing(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes: a changed original or a stray temp file
    shows up as a difference."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def department(tmp_path_factory) -> Path:
    """A filled department workbook, refreshed (what a department sends)."""
    path = tmp_path_factory.mktemp("dept") / "示例部门.xlsx"
    new_workbook(path, data=example_department())
    return path


# -- every unreadable input -------------------------------------------------------------

def _ole_workbook() -> bytes:
    return ole_container({"Workbook": b"\x09\x08" + b"\0" * 5000,
                          "\x05SummaryInformation": b"\0" * 200})


def _ole_encrypted() -> bytes:
    return ole_container({"EncryptionInfo": b"\x04\0\x04\0" + b"\0" * 300,
                          "EncryptedPackage": b"\0" * 9000})


def _really_encrypted(dept: Path, dst: Path) -> None:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    with open(dept, "rb") as src, open(dst, "wb") as out:
        ooxml.OOXMLFile(src).encrypt("密码123", out)


SHEET3 = "xl/worksheets/sheet3.xml"  # a project sheet of the department workbook


def _corrupt_member(dept: Path, dst: Path) -> None:
    data = bytearray(dept.read_bytes())
    info = zipfile.ZipFile(dept).getinfo(SHEET3)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 8, start + info.compress_size - 8, 7):
        data[k] ^= 0x5A
    dst.write_bytes(bytes(data))


def _xlsb(dept: Path, dst: Path) -> None:
    with zipfile.ZipFile(dst, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.bin", b"\x83\x01\0")


# kind → (file name, how to make it from the department workbook, reason in the line)
UNREADABLE = {
    "empty": ("空文件.xlsx", lambda d, p: p.write_bytes(b""), "为空"),
    "text-renamed": ("导出数据.xlsx", lambda d, p: p.write_text("项目,预算\n甲,100\n", "utf-8"),
                     "不是 Excel 工作簿"),
    # .xls is read since issue 12: an OLE file whose Workbook stream is zeros is damage
    # to check; refresh and add-project refuse any .xls first (never rewritten)
    "legacy-xls": ("去年的表.xls", lambda d, p: p.write_bytes(_ole_workbook()), ".xls"),
    "legacy-renamed": ("改了后缀.xlsx", lambda d, p: p.write_bytes(_ole_workbook()), ".xls"),
    "encrypted-ole": ("加密.xlsx", lambda d, p: p.write_bytes(_ole_encrypted()), "文件已加密"),
    "encrypted-real": ("真加密.xlsx", _really_encrypted, "文件已加密"),
    "truncated-half": ("截断.xlsx",
                       lambda d, p: p.write_bytes(d.read_bytes()[:d.stat().st_size // 2]), "损坏"),
    "truncated-tail": ("少了结尾.xlsx", lambda d, p: p.write_bytes(d.read_bytes()[:-40]), "损坏"),
    "no-workbook-xml": ("缺工作簿.xlsx", lambda d, p: rebuild_zip(d, p, drop={"xl/workbook.xml"}),
                        "xl/workbook.xml"),
    "missing-sheet-part": ("缺表.xlsx", lambda d, p: rebuild_zip(d, p, drop={SHEET3}),
                           "缺失"),
    "corrupt-member": ("坏数据.xlsx", _corrupt_member, "损坏"),
    "xlsb": ("二进制.xlsb", _xlsb, ".xlsx"),
}


@pytest.fixture(params=sorted(UNREADABLE))
def unreadable(request, department, tmp_path) -> tuple[Path, str]:
    name, make, reason = UNREADABLE[request.param]
    folder = tmp_path / "收件箱"
    folder.mkdir()
    path = folder / name
    make(department, path)
    return path, reason


COMMANDS = {
    "check": lambda f, t: ["check", f],
    "check-json": lambda f, t: ["check", f, "--json"],
    "check-annotate": lambda f, t: ["check", f, "--annotate", t / "批注"],
    "refresh": lambda f, t: ["refresh", f],
    "refresh-backup": lambda f, t: ["refresh", f, "--backup"],
    "refresh-out": lambda f, t: ["refresh", f, "-o", t / "另存.xlsx"],
    "add-project": lambda f, t: ["add-project", f, "--name", "新项目"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unreadable_file_is_one_line_and_exit_2(capsys, unreadable, command, tmp_path):
    path, reason = unreadable
    before = listing(path.parent)
    code, out, err = run(capsys, *COMMANDS[command](path, tmp_path))
    assert code == 2
    one_line(err, path.name, reason)
    assert listing(path.parent) == before  # original untouched, no temp, no backup
    assert not (tmp_path / "另存.xlsx").exists()
    annotated = tmp_path / "批注"
    assert not annotated.exists() or not any(annotated.iterdir())
    if command == "check-json":
        assert json.loads(out) == []  # stdout is still one JSON array


def _collect_or_skip():
    collect = pytest.importorskip("xlperf.collect")
    if not hasattr(collect, "run_collect"):
        pytest.skip("xlperf collect is not there yet")
    return collect


def test_unreadable_file_through_collect(capsys, unreadable, tmp_path):
    _collect_or_skip()
    path, reason = unreadable
    before = listing(path.parent)
    code, out, err = run(capsys, "collect", path.parent, "-o", tmp_path / "汇总.xlsx", "--jobs", "1")
    assert code == 2
    assert "Traceback" not in err and "内部错误" not in err, err
    naming = [line for line in err.splitlines() if path.name in line]
    assert len(naming) == 1 and reason in naming[0], err  # one line per bad file
    assert listing(path.parent) == before


def test_unreadable_file_named_directly_to_collect(capsys, tmp_path):
    _collect_or_skip()
    bad = tmp_path / "空文件.xlsx"
    bad.write_bytes(b"")
    code, out, err = run(capsys, "collect", bad, "-o", tmp_path / "汇总.xlsx", "--jobs", "1")
    assert code == 2 and "Traceback" not in err
    assert [line for line in err.splitlines() if "空文件.xlsx" in line and "为空" in line]
    assert bad.read_bytes() == b""


def test_a_file_that_vanished_or_is_a_folder(capsys, tmp_path):
    code, out, err = run(capsys, "refresh", tmp_path / "没有这个文件.xlsx")
    one_line(err, "没有这个文件.xlsx")
    assert code == 2
    (tmp_path / "像文件的文件夹.xlsx").mkdir()
    code, out, err = run(capsys, "refresh", tmp_path / "像文件的文件夹.xlsx")
    one_line(err, "像文件的文件夹.xlsx", "文件夹")
    assert code == 2


# -- hostile inputs, measured in a real process -----------------------------------------

# The child reports its own peak: VmHWM of its address space. ru_maxrss would not do on
# Linux: a child started by fork/vfork + exec inherits the parent's high-water mark, so
# it reads as large as the pytest process itself.
_MEASURED = textwrap.dedent("""
    import resource, sys
    cap = 3 << 30  # a regression fails this test, not the machine running it
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    def peak():
        try:
            with open("/proc/self/status") as f:
                return next(int(l.split()[1]) * 1024 for l in f if l.startswith("VmHWM:"))
        except (OSError, StopIteration):
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    from xlperf.cli import main
    try:
        code = main(sys.argv[2:])
    finally:
        with open(sys.argv[1], "w") as f:
            f.write(str(peak()))
    sys.exit(code)
""")


def run_measured(tmp_path: Path, *argv, env: dict | None = None) -> tuple[int, str, str, int]:
    """`xlperf argv…` in a fresh interpreter: exit status, stdout, stderr, peak RSS bytes."""
    peak_file = tmp_path / f"peak-{time.monotonic_ns()}.txt"
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURED, str(peak_file), *map(str, argv)],
        capture_output=True, text=True, timeout=300, cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})})
    peak = int(peak_file.read_text()) if peak_file.exists() else -1
    return proc.returncode, proc.stdout, proc.stderr, peak


def _with_sheet(src: Path, dst: Path, member: str, pieces, level: int = 1,
                compression=zipfile.ZIP_DEFLATED) -> None:
    """`src` with `member` replaced by streamed pieces (never held whole in memory)."""
    rebuild_zip(src, dst, drop={member})
    with zipfile.ZipFile(dst, "a", compression, compresslevel=level) as z:
        with z.open(member, "w") as f:
            for piece in pieces:
                f.write(piece)


def _head(xml: bytes) -> bytes:
    return xml.split(b"<sheetData")[0] + b"<sheetData>"


def entity_bomb(dept: Path, dst: Path) -> None:
    """Billion laughs: ten levels of ten references, 10^9 copies of a short string."""
    member = SHEET3
    xml = zipfile.ZipFile(dept).read(member)
    dtd = ('<!DOCTYPE worksheet [<!ENTITY a0 "哈哈哈哈哈哈哈哈">'
           + "".join(f'<!ENTITY a{k} "{("&a%d;" % (k - 1)) * 10}">' for k in range(1, 10))
           + "]>").encode()
    decl_end = xml.find(b"?>") + 2
    xml = xml[:decl_end] + dtd + xml[decl_end:]
    xml = xml.replace(b"<sheetData>", b'<sheetData><row r="1"><c r="A1" t="inlineStr">'
                      b"<is><t>&a9;</t></is></c></row>", 1)
    rebuild_zip(dept, dst, replace={member: xml})


def deflate_bomb(dept: Path, dst: Path, mib: int = 300) -> None:
    """A sheet part that inflates to 300 MiB (over the 200 MB part limit) from ~1 MB."""
    member = SHEET3
    row = b'<row r="1"><c r="A1"><v>0</v></c></row>' * 27_000  # ~1 MiB
    _with_sheet(dept, dst, member, [_head(zipfile.ZipFile(dept).read(member))] + [row] * mib
                + [b"</sheetData></worksheet>"], level=9)


def shared_string_workbook(dst: Path, size: int, refs: int) -> None:
    """One shared string of `size` random characters (so it does not compress
    suspiciously) referenced by `refs` cells."""
    import base64

    base = dst.with_name(dst.stem + "-plain.xlsx")
    build_plain_xlsx(base, sheets=1, rows=1, cols=2)
    text = base64.b64encode(random.Random(7).randbytes(size * 3 // 4))
    sst = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}" count="{refs}" '
           f'uniqueCount="1"><si><t>').encode() + text + b"</t></si></sst>"
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>'
                    for r in range(1, refs + 1))
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><sheetData>'
             f"{cells}</sheetData></worksheet>").encode()
    z = zipfile.ZipFile(base)
    types = z.read("[Content_Types].xml").replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    rels = z.read("xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        b"</Relationships>")
    rebuild_zip(base, dst, replace={"xl/worksheets/sheet1.xml": sheet, "[Content_Types].xml": types,
                                    "xl/_rels/workbook.xml.rels": rels},
                add={"xl/sharedStrings.xml": sst})
    base.unlink()


def shared_string_bomb(dept: Path, dst: Path) -> None:
    """A 2 MB shared string referenced by 300 cells: calamine would copy it into each,
    600 MB from a 1.5 MB file (found by this issue: before, 3 GB and 45 s)."""
    shared_string_workbook(dst, 2_000_000, 300)


def many_sheets_bomb(dept: Path, dst: Path) -> None:
    """Three sheets of 1.5 million cells each: every sheet is under the 2 million
    per-sheet limit, the workbook (4.5 million, ~1.5 GB as Python values) is not."""
    base = dst.with_name("plain.xlsx")
    build_plain_xlsx(base, sheets=3, rows=1, cols=2)
    members = [f"xl/worksheets/sheet{i}.xml" for i in (1, 2, 3)]
    rebuild_zip(base, dst, drop=set(members))
    head = f'<?xml version="1.0"?><worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()

    def rows():
        yield head
        for r in range(1, 150_001):
            cells = [f'<c r="{c}{r}"><v>{r}</v></c>' for c in "ABCDEFGHIJ"]
            yield "".join([f'<row r="{r}">', *cells, "</row>"]).encode()
        yield b"</sheetData></worksheet>"

    with zipfile.ZipFile(dst, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for member in members:
            with z.open(member, "w") as f:
                for piece in rows():
                    f.write(piece)
    base.unlink()


HOSTILE = {
    "entity-bomb": (entity_bomb, "实体"),
    "deflate-bomb": (deflate_bomb, "200 MB 上限"),
    "shared-string-bomb": (shared_string_bomb, "400 MB 上限"),
    "many-sheets": (many_sheets_bomb, "4000000 个单元格上限"),
}


@pytest.fixture(scope="module", params=sorted(HOSTILE))
def hostile(request, department, tmp_path_factory) -> tuple[Path, str]:
    make, reason = HOSTILE[request.param]
    path = tmp_path_factory.mktemp("hostile") / f"{request.param}.xlsx"
    make(department, path)
    assert path.stat().st_size < 20 << 20  # what fits in an email
    return path, reason


@pytest.mark.skipif(sys.platform == "win32", reason="the memory probe uses resource and /proc")
@pytest.mark.parametrize("command", ["check", "refresh"])
def test_hostile_file_is_refused_with_bounded_memory(hostile, command, tmp_path):
    """Refused with one line; the process never grows past 1.5 GB (measured in a child
    process: its VmHWM). Time is measured in benchmarks/bench_hostile.py, not here."""
    path, reason = hostile
    before = path.read_bytes()
    code, out, err, peak = run_measured(tmp_path, command, path)
    assert code == 2, err[-2000:]
    one_line(err, path.name, reason)
    assert 0 < peak < 1.5 * GB, peak
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.xlperf-tmp"))


ODS = REPO / "tests" / "files" / "valid-libreoffice.ods"


def ods_repeat_bomb(dst: Path, rows: int = 1048576, cols: int = 16384) -> None:
    """The LibreOffice .ods with one filled cell repeated `cols` times across a row
    repeated `rows` times: a few hundred bytes that expand to 17 billion cells."""
    with zipfile.ZipFile(ODS) as z:
        items = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            if info.filename == "content.xml":
                text = data.decode()
                start, end = text.index("<table:table-row"), text.index("</table:table>")
                data = (text[:start] + f'<table:table-row table:number-rows-repeated="{rows}">'
                        '<table:table-cell office:value-type="float" office:value="1" '
                        f'table:number-columns-repeated="{cols}"/></table:table-row>'
                        + text[end:]).encode()
            z.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)


@pytest.mark.skipif(sys.platform == "win32", reason="the memory probe uses resource and /proc")
@pytest.mark.parametrize("command", ["check", "collect"])
def test_ods_repeat_bomb_is_refused_with_bounded_memory(command, tmp_path):
    path = tmp_path / "重复.ods"
    ods_repeat_bomb(path)
    argv = [command, path] + (["-o", tmp_path / "汇总.xlsx", "--jobs", "1"] if command == "collect" else [])
    code, out, err, peak = run_measured(tmp_path, *argv)
    assert code == 2, err[-2000:]
    assert "上限" in err and "Traceback" not in err
    assert 0 < peak < 1.5 * GB, peak


def test_limits_are_raised_through_the_environment(capsys, monkeypatch, department, tmp_path):
    """XLPERF_MAX_PART_MB and XLPERF_MAX_CELLS, read in one place (settings.from_env)."""
    big = tmp_path / "大表.xlsx"
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="inlineStr"><is>'
                   f"<t>第{r}行说明文字</t></is></c></row>" for r in range(1, 30_001))
    member = "xl/worksheets/sheet1.xml"
    base = tmp_path / "plain.xlsx"
    build_plain_xlsx(base, sheets=1, rows=1, cols=2)
    xml = (f'<?xml version="1.0"?><worksheet xmlns="{MAIN_NS}"><sheetData>{rows}</sheetData>'
           "</worksheet>")
    rebuild_zip(base, big, replace={member: xml.encode()})
    assert run(capsys, "check", big)[0] == 0  # ~2 MB, 60,000 cells: fine by default

    monkeypatch.setenv("XLPERF_MAX_PART_MB", "1")
    code, out, err = run(capsys, "check", big)
    assert code == 2
    one_line(err, "大表.xlsx", "1 MB 上限", "XLPERF_MAX_PART_MB")
    monkeypatch.setenv("XLPERF_MAX_PART_MB", "5")
    assert run(capsys, "check", big)[0] == 0

    monkeypatch.setenv("XLPERF_MAX_CELLS", "50000")
    code, out, err = run(capsys, "check", big)
    assert code == 2
    one_line(err, "大表.xlsx", "50000 上限", "XLPERF_MAX_CELLS")
    monkeypatch.setenv("XLPERF_MAX_CELLS", "70000")
    assert run(capsys, "check", big)[0] == 0

    # the workbook as a whole may hold twice the per-sheet limit
    three = tmp_path / "三张表.xlsx"
    build_plain_xlsx(three, sheets=3, rows=30, cols=10)  # 300 cells a sheet
    monkeypatch.setenv("XLPERF_MAX_CELLS", "400")
    code, out, err = run(capsys, "check", three)
    assert code == 2
    one_line(err, "三张表.xlsx", "合计超过 800 个单元格上限")
    monkeypatch.setenv("XLPERF_MAX_CELLS", "450")
    assert run(capsys, "check", three)[0] == 0

    # the department workbook refreshes under the defaults and under tight-but-sane limits
    monkeypatch.setenv("XLPERF_MAX_PART_MB", "2")
    monkeypatch.setenv("XLPERF_MAX_CELLS", "20000")
    target = tmp_path / "部门.xlsx"
    shutil.copy(department, target)
    assert run(capsys, "refresh", target)[0] in (0, 1)


@pytest.mark.parametrize("var, value", [
    ("XLPERF_MAX_PART_MB", "abc"), ("XLPERF_MAX_PART_MB", "0"), ("XLPERF_MAX_PART_MB", "-5"),
    ("XLPERF_MAX_CELLS", "1.5"), ("XLPERF_MAX_CELLS", "２００"), ("XLPERF_MAX_CELLS", "1e6"),
])
def test_bad_limit_in_the_environment_is_a_usage_error(capsys, monkeypatch, department, var, value):
    monkeypatch.setenv(var, value)
    code, out, err = run(capsys, "check", department)
    assert code == 2 and out == ""
    one_line(err, var, "不小于 1 的整数")


def test_unset_or_blank_limits_keep_the_defaults(monkeypatch):
    from xlperf.settings import DEFAULT, from_env

    assert from_env({}) is DEFAULT
    assert from_env({"XLPERF_MAX_CELLS": "  "}) is DEFAULT
    s = from_env({"XLPERF_MAX_PART_MB": "500", "XLPERF_MAX_CELLS": "3_000_000"})
    assert s.max_inflated_part_bytes == 500 << 20 and s.max_cells_per_sheet == 3_000_000
    assert s.max_cells_per_workbook == 6_000_000 and s.max_workbook_bytes == 1000 << 20


def test_shared_strings_are_counted_per_cell_not_per_string(tmp_path):
    """The accounting behind the shared-string refusal: a normal workbook's shared text
    is what its cells show, and one string referenced by many cells counts each time."""
    from xlperf.xlsx.package import Package
    from xlperf.xlsx.reader import _guarded_scan, shared_string_sizes

    path = tmp_path / "sst.xlsx"
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("表")
    for r in range(100):
        ws.write_string(r, 0, "同一段说明文字" * 10)  # one shared string, 100 references
        ws.write_string(r, 1, f"项目{r}")
    wb.close()
    with Package(path) as pkg:
        sizes = shared_string_sizes(pkg, "xl/sharedStrings.xml")
        refs, scans = _guarded_scan(pkg)
    assert len(sizes) == 101
    long_one = max(sizes)
    assert long_one >= len(("同一段说明文字" * 10).encode())
    assert scans["表"].shared_bytes >= 100 * long_one
    assert scans["表"].shared_bytes < 100 * long_one + 100 * 40


def test_shared_string_sizes_across_chunk_boundaries(tmp_path):
    """The table is streamed in 1 MiB chunks: tags cut at a boundary, prefixed tags and
    one very long string with no tag inside still give each string's exact span."""
    from xlperf.settings import DEFAULT
    from xlperf.xlsx.package import Package
    from xlperf.xlsx.reader import shared_string_sizes

    rng = random.Random(3)
    items = [b"<x:si><x:t>" + b"y" * 3_000_000 + b"</x:t></x:si>"]  # 3 MB without '<'
    items += [b"<x:si><x:t>" + ("项目%d" % i).encode() * rng.randint(1, 400) + b"</x:t></x:si>"
              for i in range(3000)]
    items += [b"<x:si/>", b'<x:si\n><x:t xml:space="preserve"> a </x:t></x:si>']
    head = f'<?xml version="1.0"?><x:sst xmlns:x="{MAIN_NS}">'.encode()
    sst = head + b"".join(items) + b"</x:sst>"
    path = tmp_path / "sst.xlsx"
    base = tmp_path / "plain.xlsx"
    build_plain_xlsx(base, sheets=1, rows=1, cols=2)
    rebuild_zip(base, path, add={"xl/sharedStrings.xml": sst})
    with Package(path) as pkg:
        sizes = list(shared_string_sizes(pkg, "xl/sharedStrings.xml"))
    expected = [len(i) for i in items]
    expected[-1] += len(b"</x:sst>")  # the last string's span runs to the end of the part
    assert sizes == expected
    tight = dataclasses.replace(DEFAULT, max_cells_per_sheet=1000)
    with Package(path) as pkg, pytest.raises(LimitExceeded) as e:
        # more strings than the workbook may have cells: padding, refused
        shared_string_sizes(pkg, "xl/sharedStrings.xml", tight)
    assert "2000 条" in str(e.value)


# -- atomic writes -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_unrefreshed(tmp_path_factory) -> Path:
    """A 40-project department workbook straight from the template builder: the first
    refresh has ~900 cells to write, so there is a real write to interrupt."""
    from xlperf.templates import build_workbook

    path = tmp_path_factory.mktemp("big") / "四十个项目.xlsx"
    build_workbook(path, projects=40, data=example_department())
    return path


def _xlperf(*argv) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "xlperf.cli", *map(str, argv)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)})


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this OS")
def test_sigkill_at_any_moment_leaves_the_old_or_the_new_workbook(big_unrefreshed, tmp_path):
    old = big_unrefreshed.read_bytes()
    reference = tmp_path / "reference.xlsx"
    shutil.copy(big_unrefreshed, reference)
    t = time.perf_counter()
    assert _xlperf("refresh", reference).wait(120) in (0, 1)
    duration = time.perf_counter() - t
    new = reference.read_bytes()
    assert new != old
    work = tmp_path / "work"
    work.mkdir()
    target = work / big_unrefreshed.name

    def wait_for(condition, proc) -> None:
        deadline = time.perf_counter() + 60
        while not condition() and proc.poll() is None:
            assert time.perf_counter() < deadline
            time.sleep(0.0005)

    def temp_exists() -> bool:
        return bool(list(work.glob("*.xlperf-tmp")))

    rng = random.Random(20241122)
    seen = {"old": 0, "new": 0}
    mid_write = 0
    for attempt in range(20):
        target.write_bytes(old)
        proc = _xlperf("refresh", target)
        moment = attempt % 4
        if moment == 0:
            # anywhere: start-up, reading, the engine, the write, after it
            time.sleep(rng.uniform(0, 1.5 * duration))
        elif moment in (1, 2):
            # inside the write: as soon as the temp file shows, or a little later
            wait_for(temp_exists, proc)
            time.sleep(0 if moment == 1 else rng.uniform(0, 0.02))
        else:
            # just after the rename: the temp has gone, the process still runs
            wait_for(temp_exists, proc)
            wait_for(lambda: not temp_exists(), proc)
        temp_seen = temp_exists()
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = target.read_bytes()
        assert data in (old, new), "the target holds a half-written workbook"
        state = "old" if data == old else "new"
        seen[state] += 1
        read_workbook(target)  # and it reads
        leftovers = [p.name for p in work.iterdir() if p != target]
        assert all(TEMP.match(n) for n in leftovers), leftovers  # only our temp, if any
        mid_write += temp_seen and state == "old"
        for n in leftovers:
            (work / n).unlink()
    # both outcomes happened, and some kills really landed inside the write
    assert seen["old"] and seen["new"] and mid_write >= 1, (seen, mid_write)
    # an undisturbed run after all that gives the reference, byte for byte
    target.write_bytes(old)
    assert _xlperf("refresh", target).wait(120) in (0, 1)
    assert target.read_bytes() == new and [p.name for p in work.iterdir()] == [target.name]


def test_excel_lock_refuses_in_place_and_allows_another_output(capsys, department, tmp_path):
    target = tmp_path / "部门.xlsx"
    shutil.copy(department, target)
    (tmp_path / "~$部门.xlsx").write_bytes(b"\x0bUser")
    before = listing(tmp_path)
    for argv in (["refresh", target], ["refresh", target, "--backup"],
                 ["add-project", target, "--name", "新项目"]):
        code, out, err = run(capsys, *argv)
        assert code == 2
        line = one_line(err, "部门.xlsx", MSG_LOCKED)
        assert line.endswith(MSG_LOCKED)
        assert listing(tmp_path) == before
    # reading is fine while Excel has it open, and so is writing somewhere else
    assert run(capsys, "check", target)[0] in (0, 1)
    other = tmp_path / "另存" / "部门-刷新.xlsx"
    other.parent.mkdir()
    code, out, err = run(capsys, "refresh", target, "-o", other)
    assert code in (0, 1) and err == ""
    assert read(other).sheet_names == read(target).sheet_names
    code, out, err = run(capsys, "add-project", target, "--name", "新项目",
                         "-o", tmp_path / "另存" / "加项目.xlsx")
    assert code == 0, err
    assert listing(tmp_path)["部门.xlsx"] == before["部门.xlsx"]
    # and the output may not be the one Excel has open either
    (other.parent / "~$部门-刷新.xlsx").write_bytes(b"x")
    code, out, err = run(capsys, "refresh", target, "-o", other)
    assert code == 2
    one_line(err, "部门-刷新.xlsx", MSG_LOCKED)


@pytest.fixture
def stale_copy(department, tmp_path) -> Path:
    """The department workbook with one input changed, so that a refresh must write."""
    target = tmp_path / "待刷新.xlsx"
    wb = read(department)
    sheet = wb.sheet("附件2 整体支出自评表")
    from xlperf.tables.find import FUNDS, find_tables

    funds = next(t for t in find_tables(sheet) if t.kind == FUNDS)
    r, c = funds.rows[0], funds.cols["executed"]
    apply_plan(department, Plan(writes=[CellWrite(sheet.name, r, c, Decimal("1500"))]), target)
    assert build_plan(read(target), mode=REFRESH).writes
    return target


def _immutable(path: Path, on: bool) -> bool:
    """chattr ±i; False when the tool or the capability (CAP_LINUX_IMMUTABLE) is missing."""
    if not shutil.which("chattr"):
        return False
    proc = subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True)
    return proc.returncode == 0


@pytest.mark.parametrize("how", ["chmod", "immutable-file", "immutable-folder"])
def test_read_only_target_is_a_clear_error(capsys, stale_copy, how):
    """Really read-only, even for root: 0444 (xlperf checks the mode bits itself), an
    immutable file, an immutable folder (chattr +i; the kernel refuses root too)."""
    folder = stale_copy.parent
    before = listing(folder)
    locked = stale_copy if how != "immutable-folder" else folder
    if how == "chmod":
        stale_copy.chmod(0o444)
    elif not _immutable(locked, True):
        pytest.skip("chattr +i is not available here")
    try:
        for argv in (["refresh", stale_copy], ["refresh", stale_copy, "--backup"],
                     ["add-project", stale_copy, "--name", "新项目"]):
            code, out, err = run(capsys, *argv)
            assert code == 2
            line = one_line(err, stale_copy.name, "原文件未改动")
            assert "只读" in line or "没有写入权限" in line
            assert listing(folder) == before
    finally:
        if how == "chmod":
            stale_copy.chmod(0o644)
        else:
            _immutable(locked, False)
    assert listing(folder) == before


@pytest.fixture
def tiny_disk(tmp_path):
    """mount(size) → a tmpfs of that many bytes (needs root; skipped otherwise)."""
    mounted = []

    def mount(size: int) -> Path:
        point = tmp_path / "小磁盘"
        point.mkdir()
        kib = -(-size // 4096) * 4  # whole pages
        if not shutil.which("mount") or subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(point)],
                capture_output=True).returncode != 0:
            pytest.skip("cannot mount a tmpfs here (needs root)")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def test_full_disk_is_a_clear_error_and_keeps_the_original(capsys, big_unrefreshed, tiny_disk):
    # room for the workbook and half of its rewritten copy: the temp file hits ENOSPC
    disk = tiny_disk(big_unrefreshed.stat().st_size * 3 // 2)
    target = disk / "部门.xlsx"
    shutil.copy(big_unrefreshed, target)
    before = listing(disk)
    code, out, err = run(capsys, "refresh", target)
    assert code == 2
    one_line(err, "部门.xlsx", "磁盘空间不足", "原文件未改动")
    assert listing(disk) == before  # and the partial temp file is gone


@pytest.mark.parametrize("failure", ["replace-denied", "fsync-full", "write-full"])
def test_os_errors_inside_the_writer_at_the_cli(capsys, monkeypatch, stale_copy, failure):
    """The same failures simulated, so they are covered on any OS and without root."""
    import errno

    from xlperf.xlsx.zipout import ZipRewriter

    folder = stale_copy.parent
    before = listing(folder)
    if failure == "replace-denied":
        def deny(src, dst):
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        monkeypatch.setattr(os, "replace", deny)
        expected = "没有写入权限"
    elif failure == "fsync-full":
        def full(fd):
            raise OSError(errno.ENOSPC, "No space left on device")
        monkeypatch.setattr(os, "fsync", full)
        expected = "磁盘空间不足"
    else:
        def half(self, out, replace, add, compress=True):
            out.write(b"PK\x03\x04 half a workbook")
            raise OSError(errno.ENOSPC, "No space left on device")
        monkeypatch.setattr(ZipRewriter, "write", half)
        expected = "磁盘空间不足"
    code, out, err = run(capsys, "refresh", stale_copy)
    assert code == 2
    one_line(err, stale_copy.name, expected, "原文件未改动")
    assert listing(folder) == before


# -- notes are never formulas --------------------------------------------------------------

def _cells(path: Path) -> dict[str, dict[str, etree._Element]]:
    """sheet name → {A1: <c> element} from the raw sheet XML."""
    z = zipfile.ZipFile(path)
    wb = etree.fromstring(z.read("xl/workbook.xml"))
    rels_xml = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    rels = {r.get("Id"): r.get("Target") for r in rels_xml}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    out = {}
    for s in wb.iter(M + "sheet"):
        target = rels[s.get(rid)].lstrip("/")
        part = target if target.startswith("xl/") else "xl/" + target
        out[s.get("name")] = {c.get("r"): c for c in etree.fromstring(z.read(part)).iter(M + "c")}
    return out


@pytest.fixture(scope="module")
def hostile_texts(tmp_path_factory) -> Path:
    """A department workbook whose users typed text that looks like formulas: an
    indicator named =HYPERLINK(…), an actual of +100, figures typed as =5, @SUM(A1),
    -1.2.3, a 得分原因 starting with @, and a sheet of their own named +外部表 whose
    合计 is -99. Written through our adapter as text cells, as Excel stores '=… typed."""
    from xlperf.tables.find import INDICATORS, find_tables
    from xlperf.templates import build_workbook

    folder = tmp_path_factory.mktemp("notes")
    base, path = folder / "base.xlsx", folder / "用户文字.xlsx"
    build_workbook(base, data=example_department(), projects=1)
    sheet = read(base).sheet("附件2 整体支出自评表")
    t = next(t for t in find_tables(sheet) if t.kind == INDICATORS)
    r = t.rows[0]
    writes = [CellWrite(sheet.name, r, t.cols["level3"], '=HYPERLINK("http://x","y")'),
              CellWrite(sheet.name, r, t.cols["target"], "≥1"),
              CellWrite(sheet.name, r, t.cols["actual"], "+100"),
              CellWrite("评分表", 5, 5, "=5"), CellWrite("评分表", 6, 5, "@SUM(A1)"),
              CellWrite("评分表", 7, 5, "-1.2.3"), CellWrite("评分表", 2, 8, "@SUM(A1) 得2分"),
              CellWrite("+外部表", 0, 0, "项目"), CellWrite("+外部表", 0, 1, "金额"),
              CellWrite("+外部表", 1, 0, "-办公费"), CellWrite("+外部表", 1, 1, Decimal(10)),
              CellWrite("+外部表", 2, 0, '=HYPERLINK("http://x")'),
              CellWrite("+外部表", 2, 1, Decimal(20)),
              CellWrite("+外部表", 3, 0, "合计"), CellWrite("+外部表", 3, 1, Decimal(-99))]
    apply_plan(base, Plan(writes=writes, new_sheets=["+外部表"]), path)
    return path


@pytest.fixture(scope="module")
def refreshed_texts(hostile_texts, tmp_path_factory) -> tuple[Path, Plan]:
    out = tmp_path_factory.mktemp("notes-out") / "已刷新.xlsx"
    plan = build_plan(read(hostile_texts), mode=REFRESH)  # what the refresh writes
    assert main(["refresh", str(hostile_texts), "-o", str(out)]) == 1
    return out, plan


def test_no_cell_the_refresh_wrote_holds_a_formula(hostile_texts, refreshed_texts):
    out, plan = refreshed_texts
    after = _cells(out)
    formulas_before = read_formulas(hostile_texts)
    assert plan.writes
    for w in plan.writes:
        cell = after[w.sheet][w.cell]
        has_f = cell.find(M + "f") is not None
        if w.formula_cell:  # the template's own formula, kept with a new cached value
            assert has_f and (w.row, w.col) in formulas_before[w.sheet], w
        else:
            assert not has_f, w
        if w.note and isinstance(w.value, str):
            assert cell.get("t") == "inlineStr", w  # text, never t="str" (a formula result)
    # the 校验结果 sheet holds no formula at all, and the users' own texts stay text
    assert all(c.find(M + "f") is None for c in after["校验结果"].values())
    typed = [c for cells in after.values() for c in cells.values()
             if re.search("HYPERLINK|@SUM", etree.tostring(c, encoding="unicode"))]
    assert len(typed) >= 4 and all(c.find(M + "f") is None for c in typed)
    assert read_formulas(out)["+外部表"] == frozenset()


def test_every_note_that_looks_like_a_formula_starts_with_a_quote(refreshed_texts):
    out, plan = refreshed_texts
    wb = read(out)
    notes = [w for w in plan.writes if w.note and isinstance(w.value, str)]
    assert notes
    for w in notes:
        shown = wb.sheet(w.sheet).value(w.row, w.col)
        assert shown == w.value and not shown.startswith(FORMULA_START), w
    results = wb.sheet("校验结果")
    texts = {v for row in results.rows for v in row if isinstance(v, str)}
    # user text quoted in the 应为/实为 columns and a user's sheet name, each neutralised
    for quoted in ("'+100", "'=5", "'@SUM(A1)", "'-1.2.3", "'-99", "'+外部表"):
        assert quoted in texts, quoted
    assert not [t for t in texts if t.startswith(FORMULA_START)]
    # and a message quoting =HYPERLINK starts with its quotation mark, not with =
    assert any(t.startswith('“=HYPERLINK') for t in texts)


@pytest.mark.libreoffice
def test_libreoffice_opens_the_notes_as_text(refreshed_texts):
    from lo import errors_in, recalc_values

    out, _ = refreshed_texts
    values = recalc_values(out)
    assert errors_in(values) == []
    shown = {v for row in values["校验结果"] for v in row if isinstance(v, str)}
    assert {"'+100", "'=5", "'@SUM(A1)", "'-1.2.3", "'-99"} <= shown  # never evaluated
    assert values["+外部表"][2][0] == '=HYPERLINK("http://x")'


HOSTILE_NAMES = ["[预算]:项目*?/\\", "很长的项目名称" * 6, "劳动保障\t监察\n两网化\x01建设",
                 "'引号'", '=HYPERLINK("http://x","y")', "+1", "@SUM(A1)", "项目1", "项目1",
                 "History", "  ", "a" * 31]


def _assert_valid_sheet_names(names: list[str]) -> None:
    assert len({n.casefold() for n in names}) == len(names), names
    for n in names:
        assert 1 <= len(n) <= 31, n
        assert not re.search(r"[\[\]:*?/\\\x00-\x1f]", n), n
        assert not n.startswith("'") and not n.endswith("'"), n


def test_add_project_makes_valid_unique_sheet_names(capsys, department, tmp_path):
    target = tmp_path / "部门.xlsx"
    shutil.copy(department, target)
    start = read(target).sheet_names
    added = []
    for name in HOSTILE_NAMES:
        code, out, err = run(capsys, "add-project", target, "--name", name)
        if not name.strip():
            assert code == 2
            one_line(err, "--name")
            continue
        assert code == 0, err
        added.append(re.search(r"新增工作表“(.+)”", out).group(1))
    names = read(target).sheet_names
    assert set(names) == set(start) | set(added) and len(names) == len(start) + len(added)
    _assert_valid_sheet_names(names)
    # the 项目名称 cell of each copy is text that no spreadsheet runs
    cells = _cells(target)
    for sheet in added:
        text_cells = [c for c in cells[sheet].values() if c.get("t") == "inlineStr"]
        assert all(c.find(M + "f") is None for c in text_cells)
    wb = read(target)
    shown = {wb.sheet(s).value(1, 4) for s in added}
    assert "'=HYPERLINK(\"http://x\",\"y\")" in shown and "劳动保障 监察 两网化 建设" in shown
    assert not [v for v in shown if isinstance(v, str) and v.startswith(FORMULA_START)]


def test_new_workbook_makes_valid_sheet_names_and_no_formula_from_user_text(capsys, tmp_path):
    target = tmp_path / "新.xlsx"
    new_workbook(target, projects=HOSTILE_NAMES, dept="@SUM(A1)", region="=1+1", year=2024)
    names = read(target).sheet_names
    projects = [n for n in names if n.startswith("项目-")]
    assert len(projects) == len(HOSTILE_NAMES)
    _assert_valid_sheet_names(names)
    cells = _cells(target)
    for sheet in names:
        for ref, c in cells[sheet].items():
            f = c.find(M + "f")
            text = f.text if f is not None else ""
            assert not re.search(r"HYPERLINK|SUM\(A1\)|^1\+1", text or ""), (sheet, ref)
    # the CLI too: --region and --dept end up as text
    out = tmp_path / "命令行.xlsx"
    code, _, err = run(capsys, "new", "--region", "=1+1", "--dept", "@SUM(A1)", "-o", out)
    assert code == 0, err
    title = read(out).sheet("附件2 整体支出自评表").value(0, 0)
    assert title.startswith("'=1+1")
    assert not read_formulas(out)["附件2 整体支出自评表"] & {(0, 0)}


@pytest.mark.libreoffice
def test_libreoffice_opens_hostile_sheet_names(capsys, department, tmp_path):
    from lo import recalc_values

    target = tmp_path / "部门.xlsx"
    shutil.copy(department, target)
    for name in HOSTILE_NAMES[:7]:
        assert run(capsys, "add-project", target, "--name", name)[0] == 0
    assert set(recalc_values(target)) == set(read(target).sheet_names)


# -- batches go on -------------------------------------------------------------------------

@pytest.fixture
def mixed_folder(tmp_path, department) -> tuple[Path, list[Path], dict[str, str]]:
    """Good department workbooks and typed seed tables, with bad files among them."""
    from fixtures import seeds
    from fixtures.xlsx import write_workbook

    folder = tmp_path / "各部门"
    folder.mkdir()
    good = [folder / "示例部门.xlsx"]
    shutil.copy(department, good[0])
    for name in ("seed004_scoring", "seed004_basic_spending", "seed002_sangong"):
        good.append(write_workbook(folder / f"{name}.xlsx", getattr(seeds, name)()))
    bad = {}
    for kind in ("empty", "legacy-xls", "encrypted-ole", "truncated-half", "missing-sheet-part"):
        name, make, reason = UNREADABLE[kind]
        make(department, folder / name)
        bad[name] = reason
    (folder / "~$示例部门.xlsx").write_bytes(b"lock")  # Excel's lock file: skipped, said so
    (folder / "说明.txt").write_text("各部门报送材料", "utf-8")
    return folder, good, bad


def test_check_json_over_a_folder_goes_on_after_bad_files(capsys, mixed_folder):
    folder, good, bad = mixed_folder
    before = listing(folder)
    code, out, err = run(capsys, "check", folder, "--json")
    assert code == 2  # some file could not be read
    for name, reason in bad.items():
        lines = [line for line in err.splitlines() if name in line]
        assert len(lines) == 1 and reason in lines[0], (name, err)
    assert "Traceback" not in err
    findings = json.loads(out)
    # the good files' findings, exactly as checking them alone gives them
    code_good, out_good, _ = run(capsys, "check", *good, "--json")
    assert code_good == 1
    alone = json.loads(out_good)
    key = lambda f: (f["file"], f["sheet"], f["cell"], f["code"])  # noqa: E731
    assert sorted(map(key, findings)) == sorted(map(key, alone)) and alone
    assert {Path(f["file"]).name for f in findings} >= {"seed004_scoring.xlsx", "seed004_basic_spending.xlsx"}
    assert all(f["code"] in CODES for f in findings)
    assert listing(folder) == before


def test_check_text_summary_goes_on_after_bad_files(capsys, mixed_folder):
    folder, good, bad = mixed_folder
    code, out, err = run(capsys, "check", folder)
    assert code == 2
    for g in good:
        assert f"{g}：错误" in out  # each good file's count line
    assert sum(1 for line in err.splitlines() if any(n in line for n in bad)) == len(bad)


def test_collect_over_a_folder_goes_on_after_bad_files(capsys, mixed_folder, tmp_path):
    _collect_or_skip()
    folder, good, bad = mixed_folder
    before = listing(folder)
    summary = tmp_path / "汇总.xlsx"
    code, out, err = run(capsys, "collect", folder, "-o", summary, "--jobs", "2")
    assert code == 2
    assert "Traceback" not in err and "内部错误" not in err
    for name, reason in bad.items():
        lines = [line for line in err.splitlines() if name in line]
        assert len(lines) == 1 and reason in lines[0], (name, err)
    assert listing(folder) == before
    # the 汇总 has every good file's findings and lists the unreadable ones
    code_good, out_good, _ = run(capsys, "check", *good, "--json")
    wanted = len(json.loads(out_good))
    wb = read_workbook(summary)
    cells = [v for s in wb.sheets for row in s.rows for v in row]
    assert sum(1 for v in cells if v in CODES) == wanted
    listed = " ".join(str(v) for s in wb.sheets if "无法读取" in s.name for row in s.rows for v in row)
    assert all(name in listed for name in bad)


@pytest.mark.parametrize("cells, expected", [
    # as Excel, WPS and LibreOffice write them: each index's size
    ('<c r="A1" t="s"><v>0</v></c><c r="B1" s="2" t="s"><v>2</v></c>', 10 + 300),
    # other spellings of the same: still each index's size
    ("<c r='A1' t='s'><v>0</v></c><c r=\"B1\" t = \"s\"><v>2</v></c>", 10 + 300),
    ('<c r="A1"\tt="s"><v>1</v></c><c r="B1" t="s"><v> 2 </v></c>', 20 + 300),
    # an index not found where expected counts at the longest string (never less)
    ('<c r="A1" t="s"/><c r="B1" t="s"><v>0</v></c>', 300 + 10),
    # text that merely reads t="s" counts too (too much, never too little)
    ('<c r="A1" t="inlineStr"><is><t> t="s" here</t></is></c><c r="B1" t="s"><v>0</v></c>', 300 + 10),
    ('<c r="A1" t="n"><v>1</v></c>', 0),
])
def test_shared_text_referenced_by_cells_whatever_the_spelling(cells, expected):
    from xlperf.xlsx.scan import scan_sheet

    xml = (f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1">{cells}</row></sheetData>'
           "</worksheet>").encode()
    assert scan_sheet(lambda: [xml], "表", 10_000, [10, 20, 300]).shared_bytes == expected
