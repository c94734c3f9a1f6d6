"""Reader: values and formula maps, and one clear Chinese line for every hostile or
broken file (no traceback, no hang, no memory blow-up)."""
from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
import textwrap
import zipfile
from dataclasses import replace

import pytest
import xlsxwriter
from test_xlsx_samples import build_plain_xlsx, build_rich_xlsm, ole_container, rebuild_zip

from xlperf.errors import LimitExceeded, UnreadableWorkbook
from xlperf.settings import DEFAULT
from xlperf.xlsx import read_formulas, read_workbook

SHEET = "xl/worksheets/sheet1.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CONTENT_TYPES = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Override PartName="/xl/workbook.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')



# The child's own peak (VmHWM): ru_maxrss of a child started by fork + exec also counts
# the parent's high-water mark on Linux, so it would read as large as pytest itself.
_PEAK = ("def peak():\n"
         "            with open('/proc/self/status') as f:\n"
         "                return next(int(l.split()[1]) * 1024 for l in f if l.startswith('VmHWM:'))")

def refusal(path, error=UnreadableWorkbook, settings=DEFAULT) -> str:
    """The reader refuses the file with `error`: its message, checked to be one Chinese
    line without a traceback."""
    with pytest.raises(error) as e:
        read_workbook(path, settings=settings)
    msg = str(e.value)
    assert "\n" not in msg and "Traceback" not in msg
    assert re.search("[\u4e00-\u9fff]", msg), msg
    return msg


def sheet_xml(cells: str, head: str = "", prefix: str = "") -> bytes:
    p = prefix + ":" if prefix else ""
    ns = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<{p}worksheet {ns}>{head}<{p}sheetData>{cells}</{p}sheetData>'
            f'</{p}worksheet>').encode()


@pytest.fixture
def plain(tmp_path):
    path = tmp_path / "plain.xlsx"
    build_plain_xlsx(path, sheets=1, rows=3, cols=3)
    return path


# -- values and formulas ------------------------------------------------------------------

def test_values_types_and_formula_map(tmp_path):
    path = tmp_path / "v.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("表")
    ws.write_string("B2", "文本")
    ws.write_number("C3", 1.25)
    ws.write_boolean("A4", True)
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_datetime("D1", datetime.datetime(2024, 3, 1), date_fmt)
    ws.write_formula("E3", "=C3*2", None, 2.5)
    ws.write_string("A6", "")  # XlsxWriter writes nothing for "", a blank cell stays None
    wb.close()
    grid = read_workbook(path)
    assert grid.name == "v.xlsx" and grid.sheet_names == ["表"]
    s = grid.sheet("表")
    assert s.value(0, 0) is None  # rows start at A1 even when A1 is empty
    assert s.value(1, 1) == "文本"
    assert s.value(2, 2) == 1.25
    assert s.value(3, 0) is True
    assert s.value(0, 3) == datetime.date(2024, 3, 1)
    assert s.value(2, 4) == 2.5
    assert s.formulas == frozenset({(2, 4)})
    assert read_formulas(path) == {"表": frozenset({(2, 4)})}
    assert read_workbook(path, name="别名.xlsx").name == "别名.xlsx"


def test_shared_formula_children_count_as_formulas(tmp_path, plain):
    cells = ('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c>'
             '<c r="C1"><f t="shared" ref="C1:C3" si="0">A1+B1</f><v>3</v></c></row>'
             '<row r="2"><c r="A2"><v>1</v></c><c r="C2"><f t="shared" si="0"/><v>1</v></c></row>'
             '<row r="3"><c r="C3" t="str"><f t="shared" si="0"/><v>x</v></c>'
             '<c r="D3"><f t="array" ref="D3">SUM(A1:A2)</f><v>2</v></c></row>')
    path = tmp_path / "shared.xlsx"
    rebuild_zip(plain, path, replace={SHEET: sheet_xml(cells, '<dimension ref="A1:D3"/>')})
    grid = read_workbook(path)
    assert grid.sheets[0].formulas == {(0, 2), (1, 2), (2, 2), (2, 3)}
    assert grid.sheets[0].value(2, 2) == "x"


