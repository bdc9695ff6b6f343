"""Saved web pages (.html/.htm): the article's main text, found by trafilatura, offline.

trafilatura gets the HTML as a string and is never given a URL to fetch; navigation, ads, comments and
footers are left out. Headings keep their kind; title, author (byline), date and canonical URL come from
the page's metadata.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from typing import Any

from app.core.errors import ReadError
from app.core.models import Article, ParagraphKind
from app.text.decode import decode_bytes, rank_text
from app.text.readers.structure import clean_paragraph, split_lines

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_CANONICAL = re.compile(r"""<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*>""", re.IGNORECASE)
_OG_URL = re.compile(r"""<meta\b[^>]*\bproperty\s*=\s*["']og:url["'][^>]*>""", re.IGNORECASE)
_HREF = re.compile(r"""\b(?:href|content)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """Decode a saved page: a BOM, then the page's own <meta charset> (unless its bytes are plainly
    UTF-8 and the declared charset turns them into mojibake), then the plain-text guesser."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data)[0]
    declared = None
    m = _META_CHARSET.search(data[:8192])
    if m:
        name = m.group(1).decode("ascii", "replace").lower()
        try:
            declared = codecs.lookup(name).name
        except LookupError:
            declared = None
    candidates: list[str] = []
    for enc in (declared, "utf-8"):
        if enc:
            with contextlib.suppress(UnicodeDecodeError):
                candidates.append(data.decode(enc))
    if candidates:
        # The declared charset wins ties (it comes first).
        return max(candidates, key=lambda t: rank_text(t)[0])
    return decode_bytes(data)[0]


def _text_of(el: Any) -> str:
    """Text of an element with <lb/> as a newline."""
    parts: list[str] = []
    if el.text:
        parts.append(el.text)
    for child in el:
        if child.tag == "lb":
            parts.append("\n")
        else:
            parts.append(_text_of(child))
        if child.tail:
            parts.append(child.tail)
    return "".join(parts)


def _walk(el: Any, out: list[tuple[str, ParagraphKind]]) -> None:
    for child in el:
        tag = child.tag
        if tag == "head":
            out.append((clean_paragraph(_text_of(child).replace("\n", " ")), "heading"))
        elif tag in ("p", "quote", "code"):
            for line in split_lines(_text_of(child)):
                out.append((clean_paragraph(line), "body"))
        elif tag == "list":
            for item in child.iter("item"):
                out.append((clean_paragraph(_text_of(item).replace("\n", " ")), "body"))
        elif tag == "table":
            for row in child.iter("row"):
                cells = [clean_paragraph(_text_of(c)) for c in row.iter("cell")]
                out.append((" | ".join(c for c in cells if c), "body"))
        elif tag in ("div", "main", "section"):
            _walk(child, out)
        else:
            text = clean_paragraph(_text_of(child))
            if text:
                out.append((text, "body"))


def _attr_url(pattern: re.Pattern[str], page: str) -> str | None:
    tag = pattern.search(page)
    if tag:
        href = _HREF.search(tag.group(0))
        if href and href.group(1).startswith(("http://", "https://")):
            return href.group(1).strip()
    return None


def html_article(data: bytes, *, source: str) -> Article:
    import trafilatura
    from lxml import etree

    page = decode_html(data)
    if not page.strip():
        raise ReadError("the web page is empty")
    # A string in, never a URL: trafilatura fetches nothing here.
    xml = trafilatura.extract(
        page,
        url=None,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
    )
    pairs: list[tuple[str, ParagraphKind]] = []
    meta: dict[str, str] = {}
    if xml:
        root = etree.fromstring(xml.encode("utf-8"))
        meta = {k: v for k, v in root.attrib.items() if isinstance(v, str) and v.strip()}
        main = root.find("main")
        if main is not None:
            _walk(main, pairs)
    pairs = [(t, k) for t, k in pairs if t]
    if not pairs:
        # Very short pages fall below trafilatura's thresholds: take the plain page text instead.
        _, text, _ = trafilatura.baseline(page)
        pairs = [(clean_paragraph(line), "body") for line in split_lines(text or "")]
        pairs = [(t, k) for t, k in pairs if t]
    if not pairs:
        raise ReadError("no article text was found in this web page")
    if not meta:
        metadata = trafilatura.extract_metadata(page)
        if metadata is not None:
            meta = {k: v for k, v in metadata.as_dict().items() if isinstance(v, str) and v.strip()}

    title = clean_paragraph(meta.get("title", ""))
    if title and not any(kind == "heading" and text == title for text, kind in pairs[:3]):
        pairs.insert(0, (title, "heading"))
    url = _attr_url(_CANONICAL, page) or _attr_url(_OG_URL, page) or meta.get("url")
    if url and not url.startswith(("http://", "https://")):
        url = None
    return Article.from_paragraphs(
        pairs,
        title=title,
        source=source,
        date=meta.get("date") or None,
        url=url,
        byline=clean_paragraph(meta.get("author", "")) or None,
        fmt="html",
    )
