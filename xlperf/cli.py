"""The `xlperf` command line. Exit status: 0 done, no error finding; 1 done with error
findings; 2 a file could not be read or the arguments are wrong (one Chinese line on
stderr, never a traceback)."""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from . import __version__
from .errors import UsageError, XlperfError
from .findings import ERROR, SEVERITY_LABEL
from .report import count_line, score_lines, table
from .settings import from_env


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would print English usage and exit 2 itself
        raise UsageError(f"参数错误：{chinese_usage(message)}")


# argparse's messages (Python 3.10–3.13), said in Chinese; anything else is shown as it is
_USAGE_MESSAGES = (
    (re.compile(r"argument command: invalid choice: '(.*)' \(choose from (.*)\)"),
     lambda m: f"未知命令 '{m[1]}'，可用命令：{_choices(m[2])}"),
    (re.compile(r"argument (\S+): invalid choice: '(.*)' \(choose from (.*)\)"),
     lambda m: f"{m[1]} 不能取 '{m[2]}'，可选：{_choices(m[3])}"),
    (re.compile(r"the following arguments are required: (.*)"),
     lambda m: f"缺少必需的参数 {m[1].replace('FILE_OR_DIR', '工作簿或文件夹').replace('DIR_OR_FILES', '工作簿或文件夹')}"),
    (re.compile(r"unrecognized arguments: (.*)"), lambda m: f"无法识别的参数 {m[1]}"),
    (re.compile(r"argument (\S+): invalid int value: '(.*)'"), lambda m: f"{m[1]} 应为整数，现为 '{m[2]}'"),
    (re.compile(r"argument (\S+): expected one argument"), lambda m: f"{m[1]} 后面需要一个值"),
    (re.compile(r"argument (\S+): ignored explicit argument '(.*)'"), lambda m: f"{m[1]} 不接受值 '{m[2]}'"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)"), lambda m: f"选项 {m[1]} 有歧义，可能是 {m[2]}"),
)


def _choices(text: str) -> str:
    return "、".join(c.strip().strip("'") for c in text.split(","))


def chinese_usage(message: str) -> str:
    for pattern, say in _USAGE_MESSAGES:
        m = pattern.fullmatch(message.strip())
        if m:
            return say(m)
    return message


def _year(text: str) -> int:
    """--year: a four-digit evaluation year (2000–2100), as the titles print it."""
    if not (text.isdigit() and len(text) == 4 and 2000 <= int(text) <= 2100):
        raise UsageError(f"--year 应为四位年份（2000–2100），如 2024，现为 '{text}'")
    return int(text)


