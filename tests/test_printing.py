"""What a person sees on paper. The workbooks are printed to PDF by LibreOffice and read
back with poppler (tests/printout.py): pages per sheet, where the words land, what is on
the page at all. One workbook is the shipped example; the other is an accountant's: made
by `xlperf new`, filled through LibreOffice (Python-UNO: rows inserted, long texts typed,
saved by LibreOffice), refreshed by xlperf, then printed."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from printout import column_text, page_size, page_text, pages, sheet_pdf, squeezed, type_in_libreoffice, words

from xlperf import layout as L
from xlperf.actions import new_workbook, read, refresh_file
from xlperf.grid import a1

pytestmark = pytest.mark.libreoffice

EXAMPLE = Path(__file__).resolve().parents[1] / "workbooks" / "示例-部门绩效自评.xlsx"
FOOTER = squeezed(L.FOOTER_TEXT)
LONG_ACTUAL = "基金总收入303554.02万元"
LONG_NAME = "城乡居民基本养老保险基金征缴收入完成情况（含中央和省级补助）"
LONG_REASON = ("受上级资金下达时间影响，部分补助资金于第四季度才拨付到位，导致当年实际完成值低于年度指标值；"
               "下一年度将提前与上级部门对接，按季度调度资金拨付进度，确保资金及时足额发放到位。")
INSERTED_NAME = "新增插入行的指标名称"
INSERTED_REASON = "插入的行同样保持原表格式：偏差原因写在一个单元格里，随文字自动增高，打印完整。"


def _all_text(pdf: Path) -> str:
    return "".join(squeezed(page_text(pdf, p)) for p in range(1, pages(pdf) + 1))


def _project_sheets(path: Path) -> list[str]:
    return [s.name for s in read(path).sheets if s.name.startswith(L.PROJECT_PREFIX)]


# --- the shipped example --------------------------------------------------------------------

@pytest.fixture(scope="module")
def example_pdfs(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("example-pdf")
    names = [s.name for s in read(EXAMPLE).sheets]
    return {name: sheet_pdf(EXAMPLE, name, out / str(i)) for i, name in enumerate(names)}


def test_each_project_of_the_example_prints_on_one_landscape_page(example_pdfs):
    projects = [n for n in example_pdfs if n.startswith(L.PROJECT_PREFIX)]
    assert len(projects) == 2
    for name in projects:
        pdf = example_pdfs[name]
        assert page_size(pdf) == (842, 595), name
        assert pages(pdf) == 1, name  # 总分 and 等级 on the page of the indicators
        text = squeezed(page_text(pdf, 1))
        assert "总分" in text and "等级" in text and FOOTER in text


def test_no_sheet_prints_an_orphan_page(example_pdfs):
    """A last page never holds just the 总分/等级 rows and the signature line."""
    for name, pdf in example_pdfs.items():
        n = pages(pdf)
        if n == 1 or name == L.SHEET_RESULTS:
            continue
        last = [line for line in page_text(pdf, n).splitlines() if line.strip()]
        assert len(last) > 8, (name, last)


def test_the_stamped_form_leaves_the_notes_off(example_pdfs):
    for name, pdf in example_pdfs.items():
        if name in (L.SHEET_RESULTS, L.SHEET_GUIDE, L.SHEET_SURVEY):
            continue  # no notes (校验结果, 说明) / the questionnaire's notes share its columns
        assert L.NOTE_HEADER not in _all_text(pdf), name


def test_long_texts_of_the_example_print_in_full(example_pdfs):
    """Every 偏差原因 and 实际完成值 of the example is on paper, whole."""
    import json

    data = json.loads((Path(L.__file__).parent / "data" / "example_department.json").read_text("utf-8"))
    pdf = example_pdfs[L.SHEET_OVERALL]
    for field, key in (("name", "level3"), ("actual", "actual"), ("reason", "deviation")):
        printed = column_text(pdf, key)
        texts = [ind[field] for ind in data["overall"]["indicators"] if ind.get(field)]
        assert texts
        for text in texts:
            assert squeezed(text) in printed, (key, text)


# --- an accountant's workbook, typed in LibreOffice ------------------------------------------

def _header_cols(rows, header: int) -> dict[str, int]:
    return {v: c for c, v in enumerate(rows[header]) if isinstance(v, str)}


@pytest.fixture(scope="module")
def typed(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("typed")
    blank = root / "新建.xlsx"
    new_workbook(blank, projects=1)
    sheet_name = _project_sheets(blank)[0]
    rows = read(blank).sheet(sheet_name).rows
    header = next(r for r, row in enumerate(rows) if "一级指标" in row and "偏差原因分析及改进措施" in row)
    cols = _header_cols(rows, header)

    def cell(r, key):
        return a1(r, cols[key])

    first = header + 1
    steps = [
        {"sheet": sheet_name, "cell": "E2", "text": "城乡居民基本养老保险补助资金"},
        # two rows inserted inside the indicator table, as the 说明 sheet tells
        {"sheet": sheet_name, "insert_rows": [first + 1, 2]},
        {"sheet": sheet_name, "cell": cell(first, "三级指标"), "text": LONG_NAME},
        {"sheet": sheet_name, "cell": cell(first, "年度指标值"), "text": "≥300000万元"},
        {"sheet": sheet_name, "cell": cell(first, "实际完成值"), "text": LONG_ACTUAL},
        {"sheet": sheet_name, "cell": cell(first, "分值"), "value": 10},
        {"sheet": sheet_name, "cell": cell(first, "偏差原因分析及改进措施"), "text": LONG_REASON},
        {"sheet": sheet_name, "cell": cell(first + 1, "三级指标"), "text": INSERTED_NAME},
        {"sheet": sheet_name, "cell": cell(first + 1, "年度指标值"), "text": "≥95%"},
        {"sheet": sheet_name, "cell": cell(first + 1, "实际完成值"), "text": "90%"},
        {"sheet": sheet_name, "cell": cell(first + 1, "分值"), "value": 10},
        {"sheet": sheet_name, "cell": cell(first + 1, "偏差原因分析及改进措施"), "text": INSERTED_REASON},
    ]
    saved = type_in_libreoffice(blank, root / "填好.xlsx", steps, root / "uno")
    refresh_file(saved)
    return {"path": saved, "sheet": sheet_name, "header": header, "first": first,
            "pdf": sheet_pdf(saved, sheet_name, root / "pdf")}


def test_typed_long_texts_print_whole(typed):
    pdf = typed["pdf"]
    for key, texts in (("level3", (LONG_NAME, INSERTED_NAME)), ("actual", (LONG_ACTUAL,)),
                       ("deviation", (LONG_REASON, INSERTED_REASON))):
        printed = column_text(pdf, key)
        for text in texts:
            assert squeezed(text) in printed, (key, text, printed)
    assert L.NOTE_HEADER not in _all_text(pdf)


def test_rows_grew_with_the_typed_text(typed):
    """The 偏差原因 lines sit inside their row: below the row above, above the next row's
    indicator name (a row of fixed height would clip them or run them into the next)."""
    pdf = typed["pdf"]
    for page in range(1, pages(pdf) + 1):
        ws = words(pdf, page)
        start = [w for w in ws if w[0].startswith(LONG_REASON[:6])]
        if not start:
            continue
        # the reason's lines: each starts at the left edge of its cell (a label elsewhere
        # may wrap into a piece of the same words, 度指标 of 满意度指标)
        reason = [w for w in ws if w[0] in LONG_REASON and abs(w[1] - start[0][1]) < 1.5]
        top, bottom = min(w[2] for w in reason), max(w[4] for w in reason)
        lines = {round(w[2]) for w in reason}
        assert len(lines) >= 4  # the reason wraps over several lines in its one column
        # the inserted row's name starts below the last line of the reason
        nxt = [w for w in ws if w[0] and w[0] in INSERTED_NAME and len(w[0]) > 1]
        assert nxt and min(w[2] for w in nxt) > bottom, (bottom, nxt)
        # and the long 实际完成值 of the same row lies within the reason's band
        actual = [w for w in ws if w[0] and w[0] in LONG_ACTUAL and len(w[0]) > 1]
        assert actual and top - 20 < min(w[2] for w in actual) and max(w[4] for w in actual) < bottom + 20
        return
    pytest.fail("the 偏差原因 text is on no page")


def test_inserted_rows_keep_the_layout(typed):
    """The inserted rows hold their 偏差原因 in the one column the header names, and the
    refresh reads them as indicator rows."""
    sheet = read(typed["path"]).sheet(typed["sheet"])
    cols = _header_cols(sheet.rows, typed["header"])
    row = typed["first"] + 1
    assert sheet.value(row, cols["三级指标"]) == INSERTED_NAME
    assert sheet.value(row, cols["偏差原因分析及改进措施"]) == INSERTED_REASON
    total = next(r for r, v in enumerate(sheet.rows) if v and v[0] == "总分")
    assert total == typed["header"] + 1 + 2 * sum(len(g) for _, g in L.DEFAULT_GROUPS) + 2


def test_typed_project_prints_without_orphans(typed):
    pdf = typed["pdf"]
    n = pages(pdf)
    assert n <= 2
    if n == 2:
        last = [line for line in page_text(pdf, 2).splitlines() if line.strip()]
        assert len(last) > 8, last
    assert FOOTER in squeezed(page_text(pdf, n))


# --- the 校验结果 sheet and the 汇总 -------------------------------------------------------

@pytest.fixture(scope="module")
def with_findings(tmp_path_factory) -> Path:
    import json

    root = tmp_path_factory.mktemp("findings")
    data = json.loads((Path(L.__file__).parent / "data" / "example_department.json").read_text("utf-8"))
    data["overall"]["indicators"][0]["score"] = "9"      # over its weight of 5
    data["overall"]["indicators"][2]["actual"] = "**"    # a placeholder
    path = root / "有问题.xlsx"
    new_workbook(path, data=data)
    return path


def test_results_sheet_prints_readably(with_findings, tmp_path):
    pdf = sheet_pdf(with_findings, L.SHEET_RESULTS, tmp_path)
    assert page_size(pdf) == (842, 595)
    text = page_text(pdf, 1)
    # the stamp reads as one line across the page, not a column of characters in A
    stamp = read(with_findings).sheet(L.SHEET_RESULTS).value(1, 0)
    assert stamp and any(squeezed(stamp) == squeezed(line) for line in text.splitlines()), stamp
    results = read(with_findings).sheet(L.SHEET_RESULTS).rows[L.RESULTS_FIRST_ROW - 1:]
    messages = [r[5] for r in results if r and r[0] is not None]
    assert len(messages) >= 2
    drawn = squeezed(page_text(pdf, 1, layout=False))
    for message in messages:
        assert squeezed(message) in drawn, message
    for header in (c.header for c in L.RESULTS.columns):
        assert header in text
    assert squeezed(L.RESULTS_CODES_NOTE) in squeezed(text)
    guide = _all_text(sheet_pdf(with_findings, L.SHEET_GUIDE, tmp_path / "guide"))
    for code in {r[4] for r in results if r and r[0] is not None}:
        assert squeezed(f"{code}：{L.CODE_NAMES[code]}") in guide  # every code explained


def test_summary_prints_one_page_wide_at_a_readable_scale(tmp_path):
    import zipfile

    from xlperf.cli import main
    from xlperf.templates import example_data

    folder = tmp_path / "某某县财政局收到的部门自评表" / "第一批次"
    folder.mkdir(parents=True)
    long_names = []
    for dept in ("人力资源和社会保障局", "教育局", "卫生健康局"):
        data = example_data()
        data["dept"] = f"示例县{dept}"
        name = f"2024年度示例县{dept}部门整体支出绩效自评表（最终版）.xlsx"
        long_names.append(name)
        new_workbook(folder / name, data=data)
    out = tmp_path / "汇总.xlsx"
    assert main(["collect", str(tmp_path / "某某县财政局收到的部门自评表"), "-o", str(out)]) == 0
    pdf = sheet_pdf(out, "部门汇总", tmp_path / "pdf")
    assert pages(pdf) == 1 and page_size(pdf) == (842, 595)
    ws = words(pdf, 1)
    shown = {w[0] for w in ws}
    assert {"排名", "文件", "备注"} <= shown  # the last column on the page, not cut off
    # readable: a figure printed at least 7 pt tall (11-point text at 64 % or more)
    figures = [w for w in ws if w[0] == "2024"]
    assert figures and min(w[4] - w[2] for w in figures) >= 7.0
    drawn = squeezed(page_text(pdf, 1, layout=False))
    for name in long_names:  # the 文件 column wraps a long path instead of cutting it
        assert squeezed(name) in drawn, name
    with zipfile.ZipFile(out) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    bar = next(c for c in charts if "barChart" in c)
    assert re.search(r'<(c:)?min val="0(\.0)?"\s*/>', bar)  # the axis starts at 0


def test_three_blank_projects_print_on_three_pages(tmp_path):
    """The shipped template: each of its three project tables is one page, 总分 and 等级
    with it (the issue's workbook printed 17 pages for three projects)."""
    template = EXAMPLE.with_name("部门绩效自评模板.xlsx")
    projects = _project_sheets(template)
    assert len(projects) == 3
    for i, name in enumerate(projects):
        pdf = sheet_pdf(template, name, tmp_path / str(i))
        assert pages(pdf) == 1, name
        assert FOOTER in squeezed(page_text(pdf, 1))
