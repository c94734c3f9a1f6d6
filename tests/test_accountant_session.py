"""An accountant's session, with LibreOffice Calc (driven through Python-UNO) as the
spreadsheet application: `xlperf new` → type the inputs in Calc, among them a met target
scored low, an over-weight score, a hand-typed wrong 总分 and long texts → insert two
indicator rows (Rows.insertByIndex) and fill them → save as .xlsx → refresh →
add-project → refresh → edit one input in Calc → check.

What it proves: the errors stay errors whatever else changed (no workbook-wide stamp
turns them into hints), a typed figure the refresh replaces is named in the notes, an
over-weight score never raises 总分, the inserted rows count, the added project is blank
and unranked, and refreshing twice changes no byte."""
from __future__ import annotations

import json
import os
import subprocess
from decimal import Decimal as D
from pathlib import Path

import pytest
from fixtures.summary import summary_rows
from lo import soffice

from xlperf.actions import read
from xlperf.cli import main
from xlperf.collect import collect

pytestmark = pytest.mark.libreoffice

UNO_PYTHON = "/usr/bin/python3"  # the interpreter python3-uno is built for
SESSION = Path(__file__).with_name("uno_session.py")
OVERALL = "附件2 整体支出自评表"
NAME, NATURE, TARGET, ACTUAL, WEIGHT, SCORE, TIER, DEVIATION, NOTE = 3, 4, 5, 6, 7, 8, 9, 10, 12
LONG_REASON = ("受经济下行和部分企业经营困难影响，新增就业岗位少于年初预期；下一步将加强与重点企业、"
               "园区的用工对接，扩大公益性岗位开发，并按季度跟踪就业形势，确保完成年度目标。")


def calc(tmp_path: Path, path: Path, steps: list) -> None:
    """Open `path` in LibreOffice Calc, play the steps (typing, inserting rows), save."""
    soffice()  # skips on a laptop without LibreOffice, fails under CI
    if not Path(UNO_PYTHON).exists():
        pytest.fail("python3-uno's interpreter /usr/bin/python3 is missing")
    spec = tmp_path / f"steps-{len(list(tmp_path.glob('steps-*')))}.json"
    profile = tmp_path / "lo-profile"
    spec.write_text(json.dumps({"profile": str(profile), "documents": [{"path": str(path), "steps": steps}]},
                               ensure_ascii=False), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    proc = subprocess.run([UNO_PYTHON, str(SESSION), str(spec)], capture_output=True, text=True,
                          timeout=300, env=env)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-3000:]


def typed(row: int, values: dict) -> list:
    return [["set", OVERALL, row, col, v] for col, v in values.items()]


