"""Seed 004 (肃南) third-party evaluation tables and seed 001's own score summary: 表1/表2
spending details, 表4 评分汇总 with a 评价等级 row, 表5 detail, the 问卷星 export, the staff
control rate; and seed 001's 评分汇总 from its narrative."""
from __future__ import annotations

from fixtures import seeds

from .model import Case, Expect


def suinan_basic_spending() -> Case:
    """Seed 004 表1 部门基本资金支出 (元), the table of tests/fixtures/seeds.py: 人员经费 items
    add to 6337229.84, the 小计 says 6903098.13; 商品和服务 items add to 1077244.93, the 小计
    says 1082504.93; 对个人和家庭的补助 2880 + 0 + 271060.98 + 107480 + 55300.66 + 540 =
    437261.64 ✓. The 合计 adds the 小计 as stated."""
    s = "基本支出"
    return Case("s01_suinan_basic_spending", "8,422,900.00 | 6,903,098.13 | 1,897,180.00 | 基本工资 …",
                {s: seeds.seed004_basic_spending()[s]},
                expect=[Expect(s, "B11", "SUM_MISMATCH", "items 6337229.84, stated 6903098.13"),
                        Expect(s, "C26", "SUM_MISMATCH", "items 1077244.93, stated 1082504.93")],
                quiet=[(s, "B33"), (s, "B34"), (s, "C34")], resave=True)


def suinan_basic_spending_as_printed() -> Case:
    """Seed 004 表1 in its own layout: 财政拨款收入 | 小计 | 人员经费支出 | 商品和服务支出 | 支出明细,
    each group's 小计 on its first row (6,903,098.13 over items adding to 6337229.84;
    1,082,504.93 over 1077244.93; 437,261.64 ✓), and a 合计 row whose 小计 8,422,900.00 is not
    6903098.13 + 1082504.93 + 437261.64 = 8422864.70. The 人员/商品 column totals repeat the
    wrong 小计s: one fault each, found at the 小计."""
    personnel = [("基本工资", 1897180.00), ("津贴补贴", 1682523.00), ("奖金", 1036406.00),
                 ("基本养老保险缴费", 691431.68), ("基本医疗保险缴费", 233725.43), ("医疗补助缴费", 203286.76),
                 ("其他社会保障缴费", 24128.97), ("住房公积金", 568548.00)]
    goods = [("办公费", 210864.50), ("印刷费", 52216.60), ("电费", 21092.19), ("邮电费", 39337.70),
             ("取暖费", 88017.30), ("物业管理费", 0.00), ("差旅费", 149539.32), ("培训费", 0.00),
             ("公务接待费", 20000.00), ("专用材料费", 0.00), ("劳务费", 75900.00), ("工会经费", 97254.32),
             ("福利费", 136673.00), ("其他交通费用", 186350.00)]
    retired = [("退休费", 2880.00), ("退职（役）费", 0.00), ("抚恤金", 271060.98), ("生活补助", 107480.00),
               ("医疗费补助", 55300.66), ("奖励金", 540.00)]
    rows = [["部门基本资金支出"],
            ["财政拨款收入 (元)", "小计(元)", "人员经费支出 (元)", "商品和服务支出 (元)", "支出明细"]]
    for i, (n, v) in enumerate(personnel):
        rows.append(["8,422,900.00" if i == 0 else None, "6,903,098.13" if i == 0 else None, f"{v:,.2f}", None, n])
    for i, (n, v) in enumerate(goods):
        rows.append([None, "1,082,504.93" if i == 0 else None, None, f"{v:,.2f}", n])
    for i, (n, v) in enumerate(retired):
        rows.append([None, "437,261.64" if i == 0 else None, f"{v:,.2f}", None, n])
    rows.append(["合计", "8,422,900.00", "7,340,359.77", "1,082,504.93", None])
    s = "表1原样"
    return Case("s09_suinan_basic_spending_as_printed", "8,422,900.00 | 6,903,098.13 | 1,897,180.00 | | 基本工资 …"
                "合计 8,422,900.00 7,340,359.77 1,082,504.93", {s: rows},
                expect=[Expect(s, "B3", "SUM_MISMATCH", "8 items add to 6337229.84, 小计 6903098.13"),
                        Expect(s, "B11", "SUM_MISMATCH", "14 items add to 1077244.93, 小计 1082504.93"),
                        Expect(s, "B31", "SUM_MISMATCH", "小计s add to 8422864.70, 合计 8422900.00")],
                quiet=[(s, "B25"), (s, "C31"), (s, "D31"), (s, "A3")],
                merges={s: ["A3:A30", "B3:B10", "B11:B24", "B25:B30"]}, resave=True)


