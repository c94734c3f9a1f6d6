"""The shipped Excel assets (workbooks/xlperf.xlam, workbooks/部门绩效自评模板.xlsm) and
the code that builds them (workbooks/build_addin.py, workbooks/ovba.py).

Oracles from outside our code: oletools' own MS-OVBA decompressor and VBA parser,
olefile's compound-file reader, lxml for the ribbon XML, and LibreOffice, which imports
the VBA projects and wires the sheet buttons to their macro.
"""
from __future__ import annotations

import io
import random
import re
import struct
import sys
import zipfile
from pathlib import Path

import olefile
import pytest
import python_calamine as pc
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from oletools.olevba import VBA_Parser, decompress_stream

from xlperf.grid import parse_a1

ROOT = Path(__file__).resolve().parents[1]
WORKBOOKS = ROOT / "workbooks"
sys.path.insert(0, str(WORKBOOKS))

import build_addin  # noqa: E402
import ovba  # noqa: E402

ADDIN = WORKBOOKS / "xlperf.xlam"
XLSM = WORKBOOKS / "部门绩效自评模板.xlsm"
CUSTOMUI = "{http://schemas.microsoft.com/office/2006/01/customui}"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def vba_modules(path) -> dict[str, str]:
    """Module name → source, as oletools reads it (its own decompressor and dir parser)."""
    parser = VBA_Parser(str(path))
    try:
        return {Path(name).stem: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def subs(source: str) -> dict[str, str]:
    """Sub name → its parameter list."""
    return dict(re.findall(r"^\s*(?:Public\s+|Private\s+)?Sub\s+(\w+)\(([^)]*)\)", source, re.M))


# ---- MS-OVBA compression ----------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(st.one_of(
    st.binary(max_size=9000),
    st.text(alphabet="Sub End Dim As String\r\n ()'\"xyz", max_size=12000).map(str.encode),
    st.tuples(st.binary(min_size=1, max_size=40), st.integers(1, 400)).map(lambda t: t[0] * t[1]),
))
def test_compression_round_trips_through_oletools(data):
    packed = ovba.compress(data)
    assert bytes(decompress_stream(bytearray(packed))) == data  # an independent decoder
    assert ovba.decompress(packed) == data


def test_compression_compresses_vba_text():
    source = ovba.VbaProject(build_addin.quickstart_addin_vba()).source("xlwings").encode()
    packed = ovba.compress(source)
    assert len(packed) < len(source) / 2
    # every chunk header says "compressed" with signature 0b011
    pos = 1
    while pos < len(packed):
        header = struct.unpack_from("<H", packed, pos)[0]
        assert header & 0x7000 == 0x3000
        pos += (header & 0x0FFF) + 3


def test_incompressible_data_uses_raw_chunks():
    data = random.Random(5).randbytes(8192)
    packed = ovba.compress(data)
    assert bytes(decompress_stream(bytearray(packed))) == data
    assert struct.unpack_from("<H", packed, 1)[0] & 0x8000 == 0  # first chunk stored raw


# ---- the compound file ------------------------------------------------------------------
def test_compound_file_is_read_back_by_olefile():
    streams = {"A": b"x" * 10, "B/small": b"y" * 100, "B/big": bytes(range(256)) * 40,
               "B/C/deep": b"z" * 5000, "B/empty": b"", "LongerName": b"q"}
    data = ovba.write_cfb(streams)
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        found = {"/".join(p): ole.openstream("/".join(p)).read() for p in ole.listdir()}
    assert found == streams
    assert ovba.write_cfb(streams) == data  # deterministic


def test_unedited_project_survives_a_rewrite():
    original = build_addin.quickstart_addin_vba()
    project = ovba.VbaProject(original)
    copy = ovba.VbaProject(project.to_bytes())
    assert copy.modules() == project.modules()
    for name in project.modules():
        assert copy.source(name) == project.source(name)


# ---- the add-in ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("assets")
    return (build_addin.build_addin(out / "xlperf.xlam"),
            build_addin.build_xlsm(build_addin.TEMPLATE, out / "模板.xlsm"))