def xlperf(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def findings_at(capsys, path) -> dict:
    code, out, err = xlperf(capsys, "check", "--json", path)
    found: dict = {}
    everything = json.loads(out)
    # LibreOffice's 0 for a SUM over blank cells is what Excel shows too: not stale
    assert not [f for f in everything if "应为 空白" in f["message"]]
    for f in everything:
        if f["sheet"] == OVERALL:
            found.setdefault(f["cell"], []).append((f["code"], f["severity"]))
    return found


def test_an_accountants_session_in_libreoffice(capsys, tmp_path):
    book = tmp_path / "人社局.xlsx"
    assert xlperf(capsys, "new", "--dept", "示例县人力资源和社会保障局", "--region", "示例县",
                  "--year", "2024", "-o", book)[0] == 0

    # the inputs as typed in Calc (rows of the blank template, before the insertion)
    steps = typed(3, {4: 1000, 5: 1200, 6: 1150})  # 年度资金总额
    steps += typed(5, {4: 1000, 5: 1200, 6: 1150})  # 一般公共预算
    steps += typed(10, {5: 800, 6: 790}) + typed(11, {5: 400, 6: 360})  # 基本支出, 项目支出
    steps += typed(21, {NAME: "职业技能培训人次", TARGET: "≥1000人次", ACTUAL: "1100人次", WEIGHT: 10,
                        SCORE: 9})  # met, but scored 9 of 10
    steps += typed(22, {NAME: "新增城镇就业人数（含高校毕业生、就业困难人员和退役军人等重点群体）",
                        TARGET: "≥500人", ACTUAL: "480人", WEIGHT: 10, DEVIATION: LONG_REASON})
    steps += typed(23, {NAME: "培训合格率", TARGET: "≥90%", ACTUAL: "98%", WEIGHT: 10, SCORE: 10})
    steps += typed(25, {NAME: "补贴发放及时率", TARGET: "≥95%", ACTUAL: "96%", WEIGHT: 10})
    steps += typed(29, {NAME: "公共就业服务质量", NATURE: "定性", TARGET: "服务质量明显提升",
                        ACTUAL: "达成年度指标", TIER: "达成年度指标", WEIGHT: 15, SCORE: 16})  # over its weight
    steps += typed(31, {NAME: "就业服务覆盖率", TARGET: "≥80%", ACTUAL: "85%", WEIGHT: 15})
    steps += typed(37, {NAME: "服务对象满意度", TARGET: "≥90%", ACTUAL: "93%", WEIGHT: 10})
    steps += typed(39, {SCORE: 99})  # a 总分 typed over its formula; the rows are worth 98.18
    # two indicator rows inserted under 数量指标, then filled
    steps.append(["insert_rows", OVERALL, 23, 2])
    steps += typed(23, {NAME: "职业技能培训补贴人数", TARGET: "≥300人", ACTUAL: "310人", WEIGHT: 5})
    steps += typed(24, {NAME: "创业担保贷款发放笔数", TARGET: "≥50笔", ACTUAL: "40笔", WEIGHT: 5,
                        DEVIATION: LONG_REASON})
    calc(tmp_path, book, steps)
    rows = {name: r for r, v in enumerate(read(book).sheet(OVERALL).rows) if (name := v[NAME])}
    met, short, over = rows["职业技能培训人次"], rows["新增城镇就业人数（含高校毕业生、就业困难人员和退役军人等重点群体）"], \
        rows["公共就业服务质量"]
    inserted = [rows["职业技能培训补贴人数"], rows["创业担保贷款发放笔数"]]
    total_row = next(r for r, v in enumerate(read(book).sheet(OVERALL).rows) if v[0] == "总分")
    assert inserted == [23, 24] and total_row == 41

    def cell(r):
        return f"I{r + 1}"

    # before any refresh: the typed figures are errors, not hints
    before = findings_at(capsys, book)
    assert ("SCORE_MISMATCH", "error") in before[cell(met)]
    assert ("TOTAL_MISMATCH", "error") in before[cell(total_row)]
    assert ("SCORE_OVER_WEIGHT", "error") in before[cell(over)]
    assert not any(code == "STALE_SCORE" for code, _ in before[cell(total_row)])

    code, out, err = xlperf(capsys, "refresh", book)
    assert code == 1, err  # the over-weight score is still an error
    assert f"{OVERALL}：总分 98.18，等级 优" in out
    sheet = read(book).sheet(OVERALL)
    assert sheet.value(met, SCORE) == 10
    assert "原填 9" in sheet.value(met, NOTE) and "改为 10" in sheet.value(met, NOTE)
    assert [sheet.value(r, SCORE) for r in inserted] == [5, 4]  # the inserted rows count
    assert D(str(sheet.value(short, SCORE))) == D("9.6")
    assert sheet.value(over, SCORE) == 16 and "总分按 15 计" in sheet.value(over, NOTE)
    assert D(str(sheet.value(total_row, SCORE))) == D("98.18")  # 16 counted as 15
    assert "原填 99" in sheet.value(total_row, NOTE)

    code, out, err = xlperf(capsys, "add-project", book, "--name", "新项目")
    assert code == 0, err
    code, out, err = xlperf(capsys, "refresh", book)
    assert "项目-新项目" not in out  # a blank sheet has no 总分
    refreshed = book.read_bytes()
    xlperf(capsys, "refresh", book)
    assert book.read_bytes() == refreshed  # refresh twice: not one byte changes

    summary = tmp_path / "汇总.xlsx"
    collect([book], summary, jobs=1, progress=False)
    new = [p for p in summary_rows(summary, "项目汇总") if p["工作表"] == "项目-新项目"]
    assert new and new[0]["排名"] is None and new[0]["总分"] is None
    assert summary_rows(summary, "部门汇总")[0]["总分"] == pytest.approx(98.18)

    # one input edited in Calc after the refresh: that row's score is stale, the rest stands
    calc(tmp_path, book, typed(short, {ACTUAL: "500人"}))
    after = findings_at(capsys, book)
    assert after[cell(short)] == [("STALE_SCORE", "info")]
    # the 总分 the refresh wrote still adds up the rows as they stand: no error there
    assert not [c for c, severity in after[cell(total_row)] if severity == "error"]
    assert ("SCORE_OVER_WEIGHT", "error") in after[cell(over)]  # still an error
    assert ("TYPED_REPLACED", "warning") in after[cell(met)]
    code, out, err = xlperf(capsys, "refresh", book)
    assert f"{OVERALL}：总分 98.58，等级 优" in out
