"""The LibreOffice extension (workbooks/xlperf.oxt, built by workbooks/libreoffice/build_oxt.py)
as an accountant uses it: installed with `unopkg add --shared` into a fresh private
installation, a filled workbook opened in Calc, a figure typed and not saved, then
刷新评分 run through LibreOffice's script provider (tests/lo_extension_driver.py, run by
LibreOffice's python3). The file it leaves must hold, in every cell, what `xlperf refresh`
makes of the same saved workbook, the typed figure included; the open document must show
the new totals; the message must be xlperf's own summary.

LibreOffice and unopkg run with a clean environment (PATH=/usr/bin:/bin): a virtualenv's
bin first on PATH breaks LibreOffice's Python. The extension calls the xlperf command
through XLPERF_COMMAND, here a wrapper running this tree's xlperf with the test's Python.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fixtures.reports import docx_text
from fixtures.xlsx import rows_by_name
from lo import soffice
from lxml import etree

from xlperf.actions import new_workbook, read
from xlperf.example import example_department
from xlperf.grid import a1

pytestmark = pytest.mark.libreoffice

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "workbooks" / "libreoffice"))

import build_oxt  # noqa: E402

DRIVER = Path(__file__).with_name("lo_extension_driver.py")
OVERALL = "附件2 整体支出自评表"
CLEAN = {"HOME": os.environ.get("HOME", "/root"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}


def _office_python() -> str:
    """LibreOffice's Python: the one whose `uno` module talks to this soffice."""
    program = Path(os.path.realpath(soffice())).parent
    for candidate in (program / "python", Path("/usr/bin/python3")):
        if candidate.exists() and subprocess.run(
                [str(candidate), "-c", "import uno"], env=CLEAN, capture_output=True).returncode == 0:
            return str(candidate)
    if os.environ.get("CI"):
        pytest.fail("no Python with the uno module (python3-uno) under CI")
    pytest.skip("no Python with the uno module (python3-uno)")


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """A private LibreOffice installation (profile and shared extension cache under tmp)
    with the freshly built extension added by unopkg, and the xlperf command it calls."""
    exe = Path(os.path.realpath(soffice()))
    unopkg = exe.with_name("unopkg")
    home = tmp_path_factory.mktemp("lo-extension")
    oxt = build_oxt.build(home / "xlperf.oxt")
    bootstrap = {"UserInstallation": (home / "profile").as_uri(),
                 "UNO_SHARED_PACKAGES_CACHE": (home / "shared").as_uri()}
    env_args = [f"-env:{k}={v}" for k, v in bootstrap.items()]
    done = subprocess.run([str(unopkg), "add", "--shared", *env_args, str(oxt)], env=CLEAN,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    listed = subprocess.run([str(unopkg), "list", "--shared", *env_args], env=CLEAN,
                            capture_output=True, text=True, timeout=300)
    assert build_oxt.IDENTIFIER in listed.stdout, listed.stdout + listed.stderr
    command = home / "xlperf-command"
    command.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m xlperf.cli "$@"\n',
                       encoding="utf-8")
    command.chmod(0o755)
    return {"soffice": str(exe), "bootstrap": bootstrap, "command": str(command),
            "python": _office_python(), "home": home}


def drive(office, workbook: Path, steps: list, quiet: bool = True, **env_vars) -> list:
    request = workbook.with_suffix(".request.json")
    request.write_text(json.dumps({"soffice": office["soffice"], "bootstrap": office["bootstrap"],
                                   "workbook": str(workbook), "steps": steps}, ensure_ascii=False),
                       encoding="utf-8")
    env = {**CLEAN, "XLPERF_COMMAND": office["command"], **env_vars}
    if quiet:
        env["XLPERF_LO_NO_DIALOG"] = "1"
    done = subprocess.run([office["python"], str(DRIVER), str(request)], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])["results"]


def cli(office, *args) -> tuple[int, str]:
    done = subprocess.run([office["command"], *map(str, args)], capture_output=True, text=True,
                          timeout=300)
    return done.returncode, "\n".join(p.strip() for p in (done.stdout, done.stderr) if p.strip())


def cells(path) -> dict:
    """Every sheet's values and where its formulas are, as xlperf reads the file."""
    return {s.name: {"values": s.rows, "formulas": s.formulas} for s in read(path).sheets}


