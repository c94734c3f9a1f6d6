"""`xlperf report`: the 自评报告 drafted from a workbook's refreshed figures, in the
structure the seed reports share, with 【请填写：…】 where only the department can write.

Every figure comes from xlperf.narrative.facts (the engine's REFRESH plan applied in
memory); rounding is rules.numbers'. The sentences are written so that `check-report`
reads them back: a draft checked against its own workbook has no error or warning."""
from __future__ import annotations

import os
import tempfile
from decimal import Decimal
from pathlib import Path

from ..errors import UsageError
from ..findings import ERROR, SEVERITY_LABEL, WARNING
from ..rules.numbers import fmt_percent, fmt_plain
from ..settings import DEFAULT, Settings
from . import docx_style as st
from .facts import FundRow, SheetFacts, WorkbookFacts, workbook_facts

FILL = "【请填写：{}】"
_CN = "一二三四五六七八九十"


def _m(v: Decimal | None, unit: str = "万元") -> str:
    return "—" if v is None else f"{fmt_plain(v)}{unit}"


def _pct(v: Decimal | None) -> str:
    return "—" if v is None else fmt_percent(v, 2)


def _n(i: int) -> str:
    return _CN[i] if i < len(_CN) else str(i + 1)


def build(wb: WorkbookFacts):
    import docx

    document = docx.Document()
    st.setup(document)
    year = wb.year or ""
    dept = wb.dept or FILL.format("部门名称")
    st.title(document, f"{wb.region if wb.region and not dept.startswith(wb.region) else ''}{dept}"
                       f"{year}年度部门整体支出绩效自评报告")
    _overview(document, wb)
    _money(document, wb)
    _performance(document, wb)
    _problems(document, wb)
    _next_steps(document)
    _findings(document, wb)
    st.paragraph(document, dept, indent=False, align=2)
    st.paragraph(document, f"{(wb.year or 0) + 1 if wb.year else ''}年{FILL.format('月日')}",
                 indent=False, align=2)
    return document


def _overview(document, wb: WorkbookFacts) -> None:
    st.heading(document, "一、部门（单位）概况", 1)
    st.heading(document, "（一）机构组成", 2)
    st.paragraph(document, FILL.format("内设机构、下属二级单位及纳入决算编制范围的单位"))
    st.heading(document, "（二）机构职能", 2)
    st.paragraph(document, FILL.format("部门主要职责"))
    st.heading(document, "（三）人员概况", 2)
    if wb.staff and wb.staff[0] is not None and wb.staff[1] is not None:
        quota, actual, rate = wb.staff
        text = f"部门核定编制{fmt_plain(quota)}人，实际在职人数{fmt_plain(actual)}人"
        if rate is not None:
            text += f"，在职人员控制率{_pct(rate)}"
        st.paragraph(document, text + "。" + FILL.format("退休人员等其他人员情况"))
    else:
        st.paragraph(document, FILL.format("编制数、实有人数"))


def _fund_sentence(name: str, f: FundRow) -> str:
    parts = []
    if f.initial is not None:
        parts.append(f"年初预算数{_m(f.initial)}")
    parts.append(f"全年预算数{_m(f.budget)}")
    parts.append(f"全年执行数{_m(f.executed)}")
    text = f"{name}" + "，".join(parts)
    if f.rate is not None:
        text += f"，预算执行率{_pct(f.rate)}"
    return text + "。"


