"""The file adapter: read workbook grids with python-calamine, apply plans by editing
only the affected parts of the .xlsx/.xlsm zip (every other member copied byte for byte).

Modules: sniff (what kind of file), package (guarded zip access: bombs, DTDs, limits,
damaged XML; the workbook found through _rels/.rels), scan (formula map and cell limits
from the raw sheet XML), reader, canonical (the plain copy calamine reads when it would
refuse a valid layout), oldformats (.xls and .ods, read only), cells (edits inside
one sheet), book (workbook.xml, rels, content types), zipout (raw-copy zip writer),
atomic (temp file + fsync + os.replace), writer (apply_plan), sheetcopy (copy_sheet),
styles (which style indexes carry the input fill).
"""
from .reader import read_formulas, read_workbook
from .sheetcopy import copy_sheet
from .writer import apply_plan

__all__ = ["read_workbook", "read_formulas", "apply_plan", "copy_sheet"]
