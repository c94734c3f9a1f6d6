"""The `xlperf` command line. Exit status: 0 done, no error finding; 1 done with error
findings; 2 a file could not be read or the arguments are wrong (one Chinese line on
stderr, never a traceback)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .errors import UsageError, XlperfError
from .findings import ERROR, SEVERITY_LABEL
from .report import count_line, score_lines, table
from .settings import from_env


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would print English usage and exit 2 itself
        raise UsageError(f"参数错误（invalid arguments）：{message}")


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
    n.add_argument("--year", type=int, default=None, help="评价年度 (evaluation year)")
    n.add_argument("--projects", type=int, default=1, help="项目支出表数量 (project sheets), 默认 1")
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
    return p


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
    from .actions import add_project

    name = add_project(args.file, args.name, args.output, backup=args.backup,
                       settings=args.settings)
    print(f"已在 {args.output or args.file} 中新增工作表“{name}”")
    return 0


def _refresh(args) -> int:
    from .actions import NO_TABLE, no_table, refresh_file

    plan = refresh_file(args.file, args.output, backup=args.backup, settings=args.settings)
    if no_table(plan):
        print(f"{args.file}：{NO_TABLE}，未写入任何内容")
        return _status(plan.findings)
    target = args.output or args.file
    print(f"已刷新 {target}：{count_line(plan.findings)}")
    for line in score_lines(plan):
        print(f"  {line}")
    return _status(plan.findings)


def _check(args) -> int:
    from .actions import NO_TABLE, annotate_file, check_file, discover, no_table

    files, skipped = discover(args.paths)
    for path, reason in skipped:
        print(f"{path}：{reason}", file=sys.stderr)
    if not files:
        raise UsageError("没有找到 .xlsx/.xlsm 工作簿")
    all_findings, unreadable = [], 0
    for path in files:
        try:
            if args.annotate:
                plan, _ = annotate_file(path, args.annotate, settings=args.settings)
            else:
                plan = check_file(path, settings=args.settings)
        except XlperfError as exc:
            unreadable += 1
            print(exc.line() if exc.path else f"{path}：{exc}", file=sys.stderr)
            continue
        all_findings.extend(plan.findings)
        if no_table(plan):
            print(f"{path}：{NO_TABLE}", file=sys.stderr if args.json else sys.stdout)
        if not args.json:
            print(f"{path}：{count_line(plan.findings)}")
            if plan.findings:
                print(_findings_table(plan.findings))
            print()
    if args.json:
        json.dump([f.to_json() for f in all_findings], sys.stdout, ensure_ascii=False, indent=1)
        print()
    if unreadable:
        return 2
    return _status(all_findings)


def _demo(args) -> int:
    from .demo import run

    print(run(Path(args.out)))
    return 0


def _collect(args) -> int:
    from .collect import run_collect

    return run_collect(args.paths, args.output, jobs=args.jobs, settings=args.settings)


COMMANDS = {"demo": _demo, "new": _new, "add-project": _add_project, "refresh": _refresh,
            "check": _check, "collect": _collect}


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
