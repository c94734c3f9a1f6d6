"""A real spreadsheet application agrees with the refresh: LibreOffice, recalculating every
formula or none, shows the refreshed figures with no error value, and the cached results
the refresh wrote equal LibreOffice's own recalculation of the template formulas."""
from decimal import Decimal as D

import pytest
from fixtures.xlsx import rows_by_name
from lo import errors_in, recalc_values

from xlperf.actions import new_workbook, read, refresh_file
from xlperf.example import example_department
from xlperf.plan import CellWrite, Plan
from xlperf.xlsx import apply_plan

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    path = tmp_path_factory.mktemp("lo") / "示例.xlsx"
    new_workbook(path, data=example_department())
    # inputs edited after the first refresh, so that this refresh has real work to do
    sheet = read(path).sheet("附件2 整体支出自评表")
    row = rows_by_name(sheet)["职业技能培训人次"]
    apply_plan(path, Plan([CellWrite("附件2 整体支出自评表", row, 6, "5700人次"),
                           CellWrite("附件2 整体支出自评表", 3, 6, D("1600.25"))]))
    refresh_file(path)
    return path


def _same(ours, theirs) -> bool:
    if isinstance(ours, (int, float)) and isinstance(theirs, (int, float)):
        return abs(D(str(ours)) - D(str(theirs))) <= D("1e-9")
    return (ours in (None, "")) == (theirs in (None, "")) and (ours in (None, "") or ours == theirs)


def test_cached_results_equal_libreoffice_recalculation(refreshed):
    ours = read(refreshed)
    theirs = recalc_values(refreshed, recalc=True)
    assert errors_in(theirs) == []
    checked = 0
    for sheet in ours.sheets:
        for (r, c) in sorted(sheet.formulas):
            lo_rows = theirs[sheet.name]
            lo_value = lo_rows[r][c] if r < len(lo_rows) and c < len(lo_rows[r]) else None
            assert _same(sheet.value(r, c), lo_value), f"{sheet.name}!{r + 1},{c + 1}: {sheet.value(r, c)!r} vs {lo_value!r}"
            checked += 1
    with_formulas = {s.name for s in ours.sheets if s.formulas}
    assert with_formulas >= {"附件1 基础数据表", "附件2 整体支出自评表", "项目-城乡居民代缴困难人员养老保险资金",
                             "项目-就业补助资金", "评分表", "满意度问卷", "三公经费对比"}
    assert checked == sum(len(s.formulas) for s in ours.sheets)


def test_libreoffice_without_recalculation_shows_the_refreshed_figures(refreshed):
    shown = recalc_values(refreshed, recalc=False)
    assert errors_in(shown) == []
    ours = read(refreshed)
    for sheet in ours.sheets:
        for r, row in enumerate(sheet.rows):
            for c, v in enumerate(row):
                lo_rows = shown[sheet.name]
                lo_value = lo_rows[r][c] if r < len(lo_rows) and c < len(lo_rows[r]) else None
                assert _same(v, lo_value), f"{sheet.name}!{r + 1},{c + 1}"
    overall = shown["附件2 整体支出自评表"]
    total_row = next(r for r, v in enumerate(overall) if v and v[0] == "总分")
    # 1600.25 ÷ 1715.12 → 9.33 of 10; 培训 5700 of 6000 → 4.75 instead of 4.50
    assert overall[total_row][8] == pytest.approx(96.25, abs=1e-9)
