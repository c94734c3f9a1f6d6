"""The 自评报告: read a written report and check its figures (`check-report`), and draft
one from a workbook's refreshed figures (`report`)."""
