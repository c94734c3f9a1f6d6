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

ROOT = Path(__file__).resolve().parents[1]
WORKBOOKS = ROOT / "workbooks"
sys.path.insert(0, str(WORKBOOKS))

import build_addin  # noqa: E402
import ovba  # noqa: E402

ADDIN = WORKBOOKS / "xlperf.xlam"
XLSM = WORKBOOKS / "部门绩效自评模板.xlsm"
CUSTOMUI = "{http://schemas.microsoft.com/office/2006/01/customui}"


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
    assert labels[:3] == ["刷新评分", "校验", "新增项目表"]
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
    assert "ImportPythonUDFsToAddin" in calls["XlperfImportFunctions"]
    assert ribbon.isascii()  # reads the same under any code page
    # RunPython and the UDF import come from xlwings' own module in the same project
    xlwings_module = modules["xlwings"]
    assert re.search(r"Public Function RunPython\(", xlwings_module)
    assert re.search(r"Sub ImportPythonUDFsToAddin\(", xlwings_module)
    assert 'Public Const PROJECT_NAME As String = "xlperf"' in xlwings_module


def test_chinese_prompts_spell_what_they_mean():
    source = vba_modules(ADDIN)[build_addin.RIBBON_MODULE]
    spelled = re.findall(r'XlperfText\("([0-9A-F ]+)"\)', source)
    texts = ["".join(chr(int(code, 16)) for code in s.split()) for s in spelled]
    assert texts == ["请输入新项目的名称：", "新增项目表"]


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


def test_addin_configuration_registers_the_udfs_module():
    with zipfile.ZipFile(ADDIN) as z:
        book = z.read("xl/workbook.xml").decode()
        sheet = etree.fromstring(z.read("xl/worksheets/sheet1.xml"))
        shared = etree.fromstring(z.read("xl/sharedStrings.xml"))
    assert 'name="xlperf.conf"' in book  # xlwings reads "<PROJECT_NAME>.conf"
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    strings = ["".join(si.itertext()) for si in shared.iterfind("m:si", ns)]
    cells = {}
    for c in sheet.iterfind(".//m:c", ns):
        v = c.find("m:v", ns)
        if c.get("t") == "s":
            cells[c.get("r")] = strings[int(v.text)]
        elif c.get("t") == "inlineStr":
            cells[c.get("r")] = "".join(c.find("m:is", ns).itertext())
    row = next(r for r, v in cells.items() if v == "UDF Modules")
    assert cells["B" + row[1:]] == "udfs"


# ---- the .xlsm ----------------------------------------------------------------------------
def test_xlsm_is_the_template_with_a_button():
    with zipfile.ZipFile(XLSM) as z:
        names = set(z.namelist())
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        vml = [z.read(n).decode() for n in sorted(names) if n.endswith(".vml")]
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types
    assert "vbaProject.bin" in rels and "xl/vbaProject.bin" in names
    macros = [re.search(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", v).group(1) for v in vml]
    assert len(vml) == len(build_addin.BUTTON_SHEETS) and all("刷新评分" in v for v in vml)
    module = vba_modules(XLSM)[build_addin.BUTTON_MODULE]
    assert set(macros) == {build_addin.BUTTON_MACRO} and build_addin.BUTTON_MACRO in subs(module)
    assert 'RunPython "import udfs; udfs.refresh_scores()"' in module
    assert re.search(r"Public Function RunPython\(", vba_modules(XLSM)["xlwings"])
    # every sheet holds what the shipped template holds
    with pc.CalamineWorkbook.from_path(str(build_addin.TEMPLATE)) as a, \
            pc.CalamineWorkbook.from_path(str(XLSM)) as b:
        assert a.sheet_names == b.sheet_names
        for name in a.sheet_names:
            assert a.get_sheet_by_name(name).to_python() == b.get_sheet_by_name(name).to_python()


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
    assert links == ["VBAProject.Module1.XlperfRefreshScores"] * len(build_addin.BUTTON_SHEETS)
    assert content.count('form:label="刷新评分"') == len(build_addin.BUTTON_SHEETS)