def test_ribbon_xml_names_the_buttons_and_their_callbacks():
    with zipfile.ZipFile(ADDIN) as z:
        root = etree.fromstring(z.read("customUI/customUI.xml"))
        rels = etree.fromstring(z.read("_rels/.rels"))
    assert root.tag == f"{CUSTOMUI}customUI"
    tabs = root.findall(f"{CUSTOMUI}ribbon/{CUSTOMUI}tabs/{CUSTOMUI}tab")
    assert [t.get("label") for t in tabs] == ["绩效评价"]
    buttons = tabs[0].findall(f".//{CUSTOMUI}button")
    labels = [b.get("label") for b in buttons]
    assert labels == ["刷新评分", "生成报告", "校验", "新增项目表"]  # 生成报告 beside 刷新评分
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    ribbon = vba_modules(ADDIN)[build_addin.RIBBON_MODULE]
    callbacks = subs(ribbon)
    for b in buttons:
        module, name = b.get("onAction").split(".")
        assert module == build_addin.RIBBON_MODULE
        assert re.fullmatch(r"\s*control\s+As\s+IRibbonControl\s*", callbacks[name]), name
    extensibility = [r for r in rels if r.get("Type").endswith("/ui/extensibility")]
    assert [r.get("Target") for r in extensibility] == ["customUI/customUI.xml"]


def test_ribbon_vba_calls_the_entry_points():
    modules = vba_modules(ADDIN)
    ribbon = modules[build_addin.RIBBON_MODULE]
    calls = dict(re.findall(r"Sub (\w+)\(control As IRibbonControl\)\s*\n(.*?)End Sub",
                            ribbon, re.S))
    assert 'RunPython "import udfs; udfs.refresh_scores()"' in calls["XlperfRefresh"]
    assert 'RunPython "import udfs; udfs.check_workbook()"' in calls["XlperfCheck"]
    assert "udfs.add_project(name=udfs.decode_vba_text(" in calls["XlperfAddProject"]
    assert 'RunPython "import udfs.report; udfs.report.generate_report()"' in calls["XlperfReport"]
    assert len(calls) == 4
    for name, body in calls.items():
        # no workbook open: a message instead of RunPython's error 91 on ActiveWorkbook
        first = next(line.strip() for line in body.strip().splitlines()
                     if not line.strip().startswith("Dim "))
        assert first == "If Not XlperfHasWorkbook() Then Exit Sub", name
    guard = re.search(r"Private Function XlperfHasWorkbook\(\) As Boolean\s*\n(.*?)End Function",
                      ribbon, re.S).group(1)
    assert "Not ActiveWorkbook Is Nothing" in guard and "MsgBox" in guard
    assert ribbon.isascii()  # reads the same under any code page
    # RunPython comes from xlwings' own module in the same project
    xlwings_module = modules["xlwings"]
    assert re.search(r"Public Function RunPython\(", xlwings_module)
    assert 'Public Const PROJECT_NAME As String = "xlperf"' in xlwings_module


def test_chinese_prompts_spell_what_they_mean():
    source = vba_modules(ADDIN)[build_addin.RIBBON_MODULE]
    spelled = re.findall(r'XlperfText\("([0-9A-F ]+)"\)', source)
    texts = ["".join(chr(int(code, 16)) for code in s.split()) for s in spelled]
    assert texts == ["请输入新项目的名称：", "新增项目表", build_addin.NO_WORKBOOK, "绩效评价"]


def test_the_report_buttons_python_call_names_a_function_that_drafts(tmp_path):
    """What the ribbon's and the sheet's RunPython strings import and call exists and is
    the 生成报告 entry point (an xlwings.Book or the caller, then a folder)."""
    import inspect

    import udfs.report

    for call in (build_addin.BUTTONS["xlperfReport"][4], build_addin.SHEET_BUTTONS[1][2]):
        assert call.endswith("udfs.report.generate_report()")
    assert list(inspect.signature(udfs.report.generate_report).parameters)[:2] == ["book", "folder"]