@pytest.fixture
def filled(tmp_path):
    path = tmp_path / "部门绩效自评.xlsx"
    new_workbook(path, data=example_department())
    return path


def test_refresh_keeps_the_typed_figure_and_writes_what_the_cli_writes(office, filled):
    row = rows_by_name(read(filled).sheet(OVERALL))["职业技能培训人次"]
    typed, total = a1(row, 6), _total_cell(filled)
    results = drive(office, filled, [
        {"type": [OVERALL, typed, "5700人次"]},
        {"modified": True},
        {"read": [OVERALL, total]},
        {"run": "refresh"},
        {"modified": True},
        {"read": [OVERALL, typed]},
        {"read": [OVERALL, total]},
        {"sheets": True},
    ])
    _, modified_before, total_before, message, modified_after, shown, total_after, sheets = results
    assert modified_before is True and modified_after is False

    # the user's typing was saved (the backup is the workbook as LibreOffice saved it)
    saved = filled.with_name(f"{filled.stem}.bak{filled.suffix}")
    assert read(saved).sheet(OVERALL).value(row, 6) == "5700人次"
    reference = filled.with_name("reference.xlsx")
    shutil.copyfile(saved, reference)
    status, expected = cli(office, "refresh", reference)
    assert status in (0, 1)
    assert message == expected.replace(str(reference), str(filled))
    assert re.search(r"错误 \d+，警告 \d+，提示 \d+", message) and "总分" in message

    ours, theirs = cells(filled), cells(reference)
    assert list(ours) == list(theirs) == sheets
    for name in ours:
        assert ours[name] == theirs[name], name
    assert cells(saved)[OVERALL]["values"] != ours[OVERALL]["values"]  # the refresh did work
    # the open document was reloaded: it shows the typed figure and the new 总分
    assert shown == "5700人次"
    new_total = re.search(rf"{OVERALL}：总分 ([\d.]+)", message).group(1)
    assert total_after == new_total != total_before


def test_declining_to_save_changes_nothing_and_keeps_the_typing(office, filled):
    row = rows_by_name(read(filled).sheet(OVERALL))["职业技能培训人次"]
    before = filled.read_bytes()
    message, modified, shown = drive(office, filled, [
        {"type": [OVERALL, a1(row, 6), "5700人次"]},
        {"run": "refresh"},
        {"modified": True},
        {"read": [OVERALL, a1(row, 6)]},
    ], XLPERF_LO_ANSWER="no")[1:]
    assert message == "未刷新评分：工作簿有未保存的修改，没有做任何改动。"
    assert modified is True and shown == "5700人次"  # still on screen, still unsaved
    assert filled.read_bytes() == before
    assert not filled.with_name(f"{filled.stem}.bak{filled.suffix}").exists()


def test_the_dialogs_are_built_and_answered_in_headless_libreoffice(office, filled):
    """With dialogs on, headless LibreOffice answers every dialog at once as cancelled:
    the question, the message box and the name input are built without error, and a
    question not answered 是 changes nothing."""
    before = filled.read_bytes()
    checked, reported, added, modified = drive(office, filled, [
        {"type": [OVERALL, "A1", "x"]}, {"run": "check"}, {"run": "report"}, {"run": "add_project"},
        {"modified": True},
    ], quiet=False)[1:]
    assert checked == "未校验：工作簿有未保存的修改，没有做任何改动。"
    assert reported == "未生成报告：工作簿有未保存的修改，没有做任何改动。"
    assert added == "没有输入项目名称，未新增项目表。"
    assert modified is True and filled.read_bytes() == before


def _total_cell(path) -> str:
    """Where 附件2 shows its 总分: the last filled cell of the row labelled 总分."""
    sheet = read(path).sheet(OVERALL)
    for r, row in enumerate(sheet.rows):
        if any(isinstance(v, str) and v.replace(" ", "") == "总分" for v in row):
            return a1(r, max(c for c, v in enumerate(row) if v not in (None, "")))
    raise AssertionError("no 总分 on 附件2")


def test_check_reports_what_the_cli_reports_and_changes_nothing(office, filled):
    before = filled.read_bytes()
    (message,) = drive(office, filled, [{"run": "check"}])
    _, expected = cli(office, "check", filled)
    assert message.splitlines()[:25] == expected.splitlines()[:25]
    assert filled.read_bytes() == before  # unmodified document: not even saved
    assert not filled.with_name(f"{filled.stem}.bak{filled.suffix}").exists()


