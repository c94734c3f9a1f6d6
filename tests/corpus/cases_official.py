"""Official layouts: 项目支出绩效自评表 with its 项目资金（万元） label column, a header
repeated after a page break, 年度主要任务 (seed 001), 基础数据表 (seed 002), 三公经费对比
with a two-row header (seed 002). Every figure is the seed's; the arithmetic is beside it."""
from __future__ import annotations

from fixtures import seeds

from .model import Case, Expect

P = "项目支出绩效自评表"


def _indicators(first_row: int, rows: list, repeat_at: int | None = None, total=(100, 100), grade="优"):
    """The 绩效指标 block from `first_row` (1-based): header, rows, 总分, 等级; with
    `repeat_at`, the header is repeated (a printed page break) before that data row."""
    header = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
              "偏差原因分析及改进措施"]
    out = [header]
    for i, row in enumerate(rows):
        if repeat_at is not None and i == repeat_at:
            out.append([f"{P}（续）"])
            out.append(header)
        out.append(row)
    out.append(["总分", None, None, None, None, None, total[0], total[1]])
    out.append(["等级", None, None, None, None, None, None, grade])
    return out


def project_merged_label() -> Case:
    """Seed 000 项目(2): 年初预算1027600元 … 实际到账1027600元，执行率100% — but 实际支出875770元:
    the 全年执行数 is 87.577 万元, so 执行率 is 87.577 ÷ 102.76 = 85.22% and the score
    min(0.8522, 1) × 10 = 8.52, not the 100% and 10 the department states."""
    rows = [
        [f"张家川县2024年度{P}"],
        ["项目名称", "2024年度城乡居民县级缴费补助资金"],
        ["项目资金\n（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 102.76, 102.76, 87.577, 10, "100%", 10],
        [None, "其中：当年财政拨款", 102.76, 102.76, 87.577],
        [None, "上年结转资金", 0, 0, 0],
        [None, "其他资金", 0, 0, 0],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, "为符合条件的缴费人员落实县级缴费补贴", None, None, "已全部补贴"],
    ] + _indicators(10, [
        [None, "产出指标（50分）", "数量指标", "缴费补贴人数", "≥139570人", "139570人", 20, 20],
        [None, None, "质量指标", "县级缴费补贴资金到位率", "100%", "100%", 15, 15],
        [None, None, "时效指标", "预算完成及时率", "100%", "100%", 15, 15],
        [None, "效益指标（30分）", "社会效益指标", "缴费人员全部补贴", "100%", "100%", 30, 30],
        [None, "满意度指标（10分）", "服务对象满意度指标", "待遇领取人员满意度", "≥95%", "100%", 10, 10],
    ])
    s = "项目-缴费补助"
    return Case(
        "p01_project_merged_label", "（2）…年初预算1027600元、年度调整0万元、实际到账1027600元，执行率100%。"
        "…实际支出875770元，支出率85.22%", {s: rows},
        expect=[
            Expect(s, "G4", "RATE_MISMATCH", "87.577 ÷ 102.76 = 0.85224 → 85.22%, stated 100%"),
            Expect(s, "G4", "EXEC_RATE_LOW", "85.22% < 90%"),
            Expect(s, "H4", "SCORE_MISMATCH", "min(0.85224, 1) × 10 = 8.52, stated 10"),
        ],
        # the 总分 adds the scores as stated (10 + 90 = 100): one fault, found at H4
        quiet=[(s, "G16"), (s, "H16"), (s, "H17"), (s, "G5"), (s, "B11")],
        merges={s: ["A3:A7", "A8:A9", "A10:A15", "B11:B13"]},
    )


