"""Reading CoNLL files: `token TAG` per line, a blank line between sentences.

Tags are BIO (BIOES and BILOU are read as BIO), with ANERcorp's type names: PER, PERSON, LOCATION and
ORGANIZATION of other corpora are read as PERS, LOC and ORG.

A line `-DOCSTART- ...` starts a new document. Files without any `-DOCSTART-` (ANERcorp) are cut into
documents of `sentences_per_doc` consecutive sentences, which approximates news articles closely enough
for document-level features (a name propagated to its other mentions in the same "article").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from app.core.errors import DataFormatError

Sentence = list[tuple[str, str]]
Document = list[Sentence]

# ANERcorp articles average roughly 10-20 sentences.
DEFAULT_SENTENCES_PER_DOC = 15
VALID_PREFIXES = ("B-", "I-")
# Other corpora's names of ANERcorp's types (CoNLL 2003 and WikiNER write PER; OntoNotes PERSON, ORG;
# MUC and others spell them out). GPE, NORP and the like have no one counterpart and keep their names.
TYPE_ALIASES = {
    "PER": "PERS",
    "PERSON": "PERS",
    "LOCATION": "LOC",
    "GPE": "LOC",  # OntoNotes' countries, cities and states: places to ANERcorp (العراق, بغداد)
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
}
# BIOES / BILOU prefixes -> BIO: a single-token name begins, an end is inside
_SCHEME_PREFIXES = {"S-": "B-", "U-": "B-", "E-": "I-", "L-": "I-"}


def _tag_of(tag: str, path: Path | str, lineno: int) -> tuple[str, str]:
    """`tag` as BIO with ANERcorp's type names (PER -> PERS, S-LOC -> B-LOC, E-ORG -> I-ORG; a bare
    type of the IO scheme, LOC, as I-LOC, which the scorer reads as a name's start after O), and the
    corpus's own type name where it was read as another (PER, GPE), else ""."""
    if tag.isascii():  # b-per, B_PER: other corpora's case and separator
        tag = tag.upper()
        if tag[1:2] == "_":
            tag = tag[0] + "-" + tag[2:]
    if tag == "O":
        return tag, ""
    if tag.isascii() and tag.isalpha():
        prefix, kind = "I-", tag  # IO tags (PERS, LOC): a name is a run of one type
    else:
        prefix, kind = tag[:2], tag[2:]
        prefix = _SCHEME_PREFIXES.get(prefix, prefix)
        if prefix not in VALID_PREFIXES or not kind:
            raise DataFormatError(
                f"{path}, line {lineno}: tag {tag!r} is not O, B-TYPE or I-TYPE; "
                "each line must be `token TAG`, with a blank line between sentences."
            )
    ours = TYPE_ALIASES.get(kind, kind)
    return prefix + ours, kind if ours != kind else ""


def parse_conll(
    lines: Iterable[str],
    source: Path | str = "<input>",
    sentences_per_doc: int | None = DEFAULT_SENTENCES_PER_DOC,
    aliased: Counter[str] | None = None,
) -> list[Document]:
    """Documents of the CoNLL `lines` (see `read_conll`)."""
    docs: list[Document] = []
    doc: Document = []
    sent: Sentence = []
    saw_docstart = False
    for lineno, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if lineno == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            if sent:
                doc.append(sent)
                sent = []
            continue
        parts = line.split()
        if parts[0] == "-DOCSTART-":
            saw_docstart = True
            if sent:
                doc.append(sent)
                sent = []
            if doc:
                docs.append(doc)
                doc = []
            continue
        if len(parts) < 2:
            raise DataFormatError(
                f"{source}, line {lineno}: expected `token TAG` but found {line!r}; "
                "each line must be a token and its tag separated by whitespace."
            )
        tag, theirs = _tag_of(parts[-1], source, lineno)
        if theirs and aliased is not None:
            prev = sent[-1][1] if sent else "O"
            if tag.startswith("B-") or prev[2:] != tag[2:]:  # a name starts here
                aliased[theirs] += 1
        sent.append((parts[0], tag))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    if saw_docstart or not sentences_per_doc:
        return docs
    sentences = [s for d in docs for s in d]
    return chunk_documents(sentences, sentences_per_doc)


def chunk_documents(sentences: Sequence[Sentence], sentences_per_doc: int) -> list[Document]:
    """Consecutive groups of `sentences_per_doc` sentences (the last one may be shorter)."""
    if sentences_per_doc < 1:
        raise ValueError("sentences_per_doc must be at least 1")
    return [list(sentences[i : i + sentences_per_doc]) for i in range(0, len(sentences), sentences_per_doc)]


def read_conll(
    path: Path | str,
    sentences_per_doc: int | None = DEFAULT_SENTENCES_PER_DOC,
    aliased: Counter[str] | None = None,
) -> list[Document]:
    """Documents of a CoNLL file; each document is a list of sentences of `(token, tag)` pairs.

    `-DOCSTART-` lines start documents. A file with none is cut every `sentences_per_doc` sentences
    (`None`: the whole file is one document). `aliased`, when given, counts the names of each type
    the file calls otherwise than ANERcorp (`TYPE_ALIASES`: PER, GPE). Raises `DataFormatError`
    naming the line of a malformed line, and `DataFormatError` too when the file cannot be read as
    UTF-8.
    """
    p = Path(path)
    try:
        with p.open(encoding="utf-8") as f:
            return parse_conll(f, p, sentences_per_doc, aliased)
    except FileNotFoundError as err:
        raise DataFormatError(f"CoNLL file {p} does not exist.") from err
    except UnicodeDecodeError as err:
        raise DataFormatError(f"CoNLL file {p} is not UTF-8 text ({err.reason}).") from err


def sentences_of(docs: Iterable[Document]) -> list[Sentence]:
    return [s for d in docs for s in d]


def tokens_and_tags(sentences: Iterable[Sentence]) -> tuple[list[list[str]], list[list[str]]]:
    """Parallel lists of token lists and tag lists."""
    toks: list[list[str]] = []
    tags: list[list[str]] = []
    for s in sentences:
        toks.append([t for t, _ in s])
        tags.append([g for _, g in s])
    return toks, tags
