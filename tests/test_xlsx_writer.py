"""Writer: a plan lands in the cells it names and nowhere else; every other zip member
stays byte for byte; LibreOffice opens the result and recomputes it; the write is
atomic, refuses locked files and turns OS errors into one Chinese line."""
from __future__ import annotations

import errno
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from decimal import Decimal

import pytest
from lo import errors_in, recalc_values
from lxml import etree
from test_xlsx_samples import build_plain_xlsx, build_rich_xlsm, rebuild_zip

from xlperf.errors import UsageError, WorkbookLocked, WriteFailed
from xlperf.grid import a1
from xlperf.plan import CellWrite, Plan, safe_text
from xlperf.xlsx import apply_plan, read_formulas, read_workbook
from xlperf.xlsx import writer as writer_mod
from xlperf.xlsx.zipout import ZipRewriter

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SHEET1 = "xl/worksheets/sheet1.xml"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (row, col) 0-based on sheet 数据 of build_rich_xlsm
TARGETS = {
    (11, 2): Decimal("999.50"),    # C12 =SUM(C2:C11): formula kept, cached value replaced
    (2, 2): Decimal("123.45"),     # C3 an input number
    (29, 0): "新行文本",            # A30 in a row that does not exist yet
    (4, 7): Decimal("0.5"),        # H5 new cell in an existing row, column H has a style
    (20, 3): Decimal("7"),         # D21 new cell in a customFormat row
    (3, 4): None,                  # E4 cleared
    (29, 4): safe_text("=1+1"),    # E30 a note that looks like a formula
    (2, 6): "超",                  # G3 text result of an IF formula
}


def rich_plan() -> Plan:
    return Plan(writes=[CellWrite("数据", r, c, v, formula_cell=(r, c) in {(11, 2), (2, 6)},
                                  note=(r, c) == (29, 4))
                        for (r, c), v in TARGETS.items()])


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    path = tmp_path_factory.mktemp("rich") / "rich.xlsm"
    build_rich_xlsm(path)
    return path