def test_cells_without_r_and_prefixed_namespace(tmp_path, plain):
    # r is optional on <row> and <c>; some generators also write the main namespace with
    # a prefix. The scanner must then fall back to its token walk and still be right.
    cells = ('<x:row><x:c><x:v>1</x:v></x:c><x:c><x:f>A1*2</x:f><x:v>2</x:v></x:c></x:row>'
             '<x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c/><x:c><x:f>A1</x:f>'
             '<x:v>1</x:v></x:c></x:row>')
    path = tmp_path / "nor.xlsx"
    rebuild_zip(plain, path, replace={SHEET: sheet_xml(cells, prefix="x")})
    assert read_formulas(path) == {"S0": frozenset({(0, 1), (1, 2)})}


def test_formulas_outside_sheet_data_are_not_cells(tmp_path, plain):
    ext = ('<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" '
           'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
           '<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
           '<x14:sparklineGroup><x14:sparklines><x14:sparkline><xm:f>S0!A1:B1</xm:f>'
           '<xm:sqref>C1</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup>'
           '</x14:sparklineGroups></ext></extLst>')
    xml = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')
    xml = xml.replace(b"</worksheet>", ext.encode() + b"</worksheet>")
    path = tmp_path / "ext.xlsx"
    rebuild_zip(plain, path, replace={SHEET: xml})
    assert read_formulas(path) == {"S0": frozenset()}


def test_rich_xlsm_reads_every_sheet(tmp_path):
    path = tmp_path / "rich.xlsm"
    build_rich_xlsm(path)
    grid = read_workbook(path)
    assert grid.sheet_names == ["数据", "图表"]
    data = grid.sheet("数据")
    assert {(r, 3) for r in range(1, 12)} <= data.formulas
    assert grid.sheet("图表").formulas == {(19, 0)}


def test_skipped_sheets_are_left_out(tmp_path):
    path = tmp_path / "rich.xlsm"
    build_rich_xlsm(path)
    full = read_workbook(path)
    grid = read_workbook(path, skip=("图表",))
    assert grid.sheet_names == ["数据"]
    assert grid.sheet("数据").rows == full.sheet("数据").rows
    assert grid.sheet("数据").formulas == full.sheet("数据").formulas


def _calamine_reads(monkeypatch) -> list[str]:
    """How calamine is opened by read_workbook: "path" (it inflates the file itself) or
    "memory" (the copy of the checked bytes)."""
    import python_calamine as pc

    seen: list[str] = []
    from_path, from_filelike = pc.CalamineWorkbook.from_path, pc.CalamineWorkbook.from_filelike
    monkeypatch.setattr(pc.CalamineWorkbook, "from_path",
                        lambda p: seen.append("path") or from_path(p))
    monkeypatch.setattr(pc.CalamineWorkbook, "from_filelike",
                        lambda f: seen.append("memory") or from_filelike(f))
    return seen


def test_calamine_reads_the_checked_bytes_of_a_usual_workbook(tmp_path, monkeypatch):
    """The parts the guard inflated reach calamine stored in an in-memory copy, and
    the grid is the one calamine reads from the file."""
    import python_calamine as pc

    path = tmp_path / "rich.xlsm"
    build_rich_xlsm(path)
    with pc.CalamineWorkbook.from_path(str(path)) as wb:
        direct = {n: [[None if v == "" else v for v in row]
                      for row in wb.get_sheet_by_name(n).to_python(skip_empty_area=False)]
                  for n in ("数据", "图表")}
    seen = _calamine_reads(monkeypatch)
    grid = read_workbook(path)
    assert seen == ["memory"]
    assert {s.name: s.rows for s in grid.sheets} == direct


