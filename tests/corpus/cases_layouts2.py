"""A second, independent set: the seeds' own tables typed in layouts the first cases do not
use — label column right of the figures, 序号 columns, units in a title line, in each
header or in a header row of their own, 元 beside 万元 columns, three-row headers, a 续表
with other header wording, totals first, 小计 per group plus 合计, 其中 nested twice, a blank
spacer row inside a table, merged label cells, two tables side by side or one under
another, 备注 text columns, 得分率 as text, 问卷星 exports with other wording, official
self-evaluation tables with extra (指标性质, 度量单位) or missing optional columns, figures
typed with full-width digits or thousands separators as text.

Every figure is the seed's unless the docstring says how it was derived (a prior year's
figure from the seed's own change, a sum the seed states). Where a case carries a mistake
that is not the seed's, its docstring says so. Row numbers in comments are 1-based sheet
rows, as the expected cells are."""
from __future__ import annotations

from .model import Case, Expect

P = "项目支出绩效自评表"


def zjc_income_expense_side_by_side() -> Case:
    """Seed 000 二: 收入合计5407.7539.59元,其中：财政拨款收入5324.059.19元、其他收入836948.4元;
    支出合计54077539.59元,其中：基本支出11531480.76元、项目支出42546058.83元
    (11531480.76 + 42546058.83 = 54077539.59 ✓). A 收支总表: 收入 left, 支出 right, side by
    side, the unit in a line of its own, totals first."""
    rows = [
        ["2024年度部门财政资金收支总表"],
        ["单位：元"],
        ["收入项目", "金额", None, "支出项目", "金额"],
        ["收入合计", "5407.7539.59", None, "支出合计", 54077539.59],
        ["其中：财政拨款收入", "5324.059.19", None, "其中：基本支出", 11531480.76],
        ["其他收入", 836948.4, None, "项目支出", 42546058.83],
    ]
    s = "收支总表"
    return Case(
        "l01_zjc_income_expense_side_by_side",
        "2024年度收入合计5407.7539.59元,其中：财政拨款收入5324.059.19元…支出合计54077539.59元", {s: rows},
        expect=[Expect(s, "B4", "BAD_NUMBER", "5407.7539.59: two decimal points"),
                Expect(s, "B5", "BAD_NUMBER", "5324.059.19: two decimal points")],
        quiet=[(s, "B6"), (s, "E4"), (s, "E5"), (s, "E6"), (s, "D4")],
    )


def zz_loans_and_insured_columns() -> Case:
    """Seed 001 §5: 创业担保贷款 77 笔 2964 万元（个人贷款 71 笔 1514 万元；小微企业贷款 6 笔
    1450 万元）: 71 + 6 = 77, 1514 + 1450 = 2964 — a total-first column, the unit in each row
    label. Below it, seed 001 (二) 1–3: 参保登记10248人，其中：在职人员6593人，退休人员3655人;
    10187人，其中在职7456人，离退休2731人; 城乡居民159229人，其中：参保缴费105356人，领取待遇
    53775人 (105356 + 53775 = 159131 ≤ 159229: 其中 columns are parts, not a split)."""
    rows = [
        ["2024年创业担保贷款发放情况"],
        ["项目", "合计", "个人贷款", "小微企业贷款"],
        ["发放笔数（笔）", 77, 71, 6],
        ["发放金额（万元）", 2964, 1514, 1450],
        [],
        ["参保类别", "参保人数（人）", "其中：在职", "其中：退休"],
        ["机关事业单位养老保险", 10248, 6593, 3655],
        ["城镇企业职工基本养老保险", 10187, 7456, 2731],
        ["城乡居民养老保险", 159229, 105356, 53775],
    ]
    s = "贷款与参保"
    return Case(
        "l02_zz_loans_and_insured_columns", "已发放创业担保贷款 77 笔 2964 万元（个人贷款 71 笔 1514 万元；小微企业贷款 6 笔 1450 万元）",
        {s: rows},
        quiet=[(s, "B3"), (s, "B4"), (s, "B7"), (s, "B8"), (s, "B9"), (s, "C9"), (s, "D9")],
    )


def zz_loans_two_row_header() -> Case:
    """Seed 001 §5 again, as a two-row header with merged tops (发放情况 over 笔数 | 金额), the
    合计 followed by its own 其中 row: 其中向脱贫户发放贷款 12 笔 233 万元 (≤ 77 and ≤ 2964)."""
    rows = [
        ["创业担保贷款发放情况"],
        ["贷款类别", "发放情况", None],
        [None, "笔数", "金额（万元）"],
        ["个人贷款", 71, 1514],
        ["小微企业贷款", 6, 1450],
        ["合计", 77, 2964],
        ["其中：向脱贫户发放", 12, 233],
    ]
    s = "创业贷款"
    return Case("l03_zz_loans_two_row_header", "其中向脱贫户发放贷款 12 笔 233 万元", {s: rows},
                quiet=[(s, "B6"), (s, "C6"), (s, "B7"), (s, "C7"), (s, "B3")],
                merges={s: ["A2:A3", "B2:C2"]}, resave=True)


def zz_contribution_proxy_fullwidth() -> Case:
    """Seed 001 §15: 为 4026 名低保对象代缴养老保险 201300 元；104 名特困人员 5200 元；590 名
    重度残疾人 59000 元，2 名退役军人 3600 元: 4026 + 104 + 590 + 2 = 4722 people, 201300 +
    5200 + 59000 + 3600 = 269100 元 (the seed states no total: the 合计 row is that sum). A 序号
    column, full-width digits and thousands separators typed as text, units in each header."""
    rows = [
        ["2024年城乡居民养老保险代缴情况"],
        ["序号", "代缴对象", "人数（人）", "代缴金额（元）", "人均标准（元/人）"],
        [1, "低保对象", "４０２６", "201,300", 50],
        [2, "特困人员", 104, "5,200", 50],
        [3, "重度残疾人", 590, "59,000", 100],
        [4, "退役军人", 2, "3,600", 1800],
        [None, "合计", "４７２２", "269,100", None],
    ]
    s = "代缴"
    return Case("l04_zz_contribution_proxy_fullwidth", "为 4026 名低保对象代缴养老保险 201300 元；为 104 名特困人员代缴养老保险 5200 元",
                {s: rows},
                quiet=[(s, "C3"), (s, "D3"), (s, "C7"), (s, "D7"), (s, "E6"), (s, "A3")])


def pzh_income_expense_totals_first() -> Case:
    """Seed 003 二/三: 本年收入合计3686.67万元，其中：一般公共预算财政拨款收入3681.67万元，占99.86%；
    政府性基金预算财政拨款收入5万元，占0.14% (3681.67 ÷ 3686.67 = 99.864%, 5 ÷ 3686.67 = 0.1356%);
    本年支出合计3699.77万元，其中：基本支出1381.65万元，占37.34%；项目支出2318.12万元，占62.66%
    (37.344%, 62.656%). Two blocks one under another, totals first, the unit in the title,
    占比 as numbers in a （%） column."""
    rows = [
        ["2024年度收入支出决算构成（单位：万元）"],
        ["项目", "决算数", "占比（%）"],
        ["本年收入合计", 3686.67, 100],
        ["一般公共预算财政拨款收入", 3681.67, 99.86],
        ["政府性基金预算财政拨款收入", 5, 0.14],
        [],
        ["本年支出合计", 3699.77, 100],
        ["基本支出", 1381.65, 37.34],
        ["项目支出", 2318.12, 62.66],
    ]
    s = "决算构成"
    return Case("l05_pzh_income_expense_totals_first", "本年收入合计3686.67万元，其中：一般公共预算财政拨款收入3681.67万元，占99.86%",
                {s: rows},
                quiet=[(s, "B3"), (s, "C3"), (s, "C4"), (s, "C5"), (s, "B7"), (s, "C7"), (s, "C8"), (s, "C9")],
                resave=True)


def pzh_function_share_label_right() -> Case:
    """Seed 003 五(二): 教育支出1000万元，占27.07%；社会保障和就业支出2525.88万元，占68.36%；卫生
    健康支出90.6万元，占2.45%；住房保障支出78.29万元，占2.14% — 78.29 ÷ 3694.77 = 2.1189% →
    2.12%. The label column right of the figures, a 序号 column of 一二三四."""
    rows = [
        ["一般公共预算财政拨款支出决算结构"],
        ["序号", "支出决算（万元）", "占比", "功能分类科目"],
        ["一", 1000, "27.07%", "教育支出"],
        ["二", 2525.88, "68.36%", "社会保障和就业支出"],
        ["三", 90.6, "2.45%", "卫生健康支出"],
        ["四", 78.29, "2.14%", "住房保障支出"],
        [None, 3694.77, "100.00%", "合计"],
    ]
    s = "功能分类"
    return Case("l06_pzh_function_share_label_right", "住房保障支出78.29万元，占2.14%", {s: rows},
                expect=[Expect(s, "C6", "RATE_MISMATCH", "78.29 ÷ 3694.77 = 2.1189% → 2.12%, stated 2.14%")],
                quiet=[(s, "C3"), (s, "C4"), (s, "C5"), (s, "B7"), (s, "C7"), (s, "A3")])


PZH_CLASSES = [
    ("教育支出", [("其他教育支出", 1000)], 1000),
    ("社会保障和就业支出", [("行政运行", 511.68), ("信息化建设", 4.2), ("社会保险经办机构", 90.04),
                            ("劳动关系和维权", 1), ("劳动人事争议调解仲裁", 2), ("引进人才费用", 12.11),
                            ("事业运行", 213.07), ("其他人力资源和社会保障管理事务支出", 334.39),
                            ("行政单位离退休", 39.56), ("机关事业单位基本养老保险缴费支出", 93.05),
                            ("机关事业单位职业年金缴费支出", 13.76), ("其他就业补助支出", 1204.01),
                            ("财政代缴城乡居民基本养老保险费支出", 7.01)], 2525.88),
    ("卫生健康支出", [("行政单位医疗", 34.12), ("事业单位医疗", 18.44), ("公务员医疗补助", 28.56),
                      ("其他行政事业单位医疗支出", 9.48)], 90.6),
    ("住房保障支出", [("住房公积金", 78.29)], 78.29),
]