def zz_summary_without_rate() -> Case:
    """Seed 001 (三) again, as a 表4 of 分值 and 得分 only, with a 评价等级 row saying 良 for
    96 (90 分以上为优; the seed itself writes 优秀等级) — a slip, not the seed's."""
    rows = [["自评得分汇总"],
            ["一级指标", "分值", "得分"],
            ["预算执行", 10, 10], ["产出指标", 50, 49], ["效益指标", 30, 28], ["满意度指标", 10, 9],
            ["合计", 100, 96],
            ["评价等级", "良"]]
    s = "得分"
    return Case("s10_zz_summary_without_rate", "本次整体绩效自评满分 100 分，自评得分为 96 分，优秀等级", {s: rows},
                expect=[Expect(s, "B8", "GRADE_MISMATCH", "96 ≥ 90: 优, typed 良")],
                quiet=[(s, "C7"), (s, "B7"), (s, "C6")])


PROJECTS = [(87000.00, "其他组织事务支出"), (43580.00, "行政运行"), (149386.30, "一般行政管理事务"),
            (40000.00, "信息化建设"), (1637117.17, "其他人力资源和社会保障事务支出"), (8488581.53, "行政单位离退休"),
            (19000000.00, "对机关事业单位基本养老保险基金的补助"), (8828635.19, "就业创业服务补贴"),
            (8000.00, "社会保险补贴"), (986640.00, "公益性岗位补贴"), (4793696.25, "其他就业补助支出"),
            (1627202.10, "死亡抚恤"), (980000.00, "财政对企业职工基本养老保险基金的补助"),
            (10206645.00, "财政对城乡居民基本养老保险基金的补助"), (544220.00, "财政代缴城乡居民基本养老保险费支出"),
            (266250.00, "其他社会保障和就业支出"), (474636.00, "财政对城乡居民基本医疗保险基金的补助"),
            (7722.00, "行政运行"), (2477.00, "一般行政管理事务"), (137356.00, "医疗保障管理事务支出"),
            (15636.66, "老龄卫生健康事务"), (0.00, "机关事业单位职业年金缴费支出"),
            (29660.00, "其他巩固脱贫攻坚成果衔接乡村振兴支出"), (1530000.00, "创业担保贷款贴息及奖补"),
            (14500.00, "国有企业退休人员社会化管理补助支出")]


def suinan_project_spending() -> Case:
    """Seed 004 表2 部门项目支出明细表 (元): its 25 lines add to 59898941.20; the 合计 says
    60,055,806.20 — the 摘要's copy of the same table has 其他医疗保障管理事务支出 156,875.00 and
    老龄 15,626.66 (that copy adds to 60055806.20): 表2 dropped a line and mistyped another."""
    rows = [["表2：部门项目支出明细表"], ["下达资金", "支出金额", "项目支出明细"]]
    for i, (amount, name) in enumerate(PROJECTS):
        rows.append(["60,055,806.20" if i == 0 else None, f"{amount:,.2f}", name])
    rows.append(["合计", "60,055,806.20", None])
    s = "表2"
    return Case("s02_suinan_project_spending", "表 2：部门项目支出明细表 … 合计 60,055,806.20", {s: rows},
                expect=[Expect(s, "B28", "SUM_MISMATCH", "25 lines add to 59898941.20, stated 60055806.20")],
                quiet=[(s, "A3"), (s, "B9"), (s, "B3"), (s, "B24")],
                merges={s: ["A3:A27"]})


def suinan_summary_grade() -> Case:
    """Seed 004 表4: 部门决策 15 14 (14 ÷ 15 = 93.33%), 部门过程 24 22 (91.67%), 产出 33 33,
    效益 28 28, 合计 100 97; typed with 得分率 mixing text and fractions, and a 评价等级 row
    that says 良 for 97 (90（含）-100分为优)."""
    rows = [["表4：部门总得分情况"],
            ["一级指标", "分值", "得分", "得分率"],
            ["部门决策", 15, 14, "93.33%"],
            ["部门过程", 24, 22, 0.9167],
            ["部门产出", 33, 33, 1],
            ["部门效益", 28, 28, "100%"],
            ["合计", 100, 97, 0.97],
            ["评价等级", "良"]]
    s = "表4"
    return Case("s03_suinan_summary_grade", "综合评价结论 评价得分 97分 评价等级 优；等级划分为四档：90（含）-100分为优",
                {s: rows}, expect=[Expect(s, "B8", "GRADE_MISMATCH", "97 ≥ 90: 优, stated 良")],
                quiet=[(s, "D3"), (s, "D4"), (s, "D5"), (s, "D6"), (s, "D7"), (s, "C7"), (s, "B7"), (s, "A8")])