def _count(text: str) -> int:
    """--projects: how many project sheets, 0 or more."""
    if not text.strip().isdigit():
        raise UsageError(f"--projects 应为不小于 0 的整数，现为 '{text}'")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="xlperf", description="预算绩效自评表的计算、校验与汇总 "
                "(budget performance self-evaluation: compute, check, consolidate)",
                epilog="读取上限可用环境变量调整 (reading limits): XLPERF_MAX_PART_MB"
                "（单个部件解压后 MB，默认 200）、XLPERF_MAX_CELLS（每张表单元格数，默认 2000000）")
    p.add_argument("--version", action="version", version=f"xlperf {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    d = sub.add_parser("demo", help="生成并刷新示例部门工作簿 (build and refresh the example department)")
    d.add_argument("--out", default="xlperf-demo", help="输出目录 (output folder), 默认 ./xlperf-demo")

    n = sub.add_parser("new", help="按模板新建部门工作簿 (a new department workbook from the template)")
    n.add_argument("--dept", default="", help="部门名称 (department)")
    n.add_argument("--region", default="", help="地区，如 桃江县 (region)")
    n.add_argument("--year", type=_year, default=None, help="评价年度，四位年份 (evaluation year)")
    n.add_argument("--projects", type=_count, default=1, help="项目支出表数量 (project sheets), 默认 1")
    n.add_argument("-o", "--output", required=True, help="输出文件 .xlsx (output file)")
    n.add_argument("--force", action="store_true", help="覆盖已有文件 (overwrite an existing file)")

    a = sub.add_parser("add-project", help="复制项目支出表 (copy the project sheet for another project)")
    a.add_argument("file", help="部门工作簿 (department workbook)")
    a.add_argument("--name", required=True, help="项目名称 (project name)")
    a.add_argument("-o", "--output", help="另存为 (write to another file)")
    a.add_argument("--backup", action="store_true", help="保留原文件备份 (keep a backup)")

    r = sub.add_parser("refresh", help="计算得分并写入校验说明 (compute scores, write notes)")
    r.add_argument("file", help="部门工作簿 (department workbook)")
    r.add_argument("-o", "--output", help="另存为，不改原文件 (write to another file)")
    r.add_argument("--backup", action="store_true", help="保留原文件备份 (keep a backup)")

    c = sub.add_parser("check", help="只校验不修改 (validate without writing)")
    c.add_argument("paths", nargs="+", metavar="FILE_OR_DIR", help="工作簿或文件夹 (workbooks or folders)")
    c.add_argument("--json", action="store_true", help="以 JSON 输出全部问题 (findings as one JSON array)")
    c.add_argument("--annotate", metavar="DIR", help="把带批注的副本写入该目录 (annotated copies)")

    k = sub.add_parser("collect", help="汇总多个部门工作簿 (consolidate many workbooks)")
    k.add_argument("paths", nargs="+", metavar="DIR_OR_FILES", help="工作簿或文件夹 (workbooks or folders)")
    k.add_argument("-o", "--output", required=True, help="汇总表 .xlsx (summary workbook)")
    k.add_argument("--jobs", type=int, default=None, help="并行进程数，默认 CPU 核数 (processes)")
    _report_parsers(sub)
    return p


def _report_parsers(sub) -> None:
    """自评报告: check a written one, draft one (xlperf.narrative)."""
    cr = sub.add_parser("check-report", help="校验自评报告中的数字、日期、合计、比率与得分 "
                        "(check a written self-evaluation report)")
    cr.add_argument("report", help="自评报告 .docx 或 .txt (the report)")
    cr.add_argument("workbook", nargs="?", help="对照的部门工作簿（可选）(the workbook to compare with)")
    cr.add_argument("--json", action="store_true", help="以 JSON 输出全部问题 (findings as one JSON array)")

    rp = sub.add_parser("report", help="由工作簿生成自评报告草稿 .docx (draft the report from the workbook)")
    rp.add_argument("file", help="部门工作簿 (department workbook)")
    rp.add_argument("-o", "--output", required=True, help="输出文件 .docx (output file)")
    rp.add_argument("--force", action="store_true", help="覆盖已有文件 (overwrite an existing file)")


def _status(findings) -> int:
    return 1 if any(f.severity == ERROR for f in findings) else 0


def _findings_table(findings) -> str:
    rows = [[f.sheet, f.cell, SEVERITY_LABEL[f.severity], f.code, f.message] for f in findings]
    return table(["工作表", "单元格", "级别", "代码", "说明"], rows, {0: 24, 4: 80})


def _new(args) -> int:
    from .actions import new_workbook

    plan = new_workbook(args.output, dept=args.dept, region=args.region, year=args.year,
                        projects=args.projects, force=args.force, settings=args.settings)
    print(f"已生成 {args.output}（{args.projects} 张项目支出表）")
    return 0 if plan is not None else 2


def _add_project(args) -> int:
    from .actions import add_project, read_only_format
    from .xlsx.resave import SAVED_AS_NOTE, legacy_target

    legacy = read_only_format(args.file, args.settings)
    name = add_project(args.file, args.name, args.output, backup=args.backup,
                       settings=args.settings)
    if legacy:
        print(f"已另存为 {legacy_target(args.file, args.output)} 并新增工作表“{name}”（{SAVED_AS_NOTE}）")
    else:
        print(f"已在 {args.output or args.file} 中新增工作表“{name}”")
    return 0


def _refresh(args) -> int:
    from .actions import NO_TABLE, no_table, refresh_file
    from .xlsx.resave import SAVED_AS_NOTE

    plan = refresh_file(args.file, args.output, backup=args.backup, settings=args.settings)
    if no_table(plan):
        print(f"{args.file}：{NO_TABLE}，未写入任何内容")
        return _status(plan.findings)
    saved_as = plan.summary.get("saved_as")
    if saved_as:
        print(f"已刷新并另存为 {saved_as}（{SAVED_AS_NOTE}）：{count_line(plan.findings)}")
    else:
        print(f"已刷新 {args.output or args.file}：{count_line(plan.findings)}")
    for line in score_lines(plan):
        print(f"  {line}")
    return _status(plan.findings)


def _check(args) -> int:
    from .actions import NO_TABLE, annotate_file, annotate_targets, check_file, discover, no_table

    files, skipped = discover(args.paths)
    for path, reason in skipped:
        print(f"{path}：{reason}", file=sys.stderr)
    if not files:
        raise UsageError("没有找到 .xlsx/.xlsm 工作簿")
    targets = annotate_targets(files, args.annotate) if args.annotate else {}
    all_findings, unreadable = [], 0
    for path in files:
        try:
            if args.annotate:
                plan, copy = annotate_file(path, args.annotate, settings=args.settings,
                                           target=targets[path])
            else:
                plan = check_file(path, settings=args.settings)
        except XlperfError as exc:
            unreadable += 1
            print(exc.line() if exc.path else f"{path}：{exc}", file=sys.stderr)
            continue
        # findings name the file as the command line did: two 自评表.xlsx stay apart
        all_findings.extend({**f.to_json(), "file": str(path)} for f in plan.findings)
        if no_table(plan):
            print(f"{path}：{NO_TABLE}", file=sys.stderr if args.json else sys.stdout)
        if not args.json:
            print(f"{path}：{count_line(plan.findings)}")
            if args.annotate:
                print(f"批注副本：{copy}")
            if plan.findings:
                print(_findings_table(plan.findings))
            print()
        elif args.annotate:
            print(f"{path} 的批注副本：{copy}", file=sys.stderr)
    if args.json:
        json.dump(all_findings, sys.stdout, ensure_ascii=False, indent=1)
        print()
    if unreadable:
        return 2
    return 1 if any(f["severity"] == ERROR for f in all_findings) else 0


def _check_report(args) -> int:
    from .narrative.check import check_report_file

    findings = check_report_file(args.report, args.workbook, settings=args.settings)
    if args.json:
        json.dump([f.to_json() for f in findings], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(f"{args.report}：{count_line(findings)}")
        if findings:
            rows = [[f.cell, SEVERITY_LABEL[f.severity], f.code, f.message] for f in findings]
            print(table(["位置", "级别", "代码", "说明"], rows, {3: 90}))
    return _status(findings)


def _report(args) -> int:
    from .narrative.draft import draft_file

    out, findings = draft_file(args.file, args.output, force=args.force, settings=args.settings)
    print(f"已生成自评报告草稿 {out}：工作簿{count_line(findings)}")
    print("  请在【请填写：…】处补充部门情况，填写后可用 xlperf check-report 校验")
    return _status(findings)


def _demo(args) -> int:
    from .demo import run

    print(run(Path(args.out)))
    return 0


def _collect(args) -> int:
    from .collect import run_collect

    return run_collect(args.paths, args.output, jobs=args.jobs, settings=args.settings)


COMMANDS = {"demo": _demo, "new": _new, "add-project": _add_project, "refresh": _refresh,
            "check": _check, "collect": _collect, "check-report": _check_report, "report": _report}


def main(argv=None) -> int:
    try:
        args = _parser().parse_args(argv)
        if not args.command:
            _parser().print_help()
            return 2
        # the reading limits (XLPERF_MAX_PART_MB, XLPERF_MAX_CELLS); a bad value is exit 2
        args.settings = from_env()
        return COMMANDS[args.command](args)
    except XlperfError as exc:
        print(exc.line(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: still one line, and the traceback only on request
        if os.environ.get("XLPERF_DEBUG"):
            raise
        print(f"xlperf 内部错误（{type(exc).__name__}: {exc}），请设置 XLPERF_DEBUG=1 重试并报告",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
