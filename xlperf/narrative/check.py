"""`xlperf check-report`: every check on a written report, in paragraph order."""
from __future__ import annotations

from ..findings import Finding
from ..settings import DEFAULT, Settings
from .arithmetic import check_counts, check_rates, check_sums
from .citations import check_citations
from .document import Report, read_report
from .scores import Facts, check_row_text_scores, check_tables, check_totals, check_vertical, gather
from .structure import check_indicator_counts, check_numbering
from .wording import check_dates, check_wording, check_year_labels, report_year


def check_report(report: Report, workbook=None, settings: Settings = DEFAULT) -> list[Finding]:
    """Findings on `report`; with `workbook` (a xlperf.narrative.facts.WorkbookFacts) also
    every figure that disagrees with the workbook's refreshed figures."""
    year = workbook.year if workbook is not None and workbook.year else report_year(report)
    facts = Facts()
    gather(report, facts)
    found: list[Finding] = []
    found += check_wording(report)
    found += check_dates(report, year)
    found += check_year_labels(report, year)
    found += check_sums(report)
    found += check_rates(report)
    found += check_counts(report)
    found += check_tables(report, facts, settings.reverse_rule)
    found += check_row_text_scores(report)
    found += check_vertical(report, facts)
    found += check_citations(report)
    found += check_numbering(report)
    found += check_indicator_counts(report)
    found += check_totals(report, facts, workbook.total if workbook is not None else None)
    if workbook is not None:
        from .against import check_against
        found += check_against(report, facts, workbook, year_in_text=report_year(report))
    order = {p.where: p.no for p in report.paras}
    return sorted(found, key=lambda f: order.get(f.cell, 0))


def check_report_file(path, workbook_path=None, settings: Settings = DEFAULT) -> list[Finding]:
    report = read_report(path)
    workbook = None
    if workbook_path is not None:
        from .facts import workbook_facts
        workbook = workbook_facts(workbook_path, settings)
    return check_report(report, workbook, settings)
