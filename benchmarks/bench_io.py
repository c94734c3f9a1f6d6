"""Time the file adapter on a department-sized workbook (run by hand, not in tests).

    python benchmarks/bench_io.py [--sheets 40] [--rows 80] [--repeat 20]

Builds a workbook shaped like the templates (titles, shared-string labels, input cells
with the FFF2CC fill, formulas with cached results, print titles) with XlsxWriter, then
prints median milliseconds for: read_workbook, read_formulas, apply_plan (a refresh-
sized plan into every sheet, in place and to another file), copy_sheet, read_workbook of
the same workbook saved by LibreOffice as .xlsx, .ods and .xls (when soffice is there),
and openpyxl's load_workbook for scale.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import xlsxwriter

from xlperf.plan import CellWrite, Plan
from xlperf.xlsx import apply_plan, copy_sheet, read_formulas, read_workbook


def build(path: Path, sheets: int, rows: int) -> None:
    wb = xlsxwriter.Workbook(str(path))
    inp = wb.add_format({"bg_color": "#FFF2CC", "border": 1, "num_format": "#,##0.00"})
    calc = wb.add_format({"bg_color": "#E7E6E6", "border": 1, "num_format": "0.00%"})
    head = wb.add_format({"bold": True, "border": 1})
    for s in range(sheets):
        ws = wb.add_worksheet(f"项目-{s:02d}")
        ws.write(0, 0, f"某县2024年度项目支出绩效自评表 {s}", head)
        ws.write_row(1, 0, ["一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "实际完成值",
                            "分值", "自评得分", "档次", "偏差原因", "执行率", "校验说明"], head)
        for r in range(2, rows):
            ws.write(r, 0, "产出指标（50分）")
            ws.write(r, 1, "数量指标")
            ws.write(r, 2, f"指标{r}")
            ws.write(r, 3, "≥")
            ws.write_number(r, 4, 100 + r, inp)
            ws.write_number(r, 5, 95 + r, inp)
            ws.write_number(r, 6, 5, inp)
            ws.write_number(r, 7, 4.5)
            ws.write(r, 8, "良")
            ws.write(r, 9, "", inp)
            ws.write_formula(r, 10, f'=IFERROR(F{r + 1}/E{r + 1},"")', calc, (95 + r) / (100 + r))
        ws.write_formula(rows, 7, f"=SUM(H3:H{rows})", None, 4.5 * (rows - 2))
        ws.repeat_rows(0, 1)
    wb.close()


def plan_for(sheets: int, rows: int) -> Plan:
    writes = []
    for s in range(sheets):
        name = f"项目-{s:02d}"
        for r in range(2, rows):
            writes.append(CellWrite(name, r, 7, Decimal("4.75")))
            writes.append(CellWrite(name, r, 11, "实际完成值低于年度指标值", note=True))
        writes.append(CellWrite(name, rows, 7, Decimal("123.45"), formula_cell=True))
    return Plan(writes=writes)


def timed(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sheets", type=int, default=40)
    ap.add_argument("--rows", type=int, default=80)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="xlperf-bench-"))
    try:
        src = tmp / "部门.xlsx"
        build(src, args.sheets, args.rows)
        plan = plan_for(args.sheets, args.rows)
        work, out = tmp / "work.xlsx", tmp / "out.xlsx"
        shutil.copy(src, work)
        cells = sum(s.n_rows * s.n_cols for s in read_workbook(src).sheets)
        print(f"workbook: {args.sheets} sheets, {cells} cells in grids, "
              f"{src.stat().st_size / 1024:.0f} KiB; plan: {len(plan.writes)} writes")
        results = {
            "read_workbook": timed(lambda: read_workbook(src), args.repeat),
            "read_formulas": timed(lambda: read_formulas(src), args.repeat),
            "apply_plan -> out_path": timed(
                lambda: apply_plan(src, plan, out_path=out), args.repeat),
            "apply_plan in place": timed(lambda: apply_plan(work, plan), args.repeat),
            "copy_sheet -> out_path": timed(
                lambda: copy_sheet(src, "项目-00", "项目-新", out_path=out), args.repeat),
        }
        # the same workbook as LibreOffice saves it: .xlsx, .ods and .xls (issue 12/15)
        if shutil.which("soffice"):
            for fmt, ext in (("xlsx:Calc MS Excel 2007 XML", "xlsx"), ("ods", "ods"),
                             ("xls:MS Excel 97", "xls")):
                lo_dir = tmp / f"lo-{ext}"
                subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile",
                                "--headless", "--convert-to", fmt, "--outdir", str(lo_dir), str(src)],
                               check=True, capture_output=True, timeout=300)
                saved = lo_dir / f"部门.{ext}"
                results[f"read_workbook, LibreOffice .{ext}"] = timed(
                    lambda saved=saved: read_workbook(saved), args.repeat)
        try:
            import openpyxl

            results["(openpyxl load_workbook, for scale)"] = timed(
                lambda: openpyxl.load_workbook(src), max(1, args.repeat // 4))
        except ImportError:
            pass
        for name, ms in results.items():
            print(f"{name:38s} {ms:9.1f} ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
