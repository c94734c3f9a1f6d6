"""`xlperf demo`: build the example department's workbook from the bundled data, refresh
it, write it, and print what the refreshed file now says."""
from __future__ import annotations

from pathlib import Path

from .actions import new_workbook, read
from .collect import collect
from .example import example_department
from .findings import counts
from .grid import WorkbookGrid
from .report import table
from .rules.numbers import NUMBER, fmt_plain, read_number
from .settings import DEFAULT, Settings
from .tables.find import INDICATORS, find_tables
from .tables.headers import cell_text

DEMO_FILE = "示例-部门绩效自评.xlsx"
SUMMARY_FILE = "汇总.xlsx"


def _figure(v) -> str:
    r = read_number(v)
    if r.kind == NUMBER and not isinstance(v, str):
        return fmt_plain(r.value)
    return cell_text(v) if v is not None else ""


def indicator_tables(wb: WorkbookGrid) -> list[tuple[str, str]]:
    """(sheet, printed table) of every 绩效指标 table, with its 总分 and 等级, as the file holds them."""
    out = []
    for sheet in wb.sheets:
        for t in find_tables(sheet):
            if t.kind != INDICATORS:
                continue
            rows = []
            for m in t.extra.get("meta", []):
                if m["role"] != "item":
                    continue
                r = m["row"]
                rows.append([m["level2"], cell_text(t.v(r, "level3")), _figure(t.v(r, "target")),
                             _figure(t.v(r, "actual")), _figure(t.v(r, "weight")), _figure(t.v(r, "score"))])
            text = table(["二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], rows,
                         {1: 28, 3: 26})
            total = t.extra.get("total_row")
            grade = t.extra.get("grade_row")
            if total is not None:
                text += f"\n总分 {_figure(t.v(total, 'score'))}"
            if grade is not None:
                text += f"　等级 {_figure(t.v(grade, 'score'))}"
            out.append((sheet.name, text))
    return out


def run(out_dir: Path, settings: Settings = DEFAULT) -> str:
    data = example_department()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / DEMO_FILE
    if target.exists():
        target.unlink()  # the demo's own output: rebuilt every run
    plan = new_workbook(target, data=data, settings=settings)
    wb = read(target, settings)
    parts = [f"{data['region']}{data['year']}年度 {data['dept']}（示例数据）", ""]
    for sheet, text in indicator_tables(wb):
        parts += [sheet, text, ""]
    scoring = plan.summary.get("scoring")
    if scoring:
        groups = "，".join(f"{k} {fmt_plain(g['score'])}/{fmt_plain(g['weight'])}"
                          for k, g in scoring["groups"].items())
        parts.append(f"评分表：{groups}；总分 {fmt_plain(scoring['total'])}，等级 {scoring['grade']}")
    rate = plan.summary.get("survey_rate")
    if rate is not None:
        parts.append(f"满意度问卷：综合满意率 {fmt_plain(rate * 100)}%")
    c = counts(plan.findings)
    parts.append(f"校验：错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}（见工作簿“校验结果”表）")
    summary = out_dir / SUMMARY_FILE
    if summary.exists():
        summary.unlink()
    collect([target], summary, jobs=1, settings=settings, progress=False)
    parts.append(f"已写入 {target} 和汇总表 {summary}")
    return "\n".join(parts)
