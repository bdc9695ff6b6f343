"""PDF export through Qt's own PDF writer (QTextDocument printed on a QPdfWriter).

Qt shapes the Arabic (HarfBuzz), embeds the font as a subset with a ToUnicode map, so the text is
selectable and `pdftotext` gives it back in logical order. We use Noto Sans Arabic when it is there
(`app.core.resources.export_fonts`): its character map covers the lam-alef ligatures, so "لا" survives a
copy out of the PDF (with Noto Naskh Arabic or Amiri it does not).

The one exception to "only app/ui imports PySide6": this module imports PySide6 *inside* its functions, so
importing `app.export` (the CLI, tests, the store) never loads Qt. Rendering needs a Qt application;
when none exists (the command line) a QApplication is created on the offscreen platform. Call it from the
GUI thread, or from a worker thread once the application exists (QPdfWriter and QTextDocument may be used
off the GUI thread; nothing here touches a widget).

The document is a small HTML in the subset QTextDocument understands (tables for layout, `dir` on each
block, background colors on spans); every fragment goes through `html.escape`.
"""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path
from typing import Any

from app.core.palette import PALETTE, TEXT_ON_LIGHT, colors
from app.core.resources import export_fonts
from app.export.files import write_atomic
from app.export.summary import (
    Brief,
    CancelFlag,
    ExportError,
    ParagraphView,
    Progress,
    Summary,
    as_brief,
    check_cancel,
    labels,
    no_passages_message,
    printable,
    segments,
    type_name,
)

log = logging.getLogger(__name__)

BODY_PT = 11
_app: Any = None  # the QGuiApplication we created, kept alive for the process
_families: dict[str, str] = {}  # font file -> family registered with Qt


def _e(text: str | int | None) -> str:
    return escape(printable(str(text if text is not None else "")), quote=True)


def _ensure_app() -> Any:
    """The running Qt application, or a new offscreen one.

    We create a QApplication (not just a QGuiApplication) so that a window or pytest-qt started later in
    the same process finds the kind of application it needs.
    """
    global _app
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        from PySide6.QtWidgets import QApplication

        _app = QApplication(["qari", "-platform", "offscreen"])
        return _app
    if not isinstance(app, QGuiApplication):
        raise ExportError("PDF export needs a graphical Qt application, but a console-only one is running.")
    return app


def _font_family() -> str:
    """Register the export fonts with Qt; the family to write in."""
    from PySide6.QtGui import QFontDatabase

    family, regular, bold = export_fonts()
    for path in (regular, bold):
        if path is None or str(path) in _families:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("Qt could not load the font %s", path)
            continue
        names = QFontDatabase.applicationFontFamilies(font_id)
        _families[str(path)] = names[0] if names else family
    if regular is not None and str(regular) in _families:
        return _families[str(regular)]
    return family


def _iso(text: str | int | None) -> str:
    """Escaped text in a first-strong isolate: a date or URL keeps its own order inside Arabic."""
    return f"\u2068{_e(text)}\u2069"


def _mark(label: str) -> str:
    return f"background-color:{colors(label)['light']};color:{TEXT_ON_LIGHT};"


def _paragraph_html(p: ParagraphView, lang: str) -> str:
    parts: list[str] = []
    for seg in segments(p):
        piece = _e(seg.text)
        if seg.span is not None:
            piece = f'<span style="{_mark(seg.span.label)}">{piece}</span>'
        if seg.notes:
            piece = f'<span style="text-decoration:underline;">{piece}</span>'
        parts.append(piece)
        for ref in seg.note_refs:
            parts.append(f'<sup style="color:#555555;"><b>[{ref}]</b></sup>')
    align = "right" if p.direction == "rtl" else "left"
    if p.kind == "heading":
        text = f'<h3 dir="{p.direction}" align="{align}">{"".join(parts)}</h3>'
    else:
        text = f'<p dir="{p.direction}" align="{align}">{"".join(parts)}</p>'
    if not p.notes:
        return text
    notes = []
    for n in p.notes:
        when = (
            f'<br/><span style="color:#666666;font-size:8pt;">{_iso(n.created_at)}</span>'
            if n.created_at
            else ""
        )
        quote = f"<b>{n.number}.</b> «{_e(n.quote)}»"
        notes.append(f'<p dir="rtl" style="font-size:9pt;">{quote}<br/>{_e(n.body)}{when}</p>')
    return (
        '<table dir="rtl" width="100%" cellspacing="0" cellpadding="4" border="0"><tr>'
        f'<td width="72%" valign="top">{text}</td>'
        f'<td width="28%" valign="top" style="background-color:#F3F3F3;">{"".join(notes)}</td>'
        "</tr></table>"
    )


