"""The XP_* functions and the button scripts through xlwings' own server-side dispatch,
as xlwings Server and xlwings Lite call them.

xlwings picks its Office.js decorators only when XLWINGS_ON_SERVER=true is set before
the first `import xlwings`, so each check runs in a fresh interpreter with that variable
(and the licence key the server code asks for), imports `udfs` there and calls
`custom_functions_call` / `custom_scripts_call` with arguments shaped the way Excel's
custom-functions runtime sends them: every argument a 2-D array, an empty cell null, an
omitted optional argument null.

Each dispatch runs on the installed xlwings, on the oldest release pyproject.toml and
the Lite requirements.txt allow, and on the latest release on PyPI, the last two in the
environments tests/xlwings_floor.py makes (.ci/run creates them and sets
XLPERF_XLWINGS_FLOOR_PYTHON and XLPERF_XLWINGS_LATEST_PYTHON; elsewhere those skip).
"""
from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.reports import docx_text
from fixtures.xlsx import rows_by_name
from officejs import book_payload
from xlwings_floor import declared_floor, lite_floor

import udfs
from xlperf.actions import new_workbook, read
from xlperf.example import example_department
from xlperf.plan import CellWrite, Plan
from xlperf.xlsx import apply_plan

pytestmark = [
    pytest.mark.xlwings_remote,
    pytest.mark.skipif(not os.environ.get("XLWINGS_LICENSE_KEY"),
                       reason="xlwings' server code needs XLWINGS_LICENSE_KEY "
                              "(noncommercial is enough for tests)"),
]

ROOT = Path(__file__).resolve().parents[1]

_SERVER = r"""
import asyncio, json, runpy, sys
import xlwings as xw
from xlwings.server import (custom_functions_call, custom_functions_meta,
                            custom_scripts_call, custom_scripts_meta)
assert xw.func.__module__ == "xlwings.pro.udfs_officejs", xw.func.__module__
request = json.load(sys.stdin)
if request.get("main"):  # the file pasted into the Lite editor, run as Lite runs it
    module = type(sys)("main")
    module.__dict__.update(runpy.run_path(request["main"]))
else:
    import udfs.lite as module
if request.get("platform"):  # as Pyodide (xlwings Lite) reports itself
    sys.platform = request["platform"]
out = {"functions": custom_functions_meta(module)["functions"],
       "scripts": custom_scripts_meta(module), "results": [], "actions": []}
for name, args in request.get("calls", []):
    data = {"func_name": name, "args": args, "version": xw.__version__,
            "client": "Office.js", "runtime": "1.4", "culture_info_name": "zh-CN",
            "date_format": "yyyy/m/d", "caller_address": "Sheet1!A1"}
    out["results"].append(asyncio.run(custom_functions_call(data, module)))
for name, payload, args in request.get("scripts", []):
    book = xw.Book(json=payload)
    asyncio.run(custom_scripts_call(module, name, typehint_to_value={xw.Book: book},
                                    args=args))
    out["actions"].append(book.json()["actions"])
json.dump(out, sys.stdout, ensure_ascii=False)
"""


