"""HTML export: one self-contained, printable file.

Right to left (`<html dir="rtl">`, and each paragraph carries its own `dir`), the bundled Arabic font
embedded as a base64 `@font-face`, no script and no remote resource (a link to the article's URL is only a
link). Entities are `<mark class="ent ent-PERS">` in the palette's colors (`app.core.palette`), with the type
and canonical name in `title`; notes sit beside the passage they anchor (a grid column, also in print) and a
numbered marker follows the anchored words. Every fragment of text goes through `html.escape`.
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from app.core.palette import PALETTE, TEXT_ON_LIGHT
from app.core.resources import export_fonts
from app.export.files import write_text
from app.export.summary import (
    Brief,
    CancelFlag,
    ParagraphView,
    Progress,
    Summary,
    as_brief,
    check_cancel,
    labels,
    no_passages_message,
    printable,
    segments,
    text_direction,
    type_name,
)

FONT_FAMILY_CSS = "QariArabic"


def _e(text: str | int | None) -> str:
    return escape(printable(str(text if text is not None else "")), quote=True)


def font_face_css(embed: bool = True) -> str:
    """`@font-face` rules with the export font inlined as base64 (none when `embed` is False)."""
    family, regular, bold = export_fonts()
    rules: list[str] = []
    if embed:
        for path, weight in ((regular, 400), (bold, 700)):
            if path is None:
                continue
            data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
            fmt = "opentype" if path.suffix.lower() == ".otf" else "truetype"
            rules.append(
                f'@font-face{{font-family:"{FONT_FAMILY_CSS}";font-weight:{weight};font-style:normal;'
                f'src:url(data:font/{"otf" if fmt == "opentype" else "ttf"};base64,{data}) format("{fmt}");}}'
            )
    stack = f'"{FONT_FAMILY_CSS}","{family}","Noto Naskh Arabic","Amiri","Arial",sans-serif'
    return "\n".join(rules) + f"\n:root{{--qari-font:{stack};}}\n"


def _css(embed_font: bool) -> str:
    ent_rules = []
    for label, c in PALETTE.items():
        ent_rules.append(
            f".ent-{label}{{background:{c['light']};color:{TEXT_ON_LIGHT};"
            f"border-bottom:2px solid {c['base']};}}"
            f".swatch-{label}{{background:{c['light']};border:1px solid {c['base']};}}"
        )
    return (
        font_face_css(embed_font)
        + """
