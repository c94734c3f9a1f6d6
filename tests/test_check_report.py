"""`xlperf check-report` on the five seed reports (tests/seeds/, copied from five real 2024
自评报告): every mistake found in them, with its arithmetic, and nothing else — the exact
set of findings per seed is the false-alarm budget. Then sentences that must stay quiet
(years, 文号, phone numbers, people, figures in other units), the command line and the
JSON shape."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from xlperf.cli import main
from xlperf.narrative.check import check_report
from xlperf.narrative.document import Para, Report, clean, read_report

SEEDS = Path(__file__).parent / "seeds"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def found(path) -> set:
    return {(f.cell, f.code, f.found) for f in check_report(read_report(path))}


def text_findings(*paragraphs: str) -> list:
    paras = [Para(i, clean(t), t, None, f"第{i}段") for i, t in enumerate(paragraphs, start=1)]
    return check_report(Report("测试.txt", paras))


# ---- seed 000 (张家川县人社局) -------------------------------------------------------
SEED000 = {
    # “2024年度收入合计5407.7539.59元,其中：财政拨款收入5324.059.19元、其他收入836948.4元”:
    # two decimal points in each figure (the 支出合计 54077539.59元 beside it reads fine)
    ("第21段", "BAD_NUMBER", "5407.7539.59元"),
    ("第21段", "BAD_NUMBER", "5324.059.19元"),
    # “…7个项目进行了部门绩效评价，共计**万元。”: the amount never filled in
    ("第25段", "PLACEHOLDER", "**万元"),
    # “公共就业和人才服务中心、、社会保险事业服务中心”: a doubled 、 (the six units are all named)
    ("第3段", "REPORT_TYPO", "、、"),
    # “共支出就业补助资金2579.98万元。其中：城镇公益性岗位补贴1937万元…”: the nine items add to
    # 1937 + 292.8 + 74.57 + 163.28 + 20.12 + 49.72 + 6 + 1.3 + 35.2 = 2579.99, 0.01 off, within
    # the rounding of nine items: info, as checks.md has it
    ("第32段", "SUM_MISMATCH", "2579.98万元"),
    # headings 一、 → 2、 → 三、 → 三、: the second part is numbered 2、 and 三、 comes twice
    ("第23段", "REPORT_NUMBERING", "三、"),
    ("第38段", "REPORT_NUMBERING", "三、"),
    # （一）部门预算管理 → （2） 结果应用情况 → （三）项目预算执行情况
    ("第28段", "REPORT_NUMBERING", "（三）"),
}


def test_seed000():
    # quiet: 2311 + 342.8 = 2653.8万元; nine 就业补助 items 1937 + 292.8 + … + 35.2 = 2579.99 vs
    # 2579.98 (within the rounding of 9 items) and each 占% (1937 ÷ 2579.98 = 75.08%…);
    # 875770 ÷ 1027600 = 85.22%; 3019 ÷ 2800 = 107.82%; 838 + 569 + 972 = 2379人;
    # 292.8 + 2059.4 = 2352.2万元; 1481 ÷ 1500 = 98.73%; 张财发（2024）116号 is no figure
    assert found(seed("000")) == SEED000


# ---- seed 001 (子洲县人社局) -------------------------------------------------------
SEED001 = {
    # the 自评表's 总分 row “总分 100 99”: its item rows score
    # 10 + 5+5+5+5+5+5+5+4+5+5 + 10+9+9 = 87 over weights 10 + 10×5 + 3×10 = 90
    ("第40段", "TOTAL_MISMATCH", "99"),
    ("第40段", "WEIGHT_SUM", "100"),
    # “高质量完成 100% 100% 5 4”: the target met, the rule gives the full 5
    ("第32段", "SCORE_MISMATCH", "4"),
    # “服务对象满意度 ≥90% 98% 10 9”: 98% ≥ 90%, the rule gives the full 10
    ("第38段", "SCORE_MISMATCH", "9"),
    # “2015 年 3 月 19 日” under 评价组组长 and 部门负责人: a 2024 report signed in 2015
    ("第50段", "DATE_ANOMALY", "2015年3月19日"),
    ("第52段", "DATE_ANOMALY", "2015年3月19日"),
    # “单位资产总额 1087.74 万元，其中流动资产 398.91 万元，固定资产 688.69 万元”: 398.91 + 688.69 = 1087.60
    ("第56段", "SUM_MISMATCH", "1087.74万元"),
    # the same paragraph: “2023 年度财政收入 1009.41 万元” where 当年单位预算 says
    # “2024年度财政收入1009.41万元”: this year's figure under last year's name
    ("第56段", "DATE_ANOMALY", "2023年度"),
    # “以上累计培训 1829 人”: 53 + 50 + 35 + 300 + 189 + 70 + 26 + 74 + 30 + 1038 = 1865
    ("第69段", "SUM_MISMATCH", "1829人"),
    # “支出1009.41万元，基本支出250.69万元，项目支出788.72万元”: 250.69 + 788.72 = 1039.41
    # (the same sentence in 单位概况 says 220.69, which adds up)
    ("第85段", "SUM_MISMATCH", "1009.41万元"),
    # “参保登记159229人，其中：参保缴费105356人，领取待遇53775人”: 105356 + 53775 = 159131
    ("第90段", "SUM_MISMATCH", "159229人"),
    # “自评得分为 96 分” while the table's 总分 row says 99
    ("第98段", "REPORT_SCORE_CONFLICT", "96"),
    # (四) 问题及改进措施 lists (一)(二)(三) at the same level, then “(五)年度该部门…” follows (三)
    ("第105段", "REPORT_NUMBERING", "（五）"),
}


def test_seed001():
    # quiet: 预算执行 10 + 产出 49 + 效益 28 + 满意度 9 = 96 = 自评得分 96, 优秀 for 96;
    # 1847 ÷ 1650 = 111.9%; 214 ÷ 120 = 178%; 研究生 154 + … + 企业改制 423 = 16932人;
    # 77笔 = 71 + 6, 2964万元 = 1514 + 1450; 10248 = 6593 + 3655; 其中劳动力1860人，劳动力就业人数1658人
    # (a part of a part); 1951名 × 500元 = 97.55万元 is no sum; 11 月 6 日 has no year
    assert found(seed("001")) == SEED001


# ---- seed 002 (桃江县人社局) -------------------------------------------------------
SEED002 = {
    # 附件2 pasted one cell a line: 年度资金总额 1715.12 / 1696.51, 分值 10, 执行率 98.91%,
    # 自评得分 9.89 (= 0.9891 × 10), yet “总分 100 100”: at most 100 − 10 + 9.89 = 99.89
    ("第170段", "REPORT_SCORE_CONFLICT", "100"),
    # (一)部门整体支出规模 → (2) 项目绩效目标设立情况 → (三)基本支出情况
    ("第201段", "REPORT_NUMBERING", "（三）"),
}


def test_seed002():
    # quiet: 三公 60158 − 99898 = −39740, −39740 ÷ 99898 = −39.78%; 74 ÷ 83 = 89.16%;
    # 303554.02 − 275215.09 = 28338.93万元 (no rate); 26479 + 460272 + 110713 = 597464人;
    # 74 + 40 = 114人; 13个内设机构 and 6个 二级机构 list 13 and 6 names; 联系电话：8882400
    assert found(seed("002")) == SEED002


# ---- seed 003 (攀枝花市西区人社局) -------------------------------------------------
SEED003 = {
    # “住房保障支出78.29万元，占2.14%” of 3694.77万元: 78.29 ÷ 3694.77 = 2.12%
    ("第39段", "RATE_MISMATCH", "2.14%"),
    # “决算数为3694.77，完成预算100%”: a sum of money without 元 or 万元
    ("第42段", "UNIT_SUSPECT", "3694.77"),
    # “增长%增长45.65%”: a percent sign with no figure
    ("第75段", "BAD_NUMBER", "%"),
    # “政府性基金预算财政拨款支出5万元，占本年支出合计的0.13%”: 5 ÷ 3699.77 = 0.135% → 0.14%
    # (a warning: off by one in the last place, truncated rather than rounded)
    ("第79段", "RATE_MISMATCH", "0.13%"),
    # “预算结余率大于10%的项目共计3个。具体为：攀枝花市西区公共实训基地建设项目、就业创业上级
    # 补助及低收入群体托底改革行动（区县）项目。”: two named
    ("第172段", "REPORT_COUNT_MISMATCH", "3"),
    # “国内公务接待…共计支出0.67万元，具体内容包括：…0.11万元；…0.07万元；…0.06万元；…0.13万元；
    # …0.14万元；…0.08万元；…0.07万元” = 0.66万元, within the rounding of seven items: info
    ("第76段", "SUM_MISMATCH", "0.67万元"),
    # the 职业年金 report: （一）设立背景 → （2） 实施目的 → （三）预算安排及分配管理
    ("第239段", "REPORT_NUMBERING", "（三）"),
}


def test_seed003():
    # quiet: 3681.67 + 5 = 3686.67 with 99.86% / 0.14%; 1381.65 + 2318.12 = 3699.77 with
    # 37.34% / 62.66%; 747.17 ÷ (3699.77 − 747.17) = 25.31%; 170.84 ÷ 66.63 = 256.4%;
    # 1000 + 2525.88 + 90.6 + 78.29 = 3694.77; 上级资金2000万元，其中中央1500、省级500 (区级 500
    # is the sibling); 2014年10月1日至2018年12月31日 is a policy's period, not a date of the report;
    # 年初预算1742.64、决算3699.77。其中：人员经费 1383.81/1144.18，公用经费 85.44/237.47，项目经费
    # 273.4/2318.12 (two columns, each adding up); 基本支出1381.65 = 人员经费1144.18 + 公用经费237.47
    assert found(seed("003")) == SEED003


# ---- seed 004 (肃南县人社局) -------------------------------------------------------
SEED004 = {
    # “在职人员43人。在职人员控制率为97.72%” of 编制44名: 43 ÷ 44 = 97.727% → 97.73% (truncated)
    ("第386段", "RATE_MISMATCH", "97.72%"),
    # “基本支出预算执行率为 100。”: a rate without its %
    ("第410段", "UNIT_SUSPECT", "100"),
    # 评分表 rows whose evidence ends 得3分 while the 得分 column says 4 (年度绩效指标明确性,
    # 维护劳动者的合法权益, 筑牢民生安全屏障)
    ("第551段", "TEXT_SCORE_MISMATCH", "3"),
    ("第611段", "TEXT_SCORE_MISMATCH", "3"),
    ("第614段", "TEXT_SCORE_MISMATCH", "3"),
    # 《项目支出绩效管理办法》（财预〔2020〕10号）: that 文号 is the 《…项目支出绩效评价管理办法》
    ("第356段", "REPORT_CITATION", "项目支出绩效管理办法"),
    # 文号 misprinted: 肃财发7〔2024〕7号, 肃人社〔2023〕发137号, 肃人社〔2024〕报125号, 肃人社报1〔2024〕25号
    ("第413段", "REPORT_CITATION", "肃财发7〔2024〕7号"),
    ("第481段", "REPORT_CITATION", "肃人社〔2023〕发137号"),
    ("第551段", "REPORT_CITATION", "肃人社〔2024〕报125号"),
    ("第607段", "REPORT_CITATION", "肃人社报1〔2024〕25号"),
    # the 2023 工作总结 report cited as 肃人社发〔2024〕137号 (elsewhere 〔2023〕137号)
    ("第448段", "REPORT_CITATION", "肃人社发〔2024〕137号"),
    # 肃财发〔2024〕77号 titled “关于批复2023年部门预算的通知” (elsewhere the 2024 budget)
    ("第463段", "REPORT_CITATION", "肃南裕固族自治县财政局关于批复2023年部门预算的通知"),
    # the 2024 budget 批复 cited as 肃财发〔2024〕7号 (elsewhere 77号)
    ("第549段", "REPORT_CITATION", "肃财发〔2024〕7号"),
    # 五、存在的主要问题及原因分析 → 七、有关建议 → 六、社会调查方案 → 七、…: 六 skipped once
    ("第497段", "REPORT_NUMBERING", "七、"),
    # “②特别开展了重点群体就业工作，，强化公益性岗位规范化管理”: a doubled ，
    ("第590段", "REPORT_TYPO", "，，"),
    # “绩效评价指标体系分析中一共设计3个一级指标”: the evaluation set 一级指标4个 (决策、过程、产出、效益)
    ("第365段", "REPORT_COUNT_MISMATCH", "3"),
}


def test_seed004():
    # quiet: 决策 14 + 过程 22 + 产出 33 + 效益 28 = 97 = 评价得分 97, 优; each table's 合计
    # (3+4+2+2+2+2 = 15, 3+4+1+2+2+2 = 14, 14 ÷ 15 = 93.33%); 1999 ÷ 1900 = 105.2%;
    # 6255 ÷ 6100 = 103%; 三公 2 ÷ 4 = 50%; 临聘人员控制率 0% (no 临聘 figure to divide);
    # 部门预算执行率100% is not 项目支出 ÷ 收入; 问卷 总分为100分 is no 总分 of the report
    assert found(seed("004")) == SEED004


# ---- sentences that must stay quiet, and ones that must not -------------------------
def test_years_document_numbers_phones_and_people_are_not_added():
    assert text_findings(
        "根据《财政部关于印发〈项目支出绩效评价管理办法〉的通知》（财预〔2020〕10号），2024年度支出合计"
        "1200万元，其中：基本支出800万元，项目支出400万元。",
        "联系电话：0936-8882400，共有干部职工114人，其中在职74人，退休40人。",
        "培训1700人，每人3300元，共561万元。",
        "2024年12月31日前完成，截至2025年3月10日已全部拨付。",
    ) == []


def test_sum_and_rate_mistakes_in_plain_sentences():
    got = text_findings(
        "2024年度支出合计1200万元，其中：基本支出800万元，项目支出300万元。",
        "城镇新增就业3019人，完成全年目标任务2800人的117.82%。",
        "2024年度收入3000万元，与2023年度相比增加500万元，增长25%。",
    )
    assert [(f.cell, f.code, f.found, f.expected) for f in got] == [
        ("第1段", "SUM_MISMATCH", "1200万元", "1100万元"),  # 800 + 300 = 1100
        ("第2段", "RATE_MISMATCH", "117.82%", "107.82%"),  # 3019 ÷ 2800
        ("第3段", "RATE_MISMATCH", "25%", "20%"),  # 500 ÷ (3000 − 500)
    ]


def test_mixed_money_units_are_converted_not_added_raw():
    assert text_findings("项目资金共计2.5万元，其中：上级补助15000元，县级配套1万元。") == []
    got = text_findings("项目资金共计2.5万元，其中：上级补助15000元，县级配套2万元。")
    assert [(f.code, f.expected) for f in got] == [("SUM_MISMATCH", "3.5万元")]


def test_placeholders_and_draft_marks():
    got = text_findings("共计XX万元，完成率**%。", "【请填写：主要做法】")
    assert [(f.code, f.severity) for f in got] == [
        ("PLACEHOLDER", "error"), ("PLACEHOLDER", "error"), ("REPORT_UNFILLED", "info")]


def test_heading_numbers_count_on():
    got = text_findings("一、概况", "（一）机构", "（三）人员", "二、收支", "（一）收入", "（二）支出", "四、问题",
                        "三、措施")
    assert [(f.cell, f.found, f.expected) for f in got] == [
        ("第3段", "（三）", "（二）"), ("第7段", "四、", "三、")]  # 三、 after it resumes the count


def test_grade_must_match_the_stated_total():
    got = text_findings("本次自评得分为86分，等级为“优”。")
    assert [(f.code, f.expected) for f in got] == [("GRADE_MISMATCH", "良")]


# ---- the command line -----------------------------------------------------------------
def test_cli_exit_status_and_json_shape(capsys):
    code = main(["check-report", str(seed("001")), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert {f["code"] for f in out} >= {"TOTAL_MISMATCH", "DATE_ANOMALY"}
    assert set(out[0]) == {"file", "sheet", "cell", "code", "severity", "message", "expected", "found"}
    assert out[0]["sheet"] == "自评报告" and out[0]["file"] == seed("001").name


def test_cli_clean_report_exits_0(tmp_path, capsys):
    p = tmp_path / "报告.txt"
    p.write_text("2024年度支出合计1200万元，其中：基本支出800万元，项目支出400万元。\n", encoding="utf-8")
    assert main(["check-report", str(p)]) == 0
    assert "错误 0" in capsys.readouterr().out


@pytest.mark.parametrize("name,content,words", [
    ("缺失.txt", None, "不存在"),
    ("报告.doc", b"\xd0\xcf\x11\xe0", "另存为 .docx"),
    ("坏的.docx", b"not a zip", "另存为 .docx"),
    ("空的.txt", b"  \n\n", "空的"),
    ("表.xlsx", b"PK", "请给出 .docx 或 .txt"),
])
def test_cli_bad_input_is_one_chinese_line_and_exit_2(tmp_path, capsys, name, content, words):
    p = tmp_path / name
    if content is not None:
        p.write_bytes(content)
    assert main(["check-report", str(p)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and words in err


def test_gb18030_text_is_read(tmp_path):
    p = tmp_path / "报告.txt"
    p.write_bytes("支出合计1200万元，其中：基本支出800万元，项目支出300万元。".encode("gb18030"))
    assert [f.code for f in check_report(read_report(p))] == ["SUM_MISMATCH"]


def test_docx_paragraphs_and_tables_are_located(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("桃江县2024年度部门整体支出绩效自评报告")
    d.add_paragraph("2024年度收入合计5407.7539.59元。")
    t = d.add_table(rows=1, cols=4)
    for c, h in zip(t.rows[0].cells, ("三级指标", "分值", "得分", "偏差原因"), strict=True):
        c.text = h
    for row in (("新增就业", "5", "5", ""), ("培训人次", "5", "4", "场地"), ("总分", "10", "10", "")):
        for c, v in zip(t.add_row().cells, row, strict=True):
            c.text = v
    d.add_paragraph("评价组组长签字：2019年3月19日")
    path = tmp_path / "报告.docx"
    d.save(path)
    got = {(f.cell, f.code) for f in check_report(read_report(path))}
    assert got == {("第2段", "BAD_NUMBER"),
                   ("表1第4行", "TOTAL_MISMATCH"),  # 5 + 4 = 9, not 10
                   ("第3段", "DATE_ANOMALY")}  # the third paragraph (the table rows count apart)
