"""Workbooks the xlsx adapter tests build at run time (no binaries are committed), and
checks that the builders produce what the other tests rely on.

- build_rich_xlsm: an .xlsm from XlsxWriter with a VBA project (taken from xlwings'
  bundled quickstart.xlsm), a form button, a chart, a picture, a textbox, a comment,
  data validation, defined names, a second sheet, a sparkline, shared strings and
  formulas with cached results.
- ole_container: a minimal OLE2 compound file (what legacy .xls and password-protected
  workbooks are), checked here against olefile.
"""
from __future__ import annotations

import datetime
import io
import os
import struct
import zipfile
import zlib

import pytest
import xlsxwriter

from xlperf.xlsx import read_workbook

INPUT_FILL = "#FFF2CC"


def png_bytes(w: int = 8, h: int = 8, rgb=(200, 30, 30)) -> bytes:
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def vba_project_bin() -> bytes:
    import xlwings

    path = os.path.join(os.path.dirname(xlwings.__file__), "quickstart.xlsm")
    with zipfile.ZipFile(path) as z:
        return z.read("xl/vbaProject.bin")


def build_rich_xlsm(path) -> None:
    """Sheet 数据: A1:E11 a small table (header row 1, names in A, numbers B..E), totals
    in row 12 (formulas with cached sums), F2 a sparkline, G2/G3 more formulas, input
    fill on B2:C11, a customFormat row 21, a styled column H, and objects around J."""
    wb = xlsxwriter.Workbook(str(path))
    wb.add_vba_project(io.BytesIO(vba_project_bin()), is_stream=True)
    inp = wb.add_format({"bg_color": INPUT_FILL, "num_format": "#,##0.00", "border": 1})
    bold = wb.add_format({"bold": True})
    col_fmt = wb.add_format({"num_format": "0.00%"})
    row_fmt = wb.add_format({"bg_color": "#E7E6E6"})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})

    ws = wb.add_worksheet("数据")
    ws2 = wb.add_worksheet("图表")
    ws.write_row(0, 0, ["项目", "预算", "执行", "差额", "备注"], bold)
    for i in range(10):
        r = i + 1
        ws.write_string(r, 0, f"项目{i % 4}")  # repeated text: shared strings
        ws.write_number(r, 1, 100 + i, inp)
        ws.write_number(r, 2, 90 + i, inp)
        ws.write_formula(r, 3, f"=B{r + 1}-C{r + 1}", None, 10)
        ws.write_string(r, 4, "说明")
    ws.write_string(11, 0, "合计", bold)
    ws.write_formula(11, 1, "=SUM(B2:B11)", None, sum(100 + i for i in range(10)))
    ws.write_formula(11, 2, "=SUM(C2:C11)", None, sum(90 + i for i in range(10)))
    ws.write_formula(11, 3, "=B12-C12", None, 100)
    ws.write_formula(1, 6, "=IFERROR(C2/B2,\"\")", None, 0.9)
    ws.write_formula(2, 6, '=IF(C3>B3,"超","否")', None, "否")
    ws.write_datetime(13, 0, datetime.datetime(2024, 12, 31), date_fmt)
    ws.set_column("H:H", 12, col_fmt)
    ws.set_row(20, None, row_fmt)
    ws.write_string(20, 0, "格式行")
    ws.add_sparkline("F2", {"range": "数据!B2:E2"})
    ws.data_validation("B2:C11", {"validate": "decimal", "criteria": ">=", "value": 0})
    ws.write_comment("A1", "批注：项目名称")
    ws.insert_button("J2", {"macro": "say_hello", "caption": "刷新评分"})
    ws.insert_image("J6", "dot.png", {"image_data": io.BytesIO(png_bytes())})
    ws.insert_textbox("J12", "说明文字")
    ws.repeat_rows(0)

    chart = wb.add_chart({"type": "column"})
    chart.add_series({"categories": "=数据!$A$2:$A$11", "values": "=数据!$B$2:$B$11"})
    ws2.insert_chart("A1", chart)
    ws2.write_formula("A20", "=数据!B12", None, 1045)
    wb.define_name("合计预算", "=数据!$B$12")
    wb.close()


