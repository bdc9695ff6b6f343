"""HTML export, read back with html.parser: RTL, self-contained, entities and notes in order."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

from app.core.models import Article
from app.export.html import write_html
from app.export.summary import Summary, combine


class _Reader(HTMLParser):
    """Collects what the tests look at: root attributes, marks, notes, links, resources."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html_attrs: dict[str, str | None] = {}
        self.marks: list[tuple[str, str]] = []  # (type, text) of marks in the text section
        self.index_names: list[str] = []
        self.notes: list[str] = []
        self.style = ""
        self.resources: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self._stack: list[tuple[str, dict[str, str | None]]] = []
        self._in_text = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.html_attrs = a
        if tag in ("img", "script", "link", "iframe", "source", "video", "audio"):
            self.resources.append(f"{tag} {a}")
        if tag == "section" and a.get("class") == "text":
            self._in_text = True
        self._stack.append((tag, a))
        if tag == "mark" and self._in_text:
            self.marks.append((a.get("data-type") or "", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self._in_text = False
        while self._stack:
            t, _ = self._stack.pop()
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        classes = [a.get("class") or "" for _, a in self._stack]
        tags = [t for t, _ in self._stack]
        if "sup" not in tags:  # note markers are not article text
            self.text.append(data)
        if "style" in tags:
            self.style += data
        if tags and tags[-1] == "mark" and self._in_text:
            kind, prev = self.marks[-1]
            self.marks[-1] = (kind, prev + data)
        if tags and tags[-1] == "mark" and any("index" in c.split() for c in classes if c):
            self.index_names.append(data)
        if any(c == "body" for c in classes):
            self.notes.append(data)


def _read(path: Path) -> _Reader:
    r = _Reader()
    r.feed(path.read_text(encoding="utf-8"))
    r.close()
    return r


def test_html_reads_back(tmp_path: Path, seed_summary: Summary, seed_article: Article) -> None:
    out = write_html(seed_summary, tmp_path / "a.html")
    r = _read(out)
    assert r.html_attrs.get("dir") == "rtl" and r.html_attrs.get("lang") == "ar"
    # Entities in text order, with their types.
    expected = [(m.label, m.text) for m in seed_summary.mentions]
    assert r.marks == expected
    # The index lists every entity under its canonical name.
    assert sorted(r.index_names) == sorted(e.name for e in seed_summary.entity_index)
    # Notes are there, escaped (the <script> in a note is text, not an element).
    assert any("أول هجوم بعد إعلان الانسحاب <script>" in n for n in r.notes)
    assert "script" not in r.tags
    # The whole text is there in logical order.
    flat = " ".join("".join(r.text).split())
    pos = 0
    for p in seed_article.paragraphs:
        para = " ".join(seed_article.paragraph_text(p).split())
        found = flat.find(para, pos)
        assert found >= 0, para[:40]
        pos = found + len(para)


def test_html_is_self_contained_and_printable(tmp_path: Path, seed_summary: Summary) -> None:
    out = write_html(seed_summary, tmp_path / "a.html")
    raw = out.read_text(encoding="utf-8")
    r = _read(out)
    assert r.resources == []
    assert "@media print" in r.style
    m = re.search(r"src:url\(data:font/ttf;base64,([A-Za-z0-9+/=]+)\)", r.style)
    assert m, "font not embedded"
    font = base64.b64decode(m.group(1))
    assert font[:4] in (b"\x00\x01\x00\x00", b"OTTO", b"true")
    # No URL is loaded: the only http(s) URL is the article's link, as an <a href>.
    urls = re.findall(r"https?://[^\s\"'<>)]+", raw)
    assert set(urls) == {"https://example.com/news?id=1&amp;x=&lt;2&gt;"}
    assert "url(http" not in raw and "@import" not in raw


def test_html_brief_links_entities_to_articles(tmp_path: Path, seed_summary: Summary) -> None:
    empty = Summary(
        title="بلا كيانات",
        source="",
        date=None,
        url=None,
        byline=None,
        direction="rtl",
        word_count=2,
        passages="full",
        paragraph_total=0,
        entity_index=(),
        paragraphs=(),
        mentions=(),
    )
    brief = combine([seed_summary, empty], title="موجز الأسبوع")
    out = write_html(brief, tmp_path / "b.html")
    raw = out.read_text(encoding="utf-8")
    assert raw.count("<article ") == 2
    assert 'href="#article-1"' in raw and 'id="article-2"' in raw
    assert "لم يُعثر على كيانات" in raw
    assert "موجز الأسبوع" in raw


def test_title_takes_the_reading_panes_direction_not_the_browsers_first_strong_guess() -> None:
    from app.export.html import render_html
    from app.export.summary import build_summary

    article = Article.from_paragraphs(
        [("CNN: قال الرئيس الأمريكي جو بايدن", "heading"), ("قال الرئيس إن التعاون مستمر.", "body")],
        title="CNN: قال الرئيس الأمريكي جو بايدن",
    )
    page = render_html(build_summary(article, [], [], passages="full"))
    assert '<h1 class="title" dir="rtl">' in page
    assert 'dir="auto"' not in page
