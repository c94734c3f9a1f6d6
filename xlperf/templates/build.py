"""Assembles the department workbook from the sheet builders and writes the shipped copies."""
from __future__ import annotations

import datetime as _dt
import json
import re
import zipfile
from importlib import resources
from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.workbook.defined_name import DefinedName

from .. import TEMPLATE_VERSION
from ..settings import DEFAULT, Settings
from . import style as st
from .basic import build_basic
from .context import Context
from .guide import build_guide
from .overall import build_overall
from .project import build_project
from .results import build_results
from .sangong import build_sangong
from .scoring import build_scoring
from .sheet import AUTO_ROWS
from .survey import build_survey
from .values import project_sheet_names

VERSION_NAME = "xlperf_template_version"
TEMPLATE_FILE = "部门绩效自评模板.xlsx"
EXAMPLE_FILE = "示例-部门绩效自评.xlsx"
# the shipped blank template: placeholders a county accountant replaces
TEMPLATE_REGION, TEMPLATE_YEAR, TEMPLATE_PROJECTS = "XX县", 2024, 3
# fixed document dates keep the shipped files identical from one build to the next
_DOC_DATE = _dt.datetime(2025, 1, 1)


def example_data() -> dict:
    text = resources.files("xlperf").joinpath("data/example_department.json").read_text("utf-8")
    return json.loads(text)


def _projects(projects, data: dict) -> list[tuple[str, dict | None]]:
    """(name shown in 项目名称, the project's data) per project sheet."""
    given = list(data.get("projects") or [])
    if isinstance(projects, int):
        out = [(p.get("name", ""), p) for p in given]
        out += [("", None)] * max(0, projects - len(out))
        return out
    by_name = {p.get("name"): p for p in given}
    return [(str(name), by_name.get(name)) for name in projects]


def _sheet_names(projects: list[tuple[str, dict | None]]) -> list[str]:
    # a blank project's sheet is named by its position: 项目-项目1, 项目-项目2, …
    raw = [name or f"项目{i}" for i, (name, _) in enumerate(projects, start=1)]
    return project_sheet_names(raw)


def build_workbook(path, *, dept: str = "", region: str = "", year: int | None = None,
                   projects=1, data: dict | None = None, settings: Settings = DEFAULT) -> Path:
    """Write a department workbook (all sheets of docs/layout.md) to `path`.

    `projects` is a number of blank project sheets or a list of project names; `data`
    (the shape of xlperf/data/example_department.json) fills every input cell, and its
    dept/region/year/projects apply where the arguments are left at their defaults. With
    neither a year nor data, the year evaluated is last year."""
    data = data or {}
    year = int(year or data.get("year") or _dt.date.today().year - 1)
    ctx = Context(region=region or data.get("region", ""), year=year,
                  dept=dept or data.get("dept", ""), settings=settings)
    plan = _projects(projects, data)
    project_names = _sheet_names(plan)

    wb = Workbook()
    wb.remove(wb.active)
    sheets = {name: wb.create_sheet(name) for name in st.sheet_order(project_names)}
    build_basic(sheets[st.SHEET_BASIC], ctx, data.get("basic"))
    build_overall(sheets[st.SHEET_OVERALL], ctx, data.get("overall"))
    for sheet_name, (name, pdata) in zip(project_names, plan):
        build_project(sheets[sheet_name], ctx, name, pdata)
    survey = build_survey(sheets[st.SHEET_SURVEY], ctx, data.get("survey"))
    rate = f"'{st.SHEET_SURVEY}'!${survey['rate_cell'][0]}${survey['rate_cell'][1:]}"
    build_scoring(sheets[st.SHEET_SCORING], ctx, data.get("scoring_data"), rate)
    build_sangong(sheets[st.SHEET_SANGONG], ctx, data.get("sangong"))
    build_results(sheets[st.SHEET_RESULTS], ctx)
    build_guide(sheets[st.SHEET_GUIDE], ctx)
    _mark_version(wb)
    # openpyxl stores no cached results: ask Excel to compute every formula on opening
    wb.calculation.fullCalcOnLoad = True
    wb.properties.title = ctx.title("部门整体支出绩效自评")
    wb.properties.creator = "xlperf"
    wb.properties.created = wb.properties.modified = _DOC_DATE
    wb.active = 0

    # openpyxl names the parts by position; their rows of automatic height
    auto = {f"xl/worksheets/sheet{i}.xml": AUTO_ROWS.get(ws, [])
            for i, ws in enumerate(wb.worksheets, start=1)}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    _rewrite(path, auto)
    return path


def _auto_height(xml: bytes, rows: list[int]) -> bytes:
    """Drop customHeight from `rows`: their height is the text's estimate, and Excel,
    WPS and LibreOffice grow them when a person types more (openpyxl marks every row
    with a height custom)."""
    wanted = {str(r).encode() for r in rows}

    def fix(m: re.Match) -> bytes:
        tag = m.group(0)
        number = re.search(rb' r="(\d+)"', tag)
        if number is None or number.group(1) not in wanted:
            return tag
        return tag.replace(b' customHeight="1"', b"")

    return re.sub(rb"<row [^>]*>", fix, xml)


# openpyxl writes every empty formatted cell as a number, opened and closed
# (`<c r="B2" s="11" t="n"></c>`); Excel writes `<c r="B2" s="11"/>`. The form's borders make most cells such cells, and
# every reader pays for their bytes.
_EMPTY_TYPED = re.compile(rb'(<c r="[A-Z]{1,3}\d+"(?: s="\d+")?) t="n"(?:/>|></c>)')


def _rewrite(path: Path, auto: dict[str, list[int]]) -> None:
    """Rows of automatic height, and same inputs, same bytes: the shipped workbooks are
    committed, so a rebuild must not churn them. openpyxl stamps the save time into
    core.xml and every zip entry."""
    with zipfile.ZipFile(path) as src:
        parts = [(info, src.read(info.filename)) for info in src.infolist()]
    stamp = _DOC_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in parts:
            if auto.get(info.filename):
                data = _auto_height(data, auto[info.filename])
            if info.filename.startswith("xl/worksheets/"):
                data = _EMPTY_TYPED.sub(rb"\1/>", data)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            fixed = zipfile.ZipInfo(info.filename, date_time=_DOC_DATE.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            out.writestr(fixed, data)


def _mark_version(wb: Workbook) -> None:
    wb.defined_names[VERSION_NAME] = DefinedName(VERSION_NAME, attr_text=f'"{TEMPLATE_VERSION}"')
    wb.custom_doc_props.append(StringProperty(name=VERSION_NAME, value=TEMPLATE_VERSION))


def regenerate_shipped(dir="workbooks") -> list[Path]:
    """Write the blank template and the filled example into `dir`, each refreshed once as
    `xlperf new` does, so every formula carries its cached value (a viewer that does not
    recalculate shows the figures, and a check finds nothing stale)."""
    import tempfile

    from ..actions import refresh_file

    out = Path(dir)
    made = []
    for name, kwargs in ((TEMPLATE_FILE, dict(region=TEMPLATE_REGION, year=TEMPLATE_YEAR,
                                              projects=TEMPLATE_PROJECTS)),
                         (EXAMPLE_FILE, dict(data=example_data()))):
        with tempfile.TemporaryDirectory(prefix=".xlperf-build-", dir=out) as work:
            built = build_workbook(Path(work) / name, **kwargs)
            refresh_file(built, out=out / name)
        made.append(out / name)
    return made