def build_plain_xlsx(path, sheets: int = 2, rows: int = 20, cols: int = 8) -> None:
    wb = xlsxwriter.Workbook(str(path))
    for s in range(sheets):
        ws = wb.add_worksheet(f"S{s}")
        for r in range(rows):
            for c in range(cols - 1):
                ws.write_number(r, c, r * cols + c)
            ws.write_formula(r, cols - 1, f"=SUM(A{r + 1}:{chr(64 + cols - 1)}{r + 1})", None,
                             sum(r * cols + c for c in range(cols - 1)))
    wb.close()


def rebuild_zip(src, dst, replace: dict | None = None, drop=(), add: dict | None = None) -> None:
    """A copy of a zip with some members replaced, dropped or added (deflated)."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info)))
        for name, data in add.items():
            zout.writestr(name, data)


def ole_container(streams: dict[str, bytes]) -> bytes:
    """A version-3 compound file holding `streams` (each stored in regular sectors)."""
    sec = 512
    free, end, fatsect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    n_dir_sectors = (len(streams) + 1 + 3) // 4
    fat = [fatsect] + [end if i == n_dir_sectors - 1 else i + 2 for i in range(n_dir_sectors)]
    data_sectors, starts, sizes = [], [], []
    for payload in streams.values():
        padded = payload + b"\0" * (-len(payload) % sec)
        padded += b"\0" * max(0, 4096 - len(padded))  # stay above the mini-stream cutoff
        n = len(padded) // sec
        first = 1 + n_dir_sectors + len(data_sectors)
        starts.append(first)
        sizes.append(max(len(payload), 4096))
        fat += [first + k + 1 for k in range(n - 1)] + [end]
        data_sectors += [padded[k * sec:(k + 1) * sec] for k in range(n)]
    assert len(fat) <= sec // 4, "one FAT sector is enough for test containers"
    fat += [free] * (sec // 4 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = (name + "\0").encode("utf-16-le")
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", free, right, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
                + struct.pack("<IQ", start, size))

    names = list(streams)
    entries = [entry("Root Entry", 5, 1 if names else free, free, end, 0)]
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else free
        entries.append(entry(name, 2, free, right, starts[i], sizes[i]))
    directory = b"".join(entries).ljust(n_dir_sectors * sec, b"\0")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<108I", *([free] * 108)))
    assert len(header) == 512
    return header + struct.pack(f"<{sec // 4}I", *fat) + directory + b"".join(data_sectors)


# -- the builders themselves -------------------------------------------------------------

def test_rich_xlsm_has_every_kind_of_part(tmp_path):
    path = tmp_path / "rich.xlsm"
    build_rich_xlsm(path)
    names = zipfile.ZipFile(path).namelist()
    for needed in ("xl/vbaProject.bin", "xl/charts/chart1.xml", "xl/media/image1.png",
                   "xl/comments1.xml", "xl/drawings/drawing1.xml", "xl/sharedStrings.xml",
                   "xl/drawings/vmlDrawing1.vml"):
        assert needed in names
    sheet = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert b"x14:sparklineGroups" in sheet and b"<dataValidations" in sheet
    grid = read_workbook(path)
    data = grid.sheet("数据")
    assert data.value(11, 1) == 1045 and data.has_formula(11, 1)
    assert data.value(0, 0) == "项目" and not data.has_formula(0, 0)


def test_ole_container_is_read_by_olefile():
    olefile = pytest.importorskip("olefile")
    blob = ole_container({"EncryptionInfo": b"x" * 100, "EncryptedPackage": b"y" * 5000})
    ole = olefile.OleFileIO(blob)
    assert sorted("/".join(p) for p in ole.listdir()) == ["EncryptedPackage", "EncryptionInfo"]
    assert ole.openstream("EncryptedPackage").read()[:5000] == b"y" * 5000