def suinan_detail_table5() -> Case:
    """Seed 004 表5: 决策（15）: 目标设定（9） 3 3 / 4 4 / 2 1 (50), 预算配置（6） 2 2 ×3; 合计 15 14
    93.33% — 得分率% in percent units beside a 93.33% text total."""
    rows = [["表5：评价指标相关性分析、指标设计和分值设计"],
            ["一级指标", "二级指标", "三级指标", "分值", "得分", "得分率%"],
            ["决策（15）", "目标设定（9）", "年度绩效目标合理性", 3, 3, 100],
            [None, None, "年度绩效指标明确性", 4, 4, 100],
            [None, None, "年度工作计划明确性", 2, 1, 50],
            [None, "预算配置（6）", "编制人员控制率", 2, 2, 100],
            [None, None, "临聘人员控制率", 2, 2, 100],
            [None, None, "重点支出安排率", 2, 2, 100],
            ["合计", None, None, 15, 14, "93.33%"]]
    s = "表5"
    return Case("s04_suinan_detail_table5", "合计 15 14 93.33%", {s: rows},
                quiet=[(s, "D9"), (s, "E9"), (s, "F9"), (s, "F5"), (s, "A3"), (s, "B3")],
                merges={s: ["A3:A8", "B3:B5", "B6:B8"]})


def suinan_questionnaire_wjx() -> Case:
    """Seed 004 附件2 exported from 问卷星: each question with 本题有效填写人次. 第3题: A 5
    (83.33%), B 1 (16.67%) of 6. 第4题 typed from the seed's 6 of 6 with B's count slipped to
    a 1 beside its 0% — the counts then add to 7 ≠ 6 填写人次 (a typing slip, not the seed's)."""
    rows = [["2023年肃南县人力资源和社会保障局部门整体支出绩效评价调查问卷（工作人员）"]]
    qs = [("第3题 您认为本部门资金管理制度的健全程度如何： [单选题]", ["A非常健全", "B比较健全", "C基本健全", "D不太健全"],
           [5, 1, 0, 0], ["83.33%", "16.67%", "0%", "0%"]),
          ("第4题 您认为本部门对于财政资金决算情况公示的透明化程度： [单选题]",
           ["A非常透明", "B比较透明", "C透明化程度一般", "D不太透明"], [6, 1, 0, 0], ["100%", "0%", "0%", "0%"])]
    for title, options, counts, shares in qs:
        rows.append([title])
        rows.append(["选项", "小计", "比例"])
        for o, c, sh in zip(options, counts, shares):
            rows.append([o, c, sh])
        rows.append(["本题有效填写人次", 6, None])
        rows.append([])
    s = "问卷"
    # rows: 2 title, 3 header, 4-7 A-D, 8 填写人次, 9 blank; 10 title, 11 header, 12-15, 16 填写人次
    return Case("s05_suinan_questionnaire_wjx", "第3题 … A非常健全 5 83.33% B比较健全 1 16.67%", {s: rows},
                expect=[Expect(s, "B16", "SUM_MISMATCH", "6 + 1 + 0 + 0 = 7 answers, 本题有效填写人次 6")],
                quiet=[(s, "C4"), (s, "C5"), (s, "B8"), (s, "C12"), (s, "C13")])


def suinan_questionnaire_plain_options() -> Case:
    """Seed 004 附件2 第5题 typed without the option letters: 极大促进 6 of 6 (100%), the rest
    0; the 6 respondents in 本题有效填写人次; 第6题 likewise, with C's 0 shown as 16.67% (a slip)."""
    rows = [["部门整体支出绩效评价调查问卷（工作人员）"],
            ["第5题 您认为本部门工作对全县人力资源和社会保障资源的监督管理的促进作用如何： [单选题]"],
            ["选项", "小计", "比例"],
            ["极大促进", 6, "100%"], ["一定程度上促进", 0, "0%"], ["促进效果不明显", 0, "0%"], ["没有促进", 0, "0%"],
            ["本题有效填写人次", 6, None],
            [],
            ["第6题 您认为本部门工作对以民为本，人才优先的工作主线提升效果如何： [单选题]"],
            ["选项", "小计", "比例"],
            ["极大提升", 6, "100%"], ["一定程度上提升", 0, "0%"], ["提升效果不明显", 0, "16.67%"], ["没有提升", 0, "0%"],
            ["本题有效填写人次", 6, None]]
    s = "问卷"
    return Case("s11_suinan_questionnaire_plain_options", "第5题 … A极大促进 6 100% B一定程度上促进 0 0%", {s: rows},
                expect=[Expect(s, "C14", "RATE_MISMATCH", "0 of 6 = 0%, shown 16.67%")],
                quiet=[(s, "C4"), (s, "B8"), (s, "C12"), (s, "B16")])


