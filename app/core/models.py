"""Article, tokens, spans and entities.

The article owns its text: `Article.text` is fixed once read and never rewritten. Everything else
(paragraphs, tokens, entity spans, mentions) is a `(start, end)` pair of *code point* offsets into it,
checked when it is made, like spaCy's spans.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

ParagraphKind = Literal["heading", "body"]
ENTITY_TYPES: tuple[str, ...] = ("PERS", "LOC", "ORG")
ALL_TYPES: tuple[str, ...] = ("PERS", "LOC", "ORG", "MISC")


def check_span(text: str, start: int, end: int, surface: str | None = None) -> None:
    """Raise ValueError unless `0 <= start < end <= len(text)` (and `text[start:end] == surface`)."""
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"span ({start}, {end}) outside text of length {len(text)}")
    if surface is not None and text[start:end] != surface:
        raise ValueError(f"span ({start}, {end}) is {text[start:end]!r}, not {surface!r}")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of an article: `Article.text[start:end]`, a heading or body text."""

    start: int
    end: int
    kind: ParagraphKind = "body"


@dataclass(frozen=True, slots=True)
class Token:
    """A token with its code point span in the text it came from."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """One recognized mention: `text[start:end]` is a name of type `label`."""

    start: int
    end: int
    label: str
    score: float = 1.0
    text: str = ""

    @classmethod
    def make(cls, source: str, start: int, end: int, label: str, score: float = 1.0) -> EntitySpan:
        check_span(source, start, end)
        return cls(start, end, label, score, source[start:end])


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Entity:
    """A real-world entity in one article: its canonical name, type and every mention of it."""

    name: str
    label: str
    mentions: list[Mention] = field(default_factory=list)
    key: str = ""

    @property
    def count(self) -> int:
        return len(self.mentions)


@dataclass(frozen=True, slots=True)
class Article:
    """An article as read from a file or the clipboard.

    `text` is the paragraphs joined with a single newline; each `Paragraph` points into it.
    """

    text: str
    paragraphs: tuple[Paragraph, ...]
    title: str = ""
    source: str = ""
    date: str | None = None
    url: str | None = None
    byline: str | None = None
    fmt: str = "txt"
    # the text encoding a plain-text file was decoded from (Python codec name), when there was one
    encoding: str | None = None

    def __post_init__(self) -> None:
        for p in self.paragraphs:
            check_span(self.text, p.start, p.end)

    @classmethod
    def from_paragraphs(
        cls,
        paragraphs: Iterable[tuple[str, ParagraphKind]],
        *,
        title: str = "",
        source: str = "",
        date: str | None = None,
        url: str | None = None,
        byline: str | None = None,
        fmt: str = "txt",
        encoding: str | None = None,
    ) -> Article:
        """Build an article from (text, kind) pairs; empty paragraphs are dropped."""
        parts: list[str] = []
        spans: list[Paragraph] = []
        pos = 0
        for raw, kind in paragraphs:
            para = raw.strip()
            if not para:
                continue
            if parts:
                pos += 1  # the "\n" between paragraphs
            parts.append(para)
            spans.append(Paragraph(pos, pos + len(para), kind))
            pos += len(para)
        text = "\n".join(parts)
        if not title and spans:
            first = text[spans[0].start : spans[0].end]
            title = first if len(first) <= 120 else first[:117].rstrip() + "…"
        return cls(text, tuple(spans), title, source, date, url, byline, fmt, encoding=encoding)

    def paragraph_text(self, p: Paragraph) -> str:
        return self.text[p.start : p.end]

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def word_count(self) -> int:
        return len(self.text.split())
