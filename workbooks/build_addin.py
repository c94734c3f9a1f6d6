r"""Rebuild the Excel button assets in this folder:

    python workbooks/build_addin.py

writes
- xlperf.xlam — the ribbon add-in: tab 绩效评价 with 刷新评分, 生成报告, 校验, 新增项目表, and the
  `udfs` module's XP_* functions as VBA wrappers (module xlwings_udfs), generated here
  with xlwings' own `generate_vba_wrapper`, so they work without "导入函数" and without
  trusting access to the VBA project object model;
- 部门绩效自评模板.xlsm — the shipped template (部门绩效自评模板.xlsx) with 刷新评分 and
  生成报告 form buttons side by side near the top left of its 说明 and 校验结果 sheets,
  for users who prefer one file.

Both start from xlwings' own files, from the installed xlwings (its VBA calls a DLL named
after its version, so the add-in must be rebuilt after upgrading xlwings):
- the add-in is what `xlwings quickstart xlperf --addin --ribbon` makes (run here in a
  temporary folder), with customUI/customUI.xml replaced, the ribbon module's VBA source
  rewritten, the xlwings module's PROJECT_NAME set to "xlperf", the VBA project named
  "xlperf", and its configuration sheet activated as "xlperf.conf" holding only keys
  with a value (UDF Modules = udfs): xlwings' GetConfig takes a key the sheet has, even
  blank, before the user's %USERPROFILE%\.xlperf\xlperf.conf;
- the .xlsm takes the VBA project of xlwings' quickstart_standalone.xlsm (RunPython
  without any add-in), with Module1 rewritten to call `udfs.refresh_scores()` and
  `udfs.report.generate_report()`.

The VBA is edited with workbooks/ovba.py (MS-OVBA compression, the dir stream, a compound
file writer); see its docstring for how Excel is made to recompile from the new source.
The VBA text is ASCII (Chinese prompts are built with ChrW) so it reads the same under
any system code page. The output is deterministic: zip members in a fixed order with a
fixed timestamp, the compound file without timestamps.
"""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from ovba import VbaProject  # noqa: E402

ADDIN = HERE / "xlperf.xlam"
XLSM = HERE / "部门绩效自评模板.xlsm"
TEMPLATE = HERE / "部门绩效自评模板.xlsx"
PROJECT_NAME = "xlperf"  # config sheet "xlperf.conf", user config ~/.xlperf/xlperf.conf
RIBBON_MODULE = "RibbonMyAddin"  # the quickstart's module; renaming it buys nothing
BUTTON_MODULE = "Module1"
BUTTON_MACRO = "XlperfRefreshScores"
REPORT_MACRO = "XlperfGenerateReport"
# the .xlsm's sheet buttons, left to right: (label, macro, Python call)
SHEET_BUTTONS = (("刷新评分", BUTTON_MACRO, "import udfs; udfs.refresh_scores()"),
                 ("生成报告", REPORT_MACRO, "import udfs.report; udfs.report.generate_report()"))
BUTTON_GAP = 8  # pixels between two sheet buttons
UDF_MODULE = "xlwings_udfs"  # the name xlwings' own "import functions" gives it
# where the .xlsm shows its buttons: sheet → (0-based column, row) of the first one's top
# left corner, cells the template leaves empty, near the left so a 1366-px screen shows them
BUTTON_SHEETS = {"说明": (1, 1), "校验结果": (2, 0)}
BUTTON_SIZE = (128, 40)  # pixels
BUTTON_MAX_RIGHT = 700  # pixels from the sheet's left edge: on screen beside any task pane
_DATE = (1980, 1, 1, 0, 0, 0)

