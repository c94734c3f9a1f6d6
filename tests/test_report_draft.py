"""`xlperf report`: the example department's workbook drafted into a 自评报告, printed to
PDF by LibreOffice Writer the way a reviewer would see it, and checked back with
`check-report` against its own workbook (clean) and against a changed one (the new
总分 named)."""
from __future__ import annotations

import copy
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from xlperf.actions import new_workbook
from xlperf.cli import main
from xlperf.example import example_department
from xlperf.narrative.check import check_report_file
from xlperf.narrative.facts import workbook_facts

needs_soffice = pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                                   reason="LibreOffice Writer and poppler-utils are needed")


def _indicator(data, name):
    return next(i for i in data["overall"]["indicators"] if i["name"] == name)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    book = folder / "示例-部门绩效自评.xlsx"
    new_workbook(book, data=example_department())
    out = folder / "自评报告.docx"
    assert main(["report", str(book), "-o", str(out)]) == 0
    return book, out


@pytest.fixture(scope="module")
def pdf_text(demo, tmp_path_factory):
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice Writer and poppler-utils are needed")
    _, out = demo
    folder = tmp_path_factory.mktemp("pdf")
    profile = folder / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(out)],
                   check=True, capture_output=True, timeout=240)
    pdf = folder / (out.stem + ".pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return " ".join(text.split())


@needs_soffice
def test_pdf_holds_the_department_the_year_and_the_figures(demo, pdf_text):
    book, _ = demo
    facts = workbook_facts(book)
    text = pdf_text.replace(" ", "")
    assert "示例县人力资源和社会保障局2024年度部门整体支出绩效自评报告" in text
    for figure in ("96.56", "1715.12", "1696.51", "98.91%", "979.39", "89.16%", "60158", "39.78%",
                   "98.62", "99.39", "780.18", "2579.98", "4.17", "19.08"):
        assert figure in text, figure
    for sheet in facts.sheets:
        for ind in sheet.indicators:
            assert ind.name in text
    for heading in ("一、部门（单位）概况", "二、部门财政资金收支情况", "三、部门整体预算绩效管理情况",
                    "四、存在的问题及原因", "五、下一步改进措施及结果应用", "附：工作簿校验问题"):
        assert heading in text
    assert "—1—" in text and "—2—" in text  # page numbers in the footer


def test_draft_checks_clean_against_its_own_workbook(demo, capsys):
    book, out = demo
    found = check_report_file(out, book)
    assert {f.code for f in found} == {"REPORT_UNFILLED"}  # only the places left for the department
    assert all(f.severity == "info" for f in found)
    assert main(["check-report", str(out), str(book)]) == 0


def test_a_changed_total_is_named(demo, tmp_path):
    _, out = demo
    data = copy.deepcopy(example_department())
    _indicator(data, "职业技能培训人次")["actual"] = "6000人次"  # 4.5 → 5 of 5
    changed = tmp_path / "改过.xlsx"
    new_workbook(changed, data=data)
    new_total = workbook_facts(changed).total
    assert str(new_total) == "97.06"  # 96.56 + 0.5
    found = check_report_file(out, changed)
    mismatches = [f for f in found if f.code == "REPORT_WORKBOOK_MISMATCH"]
    assert any(f.expected == "97.06" and f.found == "96.56" and "97.06" in f.message for f in mismatches)
    assert any(f.expected == "5" and f.found == "4.5" for f in mismatches)  # the indicator's row
    assert main(["check-report", str(out), str(changed)]) == 1


def test_official_formatting(demo):
    _, out = demo
    d = docx.Document(str(out))
    section = d.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)  # A4
    assert d.styles["Normal"].font.size == Pt(16)
    title = d.paragraphs[0].runs[0]
    assert title.font.name == "方正小标宋简体" and title.font.size == Pt(22)
    heads = {p.text: p.runs[0].font.name for p in d.paragraphs if p.runs}
    assert heads["一、部门（单位）概况"] == "黑体" and heads["（一）机构组成"] == "楷体_GB2312"
    filled = [r for p in d.paragraphs for r in p.runs if r.text.startswith("【请填写")]
    assert filled and all(r.font.highlight_color is not None for r in filled)
    footer = section.footer.paragraphs[0]._element.xml
    assert "PAGE" in footer and "fldChar" in footer
    with zipfile.ZipFile(out) as z:
        fonts = z.read("word/fontTable.xml").decode()
    assert 'w:name="仿宋_GB2312"' in fonts and 'w:val="仿宋"' in fonts


def test_a_workbook_with_errors_still_drafts_and_lists_them(tmp_path, capsys):
    data = copy.deepcopy(example_department())
    _indicator(data, "举办专场招聘会")["actual"] = "**场"
    book = tmp_path / "有错.xlsx"
    new_workbook(book, data=data)
    out = tmp_path / "报告.docx"
    assert main(["report", str(book), "-o", str(out)]) == 1
    assert "错误 1" in capsys.readouterr().out
    d = docx.Document(str(out))
    rows = [[c.text for c in r.cells] for t in d.tables for r in t.rows]
    assert any("错误" in r and any("占位符" in c for c in r) for r in rows)