def project_plain_label() -> Case:
    """Seed 000 项目(3): 代缴 8180000元 到账, 实际支出7801800元, 支出率95.38%:
    780.18 ÷ 818 = 0.953765 → 95.38%, score 9.54; typed correctly, no merge, no line break."""
    rows = [
        [f"张家川县2024年度{P}"],
        ["项目名称", "2024年度城乡居民代缴困难人员养老保险资金"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 818, 818, 780.18, 10, "95.38%", 9.54],
        [None, "其中：当年财政拨款", 818, 818, 780.18, None, "95.38%"],
        [None, "上年结转资金", 0, 0, 0],
        [None, "其他资金", 0, 0, 0],
    ] + _indicators(8, [
        [None, "产出指标（50分）", "数量指标", "代缴人数", "≥78018人", "78018人", 20, 20],
        [None, None, "质量指标", "县级代缴补贴资金到位率", "100%", "100%", 15, 15],
        [None, None, "时效指标", "资金下达率", "100%", "100%", 15, 15],
        [None, "效益指标（30分）", "社会效益指标", "代缴人员全部代缴当年养老保险", "100%", "100%", 30, 30],
        [None, "满意度指标（10分）", "服务对象满意度指标", "待遇领取人员满意度", "≥95%", "100%", 10, 10],
    ], total=(100, 99.54))
    s = "项目-代缴"
    return Case(
        "p02_project_plain_label", "（3）…实际到账8180000元…实际支出7801800元，支出率95.38%", {s: rows},
        quiet=[(s, "G4"), (s, "H4"), (s, "G5"), (s, "G14"), (s, "H14"), (s, "H15")],
        resave=True,
    )


def project_repeated_header() -> Case:
    """Seed 000 项目(7): 县本级财政衔接补助资金1500万元；共支出1481万元 … 该项目完成98.73%:
    1481 ÷ 1500 = 0.987333 → 98.73%, 9.87 points; the 绩效指标 header repeated on page 2."""
    rows = [
        [f"张家川县2024年度{P}"],
        ["项目名称", "2024年度特色餐饮业扶持奖补"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 1500, 1500, 1481, 10, "98.73%", 9.87],
        [None, "其中：当年财政拨款", 1500, 1500, 1481],
        [None, "上年结转资金", 0, 0, 0],
        [None, "其他资金", 0, 0, 0],
    ] + _indicators(8, [
        [None, "产出指标（50分）", "数量指标", "带动建档立卡贫困人口", "≥5280人", "5280人", 20, 20],
        [None, None, None, "实现贫困劳动力稳定就业", "≥5280人", "5280人", 10, 10],
        [None, None, "质量指标", "资金使用合规率", "100%", "100%", 10, 10],
        [None, None, "时效指标", "资金支付及时率", "100%", "100%", 10, 10],
        [None, "效益指标（30分）", "经济效益指标", "增加建档立卡贫困人口收入", "≥7665万元", "7665万元", 15, 15],
        [None, None, "社会效益指标", "带动就业人数", "≥5280人", "5280人", 15, 15],
        [None, "满意度指标（10分）", "服务对象满意度指标", "群众满意度", "≥95%", "98%", 10, 10],
    ], repeat_at=4, total=(100, 99.87))
    s = "项目-特色餐饮"
    # rows: 8 header, 9-12 产出, 13 续 title, 14 header again, 15-17, 18 总分, 19 等级
    return Case(
        "p03_project_repeated_header", "（7）…县本级财政衔接补助资金1500万元；共支出1481万元…该项目完成98.73%",
        {s: rows},
        quiet=[(s, "G4"), (s, "H4"), (s, "G18"), (s, "H18"), (s, "H19"), (s, "B9"), (s, "B15")],
    )


TASKS = [("就业工作经费", "开展就业创业政策宣传", "98%", 40), ("工会经费（留用部分）", "举办职工慰问活动", "100%", 0.62),
         ("工会经费（上解部分）", "及时转入县总工会指定账户", "100%", 0.41),
         ("2024年就业补助资金", "用于政策规定的就业创业等项目支出", "98%", 378),
         ("培训费", "提高全县劳动力的技能水平", "99%", 20), ("人事档案管理费", "做好人员档案管理工作", "99%", 10),
         ("招聘工作经费", "专业人才的招聘，优化人才结构", "97%", 90), ("宣传工作经费", "提高全县劳动技能水平", "98%", 20)]