def test_the_project_name_reaches_python_intact():
    from udfs import decode_vba_text

    for name in ("高校毕业生“三支一扶”计划", "a'b\"c&d^e%f", "𠀀 emoji 😀"):
        # what XlperfHex does: 4 hex digits per UTF-16 code unit
        units = name.encode("utf-16-be")
        hex_text = "".join(f"{units[i]:02X}{units[i + 1]:02X}" for i in range(0, len(units), 2))
        assert decode_vba_text(hex_text) == name
    from xlperf.errors import UsageError
    with pytest.raises(UsageError):
        decode_vba_text("12345")


def conf_rows(path) -> list[tuple]:
    """The add-in's configuration sheet as (A, B) texts, row by row from row 1 (booleans
    as Excel shows them), a missing row as ("", "")."""
    with zipfile.ZipFile(path) as z:
        sheet = etree.fromstring(z.read("xl/worksheets/sheet1.xml"))
        shared = z.read("xl/sharedStrings.xml")
    strings = ["".join(si.itertext()) for si in etree.fromstring(shared).iterfind(f"{MAIN}si")]
    cells = {}
    for c in sheet.iter(f"{MAIN}c"):
        text = build_addin._cell_text(c, strings)
        cells[c.get("r")] = text or ""
    last = max((int(re.sub(r"\D", "", r)) for r in cells), default=0)
    return [(cells.get(f"A{n}", ""), cells.get(f"B{n}", "")) for n in range(1, last + 1)]


def get_config_model(xlwings_vba: str):
    """xlwings' GetConfig, as its VBA in the add-in spells it, for a workbook without an
    xlperf.conf sheet of its own and no directory config file: the layers in the order
    the source tries them; a key the add-in's sheet holds (read from A1 down to the first
    empty cell) wins even when its value is blank."""
    body = re.search(r"^Function GetConfig\(configKey.*?$(.*?)^End Function", xlwings_vba,
                     re.S | re.M).group(1)
    layers = re.findall(r'If source = "" Or source = "(\w+)" Then', body)
    assert layers == ["sheet", "directory", "user"]
    # the sheet layer returns the item whenever the key exists, blank or not
    for book in ("ActiveWorkbook", "ThisWorkbook"):
        assert re.search(rf"GetConfigFromSheet\({book}\)\.Exists\(configKey\) = True Then\s*"
                         rf"GetConfig = GetConfigFromSheet\({book}\)\.Item\(configKey\)", body)
    reader = re.search(r"^Function GetConfigFromSheet\(.*?^End Function", xlwings_vba,
                       re.S | re.M).group(0)
    assert 'Set lastCell = sht.Range("A1").End(xlDown)' in reader
    assert "d.Add UCase(cell.Value), cell.Offset(0, 1).Value" in reader
    assert body.rstrip().endswith("GetConfig = default\n    GetConfig = ExpandEnvironmentStrings(GetConfig)")

    def resolve(key: str, sheet: list[tuple], user_file: dict) -> str:
        block = []
        for a, b in sheet:  # A1 to A1.End(xlDown)
            if a == "":
                break
            block.append((a.upper(), b))
        for layer in layers:
            if layer == "sheet" and key in dict(block):
                return dict(block)[key]
            if layer == "user" and key in user_file:
                return user_file[key]
        return ""
    return resolve


# what the README tells a user with several Pythons to write into %USERPROFILE%\.xlperf\xlperf.conf
USER_CONF = {"INTERPRETER_WIN": r"C:\Python312\python.exe", "INTERPRETER_MAC": "/usr/local/bin/python3",
             "PYTHONPATH": r"D:\lib", "CONDA PATH": r"C:\miniconda3", "CONDA ENV": "xlperf"}


def test_the_users_config_file_is_read_and_the_addin_sets_its_udf_module():
    resolve = get_config_model(vba_modules(ADDIN)["xlwings"])
    rows = conf_rows(ADDIN)
    for key, value in USER_CONF.items():
        assert resolve(key, rows, USER_CONF) == value, key
    assert resolve("UDF MODULES", rows, USER_CONF) == "udfs"
    assert all(a and b for a, b in rows)  # nothing blank that would shadow the user's file
    with zipfile.ZipFile(ADDIN) as z:
        assert 'name="xlperf.conf"' in z.read("xl/workbook.xml").decode()  # "<PROJECT_NAME>.conf"


