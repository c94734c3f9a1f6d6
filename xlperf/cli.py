"""The `xlperf` command line. Exit status: 0 done, no error finding; 1 error findings;
2 a file could not be read or the arguments are wrong (one Chinese line on stderr)."""
from __future__ import annotations

import argparse
import sys

from . import __version__
from .errors import UsageError, XlperfError


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would print usage and exit 2 in English only
        raise UsageError(f"参数错误（invalid arguments）：{message}")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="xlperf", description="预算绩效自评表的计算、校验与汇总 "
                "(budget performance self-evaluation: compute, check, consolidate)")
    p.add_argument("--version", action="version", version=f"xlperf {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)
    d = sub.add_parser("demo", help="为示例部门评分并打印结果 (score the bundled example department)")
    d.add_argument("--out", default="xlperf-demo", help="输出目录 (output folder)")
    return p


def _demo(args) -> int:
    from .demo import run

    print(run())
    return 0


COMMANDS = {"demo": _demo}


def main(argv=None) -> int:
    try:
        args = _parser().parse_args(argv)
        if not args.command:
            _parser().print_help()
            return 2
        return COMMANDS[args.command](args)
    except XlperfError as exc:
        print(exc.line(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