def test_the_in_memory_copy_holds_the_inflated_parts_stored(tmp_path):
    import io

    from xlperf.xlsx.package import Package
    from xlperf.xlsx.reader import _HANDOFF_MAX, _guarded_scan, _handoff

    path = tmp_path / "rich.xlsm"
    build_rich_xlsm(path)
    with Package(path, keep=_HANDOFF_MAX) as pkg:
        refs, _ = _guarded_scan(pkg)
        copy = _handoff(pkg)
        kept = dict(pkg.kept)
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(io.BytesIO(copy)) as z:
        assert z.namelist() == original.namelist()
        assert {r.part for r in refs} <= set(kept)
        for info in z.infolist():
            assert z.read(info) == original.read(info.filename)
            stored = info.compress_type == zipfile.ZIP_STORED
            assert stored == (info.filename in kept), info.filename
        assert z.read("xl/vbaProject.bin") == original.read("xl/vbaProject.bin")


def test_a_workbook_over_the_memory_budget_is_read_from_its_file(tmp_path, monkeypatch):
    from xlperf.xlsx import reader

    path = tmp_path / "plain.xlsx"
    build_plain_xlsx(path, sheets=3, rows=200, cols=8)
    expected = read_workbook(path)
    monkeypatch.setattr(reader, "_HANDOFF_MAX", 4096)
    seen = _calamine_reads(monkeypatch)
    grid = read_workbook(path)
    assert seen == ["path"]
    assert [(s.name, s.rows, s.formulas) for s in grid.sheets] == \
        [(s.name, s.rows, s.formulas) for s in expected.sheets]


def test_a_zip_the_copier_refuses_is_read_from_its_file(tmp_path, monkeypatch, plain):
    from xlperf.errors import UnreadableWorkbook as Refused
    from xlperf.xlsx.zipout import ZipRewriter

    def refuse(self, *args, **kwargs):
        raise Refused("不支持 ZIP64 格式的工作簿，请用 Excel 另存后再试")
    monkeypatch.setattr(ZipRewriter, "_entries", refuse)
    seen = _calamine_reads(monkeypatch)
    assert read_workbook(plain).sheet("S0").value(0, 0) is not None
    assert seen == ["path"]


# -- hostile and broken files ----------------------------------------------------------

def test_empty_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert "为空" in refusal(path)