def test_the_quickstart_sheet_would_hide_the_users_interpreter(tmp_path):
    """The oracle catches the defect: with the quickstart's rows (blank Interpreter_Win
    and friends) the sheet wins and the user's file is never read."""
    resolve = get_config_model(vba_modules(ADDIN)["xlwings"])
    quickstart = tmp_path / "quickstart.xlam"
    quickstart.write_bytes(build_addin.quickstart_addin())
    rows = conf_rows(quickstart)
    assert resolve("INTERPRETER_WIN", rows, USER_CONF) == ""
    kept = {a.upper() for a, b in conf_rows(ADDIN)}
    assert kept == {a.upper() for a, b in rows if b} | {"UDF MODULES"}


# ---- the XP_* functions in the add-in ------------------------------------------------------
def _python_signature(name):
    import inspect

    import udfs

    params = inspect.signature(getattr(udfs, name)).parameters.values()
    return [(p.name, p.default is not inspect.Parameter.empty) for p in params]


def test_the_addin_ships_a_vba_wrapper_for_every_xp_function():
    import udfs

    module = vba_modules(ADDIN)[build_addin.UDF_MODULE]
    functions = dict(re.findall(r"^Function (XP_\w+)\(([^)]*)\)\s*$", module, re.M))
    expected = sorted(n for n in udfs.__all__ if n.startswith("XP_"))
    assert sorted(functions) == expected
    for name in expected:
        args = [a.strip() for a in functions[name].split(",")]
        assert args == [("Optional " if optional else "") + arg
                        for arg, optional in _python_signature(name)], name
        call = re.search(rf'{name} = XLPy\.CallUDF\("udfs", "{name}", Array\(([^)]*)\), '
                         r"ActiveWorkbook, Application\.Caller\)", module)
        assert call and call.group(1) == ", ".join(a for a, _ in _python_signature(name)), name
    assert '#Const App = "Microsoft Excel"' in module
    # XLPy, the DLL's entry, is xlwings' own function in the same project
    assert re.search(r"^Function XLPy\(\)", vba_modules(ADDIN)["xlwings"], re.M)


def test_the_vba_project_is_named_xlperf():
    with zipfile.ZipFile(ADDIN) as z:
        data = z.read("xl/vbaProject.bin")
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        project = ole.openstream("PROJECT").read().decode("cp1252")
        modules = re.findall(r"^Module=(\w+)", project, re.M)
    assert re.search(r'^Name="xlperf"\r?$', project, re.M)
    assert modules == [build_addin.RIBBON_MODULE, "xlwings", build_addin.UDF_MODULE]
    assert ovba.VbaProject(data).project_name() == "xlperf"


# ---- the .xlsm ----------------------------------------------------------------------------
def test_xlsm_is_the_template_with_a_button():
    with zipfile.ZipFile(XLSM) as z:
        names = set(z.namelist())
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        vml = [z.read(n).decode() for n in sorted(names) if n.endswith(".vml")]
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types
    assert "vbaProject.bin" in rels and "xl/vbaProject.bin" in names
    assert len(vml) == len(build_addin.BUTTON_SHEETS)
    module = vba_modules(XLSM)[build_addin.BUTTON_MODULE]
    for drawing in vml:  # 刷新评分, then 生成报告 beside it, each running its own macro
        shapes = re.findall(r'<font [^>]*>([^<]+)</font>.*?<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>',
                            drawing, re.S)
        assert shapes == [("刷新评分", build_addin.BUTTON_MACRO), ("生成报告", build_addin.REPORT_MACRO)]
        ids = re.findall(r'<v:shape id="(\w+)"', drawing)
        assert len(ids) == len(set(ids)) == 2
    calls = dict(re.findall(r'Sub (\w+)\(\)\s*\n\s*RunPython "([^"]*)"\s*\nEnd Sub', module))
    assert calls == {build_addin.BUTTON_MACRO: "import udfs; udfs.refresh_scores()",
                     build_addin.REPORT_MACRO: "import udfs.report; udfs.report.generate_report()"}
    assert re.search(r"Public Function RunPython\(", vba_modules(XLSM)["xlwings"])
    # every sheet holds what the shipped template holds
    with pc.CalamineWorkbook.from_path(str(build_addin.TEMPLATE)) as a, \
            pc.CalamineWorkbook.from_path(str(XLSM)) as b:
        assert a.sheet_names == b.sheet_names
        for name in a.sheet_names:
            assert a.get_sheet_by_name(name).to_python() == b.get_sheet_by_name(name).to_python()