def _table(header: list[str], rows: list[list[str]], direction: str) -> str:
    head = "".join(f'<th bgcolor="#EEEEEE">{h}</th>' for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f'<table dir="{direction}" width="100%" border="1" cellspacing="0" cellpadding="3" '
        f'style="border-color:#BBBBBB;border-style:solid;"><tr>{head}</tr>{body}</table>'
    )


def _summary_html(s: Summary, number: int, lang: str, in_brief: bool) -> str:
    lab = labels(lang)
    d = "rtl" if lang == "ar" else "ltr"
    align = "right" if d == "rtl" else "left"
    out: list[str] = []
    prefix = f"{number}. " if in_brief else ""
    tag = "h2" if in_brief else "h1"
    out.append(f'<{tag} dir="{s.direction}" align="{align}">{_e(prefix)}{_e(s.title)}</{tag}>')
    meta = [
        (lab["source"], s.source),
        (lab["byline"], s.byline or ""),
        (lab["date"], s.date or ""),
        (lab["url"], s.url or ""),
        (lab["words"], str(s.word_count)),
        (lab["tags"], "، ".join(s.tags)),
    ]
    for key, value in meta:
        if value:
            out.append(f'<p dir="{d}" align="{align}"><b>{_e(key)}:</b> {_iso(value)}</p>')

    if s.show_index:
        out.append(f'<h2 dir="{d}" align="{align}">{_e(lab["entity_index"])}</h2>')
        if not s.entity_index:
            out.append(f'<p dir="{d}" align="{align}"><i>{_e(lab["no_entities"])}</i></p>')
        for label, entries in s.index_by_type().items():
            out.append(f'<h3 dir="{d}" align="{align}">{_e(type_name(label, lang))} ({len(entries)})</h3>')
            rows = [
                [f'<span style="{_mark(label)}">{_e(e.name)}</span>', str(e.count), _e("، ".join(e.forms))]
                for e in entries
            ]
            out.append(_table([_e(lab["name"]), _e(lab["count"]), _e(lab["forms"])], rows, d))

    heading = lab["text_full"] if s.passages == "full" else lab["text_key"]
    out.append(f'<h2 dir="{d}" align="{align}">{_e(heading)}</h2>')
    if s.entity_index:
        legend = " &nbsp; ".join(
            f'<span style="{_mark(t)}">&nbsp;{_e(type_name(t, lang))}&nbsp;</span>'
            for t in ("PERS", "LOC", "ORG")
        )
        out.append(f'<p dir="{d}" align="{align}">{legend}</p>')
    message = no_passages_message(s, lang)
    if message:
        out.append(f'<p dir="{d}" align="{align}"><i>{_e(message)}</i></p>')
    for p in s.paragraphs:
        if p.gap_before:
            out.append(f'<p align="center">{_e(lab["omitted"])}</p>')
        out.append(_paragraph_html(p, lang))
    if s.paragraphs and s.passages != "full" and s.paragraphs[-1].number < s.paragraph_total:
        out.append(f'<p align="center">{_e(lab["omitted"])}</p>')

    if s.entity_notes:
        out.append(f'<h2 dir="{d}" align="{align}">{_e(lab["entity_notes"])}</h2>')
        for en in s.entity_notes:
            when = f" ({_iso(en.created_at)})" if en.created_at else ""
            out.append(
                f'<p dir="{d}" align="{align}"><span style="{_mark(en.label)}"><b>{_e(en.name)}</b></span>: '
                f"{_e(en.body)}{when}</p>"
            )
    if s.article_notes:
        out.append(f'<h2 dir="{d}" align="{align}">{_e(lab["article_notes"])}</h2>')
        for g in s.article_notes:
            when = f" ({_iso(g.created_at)})" if g.created_at else ""
            out.append(f'<p dir="{d}" align="{align}">{_e(g.body)}{when}</p>')
    return "\n".join(out)