# ribbon button id → (label, callback in RIBBON_MODULE, imageMso, size, Python call)
BUTTONS = {
    "xlperfRefresh": ("刷新评分", "XlperfRefresh", "CalculateNow", "large",
                      "udfs.refresh_scores()"),
    "xlperfReport": ("生成报告", "XlperfReport", "ExportWord", "large",
                     "udfs.report.generate_report()"),
    "xlperfCheck": ("校验", "XlperfCheck", "Spelling", "large", "udfs.check_workbook()"),
    "xlperfAddProject": ("新增项目表", "XlperfAddProject", "SheetInsert", "large",
                         "udfs.add_project(...)"),
}
TIPS = {
    "xlperfRefresh": "计算全部执行率、得分、总分和等级，把校验说明写进“校验说明”列和“校验结果”工作表",
    "xlperfReport": "由本工作簿的数字起草自评报告（Word .docx），保存在工作簿所在文件夹，不覆盖已有草稿",
    "xlperfCheck": "只检查不改数字：问题列在“校验结果”工作表",
    "xlperfAddProject": "复制第一张项目支出表，清空黄色输入单元格，按输入的项目名称命名",
}
CUSTOMUI_NS = "http://schemas.microsoft.com/office/2006/01/customui"


# ---- the texts ------------------------------------------------------------------------
def ribbon_xml() -> bytes:
    ui = etree.Element(f"{{{CUSTOMUI_NS}}}customUI", nsmap={None: CUSTOMUI_NS})
    tabs = etree.SubElement(etree.SubElement(ui, f"{{{CUSTOMUI_NS}}}ribbon"),
                            f"{{{CUSTOMUI_NS}}}tabs")
    tab = etree.SubElement(tabs, f"{{{CUSTOMUI_NS}}}tab", id="xlperfTab", label="绩效评价")
    group = etree.SubElement(tab, f"{{{CUSTOMUI_NS}}}group", id="xlperfScores", label="评分")
    for bid, (label, callback, image, size, _) in BUTTONS.items():
        etree.SubElement(group, f"{{{CUSTOMUI_NS}}}button", id=bid, label=label, size=size,
                         onAction=f"{RIBBON_MODULE}.{callback}", imageMso=image,
                         screentip=label, supertip=TIPS[bid])
    return etree.tostring(ui, xml_declaration=True, encoding="UTF-8", standalone=True,
                          pretty_print=True)


def vba_chinese(text: str, function: str = "XlperfText") -> str:
    """A VBA expression for `text` that is ASCII in the source: XlperfText("9879 76EE")."""
    return f'{function}("' + " ".join(f"{ord(ch):04X}" for ch in text) + '")'


def text_function_vba(function: str = "XlperfText") -> list[str]:
    """The private VBA function that vba_chinese's expressions call."""
    return [
        f"Private Function {function}(ByVal codes As String) As String",
        "    ' Chinese text spelled as UTF-16 code units, keeping this module ASCII",
        "    Dim part As Variant",
        '    For Each part In Split(codes, " ")',
        f'        {function} = {function} & ChrW$(CLng("&H" & part))',
        "    Next part",
        "End Function",
    ]


NO_WORKBOOK = "请先打开要处理的部门绩效自评工作簿，再点这个按钮。"


def ribbon_vba() -> str:
    lines = [
        f'Attribute VB_Name = "{RIBBON_MODULE}"',
        "' xlperf ribbon callbacks (tab: see customUI/customUI.xml). Each button runs one",
        "' entry point of the Python package udfs through xlwings' RunPython; udfs takes the",
        "' active workbook with xlwings.Book.caller(). Generated by workbooks/build_addin.py:",
        "' edit it there, not in the VBA editor.",
        "Option Explicit",
        "",
        "Sub XlperfRefresh(control As IRibbonControl)",
        "    If Not XlperfHasWorkbook() Then Exit Sub",
        '    RunPython "import udfs; udfs.refresh_scores()"',
        "End Sub",
        "",
        "Sub XlperfReport(control As IRibbonControl)",
        "    If Not XlperfHasWorkbook() Then Exit Sub",
        "    ' the draft is written from the values on screen, beside the workbook",
        '    RunPython "import udfs.report; udfs.report.generate_report()"',
        "End Sub",
        "",
        "Sub XlperfCheck(control As IRibbonControl)",
        "    If Not XlperfHasWorkbook() Then Exit Sub",
        '    RunPython "import udfs; udfs.check_workbook()"',
        "End Sub",
        "",
        "Sub XlperfAddProject(control As IRibbonControl)",
        "    Dim projectName As String",
        "    If Not XlperfHasWorkbook() Then Exit Sub",
        f"    projectName = InputBox({vba_chinese('请输入新项目的名称：')}, "
        f"{vba_chinese('新增项目表')})",
        "    If Len(Trim$(projectName)) = 0 Then Exit Sub",
        "    ' the name travels as hex UTF-16 so quotes, Chinese and cmd.exe metacharacters",
        "    ' reach Python intact",
        '    RunPython "import udfs; udfs.add_project(name=udfs.decode_vba_text(\'" & '
        'XlperfHex(projectName) & "\'))"',
        "End Sub",
        "",
        *_helpers_vba(),
    ]
    return "\r\n".join(lines) + "\r\n"


