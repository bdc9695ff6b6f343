"""How often the recognizer itself calls a word (part of) a name in the unlabeled news.

Training tags every `every`-th paragraph of the unlabeled corpora with the model it has just
written, counts for each word (normalized, but keeping its hamza) its occurrences and those inside
a person, place or organization, and keeps the words named in under `MAX_RATE` of at least
`MIN_COUNT` occurrences (but named at least once): `meta.json`'s `rare_name_words`. At run time a
one-word person spelled as one of them is dropped (`app.ner.bundled.drop_rare_names`): in recent
news the network had made persons of البيان ("the statement": وأوضح البيان), مايو ("May") and
الرجل ("the man"), words it tags as names almost nowhere else. Only the word list ships, never text.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.ner.wordrep import open_text, unlabeled_sources
from app.text.normalize import normalize_keep_hamza
from app.text.tokenize import split_sentences, tokenize

if TYPE_CHECKING:
    from app.ner.bundled import BundledRecognizer

MIN_COUNT = 100  # occurrences in the tagged paragraphs, so that the rate means something
MAX_RATE = 0.15  # named in under this share of them
DEFAULT_EVERY = 4  # every 4th paragraph: about 5 million tokens, 4 minutes on one core
DOC_PARAGRAPHS = 30  # paragraphs tagged together as one document (propagation works within it)
NAME_TYPES = frozenset({"PERS", "LOC", "ORG"})


@dataclass
class NameCounts:
    """Per word (`normalize_keep_hamza`): occurrences, and occurrences inside a name the recognizer
    tagged."""

    seen: Counter[str] = field(default_factory=Counter)
    named: Counter[str] = field(default_factory=Counter)
    tokens: int = 0
    paragraphs: int = 0


def corpus_paragraphs(unlabeled: Path, every: int = DEFAULT_EVERY) -> Iterator[str]:
    """Every `every`-th line of each unlabeled file (`unlabeled_sources`), non-empty ones."""
    for src in unlabeled_sources(unlabeled):
        with open_text(src) as f:
            for i, line in enumerate(f):
                if i % every == 0 and line.strip():
                    yield line.strip()


def count_names(
    rec: BundledRecognizer,
    paragraphs: Iterator[str],
    progress: Callable[[str], None] | None = None,
    doc_paragraphs: int = DOC_PARAGRAPHS,
) -> NameCounts:
    """Tag `paragraphs` in documents of `doc_paragraphs` and count each word's occurrences and
    named occurrences, by its spelling normalized but for the hamza (`normalize_keep_hamza`): with
    it folded, the name باول (Powell) would be counted with بأول "at the first"."""
    from app.ner.bundled import chunks

    counts = NameCounts()
    t0 = time.perf_counter()
    next_report = 500_000

    def tag(doc: list[str]) -> None:
        nonlocal next_report
        sents = [[t.text for t in s] for p in doc for s in split_sentences(tokenize(p))]
        sents = [s for s in sents if s]
        if not sents:
            return
        tags = rec.tag_sentences(sents)
        for sent, sent_tags in zip(sents, tags, strict=True):
            keys = [normalize_keep_hamza(w) for w in sent]
            counts.seen.update(keys)
            for a, b, kind in chunks(sent_tags):
                if kind in NAME_TYPES:
                    counts.named.update(keys[a:b])
            counts.tokens += len(sent)
        counts.paragraphs += len(doc)
        if progress is not None and counts.tokens >= next_report:
            rate = counts.tokens / max(time.perf_counter() - t0, 1e-9)
            progress(f"name rates: {counts.tokens:,} tokens tagged ({rate:,.0f}/s)")
            next_report += 500_000

    doc: list[str] = []
    for paragraph in paragraphs:
        doc.append(paragraph)
        if len(doc) == doc_paragraphs:
            tag(doc)
            doc = []
    if doc:
        tag(doc)
    return counts


def rare_name_words(counts: NameCounts, min_count: int = MIN_COUNT, max_rate: float = MAX_RATE) -> list[str]:
    """The words seen at least `min_count` times and named in more than none but under `max_rate`
    of them, sorted."""
    return sorted(w for w, n in counts.seen.items() if n >= min_count and 0 < counts.named[w] < max_rate * n)
