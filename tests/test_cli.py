"""The command line as a user runs it: exit statuses, one-line Chinese errors, --json."""
import json
import zipfile
from pathlib import Path

import pytest
from fixtures import seeds
from fixtures.xlsx import write_workbook

from xlperf.actions import read
from xlperf.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def seed_files(tmp_path):
    folder = tmp_path / "部门"
    folder.mkdir()
    for name in ("seed001_self_evaluation", "seed002_basic_data", "seed002_overall", "seed002_sangong",
                 "seed003_final_accounts", "seed004_scoring", "seed004_staff_rate",
                 "seed004_basic_spending", "seed004_questionnaire", "seed000_project_funds"):
        write_workbook(folder / f"{name}.xlsx", getattr(seeds, name)())
    return folder


EXPECTED_ERRORS = {  # file → the (cell, code) of every error the seed's mistakes cause
    "seed001_self_evaluation.xlsx": {("H24", "SCORE_MISMATCH"), ("H29", "SCORE_MISMATCH"),
                                     ("H30", "TOTAL_MISMATCH"), ("B27", "WEIGHT_SUM"), ("G30", "WEIGHT_SUM")},
    "seed004_scoring.xlsx": {("F4", "TEXT_SCORE_MISMATCH"), ("F33", "TEXT_SCORE_MISMATCH"),
                             ("F34", "TEXT_SCORE_MISMATCH")},
    "seed004_basic_spending.xlsx": {("B11", "SUM_MISMATCH"), ("C26", "SUM_MISMATCH")},
    "seed000_project_funds.xlsx": {("C4", "BAD_NUMBER"), ("D4", "PLACEHOLDER")},
}
CORRECT = ("seed002_basic_data.xlsx", "seed002_sangong.xlsx", "seed003_final_accounts.xlsx",
           "seed004_questionnaire.xlsx", "seed004_staff_rate.xlsx")


def test_check_json_over_a_folder_of_typed_seed_tables(capsys, seed_files):
    code, out, err = run(capsys, "check", str(seed_files), "--json")
    assert code == 1
    findings = json.loads(out)  # stdout holds the JSON array and nothing else
    by_file = {}
    for f in findings:
        assert set(f) == {"file", "sheet", "cell", "code", "severity", "message", "expected", "found"}
        assert f["file"].startswith(str(seed_files))  # the path as the command line gave it
        by_file.setdefault(Path(f["file"]).name, []).append(f)
    for name, expected in EXPECTED_ERRORS.items():
        errors = {(f["cell"], f["code"]) for f in by_file[name] if f["severity"] == "error"}
        assert errors == expected, name
    for name in CORRECT:
        assert not [f for f in by_file.get(name, []) if f["severity"] == "error"], name
    overall = {(f["cell"], f["code"]) for f in by_file["seed002_overall.xlsx"] if f["severity"] == "error"}
    assert ("H23", "TOTAL_MISMATCH") in overall and ("F18", "MISSING_VALUE") not in overall


def test_check_of_correct_tables_exits_0(capsys, seed_files):
    files = [str(seed_files / n) for n in ("seed002_basic_data.xlsx", "seed002_sangong.xlsx",
                                          "seed003_final_accounts.xlsx", "seed004_questionnaire.xlsx")]
    code, out, err = run(capsys, "check", *files)
    assert code == 0 and "错误 0，警告 0，提示 0" in out


def test_check_never_writes(capsys, seed_files):
    before = {p.name: p.read_bytes() for p in seed_files.iterdir()}
    run(capsys, "check", str(seed_files))
    assert {p.name: p.read_bytes() for p in seed_files.iterdir()} == before


def test_annotate_writes_copies_with_notes(capsys, seed_files, tmp_path):
    out_dir = tmp_path / "批注"
    code, out, err = run(capsys, "check", str(seed_files / "seed004_scoring.xlsx"), "--annotate", str(out_dir))
    assert code == 1
    copy = read(out_dir / "seed004_scoring.xlsx")
    results = copy.sheet("校验结果")
    assert [r[4] for r in results.rows[3:6]] == ["TEXT_SCORE_MISMATCH"] * 3
    assert copy.sheet("评分表").value(3, 6) == 4  # the figures stay as typed
    assert read(seed_files / "seed004_scoring.xlsx").sheet("校验结果") is None