def _helpers_vba() -> list[str]:
    return [
        "Private Function XlperfHasWorkbook() As Boolean",
        "    ' with no workbook open, xlwings' RunPython stops on error 91 (ActiveWorkbook)",
        "    XlperfHasWorkbook = Not ActiveWorkbook Is Nothing",
        "    If Not XlperfHasWorkbook Then MsgBox "
        f"{vba_chinese(NO_WORKBOOK)}, vbInformation, {vba_chinese('绩效评价')}",
        "End Function",
        "",
        "Private Function XlperfHex(ByVal s As String) As String",
        "    Dim i As Long",
        "    For i = 1 To Len(s)",
        '        XlperfHex = XlperfHex & Right$("000" & Hex$(AscW(Mid$(s, i, 1)) And &HFFFF&), 4)',
        "    Next i",
        "End Function",
        "",
        *text_function_vba(),
    ]


def sheet_button_vba() -> str:
    lines = [
        f'Attribute VB_Name = "{BUTTON_MODULE}"',
        "' The buttons on the sheets of the xlperf template (.xlsm). Generated by",
        "' workbooks/build_addin.py: edit it there, not in the VBA editor.",
        "Option Explicit",
    ]
    for _, macro, call in SHEET_BUTTONS:
        lines += ["", f"Sub {macro}()", f'    RunPython "{call}"', "End Sub"]
    return "\r\n".join(lines) + "\r\n"


# ---- sources from xlwings -------------------------------------------------------------
def xlwings_dir() -> Path:
    import xlwings

    return Path(xlwings.__file__).resolve().parent


def quickstart_addin() -> bytes:
    """What `xlwings quickstart xlperf --addin --ribbon` writes, run in a temp folder."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "xlwings.cli", "quickstart", "xlperf", "--addin",
                        "--ribbon"], cwd=tmp, check=True, capture_output=True)
        return (Path(tmp) / "xlperf" / "xlperf.xlam").read_bytes()


def quickstart_addin_vba() -> bytes:
    with zipfile.ZipFile(io.BytesIO(quickstart_addin())) as z:
        return z.read("xl/vbaProject.bin")


def standalone_vba() -> bytes:
    with zipfile.ZipFile(xlwings_dir() / "quickstart_standalone.xlsm") as z:
        return z.read("xl/vbaProject.bin")


# xlwings' classic decorators exist only on Windows with pywin32; with those modules
# stubbed, its own generate_vba_wrapper writes what "import functions" would import
_WRAPPERS = r"""
import io, sys, types
for name in ("pythoncom", "pywintypes", "win32com", "win32com.client"):
    sys.modules[name] = types.ModuleType(name)
sys.modules["pythoncom"].CoInitialize = lambda: None
sys.modules["win32com.client"].Dispatch = None
import xlwings
from xlwings import udfs as xlwings_udfs
xlwings.func, xlwings.arg, xlwings.ret = xlwings_udfs.xlfunc, xlwings_udfs.xlarg, xlwings_udfs.xlret
import udfs
assert not hasattr(udfs, "lite"), "udfs.lite must not be imported here (Office.js decorators)"
class AddIn:
    Name = "xlperf.xlam"  # an add-in's wrappers pass ActiveWorkbook, not ThisWorkbook
