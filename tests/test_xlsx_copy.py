"""copy_sheet (xlperf add-project): the copy sits after its source with intact formulas,
cleared inputs and its own print settings; every other part stays byte for byte."""
from __future__ import annotations

import io
import re
import shutil
import zipfile

import pytest
import xlsxwriter
from lo import errors_in, recalc_values
from lxml import etree
from test_xlsx_samples import png_bytes, vba_project_bin

from xlperf.errors import UsageError, WorkbookLocked
from xlperf.xlsx import copy_sheet, read_formulas, read_workbook

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
SRC = "项目-示例"
NEW = "项目-新增项目"
INPUTS = {(1, 1), (5, 2), (5, 3), (5, 4), (6, 2), (6, 4)}  # B2, C6:E6, C7, E7


def build_template(path) -> None:
    """附件1 | 项目-示例 | 评分表 | 说明, the project sheet shaped like docs/layout.md."""
    wb = xlsxwriter.Workbook(str(path))
    wb.add_vba_project(io.BytesIO(vba_project_bin()), is_stream=True)
    inp = wb.add_format({"bg_color": "#FFF2CC", "border": 1, "num_format": "#,##0.00"})
    calc = wb.add_format({"bg_color": "#E7E6E6", "border": 1, "num_format": "0.00%"})
    head = wb.add_format({"bold": True, "border": 1})
    a = wb.add_worksheet("附件1")
    p = wb.add_worksheet(SRC)
    s = wb.add_worksheet("评分表")
    wb.add_worksheet("说明").write("A1", "模板版本：xlperf-template-1")
    a.write("A1", "基础数据")
    a.print_area("A1:D10")
    p.set_vba_name("Sheet2")
    p.write("A1", "某县2024年度项目支出绩效自评表", head)
    p.write("A2", "项目名称", head)
    p.write("B2", "示例项目", inp)
    p.write("A3", "主管部门", head)
    p.write("B3", "财政局")
    p.write_row(4, 0, ["项目资金（万元）", "项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"], head)
    p.write("B6", "年度资金总额")
    p.write_number("C6", 100, inp)
    p.write_number("D6", 120, inp)
    p.write_number("E6", 110, inp)
    p.write_number("F6", 10)
    p.write_formula("G6", '=IFERROR(E6/D6,"")', calc, 110 / 120)
    p.write_formula("H6", '=IF(G6="","",ROUND(MIN(1,G6)*F6,2))', None, 9.17)
    p.write("B7", "其中：本年财政拨款")
    p.write_number("C7", 100, inp)
    p.write_number("E7", 90, inp)
    p.write_formula("G7", "=IFERROR(E7/D6,\"\")", calc, 0.75)
    p.write_formula("H8", "='项目-示例'!F6*2", None, 20)
    p.write_url("A10", "https://example.com/政策")
    p.write_comment("A2", "填写项目全称")
    p.insert_image("J2", "logo.png", {"image_data": io.BytesIO(png_bytes())})
    p.add_table("A12:B14", {"columns": [{"header": "附表"}, {"header": "值"}]})
    p.data_validation("C6:E7", {"validate": "decimal", "criteria": ">=", "value": 0})
    p.repeat_rows(0, 4)
    p.print_area("A1:H20")
    p.activate()
    s.write_formula("A1", "='项目-示例'!H6", None, 9.17)
    s.print_area("A1:C3")
    wb.define_name("模板版本", '="xlperf-template-1"')
    wb.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("tpl") / "部门.xlsm"
    build_template(path)
    return path


@pytest.fixture(scope="module")
def copied(template, tmp_path_factory):
    out = tmp_path_factory.mktemp("copy") / "out.xlsm"
    assert copy_sheet(template, SRC, NEW, out_path=out, set_cells={"B2": "新增项目"}) == out
    return out


def workbook_xml(path):
    return etree.fromstring(zipfile.ZipFile(path).read("xl/workbook.xml"))


def sheet_part(path, name) -> str:
    z = zipfile.ZipFile(path)
    wb = workbook_xml(path)
    rels_xml = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    rels = {r.get("Id"): r.get("Target") for r in rels_xml}
    sheet = [s for s in wb.iter(M + "sheet") if s.get("name") == name][0]
    return "xl/" + rels[sheet.get(R_ID)]