def test_add_project_adds_the_sheet_the_cli_adds(office, filled):
    reference = filled.with_name("reference.xlsx")
    shutil.copyfile(filled, reference)
    message, sheets = drive(office, filled, [{"run": "add_project", "args": ["乡村公益岗位补贴"]},
                                             {"sheets": True}])
    cli(office, "add-project", "--name", "乡村公益岗位补贴", reference)
    assert "项目-乡村公益岗位补贴" in message
    assert sheets == [s.name for s in read(reference).sheets]
    assert cells(filled) == cells(reference)


def test_report_saves_the_typing_drafts_what_the_cli_drafts_and_opens_it(office, filled):
    """生成报告 with a figure typed and not saved: saved (after 是), `xlperf report` of the
    saved file beside it, xlperf's line saying where in the message, the draft opened in
    Writer; a second press writes (2) and keeps the first draft."""
    row = rows_by_name(read(filled).sheet(OVERALL))["职业技能培训人次"]
    typed = a1(row, 6)
    first_message, modified, shown, opened, second_message = drive(office, filled, [
        {"type": [OVERALL, typed, "5700人次"]},
        {"run": "report"},
        {"modified": True},
        {"read": [OVERALL, typed]},
        {"components": True},
        {"run": "report"},
    ])[1:]
    draft = filled.with_name(f"{filled.stem}-自评报告草稿.docx")
    second = filled.with_name(f"{filled.stem}-自评报告草稿(2).docx")
    assert read(filled).sheet(OVERALL).value(row, 6) == "5700人次"  # the typing was saved
    assert modified is False and shown == "5700人次"
    assert not filled.with_name(f"{filled.stem}.bak{filled.suffix}").exists()  # only read

    reference = filled.with_name("reference.xlsx")
    shutil.copyfile(filled, reference)
    cli_draft = filled.parent / "cli" / "报告.docx"
    cli_draft.parent.mkdir()
    status, expected = cli(office, "report", reference, "-o", cli_draft)
    assert status in (0, 1)
    assert first_message == expected.replace(str(cli_draft), str(draft))
    assert first_message.startswith(f"已生成自评报告草稿 {draft}")
    assert docx_text(draft) == docx_text(cli_draft)
    assert str(draft) in opened and str(filled) in opened  # Writer shows the draft
    assert second_message.startswith(f"已生成自评报告草稿 {second}")
    assert docx_text(second) == docx_text(draft)


def test_report_with_dialogs_shows_the_message_then_opens_the_draft(office, filled):
    """Dialogs on (headless LibreOffice closes the message box at once): a saved
    workbook is not saved again, the draft is written and opened in Writer."""
    before = filled.read_bytes()
    message, opened = drive(office, filled, [{"run": "report"}, {"components": True}], quiet=False)
    draft = filled.with_name(f"{filled.stem}-自评报告草稿.docx")
    assert message.startswith(f"已生成自评报告草稿 {draft}") and draft.exists()
    assert opened == sorted([str(filled), str(draft)])
    assert filled.read_bytes() == before


def test_report_declined_save_writes_nothing(office, filled):
    row = rows_by_name(read(filled).sheet(OVERALL))["职业技能培训人次"]
    before = filled.read_bytes()
    message, modified = drive(office, filled, [
        {"type": [OVERALL, a1(row, 6), "5700人次"]}, {"run": "report"}, {"modified": True},
    ], XLPERF_LO_ANSWER="no")[1:]
    assert message == "未生成报告：工作簿有未保存的修改，没有做任何改动。"
    assert modified is True and filled.read_bytes() == before
    assert list(filled.parent.glob("*.docx")) == []


def test_a_file_that_is_not_xlsx_is_refused_in_one_sentence(office, tmp_path, filled):
    from lo import convert

    ods = convert(filled, "ods", outdir=tmp_path / "ods")
    before = ods.read_bytes()
    message, modified = drive(office, ods, [{"run": "refresh"}, {"modified": True}])
    assert message.startswith("xlperf 只处理 .xlsx 工作簿") and "\n" not in message
    assert ods.read_bytes() == before