def tasks_blank_executed() -> Case:
    """Seed 001 年度主要任务: 40 + 0.62 + 0.41 + 378 + 20 + 10 + 90 + 20 = 559.03; the
    宣传工作经费 row left without its 全年执行数 (a blank the rules cannot fill)."""
    rows = [
        ["子洲县2024年度部门整体支出绩效自评表"],
        ["部门（单位）名称", "子洲县人力资源和社会保障局"],
        ["年度", "任务名称", "主要内容", "完成情况", "全年预算数（万元）", None, None, "全年执行数（万元）", None, None,
         "分值", "执行率", "得分"],
        [None, None, None, None, "总额", "财政拨款", "其他资金", "总额", "财政拨款", "其他资金"],
    ]
    for i, (name, content, done, amount) in enumerate(TASKS):
        blank = name == "宣传工作经费"
        rows.append(["年度主要任务完成情况" if i == 0 else None, name, content, done, amount, amount, 0,
                     None if blank else amount, None if blank else amount, None if blank else 0, "—",
                     None if blank else "100%", "—"])
    rows.append([None, "金额合计", None, None, 559.03, 559.03, 0, 559.03, 559.03, 0, 10, "100%", 10])
    s = "自评表"
    return Case(
        "p04_tasks_blank_executed", "年度主要任务完成情况 … 宣传工作经费 … 20 20 0 20 20 0 — 100% —；金额合计 559.03",
        {s: rows},
        expect=[Expect(s, "H12", "MISSING_VALUE", "宣传工作经费的全年执行数总额为空")],
        # the 合计 is not also wrong: its item is missing, not its sum (one fault, one finding)
        quiet=[(s, "H13"), (s, "I13"), (s, "L13"), (s, "M13"), (s, "E13"), (s, "L5")],
        merges={s: ["E3:G3", "H3:J3", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "K3:K4", "L3:L4", "M3:M4", "A5:A12"]},
        resave=True,
    )


def seed001_self_evaluation() -> Case:
    """Seed 001 自评表 as printed (the table of tests/fixtures/seeds.py): 总分 99 over scores
    worth 87 (5×9 + 4 + 10 + 9 + 9 + 10), 效益指标（30分） holding 10 + 10 = 20, points
    deducted on met targets, signed 2015."""
    s = "自评表"
    return Case(
        "p05_seed001_self_evaluation", "总分 100 99；高质量完成 100% 100% 5 4；服务对象满意度 ≥90% 98% 10 9；"
        "2015 年 3 月 19 日", {s: seeds.seed001_self_evaluation()[s]},
        expect=[
            Expect(s, "H24", "SCORE_MISMATCH", "100% of 100% met: 5, stated 4"),
            Expect(s, "H29", "SCORE_MISMATCH", "98% ≥ 90% met: 10, stated 9"),
            Expect(s, "B27", "WEIGHT_SUM", "效益指标（30分）: 10 + 10 = 20"),
            Expect(s, "G30", "WEIGHT_SUM", "10 (执行率) + 50 + 20 + 10 = 90"),
            Expect(s, "H30", "TOTAL_MISMATCH", "10 + 9×5 + 4 + 10 + 9 + 9 = 87, stated 99"),
            Expect(s, "A33", "DATE_ANOMALY", "2015 in a 2024 report"),
            Expect(s, "F19", "OVER_TARGET", "10 of ≥2 次: 500% ≥ 120%"),
            Expect(s, "F20", "OVER_TARGET", "10 of ≥5 次: 200% ≥ 120%"),
            Expect(s, "H28", "DEVIATION_REASON_MISSING", "9 of 10 and no 偏差原因 column"),
        ],
        quiet=[(s, "E13"), (s, "H13"), (s, "L13"), (s, "M13")],
    )