@pytest.fixture(scope="module")
def rich_out(rich, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "out.xlsm"
    assert apply_plan(rich, rich_plan(), out_path=out) == out
    return out


def raw_record(path, info: zipfile.ZipInfo) -> bytes:
    """A member's local header and compressed data exactly as stored."""
    with open(path, "rb") as f:
        f.seek(info.header_offset)
        head = f.read(30)
        n, m = int.from_bytes(head[26:28], "little"), int.from_bytes(head[28:30], "little")
        return head + f.read(n + m + info.compress_size)


def cells_xml(path, part=SHEET1) -> dict[str, etree._Element]:
    root = etree.fromstring(zipfile.ZipFile(path).read(part))
    return {c.get("r"): c for c in root.iter(M + "c")}


# -- losslessness ---------------------------------------------------------------------------

def test_untouched_members_byte_identical_and_in_order(rich, rich_out):
    src, out = zipfile.ZipFile(rich), zipfile.ZipFile(rich_out)
    assert out.namelist() == src.namelist()
    changed = {SHEET1, "xl/workbook.xml"}
    for info in src.infolist():
        if info.filename in changed:
            continue
        o = out.getinfo(info.filename)
        assert (o.CRC, o.compress_size, o.file_size, o.compress_type, o.date_time) == \
            (info.CRC, info.compress_size, info.file_size, info.compress_type, info.date_time)
        assert raw_record(rich_out, o) == raw_record(rich, info), info.filename
    assert out.read("xl/vbaProject.bin") == src.read("xl/vbaProject.bin")
    assert out.testzip() is None


def test_untouched_cells_values_formulas_styles(rich, rich_out):
    before, after = read_workbook(rich), read_workbook(rich_out)
    for sheet in before.sheets:
        new = after.sheet(sheet.name)
        rows = max(sheet.n_rows, new.n_rows)
        cols = max(sheet.n_cols, new.n_cols)
        for r in range(rows):
            for c in range(cols):
                if sheet.name == "数据" and (r, c) in TARGETS:
                    continue
                assert new.value(r, c) == sheet.value(r, c), (sheet.name, a1(r, c))
    assert read_formulas(rich_out) == read_formulas(rich)

    old_cells, new_cells = cells_xml(rich), cells_xml(rich_out)
    for ref, c in old_cells.items():
        assert new_cells[ref].get("s") == c.get("s"), ref
    # untouched rows are serialised exactly as before
    old_rows, new_rows = (
        {r.get("r"): r for r in etree.fromstring(zipfile.ZipFile(p).read(SHEET1)).iter(M + "row")}
        for p in (rich, rich_out))
    touched = {str(r + 1) for r, _ in TARGETS}
    for r, el in old_rows.items():
        if r not in touched:
            el.tail = new_rows[r].tail = None
            assert etree.tostring(new_rows[r]) == etree.tostring(el), r


def test_targets_hold_the_plan(rich, rich_out):
    s = read_workbook(rich_out).sheet("数据")
    for (r, c), v in TARGETS.items():
        expected = float(v) if isinstance(v, Decimal) else v
        assert s.value(r, c) == expected, a1(r, c)
    cells = cells_xml(rich_out)
    assert cells["C12"].find(M + "f").text == "SUM(C2:C11)"
    assert cells["C12"].find(M + "v").text == "999.50"  # Decimal as written, never a float
    assert cells["G3"].get("t") == "str" and cells["G3"].find(M + "f") is not None
    e30 = cells["E30"]
    assert e30.get("t") == "inlineStr" and e30.find(M + "f") is None
    assert e30.find(f"{M}is/{M}t").text == "'=1+1"
    assert cells["E4"].find(M + "v") is None
    assert cells["E4"].get("s") == cells_xml(rich)["E4"].get("s")
    # new cells take the row's style in a customFormat row, else the column's
    root = etree.fromstring(zipfile.ZipFile(rich_out).read(SHEET1))
    row21 = [r for r in root.iter(M + "row") if r.get("r") == "21"][0]
    assert cells["D21"].get("s") == row21.get("s")
    col_h = [c for c in root.iter(M + "col") if int(c.get("min")) <= 8 <= int(c.get("max"))][0]
    assert cells["H5"].get("s") == col_h.get("style")
    assert "A30" in cells and cells["A30"].get("s") is None
    # rows and cells stay in order
    rows = [int(r.get("r")) for r in root.iter(M + "row")]
    assert rows == sorted(rows)
    for row in root.iter(M + "row"):
        cols = [c.get("r").rstrip("0123456789") for c in row.iter(M + "c")]
        assert sorted(cols, key=lambda x: (len(x), x)) == cols
    assert root.find(M + "dimension").get("ref") in ("A1:H30", "A1:J30")
    # mc:Ignorable and the x14 extension list survive
    raw = zipfile.ZipFile(rich_out).read(SHEET1)
    assert b"x14:sparklineGroups" in raw and b"<legacyDrawing" in raw and b"<drawing" in raw


def test_shared_strings_untouched_and_full_calc_on_load(rich_out, rich):
    out = zipfile.ZipFile(rich_out)
    assert out.read("xl/sharedStrings.xml") == zipfile.ZipFile(rich).read("xl/sharedStrings.xml")
    assert b'fullCalcOnLoad="1"' in out.read("xl/workbook.xml")


def test_calc_pr_created_in_schema_order(tmp_path):
    src = tmp_path / "p.xlsx"
    build_plain_xlsx(src, sheets=1)
    wb = zipfile.ZipFile(src).read("xl/workbook.xml")
    no_calc = tmp_path / "nocalc.xlsx"
    import re
    rebuild_zip(src, no_calc, replace={"xl/workbook.xml": re.sub(rb"<calcPr[^>]*/>", b"", wb)})
    plan = Plan(writes=[CellWrite("S0", 0, 0, Decimal(1))])
    out = apply_plan(no_calc, plan, out_path=tmp_path / "o.xlsx")
    root = etree.fromstring(zipfile.ZipFile(out).read("xl/workbook.xml"))
    names = [etree.QName(c).localname for c in root]
    assert names.index("calcPr") == names.index("sheets") + 1
    assert root.find(M + "calcPr").get("fullCalcOnLoad") == "1"


def test_formula_cell_error_type_and_clearing(tmp_path):
    src = tmp_path / "p.xlsx"
    build_plain_xlsx(src, sheets=1, rows=3, cols=3)
    xml = zipfile.ZipFile(src).read(SHEET1)
    xml = xml.replace(b'<c r="C1"', b'<c r="C1" t="e"', 1)
    xml = xml.replace(b"<f>SUM(A1:B1)</f><v>1</v>", b"<f>SUM(A1:B1)</f><v>#DIV/0!</v>")
    broken = tmp_path / "e.xlsx"
    rebuild_zip(src, broken, replace={SHEET1: xml})
    plan = Plan(writes=[CellWrite("S0", 0, 2, Decimal("1.00"), formula_cell=True),
                        CellWrite("S0", 1, 2, None, formula_cell=True),
                        CellWrite("S0", 2, 2, "文字", formula_cell=True)])
    out = apply_plan(broken, plan, out_path=tmp_path / "o.xlsx")
    cells = cells_xml(out)
    assert cells["C1"].get("t") is None and cells["C1"].find(M + "v").text == "1.00"
    assert cells["C2"].find(M + "v") is None and cells["C2"].find(M + "f") is not None
    assert cells["C3"].get("t") == "str"
    assert read_formulas(out) == read_formulas(src)


def test_new_sheet_is_registered(tmp_path, rich):
    plan = Plan(new_sheets=["校验结果"], writes=[
        CellWrite("校验结果", 0, 0, "校验结果"), CellWrite("校验结果", 2, 1, "数据"),
        CellWrite("校验结果", 3, 5, safe_text("-5 与合计不符"), note=True)])
    out = apply_plan(rich, plan, out_path=tmp_path / "o.xlsm")
    grid = read_workbook(out)
    assert grid.sheet_names == ["数据", "图表", "校验结果"]
    assert grid.sheet("校验结果").value(3, 5) == "'-5 与合计不符"
    z, src = zipfile.ZipFile(out), zipfile.ZipFile(rich)
    new = [n for n in z.namelist() if n not in src.namelist()]
    assert new == ["xl/worksheets/sheet3.xml"]
    assert b'PartName="/xl/worksheets/sheet3.xml"' in z.read("[Content_Types].xml")
    assert b'Target="worksheets/sheet3.xml"' in z.read("xl/_rels/workbook.xml.rels")
    assert z.read("docProps/app.xml") == src.read("docProps/app.xml")
    # asking again for a sheet that exists adds nothing
    again = apply_plan(out, Plan(new_sheets=["校验结果"]), out_path=tmp_path / "o2.xlsm")
    assert read_workbook(again).sheet_names == ["数据", "图表", "校验结果"]


def test_unknown_sheet_is_a_usage_error(tmp_path, rich):
    target = tmp_path / "t.xlsm"
    shutil.copy(rich, target)
    before = target.read_bytes()
    with pytest.raises(UsageError) as e:
        apply_plan(target, Plan(writes=[CellWrite("没有这张表", 0, 0, "x")]))
    assert "没有这张表" in str(e.value)
    assert target.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["t.xlsm"]


def test_text_escaping_round_trip(tmp_path):
    src = tmp_path / "p.xlsx"
    build_plain_xlsx(src, sheets=1, rows=2, cols=2)
    text = "a<b & c\x01 _x0041_ \"q\" 换行\n  前后空格  "
    out = apply_plan(src, Plan(writes=[CellWrite("S0", 5, 5, text)]), out_path=tmp_path / "o.xlsx")
    assert read_workbook(out).sheets[0].value(5, 5) == text


# -- LibreOffice as the outside oracle ------------------------------------------------------

@pytest.mark.libreoffice
def test_libreoffice_opens_and_recalculates(rich_out):
    values = recalc_values(rich_out)
    assert errors_in(values) == []
    data = values["数据"]
    assert data[11][2] == pytest.approx(945 - 91 + 123.45)  # C12 = SUM(C2:C11), recomputed
    assert data[2][3] == pytest.approx(101 - 123.45)        # D3 = B3 - C3
    assert data[2][6] == "超"
    assert data[29][4] == "'=1+1"  # text, never evaluated
    assert data[29][0] == "新行文本"
    assert values["图表"][19][0] == 1045


@pytest.mark.libreoffice
def test_libreoffice_opens_new_sheet(tmp_path, rich):
    plan = Plan(new_sheets=["校验结果"], writes=[CellWrite("校验结果", 0, 0, "校验结果"),
                                             CellWrite("校验结果", 3, 2, Decimal("12.5"))])
    out = apply_plan(rich, plan, out_path=tmp_path / "o.xlsm")
    values = recalc_values(out)
    assert values["校验结果"][0][0] == "校验结果" and values["校验结果"][3][2] == 12.5
    assert errors_in(values) == []


# -- atomicity and OS errors ---------------------------------------------------------------

@pytest.fixture
def target(tmp_path, rich):
    path = tmp_path / "预算.xlsm"
    shutil.copy(rich, path)
    return path


def test_in_place_with_backup(target):
    before = target.read_bytes()
    assert apply_plan(target, rich_plan(), backup=True) == target
    bak = target.with_name("预算.bak.xlsm")
    assert bak.read_bytes() == before and target.read_bytes() != before
    assert sorted(p.name for p in target.parent.iterdir()) == ["预算.bak.xlsm", "预算.xlsm"]


def test_lock_file_refuses_in_place_but_not_elsewhere(target, tmp_path):
    before = target.read_bytes()
    (target.parent / ("~$" + target.name)).write_bytes(b"owner")
    with pytest.raises(WorkbookLocked) as e:
        apply_plan(target, rich_plan())
    assert str(e.value) == "文件正在 Excel 中打开，请关闭后重试"
    assert target.read_bytes() == before
    other = tmp_path / "elsewhere" / "copy.xlsm"
    other.parent.mkdir()
    apply_plan(target, rich_plan(), out_path=other)
    assert read_workbook(other).sheet("数据").value(2, 2) == 123.45


def test_read_only_file(target):
    before = target.read_bytes()
    target.chmod(0o444)
    try:
        with pytest.raises(WriteFailed) as e:
            apply_plan(target, rich_plan())
        assert "只读" in str(e.value) and "\n" not in str(e.value)
    finally:
        target.chmod(0o644)
    assert target.read_bytes() == before
    assert len(list(target.parent.iterdir())) == 1


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root ignores folder permissions")
def test_read_only_folder_real(target):
    before = target.read_bytes()
    target.parent.chmod(0o555)
    try:
        with pytest.raises(WriteFailed):
            apply_plan(target, rich_plan())
    finally:
        target.parent.chmod(0o755)
    assert target.read_bytes() == before


def test_read_only_folder_simulated(target, monkeypatch):
    # as root (CI containers) a 0555 folder is still writable: simulate what any other
    # user gets from the OS when the temp file cannot be created
    before = target.read_bytes()
    real_open = os.open

    def denied(path, flags, *args, **kw):
        if str(path).endswith(".xlperf-tmp"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(WriteFailed) as e:
        apply_plan(target, rich_plan())
    assert "没有写入权限" in str(e.value)
    assert target.read_bytes() == before


def test_disk_full_mid_write_keeps_original_and_cleans_temp(target, monkeypatch):
    before = target.read_bytes()
    real_write = ZipRewriter.write

    def write_then_fail(self, out, replace, add):
        out.write(b"PK\x03\x04 partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ZipRewriter, "write", write_then_fail)
    with pytest.raises(WriteFailed) as e:
        apply_plan(target, rich_plan())
    assert "磁盘空间不足" in str(e.value)
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == [target.name]
    monkeypatch.setattr(ZipRewriter, "write", real_write)


def test_fsync_failure_keeps_original(target, monkeypatch):
    before = target.read_bytes()

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(WriteFailed):
        apply_plan(target, rich_plan())
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_bad_value_error_cleans_temp(target):
    before = target.read_bytes()
    with pytest.raises(ValueError):
        apply_plan(target, Plan(writes=[CellWrite("数据", 0, 0, Decimal("NaN"))]))
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_sigkill_mid_write_leaves_old_or_new(tmp_path):
    """Kill a writer at random moments: the target is always one complete workbook."""
    src = tmp_path / "src.xlsx"
    build_plain_xlsx(src, sheets=20, rows=2000, cols=10)
    old = src.read_bytes()
    plan_code = ("Plan(writes=[CellWrite(f'S{s}', r, 11, Decimal(r)) "
                 "for s in range(20) for r in range(0, 2000, 50)])")
    reference = tmp_path / "reference.xlsx"
    t = time.perf_counter()
    apply_plan(src, eval(plan_code, {"Plan": Plan, "CellWrite": CellWrite, "Decimal": Decimal}),
               out_path=reference)
    duration = time.perf_counter() - t
    new = reference.read_bytes()
    assert new != old
    digests = {hashlib.sha256(old).hexdigest(): "old", hashlib.sha256(new).hexdigest(): "new"}

    target = tmp_path / "work" / "book.xlsx"
    target.parent.mkdir()
    child = textwrap.dedent(f"""
        import sys
        from decimal import Decimal
        from xlperf.plan import CellWrite, Plan
        from xlperf.xlsx import apply_plan
        plan = {plan_code}
        print("ready", flush=True)
        apply_plan({str(target)!r}, plan)
        print("done", flush=True)
    """)
    def start():
        target.write_bytes(old)
        proc = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, cwd=REPO)
        assert proc.stdout.readline().strip() == b"ready"
        return proc

    proc = start()  # one undisturbed run times the child's own write
    t = time.perf_counter()
    assert proc.stdout.readline().strip() == b"done"
    duration = max(duration, time.perf_counter() - t)
    proc.wait()
    assert target.read_bytes() == new

    rng = random.Random(20240601)
    seen, mid_write = set(), 0
    for i in range(8):
        proc = start()
        time.sleep((0.05 + 0.2 * i + rng.uniform(0, 0.15)) * duration)  # 5 % … 170 %
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = digests.get(hashlib.sha256(target.read_bytes()).hexdigest())
        assert state is not None, "the target holds a half-written file"
        seen.add(state)
        read_workbook(target)  # and it reads
        leftovers = list(target.parent.glob("*.xlperf-tmp"))
        mid_write += bool(leftovers) and state == "old"
        for leftover in leftovers:
            leftover.unlink()  # SIGKILL leaves the temp behind, never at the target path
        assert [p.name for p in target.parent.iterdir()] == [target.name]
    assert mid_write >= 1  # some kills really landed while the temp file was being written


def test_writer_module_public_surface():
    assert writer_mod.apply_plan is apply_plan


def test_rows_and_cells_without_r(tmp_path):
    # r is optional; a row inserted before r-less rows must not shift them
    src = tmp_path / "p.xlsx"
    build_plain_xlsx(src, sheets=1, rows=1, cols=2)
    xml = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b'<sheetData><row><c><v>1</v></c><c><v>2</v></c></row>'
           b'<row r="3"><c><v>3</v></c></row><row><c r="B4"><v>4</v></c></row>'
           b'</sheetData></worksheet>')
    nor = tmp_path / "nor.xlsx"
    rebuild_zip(src, nor, replace={SHEET1: xml})
    before = read_workbook(nor).sheets[0].rows
    assert before == [[1, 2], [None, None], [3, None], [None, 4]]
    plan = Plan(writes=[CellWrite("S0", 1, 0, "新"), CellWrite("S0", 0, 2, Decimal("5"))])
    out = apply_plan(nor, plan, out_path=tmp_path / "o.xlsx")
    after = read_workbook(out).sheets[0].rows
    assert after == [[1, 2, 5], ["新", None, None], [3, None, None], [None, 4, None]]
