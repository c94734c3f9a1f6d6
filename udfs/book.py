"""The xlwings adapter: a `WorkbookGrid` from any `xlwings.Book`, and a `Plan` replayed
through the Book API.

It works on the three kinds of book xlwings gives us:
- classic xlwings (Excel on Windows through COM, on macOS through AppleScript): values
  and formulas can be read, so FORMULA_OVERWRITTEN works as in the CLI;
- the remote engine (`xlwings.Book(json=...)`: xlwings Server, xlwings Lite): values
  only, so `SheetGrid.formulas` is None and the engine falls back to the template's own
  formula map (`formula_cell=True` for the cells the template computes);
- any other engine is read values-only too.

Values are normalised here, once, so the engine sees what the file adapter would have
given it: "" becomes None, whole numbers become floats (calamine reads every number as a
float; Office.js sends JSON numbers), and Decimals become floats only on the way out.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from xlperf.engine.results import RESULTS_SHEET  # noqa: F401  (button.py names it from here)
from xlperf.errors import LimitExceeded
from xlperf.grid import SheetGrid, WorkbookGrid
from xlperf.plan import Plan
from xlperf.settings import DEFAULT, Settings

# how note_writes (xlperf.engine.results) starts every 校验说明 message


@dataclass
class Applied:
    """What `apply_plan` did, for the summary message and the tests."""
    values: int = 0  # cells written
    skipped_formulas: int = 0  # template formula cells left to Excel
    calls: int = 0  # setValues calls (one per rectangular block)
    sheets_added: list = field(default_factory=list)
    notes: int = 0  # Excel notes added, changed or removed
    notes_supported: bool = True
    rows_fitted: int = 0  # rows given the height the plan decides


def is_remote(book) -> bool:
    """True for `xlwings.Book(json=...)` books (xlwings Server and Lite)."""
    try:
        return book.app.engine.name == "remote"
    except Exception:  # an unknown Book-like object: treat it as values-only
        return True


def _can_read_formulas(book) -> bool:
    try:
        return book.app.engine.name in ("excel",)
    except Exception:
        return False


# ---- reading --------------------------------------------------------------------------
def read_book(book, settings: Settings = DEFAULT, name: str | None = None) -> WorkbookGrid:
    """Every worksheet's values from A1 (rows padded to the used range), plus the formula
    cells where the client can tell (classic Excel); `formulas=None` otherwise."""
    with_formulas = _can_read_formulas(book)
    sheets = []
    for sheet in book.sheets:
        rows, formulas = _read_sheet(sheet, settings, with_formulas)
        sheets.append(SheetGrid(sheet.name, rows, formulas))
    return WorkbookGrid(sheets, name if name is not None else _book_name(book))


def _book_name(book) -> str:
    try:
        return book.name
    except Exception:
        return ""


def _read_sheet(sheet, settings: Settings, with_formulas: bool):
    used = sheet.used_range
    n_rows, n_cols = used.shape
    top, left = used.row - 1, used.column - 1
    if (top + n_rows) * (left + n_cols) > settings.max_cells_per_sheet:
        raise LimitExceeded(
            f"工作表“{sheet.name}”的已用区域达 {(top + n_rows) * (left + n_cols)} 个单元格，"
            f"超过 {settings.max_cells_per_sheet} 上限（可在设置中调高）")
    # error values (#DIV/0! …) arrive as None, as python-calamine reads them for the CLI
    block = used.options(ndim=2).value
    width = left + n_cols
    rows = [[None] * width for _ in range(top)]
    for r in block:
        rows.append([None] * left + [normalise(v) for v in r] + [None] * (n_cols - len(r)))
    formulas = None
    if with_formulas:
        formulas = _formula_cells(used, block, top, left)
    return _trim(rows), formulas


def _formula_cells(used, block, top: int, left: int) -> frozenset:
    """Cells whose Formula starts with "=" and differs from the cell's value: a text cell
    typed as '=abc (apostrophe prefix) reports "=abc" as its Formula too, but then the
    value is the same text."""
    texts = used.formula
    if isinstance(texts, str):
        texts = ((texts,),)
    out = set()
    for r, row in enumerate(texts):
        for c, f in enumerate(row):
            if isinstance(f, str) and f.startswith("="):
                value = block[r][c] if r < len(block) and c < len(block[r]) else None
                if value != f:
                    out.add((top + r, left + c))
    return frozenset(out)


def _trim(rows: list) -> list:
    """Drop trailing empty rows: an empty sheet reports A1 as its used range."""
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows


def normalise(v):
    """One Python value per cell, as the file adapter (python-calamine) produces it."""
    if v is None:
        return None
    if isinstance(v, str):
        return None if v == "" else v
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return float(v)
    if isinstance(v, float):
        return v
    if isinstance(v, dt.datetime):
        # calamine reads a date-only cell as a date; Office.js sends midnight datetimes
        return v.date() if v.time() == dt.time(0, 0) else v.replace(tzinfo=None)
    if isinstance(v, dt.date):
        return v
    if isinstance(v, Decimal):
        return float(v)
    return str(v)


# ---- writing --------------------------------------------------------------------------
def excel_value(v):
    """What to hand xlwings for one planned value. Decimals become floats (they are
    already rounded); text gets a leading apostrophe so Excel stores it verbatim instead
    of parsing it ("95%" → 0.95, "2024-1-5" → a date, "=…" → a formula); None clears."""
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, (Decimal, int, float)):
        return float(v)
    text = str(v)
    return "'" + text if text else None


def blocks(cells: dict) -> list[tuple[int, int, list]]:
    """Group {(row, col): value} into rectangles of written cells: runs of adjacent
    columns per row, stacked while the next row has a run with the same span. Only cells
    in `cells` are covered, so a skipped formula between two writes splits the run.
    Returns (top row, left column, 2-D values) per rectangle, top to bottom."""
    runs: dict = {}
    for (r, c) in sorted(cells):
        row_runs = runs.setdefault(r, [])
        if row_runs and row_runs[-1][1] == c - 1:
            row_runs[-1][1] = c
        else:
            row_runs.append([c, c])
    active: dict = {}  # (c0, c1) → [first row, last row]
    closed = []
    for r in sorted(runs):
        spans = [tuple(span) for span in runs[r]]
        for key in [k for k in active if k not in spans or active[k][1] != r - 1]:
            closed.append((key, active.pop(key)))
        for key in spans:
            if key in active:
                active[key][1] = r
            else:
                active[key] = [r, r]
    closed.extend(active.items())
    out = []
    for (c0, c1), (r0, r1) in sorted(closed, key=lambda b: (b[1][0], b[0][0])):
        out.append((r0, c0, [[cells[(r, c)] for c in range(c0, c1 + 1)]
                             for r in range(r0, r1 + 1)]))
    return out


def apply_plan(book, plan: Plan, excel_notes: bool = True,
               grid: WorkbookGrid | None = None) -> Applied:
    """Replay `plan` on `book`: new sheets first (appended last, as the file adapter
    does), then every write that is not a template formula, grouped into blocks, then
    the Excel notes mirroring the 校验说明 cells where the client supports notes (`grid`,
    the values the plan was built from, tells which unchanged cells carry a note)."""
    done = Applied()
    classic = not is_remote(book)
    if classic:
        _screen_updating(book, False)
    try:
        names = {s.name for s in book.sheets}
        for entry in plan.new_sheets:
            name = entry if isinstance(entry, str) else entry.name
            if name not in names:
                book.sheets.add(name, after=book.sheets[len(book.sheets) - 1])
                names.add(name)
                done.sheets_added.append(name)
        for sheet_name, writes in plan.writes_by_sheet().items():
            sheet = book.sheets[sheet_name]
            cells = {}
            for w in writes:
                if w.formula_cell:
                    done.skipped_formulas += 1
                    continue
                cells[(w.row, w.col)] = excel_value(w.value)
            for r0, c0, values in blocks(cells):
                sheet.range((r0 + 1, c0 + 1)).value = values
                done.calls += 1
            done.values += len(cells)
        _fit_rows(book, plan, done)
        if excel_notes:
            _sync_notes(book, note_texts(plan, grid), done)
    finally:
        if classic:
            _screen_updating(book, True)
    return done


def _fit_rows(book, plan: Plan, done: Applied) -> None:
    """The row heights the plan decides, one call per run of adjacent rows of the same
    height. The page fit (pages tall) is the file adapter's alone: no Book API of the
    remote engines sets it."""
    runs: list[list] = []  # [sheet, first row, last row, height]
    for h in sorted(plan.row_heights, key=lambda h: (h.sheet, h.row)):
        last = runs[-1] if runs else None
        if last and last[0] == h.sheet and last[2] == h.row - 1 and last[3] == h.height:
            last[2] = h.row
        else:
            runs.append([h.sheet, h.row, h.row, h.height])
    for sheet_name, first, last_row, height in runs:
        book.sheets[sheet_name].range((first + 1, 1), (last_row + 1, 1)).row_height = height
    done.rows_fitted += len(plan.row_heights)


def note_texts(plan: Plan, grid: WorkbookGrid | None) -> dict:
    """(sheet, row, col) → the 校验说明 text the cell holds after the plan (None: the
    note cell was cleared). Written note cells come from the plan; unchanged ones from
    `grid`, at the note cells the plan names."""
    out: dict = {}
    if grid is not None:
        for sheet_name, r, c in plan.note_cells:
            sheet = grid.sheet(sheet_name)
            v = sheet.value(r, c) if sheet is not None else None
            if isinstance(v, str) and v:
                out[(sheet_name, r, c)] = v
    for w in plan.writes:
        if w.note and not w.results and not w.formula_cell:
            out[(w.sheet, w.row, w.col)] = w.value if w.value else None
    return out


def _sync_notes(book, texts: dict, done: Applied) -> None:
    """Each 校验说明 cell with a message also gets an Excel note with that text, so a long
    message can be read by hovering over a narrow column; a cleared cell loses its note.
    The cells are xlperf's own (every refresh rewrites them), so a note there is too."""
    for (sheet_name, row, col), text in sorted(texts.items(), key=lambda kv: kv[0]):
        rng = book.sheets[sheet_name].range((row + 1, col + 1))
        try:
            existing = rng.note
            if text:
                if existing is None:
                    rng.add_note(str(text))
                    done.notes += 1
                elif _note_differs(existing, text):
                    existing.text = str(text)
                    done.notes += 1
            elif existing is not None:
                existing.delete()
                done.notes += 1
        except (NotImplementedError, AttributeError):
            # Google Sheets, Office Scripts, Excel before ExcelApi 1.18: the cell text
            # carries the message; stop trying for the rest of the run
            done.notes_supported = False
            return


def _note_differs(note, text) -> bool:
    """Classic Excel can read a note's text; the remote engine cannot (reading it is an
    async call), so there the text is always set."""
    try:
        return note.text != str(text)
    except NotImplementedError:
        return True


def _screen_updating(book, on: bool) -> None:
    try:
        book.app.screen_updating = on
    except Exception:  # not worth failing a refresh over
        pass