def _sheet_parts(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        book = etree.fromstring(z.read("xl/workbook.xml"))
        rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    targets = {r.get("Id"): r.get("Target") for r in rels}
    return {s.get("name"): "xl/" + targets[s.get(rid)].lstrip("/").removeprefix("xl/")
            for s in book.iter(f"{MAIN}sheet")}


def test_xlsm_buttons_sit_near_the_left_on_empty_cells():
    """A 1366-px laptop shows the whole buttons without scrolling (one once sat ~403 mm
    from the left); they cover no text of the template, nor each other: 生成报告 is to
    the right of 刷新评分, on the same line."""
    parts = _sheet_parts(XLSM)
    with zipfile.ZipFile(XLSM) as z, \
            pc.CalamineWorkbook.from_path(str(build_addin.TEMPLATE)) as template:
        for name in build_addin.BUTTON_SHEETS:
            sheet = etree.fromstring(z.read(parts[name]))
            rel_part = build_addin._rels_of(parts[name])
            rels = etree.fromstring(z.read(rel_part))
            vml = next(r.get("Target") for r in rels if r.get("Type").endswith("/vmlDrawing"))
            drawing = z.read("xl/" + vml.removeprefix("../")).decode()
            anchors = [[int(n) for n in found.split(",")]
                       for found in re.findall(r"<x:Anchor>([^<]+)</x:Anchor>", drawing)]
            assert len(anchors) == 2, name
            rows = template.get_sheet_by_name(name).to_python(skip_empty_area=False)
            edges = [_check_button(name, sheet, rows, anchor) for anchor in anchors]
            (left1, right1, top1), (left2, right2, top2) = edges
            assert right1 < left2 and top1 == top2, (name, edges)  # side by side, apart


def _check_button(name, sheet, rows, anchor) -> tuple[int, int, tuple]:
    """One button's anchor against the template's sheet: on screen, on empty cells, in a
    row tall enough; its left and right edge in pixels and its top (row, px)."""
    c0, dx0, r0, dy0, c1, dx1, r1, dy1 = anchor
    widths = build_addin.column_pixels(sheet)
    left = sum(widths.get(c, 64) for c in range(c0)) + dx0
    right = sum(widths.get(c, 64) for c in range(c1)) + dx1
    assert right - left >= 100 and right <= 700, (name, left, right)  # px at 100 %

    def value(r, c, rows=rows):
        return rows[r][c] if r < len(rows) and c < len(rows[r]) else ""

    covered = {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    assert all(value(r, c) == "" for r, c in covered), name
    for merge in sheet.iter(f"{MAIN}mergeCell"):  # a merged title spreads its text
        (m0, n0), (m1, n1) = (parse_a1(x) for x in merge.get("ref").split(":"))
        spread = {(r, c) for r in range(m0, m1 + 1) for c in range(n0, n1 + 1)}
        assert value(m0, n0) == "" or not spread & covered, (name, merge.get("ref"))
    if r0 == r1:  # a row made tall enough for the button
        height = next(float(r.get("ht")) for r in sheet.iter(f"{MAIN}row")
                      if r.get("r") == str(r0 + 1))
        assert dy1 <= height * 4 / 3, (name, dy1, height)
    return left, right, (r0, dy0)


def _sheet_xml(cells: dict, rows_ht: dict | None = None) -> etree._Element:
    """A worksheet with string cells {A1: text} and row heights {0-based row: pt}."""
    rows: dict[int, list[str]] = {}
    for ref in cells:
        rows.setdefault(parse_a1(ref)[0], []).append(ref)
    for r in rows_ht or {}:
        rows.setdefault(r, [])
    body = "".join(
        f'<row r="{r + 1}"' + (f' ht="{(rows_ht or {})[r]}" customHeight="1"' if r in (rows_ht or {}) else "")
        + ">" + "".join(f'<c r="{ref}" t="inlineStr"><is><t>{cells[ref]}</t></is></c>' for ref in refs)
        + "</row>" for r, refs in sorted(rows.items()))
    return etree.fromstring(f'<worksheet xmlns="{MAIN[1:-1]}"><sheetData>{body}</sheetData></worksheet>')


def test_a_changed_template_still_gets_both_buttons_side_by_side_on_free_cells():
    """The builder tolerates a template whose top rows moved: the pair goes to the first
    free spot, or into an empty top row made taller; never onto text, never overlapping."""
    def placed(sheet):
        anchors, grow = build_addin.button_anchors(sheet, 1, 1, 2)
        (a, b) = anchors
        assert (a[4], a[5]) < (b[0], b[1]) and a[2] == b[2]  # left to right, one line
        return anchors, grow

    anchors, grow = placed(_sheet_xml({}))
    assert grow is None and anchors[0][:4] == (1, 4, 1, 4)  # the declared spot when free
    anchors, grow = placed(_sheet_xml({"C2": "新说明", "B1": "标题"}))
    assert grow is None
    for c0, _, r0, _, c1, _, r1, _ in anchors:
        covered = {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        assert not covered & {(1, 2), (0, 1)}
    crowded = {f"{chr(65 + c)}{r + 1}": "字" for r in range(4) for c in range(12) if r != 2}
    anchors, grow = placed(_sheet_xml(crowded))
    assert grow == 2 and all(a[2] == a[6] == 2 for a in anchors)  # row 3 made tall enough


def test_xlsm_is_read_checked_and_refreshed_by_the_cli_without_losing_its_macros(tmp_path):
    from xlperf.actions import check_file, refresh_file

    target = tmp_path / "模板.xlsm"
    refresh_file(XLSM, out=target)
    with zipfile.ZipFile(XLSM) as a, zipfile.ZipFile(target) as b:
        for part in ["xl/vbaProject.bin", *[n for n in a.namelist() if n.endswith(".vml")]]:
            assert a.read(part) == b.read(part), part
    module = build_addin.BUTTON_MODULE
    assert vba_modules(target)[module] == vba_modules(XLSM)[module]
    assert check_file(target).summary["template"] is True


# ---- the builder --------------------------------------------------------------------------
def _members(path) -> dict:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_builder_is_deterministic(built, tmp_path):
    addin, xlsm = built
    assert build_addin.build_addin(tmp_path / "a.xlam").read_bytes() == addin.read_bytes()
    assert build_addin.build_xlsm(build_addin.TEMPLATE, tmp_path / "b.xlsm").read_bytes() == \
        xlsm.read_bytes()


def test_shipped_assets_are_what_the_builder_makes(built):
    """Rebuild with `python workbooks/build_addin.py` when this fails (after changing the
    builder, the template, or upgrading xlwings)."""
    import xlwings

    shipped = re.search(r'XLWINGS_VERSION As String = "([^"]+)"', vba_modules(ADDIN)["xlwings"])
    if shipped.group(1) != xlwings.__version__:
        pytest.skip(f"assets built with xlwings {shipped.group(1)}, "
                    f"{xlwings.__version__} installed")
    addin, xlsm = built
    for ours, theirs in ((addin, ADDIN), (xlsm, XLSM)):
        a, b = _members(ours), _members(theirs)
        assert list(a) == list(b)
        for name in a:
            assert a[name] == b[name], f"{theirs.name}:{name} is stale"


# ---- LibreOffice imports the VBA ------------------------------------------------------------
@pytest.mark.libreoffice
def test_libreoffice_imports_the_macros_and_wires_the_buttons(tmp_path):
    from lo import convert

    ods = convert(XLSM, "ods", outdir=tmp_path)
    with zipfile.ZipFile(ods) as z:
        module = z.read("Basic/VBAProject/Module1.xml").decode()
        content = z.read("content.xml").decode()
    assert "Sub XlperfRefreshScores()" in module
    assert 'RunPython &quot;import udfs; udfs.refresh_scores()&quot;' in module
    links = re.findall(r'xlink:href="vnd\.sun\.star\.script:([\w.]+)\?', content)
    assert "Sub XlperfGenerateReport()" in module
    assert 'RunPython &quot;import udfs.report; udfs.report.generate_report()&quot;' in module
    assert links == ["VBAProject.Module1.XlperfRefreshScores",
                     "VBAProject.Module1.XlperfGenerateReport"] * len(build_addin.BUTTON_SHEETS)
    for label in ("刷新评分", "生成报告"):
        assert content.count(f'form:label="{label}"') == len(build_addin.BUTTON_SHEETS)


@pytest.mark.libreoffice
def test_libreoffice_reads_the_addins_project_name_and_added_module(tmp_path):
    """An independent reader of the dir stream: LibreOffice imports the add-in's VBA
    project (in an .xlsm, as it does not open add-ins) under its name, with the module
    the builder added."""
    from lo import convert

    import udfs

    probe = tmp_path / "probe.xlsm"
    with zipfile.ZipFile(ADDIN) as addin:
        vba = addin.read("xl/vbaProject.bin")
    with zipfile.ZipFile(XLSM) as a, zipfile.ZipFile(probe, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            b.writestr(info, vba if info.filename == "xl/vbaProject.bin" else a.read(info.filename))
    ods = convert(probe, "ods", outdir=tmp_path)
    with zipfile.ZipFile(ods) as z:
        names = set(z.namelist())
        module = z.read(f"Basic/xlperf/{build_addin.UDF_MODULE}.xml").decode()
        this_workbook = z.read("Basic/xlperf/ThisWorkbook.xml").decode()
    assert {f"Basic/xlperf/{m}.xml" for m in (build_addin.RIBBON_MODULE, "xlwings")} <= names
    assert "Private Sub Workbook_Open()" in this_workbook and build_addin.DESCRIBE_SUB in this_workbook
    functions = re.findall(r"^Function (XP_\w+)\(", module, re.M)
    assert sorted(functions) == sorted(n for n in udfs.__all__ if n.startswith("XP_"))


def test_the_function_wizard_gets_each_functions_description():
    """What xlwings' import did with Application.MacroOptions, done when the add-in
    opens: each XP_* function's docstring (first paragraph, at most 255 characters) and
    the category 绩效评价."""
    import udfs

    modules = vba_modules(ADDIN)
    assert re.search(rf"Private Sub Workbook_Open\(\)\s*\n\s*{build_addin.DESCRIBE_SUB}\s*\n",
                     modules["ThisWorkbook"])
    module = modules[build_addin.UDF_MODULE]
    body = re.search(rf"Public Sub {build_addin.DESCRIBE_SUB}\(\)(.*?)End Sub", module, re.S).group(1)
    assert "On Error Resume Next" in body
    spelled = {}
    for block in body.split('described = ""')[1:]:
        text = "".join("".join(chr(int(u, 16)) for u in codes.split())
                       for codes in re.findall(r'described = described & XlperfUdfText\("([0-9A-F ]+)"\)', block))
        name, category = re.search(r"'!(XP_\w+)\", Description:=described, "
                                   r'Category:=XlperfUdfText\("([0-9A-F ]+)"\)', block).groups()
        assert "".join(chr(int(u, 16)) for u in category.split()) == "绩效评价"
        spelled[name] = text
    expected = sorted(n for n in udfs.__all__ if n.startswith("XP_"))
    assert sorted(spelled) == expected
    for name in expected:
        first = " ".join(getattr(udfs, name).__doc__.strip().split("\n\n")[0].split())
        assert spelled[name] == first[:255] and spelled[name], name
    assert max(len(line) for line in module.splitlines()) < 1024  # VBA's line limit
    assert module.isascii()
