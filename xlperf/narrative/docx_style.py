"""Official-document formatting for python-docx (GB/T 9704 practice as county finance
bureaus use it): A4, 仿宋_GB2312 三号 body on a fixed 28-point line, 方正小标宋简体 二号
title, 黑体 for 一级 headings and 楷体 for 二级, page numbers in the footer, and font
substitutes declared in the font table so that a machine without the GB2312 fonts shows
仿宋 / 宋体 / 楷体 instead of a default Latin face."""
from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

BODY = "仿宋_GB2312"
TITLE = "方正小标宋简体"
HEAD1 = "黑体"
HEAD2 = "楷体_GB2312"
# font → the installed fonts Word, WPS and LibreOffice should use in its place
ALTERNATIVES = {
    BODY: ("仿宋", "FangSong", "STFangsong"),
    TITLE: ("华文中宋", "宋体", "SimSun"),
    HEAD1: ("SimHei", "STHeiti"),
    HEAD2: ("楷体", "KaiTi", "STKaiti"),
}
SIZE_BODY = Pt(16)  # 三号
SIZE_TITLE = Pt(22)  # 二号
SIZE_TABLE = Pt(10.5)  # 五号
SIZE_FOOTER = Pt(14)  # 四号


def set_font(run, name: str, size=None, bold: bool | None = None) -> None:
    run.font.name = name
    _all_scripts(run._element.get_or_add_rPr(), name)
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.font.bold = bold


def _all_scripts(rpr, name: str) -> None:
    """The font for Chinese (eastAsia) as well as Latin text: python-docx sets Latin only."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def setup(document) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    normal.font.name = BODY
    normal.font.size = SIZE_BODY
    _all_scripts(normal.element.get_or_add_rPr(), BODY)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    fmt.space_before = fmt.space_after = Pt(0)
    _page_number(section)
    _font_table(document)


def _page_number(section) -> None:
    """— 1 — centred in the footer, a PAGE field each reader fills in."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(p.add_run("— "), "宋体", SIZE_FOOTER)
    run = p.add_run()
    set_font(run, "宋体", SIZE_FOOTER)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text is not None and text.strip() == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._element.append(el)
    set_font(p.add_run(" —"), "宋体", SIZE_FOOTER)


def _font_table(document) -> None:
    table = document.part.font_table if hasattr(document.part, "font_table") else None
    part = table or next((r.target_part for r in document.part.rels.values()
                          if r.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    from lxml import etree

    root = etree.fromstring(part.blob)
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for name, alts in ALTERNATIVES.items():
        font = etree.SubElement(root, f"{{{ns}}}font")
        font.set(f"{{{ns}}}name", name)
        alt = etree.SubElement(font, f"{{{ns}}}altName")
        alt.set(f"{{{ns}}}val", alts[0])
        charset = etree.SubElement(font, f"{{{ns}}}charset")
        charset.set(f"{{{ns}}}val", "86")  # GB2312
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def paragraph(document, text: str = "", *, indent: bool = True, align=None):
    p = document.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(32)  # two characters of 三号
    if align is not None:
        p.alignment = align
    if text:
        add_text(p, text)
    return p


def add_text(p, text: str) -> None:
    """Text with 【请填写：…】 places highlighted for the department to fill in."""
    import re

    for piece in re.split(r"(【请填写[^】]*】)", text):
        if not piece:
            continue
        run = p.add_run(piece)
        set_font(run, BODY, SIZE_BODY)
        if piece.startswith("【请填写"):
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def title(document, text: str) -> None:
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(16)
    p.paragraph_format.line_spacing = Pt(36)
    set_font(p.add_run(text), TITLE, SIZE_TITLE)


def heading(document, text: str, level: int) -> None:
    p = document.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(32)
    p.paragraph_format.keep_with_next = True
    set_font(p.add_run(text), HEAD1 if level == 1 else HEAD2, SIZE_BODY)


def table(document, header: list[str], rows: list[list[str]], widths: list[float] | None = None) -> None:
    t = document.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, h in enumerate(header):
        _cell(t.rows[0].cells[i], h, bold=True)
    for row in rows:
        cells = t.add_row().cells
        for i, v in enumerate(row):
            _cell(cells[i], v)
    if widths:
        t.autofit = False
        for col, w in zip(t.columns, widths, strict=False):
            col.width = Cm(w)
        for row in t.rows:
            for i, w in enumerate(widths):
                row.cells[i].width = Cm(w)
    document.add_paragraph()


def _cell(cell, text: str, bold: bool = False) -> None:
    p = cell.paragraphs[0]
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    p.paragraph_format.first_line_indent = Pt(0)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    set_font(run, BODY, SIZE_TABLE, bold)
    if text.startswith("【请填写"):
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
