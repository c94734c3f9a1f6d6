"""Apply a Plan to an .xlsx/.xlsm file by editing only the worksheet parts it writes
to, plus the bookkeeping that must follow (workbook.xml calcPr, and for new sheets the
<sheets> list, workbook relationships and [Content_Types].xml). Every other member is
copied raw, byte for byte, in its original order.

docProps/app.xml (TitlesOfParts, the sheet count shown by Explorer) is left alone: it
is informative only, Excel rewrites it on the next save and no reader relies on it.
"""
from __future__ import annotations

import os
import zipfile
import zlib
from pathlib import Path

from ..errors import UsageError
from ..layout import RESULTS, print_setup
from ..plan import Plan
from ..settings import DEFAULT, Settings
from .atomic import AtomicFile, check_lock
from .book import BookEditor, empty_sheet
from .cells import SheetEditor
from .package import Package, open_for_rewrite, sheet_label
from .pagefit import already_fitted
from .zipout import ZipRewriter


def apply_plan(src_path, plan: Plan, out_path=None, backup: bool = False,
               settings: Settings = DEFAULT) -> Path:
    """Write `plan` into the workbook at src_path, in place (atomically) or to out_path.
    backup=True first copies the file being replaced to `<stem>.bak<suffix>`.
    Raises WorkbookLocked, WriteFailed, UnreadableWorkbook, UsageError (unknown sheet)."""
    src = Path(os.fspath(src_path))
    target = Path(os.fspath(out_path)) if out_path is not None else src
    check_lock(target)
    if not (plan.writes or plan.new_sheets) and target.exists() and os.path.samefile(src, target):
        # rows to fit and nothing else: a workbook whose rows already fit stays untouched
        with open_for_rewrite(src, target, settings) as pkg:
            if _fitted(pkg, plan):
                return target
    with AtomicFile(target, backup=backup) as out:
        with open_for_rewrite(src, target, settings) as pkg:
            replace, add = _edits(pkg, plan)
            ZipRewriter(pkg.fileobj, pkg.zf).write(out, replace, add)
    return target


def _fitted(pkg: Package, plan: Plan) -> bool:
    """Every sheet already stores the plan's row heights and the page fit they give."""
    book = BookEditor(pkg)
    heights = _heights_by_sheet(plan)
    return all(_sheet_fitted(pkg, book, sheet, heights.get(sheet, {}), sheet in plan.fit_pages)
               for sheet in {*heights, *plan.fit_pages})


def _heights_by_sheet(plan: Plan) -> dict[str, dict[int, float]]:
    heights: dict[str, dict[int, float]] = {}
    for h in plan.row_heights:
        heights.setdefault(h.sheet, {})[h.row] = h.height
    return heights


def _sheet_fitted(pkg: Package, book: BookEditor, sheet: str, heights: dict[int, float],
                  fit_pages: bool) -> bool:
    """The sheet part already stores `heights` and, with `fit_pages`, the page fit they
    give (a look at the raw part; False whenever it cannot tell)."""
    ref = pkg.sheet(sheet)
    if ref is None or ref.kind != "worksheet":
        return False
    fit = (*print_setup(sheet), *book.print_rows(sheet)) if fit_pages else None
    data = _raw(pkg, ref.part)
    return data is not None and already_fitted(data, heights, fit)


def _raw(pkg: Package, part: str) -> bytes | None:
    """A sheet part's bytes for a look that decides nothing but "nothing to do": inflated
    within the part size limit, unchecked otherwise (None when in doubt: the full path
    then reads it with every check, and says what is wrong)."""
    name = pkg.member(part)
    info = pkg.infos.get(name) if name is not None else None
    if info is None or info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) \
            or info.file_size > pkg.settings.max_inflated_part_bytes:
        return None
    try:
        return pkg.zf.read(name)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        return None


def _edits(pkg: Package, plan: Plan) -> tuple[dict, list]:
    book = BookEditor(pkg)
    new_parts: dict[str, str] = {}
    for entry in plan.new_sheets:
        name = entry if isinstance(entry, str) else entry.name
        if pkg.sheet(name) is None and name not in new_parts:
            part = book.new_sheet_part()
            book.add_sheet(name, part)  # appended last: no localSheetId moves
            new_parts[name] = part

    replace: dict[str, bytes] = {}
    blank = empty_sheet(pkg.strict)
    added: dict[str, bytes] = {part: blank for part in new_parts.values()}
    by_sheet = plan.writes_by_sheet()
    heights = _heights_by_sheet(plan)
    # a sheet whose cells stay as they are may still have rows to fit
    sheets = list(dict.fromkeys([*by_sheet, *heights, *sorted(plan.fit_pages)]))
    for sheet in sheets:
        writes = by_sheet.get(sheet, [])
        ref = pkg.sheet(sheet)
        fitted = heights.get(sheet, {})
        # only the page fit to set: most sheets have it already (a look at the raw part,
        # as for a refresh with nothing to change, spares parsing it)
        if not writes and not fitted and _sheet_fitted(pkg, book, sheet, {}, True):
            continue
        if ref is not None:
            if ref.kind != "worksheet":
                raise UsageError(f"{sheet_label(sheet)}不是普通工作表，无法写入单元格")
            part, data = ref.part, pkg.read(ref.part, sheet_label(sheet), sheet=True)
        elif sheet in new_parts:
            part, data = new_parts[sheet], blank
        else:
            raise UsageError(f"{sheet_label(sheet)}不存在，无法写入")
        editor = SheetEditor(data, part)
        for w in writes:
            editor.set_value(w.row, w.col, w.value)
            # rows grow for text a person reads; the refresh's record, right of the
            # findings table on 校验结果, is machine data and sizes no row
            if (w.note and isinstance(w.value, str) and w.row not in fitted
                    and not (w.results and w.col >= RESULTS.width)):
                editor.fit_row_height(w.row, w.col, w.value)
        for row, height in sorted(fitted.items()):
            editor.set_row_height(row, height)
        if sheet in plan.fit_pages:
            landscape, printed = print_setup(sheet)
            editor.fit_pages(landscape, printed, *book.print_rows(sheet))
        if writes or editor.resized or ref is None:
            (replace if ref is not None else added)[part] = editor.to_bytes()

    if plan.writes or new_parts:
        book.ensure_full_calc()
    replace.update(book.outputs())
    return replace, list(added.items())