def basic_data_unit() -> Case:
    """Seed 002 附件1 经费控制情况（万元）: 公用经费 2024年决算数 172.40 typed in 元 as 1724000
    (10,000× its neighbours 294.05 and 175); everything else as the seed prints it."""
    rows = seeds.seed002_basic_data()["附件1"]
    assert rows[16][0] == "公用经费"
    rows[16] = ["公用经费", 294.05, 175, 1724000]
    s = "附件1"
    return Case(
        "p06_basic_data_unit", "公用经费 294.05 175 172.40；其中：办公经费 92.43 90 90.3", {s: rows},
        expect=[Expect(s, "D17", "UNIT_SUSPECT", "1724000 ÷ 294.05 ≈ 5863×, 1724000 ÷ 175 ≈ 9851×")],
        quiet=[(s, "D4"), (s, "B7"), (s, "D7"), (s, "B13"), (s, "D18"), (s, "C22")],
    )


def sangong_two_row_header() -> Case:
    """Seed 002 “三公经费”对比说明（元）: 60158 − 99898 = −39740; −39740 ÷ 99898 = −0.39781 →
    −39.78%; typed with 比上年增减 merged over 金额 | 增减％."""
    rows = [
        ["“三公经费”与年初预算、上年度收支情况对比说明（元）"],
        ["指    标", "本年度", "年初预算", "上年度", "比上年增减", None, "说明"],
        [None, None, None, None, "金额", "增减％"],
        ["三公经费合计", 60158, 160000, 99898, -39740, "-39.78%", "严格控制公务接待，超出部分不予报销。"],
        ["其中：1、公务接待费", 60158, 160000, 99898, -39740, "-39.78%", "严格控制公务接待，超出部分不予报销。"],
        ["2、公务用车购置及运行维护费", 0, 0, 0, 0, None, None],
        ["3、因公出国（境）费", 0, 0, 0, 0, None, None],
    ]
    s = "三公经费"
    return Case(
        "p07_sangong_two_row_header", "三公经费合计 60158 160000 99898 -39740 -39.78%", {s: rows},
        quiet=[(s, "E4"), (s, "F4"), (s, "F5"), (s, "B4"), (s, "E6")],
        merges={s: ["E2:F2", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "G2:G3"]},
        resave=True,
    )


def meeting_training_two_row() -> Case:
    """Seed 002: 会议费16730元，2023年会议费19268元，比上年-2538元；培训费15361元，2023年19380元，
    比上年-4019元. −2538 ÷ 19268 = −13.17%; −4019 ÷ 19380 = −20.74%; together 32091 vs
    38648, −6557 ÷ 38648 = −16.97%."""
    rows = [
        ["会议费、培训费支出情况（元）"],
        ["项目", "2024年", "2023年", "比上年增减", None],
        [None, None, None, "金额", "增减％"],
        ["会议费", 16730, 19268, -2538, "-13.17%"],
        ["培训费", 15361, 19380, -4019, "-20.74%"],
        ["合计", 32091, 38648, -6557, "-16.97%"],
    ]
    s = "会议培训"
    return Case(
        "p08_meeting_training_two_row", "2024年会议费16730元，2023年会议费19268元，比上年-2538元", {s: rows},
        quiet=[(s, "E4"), (s, "E5"), (s, "E6"), (s, "B6"), (s, "D6")],
        merges={s: ["D2:E2", "A2:A3", "B2:B3", "C2:C3"]},
    )


def sangong_two_row_rate_slip() -> Case:
    """Seed 002's 三公 table again, the 增减％ of 三公经费合计 typed -39.87% (two digits swapped,
    a typing slip, not the seed's): −39740 ÷ 99898 = −39.78%."""
    rows = [
        ["指    标", "本年度", "年初预算", "上年度", "比上年增减", None, "说明"],
        [None, None, None, None, "金额", "增减％"],
        ["三公经费合计", 60158, 160000, 99898, -39740, "-39.87%", "严格控制公务接待，超出部分不予报销。"],
        ["其中：1、公务接待费", 60158, 160000, 99898, -39740, "-39.78%", "严格控制公务接待，超出部分不予报销。"],
    ]
    s = "三公经费"
    return Case("p09_sangong_rate_slip", "三公经费合计 60158 160000 99898 -39740 -39.78%", {s: rows},
                expect=[Expect(s, "F3", "RATE_MISMATCH", "−39740 ÷ 99898 = −39.78%, typed −39.87%")],
                quiet=[(s, "E3"), (s, "F4"), (s, "B3")],
                merges={s: ["E1:F1", "A1:A2", "B1:B2", "C1:C2", "D1:D2", "G1:G2"]})