def pzh_subtotals_per_class() -> Case:
    """Seed 003 五(三) grouped by 类 with a 小计 per class and a 合计: the 19 项 lines, each
    决算数等于预算数 (完成预算100%); the class sums are the seed's 五(二) figures (1000, 2525.88,
    90.6, 78.29 — 511.68 + … + 7.01 = 2525.88 ✓, 34.12 + 18.44 + 28.56 + 9.48 = 90.6 ✓), and
    合计 3694.77. The 类 label merged down its rows."""
    rows = [["2024年度一般公共预算财政拨款支出决算明细（万元）"],
            ["类", "项", "预算数", "决算数", "完成预算"]]
    merges = []
    quiet = []
    for cls, items, subtotal in PZH_CLASSES:
        first = len(rows) + 1
        for i, (name, amount) in enumerate(items):
            rows.append([cls if i == 0 else None, name, amount, amount, "100%"])
        rows.append([None, "小计", subtotal, subtotal, "100%"])
        last = len(rows)
        if last > first:
            merges.append(f"A{first}:A{last}")
        quiet += [("决算明细", f"C{last}"), ("决算明细", f"D{last}")]
    rows.append(["合计", None, 3694.77, 3694.77, "100%"])
    # rows: 3-4 教育, 5-18 社保 (18 小计), 19-23 卫生 (23 小计), 24-25 住房, 26 合计
    s = "决算明细"
    quiet += [(s, "C26"), (s, "D26"), (s, "E26"), (s, "E5")]
    return Case("l07_pzh_subtotals_per_class", "社会保障和就业支出2525.88万元…2024年度一般公共预算财政拨款支出决算数为3694.77",
                {s: rows}, quiet=quiet, merges={s: merges}, resave=True)


def pzh_budget_final_three_row_header() -> Case:
    """Seed 003 附件1 二(二): 年初预算支出1742.64万元、决算数为3699.77万元。其中：人员经费年初预算数为
    1383.81万元，决算数为1144.18万元；公用经费85.44 / 237.47；项目经费273.4 / 2318.12. The budgets
    add to 1383.81 + 85.44 + 273.4 = 1742.65, stated 1742.64 (one cent over three items: an
    info); the finals add to 3699.77 ✓. 执行率 = 决算 ÷ 预算, computed here (the seed states
    none): 82.68%, 277.94%, 847.89%, 212.31%. A three-row header: the year merged over the
    columns, their names, their units."""
    rows = [
        ["2024年度部门支出预算与决算对比"],
        ["支出类别", "2024年", None, None],
        [None, "年初预算数", "决算数", "执行率"],
        [None, "万元", "万元", "%"],
        ["人员经费", 1383.81, 1144.18, 82.68],
        ["公用经费", 85.44, 237.47, 277.94],
        ["项目经费", 273.4, 2318.12, 847.89],
        ["合计", 1742.64, 3699.77, 212.31],
    ]
    s = "预决算对比"
    return Case("l08_pzh_budget_final_three_row_header", "年初预算支出1742.64万元、决算数为3699.77万元。其中：人员经费年初预算数为1383.81万元",
                {s: rows},
                expect=[Expect(s, "B8", "SUM_MISMATCH", "1383.81 + 85.44 + 273.4 = 1742.65, stated 1742.64: info")],
                quiet=[(s, "C8"), (s, "D5"), (s, "D6"), (s, "D7"), (s, "D8"), (s, "B4")],
                merges={s: ["A2:A4", "B2:D2"]})


def pzh_changes_prior_first() -> Case:
    """Seed 003's changes with the prior year first and 比上年增减 merged over 金额 | 增减率
    (each prior figure is this year's less the seed's change: 3699.77 − 747.17 = 2952.60 …):
    747.17 ÷ 2952.60 = 25.3055% → 25.31%; 761.16 ÷ 2933.61 = 25.95%; −13.98 ÷ 18.98 = −73.66%;
    0.21 ÷ 0.46 = 45.65%; 170.84 ÷ 66.63 = 256.40% (the seed's 256.4%)."""
    rows = [
        ["2024年度主要收支指标变动情况（万元）"],
        ["项目", "2023年度", "2024年度", "比上年增减", None],
        [None, None, None, "金额", "增减率"],
        ["收入、支出总计", 2952.60, 3699.77, 747.17, "25.31%"],
        ["一般公共预算财政拨款支出", 2933.61, 3694.77, 761.16, "25.95%"],
        ["政府性基金预算财政拨款支出", 18.98, 5, -13.98, "-73.66%"],
        ["“三公”经费财政拨款支出", 0.46, 0.67, 0.21, "45.65%"],
        ["机关运行经费", 66.63, 237.47, 170.84, "256.4%"],
    ]
    s = "变动"
    return Case("l09_pzh_changes_prior_first", "与2023年度相比，收入、支出总计增加747.17万元，增长25.31%", {s: rows},
                quiet=[(s, "D4"), (s, "E4"), (s, "E5"), (s, "E6"), (s, "E7"), (s, "E8"), (s, "D6")],
                merges={s: ["A2:A3", "B2:B3", "C2:C3", "D2:E2"]})


def taojiang_sangong_fullwidth() -> Case:
    """Seed 002 三公经费对比 (元): 三公经费合计 2024年决算 60158, 预算 160000, 2023年 99898, 增减
    −39740, −39.78% (−39740 ÷ 99898 = −39.780%); 会议费 16730 vs 19268, −2538 (−13.17%, computed);
    培训费 15361 vs 19380, −4019 (−20.74%, computed). Columns in the other order (2023 first),
    the total row typed with full-width digits and thousands separators as text."""
    rows = [
        ["“三公”经费及会议费、培训费对比（元）"],
        ["项目", "2023年决算", "2024年预算", "2024年决算", "比上年增减", "增减率"],
        ["“三公”经费合计", "９９,８９８", "１６０,０００", "６０,１５８", "-39,740", "-39.78%"],
        ["其中：公务接待费", 99898, 160000, 60158, -39740, "-39.78%"],
        ["公务用车购置及运行费", 0, 0, 0, 0, None],
        ["因公出国（境）费", 0, 0, 0, 0, None],
        [],
        ["会议费", 19268, None, 16730, -2538, "-13.17%"],
        ["培训费", 19380, None, 15361, -4019, "-20.74%"],
    ]
    s = "三公对比"
    return Case("l10_taojiang_sangong_fullwidth", "三公经费合计 60158 160000 99898 -39740 -39.78%；2024年会议费16730元，2023年会议费19268元",
                {s: rows},
                quiet=[(s, "B3"), (s, "D3"), (s, "E3"), (s, "F3"), (s, "F4"), (s, "F8"), (s, "F9"), (s, "E8")],
                resave=True)


def taojiang_basic_data_reordered() -> Case:
    """Seed 002 附件1 基础数据表, a county variant with the years in the other order: 编制数 83,
    在职 74, 控制率 89.16% (74 ÷ 83 = 89.157%); 三公 9.99 / 16 / 6.02 all 公务接待; 项目支出 199
    throughout; 公用经费 294.05 / 175 / 172.40, 其中 办公经费 92.43 / 90 / 90.3, 水电差旅 46.18 /
    48 / 48.12, 会议培训 3.86 / 4 / 3.21 (142.47 ≤ 294.05, 142 ≤ 175, 141.63 ≤ 172.40); 其中 nested
    under 1、公务用车 (blank, as the seed leaves it); a …… row; 预算调整 with its 2024 预算 blank."""
    rows = [
        ["基础数据表"],
        ["财政供养人员情况（人）", "编制数", "2023年实际在职人数", "控制率"],
        [None, 83, 74, "89.16%"],
        [],
        ["经费控制情况（万元）", "2024年决算数", "2024年预算数", "2023年决算数"],
        ["三公经费：", 6.02, 16, 9.99],
        ["1、公务用车购置和维护经费", None, None, None],
        ["其中：公车购置", None, None, None],
        ["公车运行维护", None, None, None],
        ["2、出国经费", None, None, None],
        ["3、公务接待", 6.02, 16, 9.99],
        ["项目支出：", 199, 199, 199],
        ["1、业务工作经费", 199, 199, 199],
        ["2、运行维护经费", None, None, None],
        ["……", None, None, None],
        ["公用经费", "172.40", 175, 294.05],
        ["其中：办公经费", 90.3, 90, 92.43],
        ["水费、电费、差旅费", 48.12, 48, 46.18],
        ["会议费、培训费", 3.21, 4, 3.86],
        ["政府采购金额", 35.15, 33, 32.17],
        ["部门基本支出预算调整", 735.73, None, 982.01],
    ]
    s = "基础数据"
    return Case("l11_taojiang_basic_data_reordered", "公用经费 294.05 175 172.40；其中：办公经费 92.43 90 90.3", {s: rows},
                quiet=[(s, "D3"), (s, "B6"), (s, "D6"), (s, "B11"), (s, "B12"), (s, "B16"), (s, "D16"),
                       (s, "B17"), (s, "B19"), (s, "B21")], resave=True)