def suinan_staff() -> Case:
    """Seed 004: 核定人员编制44名…在职人员43人。在职人员控制率为97.72% — 43 ÷ 44 = 97.727%, so
    97.73% rounded half up: truncated (a warning)."""
    rows = [["财政供养人员情况（人）", "编制数", "实际在职人数", "控制率"], [None, 44, 43, "97.72%"]]
    s = "附件1"
    return Case("s06_suinan_staff", "在职人员43人。在职人员控制率为97.72%", {s: rows},
                expect=[Expect(s, "D2", "RATE_MISMATCH", "43 ÷ 44 = 97.727% → 97.73%: warning")])


def zz_summary() -> Case:
    """Seed 001 (三): 预算执行方面共 10 分，得 10 分；产出指标方面共 50 分，得 49 分；效益指标方面共
    30 分，得 28 分，满意度指标共 10 分，得 9 分 — 96 分，优秀等级; the 满意度 得分 typed 19 (a
    slip of the keyboard, not the seed's): over its 10 points."""
    rows = [["单位整体支出绩效自评得分汇总"],
            ["一级指标", "分值", "得分", "得分率"],
            ["预算执行", 10, 10, "100%"],
            ["产出指标", 50, 49, "98%"],
            ["效益指标", 30, 28, "93.33%"],
            ["满意度指标", 10, 19, "90%"],
            ["合计", 100, 96, "96%"],
            ["等级", "优"]]
    s = "得分汇总"
    return Case("s07_zz_summary", "本次整体绩效自评满分 100 分，自评得分为 96 分，优秀等级", {s: rows},
                expect=[Expect(s, "C6", "SCORE_OVER_WEIGHT", "19 > 10")],
                quiet=[(s, "C7"), (s, "B7"), (s, "D6"), (s, "D7"), (s, "B8"), (s, "D5")])


def suinan_detail_table6() -> Case:
    """Seed 004 表6 as printed: 资金管理 (6) over 财务管理制度健全性 2, 资金使用合规性 2,
    预决算信息公开性 2 and 资产管理制度健全性 2 = 8 (the seed's text gives 档案管理 3 and 资产管理
    4: the rows slipped a line); 过程（24） = 12 + 8 + 4 = 24; 合计 24 22 91.67% (22 ÷ 24)."""
    rows = [["表6：评价指标相关性分析、指标设计和分值设计"],
            ["一级指标", "二级指标", "三级指标", "分值", "得分", "得分率%"],
            ["过程（24）", "预算执行（12）", "基本支出预算执行率", 3, 3, 100],
            [None, None, "项目支出预算执行率", 3, 3, 100],
            [None, None, "预算调整率", 2, 2, 100],
            [None, None, "“三公经费”控制率", 1, 0, 0],
            [None, None, "项目资金结余率", 1, 1, 100],
            [None, None, "政府采购执行率", 2, 2, 100],
            [None, "资金管理 (6)", "财务管理制度健全性", 2, 2, 100],
            [None, None, "资金使用合规性", 2, 2, 100],
            [None, None, "预决算信息公开性", 2, 2, 100],
            [None, None, "资产管理制度健全性", 2, 2, 100],
            [None, "资产管理 (4)", "资产管理安全性", 2, 2, 100],
            [None, None, "档案归存完备性", 2, 1, 50],
            ["合计", None, None, 24, 22, "91.67%"]]
    s = "表6"
    return Case("s08_suinan_detail_table6", "资金管理 (6) 财务管理制度健全性 2 2 100 … 资产管理制度健全性 2 2 100；合计 24 22 91.67%",
                {s: rows}, expect=[Expect(s, "B9", "WEIGHT_SUM", "2 + 2 + 2 + 2 = 8 under 资金管理 (6)")],
                quiet=[(s, "A3"), (s, "B13"), (s, "D15"), (s, "E15"), (s, "F15"), (s, "F6"), (s, "F14")],
                merges={s: ["A3:A14", "B3:B8", "B9:B12", "B13:B14"]}, resave=True)


CASES = [suinan_basic_spending, suinan_project_spending, suinan_summary_grade, suinan_detail_table5,
         suinan_questionnaire_wjx, suinan_staff, zz_summary, suinan_detail_table6,
         suinan_basic_spending_as_printed, zz_summary_without_rate, suinan_questionnaire_plain_options]
