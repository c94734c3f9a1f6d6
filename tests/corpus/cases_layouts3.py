"""A third, independent set: the seeds' own tables typed the way a county office fills the
official forms and its own summary tables — a merged title cell over the whole header, scores
typed as text (`10分`), 指标值 with its unit in a column of its own, optional columns left
blank, a 总分 row with 分值 100 and the score typed, 年度主要任务 with 其中 sub-rows,
上年数 | 本年数 | 增减额 | 增减率 comparisons with a 合计 row, negative figures in parentheses
(`(13.98)`), full-width percent signs (`98.5％`) and figures typed with their unit (`0.67万元`).

Every figure is the seed's unless the docstring says how it was derived (a prior year's figure
from the seed's own change, a sum of the seed's own lines). Row numbers in comments are 1-based
sheet rows, as the expected cells are."""
from __future__ import annotations

from .model import Case, Expect

P = "项目支出绩效自评表"


def zjc_project_text_scores_unit_column() -> Case:
    """Seed 000 项目(7): 县本级财政衔接补助资金1500万元；共支出1481万元 … 该项目完成98.73%: 1481 ÷
    1500 = 0.987333 → 98.73%, min(0.98733, 1) × 10 = 9.87. The 一体化 form as a county fills it:
    a merged title over all nine columns, 年初预算数 and 偏差原因 left blank, scores typed as text
    (`20分`), the 年度指标值 split into 指标值 | 单位, 总分 100 and 99.87 (9.87 + 90) typed."""
    rows = [
        [f"张家川县2024年度{P}"],
        ["项目名称", "2024年度特色餐饮业扶持奖补", None, None, None, None, None, None, None],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", None, 1500, 1481, "10分", "98.73%", "9.87分"],
        [None, "其中：当年财政拨款", None, 1500, 1481],
        [None, "上年结转资金", None, 0, 0],
        [None, "其他资金", None, 0, 0],
        ["一级指标", "二级指标", "三级指标", "指标值", "单位", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "带动建档立卡贫困人口", "≥5280", "人", 5280, "20分", "20分"],
        [None, None, "实现贫困劳动力稳定就业", "≥5280", "人", 5280, "10分", "10分"],
        [None, "质量指标", "资金使用合规率", "100", "%", 100, "10分", "10分"],
        [None, "时效指标", "资金支付及时率", "100", "%", 100, "10分", "10分"],
        ["效益指标", "经济效益指标", "增加建档立卡贫困人口收入", "≥7665", "万元", 7665, "15分", "15分"],
        [None, "社会效益指标", "带动就业人数", "≥5280", "人", 5280, "15分", "15分"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95", "%", 98, "10分", "10分"],
        ["总分", None, None, None, None, None, "100分", "99.87分"],
    ]
    s = "项目自评"
    return Case("m01_zjc_project_text_scores_unit_column", "（7）…县本级财政衔接补助资金1500万元；共支出1481万元…该项目完成98.73%",
                {s: rows},
                quiet=[(s, "F4"), (s, "G4"), (s, "H4"), (s, "C4"), (s, "G9"), (s, "H9"), (s, "H15"),
                       (s, "F15"), (s, "G16"), (s, "H16"), (s, "D13"), (s, "F13")],
                merges={s: ["A1:I1", "B2:I2", "A3:A7", "A9:A12", "B9:B10", "A13:A14"]}, resave=True)


def zjc_project_score_slip_text() -> Case:
    """Seed 000 项目(2): 年初预算1027600元…实际到账1027600元…实际支出875770元，支出率85.22%: 87.577 ÷
    102.76 = 0.852238 → 85.22%, min × 10 = 8.52. The form typed right — 执行率 85.22％ with a
    full-width sign, 得分 `8.52分` — but the 总分 typed `100分` where 8.52 + 90 = 98.52 (not the
    seed's own slip: the seed states no 总分 for this project; 5个项目得分100分 is its claim)."""
    rows = [
        [f"张家川县2024年度{P}"],
        ["项目名称", "2024年度城乡居民县级缴费补助资金"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 102.76, 102.76, 87.577, "10分", "85.22％", "8.52分"],
        [None, "其中：当年财政拨款", 102.76, 102.76, 87.577],
        [None, "上年结转资金", 0, 0, 0],
        [None, "其他资金", 0, 0, 0],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标（50分）", "数量指标", "缴费补贴人数", "≥139570人", "139570人", "20分", "20分"],
        [None, "质量指标", "县级缴费补贴资金到位率", "100％", "100％", "15分", "15分"],
        [None, "时效指标", "预算完成及时率", "100％", "100％", "15分", "15分"],
        ["效益指标（30分）", "社会效益指标", "缴费人员全部补贴", "100％", "100％", "30分", "30分"],
        ["满意度指标（10分）", "服务对象满意度指标", "待遇领取人员满意度", "≥95％", "100％", "10分", "10分"],
        ["总分", None, None, None, None, "100分", "100分"],
    ]
    s = "项目-缴费补助"
    return Case("m02_zjc_project_score_slip_text", "（2）…实际支出875770元，支出率85.22%", {s: rows},
                expect=[Expect(s, "G4", "EXEC_RATE_LOW", "87.577 ÷ 102.76 = 85.22% < 90%"),
                        Expect(s, "G14", "TOTAL_MISMATCH", "8.52 + 20 + 15 + 15 + 30 + 10 = 98.52, stated 100分")],
                quiet=[(s, "H4"), (s, "F4"), (s, "F14"), (s, "G9"), (s, "G13"), (s, "E13")],
                merges={s: ["A1:H1", "A3:A7", "A9:A11"]})


TASKS = [("就业工作经费", "开展就业创业政策宣传", "98%", 40), ("工会经费（留用部分）", "举办职工慰问活动", "100%", 0.62),
         ("工会经费（上解部分）", "及时转入县总工会指定账户", "100%", 0.41),
         ("2024年就业补助资金", "用于政策规定的就业创业等项目支出", "98%", 378),
         ("培训费", "提高全县劳动力的技能水平", "99%", 20), ("人事档案管理费", "做好人员档案管理工作", "99%", 10),
         ("招聘工作经费", "专业人才的招聘，优化人才结构", "97%", 90), ("宣传工作经费", "提高全县劳动技能水平", "98%", 20)]


def zz_tasks_union_fee_parts() -> Case:
    """Seed 001 年度主要任务 with 工会经费 as one task and its two parts as 其中 rows: 0.62 + 0.41 =
    1.03 (the seed lists the parts as tasks of their own), so 40 + 1.03 + 378 + 20 + 10 + 90 + 20 =
    559.03 = 金额合计, the parts not counted twice. 执行率 100% each; 金额合计 分值 10, 执行率
    100%, 得分 10. The 完成情况 column left blank on the 其中 rows; 金额合计 typed in the 年度
    column, merged over the task columns, as the seed prints it. A second sheet marks both parts
    其中 and types 上解部分 0.51 (not the seed's): 0.62 + 0.51 = 1.13 > 1.03."""
    rows = [
        ["子洲县2024年度部门整体支出绩效自评表"],
        ["年度", "任务名称", "主要内容", "完成情况", "全年预算数（万元）", None, None, "全年执行数（万元）", None, None,
         "分值", "执行率", "得分"],
        [None, None, None, None, "总额", "财政拨款", "其他资金", "总额", "财政拨款", "其他资金"],
    ]
    for name, content, done, amount in TASKS:
        if name == "工会经费（留用部分）":
            rows.append([None, "工会经费", "举办职工慰问活动、上解县总工会", "100%", 1.03, 1.03, 0, 1.03, 1.03, 0,
                         "—", "100%", "—"])
            rows.append([None, "其中：留用部分", None, None, 0.62, 0.62, 0, 0.62, 0.62, 0, "—", "100%", "—"])
            continue
        if name == "工会经费（上解部分）":
            rows.append([None, "上解部分", None, None, 0.41, 0.41, 0, 0.41, 0.41, 0, "—", "100%", "—"])
            continue
        rows.append([None, name, content, done, amount, amount, 0, amount, amount, 0, "—", "100%", "—"])
    rows[3][0] = "年度主要任务完成情况"
    rows.append(["金额合计", None, None, None, 559.03, 559.03, 0, 559.03, 559.03, 0, 10, "100%", 10])
    # rows: 4 就业, 5 工会经费, 6-7 其中, 8-12 the rest, 13 金额合计
    s, s2 = "主要任务", "主要任务（其中超出）"
    # the same table with each part marked 其中 and 上解部分 typed 0.51 (not the seed's 0.41):
    # 0.62 + 0.51 = 1.13 > 1.03, the task's 总额 and 财政拨款 on both sides
    over = [list(row) for row in rows]
    over[6] = [None, "其中：上解部分", None, None, 0.51, 0.51, 0, 0.51, 0.51, 0, "—", "100%", "—"]
    merges = ["E2:G2", "H2:J2", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "K2:K3", "L2:L3", "M2:M3", "A4:A12", "A13:D13"]
    return Case("m03_zz_tasks_union_fee_parts", "工会经费（留用部分）…0.62…工会经费（上解部分）…0.41…金额合计 559.03",
                {s: rows, s2: over},
                expect=[Expect(s2, f"{c}5", "SUBSET_EXCEEDS", "其中 0.62 + 0.51 = 1.13 > 工会经费 1.03")
                        for c in "EFHI"],
                quiet=[(s, "E13"), (s, "F13"), (s, "H13"), (s, "I13"), (s, "K13"), (s, "L13"), (s, "M13"),
                       (s, "E5"), (s, "H5"), (s, "E6"), (s, "E7"), (s, "L6"), (s2, "E13"), (s2, "H13"), (s2, "L13")],
                merges={s: merges, s2: merges}, resave=True)


def pzh_changes_parentheses_fullwidth() -> Case:
    """Seed 003 二/三/四: 一般公共预算财政拨款支出3694.77万元，占本年支出合计的99.86%，增加761.16万元，
    增长25.95% (prior 3694.77 − 761.16 = 2933.61; 761.16 ÷ 2933.61 = 25.946% → 25.95%); 政府性基金预算
    财政拨款支出5万元，占本年支出合计的0.13%，减少13.98万元，下降73.66% (prior 18.98; −13.98 ÷ 18.98 =
    −73.656% → −73.66%); 总计3699.77，增加747.17万元，增长25.31% (prior 2952.60: the seed's own, one cent
    over 2933.61 + 18.98 = 2952.59). The seed's own slip: 5 ÷ 3699.77 = 0.1351% → 0.14%, stated 0.13%.
    The decrease typed in parentheses, rates with full-width ％, a merged title over the table."""
    rows = [
        ["2024年度财政拨款支出决算变动情况（单位：万元）", None, None, None, None, None],
        ["项目", "上年数", "本年数", "增减额", "增减率", "占本年支出比重"],
        ["一般公共预算财政拨款支出", 2933.61, 3694.77, 761.16, "25.95％", "99.86％"],
        ["政府性基金预算财政拨款支出", 18.98, 5, "(13.98)", "-73.66％", "0.13％"],
        ["合计", 2952.60, 3699.77, 747.17, "25.31％", "100％"],
    ]
    s = "支出变动"
    return Case("m04_pzh_changes_parentheses_fullwidth", "政府性基金预算财政拨款支出5万元，占本年支出合计的0.13%…减少13.98万元，下降73.66%",
                {s: rows},
                expect=[Expect(s, "F4", "RATE_MISMATCH", "5 ÷ 3699.77 = 0.1351% → 0.14%, stated 0.13%")],
                # D5: 761.16 − 13.98 = 747.18 against the seed's 747.17 (its 2952.60 is one cent over
                # its lines): a rounding info, no error
                quiet=[(s, "D3"), (s, "E3"), (s, "F3"), (s, "D4"), (s, "E4"), (s, "C5"), (s, "E5"), (s, "F5")],
                merges={s: ["A1:F1"]}, resave=True)


def pzh_sangong_wanyuan_in_cells() -> Case:
    """Seed 003 七: “三公”经费财政拨款支出决算为0.67万元，完成预算100%，较上年度增加0.21万元，增长45.65%
    (prior 0.46; 0.21 ÷ 0.46 = 45.652% → 45.65%): 因公出国（境）0, 公务用车 0, 公务接待 0.67 (each the
    whole 三公 figure, so each line's prior is the 合计's). Every figure typed with 万元 in the cell."""
    rows = [
        ["“三公”经费支出决算情况"],
        ["项目", "2024年决算数", "2023年决算数", "增减额", "增减率"],
        ["因公出国（境）费", "0万元", "0万元", "0万元", None],
        ["公务用车购置及运行维护费", "0万元", "0万元", "0万元", None],
        ["公务接待费", "0.67万元", "0.46万元", "0.21万元", "45.65%"],
        ["合计", "0.67万元", "0.46万元", "0.21万元", "45.65%"],
    ]
    s = "三公经费"
    return Case("m05_pzh_sangong_wanyuan_in_cells", "“三公”经费财政拨款支出决算为0.67万元…较上年度增加0.21万元，增长45.65%",
                {s: rows},
                quiet=[(s, "B5"), (s, "C5"), (s, "D5"), (s, "E5"), (s, "B6"), (s, "C6"), (s, "D6"), (s, "E6"),
                       (s, "B3"), (s, "D3")])


def pzh_running_costs_one_row() -> Case:
    """Seed 003 十(一): 机关运行经费支出237.47万元，比2023年度增加170.84万元，增长256.4% (prior 66.63;
    170.84 ÷ 66.63 = 256.40%). A one-row comparison under a title merged over its columns, the
    rate typed `256.4％`. Below it seed 003 七(三) 公务接待: 国内公务接待7批次，56人次，0.67万元."""
    rows = [
        ["机关运行经费支出情况", None, None, None, None],
        ["单位：万元", None, None, None, None],
        ["项目", "2023年度", "2024年度", "增加额", "增长率"],
        ["机关运行经费", 66.63, 237.47, 170.84, "256.4％"],
    ]
    s = "机关运行经费"
    return Case("m06_pzh_running_costs_one_row", "机关运行经费支出237.47万元，比2023年度增加170.84万元，增长256.4%",
                {s: rows}, quiet=[(s, "D4"), (s, "E4"), (s, "B4"), (s, "C4")],
                merges={s: ["A1:E1", "A2:E2"]}, resave=True)


def suinan_table4_text_scores() -> Case:
    """Seed 004 表4: 部门决策 15 14 93.33 (14 ÷ 15 = 93.333%), 部门过程 24 22 91.67, 部门产出 33 33 100,
    部门效益 28 28 100, 合计 100 97 97; 评价等级 优 (97 ≥ 90). Scores typed `14分`, 得分率 with a
    full-width ％, a title merged over the columns. Not the seed's: 部门过程's 得分率 typed 96.67％
    (22 ÷ 24 = 91.67%)."""
    rows = [
        ["表4：部门总得分情况", None, None, None],
        ["一级指标", "分值", "得分", "得分率"],
        ["部门决策", "15分", "14分", "93.33％"],
        ["部门过程", "24分", "22分", "96.67％"],
        ["部门产出", "33分", "33分", "100％"],
        ["部门效益", "28分", "28分", "100％"],
        ["合计", "100分", "97分", "97％"],
        ["评价等级", "优", None, None],
    ]
    s = "表4"
    return Case("m07_suinan_table4_text_scores", "部门决策 15 14 93.33 … 合计 100 97 97；评价结论为“优”", {s: rows},
                expect=[Expect(s, "D4", "RATE_MISMATCH", "22 ÷ 24 = 91.67%, stated 96.67％")],
                quiet=[(s, "D3"), (s, "D5"), (s, "B7"), (s, "C7"), (s, "D7"), (s, "B8"), (s, "C3")],
                merges={s: ["A1:D1"]}, resave=True)


def suinan_table5_text_scores() -> Case:
    """Seed 004 表5: 决策（15） 目标设定（9） 年度绩效目标合理性 3 3 100, 年度绩效指标明确性 4 4 100,
    年度工作计划明确性 2 1 50; 预算配置（6） 编制人员控制率 2 2 100, 临聘人员控制率 2 2 100, 重点支出安排率
    2 2 100; 合计 15 14 93.33% (3 + 4 + 2 + 2 + 2 + 2 = 15; 3 + 4 + 1 + 2 + 2 + 2 = 14; 14 ÷ 15 =
    93.333%). The seed's own slip: 目标设定（9） over 3 + 4 + 2 = 9 ✓. Scores typed `3分`, the
    得分率 header `得分率（%）` over bare numbers."""
    rows = [
        ["表5：评价指标相关性分析、指标设计和分值设计", None, None, None, None, None],
        ["一级指标", "二级指标", "三级指标", "分值", "得分", "得分率（%）"],
        ["决策（15）", "目标设定（9）", "年度绩效目标合理性", "3分", "3分", 100],
        [None, None, "年度绩效指标明确性", "4分", "4分", 100],
        [None, None, "年度工作计划明确性", "2分", "1分", 50],
        [None, "预算配置（6）", "编制人员控制率", "2分", "2分", 100],
        [None, None, "临聘人员控制率", "2分", "2分", 100],
        [None, None, "重点支出安排率", "2分", "2分", 100],
        ["合计", None, None, "15分", "14分", 93.33],
    ]
    s = "表5"
    return Case("m08_suinan_table5_text_scores", "决策（15）目标设定（9）…合计 15 14 93.33%", {s: rows},
                quiet=[(s, "F5"), (s, "D9"), (s, "E9"), (s, "F9"), (s, "B3"), (s, "B6"), (s, "E5")],
                merges={s: ["A1:F1", "A3:A8", "B3:B5", "B6:B8", "A9:C9"]}, resave=True)


def zz_self_eval_unit_column() -> Case:
    """Seed 001 年度绩效指标完成情况 (the 产出 and 满意度 rows): 财政供养人员 12 12 5 5, 工会发放礼品
    ≥23 份 23 5 5, 招聘次数 ≥2 次 10 5 5, 宣传次数 ≥5 次 10 5 5, 档案管理份数 ≥6000 6000 5 5, 上解率
    100% 5 5, 资金合规率 100% 5 5, 高质量完成 100% 100% 5 4, 服务对象满意度 ≥90% 98% 10 9. The unit
    split off into a 计量单位 column. The seed's own: 高质量完成 met in full yet 4 of 5; 满意度 98% ≥
    90% yet 9 of 10; 招聘次数 10 of ≥2 (500%), 宣传次数 10 of ≥5 (200%)."""
    rows = [
        ["子洲县2024年度部门整体支出绩效自评表（绩效指标）"],
        ["一级指标", "二级指标", "指标内容", "年度指标值", "计量单位", "实际完成值", "分值", "得分"],
        ["产出指标（40分）", "数量指标", "财政供养人员", 12, "人", 12, 5, 5],
        [None, None, "工会发放礼品", "≥23", "份", 23, 5, 5],
        [None, None, "招聘次数", "≥2", "次", 10, 5, 5],
        [None, None, "宣传次数", "≥5", "次", 10, 5, 5],
        [None, "质量指标", "档案管理份数", "≥6000", "份", 6000, 5, 5],
        [None, None, "上解率", "100", "%", 100, 5, 5],
        [None, None, "资金合规率", "100", "%", 100, 5, 5],
        [None, None, "高质量完成", "100", "%", 100, 5, 4],
        ["满意度指标（10分）", "服务对象满意度指标", "服务对象满意度", "≥90", "%", 98, 10, 9],
    ]
    s = "绩效指标"
    return Case("m09_zz_self_eval_unit_column", "高质量完成 100% 100% 5 4；服务对象满意度 ≥90% 98% 10 9", {s: rows},
                expect=[Expect(s, "H10", "SCORE_MISMATCH", "100 of 100 met: 5, stated 4"),
                        Expect(s, "H11", "SCORE_MISMATCH", "98 ≥ 90 met: 10, stated 9"),
                        Expect(s, "F5", "OVER_TARGET", "10 of ≥2 次: 500% ≥ 120%"),
                        Expect(s, "F6", "OVER_TARGET", "10 of ≥5 次: 200% ≥ 120%")],
                quiet=[(s, "H3"), (s, "H4"), (s, "H7"), (s, "H8"), (s, "F4"), (s, "F7"), (s, "D3")],
                merges={s: ["A3:A10", "B3:B6", "B7:B10"]})


def zz_loans_wanyuan_in_cells() -> Case:
    """Seed 001 §5: 创业担保贷款 77 笔 2964 万元（个人贷款 71 笔 1514 万元；小微企业贷款 6 笔 1450 万元）:
    71 + 6 = 77, 1514 + 1450 = 2964; 其中向脱贫户发放贷款 12 笔 233 万元. Counts and amounts typed
    with their units in the cells (`71笔`, `1514万元`)."""
    rows = [
        ["创业担保贷款发放情况", None, None],
        ["贷款类别", "笔数", "金额"],
        ["个人贷款", "71笔", "1514万元"],
        ["小微企业贷款", "6笔", "1450万元"],
        ["合计", "77笔", "2964万元"],
        ["其中：向脱贫户发放", "12笔", "233万元"],
    ]
    s = "创业贷款"
    return Case("m10_zz_loans_wanyuan_in_cells", "已发放创业担保贷款 77 笔 2964 万元（个人贷款 71 笔 1514 万元；小微企业贷款 6 笔 1450 万元）",
                {s: rows}, quiet=[(s, "B3"), (s, "C3"), (s, "B5"), (s, "C5"), (s, "B6"), (s, "C6")],
                merges={s: ["A1:C1"]})


def pzh_budget_final_with_total() -> Case:
    """Seed 003 附件1 二(二): 年初预算支出1742.64万元、决算数为3699.77万元。其中：人员经费年初预算数为
    1383.81万元，决算数为1144.18万元；公用经费85.44 / 237.47；项目经费273.4 / 2318.12. A 合计 row below
    (the seed's 1742.64 where the lines add to 1742.65 — one cent — and 3699.77 ✓), 增减额 决算 − 预算
    with the decreases in parentheses: 1144.18 − 1383.81 = −239.63 → (239.63); 237.47 − 85.44 =
    152.03; 2318.12 − 273.4 = 2044.72; 3699.77 − 1742.64 = 1957.13. Not the seed's: the 公用经费
    difference typed (152.03) — a decrease where the figure rose."""
    rows = [
        ["2024年度预算与决算对比表", None, None, None],
        ["项目", "年初预算数", "决算数", "增减额"],
        ["人员经费", 1383.81, 1144.18, "(239.63)"],
        ["公用经费", 85.44, 237.47, "(152.03)"],
        ["项目经费", 273.4, 2318.12, 2044.72],
        ["合计", 1742.64, 3699.77, 1957.13],
    ]
    s = "预决算对比"
    return Case("m11_pzh_budget_final_with_total", "年初预算支出1742.64万元、决算数为3699.77万元。其中：人员经费年初预算数为1383.81万元，决算数为1144.18万元",
                {s: rows},
                expect=[Expect(s, "D4", "SUM_MISMATCH", "237.47 − 85.44 = 152.03, stated (152.03) = −152.03")],
                quiet=[(s, "D3"), (s, "D5"), (s, "C6"), (s, "C3")],
                merges={s: ["A1:D1"]}, resave=True)


def suinan_wjx_fullwidth_percent() -> Case:
    """Seed 004 附件2 第3题: A 5 83.33%, B 1 16.67%, of 6 (5 ÷ 6 = 83.333%, 1 ÷ 6 = 16.667%), typed
    with full-width ％ and the counts as `5人`."""
    rows = [
        ["第3题 您对人社局工作人员的服务态度是否满意"],
        ["选项", "小计", "比例"],
        ["A.满意", "5人", "83.33％"],
        ["B.比较满意", "1人", "16.67％"],
        ["本题有效填写人次", "6人", None],
    ]
    s = "问卷"
    return Case("m12_suinan_wjx_fullwidth_percent", "第3题 A 5 83.33% B 1 16.67% 本题有效填写人次 6", {s: rows},
                quiet=[(s, "B3"), (s, "C3"), (s, "B4"), (s, "C4"), (s, "B5")])


def taojiang_meeting_training_negative() -> Case:
    """Seed 002 (2)(3): 2024年会议费16730元，2023年会议费19268元，比上年-2538元; 培训费15361元，2023年
    19380元，比上年-4019元 (16730 − 19268 = −2538 ✓, 15361 − 19380 = −4019 ✓). The decreases in
    parentheses, a 合计 row: 32091, 38648, (6557) — sums of the seed's two lines. Not the seed's:
    增减率 computed here, −2538 ÷ 19268 = −13.17%, −4019 ÷ 19380 = −20.74%, −6557 ÷ 38648 = −16.97%."""
    rows = [
        ["会议费、培训费支出对比（元）", None, None, None, None],
        ["项目", "2024年", "2023年", "比上年增减", "增减率"],
        ["会议费", 16730, 19268, "(2538)", "(13.17%)"],
        ["培训费", 15361, 19380, "(4019)", "-20.74％"],
        ["合计", 32091, 38648, "(6557)", "-16.97%"],
    ]
    s = "会议培训"
    return Case("m13_taojiang_meeting_training_negative", "2024年会议费16730元，2023年会议费19268元，比上年-2538元", {s: rows},
                quiet=[(s, "D3"), (s, "E3"), (s, "D4"), (s, "E4"), (s, "B5"), (s, "C5"), (s, "D5"), (s, "E5")],
                merges={s: ["A1:E1"]}, resave=True)


def suinan_table6_as_printed_text_scores() -> Case:
    """Seed 004 表6 exactly as its text prints it: the 二级 names 资金管理 (6) and 资产管理 (4) in
    the first column (the 一级 column), a blank row inside the table after 项目资金结余率, scores
    typed `2分`, 得分率 with a full-width ％. 预算执行（12）: 3 + 3 + 2 + 1 + 1 + 2 = 12 ✓; the seed's
    own slip: 资金管理 (6) over 财务管理制度健全性 2 + 资金使用合规性 2 + 预决算信息公开性 2 +
    资产管理制度健全性 2 = 8; 资产管理 (4): 2 + 2 = 4 ✓; 合计 24 22 91.67% (22 ÷ 24 = 91.667%)."""
    rows = [
        ["表6：评价指标相关性分析、指标设计和分值设计", None, None, None, None, None],
        ["一级指标", "二级指标", "三级指标", "分值", "得分", "得分率%"],
        ["过程（24）", "预算执行（12）", "基本支出预算执行率", "3分", "3分", "100％"],
        [None, None, "项目支出预算执行率", "3分", "3分", "100％"],
        [None, None, "预算调整率", "2分", "2分", "100％"],
        [None, None, "“三公经费”控制率", "1分", "0分", "0％"],
        [None, None, "项目资金结余率", "1分", "1分", "100％"],
        [],
        [None, None, "政府采购执行率", "2分", "2分", "100％"],
        ["资金管理 (6)", None, "财务管理制度健全性", "2分", "2分", "100％"],
        [None, None, "资金使用合规性", "2分", "2分", "100％"],
        [None, None, "预决算信息公开性", "2分", "2分", "100％"],
        [None, None, "资产管理制度健全性", "2分", "2分", "100％"],
        ["资产管理 (4)", None, "资产管理安全性", "2分", "2分", "100％"],
        [None, None, "档案归存完备性", "2分", "1分", "50％"],
        ["合计", None, None, "24分", "22分", "91.67％"],
    ]
    # rows: 3-7 预算执行, 8 blank, 9 政府采购, 10-13 资金管理, 14-15 资产管理, 16 合计
    s = "表6"
    return Case("m14_suinan_table6_as_printed_text_scores", "资金管理 (6)\t\t财务管理制度健全性\t2\t2\t100 … 合计\t\t\t24\t22\t91.67%",
                {s: rows},
                expect=[Expect(s, "A10", "WEIGHT_SUM", "2 + 2 + 2 + 2 = 8 under 资金管理 (6)")],
                quiet=[(s, "B3"), (s, "A14"), (s, "D16"), (s, "E16"), (s, "F16"), (s, "F6"), (s, "F15"),
                       (s, "E6"), (s, "E15")],
                merges={s: ["A1:F1"]}, resave=True)


def zz_tasks_blank_other_funds_text_scores() -> Case:
    """Seed 001 年度主要任务 with the optional 其他资金 columns left blank (the seed types 0), the
    金额合计's 分值 and 得分 typed `10分`, 执行率 with a full-width ％: 40 + 0.62 + 0.41 + 378 + 20 +
    10 + 90 + 20 = 559.03. Not the seed's: 招聘工作经费's 执行率 typed 90％ where 90 ÷ 90 = 100%."""
    rows = [
        ["子洲县2024年度部门整体支出绩效自评表", None, None, None, None, None, None, None, None, None, None, None,
         None],
        ["年度", "任务名称", "主要内容", "完成情况", "全年预算数（万元）", None, None, "全年执行数（万元）", None, None,
         "分值", "执行率", "得分"],
        [None, None, None, None, "总额", "财政拨款", "其他资金", "总额", "财政拨款", "其他资金"],
    ]
    for i, (name, content, done, amount) in enumerate(TASKS):
        rate = "90％" if name == "招聘工作经费" else "100％"
        rows.append(["年度主要任务完成情况" if i == 0 else None, name, content, done, amount, amount, None,
                     amount, amount, None, None, rate, None])
    rows.append(["金额合计", None, None, None, 559.03, 559.03, None, 559.03, 559.03, None, "10分", "100％", "10分"])
    # rows: 4-11 tasks (10 招聘工作经费), 12 金额合计
    s = "主要任务"
    return Case("m15_zz_tasks_blank_other_funds_text_scores", "招聘工作经费…90 90 0 90 90 0 — 100% —；金额合计 559.03 … 10 100% 10",
                {s: rows},
                expect=[Expect(s, "L10", "RATE_MISMATCH", "90 ÷ 90 = 100%, stated 90％")],
                quiet=[(s, "E12"), (s, "H12"), (s, "K12"), (s, "L12"), (s, "M12"), (s, "G4"), (s, "J4"),
                       (s, "L4"), (s, "G12")],
                merges={s: ["A1:M1", "E2:G2", "H2:J2", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "K2:K3", "L2:L3",
                            "M2:M3", "A4:A11", "A12:D12"]})


def pzh_structure_wanyuan_in_cells() -> Case:
    """Seed 003 二/三: 本年收入合计3686.67万元 = 3681.67 (占99.86%) + 5 (占0.14%); 本年支出合计3699.77万元
    = 基本支出1381.65 (占37.34%) + 项目支出2318.12 (占62.66%): 3681.67 ÷ 3686.67 = 99.864%, 5 ÷
    3686.67 = 0.1356%, 1381.65 ÷ 3699.77 = 37.344%, 2318.12 ÷ 3699.77 = 62.656%. Amounts typed
    `3681.67万元`, shares `99.86％`, the totals last, a merged title, one blank row between."""
    rows = [
        ["2024年度收入支出决算结构", None, None],
        ["项目", "金额", "占比"],
        ["一般公共预算财政拨款收入", "3681.67万元", "99.86％"],
        ["政府性基金预算财政拨款收入", "5万元", "0.14％"],
        ["本年收入合计", "3686.67万元", "100％"],
        [],
        ["基本支出", "1381.65万元", "37.34％"],
        ["项目支出", "2318.12万元", "62.66％"],
        ["本年支出合计", "3699.77万元", "100％"],
    ]
    s = "收支结构"
    return Case("m16_pzh_structure_wanyuan_in_cells", "本年收入合计3686.67万元，其中：一般公共预算财政拨款收入3681.67万元，占99.86%",
                {s: rows},
                quiet=[(s, "B3"), (s, "C3"), (s, "C4"), (s, "B5"), (s, "C5"), (s, "B7"), (s, "C7"), (s, "C8"),
                       (s, "B9"), (s, "C9")],
                merges={s: ["A1:C1"]}, resave=True)


def zjc_rural_posts_units_in_cells() -> Case:
    """Seed 000 项目(6): 78个深度贫困村安排838人，每人每年1.2万元；64个贫困村569人，每人每年1万元；113个
    非贫困村972人，每人每年0.8万元 (838 × 1.2 = 1005.6, 569 × 1 = 569, 972 × 0.8 = 777.6; 1005.6 + 569 +
    777.6 = 2352.2; 838 + 569 + 972 = 2379; 78 + 64 + 113 = 255); 资金来源：省上292.8万元，县级衔接资金
    2059.4万元，共计2352.2万元 (292.8 + 2059.4 = 2352.2). Counts and money typed with their units."""
    rows = [
        ["2024年乡村公益性岗位安排及资金情况", None, None, None, None],
        ["村类别", "村数", "安排人数", "补贴标准", "资金"],
        ["深度贫困村", "78个", "838人", "1.2万元", "1005.6万元"],
        ["贫困村", "64个", "569人", "1万元", "569万元"],
        ["非贫困村", "113个", "972人", "0.8万元", "777.6万元"],
        ["合计", "255个", "2379人", None, "2352.2万元"],
        [],
        [],
        ["资金来源", "金额"],
        ["省级资金", "292.8万元"],
        ["县级衔接资金", "2059.4万元"],
        ["共计", "2352.2万元"],
    ]
    s = "公益性岗位"
    return Case("m17_zjc_rural_posts_units_in_cells", "其中78个深度贫困村安排838人，每人每年1.2万元…资金来源：省上292.8万元，县级衔接资金2059.4万元，共计2352.2万元",
                {s: rows},
                quiet=[(s, "B6"), (s, "C6"), (s, "E6"), (s, "E3"), (s, "D3"), (s, "B12"), (s, "B10")],
                merges={s: ["A1:E1"]})


def taojiang_dept_funds_text_scores() -> Case:
    """Seed 002 附件2 年度资金总额 979.39 1715.12 1696.51 10 98.91% 9.89 (1696.51 ÷ 1715.12 = 98.915% →
    98.91%), typed under a title merged over the form, 分值 `10分`, 执行率 `98.91％`, the 按收入性质 /
    按支出性质 rows left blank (optional). Not the seed's: the 得分 typed `9.98分` (two digits swapped)
    where min(0.98915, 1) × 10 = 9.89."""
    rows = [
        ["桃江县2024年度部门整体支出绩效自评表", None, None, None, None, None, None, None],
        ["县级预算部门、单位名称", "桃江县人力资源和社会保障局", None, None, None, None, None, None],
        ["年度预算申请（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "自评得分"],
        [None, "年度资金总额", 979.39, 1715.12, 1696.51, "10分", "98.91％", "9.98分"],
        [None, "其中：一般公共预算", None, None, None],
        [None, "政府性基金拨款", None, None, None],
        [None, "其他资金", None, None, None],
        [None, "基本支出", None, None, None],
        [None, "项目支出", None, None, None],
    ]
    s = "部门自评"
    return Case("m18_taojiang_dept_funds_text_scores", "年度资金总额 979.39 1715.12 1696.51 10 98.91% 9.89", {s: rows},
                expect=[Expect(s, "H4", "SCORE_MISMATCH", "min(1696.51 ÷ 1715.12, 1) × 10 = 9.89, stated 9.98分")],
                quiet=[(s, "G4"), (s, "F4"), (s, "C4"), (s, "D4"), (s, "E4")],
                merges={s: ["A1:H1", "B2:H2", "A3:A9"]}, resave=True)


def zz_summary_total_label_text_scores() -> Case:
    """Seed 001 (三): 预算执行方面共 10 分，得 10 分；产出指标方面共 50 分，得 49 分；效益指标方面共 30 分，
    得 28 分，满意度指标共 10 分，得 9 分: 10 + 49 + 28 + 9 = 96 of 10 + 50 + 30 + 10 = 100; 自评得分为
    96 分，优秀等级 (≥ 90). A 评分汇总 with every figure typed `49分`, the total row labelled 总分, the
    grade on a 评价等级 row of its own."""
    rows = [
        ["子洲县人力资源和社会保障局2024年度整体支出绩效自评得分情况", None, None],
        ["一级指标", "分值", "得分"],
        ["预算执行", "10分", "10分"],
        ["产出指标", "50分", "49分"],
        ["效益指标", "30分", "28分"],
        ["满意度指标", "10分", "9分"],
        ["总分", "100分", "96分"],
        ["评价等级", "优秀", None],
    ]
    s = "自评得分"
    return Case("m19_zz_summary_total_label_text_scores", "预算执行方面共 10 分，得 10 分；产出指标方面共 50 分，得 49 分…自评得分为 96 分，优秀等级",
                {s: rows}, quiet=[(s, "B7"), (s, "C7"), (s, "B8"), (s, "C4"), (s, "C6")],
                merges={s: ["A1:C1"]})


def taojiang_sangong_parentheses() -> Case:
    """Seed 002 “三公经费”与年初预算、上年度收支情况对比说明（元）: 三公经费合计 60158 160000 99898 −39740
    −39.78%, 其中：1、公务接待费 the same (60158 − 99898 = −39740; −39740 ÷ 99898 = −39.781% →
    −39.78%). The form with its 说明 column, the decreases typed as an accountant does, `(39,740)`
    and `(39.78%)`, under a title merged over the table. Not the seed's: the 公务接待费 line's
    比上年增减 typed (39,470) (two digits swapped)."""
    rows = [
        ["“三公经费”与年初预算、上年度收支情况对比说明（元）", None, None, None, None, None, None],
        ["指标", "本年度", "年初预算", "上年度", "比上年增减", "比上年增减％", "说明"],
        ["三公经费合计", 60158, 160000, 99898, "(39,740)", "(39.78%)", "严格控制公务接待，超出部分不予报销。"],
        ["其中：1、公务接待费", 60158, 160000, 99898, "(39,470)", "(39.78%)", "严格控制公务接待，超出部分不予报销。"],
    ]
    s = "三公经费"
    return Case("m20_taojiang_sangong_parentheses", "三公经费合计 60158 160000 99898 -39740 -39.78%", {s: rows},
                expect=[Expect(s, "E4", "SUM_MISMATCH", "60158 − 99898 = −39740, stated (39,470)")],
                quiet=[(s, "E3"), (s, "F3"), (s, "F4"), (s, "B3"), (s, "B4")],
                merges={s: ["A1:G1"]}, resave=True)


CASES = [zjc_project_text_scores_unit_column, zjc_project_score_slip_text, zz_tasks_union_fee_parts,
         pzh_changes_parentheses_fullwidth, pzh_sangong_wanyuan_in_cells, pzh_running_costs_one_row,
         suinan_table4_text_scores, suinan_table5_text_scores, zz_self_eval_unit_column, zz_loans_wanyuan_in_cells,
         pzh_budget_final_with_total, suinan_wjx_fullwidth_percent, taojiang_meeting_training_negative,
         suinan_table6_as_printed_text_scores, zz_tasks_blank_other_funds_text_scores,
         pzh_structure_wanyuan_in_cells, zjc_rural_posts_units_in_cells, taojiang_dept_funds_text_scores,
         zz_summary_total_label_text_scores, taojiang_sangong_parentheses]