def test_the_menu_and_toolbar_commands_have_a_handler(office, filled):
    with zipfile.ZipFile(office["home"] / "xlperf.oxt") as z:
        addons = etree.fromstring(z.read("Addons.xcu"))
    urls = [v.text for v in addons.iter("value") if v.text and v.text.startswith("org.xlperf:")]
    assert sorted(set(urls)) == sorted(f"org.xlperf:{p}" for p, _ in build_oxt.COMMANDS)
    assert len(urls) == 2 * len(build_oxt.COMMANDS)  # the menu and the toolbar
    found = drive(office, filled, [{"dispatch": u} for u in sorted(set(urls))]
                  + [{"dispatch": "org.xlperf:nothing"}])
    assert found == [True] * len(set(urls)) + [False]


def test_the_menu_item_refreshes_as_the_script_does(office, filled):
    """刷新评分 clicked in the menu (the frame's dispatch of org.xlperf:refresh), with no
    dialogs: the file ends as `xlperf refresh` leaves the saved workbook."""
    row = rows_by_name(read(filled).sheet(OVERALL))["职业技能培训人次"]
    drive(office, filled, [{"type": [OVERALL, a1(row, 6), "5700人次"]},
                           {"click": "org.xlperf:refresh"}])
    saved = filled.with_name(f"{filled.stem}.bak{filled.suffix}")
    reference = filled.with_name("reference.xlsx")
    shutil.copyfile(saved, reference)
    cli(office, "refresh", reference)
    assert read(saved).sheet(OVERALL).value(row, 6) == "5700人次"
    assert cells(filled) == cells(reference) != cells(saved)


def test_a_python_without_xlperf_is_told_in_one_sentence(office, filled, tmp_path):
    bare = tmp_path / "bare"  # a Python with nothing installed
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True)
    (message,) = drive(office, filled, [{"run": "check"}],
                       XLPERF_COMMAND=f"{bare / 'bin' / 'python'} -m xlperf.cli")
    assert message.startswith("找不到 xlperf 命令") and "\n" not in message


def test_shipped_extension_is_what_the_builder_makes(tmp_path):
    """Rebuild with `python workbooks/libreoffice/build_oxt.py` when this fails."""
    built = build_oxt.build(tmp_path / "xlperf.oxt")
    assert built.read_bytes() == (ROOT / "workbooks" / "xlperf.oxt").read_bytes()


_LOOKUP = r"""
import json, os, sys
sys.path.insert(0, sys.argv[1])
import xlperf_lo
print(json.dumps({
    "command": xlperf_lo.xlperf_command(),
    "windows": xlperf_lo.split_command(r'"C:\Program Files\Python312\python.exe" -m xlperf.cli', True),
    "posix": xlperf_lo.split_command("'/opt/my python/bin/python3' -m xlperf.cli", False),
}))
"""


def _lookup(office, env) -> dict:
    done = subprocess.run([office["python"], "-c", _LOOKUP, str(ROOT / "workbooks" / "libreoffice")],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_extension_finds_the_xlperf_command(office, tmp_path):
    """In LibreOffice's Python: XLPERF_COMMAND first, then xlperf on PATH, then pip's
    --user folder, then `python3 -m xlperf.cli`; command lines split as each system does."""
    home = tmp_path / "home"
    (home / ".local" / "bin").mkdir(parents=True)
    env = dict(CLEAN, HOME=str(home))
    found = _lookup(office, env)
    assert found["windows"] == [r"C:\Program Files\Python312\python.exe", "-m", "xlperf.cli"]
    assert found["posix"] == ["/opt/my python/bin/python3", "-m", "xlperf.cli"]
    if shutil.which("xlperf", path=CLEAN["PATH"]) is None:
        assert found["command"] == ["python3", "-m", "xlperf.cli"]
    user = home / ".local" / "bin" / "xlperf"
    user.write_text("#!/bin/sh\n", encoding="utf-8")
    user.chmod(0o755)
    if shutil.which("xlperf", path=CLEAN["PATH"]) is None:
        assert _lookup(office, env)["command"] == [str(user)]
    on_path = tmp_path / "bin" / "xlperf"
    on_path.parent.mkdir()
    shutil.copy(user, on_path)
    assert _lookup(office, dict(env, PATH=f"{on_path.parent}:{CLEAN['PATH']}"))["command"] == [str(on_path)]
    chosen = _lookup(office, dict(env, XLPERF_COMMAND="'/opt/x y/python3' -m xlperf.cli"))["command"]
    assert chosen == ["/opt/x y/python3", "-m", "xlperf.cli"]