def test_unreadable_file_is_one_chinese_line_and_status_2(capsys, tmp_path):
    bad = tmp_path / "坏文件.xlsx"
    bad.write_text("这不是工作簿")
    code, out, err = run(capsys, "check", str(bad))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "坏文件.xlsx" in err and "Traceback" not in err


def test_batch_goes_on_after_a_bad_file(capsys, seed_files):
    (seed_files / "坏文件.xlsx").write_bytes(b"PK\x03\x04broken")
    code, out, err = run(capsys, "check", str(seed_files), "--json")
    assert code == 2
    assert "坏文件.xlsx" in err
    assert {Path(f["file"]).name for f in json.loads(out)} >= {"seed001_self_evaluation.xlsx",
                                                                "seed004_scoring.xlsx"}


def test_missing_path_and_bad_arguments(capsys, tmp_path):
    code, out, err = run(capsys, "check", str(tmp_path / "nothing.xlsx"))
    assert code == 2 and "不存在" in err
    code, out, err = run(capsys, "refresh")
    assert code == 2 and "参数错误" in err
    code, out, err = run(capsys, "check", str(tmp_path))
    assert code == 2 and "没有找到" in err


def test_a_new_workbook_refreshes_clean_without_made_up_totals(capsys, tmp_path):
    """Nothing filled: no finding at all, and no 总分 or 等级 — not even the 评分表's, whose
    评分数据 arrive blank (issue 11: it used to print 评分表：总分 71.00，等级 中)."""
    target = tmp_path / "新.xlsx"
    assert run(capsys, "new", "-o", str(target))[0] == 0
    code, out, err = run(capsys, "refresh", str(target))
    assert code == 0 and out.strip() == f"已刷新 {target}：错误 0，警告 0，提示 0", (out, err)
    code, out, err = run(capsys, "check", str(target))
    assert code == 0 and out.startswith(f"{target}：错误 0，警告 0，提示 0"), out


def test_new_refuses_to_overwrite(capsys, tmp_path):
    target = tmp_path / "桃江.xlsx"
    code, out, err = run(capsys, "new", "--dept", "桃江县人力资源和社会保障局", "--region", "桃江县",
                         "--year", "2024", "--projects", "3", "-o", str(target))
    assert code == 0
    before = target.read_bytes()
    code, out, err = run(capsys, "new", "-o", str(target))
    assert code == 2 and "已存在" in err and target.read_bytes() == before


def test_new_builds_the_seed_002_tables(capsys, tmp_path):
    target = tmp_path / "桃江.xlsx"
    assert run(capsys, "new", "--dept", "桃江县人力资源和社会保障局", "--region", "桃江县", "--year", "2024",
               "--projects", "3", "-o", str(target))[0] == 0
    wb = read(target)
    assert wb.sheet_names[:5] == ["附件1 基础数据表", "附件2 整体支出自评表", "项目-项目1", "项目-项目2", "项目-项目3"]
    assert wb.sheet("附件2 整体支出自评表").value(0, 0) == "桃江县2024年度部门整体支出绩效自评表"
    assert "已由 xlperf" in wb.sheet("校验结果").value(1, 0)