def test_the_users_workbook_is_not_written(demo, tmp_path):
    book, _ = demo
    before = book.read_bytes(), os.stat(book).st_mtime_ns
    assert main(["report", str(book), "-o", str(tmp_path / "再一份.docx")]) == 0
    assert (book.read_bytes(), os.stat(book).st_mtime_ns) == before


@pytest.mark.parametrize("target,words", [("exists", "已存在"), ("报告.txt", ".docx"), ("same", "工作簿本身")])
def test_report_refuses_bad_targets(demo, tmp_path, capsys, target, words):
    book, out = demo
    path = {"exists": out, "same": book.with_suffix(".docx")}.get(target, tmp_path / target)
    if target == "same":
        path = tmp_path / "x.docx"
        path.write_bytes(b"")
        assert main(["report", str(book), "-o", str(path)]) == 2
        words = "已存在"
    else:
        assert main(["report", str(book), "-o", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err


def test_missing_workbook_is_one_line(tmp_path, capsys):
    assert main(["report", str(tmp_path / "没有.xlsx"), "-o", str(tmp_path / "r.docx")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert not (tmp_path / "r.docx").exists()


def test_check_report_with_an_unreadable_workbook_exits_2(demo, tmp_path, capsys):
    _, out = demo
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a zip")
    assert main(["check-report", str(out), str(bad)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_txt_report_is_written_the_same_way(demo, tmp_path):
    """The draft's text, saved as .txt (as a reviewer pastes it), checks the same."""
    book, out = demo
    d = docx.Document(str(out))
    lines = [p.text for p in d.paragraphs]
    for t in d.tables:
        lines += ["\t".join(c.text for c in r.cells) for r in t.rows]
    p = Path(tmp_path / "报告.txt")
    p.write_text("\n".join(lines), encoding="utf-8")
    assert {f.code for f in check_report_file(p, book)} == {"REPORT_UNFILLED"}


def test_a_changed_amount_is_named_in_text_and_table(demo, tmp_path):
    _, out = demo
    data = copy.deepcopy(example_department())
    data["overall"]["funds"][0]["values"][2] = "1690.51"  # 年度资金总额 全年执行数, was 1696.51
    changed = tmp_path / "改过.xlsx"
    new_workbook(changed, data=data)
    found = [f for f in check_report_file(out, changed) if f.code == "REPORT_WORKBOOK_MISMATCH"]
    where = {(f.cell.startswith("表"), f.found, f.expected) for f in found}
    assert (False, "1696.51万元", "1690.51万元") in where  # the sentence
    assert (True, "1696.51", "1690.51万元") in where  # the 资金 table's row
    assert (False, "98.91%", "98.57%") in where  # 1690.51 ÷ 1715.12 = 0.98565
    assert (False, "96.56", "96.53") in where  # 执行 score 0.98565 × 10 = 9.86, not 9.89


def test_changed_sangong_and_staff_are_named(demo, tmp_path):
    _, out = demo
    data = copy.deepcopy(example_department())
    for row in data["sangong"]["rows"][:2]:
        row["values"][0] = "61158"  # 本年度, was 60158
    data["basic"]["staff"]["实际在职人数"] = "75"  # was 74
    changed = tmp_path / "改过.xlsx"
    new_workbook(changed, data=data)
    found = {(f.cell.startswith("表"), f.found, f.expected)
             for f in check_report_file(out, changed) if f.code == "REPORT_WORKBOOK_MISMATCH"}
    assert (False, "60158元", "61158元") in found  # “本年度支出60158元”
    assert (True, "60158元", "61158元") in found  # the 三公 table's 本年度 column
    assert (False, "74人", "75人") in found  # “实际在职人数74人”


def test_changed_scoring_and_survey_are_named(demo, tmp_path):
    _, out = demo
    data = copy.deepcopy(example_department())
    data["scoring_data"]["档案归存完备性"] = ["2", "2"]  # 过程 22 → 23 of 24
    data["survey"]["questions"][0]["counts"] = [5, 1, 0, 0]  # the 综合满意率 falls below 99.5%
    changed = tmp_path / "改过.xlsx"
    new_workbook(changed, data=data)
    facts = workbook_facts(changed)
    found = [f for f in check_report_file(out, changed) if f.code == "REPORT_WORKBOOK_MISMATCH"]
    assert facts.scoring["groups"]["过程"]["score"] != 22
    assert any("过程" in f.message and f.found == "22" for f in found)
    assert any("综合满意率" in f.message and f.found == "99.50%" for f in found)