*{box-sizing:border-box}
html{font-family:var(--qari-font);font-size:17px;line-height:1.8;color:#1d1d1f;background:#fff}
body{max-width:60rem;margin:0 auto;padding:1.5rem}
h1,h2,h3{line-height:1.4;font-weight:700}
h1{font-size:1.6rem;margin:0 0 .4rem}
h2{font-size:1.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:1.6rem}
h3.para{font-size:1.1rem;margin:.8rem 0 .2rem}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.4rem 0;color:#333}
.meta dt{font-weight:700}
.meta dd{margin:0}
.tags span{display:inline-block;border:1px solid #999;border-radius:.8rem;padding:0 .6rem;margin:0 .2rem;
  font-size:.9rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}
th,td{border:1px solid #bbb;padding:.2rem .5rem;text-align:start;vertical-align:top}
th{background:#f1f1f1}
td.num{text-align:center;width:4.5rem}
mark.ent{padding:0 .1em;border-radius:.15em}
.legend span.swatch{display:inline-block;width:1em;height:1em;vertical-align:middle;margin-inline-end:.3em}
.legend{margin:.4rem 0}
.legend>span{margin-inline-end:1.2rem}
.passage{display:grid;grid-template-columns:minmax(0,1fr);gap:0 1.2rem;margin:.3rem 0}
.passage.has-notes{grid-template-columns:minmax(0,1fr) 16rem}
.passage p{margin:.3rem 0}
.anchored{text-decoration:underline dotted #555;text-underline-offset:.3em}
sup.note-ref{font-size:.7em;font-weight:700;color:#555}
aside.notes{font-size:.9rem;border-inline-start:3px solid #999;padding-inline-start:.6rem;color:#222}
aside.notes .note{margin:.3rem 0}
.note q{color:#555}
.note .n{font-weight:700}
.gap{color:#777;text-align:center;margin:.2rem 0}
.none{color:#555;font-style:italic}
time{color:#666;font-size:.85em;direction:ltr;unicode-bidi:isolate}
.ltr{direction:ltr;unicode-bidi:isolate}
article+article{margin-top:2.5rem;border-top:2px solid #333;padding-top:1rem}
@media print{
  html{font-size:12pt;background:#fff}
  body{max-width:none;padding:0}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  article+article{break-before:page;border-top:none;margin-top:0}
  .passage,tr,.note{break-inside:avoid}
  h2,h3{break-after:avoid}
  a{color:inherit;text-decoration:none}
}
"""
        + "\n".join(ent_rules)
    )


def _meta(s: Summary, lab: dict[str, str]) -> str:
    rows: list[str] = []
    if s.source:
        rows.append(f"<dt>{_e(lab['source'])}</dt><dd><bdi>{_e(s.source)}</bdi></dd>")
    if s.byline:
        rows.append(f"<dt>{_e(lab['byline'])}</dt><dd>{_e(s.byline)}</dd>")
    if s.date:
        rows.append(f"<dt>{_e(lab['date'])}</dt><dd><bdi>{_e(s.date)}</bdi></dd>")
    if s.url:
        rows.append(
            f'<dt>{_e(lab["url"])}</dt><dd><a class="ltr" dir="ltr" href="{_e(s.url)}">{_e(s.url)}</a></dd>'
        )
    rows.append(f"<dt>{_e(lab['words'])}</dt><dd>{s.word_count}</dd>")
    return '<dl class="meta">' + "".join(rows) + "</dl>"


def _legend(lang: str, lab: dict[str, str]) -> str:
    items = "".join(
        f'<span><span class="swatch swatch-{label}"></span>{_e(type_name(label, lang))}</span>'
        for label in ("PERS", "LOC", "ORG")
    )
    return f'<div class="legend" aria-label="{_e(lab["legend"])}">{items}</div>'


def _paragraph(p: ParagraphView, art: int, lang: str) -> str:
    parts: list[str] = []
    for seg in segments(p):
        piece = _e(seg.text)
        if seg.span is not None:
            sp = seg.span
            title = f"{type_name(sp.label, lang, plural=False)}: {sp.name}"
            piece = (
                f'<mark class="ent ent-{_e(sp.label)}" data-type="{_e(sp.label)}" '
                f'data-name="{_e(sp.name)}" title="{_e(title)}">{piece}</mark>'
            )
        if seg.notes:
            piece = f'<span class="anchored" data-notes="{" ".join(map(str, seg.notes))}">{piece}</span>'
        parts.append(piece)
        for ref in seg.note_refs:
            parts.append(f'<sup class="note-ref"><a href="#a{art}-n{ref}">{ref}</a></sup>')
    tag = "h3" if p.kind == "heading" else "p"
    body = (
        f'<{tag} class="para {p.kind}" dir="{p.direction}" data-paragraph="{p.number}" '
        f'data-offset="{p.offset}">{"".join(parts)}</{tag}>'
    )
    cls = "passage has-notes" if p.notes else "passage"
    out = [f'<div class="{cls}">', body]
    if p.notes:
        out.append('<aside class="notes">')
        for n in p.notes:
            when = f" <time>{_e(n.created_at)}</time>" if n.created_at else ""
            out.append(
                f'<div class="note" id="a{art}-n{n.number}" data-note="{n.number}">'
                f'<span class="n">{n.number}.</span> <q>{_e(n.quote)}</q>'
                f'<p class="body" dir="{text_direction(n.body, p.direction)}">{_e(n.body)}</p>{when}</div>'
            )
        out.append("</aside>")
    out.append("</div>")
    return "\n".join(out)


def _summary(s: Summary, art: int, lang: str, in_brief: bool) -> str:
    lab = labels(lang)
    h = "h2" if in_brief else "h1"
    out = [f'<article id="article-{art}" dir="{s.direction}" data-article-id="{_e(s.article_id or "")}">']
    prefix = f"{art}. " if in_brief else ""
    title_dir = text_direction(s.title, s.direction)
    out.append(f'<{h} class="title" dir="{title_dir}">{_e(prefix)}{_e(s.title)}</{h}>')
    out.append(_meta(s, lab))
    if s.tags:
        tags = "".join(f"<span>{_e(t)}</span>" for t in s.tags)
        out.append(f'<p class="tags"><b>{_e(lab["tags"])}:</b> {tags}</p>')

    if s.show_index:
        out.append(f'<section class="entity-index"><h2>{_e(lab["entity_index"])}</h2>')
        if not s.entity_index:
            out.append(f'<p class="none">{_e(lab["no_entities"])}</p>')
        for label, entries in s.index_by_type().items():
            out.append(f'<h3 class="index-type">{_e(type_name(label, lang))} ({len(entries)})</h3>')
            out.append(
                f'<table class="index" data-type="{_e(label)}"><thead><tr><th>{_e(lab["name"])}</th>'
                f"<th>{_e(lab['count'])}</th><th>{_e(lab['forms'])}</th></tr></thead><tbody>"
            )
            for e in entries:
                forms = "، ".join(e.forms)
                out.append(
                    f'<tr data-key="{_e(e.key)}">'
                    f'<td><mark class="ent ent-{_e(label)}">{_e(e.name)}</mark></td>'
                    f'<td class="num">{e.count}</td><td>{_e(forms)}</td></tr>'
                )
            out.append("</tbody></table>")
        out.append("</section>")

    heading = lab["text_full"] if s.passages == "full" else lab["text_key"]
    out.append(f'<section class="text"><h2>{_e(heading)}</h2>')
    if s.entity_index:
        out.append(_legend(lang, lab))
    message = no_passages_message(s, lang)
    if message:
        out.append(f'<p class="none">{_e(message)}</p>')
    for p in s.paragraphs:
        if p.gap_before:
            out.append(f'<p class="gap">{_e(lab["omitted"])}</p>')
        out.append(_paragraph(p, art, lang))
    if s.paragraphs and s.passages != "full" and s.paragraphs[-1].number < s.paragraph_total:
        out.append(f'<p class="gap">{_e(lab["omitted"])}</p>')
    out.append("</section>")

    if s.entity_notes:
        out.append(f'<section class="entity-notes"><h2>{_e(lab["entity_notes"])}</h2><ul>')
        for n in s.entity_notes:
            when = f" <time>{_e(n.created_at)}</time>" if n.created_at else ""
            out.append(
                f'<li data-key="{_e(n.key)}"><mark class="ent ent-{_e(n.label)}">{_e(n.name)}</mark>: '
                f'<span dir="{text_direction(n.body, s.direction)}">{_e(n.body)}</span>{when}</li>'
            )
        out.append("</ul></section>")
    if s.article_notes:
        out.append(f'<section class="article-notes"><h2>{_e(lab["article_notes"])}</h2><ul>')
        for g in s.article_notes:
            when = f" <time>{_e(g.created_at)}</time>" if g.created_at else ""
            g_dir = text_direction(g.body, s.direction)
            out.append(f'<li><span dir="{g_dir}">{_e(g.body)}</span>{when}</li>')
        out.append("</ul></section>")
    out.append("</article>")
    return "\n".join(out)


def _combined_index(b: Brief, lang: str) -> str:
    lab = labels(lang)
    out = [f'<section class="combined-index"><h2>{_e(lab["combined_index"])}</h2>']
    if not b.entity_index:
        out.append(f'<p class="none">{_e(lab["no_entities"])}</p>')
    for label, entries in b.index_by_type().items():
        out.append(f'<h3 class="index-type">{_e(type_name(label, lang))} ({len(entries)})</h3>')
        out.append(
            f'<table class="combined" data-type="{_e(label)}"><thead><tr><th>{_e(lab["name"])}</th>'
            f"<th>{_e(lab['count'])}</th><th>{_e(lab['in_articles'])}</th></tr></thead><tbody>"
        )
        for e in entries:
            links = "، ".join(
                f'<a href="#article-{a.number}" data-article="{a.number}">{a.number}</a> ({a.count})'
                for a in e.articles
            )
            out.append(
                f'<tr data-key="{_e(e.key)}"><td><mark class="ent ent-{_e(label)}">{_e(e.name)}</mark></td>'
                f'<td class="num">{e.count}</td><td>{links}</td></tr>'
            )
        out.append("</tbody></table>")
    out.append("</section>")
    return "\n".join(out)


def render_html(
    doc: Summary | Brief,
    *,
    lang: str = "ar",
    embed_font: bool = True,
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
) -> str:
    """The whole HTML document as a string."""
    b = as_brief(doc)
    lab = labels(lang)
    direction = "rtl" if lang == "ar" else "ltr"
    title = b.title or lab["brief"]
    head = (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="Qari">\n<title>{_e(title)}</title>\n'
        f"<style>\n{_css(embed_font)}\n</style>\n</head>\n<body>\n"
    )
    body: list[str] = []
    if b.combined:
        body.append('<header class="brief">')
        body.append(f"<h1>{_e(title)}</h1>")
        rows = [f"<dt>{_e(lab['created'])}</dt><dd><bdi>{_e(b.created_at)}</bdi></dd>"]
        if b.query:
            rows.append(f"<dt>{_e(lab['query'])}</dt><dd>{_e(b.query)}</dd>")
        rows.append(f"<dt>{_e(lab['articles'])}</dt><dd>{len(b.summaries)}</dd>")
        body.append('<dl class="meta">' + "".join(rows) + "</dl>")
        body.append('<ol class="toc">')
        for i, s in enumerate(b.summaries, start=1):
            body.append(f'<li><a href="#article-{i}">{_e(s.title)}</a></li>')
        body.append("</ol>")
        if b.show_index:
            body.append(_combined_index(b, lang))
        body.append("</header>")
    total = len(b.summaries)
    for i, s in enumerate(b.summaries, start=1):
        check_cancel(cancel)
        body.append(_summary(s, i, lang, b.combined))
        if progress is not None:
            progress(i, total)
    return head + "\n".join(body) + "\n</body>\n</html>\n"


def write_html(
    doc: Summary | Brief,
    path: Path,
    *,
    lang: str = "ar",
    embed_font: bool = True,
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
) -> Path:
    text = render_html(doc, lang=lang, embed_font=embed_font, progress=progress, cancel=cancel)
    return write_text(Path(path), text)


__all__ = ["font_face_css", "render_html", "write_html"]