def test_add_project_copies_the_sheet_and_keeps_every_other_part(capsys, tmp_path):
    target = tmp_path / "桃江.xlsx"
    run(capsys, "new", "--region", "桃江县", "--year", "2024", "--projects", "1", "-o", str(target))
    with zipfile.ZipFile(target) as z:
        before = {n: z.read(n) for n in z.namelist()}
    code, out, err = run(capsys, "add-project", str(target), "--name", "劳动保障监察两网化建设")
    assert code == 0, err
    wb = read(target)
    assert "项目-劳动保障监察两网化建设" in wb.sheet_names
    copy = wb.sheet("项目-劳动保障监察两网化建设")
    assert copy.value(1, 4) == "劳动保障监察两网化建设"
    with zipfile.ZipFile(target) as z:
        after = {n: z.read(n) for n in z.namelist()}
    bookkeeping = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}
    changed = {n for n in before if before[n] != after.get(n)}
    assert changed <= bookkeeping
    source_formulas = wb.sheet("项目-项目1").formulas
    assert copy.formulas == source_formulas  # the copy keeps every formula cell


def test_refresh_reports_scores_and_exit_status(capsys, tmp_path):
    target = tmp_path / "示例.xlsx"
    from xlperf.actions import new_workbook
    from xlperf.example import example_department
    new_workbook(target, data=example_department())
    code, out, err = run(capsys, "refresh", str(target))
    assert code == 0
    assert "附件2 整体支出自评表：总分 96.56，等级 优" in out
    assert "评分表：总分 97.00，等级 优" in out


def test_demo(capsys, tmp_path):
    code, out, err = run(capsys, "demo", "--out", str(tmp_path / "demo"))
    assert code == 0
    assert "总分 96.56　等级 优" in out and "评分表：" in out
    assert (tmp_path / "demo" / "示例-部门绩效自评.xlsx").exists()


def test_an_annotated_copy_does_not_claim_a_refresh(capsys, tmp_path):
    from xlperf.actions import new_workbook
    from xlperf.example import example_department
    path = tmp_path / "示例.xlsx"
    new_workbook(path, data=example_department())
    stamp = read(path).sheet("校验结果").value(1, 0)
    run(capsys, "check", str(path), "--annotate", str(tmp_path / "批注"))
    assert read(tmp_path / "批注" / "示例.xlsx").sheet("校验结果").value(1, 0) == stamp


def test_folders_and_impossible_counts_are_one_chinese_line(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for argv in (["refresh", "."], ["add-project", ".", "--name", "甲"],
                 ["new", "--projects", "-1", "-o", "a.xlsx"], ["new", "--year", "24", "-o", "a.xlsx"],
                 ["new", "--year", "1999", "-o", "a.xlsx"], ["new", "--projects", "x", "-o", "a.xlsx"]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and len(err.strip().splitlines()) == 1, argv
        assert "Traceback" not in err and "内部错误" not in err and "invalid" not in err, err
    assert not (tmp_path / "a.xlsx").exists()
    code, out, err = run(capsys, "refresh", ".")
    assert "是文件夹" in err and "xlperf check" in err


def test_argparse_english_is_said_in_chinese(capsys):
    code, out, err = run(capsys, "refesh", "x.xlsx")
    assert code == 2 and "未知命令 'refesh'" in err and "refresh" in err and "invalid choice" not in err
    code, out, err = run(capsys, "new")
    assert code == 2 and "缺少必需的参数 -o/--output" in err
    code, out, err = run(capsys, "refresh", "a.xlsx", "b.xlsx")
    assert code == 2 and "无法识别的参数 b.xlsx" in err


def test_annotate_mirrors_the_input_folders_and_says_where(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for dept in ("甲局", "乙局"):
        (tmp_path / dept).mkdir()
        write_workbook(tmp_path / dept / "自评表.xlsx", seeds.seed001_self_evaluation())
    code, out, err = run(capsys, "check", "--annotate", "批注", "甲局/自评表.xlsx", "乙局/自评表.xlsx")
    assert code == 1
    for dept in ("甲局", "乙局"):
        copy = Path("批注") / dept / "自评表.xlsx"
        assert copy.exists() and f"批注副本：{copy}" in out
    code, out, err = run(capsys, "check", "--json", "甲局/自评表.xlsx", "乙局/自评表.xlsx")
    files = {f["file"] for f in json.loads(out)}
    assert files == {"甲局/自评表.xlsx", "乙局/自评表.xlsx"}
