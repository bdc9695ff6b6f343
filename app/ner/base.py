"""The recognizer interface, and BIO helpers shared by every implementation.

A recognizer tags the tokens of one document, sentence by sentence (`tag_sentences`), so it can use
document context (a name tagged once can be propagated to its other mentions). `recognize(text)` is
built on it: tokenize with exact offsets, tag, and turn the BIO tags into spans of the original text.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence

from app.core.errors import ModelError
from app.core.models import ENTITY_TYPES, EntitySpan, Token
from app.text.tokenize import split_sentences, tokenize

RECOGNIZERS: tuple[str, ...] = ("bundled", "camel")


def repair_bio(tags: Sequence[str]) -> list[str]:
    """Make a tag sequence valid BIO: an I-X that does not continue an X becomes B-X; junk becomes O."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag == "O" or len(tag) < 3 or tag[1] != "-" or tag[0] not in "BI":
            out.append("O")
            prev = "O"
            continue
        kind = tag[2:]
        if tag[0] == "I" and prev[2:] != kind:
            tag = "B-" + kind
        out.append(tag)
        prev = tag
    return out


def bio_to_chunks(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Chunks `(first, last_exclusive, type)` of a BIO sequence, conlleval style.

    An I-X after O or after another type starts a new chunk (as conlleval does).
    """
    chunks: list[tuple[int, int, str]] = []
    start = -1
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, t = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and (start < 0 or t != kind))
        ends = start >= 0 and (prefix == "O" or begins or t != kind)
        if ends:
            chunks.append((start, i, kind))
            start = -1
        if begins:
            start, kind = i, t
    return chunks


class Recognizer(ABC):
    """Finds PERS, LOC and ORG (MISC optional) mentions."""

    name: str = "base"
    types: tuple[str, ...] = ENTITY_TYPES

    @abstractmethod
    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for the tokens of one document's sentences (same shape as the input)."""

    def is_known_name(self, form: str, label: str) -> bool:
        """Whether `form` (a normalized mention form, see grouping.mention_form) is a known `label` name.

        Grouping uses it to strip a proclitic only when what remains is a real name (`وأربيل` ->
        `أربيل`). A recognizer with name lists answers from them; the default knows no names.
        """
        return False

    def names_spelled(self, text: str) -> Callable[[str], str] | None:
        """How to show a name of the article `text` in the standard spelling where the article spells
        otherwise (الكاظمى in an article that writes ى for ي: الكاظمي), for grouping's canonical
        names; `None` (the default) shows names as the article writes them."""
        return None

    def recognize_tokens(self, sentences: Sequence[Sequence[Token]]) -> list[EntitySpan]:
        tags = self.tag_sentences([[t.text for t in s] for s in sentences])
        spans: list[EntitySpan] = []
        for sent, sent_tags in zip(sentences, tags, strict=True):
            for first, last, kind in bio_to_chunks(repair_bio(sent_tags)):
                if kind not in self.types:
                    continue
                start, end = sent[first].start, sent[last - 1].end
                spans.append(EntitySpan(start, end, kind, 1.0, ""))
        return spans

    def recognize(self, text: str) -> list[EntitySpan]:
        """Spans `(start, end, type, score)` of names in `text`, offsets into `text`."""
        sentences: list[list[Token]] = []
        pos = 0
        for line in text.split("\n"):
            sentences.extend(split_sentences(tokenize(line, pos)))
            pos += len(line) + 1
        sentences = [s for s in sentences if s]
        if not sentences:
            return []
        return [
            EntitySpan.make(text, s.start, s.end, s.label, s.score) for s in self.recognize_tokens(sentences)
        ]


def get_recognizer(name: str = "bundled") -> Recognizer:
    """The recognizer called `name`; raises ModelError (with what to do) when it cannot be loaded."""
    if name == "bundled":
        from app.ner.bundled import BundledRecognizer

        return BundledRecognizer.load()
    if name == "camel":
        from app.ner.camel import CamelRecognizer

        return CamelRecognizer.load()
    raise ModelError(f"Unknown recognizer {name!r}; choose one of: {', '.join(RECOGNIZERS)}.")
