"""The bundled recognizer's fast paths tag exactly as the plain ones do.

`FeatureExtractor.document_bytes` (features encoded once per word form, what the tagger reads) must
give `document()`'s features in the same order, and `BundledRecognizer.tag_sentences` (fast features,
propagation that skips untagged sentences) must give the tags of the straightforward path kept below.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.ner.base import Recognizer, bio_to_chunks, repair_bio
from app.ner.bundled import (
    _MIN_PROPAGATED_CHARS,
    MOVEMENT_STEMS,
    PROPAGATED,
    BundledRecognizer,
    _movement_name,
    _with_article,
    chunks,
)
from app.ner.features import TRIGGERS, FeatureExtractor, TypeInfo
from app.text.tokenize import split_sentences, tokenize

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def rec() -> BundledRecognizer:
    return BundledRecognizer.load(network=False)  # the CRF alone, as the reference path tags


def _sentences(text: str) -> list[list[str]]:
    out: list[list[str]] = []
    pos = 0
    for line in text.split("\n"):
        out.extend([t.text for t in s] for s in split_sentences(tokenize(line, pos)) if s)
        pos += len(line) + 1
    return out


def _documents() -> list[list[list[str]]]:
    docs = [_sentences((SEEDS / name).read_text(encoding="utf-8")) for name in ("long_article.txt",)]
    docs += [_sentences(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("000_*.txt"))]
    # short and empty sentences, a name-list phrase cut by the sentence end, a repeated name
    docs.append([["بايدن"], [], ["زار", "الرئيس", "جو", "بايدن"], ["الأمم", "المتحدة"], ["الأمم"], ["."]])
    return docs


def _reference_propagate(
    doc: Sequence[Sequence[str]],
    infos: list[list[TypeInfo]],
    tags: list[list[str]],
    single_tokens: bool,
    unify: bool,
    rare: frozenset[str],
) -> list[list[str]]:
    """Name propagation as first written (every sentence, every token), for comparison; with the
    names of movements (داعش of تنظيم داعش) and the rule that a one-word name tagged only with ال
    goes to no mention without it (unless a place follows)."""
    votes: dict[tuple[str, ...], Counter[str]] = {}
    indefinite: set[str] = set()
    for raw, sent, stags in zip(doc, infos, tags, strict=True):
        for a, b, kind in bio_to_chunks(stags):
            if kind not in PROPAGATED:
                continue
            key = tuple(x.stem for x in sent[a:b])
            votes.setdefault(key, Counter())[kind] += 1
            if b - a == 1 and not _with_article(sent[a].norm):
                indefinite.add(key[0])
            if single_tokens and kind == "PERS" and b - a >= 2:
                last = sent[b - 1]
                if last.arabic and len(last.stem) >= _MIN_PROPAGATED_CHARS and not last.trig:
                    votes.setdefault((last.stem,), Counter())["PERS:part"] += 1
                    if not _with_article(last.norm):
                        indefinite.add(last.stem)
            if single_tokens and kind == "ORG" and b - a == 2 and sent[a].stem in MOVEMENT_STEMS:
                x = sent[a + 1]
                if _movement_name(raw[a + 1], x, rare):
                    votes.setdefault((x.stem,), Counter())["ORG:part"] += 1
                    indefinite.add(x.stem)
    if not votes:
        return tags
    best: dict[tuple[str, ...], str] = {}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key, c in votes.items():
        full = Counter({k: v for k, v in c.items() if ":" not in k})
        kind = full.most_common(1)[0][0] if full else max(c, key=c.__getitem__).split(":")[0]
        if len(key) == 1 and (key[0] in TRIGGERS or len(key[0]) < _MIN_PROPAGATED_CHARS):
            continue
        best[key] = kind
        by_first.setdefault(key[0], []).append(key)
    for keys in by_first.values():
        keys.sort(key=len, reverse=True)
    out: list[list[str]] = []
    for sent, stags in zip(infos, tags, strict=True):
        new = list(stags)
        if unify:
            for a, b, kind in bio_to_chunks(stags):
                key = tuple(x.stem for x in sent[a:b])
                won = best.get(key)
                if (
                    won is not None
                    and won != kind
                    and kind in PROPAGATED
                    and votes[key][won] > votes[key][kind]
                ):
                    new[a] = "B-" + won
                    for j in range(a + 1, b):
                        new[j] = "I-" + won
        i, n = 0, len(sent)
        while i < n:
            if new[i] != "O":
                i += 1
                continue
            done = False
            for key in by_first.get(sent[i].stem, ()):
                L = len(key)
                if i + L > n or any(new[j] != "O" for j in range(i, i + L)):
                    continue
                if (
                    L == 1
                    and key[0] not in indefinite
                    and not _with_article(sent[i].norm)
                    and not (i + 1 < n and new[i + 1] == "B-LOC")
                ):
                    continue
                if all(sent[i + j].stem == key[j] for j in range(L)):
                    new[i] = "B-" + best[key]
                    for j in range(i + 1, i + L):
                        new[j] = "I-" + best[key]
                    i += L
                    done = True
                    break
            if not done:
                i += 1
        out.append(new)
    return out


def _reference_tags(rec: BundledRecognizer, doc: Sequence[Sequence[str]]) -> list[list[str]]:
    ex = FeatureExtractor(rec.extractor.lex, doc_cues=rec.extractor.doc_cues, known=rec.extractor.known)
    infos = ex.infos(doc)
    tags = [repair_bio(rec.reference_tagger().tag(f)) if f else [] for f in ex.document(doc, infos)]
    # the same rules as the fast path, around the plain propagation
    rec.clean(doc, tags, infos, ex.lex, split=True)
    tags = _reference_propagate(
        doc, infos, tags, rec.propagate_single, rec.propagate_unify, rec.rare_name_words
    )
    rec.clean(doc, tags, infos, ex.lex, split=False)
    return tags


@pytest.mark.parametrize("doc_cues", [True, False])
@pytest.mark.parametrize("filtered", [True, False])
def test_document_bytes_is_document_encoded(rec: BundledRecognizer, doc_cues: bool, filtered: bool) -> None:
    known = rec.extractor.known if filtered else None
    for doc in _documents():
        ex = FeatureExtractor(rec.extractor.lex, doc_cues=doc_cues, known=known)
        fast = ex.document_bytes(doc)
        # a second document through the same extractor reuses its per-word and per-pair caches
        again = ex.document_bytes(doc)
        plain = FeatureExtractor(rec.extractor.lex, doc_cues=doc_cues, known=known).document(doc)
        expected = [[tuple(f.encode() for f in ff) for ff in s] for s in plain]
        assert fast == expected
        assert again == expected


def test_fast_tags_equal_the_reference_path(rec: BundledRecognizer) -> None:
    n_named = 0
    for doc in _documents():
        want = _reference_tags(rec, doc)
        got = rec.tag_sentences(doc)
        assert got == want
        assert got == [repair_bio(t) for t in got]  # valid BIO, as recognize_tokens reads it
        n_named += sum(t.startswith("B-") for s in want for t in s)
    assert n_named > 100  # the comparison covers many names, not only "O"


TAGS = st.lists(
    st.sampled_from(["O", "O", "O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "I-ORG", "X-Y", "", "O-A"])
)


@settings(max_examples=500, deadline=None)
@given(TAGS)
def test_chunks_is_bio_to_chunks(tags: list[str]) -> None:
    assert chunks(tags) == bio_to_chunks(tags)
    assert chunks(repair_bio(tags)) == bio_to_chunks(repair_bio(tags))


def test_recognize_gives_the_spans_of_the_reference_path(rec: BundledRecognizer) -> None:
    text = (SEEDS / "long_article.txt").read_text(encoding="utf-8")
    sentences = []
    pos = 0
    for line in text.split("\n"):
        sentences.extend(s for s in split_sentences(tokenize(line, pos)) if s)
        pos += len(line) + 1
    want = Recognizer.recognize_tokens(rec, sentences)  # the base class's way
    assert rec.recognize_tokens(sentences) == want
    assert len(want) > 100


def test_prefetched_lexicon_entries_equal_single_reads() -> None:
    from app.ner.bundled import LEXICON_FILE, SqliteLexicon, default_model_dir
    from app.ner.features import _analyze

    text = (SEEDS / "000_a8c034b26b330cb6.txt").read_text(encoding="utf-8")
    keys = {"no such word", "بايدن جو"}
    for tok in {t.text for t in tokenize(text)}:
        norm, _, cands = _analyze(tok)
        keys |= {norm, *cands}
    one, many = (
        SqliteLexicon(default_model_dir() / LEXICON_FILE),
        SqliteLexicon(default_model_dir() / LEXICON_FILE),
    )
    try:
        many.prefetch(keys)
        assert set(many._cache) == keys  # every key answered, found or not
        assert {k: many.get(k) for k in keys} == {k: one.get(k) for k in keys}
        assert sum(1 for k in keys if one.get(k)[0]) > 50
    finally:
        one.close()
        many.close()


def test_cleaning_only_the_sentences_propagation_changed_gives_the_same_tags(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After propagation the rules run again only where it changed a sentence; on the seed
    articles that gives the same tags as running them on every sentence."""
    full = BundledRecognizer.load()  # with its network, as the app tags
    clean = full.clean

    def every_sentence(
        sentences: Any, tags: Any, infos: Any, lex: Any, split: bool, only: object = None
    ) -> None:
        clean(sentences, tags, infos, lex, split)

    for doc in _documents():
        fast = full.tag_sentences(doc)
        monkeypatch.setattr(full, "clean", every_sentence)
        slow = full.tag_sentences(doc)
        monkeypatch.undo()
        assert fast == slow
