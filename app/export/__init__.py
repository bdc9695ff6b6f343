"""Exports of highlighted summaries: a summary builder (plain data) and one writer per format.

`app.export.summary` turns articles, entities and notes into `Summary`/`Brief` data; `html`, `pdf`,
`markdown`, `docx` and `tabular` (CSV, JSON) render it; `service` chooses articles from the library and
writes; `cli` is `qari export`. Nothing here imports Qt at import time (the PDF writer loads it when called).
"""