def _money(document, wb: WorkbookFacts) -> None:
    st.heading(document, "二、部门财政资金收支情况", 1)
    o = wb.overall
    st.heading(document, "（一）预算安排及执行情况", 2)
    if o is not None and o.main is not None:
        st.paragraph(document, _fund_sentence(f"{wb.year or ''}年度部门资金", o.main))
        rows = [f for f in o.funds if f.budget is not None or f.executed is not None]
        basic = next((f for f in rows if f.label == "基本支出"), None)
        project = next((f for f in rows if f.label == "项目支出"), None)
        if basic and project and basic.executed is not None and project.executed is not None:
            st.paragraph(document, f"按支出性质分，基本支出全年执行数{_m(basic.executed)}，"
                                   f"项目支出全年执行数{_m(project.executed)}。")
        st.table(document, ["项目", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）", "执行率"],
                 [[f.label.rstrip(":："), fmt_plain(f.initial) if f.initial is not None else "—",
                   fmt_plain(f.budget) if f.budget is not None else "—",
                   fmt_plain(f.executed) if f.executed is not None else "—", _pct(f.rate)] for f in rows])
    else:
        st.paragraph(document, FILL.format("年度预算安排及执行情况（工作簿中没有资金表）"))
    st.paragraph(document, FILL.format("收支增减变化的主要原因"))
    if o is not None and o.tasks:
        st.heading(document, "（二）年度主要任务（项目）资金", 2)
        st.table(document, ["任务名称", "全年预算数（万元）", "全年执行数（万元）", "执行率"],
                 [[t.label, fmt_plain(t.budget) if t.budget is not None else "—",
                   fmt_plain(t.executed) if t.executed is not None else "—", _pct(t.rate)] for t in o.tasks])
    total = next((v for item, v in wb.sangong if item.startswith("三公")), None)
    if total is not None:
        st.heading(document, f"（{'三' if o is not None and o.tasks else '二'}）“三公”经费", 2)
        cur, init, prev, change, rate = total
        if cur is not None and prev is not None and init is not None:
            text = f"“三公”经费年初预算{_m(init, '元')}，上年度支出{_m(prev, '元')}；本年度支出{_m(cur, '元')}"
            if change is not None and rate is not None and change != 0:
                word, rword = ("增加", "增长") if change > 0 else ("减少", "下降")
                text += f"，比上年{word}{_m(abs(change), '元')}，{rword}{fmt_percent(abs(rate), 2)}"
            st.paragraph(document, text + "。" + FILL.format("增减变化的主要原因"))
        st.table(document, ["指标", "本年度（元）", "年初预算（元）", "上年度（元）", "比上年增减（元）", "比上年增减%"],
                 [[item] + [fmt_plain(x) if x is not None else "—" for x in v[:4]] + [_pct(v[4])]
                  for item, v in wb.sangong])


def _indicator_table(document, sheet: SheetFacts, total_label: str) -> None:
    rows = []
    main = sheet.main
    if main is not None and main.weight is not None and main.score is not None:
        rows.append(["预算执行", "预算执行率", "执行率", "100%", _pct(main.rate), fmt_plain(main.weight),
                     fmt_plain(main.score), ""])
    for ind in sheet.indicators:
        rows.append([ind.level1, ind.level2, ind.name, ind.target, ind.actual,
                     fmt_plain(ind.weight) if ind.weight is not None else "",
                     fmt_plain(ind.score) if ind.score is not None else "", ind.deviation])
    weights = [Decimal(r[5]) for r in rows if r[5]]
    rows.append([total_label, "", "", "", "", fmt_plain(sum(weights, Decimal(0))),
                 fmt_plain(sheet.total) if sheet.total is not None else "", ""])
    st.table(document, ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
             rows, [1.5, 1.5, 2.8, 1.8, 1.9, 1.2, 1.5, 3.3])


def _shortfalls(document, sheet: SheetFacts) -> None:
    for ind in sheet.indicators:
        if ind.weight is None or ind.score is None or ind.score >= ind.weight:
            continue
        reason = ind.deviation or FILL.format(f"“{ind.name}”未完成的原因及改进措施")
        st.paragraph(document, f"“{ind.name}”年度指标值{ind.target}，实际完成{ind.actual}，"
                               f"分值{fmt_plain(ind.weight)}分，扣{fmt_plain(ind.weight - ind.score)}分。"
                               f"偏差原因及改进措施：{reason}")


def _performance(document, wb: WorkbookFacts) -> None:
    st.heading(document, "三、部门整体预算绩效管理情况", 1)
    o = wb.overall
    st.heading(document, "（一）绩效目标完成情况", 2)
    if o is not None:
        if o.total is not None:
            st.paragraph(document, f"部门整体支出绩效自评得分{fmt_plain(o.total)}分，等级为“{o.grade}”。"
                                   "各项指标完成情况如下表：")
        _indicator_table(document, o, "总分")
        _shortfalls(document, o)
    st.paragraph(document, FILL.format("年度总体目标的完成情况及主要做法"))
    if wb.projects:
        st.heading(document, "（二）项目支出绩效自评情况", 2)
        for i, p in enumerate(wb.projects):
            st.paragraph(document, f"{i + 1}．“{p.name}”项目", indent=True)
            if p.main is not None:
                st.paragraph(document, _fund_sentence(f"“{p.name}”", p.main))
            if p.total is not None:
                st.paragraph(document, f"“{p.name}”项目自评得分{fmt_plain(p.total)}分，等级“{p.grade}”。")
            _indicator_table(document, p, "合计")
            _shortfalls(document, p)
    scoring = wb.scoring
    if scoring:
        st.heading(document, f"（{'三' if wb.projects else '二'}）部门整体支出绩效评价指标得分", 2)
        groups = scoring.get("groups", {})
        rows = [[k, fmt_plain(g["weight"]), fmt_plain(g["score"]),
                 _pct(g["score"] / g["weight"]) if g["weight"] else "—"] for k, g in groups.items()]
        weight = sum((g["weight"] for g in groups.values()), Decimal(0))
        rows.append(["合计", fmt_plain(weight), fmt_plain(scoring["total"]),
                     _pct(scoring["total"] / weight) if weight else "—"])
        st.paragraph(document, f"按部门整体支出绩效评价指标体系评分，合计{fmt_plain(scoring['total'])}分"
                               f"（评分表等级：{scoring['grade']}），各一级指标得分如下表：")
        st.table(document, ["一级指标", "分值", "得分", "得分率"], rows)
    if wb.survey_rate is not None:
        st.paragraph(document, f"满意度问卷综合满意率{fmt_percent(wb.survey_rate, 2)}。")


def _problems(document, wb: WorkbookFacts) -> None:
    st.heading(document, "四、存在的问题及原因", 1)
    missed = [ind.name for s in wb.sheets for ind in s.indicators
              if ind.weight is not None and ind.score is not None and ind.score < ind.weight]
    if missed:
        st.paragraph(document, "未完全达到年度指标值的指标：" + "、".join(f"“{n}”" for n in missed) + "。")
    st.paragraph(document, FILL.format("存在的主要问题及原因"))


def _next_steps(document) -> None:
    st.heading(document, "五、下一步改进措施及结果应用", 1)
    st.paragraph(document, FILL.format("改进措施"))
    st.paragraph(document, FILL.format("自评结果的应用和公开情况"))


def _findings(document, wb: WorkbookFacts) -> None:
    shown = [f for f in wb.findings if f.severity in (ERROR, WARNING)]
    if not shown:
        return
    st.heading(document, "附：工作簿校验问题", 1)
    st.paragraph(document, "以下问题由 xlperf 校验工作簿时发现，请核实修改后重新生成本报告：")
    st.table(document, ["工作表", "单元格", "级别", "说明"],
             [[f.sheet, f.cell, SEVERITY_LABEL[f.severity], f.message] for f in shown], [3.4, 1.5, 1.3, 9.3])


def save(document, out: Path) -> None:
    """Written to a temporary file beside the target, then renamed over it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".docx", dir=out.parent, prefix=".xlperf-report-")
    os.close(fd)
    try:
        document.save(tmp)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def draft_file(workbook, out, force: bool = False, settings: Settings = DEFAULT):
    """Draft the report of `workbook` into `out`; returns (out, the workbook's findings)."""
    target = Path(out)
    if target.suffix.lower() != ".docx":
        raise UsageError(f"{target}：报告文件名应以 .docx 结尾")
    if target.exists() and not force:
        raise UsageError(f"{target}：文件已存在，为免覆盖已修改的报告，请换一个文件名或加 --force")
    if target.resolve() == Path(workbook).resolve():
        raise UsageError(f"{target}：不能覆盖工作簿本身")
    facts = workbook_facts(workbook, settings)
    save(build(facts), target)
    return target, facts.findings