out = io.StringIO()
xlwings_udfs.generate_vba_wrapper("udfs", udfs, out, AddIn())
sys.stdout.write(out.getvalue())
import json
docs = {n: getattr(udfs, n).__xlfunc__["ret"]["doc"] for n in dir(udfs)
        if hasattr(getattr(udfs, n), "__xlfunc__")}
sys.stdout.write("\n#XLPERF-DOCS#" + json.dumps(docs) + "\n")
"""
DOCS_MARK = "#XLPERF-DOCS#"  # where _WRAPPERS' output turns from VBA to the docstrings
FUNCTION_CATEGORY = "绩效评价"  # the function wizard's category for the XP_* functions
DESCRIBE_SUB = "XlperfDescribeFunctions"


def function_description(doc: str) -> str:
    """What the function wizard shows: the docstring's first paragraph on one line, cut
    at Excel's 255 characters (as xlwings' import does)."""
    return " ".join(doc.strip().split("\n\n")[0].split())[:255]


def describe_functions_vba(docs: dict) -> list[str]:
    """A sub giving each XP_* function its description and category in Excel's function
    wizard — what xlwings' "import functions" does with Application.MacroOptions — run
    when the add-in opens (ThisWorkbook.Workbook_Open)."""
    lines = [f"Public Sub {DESCRIBE_SUB}()",
             "    ' best effort: a failure leaves the functions working, only undescribed",
             "    Dim described As String",
             "    On Error Resume Next"]
    for name, doc in sorted(docs.items()):
        description = function_description(doc)
        lines.append('    described = ""')
        for i in range(0, len(description), 60):  # VBA lines stay far below 1023 characters
            lines.append(f"    described = described & "
                         f"{vba_chinese(description[i:i + 60], 'XlperfUdfText')}")
        lines.append(f'    Application.MacroOptions Macro:="\'" & ThisWorkbook.Name & "\'!{name}", '
                     f"Description:=described, Category:={vba_chinese(FUNCTION_CATEGORY, 'XlperfUdfText')}")
    lines += ["    ThisWorkbook.Saved = True  ' nothing for the user to save", "End Sub", "",
              *text_function_vba("XlperfUdfText")]
    return lines


def xp_wrappers_vba() -> str:
    """The module xlwings' ImportPythonUDFs would write for UDF Modules = udfs: one VBA
    function per XP_* function, calling Python through the xlwings DLL."""
    env = {k: v for k, v in os.environ.items() if k != "XLWINGS_ON_SERVER"}
    env["PYTHONPATH"] = os.pathsep.join([str(HERE.parent), env.get("PYTHONPATH", "")])
    done = subprocess.run([sys.executable, "-c", _WRAPPERS], capture_output=True, text=True,
                          env=env, check=True, cwd=HERE.parent)
    body, _, docs = done.stdout.replace("\r\n", "\n").partition(DOCS_MARK)
    lines = [
        f'Attribute VB_Name = "{UDF_MODULE}"',
        "'Autogenerated code by xlwings - changes will be lost with next import!",
        "' (written by workbooks/build_addin.py with xlwings.udfs.generate_vba_wrapper)",
        "#Const App = \"Microsoft Excel\" 'Adjust when using outside of Excel",
        *body.strip("\n").split("\n"),
        "",
        *describe_functions_vba(json.loads(docs)),
    ]
    return "\r\n".join(lines) + "\r\n"


def this_workbook_vba(source: str) -> str:
    """The add-in's ThisWorkbook: its Attribute lines, and the function descriptions
    set when Excel opens the add-in."""
    header = [line for line in source.split("\r\n") if line.startswith("Attribute ")]
    return "\r\n".join([*header, "Option Explicit", "", "Private Sub Workbook_Open()",
                         f"    {DESCRIBE_SUB}", "End Sub"]) + "\r\n"


# ---- the add-in -----------------------------------------------------------------------
def addin_vba(data: bytes) -> bytes:
    project = VbaProject(data)
    project.set_project_name(PROJECT_NAME)
    project.set_source(RIBBON_MODULE, ribbon_vba())
    project.add_module(UDF_MODULE, xp_wrappers_vba())
    project.set_source("ThisWorkbook", this_workbook_vba(project.source("ThisWorkbook")))
    source, n = re.subn(r'(Public Const PROJECT_NAME As String = )"[^"]*"',
                        rf'\1"{PROJECT_NAME}"', project.source("xlwings"))
    if n != 1:
        raise SystemExit("xlwings' VBA has no PROJECT_NAME constant: check the xlwings version")
    project.set_source("xlwings", source)
    return project.to_bytes()


def build_addin(out: Path = ADDIN) -> Path:
    members = []
    with zipfile.ZipFile(io.BytesIO(quickstart_addin())) as z:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == "customUI/customUI.xml":
                data = ribbon_xml()
            elif info.filename == "xl/vbaProject.bin":
                data = addin_vba(data)
            elif info.filename == "xl/workbook.xml":
                data = _rename_conf_sheet(data)
            elif info.filename == "xl/worksheets/sheet1.xml":
                data = conf_sheet(data, z.read("xl/sharedStrings.xml"))
            members.append((info.filename, data))
    _write_zip(out, members)
    return out


def _rename_conf_sheet(data: bytes) -> bytes:
    """xlwings reads an add-in's settings from its sheet "<PROJECT_NAME>.conf"; the
    quickstart ships it disabled as "_myaddin.conf"."""
    new, n = re.subn(rb'name="_[^"]*\.conf"', f'name="{PROJECT_NAME}.conf"'.encode(), data)
    if n != 1:
        raise SystemExit("the quickstart add-in has no _*.conf sheet")
    return new


CONF = {"UDF Modules": "udfs"}  # values this add-in sets on its configuration sheet


def conf_sheet(sheet: bytes, shared: bytes) -> bytes:
    """The configuration sheet with only the keys that have a value (UDF Modules = udfs
    and the quickstart's FALSE flags), packed from A1 down: xlwings' GetConfigFromSheet
    reads A1 to the first empty cell, and GetConfig returns a key the sheet holds even
    when it is blank, so a blank Interpreter_Win would hide the user's xlperf.conf."""
    ns = {"m": _MAIN}
    strings = ["".join(si.itertext()) for si in etree.fromstring(shared).iterfind("m:si", ns)]
    root = etree.fromstring(sheet)
    data = root.find("m:sheetData", ns)
    kept = []
    for row in list(data):
        data.remove(row)
        cells = {re.sub(r"\d", "", c.get("r")): c for c in row.iterfind("m:c", ns)}
        key = _cell_text(cells.get("A"), strings)
        if key in CONF:
            value = cells.get("B")
            if value is None:
                value = etree.SubElement(row, f"{{{_MAIN}}}c", r="B" + row.get("r"))
            for child in list(value):
                value.remove(child)
            value.set("t", "inlineStr")
            if cells["A"].get("s"):
                value.set("s", cells["A"].get("s"))
            etree.SubElement(etree.SubElement(value, f"{{{_MAIN}}}is"), f"{{{_MAIN}}}t").text = CONF[key]
        elif not key or not _cell_text(cells.get("B"), strings):
            continue  # a blank key or value: dropped
        kept.append((key, row))
    if not set(CONF) <= {key for key, _ in kept}:
        raise SystemExit(f"the configuration sheet lacks {sorted(set(CONF))}")
    for n, (_, row) in enumerate(kept, start=1):
        row.set("r", str(n))
        row.set("spans", "1:2")
        for c in row.iterfind("m:c", ns):
            c.set("r", re.sub(r"\d+", str(n), c.get("r")))
        data.append(row)
    dimension = root.find("m:dimension", ns)
    if dimension is not None:
        dimension.set("ref", f"A1:B{len(kept)}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _cell_text(c, strings: list[str]) -> str | None:
    """A cell's text as Excel shows it (booleans as TRUE/FALSE); None for no cell."""
    if c is None:
        return None
    if c.get("t") == "inlineStr":
        return "".join(c.find(f"{{{_MAIN}}}is").itertext())
    v = c.find(f"{{{_MAIN}}}v")
    if v is None or v.text is None:
        return ""
    if c.get("t") == "s":
        return strings[int(v.text)]
    if c.get("t") == "b":
        return "TRUE" if v.text == "1" else "FALSE"
    return v.text


# ---- the .xlsm ------------------------------------------------------------------------
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
_VML_REL = _REL + "/vmlDrawing"
_VML_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing"
# CT_Worksheet children that must follow <legacyDrawing>
_AFTER_LEGACY = ("legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
                 "webPublishItems", "tableParts", "extLst")


def xlsm_vba() -> bytes:
    project = VbaProject(standalone_vba())
    project.set_source(BUTTON_MODULE, sheet_button_vba())
    return project.to_bytes()


def button_vml(drawing_no: int, anchors: list) -> bytes:
    """SHEET_BUTTONS as legacy form buttons (the kind that runs a macro) in one VML
    drawing; `anchors` holds each button's x:Anchor, eight numbers (column, pixels into
    it, row, pixels into it, for the top left and the bottom right corner)."""
    shapes = "".join(_button_shape(drawing_no * 1024 + n, label, macro, anchor)
                     for n, ((label, macro, _), anchor)
                     in enumerate(zip(SHEET_BUTTONS, anchors, strict=True), start=1))
    return (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">'
        f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{drawing_no}"/></o:shapelayout>'
        '<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" '
        'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
        '<v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" o:connecttype="rect"/>'
        '<o:lock v:ext="edit" shapetype="t"/></v:shapetype>'
        f"{shapes}</xml>"
    ).encode()


def _button_shape(shape_id: int, label: str, macro: str, anchor: tuple) -> str:
    return (
        f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t201" '
        'style="position:absolute;margin-left:0;margin-top:0;width:96pt;height:30pt;'
        f'z-index:{shape_id % 1024};'
        'mso-wrap-style:tight" o:button="t" fillcolor="buttonFace [67]" '
        'strokecolor="windowText [64]" o:insetmode="auto">'
        '<v:fill color2="buttonFace [67]" o:detectmouseclick="t"/>'
        '<o:lock v:ext="edit" rotation="t"/>'
        '<v:textbox style="mso-direction-alt:auto" o:singleclick="f">'
        '<div style="text-align:center">'
        f'<font face="宋体" size="240" color="#000000">{label}</font></div></v:textbox>'
        '<x:ClientData ObjectType="Button">'
        f'<x:Anchor>{", ".join(map(str, anchor))}</x:Anchor>'
        '<x:PrintObject>False</x:PrintObject><x:AutoFill>False</x:AutoFill>'
        f'<x:FmlaMacro>[0]!{macro}</x:FmlaMacro><x:TextHAlign>Center</x:TextHAlign>'
        '<x:TextVAlign>Center</x:TextVAlign></x:ClientData></v:shape>'
    )


def build_xlsm(template: Path = TEMPLATE, out: Path = XLSM) -> Path:
    with zipfile.ZipFile(template) as z:
        members = {info.filename: z.read(info.filename) for info in z.infolist()}
        order = [info.filename for info in z.infolist()]
    book = etree.fromstring(members["xl/workbook.xml"])
    rels = etree.fromstring(members["xl/_rels/workbook.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels}
    sheets = [(s.get("name"), _part(targets[s.get(f"{{{_REL}}}id")]))
              for s in book.iterfind(f"{{{_MAIN}}}sheets/{{{_MAIN}}}sheet")]

    # the workbook and every sheet carry the code names the VBA project's documents use
    pr = book.find(f"{{{_MAIN}}}workbookPr")
    if pr is None:
        pr = etree.Element(f"{{{_MAIN}}}workbookPr")
        book.insert(0, pr)
    pr.set("codeName", "ThisWorkbook")
    members["xl/workbook.xml"] = _xml(book)
    drawing_no = 0
    new_parts = []
    for i, (name, part) in enumerate(sheets, start=1):
        root = etree.fromstring(members[part])
        sheet_pr = root.find(f"{{{_MAIN}}}sheetPr")
        if sheet_pr is None:
            sheet_pr = etree.Element(f"{{{_MAIN}}}sheetPr")
            root.insert(0, sheet_pr)
        sheet_pr.set("codeName", f"Sheet{i}")
        if name in BUTTON_SHEETS:
            drawing_no += 1
            vml = f"xl/drawings/vmlDrawing{drawing_no}.vml"
            anchors, grow = button_anchors(root, *BUTTON_SHEETS[name], len(SHEET_BUTTONS))
            if grow is not None:
                set_row_height(root, grow, BUTTON_SIZE[1] + 8)
            members[vml] = button_vml(drawing_no, anchors)
            rels_part = _rels_of(part)
            rid = _add_rel(members, rels_part, _VML_REL, f"../drawings/vmlDrawing{drawing_no}.vml")
            if rels_part not in order:
                new_parts.append(rels_part)
            legacy = etree.Element(f"{{{_MAIN}}}legacyDrawing", nsmap={"r": _REL})
            legacy.set(f"{{{_REL}}}id", rid)
            after = next((el for el in root if etree.QName(el).localname in _AFTER_LEGACY), None)
            if after is not None:
                after.addprevious(legacy)
            else:
                root.append(legacy)
            new_parts.append(vml)
        members[part] = _xml(root)

    rel = etree.SubElement(rels, f"{{{_PKG_REL}}}Relationship", Id=_free_id(rels),
                           Type=_VBA_REL, Target="vbaProject.bin")
    assert rel is not None
    members["xl/_rels/workbook.xml.rels"] = _xml(rels)
    members["xl/vbaProject.bin"] = xlsm_vba()
    new_parts.append("xl/vbaProject.bin")

    types = etree.fromstring(members["[Content_Types].xml"])
    for o in types.iterfind(f"{{{_CT}}}Override"):
        if o.get("PartName") == "/xl/workbook.xml":
            o.set("ContentType", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    if not any(d.get("Extension") == "vml" for d in types.iterfind(f"{{{_CT}}}Default")):
        default = etree.Element(f"{{{_CT}}}Default", Extension="vml", ContentType=_VML_TYPE)
        types.insert(0, default)
    etree.SubElement(types, f"{{{_CT}}}Override", PartName="/xl/vbaProject.bin",
                     ContentType="application/vnd.ms-office.vbaProject")
    members["[Content_Types].xml"] = _xml(types)
    _write_zip(out, [(n, members[n]) for n in order + new_parts])
    return out


def _part(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def _rels_of(part: str) -> str:
    folder, name = part.rsplit("/", 1)
    return f"{folder}/_rels/{name}.rels"


def _add_rel(members: dict, rels_part: str, rtype: str, target: str) -> str:
    if rels_part in members:
        root = etree.fromstring(members[rels_part])
    else:
        root = etree.Element(f"{{{_PKG_REL}}}Relationships", nsmap={None: _PKG_REL})
    rid = _free_id(root)
    etree.SubElement(root, f"{{{_PKG_REL}}}Relationship", Id=rid, Type=rtype, Target=target)
    members[rels_part] = _xml(root)
    return rid


def _free_id(rels) -> str:
    taken = {r.get("Id") for r in rels}
    n = 1
    while f"rId{n}" in taken:
        n += 1
    return f"rId{n}"


def column_pixels(sheet_root) -> dict[int, int]:
    """0-based column → its width in pixels at 100% (Excel's default font: 7 px a
    character plus 5 px padding), for the columns the sheet sizes."""
    out = {}
    for col in sheet_root.iter(f"{{{_MAIN}}}col"):
        for n in range(int(col.get("min")), min(int(col.get("max")), 64) + 1):
            out[n - 1] = int(float(col.get("width")) * 7 + 5)
    return out


def row_pixels(sheet_root) -> dict[int, int]:
    """0-based row → its height in pixels (points × 4/3) for rows with a height."""
    return {int(r.get("r")) - 1: round(float(r.get("ht")) * 4 / 3)
            for r in sheet_root.iter(f"{{{_MAIN}}}row") if r.get("ht")}


def _taken_cells(sheet_root) -> set[tuple[int, int]]:
    """(row, col) of every cell with a value, and of every cell a merged range with a
    value spreads over (a title merged across A1:B1 covers B1)."""
    from xlperf.grid import parse_a1

    taken = {parse_a1(c.get("r")) for c in sheet_root.iter(f"{{{_MAIN}}}c")
             if c.find(f"{{{_MAIN}}}v") is not None or c.get("t") == "inlineStr"}
    for merge in sheet_root.iter(f"{{{_MAIN}}}mergeCell"):
        first, _, last = merge.get("ref").partition(":")
        (r0, c0), (r1, c1) = parse_a1(first), parse_a1(last or first)
        if (r0, c0) in taken:
            taken |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    return taken


def button_anchors(sheet_root, col: int, row: int, count: int = 1) -> tuple[list[tuple], int | None]:
    """x:Anchor of `count` BUTTON_SIZE buttons side by side, BUTTON_GAP apart, the first
    one's top left corner 4 px into (col, row), or, where a changed template has text
    there, at the first free spot of the top rows (left to right) where the row of buttons
    still ends within BUTTON_MAX_RIGHT pixels; failing that, in an empty row of the top
    ones made tall enough for them. Also the row to make taller (or None)."""
    taken = _taken_cells(sheet_root)
    widths, heights = column_pixels(sheet_root), row_pixels(sheet_root)
    width = count * BUTTON_SIZE[0] + (count - 1) * BUTTON_GAP

    def walk(start: int, length: int, sizes: dict, default: int) -> tuple[list[int], int, int]:
        n, left = start, length + 4
        passed = []
        while left > sizes.get(n, default):
            left -= sizes.get(n, default)
            passed.append(n)
            n += 1
        return passed + [n], n, left

    def columns(c: int) -> list[tuple[int, int, int, int]]:
        """(column, px into it) of each button's left and right edge."""
        out = []
        for i in range(count):
            _, c0, x0 = walk(c, i * (BUTTON_SIZE[0] + BUTTON_GAP), widths, 64)
            _, c1, x1 = walk(c, i * (BUTTON_SIZE[0] + BUTTON_GAP) + BUTTON_SIZE[0], widths, 64)
            out.append((c0, x0, c1, x1))
        return out

    spots = [(col, row)] + [(c, r) for r in range(4) for c in range(1, 12)]
    spots = [(c, r) for c, r in spots
             if sum(widths.get(i, 64) for i in range(c)) + 4 + width <= BUTTON_MAX_RIGHT]
    for c, r in spots:
        cols, _, _ = walk(c, width, widths, 64)
        rows, end_row, row_off = walk(r, BUTTON_SIZE[1], heights, 20)
        if not {(rr, cc) for rr in rows for cc in cols} & taken:
            return [(c0, x0, r, 4, c1, x1, end_row, row_off) for c0, x0, c1, x1 in columns(c)], None
    for c, r in spots:
        if not any(rr == r for rr, _ in taken):
            return [(c0, x0, r, 4, c1, x1, r, 4 + BUTTON_SIZE[1])
                    for c0, x0, c1, x1 in columns(c)], r
    raise SystemExit("no free spot for the buttons near the top left: set BUTTON_SHEETS")


def set_row_height(sheet_root, row: int, pixels: int) -> None:
    """Row `row` (0-based, holding no cell with a value) `pixels` tall."""
    data = sheet_root.find(f"{{{_MAIN}}}sheetData")
    number = str(row + 1)
    found = next((r for r in data if r.get("r") == number), None)
    if found is None:
        found = etree.Element(f"{{{_MAIN}}}row", r=number)
        later = next((r for r in data if int(r.get("r")) > row + 1), None)
        if later is not None:
            later.addprevious(found)
        else:
            data.append(found)
    found.set("ht", f"{pixels * 3 / 4:g}")
    found.set("customHeight", "1")


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _write_zip(out: Path, members: list) -> None:
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    os.replace(tmp, out)


def main() -> int:
    for path in (build_addin(), build_xlsm()):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
