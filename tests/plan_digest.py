"""Digests of the engine's plans over many workbooks, for refactors that must not change
behaviour (run by hand, before and after, and compare the two files):

    PYTHONPATH=$PWD CORPUS=/tmp/corpus python tests/plan_digest.py before.json

Plans (writes with their formula_cell flags, findings, summary, note/owned/formula cells)
in REFRESH and CHECK of workbooks/*.xlsx, tests/files/*.xlsx, `xlperf new` outputs (0/1/3
projects, blank and filled from the example data), each also as a values-only book (no
formula information, as xlwings' remote engine gives) and the example-filled ones with
formulas typed over; CORPUS adds tests/corpus workbooks (`python tests/corpus/build.py DIR`)."""
import dataclasses
import glob
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

from xlperf.actions import new_workbook
from xlperf.engine import CHECK, REFRESH, build_plan
from xlperf.errors import XlperfError
from xlperf.xlsx import read_workbook


def plan_digest(plan):
    d = [sorted((w.sheet, w.row, w.col, repr(w.value), w.formula_cell, w.note, w.results) for w in plan.writes),
         [repr(f) for f in plan.findings], repr(sorted(plan.summary.items(), key=str)),
         sorted(plan.note_cells), sorted(plan.owned_cells), sorted(plan.formula_cells), [repr(s) for s in plan.new_sheets]]
    return hashlib.sha256(json.dumps(d, default=str).encode()).hexdigest()

def variants(wb):
    yield "as-is", wb
    yield "no-formula-info", dataclasses.replace(wb, sheets=[dataclasses.replace(s, formulas=None) for s in wb.sheets])

def edited(wb):
    # typed over: every formula cell of the first project sheet and of 评分表 lose their formula
    out = []
    for s in wb.sheets:
        if (s.name.startswith("项目-") or s.name == "评分表") and s.formulas:
            out.append(dataclasses.replace(s, formulas=frozenset(list(sorted(s.formulas))[::2])))
        else:
            out.append(s)
    return dataclasses.replace(wb, sheets=out)

def main(out_path: str) -> None:
    tmp = Path(tempfile.mkdtemp())
    files = sorted(glob.glob("workbooks/*.xlsx")) + sorted(glob.glob("tests/files/*.xlsx"))
    with open("xlperf/data/example_department.json", encoding="utf-8") as f:
        data = json.load(f)
    for n in (0, 1, 3):
        p = tmp / f"new{n}.xlsx"
        new_workbook(p, dept="测试局", region="某县", year=2024, projects=n)
        files.append(str(p))
        p = tmp / f"filled{n}.xlsx"
        new_workbook(p, projects=n, data=data)
        files.append(str(p))
    corpus = os.environ.get("CORPUS")
    if corpus:
        files += sorted(glob.glob(corpus + "/**/*.xlsx", recursive=True))
    out: dict = {}
    for f in files:
        try:
            wb = read_workbook(f)
        except XlperfError as e:
            out[f] = "error " + str(e)
            continue
        vs = list(variants(wb))
        if "示例" in f or "filled" in f:
            typed = edited(wb)
            vs.append(("edited", typed))
            vs.append(("edited-none", dataclasses.replace(typed, sheets=[
                dataclasses.replace(s, formulas=None) if s.name == "附件1" else s for s in typed.sheets])))
        for vname, v in vs:
            for mode in (REFRESH, CHECK):
                key = f"{os.path.basename(f) if tmp.as_posix() in f else f}|{vname}|{mode}"
                plan = build_plan(v, mode=mode)
                out[key] = plan_digest(plan)
                if vname == "edited" and mode == CHECK:
                    out[key + "|FO"] = sum(x.code == "FORMULA_OVERWRITTEN" for x in plan.findings)
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=0, ensure_ascii=False, sort_keys=True)
    print(len(out), "plans;", sum(1 for k in out if k.endswith("|FO") and out[k]), "edited with FORMULA_OVERWRITTEN")


if __name__ == "__main__":
    main(sys.argv[1])