def test_every_other_member_is_byte_identical(template, copied):
    src, out = zipfile.ZipFile(template), zipfile.ZipFile(copied)
    bookkeeping = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}
    for info in src.infolist():
        o = out.getinfo(info.filename)
        if info.filename in bookkeeping:
            continue
        assert (o.CRC, o.compress_size, o.compress_type) == \
            (info.CRC, info.compress_size, info.compress_type)
        assert out.read(o) == src.read(info), info.filename
    added = [n for n in out.namelist() if n not in src.namelist()]
    part = sheet_part(copied, NEW)
    assert added == [part, part.replace("worksheets/", "worksheets/_rels/") + ".rels"]
    assert out.namelist()[:len(src.namelist())] == src.namelist()


def test_sheet_order_and_defined_names(template, copied):
    assert read_workbook(copied).sheet_names == ["附件1", SRC, NEW, "评分表", "说明"]
    names = [(d.get("name"), d.get("localSheetId"), d.text)
             for d in workbook_xml(copied).iter(M + "definedName")]
    assert ("_xlnm.Print_Area", "0", "附件1!$A$1:$D$10") in names
    assert ("_xlnm.Print_Area", "1", f"'{SRC}'!$A$1:$H$20") in names
    assert ("_xlnm.Print_Area", "2", f"'{NEW}'!$A$1:$H$20") in names
    assert ("_xlnm.Print_Titles", "1", f"'{SRC}'!$1:$5") in names
    assert ("_xlnm.Print_Titles", "2", f"'{NEW}'!$1:$5") in names
    assert ("_xlnm.Print_Area", "3", "评分表!$A$1:$C$3") in names  # was 2, moved up
    assert ("模板版本", None, '"xlperf-template-1"') in names
    assert len(names) == 7
    view = workbook_xml(copied).find(f"{M}bookViews/{M}workbookView")
    assert view.get("activeTab") == "1"  # still the source, which sits before the copy
    sheets = list(workbook_xml(copied).iter(M + "sheet"))
    assert len({s.get("sheetId") for s in sheets}) == len(sheets)
    assert b'fullCalcOnLoad="1"' in zipfile.ZipFile(copied).read("xl/workbook.xml")


def test_formulas_intact_inputs_cleared_cells_set(template, copied):
    grid = read_workbook(copied)
    src, new = grid.sheet(SRC), grid.sheet(NEW)
    assert read_workbook(template).sheet(SRC).rows == src.rows  # the source is untouched
    assert new.formulas == src.formulas
    for r in range(src.n_rows):
        for c in range(src.n_cols):
            if (r, c) == (1, 1):
                assert new.value(r, c) == "新增项目"
            elif (r, c) in INPUTS:
                assert src.value(r, c) is not None and new.value(r, c) is None, (r, c)
            else:
                assert new.value(r, c) == src.value(r, c), (r, c)
    z = zipfile.ZipFile(copied)
    src_root = etree.fromstring(z.read(sheet_part(copied, SRC)))
    new_root = etree.fromstring(z.read(sheet_part(copied, NEW)))
    src_cells = {c.get("r"): c for c in src_root.iter(M + "c")}
    new_cells = {c.get("r"): c for c in new_root.iter(M + "c")}
    assert {r: c.get("s") for r, c in src_cells.items()} == \
        {r: c.get("s") for r, c in new_cells.items()}
    formulas = {r: c.find(M + "f").text
                for r, c in new_cells.items() if c.find(M + "f") is not None}
    assert formulas["G6"] == 'IFERROR(E6/D6,"")'
    assert formulas["H8"] == f"'{NEW}'!F6*2"  # a reference to itself follows the copy
    assert read_formulas(copied)["评分表"] == frozenset({(0, 0)})
    assert etree.fromstring(z.read("xl/workbook.xml")) is not None