def taojiang_dept_self_eval() -> Case:
    """Seed 002 附件2 部门整体支出绩效自评表: 年度资金总额 979.39 1715.12 1696.51 10 98.91% 9.89
    (1696.51 ÷ 1715.12 = 98.915% → 98.91%, × 10 = 9.89 ✓), the 收入/支出性质 split written inside
    the label text; then the 绩效指标 rows exactly as the seed leaves them — no 分值, no 自评得分
    — under 总分 100 100. The seed's own mistakes: no 分值 on any indicator, no 年度指标值 on
    the 效益/满意度 rows, and a 总分 of 100 where the scores add to 9.89."""
    rows = [
        ["桃江县2024年度部门整体支出绩效自评表"],
        ["县级预算部门、单位名称", "桃江县人力资源和社会保障局"],
        ["年度预算申请（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "自评得分"],
        [None, "年度资金总额", 979.39, 1715.12, 1696.51, 10, "98.91%", 9.89],
        [None, "按收入性质分：", None, None, "按支出性质分："],
        [None, "其中：一般公共预算：954.67", None, None, "其中：基本支出：755.67"],
        [None, "政府性基金拨款：", None, None, "项目支出：199"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评得分",
         "偏差原因分析及改进措施"],
        [None, "产出指标（50分）", "数量指标", "建立基金监管机制，实现全年基金要情零记录", "百分比", "100%", None, None],
        [None, None, "质量指标", "基金规模运转率和安全率达到100%", "百分比", "100%", None, None],
        [None, None, "时效指标", "劳动争议案件法定期限内结案率100%", "百分比", "100%", None, None],
        [None, "效益指标（30分）", "经济效益指标", "完成社会保险基金征缴收入任务和立项争资任务", None, "收入增长", None, None],
        [None, None, "社会效益指标", "全力做好就业创业工作", None, "满意度", None, None],
        [None, "满意度指标（10分）", "服务对象满意度指标", "继续突出机关效能建设", None, "满意度", None, None],
        ["总分", None, None, None, None, None, 100, 100],
    ]
    s = "部门自评"
    return Case("l12_taojiang_dept_self_eval", "年度资金总额 979.39 1715.12 1696.51 10 98.91% 9.89 … 总分 100 100", {s: rows},
                expect=[Expect(s, "H15", "TOTAL_MISMATCH", "9.89 + nothing scored = 9.89, stated 100"),
                        # the seed's indicator rows carry no 分值 at all, three no 年度指标值
                        *[Expect(s, f"G{r}", "MISSING_VALUE", "分值 left blank in the seed") for r in range(9, 15)],
                        *[Expect(s, f"E{r}", "MISSING_VALUE", "年度指标值 left blank in the seed (收入增长 / 满意度 "
                                 "stand under 实际完成值)") for r in range(12, 15)]],
                # C4 (979.39) is no quiet cell: its breakdown in the label text adds to 954.67 (l40
                # types that breakdown into cells and expects the finding)
                quiet=[(s, "G4"), (s, "H4"), (s, "E4")],
                merges={s: ["A3:A7", "A8:A14"]})


def suinan_table4_label_right() -> Case:
    """Seed 004 表4: 部门决策 15 14 93.33 (14 ÷ 15 = 93.333%), 部门过程 24 22 91.67 (91.667%), 部门
    产出 33 33 100, 部门效益 28 28 100, 合计 100 97 97; 评价得分97分，评价等级 优 (≥ 90). The
    label column right of the figures, 得分率 as text percentages, the 等级 row below."""
    rows = [
        ["表4：部门总得分情况"],
        ["分值", "得分", "得分率", "一级指标"],
        [15, 14, "93.33%", "部门决策"],
        [24, 22, "91.67%", "部门过程"],
        [33, 33, "100%", "部门产出"],
        [28, 28, "100%", "部门效益"],
        [100, 97, "97%", "合计"],
        [None, "优", None, "评价等级"],
    ]
    s = "总得分"
    return Case("l13_suinan_table4_label_right", "部门决策 15 14 93.33 … 合计 100 97 97；评价等级 优", {s: rows},
                quiet=[(s, "C3"), (s, "C4"), (s, "A7"), (s, "B7"), (s, "C7"), (s, "B8")], resave=True)


def suinan_table7_shifted_total() -> Case:
    """Seed 004 表7 as printed: items 3 4 3 3 | 4 3 3 3 | 4 3 = 33 分值, all scored in full, each
    得分率 100 — but the 合计 row reads `合计 □ □ 33 33`: its 分值 cell empty and its 得分 typed
    under 得分率 (the row slipped one column). The seed's mistake: 得分率 33 where 33 ÷ 33 = 100."""
    items = [("数量指标（13）", "深入实施就业优先战略", 3), (None, "社会参保服务工作", 4),
             (None, "机关建设与人社服务", 3), (None, "人事人才服务质量", 3),
             ("质量指标（13）", "深入实施就业优先战略成效", 4), (None, "社会参保服务工作效率", 3),
             (None, "机关建设与人社服务效率", 3), (None, "人事人才服务成效", 3),
             ("时效指标（7）", "资金到位及时性", 4), (None, "及时足额发放", 3)]
    rows = [["表 7：评价指标相关性分析、指标设计和分值设计"],
            ["一级指标", "二级指标", "三级指标", "分值", "得分", "得分率%"]]
    for i, (second, third, w) in enumerate(items):
        rows.append(["产出（33）" if i == 0 else None, second, third, w, w, 100])
    rows.append([None, "合计", None, None, 33, 33])
    # rows: 3-12 items, 13 合计
    s = "表7"
    return Case("l14_suinan_table7_shifted_total", "	合计			33	33 (表 7)", {s: rows},
                expect=[Expect(s, "F13", "RATE_MISMATCH", "得分 33 of 33 = 100, 得分率 typed 33")],
                quiet=[(s, "E13"), (s, "F3"), (s, "F12"), (s, "B3"), (s, "B7"), (s, "B11")],
                merges={s: ["A3:A12", "B3:B6", "B7:B10", "B11:B12"]})


def suinan_table8_continued() -> Case:
    """Seed 004 表8, whose header repeats after its first row on the next page: 经济效益（8）
    4 + 4, 社会效益（8） 4 + 4, 生态效益（8） 8, 满意度（4） 4 = 28, scored in full (合计 28 28 100).
    The repeat typed as a 续表 line and a header in other words (权重 for 分值, 得分率 without %)."""
    rows = [
        ["表8：评价指标相关性分析、指标设计和分值设计"],
        ["一级指标", "二级指标", "三级指标", "分值", "得分", "得分率%"],
        ["效益（28）", "经济效益（8）", "社会基本资金利用", 4, 4, 100],
        ["表8（续）"],
        ["一级指标", "二级指标", "三级指标", "权重", "得分", "得分率"],
        [None, None, "社会服务综合效益水平", 4, 4, 100],
        [None, "社会效益（8）", "维护劳动者的合法权益", 4, 4, 100],
        [None, None, "筑牢民生安全屏障", 4, 4, 100],
        [None, "生态效益（8）", "改善生活生态环境程度", 8, 8, 100],
        [None, "满意度（4）", "服务对象满意度指标", 4, 4, 100],
        ["合计", None, None, 28, 28, 100],
    ]
    s = "表8"
    return Case("l15_suinan_table8_continued", "效益（28） 经济效益（8） 社会基本资金利用 4 4 100 … 合计 28 28 100", {s: rows},
                quiet=[(s, "D11"), (s, "E11"), (s, "F11"), (s, "A3"), (s, "B3"), (s, "B7"), (s, "D5"), (s, "D6")],
                resave=True)


def suinan_wjx_other_wording() -> Case:
    """Seed 004 附件2 第3题 (A 5 83.33%, B 1 16.67%, of 6: 5 ÷ 6 = 83.333%, 1 ÷ 6 = 16.667%), 第9题
    and 第10题 (A 6 100%), exported with other wording: 人数 | 占比, `A.` option letters, 有效填写人次.
    A deliberately corrupted copy: 第10题's C share typed 16.67% beside its 0 (the seed: 0 0%)."""
    rows = [
        ["2023年肃南县人力资源和社会保障局部门整体支出绩效评价调查问卷（工作人员）"],
        ["第3题：您认为本部门资金管理制度的健全程度如何？（单选题）"],
        ["选项", "人数", "占比"],
        ["A.非常健全", 5, "83.33%"],
        ["B.比较健全", 1, "16.67%"],
        ["C.基本健全", 0, "0.00%"],
        ["D.不太健全", 0, "0.00%"],
        ["有效填写人次", 6, None],
        [],
        ["第9题：您对肃南县人力资源和社会保障局促进就业的工作效果是否满意？（单选题）"],
        ["选项", "人数", "占比"],
        ["A.非常满意", 6, "100%"],
        ["B.比较满意", 0, "0%"],
        ["C.基本满意", 0, "0%"],
        ["D.不太满意", 0, "0%"],
        ["有效填写人次", 6, None],
        [],
        ["第10题：您对本部门面向社会开展的稳就业、保民生的宣传工作的满意程度如何？（单选题）"],
        ["选项", "人数", "占比"],
        ["A.非常满意", 6, "100%"],
        ["B.比较满意", 0, "0%"],
        ["C.基本满意", 0, "16.67%"],
        ["D.不太满意", 0, "0%"],
        ["有效填写人次", 6, None],
    ]
    # rows: 2 第3题, 3 header, 4-7, 8 填写人次; 10 第9题 … 16; 18 第10题, 19 header, 20-23, 24
    s = "问卷结果"
    return Case("l16_suinan_wjx_other_wording", "第3题 … A非常健全 5 83.33% B比较健全 1 16.67%", {s: rows},
                expect=[Expect(s, "C22", "RATE_MISMATCH", "0 of 6 = 0%, shown 16.67% (a slip typed into the "
                               "seed's 第10题, which has 0 0%)")],
                quiet=[(s, "C4"), (s, "C5"), (s, "B8"), (s, "C12"), (s, "B16"), (s, "C6"), (s, "C20")])


def suinan_wjx_summary_matrix() -> Case:
    """Seed 004 附件2 and its 得分标准 (A 10, B 7, C 4, D 0 points; 工作人员综合满意率 = 实际得分总计 ÷
    满分总计): ten questions answered by 6, all A but 第3题 (5 A, 1 B): 9 × 60 + (50 + 7) = 597 of
    600 = 99.5% (computed; the seed states the rule, not the result). One row per question."""
    rows = [["工作人员调查问卷汇总（A=10分、B=7分、C=4分、D=0分）"],
            ["题号", "选A人数", "选B人数", "选C人数", "选D人数", "有效填写人次", "得分", "满分"]]
    for i in range(1, 11):
        a, b = (5, 1) if i == 3 else (6, 0)
        rows.append([f"第{i}题", a, b, 0, 0, 6, a * 10 + b * 7, 60])
    rows.append(["合计", None, None, None, None, None, 597, 600])
    rows.append(["综合满意率", "99.5%"])
    # rows: 3-12 questions, 13 合计, 14 满意率
    s = "问卷汇总"
    return Case("l17_suinan_wjx_summary_matrix", "工作人员综合满意率=工作人员问卷实际得分总计/工作人员问卷满分总计×100%", {s: rows},
                quiet=[(s, "F3"), (s, "F5"), (s, "G5"), (s, "G13"), (s, "H13"), (s, "B14")])


def zjc_projects_yuan_and_wanyuan() -> Case:
    """Seed 000 项目(1)(2)(3): 资金安排 8138600 / 1027600 / 8180000 元; 实际支出 8138600 (支出率100%),
    875770 (85.22%: 875770 ÷ 1027600 = 85.225%), 7801800 (95.38%: 95.377%). The sums are these
    rows' (17346200, 16816170; 16816170 ÷ 17346200 = 96.944%). 元 and 万元 columns side by side
    (813.86 万元 = 8138600 元) and a 备注 text column."""
    rows = [
        ["2024年度社保补助项目资金执行情况"],
        ["项目名称", "资金安排（元）", "实际支出（元）", "实际支出（万元）", "支出率", "备注"],
        ["城乡居民县级基础养老金补助资金", 8138600, 8138600, 813.86, "100%", "待遇领取人数43600人"],
        ["城乡居民县级缴费补助资金", 1027600, 875770, 87.577, "85.22%", "缴费人数139570人"],
        ["城乡居民代缴困难人员养老保险资金", 8180000, 7801800, 780.18, "95.38%", "代缴人数78018人"],
        ["合计", 17346200, 16816170, 1681.617, "96.94%", None],
    ]
    s = "项目执行"
    return Case("l18_zjc_projects_yuan_and_wanyuan", "实际到账1027600元，实际支出875770元，支出率85.22%", {s: rows},
                quiet=[(s, "D3"), (s, "D4"), (s, "D5"), (s, "D6"), (s, "E4"), (s, "E5"), (s, "E6"),
                       (s, "B6"), (s, "C6")], resave=True)


def zjc_pension_official_extra_columns() -> Case:
    """Seed 000 项目(1): 年初预算8137920元、实际到账8138600元…实际支出8138600元，支出率100%; eight
    三级指标 (待遇领取人员人数 43600人, 完成质量 100%, 预算完成及时率, 资金下达率, 提高收入, 社会稳定,
    持续稳定, 满意度 100%); 5个项目得分100分 (10 + 50 + 30 + 10). The 一体化 export's layout with
    指标性质 and 度量单位 columns, values as bare numbers."""
    rows = [
        [f"张家川县2024年度{P}"],
        ["项目名称", "2024年度城乡居民县级基础养老金补助资金"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 813.792, 813.86, 813.86, 10, "100%", 10],
        [None, "其中：当年财政拨款", 813.792, 813.86, 813.86, None, "100%", None],
        [None, "上年结转资金", 0, 0, 0],
        [None, "其他资金", 0, 0, 0],
        ["一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "度量单位", "实际完成值", "分值", "得分",
         "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "符合条件的城乡居民待遇领取人员人数", "≥", 43600, "人", 43600, 20, 20],
        [None, "质量指标", "项目完成质量", "=", 100, "%", 100, 10, 10],
        [None, "时效指标", "预算完成及时率", "=", 100, "%", 100, 10, 10],
        [None, "成本指标", "资金下达率", "=", 100, "%", 100, 10, 10],
        ["效益指标", "经济效益指标", "提高城乡居民收入", "定性", "有所提高", None, "提高", 10, 10],
        [None, "社会效益指标", "保障社会和平稳定发展", "定性", "稳定", None, "稳定", 10, 10],
        [None, "可持续影响指标", "持续稳定居民生活生产", "定性", "长期", None, "长期", 10, 10],
        ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", 95, "%", 100, 10, 10],
        ["总分", None, None, None, None, None, None, 100, 100],
    ]
    s = "项目-基础养老金"
    return Case("l19_zjc_pension_official_extra_columns", "（1）…实际到账8138600元，实际支出8138600元，支出率100%…5个项目得分100分",
                {s: rows},
                quiet=[(s, "G4"), (s, "H4"), (s, "H17"), (s, "I17"), (s, "I9"), (s, "I16"), (s, "G9"), (s, "G16")],
                merges={s: ["A3:A7", "A9:A12", "A13:A15"]})


def zjc_proxy_official_without_optional() -> Case:
    """Seed 000 项目(3): 实际到账8180000元，实际支出7801800元，支出率95.38% — yet 5个项目得分100分
    counts this project among them: the 预算执行率's 10 points stated in full, where
    min(780.18 ÷ 818, 1) × 10 = 9.5377 → 9.54. The official layout without its optional
    columns (no 年初预算数, no 偏差原因)."""
    rows = [
        [f"张家川县2024年度{P}"],
        ["项目名称", "2024年度城乡居民代缴困难人员养老保险资金"],
        ["项目资金（万元）", None, "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 818, 780.18, 10, "95.38%", 10],
        [None, "其中：当年财政拨款", 818, 780.18],
        [None, "上年结转资金", 0, 0],
        [None, "其他资金", 0, 0],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标（50分）", "数量指标", "代缴人数", "≥78018人", "78018人", 20, 20],
        [None, "质量指标", "县级代缴补贴资金到位率", "100%", "100%", 15, 15],
        [None, "时效指标", "资金下达率", "100%", "100%", 15, 15],
        ["效益指标（30分）", "社会效益指标", "代缴人员全部代缴当年养老保险", "100%", "100%", 30, 30],
        ["满意度指标（10分）", "服务对象满意度指标", "待遇领取人员满意度", "≥95%", "100%", 10, 10],
        ["总分", None, None, None, None, 100, 100],
    ]
    s = "项目-代缴"
    return Case("l20_zjc_proxy_official_without_optional", "（3）…实际支出7801800元，支出率95.38%…5个项目得分100分",
                {s: rows},
                expect=[Expect(s, "G4", "SCORE_MISMATCH", "min(780.18 ÷ 818, 1) × 10 = 9.54, stated 10")],
                quiet=[(s, "F4"), (s, "F14"), (s, "G9"), (s, "G13")])


def zz_tasks_county_variant() -> Case:
    """Seed 001 年度主要任务, a county variant without the 财政拨款 / 其他资金 split: 40 + 0.62 +
    0.41 + 378 + 20 + 10 + 90 + 20 = 559.03 budgeted and executed (执行率 100% each), 完成情况 as
    the seed's percentages, a blank spacer row inside the list (where the seed's page broke)."""
    tasks = [("就业工作经费", "98%", 40), ("工会经费（留用部分）", "100%", 0.62), ("工会经费（上解部分）", "100%", 0.41),
             ("2024年就业补助资金", "98%", 378), None, ("培训费", "99%", 20), ("人事档案管理费", "99%", 10),
             ("招聘工作经费", "97%", 90), ("宣传工作经费", "98%", 20)]
    rows = [["年度主要任务完成情况"],
            ["任务名称", "完成情况", "全年预算数（万元）", "全年执行数（万元）", "执行率"]]
    for t in tasks:
        rows.append([] if t is None else [t[0], t[1], t[2], t[2], "100%"])
    rows.append(["金额合计", None, 559.03, 559.03, "100%"])
    # rows: 3-6 tasks, 7 blank, 8-11 tasks, 12 金额合计
    s = "主要任务"
    return Case("l21_zz_tasks_county_variant", "金额合计 559.03 559.03 0 559.03 559.03 0 10 100% 10", {s: rows},
                quiet=[(s, "C12"), (s, "D12"), (s, "E12"), (s, "E3"), (s, "C8")])


BASIC_GROUPS = [
    ("人员经费支出小计", "6,903,098.13", [("基本工资", "1,897,180.00"), ("津贴补贴", "1,682,523.00"), ("奖金", "1,036,406.00"),
                                   ("基本养老保险缴费", "691,431.68"), ("基本医疗保险缴费", "233,725.43"),
                                   ("医疗补助缴费", "203,286.76"), ("其他社会保障缴费", "24,128.97"),
                                   ("住房公积金", "568,548.00")]),
    ("商品和服务支出小计", "1,082,504.93", [("办公费", "210,864.50"), ("印刷费", "52,216.60"), ("电费", "21,092.19"),
                                    ("邮电费", "39,337.70"), ("取暖费", "88,017.30"), ("物业管理费", "0.00"),
                                    ("差旅费", "149,539.32"), ("培训费", "0.00"), ("公务接待费", "20,000.00"),
                                    ("专用材料费", "0.00"), ("劳务费", "75,900.00"), ("工会经费", "97,254.32"),
                                    ("福利费", "136,673.00"), ("其他交通费用", "186,350.00")]),
    ("对个人和家庭的补助小计", "437,261.64", [("退休费", "2,880.00"), ("退职（役）费", "0.00"), ("抚恤金", "271,060.98"),
                                      ("生活补助", "107,480.00"), ("医疗费补助", "55,300.66"), ("奖励金", "540.00")]),
]


def suinan_basic_spending_totals_first() -> Case:
    """Seed 004 表1 as a list: each group's 小计 first (the seed's 小计(元) column: 6,903,098.13,
    1,082,504.93, 437,261.64), its lines below, 合计 8,422,900.00 at the end; figures as the seed
    prints them, text with thousands separators; the label column right, a 序号 column. The
    seed's mistakes: 人员经费 lines add to 6,337,229.84 (小计 6,903,098.13); 商品和服务 lines to
    1,077,244.93 (小计 1,082,504.93); the 小计s to 8,422,864.70 (合计 8,422,900.00). The third
    group adds up: 2880 + 0 + 271060.98 + 107480 + 55300.66 + 540 = 437,261.64 ✓."""
    rows = [["表1：部门基本资金支出明细表（元）"], ["序号", "金额", "支出明细"]]
    heads = []
    for k, (label, total, items) in enumerate(BASIC_GROUPS):
        rows.append(["一二三"[k], total, label])
        heads.append(len(rows))
        for i, (name, amount) in enumerate(items, start=1):
            rows.append([i, amount, name])
    rows.append([None, "8,422,900.00", "合计"])
    # rows: 3 小计 + 4-11; 12 小计 + 13-26; 27 小计 + 28-33; 34 合计
    s = "表1"
    return Case("l22_suinan_basic_spending_totals_first", "8,422,900.00 6,903,098.13 1,897,180.00 基本工资 … 合计 8,422,900.00",
                {s: rows},
                expect=[Expect(s, "B3", "SUM_MISMATCH", "8 lines add to 6,337,229.84, 小计 6,903,098.13"),
                        Expect(s, "B12", "SUM_MISMATCH", "14 lines add to 1,077,244.93, 小计 1,082,504.93"),
                        Expect(s, "B34", "SUM_MISMATCH", "小计s add to 8,422,864.70, 合计 8,422,900.00")],
                quiet=[(s, "B27"), (s, "B4"), (s, "B13"), (s, "B28"), (s, "A4")], resave=True)


PROJECT_LINES_COPY2 = [
    ("其他组织事务支出", "87,000.00"), ("行政运行", "43,580.00"), ("一般行政管理事务", "149,386.30"),
    ("信息化建设", "40,000.00"), ("其他人力资源和社会保障事务支出", "1,637,117.17"), ("行政单位离退休", "8,488,581.53"),
    ("对机关事业单位基本养老保险基金的补助", "19,000,000.00"), ("就业创业服务补贴", "8,828,635.19"),
    ("社会保险补贴", "8,000.00"), ("公益性岗位补贴", "986,640.00"), ("其他就业补助支出", "4,793,696.25"),
    ("死亡抚恤", "1,627,202.10"), ("财政对企业职工基本养老保险基金的补助", "980,000.00"),
    ("财政对城乡居民基本养老保险基金的补助", "10,206,645.00"), ("财政代缴城乡居民基本养老保险费支出", "544,220.00"),
    ("其他社会保障和就业支出", "266,250.00"), ("财政对城乡居民基本医疗保险基金的补助", "474,636.00"),
    ("行政运行", "7,722.00"), ("一般行政管理事务", "2,477.00"), ("医疗保障管理事务支出", "137,356.00"),
    ("老龄卫生健康事务", "15,636.66"), ("机关事业单位职业年金缴费支出", "0.00"),
    ("其他巩固脱贫攻坚成果衔接乡村振兴支出", "29,660.00"), ("创业担保贷款贴息及奖补", "1,530,000.00"),
    ("国有企业退休人员社会化管理补助支出", "14,500.00"),
]


def suinan_project_spending_second_copy() -> Case:
    """Seed 004 表 2 in the report body (lines 379–407 — not the summary's copy: 15,636.66 for
    老龄卫生健康事务, a 0.00 职业年金 line, no 其他医疗保障管理事务支出 line): 25 lines adding to
    59,898,941.20 under 合计 60,055,806.20 (the 下达资金). The 下达资金 merged down all lines on
    the left, the line label right of the 支出金额."""
    rows = [["表 2：部门项目支出明细表（元）"], ["下达资金", "支出金额", "项目支出明细"]]
    for i, (name, amount) in enumerate(PROJECT_LINES_COPY2):
        rows.append(["60,055,806.20" if i == 0 else None, amount, name])
    rows.append(["合计", "60,055,806.20", None])
    # rows: 3-27 lines, 28 合计
    s = "表2"
    return Case("l23_suinan_project_spending_second_copy", "表 2：部门项目支出明细表 … 15,636.66 老龄卫生健康事务 … 合计 60,055,806.20",
                {s: rows},
                expect=[Expect(s, "B28", "SUM_MISMATCH", "25 lines add to 59,898,941.20, stated 60,055,806.20")],
                quiet=[(s, "A3"), (s, "B3"), (s, "B24")],
                merges={s: ["A3:A27"]})


def pzh_sangong_nested_twice() -> Case:
    """Seed 003 七: 三公 0.67万元，完成预算100%: 因公出国（境）0；公务用车购置及运行维护费 0，其中：
    公务用车购置 0、运行维护费 0；公务接待费 0.67，其中 国内公务接待 0.67、外事接待 0 — 其中 nested
    twice, the total first, 占比 of the three (0%, 0%, 100%)."""
    rows = [
        ["2024年度“三公”经费财政拨款支出决算（万元）"],
        ["项目", "预算数", "决算数", "占比"],
        ["“三公”经费合计", 0.67, 0.67, "100%"],
        ["1.因公出国（境）费", 0, 0, "0%"],
        ["2.公务用车购置及运行维护费", 0, 0, "0%"],
        ["  其中：公务用车购置费", 0, 0, None],
        ["        公务用车运行维护费", 0, 0, None],
        ["3.公务接待费", 0.67, 0.67, "100%"],
        ["  其中：国内公务接待", 0.67, 0.67, None],
        ["        外事接待", 0, 0, None],
    ]
    s = "三公决算"
    return Case("l24_pzh_sangong_nested_twice", "“三公”经费财政拨款支出决算为0.67万元…公务接待费支出决算0.67万元，占100%",
                {s: rows},
                quiet=[(s, "B3"), (s, "C3"), (s, "D3"), (s, "D8"), (s, "C9"), (s, "C6"), (s, "C10")])


def zz_training_and_targets_side_by_side() -> Case:
    """Seed 001 §8 and §1 side by side on one sheet. Left: 10 trainings, 53 + 50 + 35 + 300 + 189 +
    70 + 26 + 74 + 30 + 1038 = 1865 people, the seed's 以上累计培训 1829 人 (其中脱贫劳动力 974 ✓).
    Right: 城镇新增就业 1847 of 1650 = 111.94% (the seed's 111.9%), 失业人员再就业 590 of 500 = 118%,
    就业困难人员 150 of 150 = 100%."""
    train = [("育婴员培训", 53, 19), ("家政服务员培训", 50, 17), ("失业保险职业培训", 35, 0),
             ("创业致富带头人培训", 300, 99), ("创业培训", 189, 30), ("电子商务师培训", 70, 23),
             ("养老护理培训", 26, 9), ("面点小吃培训", 74, 8), ("美容培训", 30, 3), ("乡镇实用技能培训", 1038, 766)]
    targets = [("城镇新增就业", 1650, 1847, "111.9%"), ("失业人员再就业", 500, 590, "118%"),
               ("就业困难人员再就业", 150, 150, "100%")]
    rows = [["技能培训及就业目标完成情况"],
            ["培训项目", "培训人数", "其中：脱贫劳动力", None, "指标", "目标任务（人）", "完成（人）", "完成率"]]
    for i, (n, a, b) in enumerate(train):
        row = [n, a, b, None]
        if i < len(targets):
            row += list(targets[i])
        rows.append(row)
    rows.append(["以上累计", 1829, 974])
    # rows: 3-12 trainings (3-5 with targets on the right), 13 以上累计
    s = "培训与目标"
    return Case("l25_zz_training_and_targets_side_by_side", "以上累计培训 1829 人（其中脱贫劳动力 974 人）；新增就业 1847 人，完成全年目标任务 1650 人的 111.9%",
                {s: rows},
                expect=[Expect(s, "B13", "SUM_MISMATCH", "10 trainings add to 1865, 以上累计 1829")],
                quiet=[(s, "C13"), (s, "H3"), (s, "H4"), (s, "H5"), (s, "G3"), (s, "B3")])


ANNEX1 = [  # (一级, 二级, 三级 with its weight, 得分) as 附件1 prints them; scores as 表5–表8
    ("决策 (15)", "目标设定 (9)", "年度绩效目标合理性(3)", 3), (None, None, "年度绩效指标明确性(4)", 4),
    (None, None, "年度工作计划明确性（2）", 1), (None, "预算配置 (6)", "编制人员控制率 (2)", 2),
    (None, None, "临聘人员控制率 (2)", 2), (None, None, "重点支出安排率 (2)", 2),
    ("过程 (24)", "预算执行 (12)", "基本支出预算执行率(3)", 3), (None, None, "项目支出预算执行率(3)", 3),
    (None, None, "预算调整率(2)", 2), (None, None, "“三公”经费控制率(1)", 0), (None, None, "项目资金结余率(1)", 1),
    (None, None, "政府采购执行率(2)", 2), (None, "资金管理(6)", "财务管理制度健全性(2)", 2),
    (None, None, "资金使用合规性(2)", 2), (None, None, "预决算信息公开性 (2)", 2),
    (None, "资产管理 (4)", "资产管理制度健全性(2)", 2), (None, None, "资产管理安全性 (2)", 2),
    (None, "档案管理 (2)", "档案归存完备性 (2)", 1),
    ("产出 (33)", "数量指标 (13)", "深入实施就业优先战略(3)", 3), (None, None, "社会参保服务工作 (4)", 4),
    (None, None, "机关建设与人社服务 (3)", 3), (None, None, "人事人才服务质量(3)", 3),
    (None, "质量指标 (13)", "深入实施就业优先战略成效 (4)", 4), (None, None, "社会参保服务工作效率（3）", 3),
    (None, None, "机关建设与人社服务实效(3)", 3), (None, None, "人事人才服务成效(3)", 3),
    (None, "时效指标 (7)", "资金到位及时性 (4)", 4), (None, None, "及时足额发放(3)", 3),
    ("效益 (28)", "经济效益 (8)", "社会基本资金利用 (4)", 4), (None, None, "社会服务综合效益水平(4)", 4),
    (None, "社会效益 (8)", "维护劳动者的合法权益(4)", 4), (None, None, "筑牢民生安全屏障 (4)", 4),
    (None, "生态效益 (8)", "改善生活生态环境 (8)", 8), (None, "满意度 (4)", "服务对象满意度 (4)", 4),
]
ANNEX1_REASONS = {  # the 效益 rows' 得分原因 as the seed ends them
    "社会基本资金利用 (4)": "全年共调处理10起，先后为27名农民工追讨劳动报酬26.5万元。得4分。",
    "社会服务综合效益水平(4)": "向纪检监察机关移送问题3件。得4分。",
    "维护劳动者的合法权益(4)": "办理工伤认定案件60件，涉及劳动者 60 人，结案率 100%。得 3 分。",
    "筑牢民生安全屏障 (4)": "社会保险各项待遇进卡率达 99%。得 3 分。",
    "改善生活生态环境 (8)": "卫生健康宣传工作全面展开。得 8 分。",
    "服务对象满意度 (4)": "政策知晓度得到了全面提升。得 4 分。",
}


def suinan_annex1_text_scores() -> Case:
    """Seed 004 附件1 评分表: 34 三级 rows under 决策 (15), 过程 (24), 产出 (33), 效益 (28) — 15 + 24 + 33
    + 28 = 100 — with the 得分 column of 表5–表8 (14 + 22 + 33 + 28 = 97). In its 效益 rows,
    维护劳动者的合法权益 (4) has 得分 4 while its 得分原因 ends “结案率 100%。得 3 分。”, and 筑牢民生安全屏障
    (4) has 4 with “进卡率达 99%。得 3 分。” — the seed's mistakes. Typed without the 指标解释 column,
    the 得分 left of the 得分原因, the weights inside the 三级 names, 得分原因 given for the 效益 rows only."""
    rows = [["附件1：绩效评价指标体系评分表"],
            ["一级指标", "二级指标", "三级指标", "评分标准", "得分", "得分原因"]]
    merges, firsts = [], {}
    for l1, l2, l3, score in ANNEX1:
        r = len(rows) + 1
        if l1:
            firsts.setdefault("l1", []).append(r)
        if l2:
            firsts.setdefault("l2", []).append(r)
        rows.append([l1, l2, l3, "以上要素各占50%权重分，符合得满分，不符合得0分", score, ANNEX1_REASONS.get(l3)])
    last = len(rows)
    for key, col in (("l1", "A"), ("l2", "B")):
        starts = firsts[key]
        for a, b in zip(starts, starts[1:] + [last + 1]):
            if b - 1 > a:
                merges.append(f"{col}{a}:{col}{b - 1}")
    # rows: 3-8 决策, 9-20 过程, 21-30 产出, 31-36 效益 (33 维护, 34 筑牢)
    s = "附件1"
    return Case("l26_suinan_annex1_text_scores", "维护劳动者的合法权益(4) … 结案率 100%。得 3 分。	4", {s: rows},
                expect=[Expect(s, "F33", "TEXT_SCORE_MISMATCH", "得分原因 says 得 3 分, 得分 4"),
                        Expect(s, "F34", "TEXT_SCORE_MISMATCH", "得分原因 says 得 3 分, 得分 4")],
                quiet=[(s, "F31"), (s, "F32"), (s, "F35"), (s, "F36"), (s, "E31"), (s, "A3"), (s, "A9"),
                       (s, "B21"), (s, "B31"), (s, "B15"), (s, "B18"), (s, "B20")],
                merges={s: merges}, resave=True)


def zjc_projects_placeholder_to_fill() -> Case:
    """Seed 000's seven projects with their funds (813.86, 102.76, 818, 2653.8, 561, 2352.2, 1500 万元 =
    8801.62, the seed's 共计**万元) and spending (813.86, 87.577, 780.18, 2579.98, 561, 2352.2, 1481):
    执行率 100%, 85.22%, 95.38%, 97.22% (2579.98 ÷ 2653.8 = 97.218%), 100%, 100%, 98.73%; 得分 as the
    seed's 评价结论. A deliberately corrupted copy: 项目(7)'s 实际支出 typed 待填 (the seed states 1481),
    so its 合计 cannot be judged; the 合计 row's 执行率 8655.797 ÷ 8801.62 = 98.34%."""
    items = [("2024年度城乡居民县级基础养老金补助资金", 813.86, 813.86, "100%", 100),
             ("2024年度城乡居民县级缴费补助资金", 102.76, 87.577, "85.22%", 100),
             ("2024年度城乡居民代缴困难人员养老保险资金", 818, 780.18, "95.38%", 100),
             ("2024年就业补助资金", 2653.8, 2579.98, "97.22%", 98),
             ("2024年劳动力技能培训", 561, 561, "100%", 100),
             ("2024年乡村公益性岗位工资补贴", 2352.2, 2352.2, "100%", 100),
             ("2024年度特色餐饮业扶持奖补", 1500, "待填", "98.73%", 96)]
    rows = [["2024年度部门绩效评价项目资金执行情况"],
            ["序号", "项目名称", "资金安排（万元）", "实际支出（万元）", "执行率", "自评得分"]]
    rows += [[i, *item] for i, item in enumerate(items, start=1)]
    rows.append([None, "合计", 8801.62, 8655.797, "98.34%", None])
    # rows: 3-9 projects, 10 合计
    s = "项目执行率"
    return Case("l27_zjc_projects_placeholder_to_fill", "县本级财政衔接补助资金1500万元；共支出1481万元（typed 待填）", {s: rows},
                expect=[Expect(s, "D9", "PLACEHOLDER", "待填 where the seed states 1481")],
                quiet=[(s, "C10"), (s, "E4"), (s, "E5"), (s, "E6"), (s, "E10"), (s, "E9"), (s, "A3")])


def suinan_conclusion_sheet() -> Case:
    """Seed 004 绩效评价结论表: 资金情况（万元） 预算安排资金 4902.89, 实际到位资金 6847.87, 实际支出资金
    6847.87, 结转结余资金 0, 预算执行率 100% (6847.87 ÷ 6847.87); 评价得分 97分, 评价等级 优; 得分率 by
    一级 across one row (93.33% 91.67% 100% 100% /). Label and value pairs side by side, the 得分率 row
    horizontal."""
    rows = [
        ["2024年度肃南县人力资源和社会保障局部门整体支出绩效评价结论表"],
        ["资金情况（万元）", "预算安排资金", 4902.89, "实际到位资金", 6847.87],
        [None, "其中：财政拨款收入", 6847.87, "其中：财政拨款收入", 6847.87],
        [None, "实际支出资金", 6847.87, "结转结余资金", 0],
        [None, "预算执行率", "100%", None, None],
        [],
        ["综合评价结论", "评价得分", "97分", "评价等级", "优"],
        ["绩效分析", "指标", "部门决策", "部门过程", "部门产出", "部门效益", "加减分项"],
        [None, "得分率", "93.33%", "91.67%", "100%", "100%", "/"],
    ]
    s = "结论表"
    return Case("l28_suinan_conclusion_sheet", "资金情况 (万元)	预算安排资金	4902.89	实际到位资金	6847.87 … 得分率	93.33%	91.67%	100%	100%	/",
                {s: rows},
                quiet=[(s, "C2"), (s, "E2"), (s, "C3"), (s, "C5"), (s, "C7"), (s, "C9"), (s, "D9"), (s, "G9")],
                merges={s: ["A2:A5"]})


PZH_REGULAR = [("促居民增收工作经费", 1), ("根治欠薪、农民工服务保障工作经费", 1), ("金保网网络经费", 4.2),
               ("劳动和谐关系协调工作经费", 2), ("人才引进（含考试服务费）", 12.11),
               ("2024年城乡居民养老保险区级财政补助资金", 76.57), ("2024年困难群众城乡居民养老保险市级代缴补助资金", 7.01),
               ("高校毕业生创业工作经费", 2.4), ("上级就业创业补助资金", 1201.41), ("三支一扶补助资金", 104.45),
               ("职业年金投资运营前实账贴息专项预算项目", 55)]


def pzh_regular_projects_continued() -> Case:
    """Seed 003 常年项目: 11 projects adding to 1467.15 万元 (1 + 1 + 4.2 + 2 + 12.11 + 76.57 + 7.01 +
    2.4 + 1201.41 + 104.45 + 55), executed in full (1—12月预算执行总体进度为100%), printed over two
    pages: the second page's 续表 header in other words (项目 | 预算金额 | 执行金额 | 执行进度 for
    项目名称 | 预算数 | 执行数 | 执行率), a 序号 column, the 合计 at the end of page two."""
    rows = [["常年项目预算执行情况表（单位：万元）"],
            ["序号", "项目名称", "预算数", "执行数", "执行率"]]
    rows += [[i, n, a, a, "100%"] for i, (n, a) in enumerate(PZH_REGULAR[:6], start=1)]
    rows += [[], ["常年项目预算执行情况表（续表）"], ["序号", "项目", "预算金额", "执行金额", "执行进度"]]
    rows += [[i, n, a, a, "100%"] for i, (n, a) in enumerate(PZH_REGULAR[6:], start=7)]
    rows.append([None, "合计", 1467.15, 1467.15, "100%"])
    # rows: 3-8 page one, 9 blank, 10 续表 title, 11 header, 12-16 page two, 17 合计
    s = "常年项目"
    return Case("l29_pzh_regular_projects_continued", "该类项目总数11个，涉及预算总金额1467.15万元，1—12月预算执行总体进度为100%",
                {s: rows}, quiet=[(s, "C17"), (s, "D17"), (s, "E17"), (s, "C11"), (s, "E3"), (s, "E12")],
                resave=True)


def pzh_final_accounts_summary_side_by_side() -> Case:
    """Seed 003 收入支出决算总表 as a 决算 report prints it: 收入 left, 支出 right, each with a 行次
    column. 本年收入合计 3686.67 = 3681.67 + 5 + 0; 年初结转和结余 13.10 (derived: 3699.77 − 3686.67,
    the seed's 收入、支出总计均为3699.77万元); 总计 3699.77 = 3686.67 + 13.10. 本年支出合计 3699.77 =
    教育 1000 + 社会保障和就业 2525.88 + 卫生健康 90.6 + 城乡社区 5 (the 政府性基金 5万元 on 土地开发支出)
    + 住房保障 78.29; 年末结转和结余 0 (决算报表无结转结余); 总计 3699.77."""
    rows = [
        ["收入支出决算总表"],
        ["单位：万元"],
        ["收入", None, None, "支出", None, None],
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["一、一般公共预算财政拨款收入", 1, 3681.67, "一、教育支出", 31, 1000],
        ["二、政府性基金预算财政拨款收入", 2, 5, "二、社会保障和就业支出", 32, 2525.88],
        ["三、国有资本经营预算财政拨款收入", 3, 0, "三、卫生健康支出", 33, 90.6],
        [None, None, None, "四、城乡社区支出", 34, 5],
        [None, None, None, "五、住房保障支出", 35, 78.29],
        ["本年收入合计", 4, 3686.67, "本年支出合计", 36, 3699.77],
        ["年初结转和结余", 5, 13.10, "年末结转和结余", 37, 0],
        ["总计", 6, 3699.77, "总计", 38, 3699.77],
    ]
    s = "决算总表"
    return Case("l30_pzh_final_accounts_summary_side_by_side", "2024年度收入、支出总计均为3699.77万元…本年收入合计3686.67万元…本年支出合计3699.77万元",
                {s: rows},
                quiet=[(s, "C10"), (s, "F10"), (s, "C12"), (s, "F12"), (s, "B10"), (s, "E10"), (s, "B12"), (s, "E12"),
                       (s, "C5"), (s, "F5")],
                merges={s: ["A3:C3", "D3:F3"]}, resave=True)


def pzh_subject_codes_split() -> Case:
    """Seed 003 五(三) as a 一般公共预算财政拨款支出决算表: 科目编码 merged over 类 | 款 | 项, the 类 and
    款 rows with their sums (the codes as the 政府收支分类科目 numbers them; the seed names 类/款/项
    only): 208 社会保障和就业支出 2525.88 = 20801 人力资源和社会保障管理事务 1168.49 (511.68 + 4.2 +
    90.04 + 1 + 2 + 12.11 + 213.07 + 334.39) + 20805 行政事业单位养老支出 146.37 (39.56 + 93.05 +
    13.76) + 20807 就业补助 1204.01 + 20828 财政代缴社会保险费支出 7.01; 210 卫生健康支出 90.6; 合计
    3694.77 = 1000 + 2525.88 + 90.6 + 78.29."""
    lines = [
        ("205", None, None, "教育支出", 1000), ("205", "09", None, "其他教育支出", 1000),
        ("205", "09", "99", "其他教育支出", 1000),
        ("208", None, None, "社会保障和就业支出", 2525.88), ("208", "01", None, "人力资源和社会保障管理事务", 1168.49),
        ("208", "01", "01", "行政运行", 511.68), ("208", "01", "08", "信息化建设", 4.2),
        ("208", "01", "09", "社会保险经办机构", 90.04), ("208", "01", "10", "劳动关系和维权", 1),
        ("208", "01", "12", "劳动人事争议调解仲裁", 2), ("208", "01", "16", "引进人才费用", 12.11),
        ("208", "01", "50", "事业运行", 213.07), ("208", "01", "99", "其他人力资源和社会保障管理事务支出", 334.39),
        ("208", "05", None, "行政事业单位养老支出", 146.37), ("208", "05", "01", "行政单位离退休", 39.56),
        ("208", "05", "05", "机关事业单位基本养老保险缴费支出", 93.05),
        ("208", "05", "06", "机关事业单位职业年金缴费支出", 13.76),
        ("208", "07", None, "就业补助", 1204.01), ("208", "07", "99", "其他就业补助支出", 1204.01),
        ("208", "28", None, "财政代缴社会保险费支出", 7.01),
        ("208", "28", "01", "财政代缴城乡居民基本养老保险费支出", 7.01),
        ("210", None, None, "卫生健康支出", 90.6), ("210", "11", None, "行政事业单位医疗", 90.6),
        ("210", "11", "01", "行政单位医疗", 34.12), ("210", "11", "02", "事业单位医疗", 18.44),
        ("210", "11", "03", "公务员医疗补助", 28.56), ("210", "11", "99", "其他行政事业单位医疗支出", 9.48),
        ("221", None, None, "住房保障支出", 78.29), ("221", "02", None, "住房改革支出", 78.29),
        ("221", "02", "01", "住房公积金", 78.29),
    ]
    rows = [["一般公共预算财政拨款支出决算表（单位：万元）"],
            ["科目编码", None, None, "科目名称", "决算数"],
            ["类", "款", "项", None, None]]
    rows += [[a, b, c, name, v] for a, b, c, name, v in lines]
    rows.append([None, None, None, "合计", 3694.77])
    # rows: 4-33 lines, 34 合计
    s = "科目决算"
    return Case("l31_pzh_subject_codes_split", "社会保障和就业支出（类）人力资源和社会保障管理事务（款）行政运行（项）: 支出决算为511.68万元",
                {s: rows},
                quiet=[(s, "E34"), (s, "E7"), (s, "E8"), (s, "E17"), (s, "E25"), (s, "A4"), (s, "B5"), (s, "C6")],
                merges={s: ["A2:C2", "D2:D3", "E2:E3"]})


def taojiang_sangong_years_seed_order() -> Case:
    """Seed 002 “三公经费”对比说明 in its own column order — this year's 决算, this year's 预算, last
    year's 决算 — with the years written out: 60158 | 160000 | 99898 | −39740 | −39.78% (60158 − 99898
    = −39740; −39740 ÷ 99898 = −39.780%); 会议费 16730 | — | 19268 | −2538 (−13.17%, computed); 培训费
    15361 | — | 19380 | −4019 (−20.74%, computed). 增减 is this year's 决算 against last year's 决算,
    never this year's 预算."""
    rows = [
        ["“三公经费”对比说明（元）"],
        ["项目", "2024年决算数", "2024年预算数", "2023年决算数", "增减额", "增减率"],
        ["三公经费合计", 60158, 160000, 99898, -39740, "-39.78%"],
        ["其中：1、公务接待费", 60158, 160000, 99898, -39740, "-39.78%"],
        ["2、公务用车购置及运行费", 0, 0, 0, 0, None],
        ["3、因公出国（境）费", 0, 0, 0, 0, None],
        [],
        ["会议费", 16730, None, 19268, -2538, "-13.17%"],
        ["培训费", 15361, None, 19380, -4019, "-20.74%"],
    ]
    s = "三公说明"
    return Case("l32_taojiang_sangong_years_seed_order", "三公经费合计 60158 160000 99898 -39740 -39.78%", {s: rows},
                quiet=[(s, "E3"), (s, "F3"), (s, "E4"), (s, "F4"), (s, "E8"), (s, "F8"), (s, "E9"), (s, "F9"),
                       (s, "B3")])


def zjc_projects_transposed() -> Case:
    """Seed 000 项目(1)(2)(3) transposed, one column per project, one row per measure: 资金安排
    8138600 / 1027600 / 8180000; 年初预算 8137920 / 1027600 / 8180000; 实际到账 = 资金安排; 实际支出
    8138600 / 875770 / 7801800; the seed's 执行率 (到账 ÷ 预算) 100% each (8138600 ÷ 8137920 =
    100.008%, 100% at its precision) and 支出率 (支出 ÷ 到账) 100%, 85.22%, 95.38%."""
    rows = [
        ["2024年度社保补助项目资金到位及支出情况（元）"],
        ["指标", "基础养老金补助", "缴费补助", "代缴困难人员养老保险"],
        ["资金安排", 8138600, 1027600, 8180000],
        ["年初预算", 8137920, 1027600, 8180000],
        ["实际到账", 8138600, 1027600, 8180000],
        ["实际支出", 8138600, 875770, 7801800],
        ["执行率", "100%", "100%", "100%"],
        ["支出率", "100%", "85.22%", "95.38%"],
    ]
    s = "项目对比"
    return Case("l33_zjc_projects_transposed", "年初预算8137920元、年度调整0万元、实际到账8138600元，执行率100%", {s: rows},
                quiet=[(s, "B7"), (s, "C7"), (s, "C8"), (s, "D8"), (s, "B4"), (s, "C6")])


def zz_employment_services_stats() -> Case:
    """Seed 001 §4 and §7: 六场大型现场招聘会; 80 多家企业; 1500 多个就业岗位; 求职咨询约 1050 多人;
    达成就业意向 328 人; 推荐劳动力就业 286 人; 推荐江苏务工脱贫劳动力 16 人; 零工市场登记用工企业 85
    家, 求职登记 351 人, 对接零工人员 21 人, “五色匠人” 207 名. A statistics list: 序号, a 单位
    column, the 约/多 in a 备注 column, no total."""
    stats = [("举办大型现场招聘会", "场", 6, None), ("参会企业", "家", 80, "80多家"), ("提供就业岗位", "个", 1500, "1500多个"),
             ("入场求职咨询", "人", 1050, "约1050多人"), ("现场达成就业意向", "人", 328, None),
             ("推荐劳动力就业", "人", 286, None), ("推荐江苏务工脱贫劳动力", "人", 16, None),
             ("零工市场登记用工企业", "家", 85, None), ("零工市场求职登记", "人", 351, None),
             ("成功对接零工人员", "人", 21, None), ("收集“五色匠人”", "名", 207, None)]
    rows = [["2024年就业服务主要指标"], ["序号", "指标名称", "单位", "数量", "备注"]]
    rows += [[i, n, u, v, note] for i, (n, u, v, note) in enumerate(stats, start=1)]
    s = "就业服务"
    return Case("l34_zz_employment_services_stats", "成功举办六场大型现场招聘会…现场达成就业意向 328 人", {s: rows},
                quiet=[(s, f"D{r}") for r in range(3, 14)] + [(s, "A3"), (s, "C3")])


def taojiang_insurance_funds() -> Case:
    """Seed 002 1、: 养老保险参保人数597464人，其中：机保26479人；城乡居保460272人；企保110713人 (= 597464);
    工伤保险参保 5.95万人, 征缴收入约2377.85万元, 支出待遇约4817.1万元; 失业保险参保40781人, 发放
    失业保险金560.31万元; 基金总收入303554.02万元，总支出275215.09万元；当期结余28338.93万元 (=
    303554.02 − 275215.09)，累计结余144763.66万元. 其中 rows that add up exactly to their parent, 人 and
    万元 columns side by side, `5.95万` typed as the seed writes it, a 累计结余 column (a figure, no sum)."""
    rows = [
        ["2024年社会保险参保及基金情况"],
        ["险种", "参保人数（人）", "基金收入（万元）", "基金支出（万元）"],
        ["养老保险", 597464, None, None],
        ["其中：机保", 26479, None, None],
        ["城乡居保", 460272, None, None],
        ["企保", 110713, None, None],
        ["工伤保险", "5.95万", 2377.85, 4817.1],
        ["失业保险", 40781, None, 560.31],
        [],
        [],
        ["基金总收入（万元）", "基金总支出（万元）", "当期结余（万元）", "累计结余（万元）"],
        [303554.02, 275215.09, 28338.93, 144763.66],
    ]
    s = "社保基金"
    return Case("l35_taojiang_insurance_funds", "基金总收入303554.02万元，总支出275215.09万元；当期结余28338.93万元，累计结余144763.66万元",
                {s: rows},
                quiet=[(s, "B3"), (s, "B4"), (s, "B7"), (s, "C7"), (s, "D7"), (s, "D8"), (s, "A12"), (s, "C12"),
                       (s, "D12")])


def zjc_contribution_official_fraction_rate() -> Case:
    """Seed 000 项目(2): 年初预算1027600元…实际到账1027600元…实际支出875770元，支出率85.22% — and
    the project among the 5个项目得分100分: 87.577 ÷ 102.76 = 0.85224, so the 预算执行率 earns
    min(0.85224, 1) × 10 = 8.52, not the 10 stated (the seed's mistake); 85.22% is under 90%. A
    county's layout: 项目资金（万元） heads the label column itself, 执行率 typed as a fraction 0.8522,
    the 绩效指标 header without 偏差原因."""
    rows = [
        [f"2024年度{P}"],
        ["项目名称", "2024年度城乡居民县级缴费补助资金"],
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", 102.76, 102.76, 87.577, 10, 0.8522, 10],
        ["其中：当年财政拨款", 102.76, 102.76, 87.577, None, None, None],
        ["上年结转资金", 0, 0, 0],
        ["其他资金", 0, 0, 0],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标（50分）", "数量指标", "缴费补贴人数", "≥139570人", "139570人", 20, 20],
        [None, "质量指标", "县级缴费补贴资金到位率", "100%", "100%", 15, 15],
        [None, "时效指标", "预算完成及时率", "100%", "100%", 15, 15],
        ["效益指标（30分）", "社会效益指标", "缴费人员全部补贴", "100%", "100%", 30, 30],
        ["满意度指标（10分）", "服务对象满意度指标", "待遇领取人员满意度", "≥95%", "100%", 10, 10],
        ["总分", None, None, None, None, 100, 100],
    ]
    s = "缴费补助自评"
    return Case("l36_zjc_contribution_official_fraction_rate", "实际到账1027600元，实际支出875770元，支出率85.22%…5个项目得分100分",
                {s: rows},
                expect=[Expect(s, "F4", "EXEC_RATE_LOW", "87.577 ÷ 102.76 = 85.22% < 90%"),
                        Expect(s, "G4", "SCORE_MISMATCH", "min(0.85224, 1) × 10 = 8.52, stated 10")],
                quiet=[(s, "F14"), (s, "G9"), (s, "G13")], resave=True)


def zz_summary_grade_in_one_cell() -> Case:
    """Seed 001 (三): 预算执行方面共 10 分，得 10 分；产出指标方面共 50 分，得 49 分；效益指标方面共 30 分，
    得 28 分，满意度指标共 10 分，得 9 分 — 10 + 49 + 28 + 9 = 96 of 100, 优秀等级 (≥ 90). A 评分汇总 with
    权重 for 分值, 得分率 as decimals typed as text (0.98 = 49 ÷ 50; 0.9333 = 28 ÷ 30), the 等级 written
    with its value in one cell under the table, a 填报单位/单位 line above the header."""
    rows = [
        ["子洲县人力资源和社会保障局2024年度整体支出绩效自评得分汇总"],
        ["填报单位：子洲县人力资源和社会保障局", None, "单位：分"],
        ["一级指标", "权重", "得分", "得分率"],
        ["预算执行", 10, 10, "1"],
        ["产出指标", 50, 49, "0.98"],
        ["效益指标", 30, 28, "0.9333"],
        ["满意度指标", 10, 9, "0.9"],
        ["合计", 100, 96, "0.96"],
        ["评价等级：优秀"],
    ]
    s = "自评汇总"
    return Case("l37_zz_summary_grade_in_one_cell", "本次整体绩效自评满分 100 分，自评得分为 96 分，优秀等级", {s: rows},
                quiet=[(s, "B8"), (s, "C8"), (s, "D8"), (s, "D6"), (s, "D5"), (s, "A9")])


def zjc_proxy_official_two_pages() -> Case:
    """Seed 000 项目(3) in the official layout (as l20) printed over two pages: the 绩效指标 header
    repeated under a 续 title typed in the 一级指标 column, after the 产出 rows' first two. The seed's
    mistake as in l20: 预算执行率 10 stated, min(780.18 ÷ 818, 1) × 10 = 9.54."""
    base = zjc_proxy_official_without_optional()
    rows = base.sheets["项目-代缴"]
    rows = rows[:10] + [[f"张家川县2024年度{P}（续）"], rows[7]] + rows[10:]
    # rows: 8 header, 9-10 产出, 11 续 title, 12 header, 13 时效, 14 效益, 15 满意度, 16 总分
    s = "项目-代缴"
    return Case("l38_zjc_proxy_official_two_pages", base.seed, {s: rows},
                expect=[Expect(s, "G4", "SCORE_MISMATCH", "min(780.18 ÷ 818, 1) × 10 = 9.54, stated 10")],
                quiet=[(s, "F4"), (s, "F16"), (s, "G9"), (s, "G15"), (s, "A9")])


def pzh_function_share_fractions() -> Case:
    """Seed 003 五(二) as a sheet computes it: each 占比 a formula's value (0.2707 for 27.07%, the cell
    formatted as a percentage, which values do not carry) under a header that says （%）; 收入 beside
    for the same year (本年收入合计3686.67万元: 3681.67 占99.86%, 5 占0.14%). 78.29 ÷ 3694.77 =
    0.021189 → 0.0212, the seed's 2.14% typed 0.0214."""
    rows = [
        ["2024年度收支结构（万元）"],
        ["支出功能分类", "决算数", "占比（%）", None, "收入类别", "决算数", "占比（%）"],
        ["教育支出", 1000, 0.2707, None, "一般公共预算财政拨款收入", 3681.67, 0.9986],
        ["社会保障和就业支出", 2525.88, 0.6836, None, "政府性基金预算财政拨款收入", 5, 0.0014],
        ["卫生健康支出", 90.6, 0.0245, None, "本年收入合计", 3686.67, 1],
        ["住房保障支出", 78.29, 0.0214],
        ["合计", 3694.77, 1],
    ]
    s = "收支结构"
    return Case("l39_pzh_function_share_fractions", "住房保障支出78.29万元，占2.14%；政府性基金预算财政拨款收入5万元，占0.14%",
                {s: rows},
                expect=[Expect(s, "C6", "RATE_MISMATCH", "78.29 ÷ 3694.77 = 0.021189 → 2.12%, stated 0.0214")],
                quiet=[(s, "C3"), (s, "C4"), (s, "C5"), (s, "C7"), (s, "G3"), (s, "G4"), (s, "G5"), (s, "B7"),
                       (s, "F5")])


def taojiang_dept_funds_in_cells() -> Case:
    """Seed 002 附件2's 年度预算申请 block with its two breakdowns typed into cells (a county
    variant of the seed's `其中：一般公共预算：954.67` label text): 年度资金总额 年初预算数 979.39 (the
    report: 年初支出计划979.39万元), 按收入性质 一般公共预算 954.67 and nothing else — 24.72 short —
    and 按支出性质 基本支出 755.67 + 项目支出 199 = 954.67, the same 24.72 short. The seed's own
    inconsistency: the 年初预算数 979.39 is not what its breakdowns add to. 执行率 1696.51 ÷ 1715.12 =
    98.91% ✓, 9.89 ✓."""
    rows = [
        ["桃江县2024年度部门整体支出绩效自评表"],
        ["县级预算部门、单位名称", "桃江县人力资源和社会保障局"],
        ["年度预算申请（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "自评得分"],
        [None, "年度资金总额", 979.39, 1715.12, 1696.51, 10, "98.91%", 9.89],
        [None, "其中：一般公共预算", 954.67, None, None],
        [None, "政府性基金拨款", None, None, None],
        [None, "纳入专户管理的非税收入拨款", None, None, None],
        [None, "其他资金", None, None, None],
        [None, "基本支出", 755.67, None, None],
        [None, "项目支出", 199, None, None],
    ]
    s = "部门资金"
    return Case("l40_taojiang_dept_funds_in_cells", "年度资金总额 979.39 … 其中：一般公共预算：954.67 … 其中：基本支出：755.67 … 项目支出：199",
                {s: rows},
                expect=[Expect(s, "C4", "SUM_MISMATCH", "按收入性质 954.67 (按支出性质 755.67 + 199 = 954.67), stated 979.39")],
                quiet=[(s, "G4"), (s, "H4"), (s, "D4"), (s, "E4")],
                merges={s: ["A3:A10"]}, resave=True)


CASES = [zjc_income_expense_side_by_side, zz_loans_and_insured_columns, zz_loans_two_row_header,
         zz_contribution_proxy_fullwidth, pzh_income_expense_totals_first, pzh_function_share_label_right,
         pzh_subtotals_per_class, pzh_budget_final_three_row_header, pzh_changes_prior_first,
         taojiang_sangong_fullwidth, taojiang_basic_data_reordered, taojiang_dept_self_eval,
         suinan_table4_label_right, suinan_table7_shifted_total, suinan_table8_continued,
         suinan_wjx_other_wording, suinan_wjx_summary_matrix, zjc_projects_yuan_and_wanyuan,
         zjc_pension_official_extra_columns, zjc_proxy_official_without_optional, zz_tasks_county_variant,
         suinan_basic_spending_totals_first, suinan_project_spending_second_copy, pzh_sangong_nested_twice,
         zz_training_and_targets_side_by_side, suinan_annex1_text_scores,
         zjc_projects_placeholder_to_fill, suinan_conclusion_sheet, pzh_regular_projects_continued,
         pzh_final_accounts_summary_side_by_side, pzh_subject_codes_split,
         taojiang_sangong_years_seed_order, zjc_projects_transposed, zz_employment_services_stats,
         taojiang_insurance_funds, zjc_contribution_official_fraction_rate, zz_summary_grade_in_one_cell,
         zjc_proxy_official_two_pages, pzh_function_share_fractions, taojiang_dept_funds_in_cells]