def test_text_renamed_to_xlsx(tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("项目,预算\nA,100\n", encoding="utf-8")
    assert "不是 Excel 工作簿" in refusal(path)


def test_legacy_xls(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(ole_container({"Workbook": b"\x09\x08" + b"\0" * 5000,
                                    "\x05SummaryInformation": b"\0" * 200}))
    # read through calamine now (issue 12): a Workbook stream of zeros is damage
    assert ".xls 工作簿结构无法解析" in refusal(path)


def test_encrypted_container(tmp_path):
    path = tmp_path / "secret.xlsx"
    path.write_bytes(ole_container({"EncryptionInfo": b"\x04\0\x04\0" + b"\0" * 300,
                                    "EncryptedPackage": b"\0" * 9000}))
    assert refusal(path) == "文件已加密，请取消密码后再试"


def test_really_encrypted_workbook(tmp_path, plain):
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    path = tmp_path / "pw.xlsx"
    with open(plain, "rb") as src, open(path, "wb") as out:
        ooxml.OOXMLFile(src).encrypt("密码123", out)
    assert refusal(path) == "文件已加密，请取消密码后再试"


def test_truncated_zip(tmp_path):
    full = tmp_path / "full.xlsm"
    build_rich_xlsm(full)
    data = full.read_bytes()
    for cut in (len(data) // 2, len(data) - 10, 100):
        path = tmp_path / f"cut{cut}.xlsx"
        path.write_bytes(data[:cut])
        assert "损坏" in refusal(path)


def test_corrupt_member_data(tmp_path, plain):
    data = bytearray(plain.read_bytes())
    info = zipfile.ZipFile(plain).getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 5, start + info.compress_size - 5):
        data[k] ^= 0x5A
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(bytes(data))
    assert "损坏" in refusal(path)


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_members_inflate_as_zipfile_reads_them(tmp_path, method):
    """Package reads members straight from the file: the same bytes as zipfile, across
    pieces (a 3 MB part of repeated text inflates past the 1 MB piece bound)."""
    from xlperf.xlsx.package import CHUNK, Package

    path = tmp_path / "m.zip"
    big = b"<row>" + b"0123456789abcdef" * (3 * CHUNK // 16) + b"</row>"
    with zipfile.ZipFile(path, "w", method) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("xl/workbook.xml", b"<workbook/>")
        z.writestr("xl/big.xml", big)
        z.writestr("xl/数据.bin", "数据".encode())
        z.writestr("xl/empty.bin", b"")
    with Package(path) as pkg:
        pieces = list(pkg.chunks("xl/big.xml"))
        assert b"".join(pieces) == big and max(map(len, pieces)) <= CHUNK
        assert pkg.read("xl/数据.bin") == "数据".encode()
        assert pkg.read("xl/empty.bin") == b""


@pytest.mark.parametrize("damage", ["crc", "name", "magic"])
def test_damaged_members_are_refused(tmp_path, plain, damage):
    """What zipfile checks when it reads a member, the direct reader checks too."""
    data = bytearray(plain.read_bytes())
    with zipfile.ZipFile(plain) as z:
        info, pos = z.getinfo(SHEET), z.start_dir
    if damage == "crc":  # the central directory's CRC of the sheet
        while bytes(data[pos + 46:pos + 46 + len(SHEET)]) != SHEET.encode():
            n, m, k = (int.from_bytes(data[pos + i:pos + i + 2], "little") for i in (28, 30, 32))
            pos += 46 + n + m + k
        data[pos + 16] ^= 0xFF
    elif damage == "name":  # the local header names another part: sheet0.xml
        data[info.header_offset + 30 + len(SHEET) - 5] ^= 0x01
    else:  # the local header's magic
        data[info.header_offset] = 0
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    assert "损坏" in refusal(path)


def test_zip_without_workbook(tmp_path):
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    assert "xl/workbook.xml" in refusal(path)


def test_xlsb(tmp_path):
    path = tmp_path / "b.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.bin", b"\0")
    assert ".xlsb" in refusal(path)


def test_xlsb_named_by_its_package_relationships(tmp_path):
    path = tmp_path / "b.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                   '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/>'
                   "</Relationships>")
        z.writestr("xl/workbook.bin", b"\0")
    assert ".xlsb" in refusal(path)


@pytest.mark.parametrize("after", [b"\r\n" * 5000, b"\n<!-- end -->\n<?pi x?>  "])
def test_whitespace_or_comments_after_a_sheet_are_no_damage(tmp_path, plain, after):
    path = tmp_path / "spaces.xlsx"
    rebuild_zip(plain, path, replace={SHEET: sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')
                                      + after})
    assert read_workbook(path).sheets[0].rows == [[1]]


def test_sheet_part_missing(tmp_path):
    path = tmp_path / "p.xlsx"
    build_plain_xlsx(path, sheets=2)
    broken = tmp_path / "missing.xlsx"
    rebuild_zip(path, broken, drop={"xl/worksheets/sheet2.xml"})
    msg = refusal(broken)
    assert "S1" in msg and "缺失" in msg


BILLION_LAUGHS = ('<!DOCTYPE worksheet [<!ENTITY a0 "lolololololololol">'
                  + "".join(f'<!ENTITY a{k} "{("&a%d;" % (k - 1)) * 10}">' for k in range(1, 10))
                  + "]>\n")


@pytest.mark.parametrize("part", [SHEET, "xl/sharedStrings.xml", "xl/workbook.xml",
                                  "xl/styles.xml"])
def test_entity_bomb_refused_quickly(tmp_path, plain, part):
    with zipfile.ZipFile(plain) as z:
        present = part in z.namelist()
        original = z.read(part) if present else b'<sst xmlns="%s"/>' % MAIN.encode()
    decl_end = original.find(b"?>") + 2 if original.startswith(b"<?xml") else 0
    bomb = original[:decl_end] + BILLION_LAUGHS.encode() + original[decl_end:]
    if part == SHEET:
        laughs = b'<row r="9"><c r="A9" t="inlineStr"><is><t>&a9;</t></is></c></row>'
        bomb = bomb.replace(b"<sheetData>", b"<sheetData>" + laughs, 1)
    path = tmp_path / "bomb.xlsx"
    rebuild_zip(plain, path, **({"replace": {part: bomb}} if present else {"add": {part: bomb}}))
    msg = refusal(path)
    assert "实体" in msg
    # bounded work, not a stopwatch: a child under a 1 GB cap and a timeout must refuse
    # (expanding the laughs would exhaust either long before)
    out = _run_isolated(f"""
        from xlperf.xlsx import read_workbook
        from xlperf.errors import UnreadableWorkbook
        try:
            read_workbook({str(path)!r})
        except UnreadableWorkbook as e:
            print("refused", e)
    """, limit_gb=1.0, timeout=60)
    assert out.startswith("refused") and "实体" in out


def test_part_over_size_limit(tmp_path, plain):
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 60_000))
    path = tmp_path / "big.xlsx"
    rebuild_zip(plain, path, replace={SHEET: sheet_xml(rows)})
    small = replace(DEFAULT, max_inflated_part_bytes=1 << 20)
    msg = refusal(path, LimitExceeded, settings=small)
    assert "工作表“S0”" in msg and "1 MB 上限" in msg
    assert read_workbook(path).sheets[0].value(59_998, 0) == 59_999  # fine with the default


