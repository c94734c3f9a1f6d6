"""`xlperf demo`: score the bundled example department and print it as tables."""
from __future__ import annotations

from decimal import Decimal

from . import rules
from .example import example_department, scoring_system
from .report import table
from .settings import DEFAULT, Settings

D = Decimal


def _score_self_evaluation(title: str, funds: list, exec_weight: str, indicators: list,
                           settings: Settings) -> tuple[str, Decimal]:
    total = next(f for f in funds if f["label"] == "年度资金总额")
    budget, executed = D(total["values"][1]), D(total["values"][2])
    exec_points = rules.quantize(rules.exec_score(executed, budget, D(exec_weight)), 2)
    rows = [["预算执行率", "", f"{total['values'][1]}万元", f"{total['values'][2]}万元",
             exec_weight, str(exec_points)]]
    score_sum = exec_points
    for ind in indicators:
        result = rules.evaluate_indicator(ind["target"], ind["actual"], D(ind["weight"]),
                                          ind.get("tier"), settings.reverse_rule,
                                          settings.over_target_factor)
        if result.score is not None:
            points = rules.quantize(result.score, 2)
        elif ind.get("score"):
            points = rules.quantize(D(ind["score"]), 2)
        else:
            points = None
        score_sum += points or 0
        rows.append([ind["level2"], ind["name"], ind["target"], ind["actual"], ind["weight"],
                     "待评" if points is None else str(points)])
    text = table(["二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], rows,
                 {1: 28, 2: 16, 3: 26})
    return f"{title}\n{text}\n总分 {score_sum}　等级 {rules.grade(score_sum, settings)}\n", score_sum


def _score_evaluation_table(data: dict, survey_rate: Decimal, settings: Settings) -> str:
    rows, total = [], D(0)
    for row in scoring_system()["levels"]:
        preset = settings.preset(row["preset"])
        w = D(row["weight"])
        if preset.name == "服务对象满意度":
            value = survey_rate
        else:
            n = rules.count_elements(row["criterion"])
            actual, planned = data["scoring_data"].get(row["name"], [str(n), str(n)])
            value = rules.ratio(D(actual), D(planned)) if D(planned) else D(0)
        points = rules.quantize(preset.score(value, w), 2)
        total += points
        rows.append([row["level1"], row["name"], preset.name, rules.fmt_percent(value), row["weight"],
                     str(points)])
    text = table(["一级指标", "三级指标", "评分规则", "计算值", "分值", "得分"], rows, {1: 26})
    return f"评分表（第三方评价指标体系）\n{text}\n总分 {total}　等级 {rules.grade(total, settings)}\n"


def run(settings: Settings = DEFAULT) -> str:
    data = example_department()
    parts = [f"{data['region']}{data['year']}年度 {data['dept']}（示例数据）\n"]
    text, _ = _score_self_evaluation("附件2 部门整体支出绩效自评表", data["overall"]["funds"],
                                     data["overall"]["exec_weight"], data["overall"]["indicators"],
                                     settings)
    parts.append(text)
    for project in data["projects"]:
        text, _ = _score_self_evaluation(f"项目支出绩效自评表：{project['name']}", project["funds"],
                                         project["exec_weight"], project["indicators"], settings)
        parts.append(text)
    survey = data["survey"]
    points = [p for _, p in settings.survey_points]
    rate = rules.satisfaction_rate([q["counts"] for q in survey["questions"]], points,
                                   survey["respondents"])
    parts.append(f"满意度问卷：{len(survey['questions'])} 题，{survey['respondents']} 人，"
                 f"综合满意率 {rules.fmt_percent(rate)}\n")
    parts.append(_score_evaluation_table(data, rate, settings))
    return "\n".join(parts)
