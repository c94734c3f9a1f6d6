"""The one-click launchers for WPS users (workbooks/launchers/).

The Linux script runs as a command on copies of a filled workbook, the way the desktop
entry runs it with the dropped files: it must leave exactly what `xlperf refresh` makes,
keep the original as <name>.bak.xlsx, print xlperf's summary, refuse an open (locked)
workbook without touching it, and, with a desktop, show the message in a dialog and
reopen the workbook afterwards — checked with stand-ins for zenity and xdg-open that
record how they were called. install.sh is run into a temporary HOME.
With --report (the 生成报告 icon) the same script drafts the 自评报告 beside each workbook,
as `xlperf report` does, never over an earlier draft, and opens the draft.

The Windows .bat files cannot run here: their text is checked (UTF-8 without BOM, CRLF,
the code page switched before any Chinese line, the same command and file names as the
script, no dropped path expanded inside a ( ) block).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.reports import docx_text
from fixtures.xlsx import rows_by_name

from xlperf.actions import new_workbook, read
from xlperf.example import example_department
from xlperf.plan import CellWrite, Plan
from xlperf.xlsx import apply_plan

ROOT = Path(__file__).resolve().parents[1]
LAUNCHERS = ROOT / "workbooks" / "launchers"
SCRIPT = LAUNCHERS / "xlperf-refresh.sh"
OVERALL = "附件2 整体支出自评表"


@pytest.fixture
def env(tmp_path):
    command = tmp_path / "bin" / "xlperf-command"
    command.parent.mkdir()
    command.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m xlperf.cli "$@"\n',
                       encoding="utf-8")
    command.chmod(0o755)
    return {"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "XLPERF_COMMAND": str(command), "XLPERF_LAUNCHER_NO_GUI": "1"}


@pytest.fixture
def workbooks(tmp_path):
    """Two copies of a filled workbook with a figure changed since its last refresh, in a
    folder whose name has a space."""
    folder = tmp_path / "自评 2024"
    folder.mkdir()
    first = folder / "部门绩效自评.xlsx"
    new_workbook(first, data=example_department())
    row = rows_by_name(read(first).sheet(OVERALL))["职业技能培训人次"]
    apply_plan(first, Plan([CellWrite(OVERALL, row, 6, "5700人次")]))
    second = folder / "reference.xlsx"
    shutil.copyfile(first, second)
    return first, second


def run(args, env, **kw):
    return subprocess.run(["sh", str(SCRIPT), *map(str, args)], env=env, capture_output=True,
                          text=True, timeout=300, **kw)


def cli(env, *args):
    return subprocess.run([env["XLPERF_COMMAND"], *map(str, args)], capture_output=True, text=True,
                          timeout=300)


def cells(path):
    return {s.name: (s.rows, s.formulas) for s in read(path).sheets}


def test_the_script_refreshes_with_a_backup_and_prints_the_summary(env, workbooks):
    workbook, reference = workbooks
    original = workbook.read_bytes()
    done = run([workbook], env)
    expected = cli(env, "refresh", reference)
    assert done.returncode == expected.returncode == 0
    backup = workbook.with_name("部门绩效自评.bak.xlsx")
    assert backup.read_bytes() == original
    assert cells(workbook) == cells(reference)
    assert cells(workbook) != cells(backup)
    lines = done.stdout.strip().splitlines()
    assert lines[:-1] == expected.stdout.strip().replace(str(reference), str(workbook)).splitlines()
    assert lines[-1] == f"原文件已备份为 {backup}"


def test_a_workbook_open_in_wps_or_excel_is_left_alone(env, workbooks):
    workbook, _ = workbooks
    (workbook.parent / f"~${workbook.name}").write_bytes(b"owner")  # the lock file WPS/Excel keep
    original = workbook.read_bytes()
    done = run([workbook], env)
    assert done.returncode == 2
    assert workbook.read_bytes() == original
    assert not workbook.with_name("部门绩效自评.bak.xlsx").exists()
    assert len(done.stdout.strip().splitlines()) == 1 and "关闭" in done.stdout


def test_several_files_and_the_worst_status(env, workbooks, tmp_path):
    workbook, reference = workbooks
    missing = tmp_path / "不存在.xlsx"
    done = run([workbook, missing, reference], env)
    assert done.returncode == 2
    assert done.stdout.count("已刷新") == 2 and "不存在" in done.stdout
    assert cells(workbook) == cells(reference)


def test_no_file_dropped_says_what_to_do(env):
    done = run([], env)
    assert done.returncode == 2 and "拖到" in done.stdout


def test_a_missing_xlperf_command_is_said_in_chinese(env, workbooks):
    workbook, _ = workbooks
    done = run([workbook], dict(env, XLPERF_COMMAND="/nonexistent/xlperf"))
    assert done.returncode == 127 and "找不到 xlperf 命令" in done.stdout


def run_on_a_desktop(args, env, tmp_path) -> tuple:
    """The script with a desktop: zenity and xdg-open are stand-ins recording how they were
    called. (the run, [each call's arguments, tab-separated, then the program's name])."""
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    log = tmp_path / "calls.log"
    for name in ("zenity", "xdg-open"):
        stub = stubs / name
        stub.write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\t" "$a"; done >> "{log}"\n'
                        f'printf "{name}<<END>>" >> "{log}"\n', encoding="utf-8")
        stub.chmod(0o755)
    gui_env = {k: v for k, v in env.items() if k != "XLPERF_LAUNCHER_NO_GUI"}
    gui_env["PATH"] = f"{stubs}:{gui_env['PATH']}"
    done = run(args, gui_env)
    calls: list[str] = []
    for _ in range(100):  # xdg-open is started in the background
        calls = log.read_text(encoding="utf-8").split("<<END>>")[:-1] if log.exists() else []
        if len(calls) == 2:
            break
        time.sleep(0.1)
    return done, calls


def test_with_a_desktop_the_message_is_a_dialog_and_the_workbook_reopens(env, workbooks, tmp_path):
    workbook, _ = workbooks
    done, (dialog, reopen) = run_on_a_desktop([workbook], env, tmp_path)
    assert done.returncode == 0 and done.stdout == ""
    assert dialog.endswith("zenity") and "--info" in dialog and "总分" in dialog and "已刷新" in dialog
    assert reopen == f"{workbook}\txdg-open"


def test_install_puts_the_entries_in_the_menu_with_the_script_path(env, tmp_path):
    home = Path(env["HOME"])
    (home / "Desktop").mkdir(parents=True)
    done = subprocess.run(["sh", str(LAUNCHERS / "install.sh")], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    entry = home / ".local/share/applications/xlperf-refresh.desktop"
    script = home / ".local/share/xlperf/xlperf-refresh.sh"
    fields = dict(line.split("=", 1) for line in entry.read_text(encoding="utf-8").splitlines()
                  if "=" in line)
    assert fields["Type"] == "Application" and fields["Name"] == "刷新评分"
    assert fields["Exec"] == f'"{script}" %F'
    assert "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" in fields["MimeType"]
    assert os.access(script, os.X_OK) and script.read_bytes() == SCRIPT.read_bytes()
    assert (home / "Desktop" / "刷新评分.desktop").read_bytes() == entry.read_bytes()
    # 生成报告: the same script with --report, an icon of its own beside 刷新评分
    report = home / ".local/share/applications/xlperf-report.desktop"
    fields = dict(line.split("=", 1) for line in report.read_text(encoding="utf-8").splitlines()
                  if "=" in line)
    assert fields["Type"] == "Application" and fields["Name"] == "生成报告"
    assert fields["Exec"] == f'"{script}" --report %F'
    assert (home / "Desktop" / "生成报告.desktop").read_bytes() == report.read_bytes()


def _batch_lines(name: str) -> list[str]:
    raw = (LAUNCHERS / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # a BOM breaks cmd's first line
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    lines = raw.decode("utf-8").split("\r\n")
    assert lines[:2] == ["@echo off", "chcp 65001 >nul"]
    assert all(line.isascii() for line in lines[:2])
    # a dropped path is never expanded inside a ( ) block: "新建文件夹 (2)" would close it
    depth = 0
    for line in lines:
        if depth and "%~" in line:
            raise AssertionError(f"path expanded inside a block: {line}")
        depth += line.rstrip().endswith("(") - (line.strip() == ")")
    return lines


def test_the_windows_batch_file_runs_the_same_command():
    text = "\r\n".join(_batch_lines("刷新评分.bat"))
    assert '%XLPERF% refresh --backup "%~1"' in text
    assert 'start "" "%~1"' in text and "pause" in text  # reopens, and the window stays
    assert "%~dpn1.bak%~x1" in text  # the backup name xlperf uses: <name>.bak.xlsx


# ---- 生成报告 ------------------------------------------------------------------------------
def test_report_drafts_beside_the_workbook_and_never_over_an_earlier_draft(env, workbooks, tmp_path):
    workbook, reference = workbooks
    original = workbook.read_bytes()
    done = run(["--report", workbook], env)
    draft = workbook.with_name("部门绩效自评-自评报告草稿.docx")
    expected = cli(env, "report", reference, "-o", tmp_path / "cli.docx")
    assert done.returncode == expected.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == expected.stdout.strip().replace(str(tmp_path / "cli.docx"), str(draft))
    assert f"已生成自评报告草稿 {draft}" in done.stdout  # where the draft is
    assert docx_text(draft) == docx_text(tmp_path / "cli.docx")
    assert workbook.read_bytes() == original  # the workbook is only read
    assert not workbook.with_name("部门绩效自评.bak.xlsx").exists()

    first = draft.read_bytes()
    again = run(["--report", workbook], env)
    second = workbook.with_name("部门绩效自评-自评报告草稿(2).docx")
    assert again.returncode == 0 and f"已生成自评报告草稿 {second}" in again.stdout
    assert draft.read_bytes() == first and second.exists()


def test_report_of_several_files_a_missing_one_and_no_file(env, workbooks, tmp_path):
    workbook, reference = workbooks
    done = run(["--report", workbook, tmp_path / "不存在.xlsx", reference], env)
    assert done.returncode == 2 and done.stdout.count("已生成自评报告草稿") == 2
    assert "不存在" in done.stdout
    assert sorted(p.name for p in workbook.parent.glob("*.docx")) == \
        ["reference-自评报告草稿.docx", "部门绩效自评-自评报告草稿.docx"]
    assert not (tmp_path / "不存在-自评报告草稿.docx").exists()
    empty = run(["--report"], env)
    assert empty.returncode == 2 and "拖到“生成报告”图标上" in empty.stdout


def test_report_with_a_desktop_shows_where_and_opens_the_draft(env, workbooks, tmp_path):
    workbook, _ = workbooks
    done, (dialog, opened) = run_on_a_desktop(["--report", workbook], env, tmp_path)
    assert done.returncode == 0 and done.stdout == ""
    draft = workbook.with_name("部门绩效自评-自评报告草稿.docx")
    assert dialog.endswith("zenity") and "--title=生成报告" in dialog
    assert f"已生成自评报告草稿 {draft}" in dialog
    assert opened == f"{draft}\txdg-open"


def test_the_windows_report_batch_file_runs_the_same_command():
    lines = _batch_lines("生成报告.bat")
    text = "\r\n".join(lines)
    assert '%XLPERF% report "%~1" -o "%DRAFT%"' in text
    # the script's names: <name>-自评报告草稿.docx, then (2), (3)… while one exists
    assert 'set "DRAFT=%~dpn1-自评报告草稿.docx"' in text
    assert 'set "DRAFT=%~dpn1-自评报告草稿(%N%).docx"' in text
    assert 'if not exist "%DRAFT%" goto draft' in text
    assert 'start "" "%DRAFT%"' in text and "pause" in text
    assert "refresh" not in text and ".bak" not in text  # the workbook is not touched
