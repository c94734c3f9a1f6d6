"""说明: how to fill the workbook, the colour legend, the 刷新评分 button, rule sources and
the `模板版本：` line the engine looks for (remote xlwings books show values only)."""
from __future__ import annotations

from .. import TEMPLATE_VERSION
from .. import layout as L
from . import style as st
from .context import Context
from .sheet import COMPUTED, INPUT, TEXT, SheetWriter
from .values import weight_text

WIDTHS = [14, 96]
VERSION_PREFIX = "模板版本："


def _grade_sentence(ctx: Context) -> str:
    bands = list(ctx.settings.grade_bands)
    parts, upper = [], None
    for bound, grade in bands[:-1]:
        b = weight_text(bound)
        parts.append(f"{b}分（含）以上为{grade}" if upper is None
                     else f"{b}分（含）至{upper}分为{grade}")
        upper = b
    parts.append(f"{upper}分以下为{bands[-1][1]}")
    return "，".join(parts)


def _sections(ctx: Context) -> list[tuple[str, list[str]]]:
    s = ctx.settings
    return [
        ("一、填写方法", [
            "1. 本工作簿包括：附件1 基础数据表、附件2 部门整体支出绩效自评表、每个项目一张“项目-”"
            "项目支出绩效自评表、绩效评价指标体系评分表、满意度问卷、“三公”经费对比说明、校验结果。",
            "2. 只在浅黄色单元格中填写。金额单位为万元（“三公经费对比”表为元），直接填写数字，不带单位；"
            "执行率、控制率、合计和得分由公式或“刷新评分”计算。",
            "3. 年度指标值、实际完成值按原文填写，例如“≥6000人”“100%”“≤10个工作日”。指标性质可以留空，"
            "留空时按年度指标值中的符号判断正向（≥）或反向（≤）。",
            "4. 定性指标在“档次”列选择完成档次。“达成年度指标”的，刷新时按满分填写；部分达成或未达成的，"
            "由评价人在该档次的分数区间内填写自评得分（这是唯一需要在灰色单元格中手工填写的情形），"
            "并填写偏差原因分析及改进措施。",
            "5. 需要增加指标、任务或项目支出明细时，在表格中间插入整行（不要插在合计行下面），"
            "合计公式会自动包含新行；增加项目可复制一张“项目-”工作表，或运行 xlperf add-project。",
            "6. 评分表的“评分数据（实际）”“评分数据（计划）”按指标解释填写分子和分母；要素核查类指标"
            "填写符合的要素数和要素总数（新表为空白，未填写的指标不计分）。服务对象满意度取自"
            "“满意度问卷”的综合满意率。",
            "7. 每张表最后一列“校验说明”由刷新评分写入，不必填写；它在打印区域之外，打印、盖章的"
            "是正式表格本身（需要连同校验说明打印时，在“页面设置”中取消打印区域即可）。",
            "8. 填写文字的行会随文字自动增高；打印时每张表按一页宽排版，总分和等级不会单独落在最后一页。",
        ]),
        ("二、颜色说明", []),
        ("三、刷新评分", [
            "在装有 Excel 和 xlperf 加载项的电脑上，点击“绩效评价”选项卡中的“刷新评分”按钮：程序读取"
            "全部填写内容，按评分规则计算各项指标得分和评分表得分，复核合计、比率、权重和等级，把每一行"
            "的问题写入该行的“校验说明”列，并在“校验结果”表中列出全部问题（级别分为错误、警告、提示）。",
            "没有 Excel 或没有安装加载项（例如使用 WPS）时，在命令行运行 xlperf refresh 文件名.xlsx，"
            "效果与按钮完全相同；只检查、不修改文件时运行 xlperf check 文件名.xlsx。",
            "表中的比率、合计、等级等公式是 Excel 的普通公式，在 Excel、WPS、LibreOffice 中都能直接计算，"
            "审核人员不需要安装任何插件。",
        ]),
        ("四、评分规则来源", [
            "1. 财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）及所附自评表：预算执行率"
            f"{weight_text(s.weight_exec)}分、产出指标{weight_text(s.weight_output)}分、效益指标"
            f"{weight_text(s.weight_benefit)}分、满意度指标{weight_text(s.weight_satisfaction)}分；"
            "定量指标按完成比例计分，定性指标按三个档次计分；" + _grade_sentence(ctx) + "。",
            "2. 财政部《预算绩效评价共性指标体系框架》（财预〔2013〕53号）：在职人员控制率、“三公”经费"
            "控制率、预算调整率、政府采购执行率等部门整体支出共性指标的计算公式。",
        ]),
        ("五、校验结果中的代码", [f"{code}：{name}" for code, name in L.CODE_NAMES.items()]),
        ("六、版本", [f"{VERSION_PREFIX}{TEMPLATE_VERSION}"]),
    ]


def build_guide(ws, ctx: Context) -> dict:
    w = SheetWriter(ws, WIDTHS, fit=True)  # fixed text: its pages are known
    w.title(1, "填表说明")
    row = 3
    layout: dict = {}
    for heading, lines in _sections(ctx):
        w.put(row, 1, heading, TEXT, span=2, bold=True)
        row += 1
        if heading.startswith("二"):
            layout["input_sample"] = w.put(row, 1, "示例", INPUT, horizontal="center")
            w.put(row, 2, f"浅黄色（{st.INPUT_FILL}）：需要填写的单元格。", TEXT)
            layout["computed_sample"] = w.put(row + 1, 1, "示例", COMPUTED, horizontal="center")
            w.put(row + 1, 2, f"浅灰色（{st.COMPUTED_FILL}）：计算单元格，由公式或刷新评分写入，"
                              "请不要改写；在公式单元格中输入数字会被校验为“公式被覆盖”。", TEXT)
            row += 2
        for line in lines:
            address = w.put(row, 1, line, TEXT, span=2)
            if line.startswith(VERSION_PREFIX):
                layout["version_cell"] = address
            row += 1
        row += 1
    w.finish(landscape=False)
    return layout