def test_copy_drops_internal_links_and_identity(copied):
    z = zipfile.ZipFile(copied)
    part = sheet_part(copied, NEW)
    xml = z.read(part)
    for gone in (b"<drawing", b"<legacyDrawing", b"<tableParts", b"tabSelected", b"codeName"):
        assert gone not in xml, gone
    assert b"<dataValidations" in xml and b"<hyperlink " in xml
    rels = etree.fromstring(z.read(part.replace("worksheets/", "worksheets/_rels/") + ".rels"))
    assert [r.get("TargetMode") for r in rels] == ["External"]
    src_xml = z.read(sheet_part(copied, SRC))
    assert b"tabSelected" in src_xml and b"<drawing" in src_xml and b"codeName" in src_xml


@pytest.mark.libreoffice
def test_libreoffice_opens_the_copy(copied):
    values = recalc_values(copied)
    assert errors_in(values) == []
    new = values[NEW]
    assert new[1][1] == "新增项目"
    assert new[5][6] is None  # 执行率 of cleared inputs: IFERROR(..,"") is empty
    assert values[SRC][5][6] == pytest.approx(110 / 120)
    assert new[7][7] == 20  # H8 = the copy's own F6 × 2


@pytest.mark.parametrize("name, why", [
    ("项" * 32, "31"), ("项目[1]", "不允许"), ("a/b", "不允许"), ("项目:x", "不允许"),
    ("评分表", "已存在"), ("说明", "已存在"), ("", "为空"), ("'引号", "单引号"), ("History", "保留"),
])
def test_bad_names_are_usage_errors(template, tmp_path, name, why):
    target = tmp_path / "t.xlsm"
    shutil.copy(template, target)
    before = target.read_bytes()
    with pytest.raises(UsageError) as e:
        copy_sheet(target, SRC, name)
    assert why in str(e.value) and "\n" not in str(e.value)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsm"]


def test_case_insensitive_duplicate(tmp_path):
    path = tmp_path / "latin.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Project")
    wb.close()
    with pytest.raises(UsageError):
        copy_sheet(path, "Project", "PROJECT", out_path=tmp_path / "o.xlsx")


def test_unknown_source_and_bad_cell(template, tmp_path):
    with pytest.raises(UsageError) as e:
        copy_sheet(template, "不存在", "项目-X", out_path=tmp_path / "o.xlsm")
    assert "不存在" in str(e.value)
    with pytest.raises(UsageError):
        copy_sheet(template, SRC, "项目-X", out_path=tmp_path / "o.xlsm", set_cells={"项目": "x"})


def test_in_place_twice_and_lock(template, tmp_path):
    target = tmp_path / "部门.xlsm"
    shutil.copy(template, target)
    copy_sheet(target, SRC, "项目-甲", clear_inputs=False)
    copy_sheet(target, SRC, "项目-乙", set_cells={"B2": "乙"})
    grid = read_workbook(target)
    assert grid.sheet_names == ["附件1", SRC, "项目-乙", "项目-甲", "评分表", "说明"]
    assert grid.sheet("项目-甲").rows == grid.sheet(SRC).rows  # nothing cleared
    assert grid.sheet("项目-乙").value(1, 1) == "乙"
    ids = {(d.get("name"), d.get("localSheetId"))
           for d in workbook_xml(target).iter(M + "definedName")}
    assert {("_xlnm.Print_Area", str(i)) for i in range(5)} <= ids
    assert {("_xlnm.Print_Titles", str(i)) for i in (1, 2, 3)} <= ids
    (tmp_path / ("~$" + target.name)).write_bytes(b"x")
    before = target.read_bytes()
    with pytest.raises(WorkbookLocked):
        copy_sheet(target, SRC, "项目-丙")
    assert target.read_bytes() == before


def test_no_rels_part_when_nothing_external(tmp_path):
    path = tmp_path / "simple.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("P")
    ws.write_comment("A1", "note")
    ws.write_formula("B1", "=P!A1", None, 0)
    wb.close()
    out = copy_sheet(path, "P", "Q", out_path=tmp_path / "o.xlsx")
    z = zipfile.ZipFile(out)
    added = [n for n in z.namelist() if n not in zipfile.ZipFile(path).namelist()]
    assert added == ["xl/worksheets/sheet2.xml"]
    xml = z.read("xl/worksheets/sheet2.xml").decode()
    assert re.search(r"<f>Q!A1</f>", xml) and "legacyDrawing" not in xml