def _patch_declared_size(path, member: str, size: int) -> None:
    """Make the zip lie about a member's inflated size (local header and directory)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
        cd = z.start_dir
    data[info.header_offset + 22:info.header_offset + 26] = size.to_bytes(4, "little")
    pos = cd
    while data[pos:pos + 4] == b"PK\x01\x02":
        n, m, k = (int.from_bytes(data[pos + o:pos + o + 2], "little") for o in (28, 30, 32))
        if data[pos + 46:pos + 46 + n].decode() == member:
            data[pos + 24:pos + 28] = size.to_bytes(4, "little")
        pos += 46 + n + m + k
    path.write_bytes(bytes(data))


def test_lying_declared_size_is_cut_off(tmp_path, plain):
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 40_000))
    path = tmp_path / "liar.xlsx"
    rebuild_zip(plain, path, replace={SHEET: sheet_xml(rows)})
    _patch_declared_size(path, SHEET, 1000)
    assert "损坏" in refusal(path)


def test_compression_ratio_bomb(tmp_path, plain):
    path = tmp_path / "ratio.xlsx"
    rebuild_zip(plain, path, replace={SHEET: sheet_xml("") + b" " * (20 << 20)})
    assert "压缩比异常" in refusal(path, LimitExceeded)


def test_too_many_cells(tmp_path, plain):
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCD")
                   + "</row>" for r in range(1, 51))
    path = tmp_path / "cells.xlsx"
    rebuild_zip(plain, path, replace={SHEET: sheet_xml(rows)})
    tight = replace(DEFAULT, max_cells_per_sheet=100)
    assert "100 上限" in refusal(path, LimitExceeded, settings=tight)
    enough = replace(DEFAULT, max_cells_per_sheet=200)
    assert read_workbook(path, settings=enough).sheets[0].n_rows == 50


def test_a_generous_dimension_costs_nothing(tmp_path, plain):
    # LibreOffice 5.1–7.6 and Gnumeric declare far more than they hold (issue 15): the
    # limit counts the cells present, not <dimension ref>.
    path = tmp_path / "dim.xlsx"
    rebuild_zip(plain, path, replace={SHEET: sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>',
                                                       '<dimension ref="A1:XFD1048576"/>')})
    assert read_workbook(path).sheets[0].rows == [[1]]


@pytest.mark.parametrize("empty", ['<c r="XFD1048576" s="1"/>', '<c r="XFD1048576" s="1"></c>',
                                   "<c r='XFD1048576' s='1'/>"],
                         ids=["self-closing", "closed-at-once", "walked"])
def test_empty_styled_cells_far_away_cost_nothing(tmp_path, plain, empty):
    cells = f'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576">{empty}</row>'
    path = tmp_path / "styled.xlsx"
    rebuild_zip(plain, path, replace={SHEET: sheet_xml(cells, '<dimension ref="A1:XFD1048576"/>')})
    tight = replace(DEFAULT, max_cells_per_sheet=4)
    assert read_workbook(path, settings=tight).sheets[0].rows == [[1]]


def test_empty_styled_areas_across_sheets_are_counted_exactly(tmp_path):
    """Three sheets each styled out to ALL1500 (1.5 million cells by reach, one value):
    the quick count passes each sheet but not the workbook (4 million), so the sheets
    are counted again exactly, and the workbook is read."""
    base = tmp_path / "three.xlsx"
    build_plain_xlsx(base, sheets=3, rows=1, cols=1)
    cells = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1500"><c r="ALL1500" s="1"/></row>'
    path = tmp_path / "styled.xlsx"
    rebuild_zip(base, path, replace={f"xl/worksheets/sheet{i}.xml": sheet_xml(cells) for i in (1, 2, 3)})
    assert [s.rows for s in read_workbook(path).sheets] == [[[1]]] * 3


def _run_isolated(code: str, limit_gb: float = 2.0, timeout: float = 300) -> str:
    """Run `code` in a fresh interpreter under an address-space cap; its stdout."""
    script = textwrap.dedent(f"""
        import resource, sys
        cap = {int(limit_gb * (1 << 30))}
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    """) + textwrap.dedent(code)
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=timeout, cwd=repo)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def _refused_in_a_child(path) -> str:
    """`refused <message>` when reading `path` raises LimitExceeded, in a child process
    (calamine would abort the whole interpreter on such a file)."""
    return _run_isolated(f"""
        from xlperf.xlsx import read_workbook
        from xlperf.errors import LimitExceeded
        try:
            read_workbook({str(path)!r})
        except LimitExceeded as e:
            print("refused", e)
    """)


# <v></v> is a value to calamine too (it allocates the grid up to it)
@pytest.mark.parametrize("far", ['<c r="XFD1048576"><v>2</v></c>',
                                 '<c r="XFD1048576" t="str"><v></v></c>'], ids=["value", "empty-v"])
def test_far_cell_behind_a_small_dimension_never_reaches_calamine(tmp_path, plain, far):
    # calamine allocates the dense grid from A1 to the last cell: A1 + XFD1048576 would
    # be 17 billion cells. The dimension lies ("A1"), so the scan itself must refuse.
    cells = f'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576">{far}</row>'
    path = tmp_path / "far.xlsx"
    rebuild_zip(plain, path, replace={SHEET: sheet_xml(cells, '<dimension ref="A1"/>')})
    out = _refused_in_a_child(path)
    assert out.startswith("refused") and "上限" in out


@pytest.mark.parametrize("cells", [
    # a tag the fast regex does not model: newline before r, single quotes, other prefix
    '<row r="1"><c\nr="XFD1048576"><v>1</v></c></row>',
    "<row r='1'><c r='XFD1048576'><v>1</v></c></row>",
    '<row r="1"><y:c xmlns:y="%s" r="XFD1048576"><y:v>1</y:v></y:c></row>' % MAIN,
    # a fake end of sheetData hidden in CDATA, real cells after it
    '<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[</sheetData>]]></t></is></c>'
    '<c r="XFD1048576"><v>1</v></c></row>',
], ids=["newline", "quotes", "prefix", "cdata"])
def test_hidden_far_cells_are_still_counted(tmp_path, plain, cells):
    path = tmp_path / "hidden.xlsx"
    rebuild_zip(plain, path, replace={SHEET: sheet_xml(cells, '<dimension ref="A1"/>')})
    out = _refused_in_a_child(path)
    assert out.startswith("refused")


def _write_streamed_member(path, member: str, pieces, level: int = 1) -> None:
    """Add a member to a copy of a workbook without holding its inflated bytes."""
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        with z.open(member, "w") as f:
            for piece in pieces:
                f.write(piece)


@pytest.mark.parametrize("lie", [False, True], ids=["honest-1GB", "lying-1GB"])
def test_realistic_zip_bomb_peak_memory(tmp_path, plain, lie):
    """A sheet part that inflates to 1 GiB, with an honest and with a lying header: the
    reader refuses within seconds and the process never grows past 1.5 GB."""
    path = tmp_path / "bomb.xlsx"
    rebuild_zip(plain, path, drop={SHEET})
    row = b'<row r="1"><c r="A1"><v>0</v></c></row>' * 27_000  # ~1 MiB
    head = sheet_xml("").split(b"<sheetData>")[0] + b"<sheetData>"
    _write_streamed_member(path, SHEET, [head] + [row] * 1024 + [b"</sheetData></worksheet>"])
    if lie:
        _patch_declared_size(path, SHEET, 150_000)
    out = _run_isolated(f"""
        import time
        from xlperf.xlsx import read_workbook
        from xlperf.errors import UnreadableWorkbook
        {_PEAK}
        t = time.perf_counter()
        try:
            read_workbook({str(path)!r})
            print("read", 0, 0)
        except UnreadableWorkbook as e:
            print(type(e).__name__, time.perf_counter() - t, peak())
    """, limit_gb=3)
    kind, seconds, peak = out.split()
    assert kind in ("LimitExceeded", "UnreadableWorkbook")  # within the child's timeout
    assert int(peak) < 1.5 * (1 << 30)


def test_many_cells_within_the_part_limit_peak_memory(tmp_path, plain):
    """3 million cells in a 150 MB part: under the size limit, over the cell limit; the
    scan refuses before calamine builds a grid."""
    path = tmp_path / "cells.xlsx"
    rebuild_zip(plain, path, drop={SHEET})
    head = sheet_xml("").split(b"<sheetData>")[0] + b"<sheetData>"

    def rows():
        yield head
        for r in range(1, 300_001):
            yield (f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>{r}</v></c>' for c in "ABCDEFGHIJ")
                   + "</row>").encode()
        yield b"</sheetData></worksheet>"

    _write_streamed_member(path, SHEET, rows())
    out = _run_isolated(f"""
        from xlperf.xlsx import read_workbook
        from xlperf.errors import LimitExceeded
        {_PEAK}
        try:
            read_workbook({str(path)!r})
        except LimitExceeded as e:
            print("refused", peak())
    """)
    kind, peak = out.split()
    assert kind == "refused" and int(peak) < 1.5 * (1 << 30)


def _openpyxl_formulas(path) -> dict[str, frozenset]:
    """The formula cells as openpyxl sees them (it expands shared formulas itself)."""
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Sparkline Group extension is not supported"
        wb = openpyxl.load_workbook(path)
    return {ws.title: frozenset((c.row - 1, c.column - 1) for row in ws.iter_rows() for c in row
                                if c.data_type == "f")
            for ws in wb.worksheets}


def test_formula_map_agrees_with_openpyxl(tmp_path):
    path = tmp_path / "rich.xlsm"
    build_rich_xlsm(path)
    assert read_formulas(path) == _openpyxl_formulas(path)


@pytest.mark.libreoffice
def test_formula_map_of_a_libreoffice_saved_file(tmp_path):
    # LibreOffice writes its own attribute order and layout: a second writer whose
    # files users will send us
    from lo import convert

    src = tmp_path / "plain.xlsx"
    build_plain_xlsx(src, sheets=2, rows=30, cols=6)
    saved = convert(src, "xlsx", tmp_path / "lo")
    ours = read_formulas(saved)
    assert ours == _openpyxl_formulas(saved)
    assert ours["S0"] == {(r, 5) for r in range(30)}
    assert read_workbook(saved).sheet("S1").value(29, 5) == sum(29 * 6 + c for c in range(5))


def test_a_chart_sheet_is_left_out_with_a_note(tmp_path):
    path = tmp_path / "chart.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("数据")
    ws.write_column(0, 0, [1, 2, 3])
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": "=数据!$A$1:$A$3"})
    wb.add_chartsheet("图表").set_chart(chart)
    wb.close()
    grid = read_workbook(path)
    assert grid.sheet_names == ["数据"] and grid.sheets[0].rows == [[1], [2], [3]]
    assert [(f.sheet, f.code, f.severity) for f in grid.notes] == [("图表", "SHEET_SKIPPED", "info")]
    assert "图表工作表" in grid.notes[0].message