def on_server(request: dict, python: str = sys.executable, **env_vars: str) -> dict:
    env = dict(os.environ, XLWINGS_ON_SERVER="true",
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    env.pop("XLPERF_REPORT_DIR", None)
    env.update(env_vars)
    proc = subprocess.run([python, "-c", _SERVER], input=json.dumps(request),
                          capture_output=True, text=True, env=env, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    # the scripts print their summary before the JSON; it is the last line
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _second_python(which: str) -> str:
    variable = f"XLPERF_XLWINGS_{which.upper()}_PYTHON"
    python = os.environ.get(variable, "")
    if python and Path(python).exists():
        return python
    make = "python tests/xlwings_floor.py" + (" latest" if which == "latest" else "")
    if os.environ.get("CI"):
        pytest.fail(f"CI must create the xlwings {which} environment ({make}) and set {variable}")
    pytest.skip(f"no xlwings {which} environment: {make}, then set {variable} to what it prints")


def _floor_python() -> str:
    return _second_python("floor")


@pytest.fixture(scope="module", params=["installed", "floor", "latest"])
def python(request) -> str:
    """The interpreter that runs the dispatch: the installed xlwings, the declared
    floor, the latest release."""
    return sys.executable if request.param == "installed" else _second_python(request.param)


def test_the_declared_floor_is_one_version_and_the_floor_environment_holds_it():
    assert declared_floor() == lite_floor()
    python = _floor_python()
    version = subprocess.run([python, "-c", "import xlwings; print(xlwings.__version__)"],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert version == declared_floor()


def _python_arg(arg):
    """The same argument as a plain Python call takes it: a single cell as its value."""
    if isinstance(arg, list) and len(arg) == 1 and len(arg[0]) == 1:
        return arg[0][0]
    return arg


ROWS = [[6, 0, 0, 0], [6, 0, 0, 0], [5, 1, 0, 0]] + [[6, 0, 0, 0]] * 7
# (function, Excel-shaped args, the plain call's args when they differ)
CASES = [
    ("XP_RATE", [[[74]], [[83]]]),
    ("XP_RATE", [[["７４"]], [["８３人"]]]),  # full-width digits, a unit
    ("XP_RATE", [[[1]], [[None]]]),  # an empty cell: blank result
    ("XP_RATE", [[["abc"]], [[1]]]),
    ("XP_CHANGE_RATE", [[[60158]], [[99898]]]),
    ("XP_EXEC_SCORE", [[[1696.51]], [[1715.12]], None]),  # optional weight omitted
    ("XP_EXEC_SCORE", [[["１６９６．５１万元"]], [[1715.12]], [[20]]]),
    ("XP_EXEC_SCORE", [[[None]], [[100]], None]),
    ("XP_IND_SCORE", [[["≥６０００人次"]], [["5400人次"]], [[5]], None]),
    ("XP_IND_SCORE", [[["≤10个工作日"]], [["12个工作日"]], [[5]], [["linear"]]]),
    ("XP_IND_SCORE", [[["有所提升"]], [["提升"]], [[10]], None]),
    ("XP_QUAL_BAND", [[["达成年度指标"]], [[10]]]),
    ("XP_QUAL_BAND", [[["部分达成"]], [["５"]]]),
    ("XP_PRESET_SCORE", [[["三公经费控制率"]], [[0.5]], [[1]]]),
    ("XP_PRESET_SCORE", [[["不存在的规则"]], [[0.5]], [[1]]]),
    ("XP_SATISFACTION", [ROWS, None]),
    ("XP_SATISFACTION", [[[c] for row in ROWS for c in row], [[10, 7, 4, 0]]]),  # one column
    ("XP_SATISFACTION", [[list(col) for col in zip(*ROWS)], [[10], [7], [4], [0]]]),
    ("XP_SATISFACTION", [[[1, None, 0, 0]], [[10, 7, 4, 0]]]),  # one row, an empty cell
    ("XP_SATISFACTION", [[[1.5, 0, 0, 0]], None]),
    ("XP_GRADE", [[[97]]]),
    ("XP_GRADE", [[["８５分"]]]),
    ("XP_GRADE", [[[120]]]),
    ("XP_NUM", [[["１，２３４．５万元"]], [["元"]]]),
    ("XP_NUM", [[["5407.7539.59元"]], None]),
    ("XP_NUM", [[["**"]], None]),
    ("XP_NUM", [[[None]], None]),
    ("XP_SUM_CHECK", [[[100]], [[40], [50], [None]]]),  # a column with an empty cell
    ("XP_SUM_CHECK", [[[100]], [[40, 60]]]),  # a row
    ("XP_SUM_CHECK", [[["１００．００"]], [[40.004], [60.004]]]),
]


def test_every_function_registers_with_its_arguments(python):
    out = on_server({}, python)
    meta = {f["id"]: f for f in out["functions"]}
    expected = [n for n in udfs.__all__ if n.startswith("XP_")]
    assert sorted(meta) == sorted(expected)
    assert [p["name"] for p in meta["XP_EXEC_SCORE"]["parameters"]] == \
        ["executed", "budget", "weight"]
    assert meta["XP_EXEC_SCORE"]["parameters"][2].get("optional") is True
    assert meta["XP_SATISFACTION"]["parameters"][0]["dimensionality"] == "matrix"
    assert "预算执行率得分" in meta["XP_EXEC_SCORE"]["description"]


def test_functions_through_the_server_dispatch_return_what_python_returns(python):
    out = on_server({"calls": [[name, args] for name, args in CASES]}, python)
    for (name, args), got in zip(CASES, out["results"]):
        plain = getattr(udfs, name)(*[_python_arg(a) for a in args if a is not None])
        assert got == [[plain]], (name, args)
        assert not (isinstance(plain, str) and plain.startswith("错误："))  # no crash text
    by_case = dict(zip(range(len(CASES)), out["results"]))
    assert by_case[2] == [[""]]  # empty denominator: blank, not an error
    assert by_case[5] == [[9.89]]  # the default weight of 10 applies when omitted
    assert by_case[15] == by_case[16] == by_case[17] == [[0.995]]  # three shapes, one rate


@pytest.fixture(scope="module")
def payload(tmp_path_factory):
    return book_payload(_workbook(tmp_path_factory))


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    return _workbook(tmp_path_factory)


def _workbook(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("server") / "示例.xlsx"
    new_workbook(path, data=example_department())
    sheet = read(path).sheet("附件2 整体支出自评表")
    row = rows_by_name(sheet)["职业技能培训人次"]
    apply_plan(path, Plan([CellWrite("附件2 整体支出自评表", row, 6, "5700人次")]))  # work to do
    return path


def test_scripts_are_the_buttons(payload, python):
    """custom_scripts_call(udfs.lite, …) with the book a client sends does what
    refresh_scores, check_workbook and add_project do when called directly."""
    import xlwings as xw

    out = on_server({"scripts": [["xlperf_refresh", payload, []],
                                 ["xlperf_check", payload, []],
                                 ["xlperf_add_project", payload, ["新项目"]]]}, python)
    names = {s["function_name"]: s["name"] for s in out["scripts"]}
    assert names == {"xlperf_refresh": "刷新评分", "xlperf_report": "生成报告",
                     "xlperf_check": "校验", "xlperf_add_project": "新增项目表"}
    direct = []
    for call in (udfs.refresh_scores, udfs.check_workbook,
                 lambda b: udfs.add_project(b, "新项目")):
        book = xw.Book(json=copy.deepcopy(payload))
        call(book)
        direct.append(json.loads(json.dumps(book.json()["actions"], ensure_ascii=False)))
    assert out["actions"] == direct
    assert any(a["func"] == "setValues" for a in out["actions"][0])
    assert any(a["func"] == "copySheet" for a in out["actions"][2])


def test_the_lite_main_file_exposes_the_same(payload, python):
    main = ROOT / "workbooks" / "xlwings-lite" / "main.py"
    out = on_server({"main": str(main)}, python)
    assert {s["name"] for s in out["scripts"]} == {"刷新评分", "生成报告", "校验", "新增项目表"}
    assert len(out["functions"]) == 10
    requirements = (main.parent / "requirements.txt").read_text(encoding="utf-8").split("\n")
    assert "xlperf" in [line.strip() for line in requirements]


def _alerts(actions) -> list[str]:
    return [str(a["args"][0]) for a in actions if a["func"] == "alert"]


def test_the_report_script_drafts_into_the_servers_report_folder(workbook, python, tmp_path):
    """生成报告 on xlwings Server: the draft `xlperf report` writes from the same file,
    in XLPERF_REPORT_DIR, the path told in the alert, the book left unchanged; a second
    press keeps the first draft."""
    from xlperf.cli import main

    payload = book_payload(workbook)
    folder = tmp_path / "报告 文件夹"
    folder.mkdir()
    out = on_server({"scripts": [["xlperf_report", payload, []], ["xlperf_report", payload, []]]},
                    python, XLPERF_REPORT_DIR=str(folder))
    first, second = folder / "示例-自评报告草稿.docx", folder / "示例-自评报告草稿(2).docx"
    assert set(folder.iterdir()) == {first, second}
    cli = tmp_path / "cli.docx"
    assert main(["report", str(workbook), "-o", str(cli)]) in (0, 1)
    assert docx_text(first) == docx_text(cli) == docx_text(second)
    for actions, draft in zip(out["actions"], (first, second)):
        assert not [a for a in actions if a["func"] in ("setValues", "addSheet", "setNote")]
        (alert,) = _alerts(actions)
        assert alert.startswith(f"已生成自评报告草稿：{draft}")


def test_the_report_script_without_a_report_folder_says_so(payload, python, tmp_path):
    from udfs import lite

    out = on_server({"scripts": [["xlperf_report", payload, []]]}, python)
    assert _alerts(out["actions"][0]) == [lite.SERVER_NO_FOLDER]
    missing = tmp_path / "没有这个文件夹"
    out = on_server({"scripts": [["xlperf_report", payload, []]]}, python,
                    XLPERF_REPORT_DIR=str(missing))
    assert _alerts(out["actions"][0]) == [lite.SERVER_NO_FOLDER] and not missing.exists()


def test_the_report_script_in_xlwings_lite_names_the_desktop_routes(payload, python, tmp_path):
    """In Pyodide (xlwings Lite) there is no folder the user could open: one alert that
    says so and names the routes that do write the draft, even with a folder set."""
    from udfs import lite

    out = on_server({"scripts": [["xlperf_report", payload, []]], "platform": "emscripten"},
                    python, XLPERF_REPORT_DIR=str(tmp_path))
    assert _alerts(out["actions"][0]) == [lite.LITE_REPORT]
    assert "xlperf report" in lite.LITE_REPORT and "生成报告" in lite.LITE_REPORT
    assert list(tmp_path.iterdir()) == []