def sangong_then_meetings() -> Case:
    """Seed 002 三公经费 (60158 = 60158 + 0 + 0) with the 会议费 and 培训费 lines of its (2) and (3)
    typed under it after a blank row: 16730 − 19268 = −2538 (−13.17%), 15361 − 19380 = −4019
    (−20.74%). The 合计 adds its own block only."""
    rows = [
        ["指    标", "本年度", "年初预算", "上年度", "比上年增减", "比上年增减％", "说明"],
        ["三公经费合计", 60158, 160000, 99898, -39740, "-39.78%", None],
        ["其中：1、公务接待费", 60158, 160000, 99898, -39740, "-39.78%", None],
        ["2、公务用车购置及运行维护费", 0, 0, 0, 0, None, None],
        ["3、因公出国（境）费", 0, 0, 0, 0, None, None],
        [],
        ["会议费", 16730, None, 19268, -2538, "-13.17%", None],
        ["培训费", 15361, None, 19380, -4019, "-20.74%", None],
    ]
    s = "三公及会议培训"
    return Case("p10_sangong_then_meetings", "2024年会议费16730元，2023年会议费19268元，比上年-2538元", {s: rows},
                quiet=[(s, "B2"), (s, "D2"), (s, "E2"), (s, "F7"), (s, "F8")], resave=True)


def tasks_total_named_otherwise() -> Case:
    """Seed 001 年度主要任务 with its total row labelled 资金合计 (a county's wording for 金额合计):
    559.03 over the eight tasks, 10 points at 100%; then its 绩效指标 worth 90, 总分 100."""
    rows = [
        ["年度", "任务名称", "主要内容", "完成情况", "全年预算数（万元）", None, None, "全年执行数（万元）", None, None,
         "分值", "执行率", "得分"],
        [None, None, None, None, "总额", "财政拨款", "其他资金", "总额", "财政拨款", "其他资金"],
    ]
    for i, (name, content, done, amount) in enumerate(TASKS):
        rows.append(["年度主要任务完成情况" if i == 0 else None, name, content, done, amount, amount, 0, amount,
                     amount, 0, "—", "100%", "—"])
    rows += [
        [None, "资金合计", None, None, 559.03, 559.03, 0, 559.03, 559.03, 0, 10, "100%", 10],
        ["年度绩效指标完成情况", "一级指标", "二级指标", "指标内容", "年度指标值", "实际完成值", "分值", "得分"],
        [None, "产出指标（50分）", "数量指标", "招聘次数", "≥2次", "2", 25, 25],
        [None, None, "质量指标", "资金合规率", "100%", "100%", 25, 25],
        [None, "效益指标（30分）", "社会效益指标", "带动就业创业人员数量", "≥1000人", "1050人", 30, 30],
        [None, "满意度指标（10分）", "服务对象满意度指标", "服务对象满意度", "≥90%", "98%", 10, 10],
        [None, "总分", None, None, None, None, 100, 100],
    ]
    s = "自评表"
    # rows: 1-2 header, 3-10 tasks, 11 资金合计, 12 header, 13-16, 17 总分
    return Case("p11_tasks_total_named_otherwise", "金额合计 559.03 559.03 0 559.03 559.03 0 10 100% 10", {s: rows},
                quiet=[(s, "G17"), (s, "H17"), (s, "M11"), (s, "E11"), (s, "H11")], resave=True)


CASES = [project_merged_label, project_plain_label, project_repeated_header, tasks_blank_executed,
         seed001_self_evaluation, basic_data_unit, sangong_two_row_header, meeting_training_two_row,
         sangong_two_row_rate_slip, sangong_then_meetings, tasks_total_named_otherwise]
