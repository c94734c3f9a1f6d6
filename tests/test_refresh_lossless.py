"""`xlperf refresh` on a rich .xlsm a department made itself (VBA, a form button, a chart,
a picture, a text box, a comment, data validation, a defined name, a sparkline, a second
sheet): every zip part but the refreshed sheet and the bookkeeping stays byte for byte,
every cell the refresh does not own keeps its value."""
import io
import zipfile

import xlsxwriter
from test_xlsx_samples import png_bytes, vba_project_bin

from xlperf.actions import read, refresh_file

BOOKKEEPING = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}


def build_department_xlsm(path):
    wb = xlsxwriter.Workbook(str(path))
    wb.add_vba_project(io.BytesIO(vba_project_bin()), is_stream=True)
    ws = wb.add_worksheet("自评表")
    other = wb.add_worksheet("资料")
    ws.write_row(0, 0, ["桃江县2024年度部门整体支出绩效自评表"])
    ws.write_row(1, 0, ["部门（单位）名称", "桃江县人力资源和社会保障局"])
    ws.write_row(2, 0, ["年度预算申请（万元）", "项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率",
                        "自评得分", "校验说明"])
    ws.write_row(3, 1, ["年度资金总额", 979.39, 1715.12, 1696.51, 10])
    ws.write_formula(3, 6, "=IFERROR(E4/D4,\"\")", None, 0.98)  # a stale cached result
    ws.write_row(4, 1, ["基本支出", 755.67, 1497.12, 1478.51])
    ws.write_row(5, 1, ["项目支出", 223.72, 218, 218])
    ws.write_row(7, 0, ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评得分",
                        "偏差原因分析及改进措施", "校验说明"])
    rows = [("产出指标（50分）", "数量指标", "新增城镇就业人数", "≥6000人", "6240人", 25, None),
            (None, "质量指标", "职业技能培训人次", "≥6000人次", "5400人次", 25, 25),
            ("效益指标（30分）", "社会效益指标", "城镇登记失业率", "≤4.5%", "3.9%", 30, 30),
            ("满意度指标（10分）", "服务对象满意度指标", "服务对象满意度", "≥90%", "98%", 10, 9)]
    for i, row in enumerate(rows):
        ws.write_row(8 + i, 1, [v for v in row[:6]])
        if row[6] is not None:
            ws.write_number(8 + i, 7, row[6])
    ws.write_row(12, 0, ["总分", None, None, None, None, None, 100, 99])
    ws.write_comment("D9", "按统计年报口径")
    ws.data_validation("G9:G12", {"validate": "decimal", "criteria": ">=", "value": 0})
    ws.insert_button("L2", {"macro": "say_hello", "caption": "刷新评分"})
    ws.insert_image("L6", "logo.png", {"image_data": io.BytesIO(png_bytes())})
    ws.insert_textbox("L14", "请先填写黄色单元格")
    ws.add_sparkline("K4", {"range": "自评表!C4:E4"})
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"categories": "=自评表!$D$9:$D$12", "values": "=自评表!$G$9:$G$12"})
    other.insert_chart("A1", chart)
    other.write_string("A20", "备注：附件材料另行报送")
    wb.define_name("预算总额", "=自评表!$D$4")
    wb.close()


def parts(path):
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def test_refresh_keeps_every_other_part_and_cell(tmp_path):
    path = tmp_path / "自制.xlsm"
    build_department_xlsm(path)
    before_parts = parts(path)
    before = read(path)
    plan = refresh_file(path)
    after_parts = parts(path)
    after = read(path)

    assert plan.writes and plan.new_sheets == ["校验结果"]
    sheet_part = "xl/worksheets/sheet1.xml"  # 自评表, the only sheet with writes
    changed = {n for n in before_parts if before_parts[n] != after_parts.get(n)}
    assert changed <= BOOKKEEPING | {sheet_part}
    assert set(before_parts) <= set(after_parts)
    assert "xl/vbaProject.bin" in after_parts and after_parts["xl/vbaProject.bin"] == before_parts["xl/vbaProject.bin"]

    written = {(w.sheet, w.row, w.col) for w in plan.writes}
    for sheet in before.sheets:
        new = after.sheet(sheet.name)
        for r in range(max(sheet.n_rows, new.n_rows)):
            for c in range(max(sheet.n_cols, new.n_cols)):
                if (sheet.name, r, c) not in written:
                    assert new.value(r, c) == sheet.value(r, c), (sheet.name, r, c)
        assert new.formulas == sheet.formulas  # no formula added or lost

    own = after.sheet("自评表")
    assert abs(own.value(3, 6) - 1696.51 / 1715.12) < 1e-12  # the stale 0.98 recomputed
    assert own.value(3, 7) == 9.89  # the blank 自评得分 filled
    assert own.value(8, 7) == 25  # 新增城镇就业人数 met: blank score filled with its weight
    assert "SCORE_MISMATCH" in " ".join(r[4] or "" for r in after.sheet("校验结果").rows[3:] if len(r) > 4)
    assert own.value(12, 7) == 99  # a typed total is checked, never rewritten