def render_pdf_html(
    doc: Summary | Brief,
    *,
    lang: str = "ar",
    family: str = "Noto Sans Arabic",
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
) -> str:
    """The Qt-flavoured HTML the PDF is printed from (exposed for tests and debugging)."""
    b = as_brief(doc)
    lab = labels(lang)
    d = "rtl" if lang == "ar" else "ltr"
    align = "right" if d == "rtl" else "left"
    out = [
        f'<html dir="{d}"><head><meta charset="utf-8"><title>{_e(b.title)}</title></head>'
        f'<body dir="{d}" style="font-family:\'{_e(family)}\';font-size:{BODY_PT}pt;">'
    ]
    if b.combined:
        out.append(f'<h1 dir="{d}" align="{align}">{_e(b.title or lab["brief"])}</h1>')
        out.append(f'<p dir="{d}" align="{align}"><b>{_e(lab["created"])}:</b> {_iso(b.created_at)}</p>')
        if b.query:
            out.append(f'<p dir="{d}" align="{align}"><b>{_e(lab["query"])}:</b> {_iso(b.query)}</p>')
        out.append(f'<p dir="{d}" align="{align}"><b>{_e(lab["articles"])}:</b> {len(b.summaries)}</p>')
        for i, s in enumerate(b.summaries, start=1):
            out.append(f'<p dir="{s.direction}" align="{align}">{i}. {_e(s.title)}</p>')
        if b.show_index:
            out.append(f'<h2 dir="{d}" align="{align}">{_e(lab["combined_index"])}</h2>')
            if not b.entity_index:
                out.append(f'<p dir="{d}" align="{align}"><i>{_e(lab["no_entities"])}</i></p>')
            for label, entries in b.index_by_type().items():
                out.append(
                    f'<h3 dir="{d}" align="{align}">{_e(type_name(label, lang))} ({len(entries)})</h3>'
                )
                rows = [
                    [
                        f'<span style="{_mark(label)}">{_e(e.name)}</span>',
                        str(e.count),
                        _e("، ".join(f"{a.number} ({a.count})" for a in e.articles)),
                    ]
                    for e in entries
                ]
                out.append(_table([_e(lab["name"]), _e(lab["count"]), _e(lab["in_articles"])], rows, d))
    total = len(b.summaries)
    for i, s in enumerate(b.summaries, start=1):
        check_cancel(cancel)
        if b.combined:
            out.append('<div style="page-break-before:always;"></div>')
        out.append(_summary_html(s, i, lang, b.combined))
        if progress is not None:
            progress(i, total)
    out.append("</body></html>")
    return "\n".join(out)


def write_pdf(
    doc: Summary | Brief,
    path: Path,
    *,
    lang: str = "ar",
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
) -> Path:
    """Write the PDF; `progress` counts articles laid out, the printing itself is one last step."""
    _ensure_app()
    from PySide6.QtCore import QMarginsF, Qt
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument, QTextOption

    family = _font_family()
    b = as_brief(doc)
    html = render_pdf_html(b, lang=lang, family=family, progress=progress, cancel=cancel)
    check_cancel(cancel)

    def _write(tmp: Path) -> None:
        tmp.touch()  # fails early (OSError) when the folder cannot be written
        writer = QPdfWriter(str(tmp))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
        writer.setResolution(300)
        writer.setTitle(printable(b.title))
        writer.setCreator("Qari")
        text_doc = QTextDocument()
        text_doc.setDocumentMargin(0)
        text_doc.setDefaultFont(QFont(family, BODY_PT))
        option = QTextOption()
        option.setTextDirection(
            Qt.LayoutDirection.RightToLeft if lang == "ar" else Qt.LayoutDirection.LeftToRight
        )
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        text_doc.setDefaultTextOption(option)
        text_doc.setDefaultStyleSheet(
            "h1{font-size:18pt;} h2{font-size:14pt;} h3{font-size:12pt;} th{font-weight:bold;}"
            + "".join(f".ent-{k}{{background-color:{v['light']};}}" for k, v in PALETTE.items())
        )
        text_doc.setHtml(html)
        text_doc.print_(writer)
        del writer  # finishes the file
        if tmp.stat().st_size == 0:
            raise ExportError(
                f"Qt could not write the PDF to {tmp.parent}; check that the folder is writable."
            )

    return write_atomic(Path(path), _write)
