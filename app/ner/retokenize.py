"""Tokens of corpora that tokenize otherwise than Qari, read as Qari's tokenizer gives them.

The tagger learnt from ANERcorp, tokenized as `app.text.tokenize` tokenizes: punctuation apart, the
proclitics و, ف, ب, ل, ك on their word. A corpus to be scored (`qari eval`) may be segmented (و
العراق) or not tokenized at all (بغداد، "رويترز"). Its sentences are read as Qari's tokens, tagged,
and the tags given back to its own tokens, so that the score is the recognizer's, not the
tokenization's. Qari's own reading path never needs either step.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise

from app.ner.base import repair_bio
from app.text.normalize import is_arabic
from app.text.tokenize import TOKEN_RE


def tag_as_qari_tokens(
    sentences: Sequence[Sequence[str]],
    tag: Callable[[Sequence[Sequence[str]], str], list[list[str]]],
) -> list[list[str]]:
    """`tag` (a tagger of one document, given its sentences and their words joined by spaces) of
    `sentences` read as Qari's tokenizer gives them (`split_attached`, `join_proclitics`), its tags
    given back to the tokens of `sentences`."""
    if not sentences:
        return []
    text = joined(sentences)  # for the searches, at C speed
    attached = split_attached(sentences, text)  # بغداد، as بغداد ،
    if attached is not None:
        pieces, sizes = attached
        return merge_tags(tag_as_qari_tokens(pieces, tag), sizes)
    segmented = join_proclitics(sentences, text)  # و العراق as والعراق
    if segmented is not None:
        words, sizes = segmented
        return spread_tags(tag_as_qari_tokens(words, tag), sizes)
    return tag(sentences, text)


def joined(sentences: Sequence[Sequence[str]]) -> str:
    """The words of `sentences` joined by spaces (no token holds one), for searches at C speed."""
    return " ".join(" ".join(sent) for sent in sentences)


# Proclitics a corpus may write as tokens of their own ("و العراق", "و+ العراق": segmented as the
# Penn Arabic Treebank is), which `join_proclitics` joins to the word after them
PROCLITIC_TOKENS = frozenset(c + plus for c in ("و", "ف", "ب", "ل", "ك") for plus in ("", "+"))
SEGMENTED_SHARE = 0.05  # of a document's tokens that are such proclitics before a word
MIN_LONE = 2  # and at least so many


def join_proclitics(
    sentences: Sequence[Sequence[str]], text: str | None = None
) -> tuple[list[list[str]], list[list[int]]] | None:
    """For a document segmented so that its proclitics are tokens of their own (at least
    `SEGMENTED_SHARE` of its tokens; the tagger learnt from text that writes them on the word,
    و العراق as والعراق): its sentences with each such proclitic joined to the Arabic word after
    it, and for each joined sentence the number of tokens each of its words stands for (1 or 2);
    None for a document written as news write (ANERcorp spaces a proclitic off in 0.15% of its
    tokens, up to 3.4% in a few articles; segmented text in about 8%). `text`: the words of
    `sentences` joined by spaces (`joined`), when the caller has it."""
    n = sum(map(len, sentences))
    # at least so many proclitics stand alone (counted at C speed), before a word or not
    padded = f" {joined(sentences) if text is None else text} "
    if sum(padded.count(f" {p} ") for p in PROCLITIC_TOKENS) < max(MIN_LONE, SEGMENTED_SHARE * n):
        return None
    lone = sum(
        1
        for sent in sentences
        for a, b in pairwise(sent)
        if a in PROCLITIC_TOKENS and b not in PROCLITIC_TOKENS and is_arabic(b[:1])
    )
    if lone < MIN_LONE or lone < SEGMENTED_SHARE * n:
        return None
    out: list[list[str]] = []
    sizes: list[list[int]] = []
    for sent in sentences:
        words: list[str] = []
        size: list[int] = []
        i = 0
        while i < len(sent):
            w = sent[i]
            if w in PROCLITIC_TOKENS and i + 1 < len(sent):
                nxt = sent[i + 1]
                if nxt not in PROCLITIC_TOKENS and is_arabic(nxt[:1]):
                    clitic = w.rstrip("+")
                    # ل before ال writes one lam less: ل + الصحفيين is للصحفيين
                    words.append(clitic + (nxt[1:] if clitic == "ل" and nxt.startswith("ال") else nxt))
                    size.append(2)
                    i += 2
                    continue
            words.append(w)
            size.append(1)
            i += 1
        out.append(words)
        sizes.append(size)
    return out, sizes


def spread_tags(tags: Sequence[Sequence[str]], sizes: Sequence[Sequence[int]]) -> list[list[str]]:
    """The tags of the sentences `join_proclitics` joined, given back to the tokens they came from: a
    joined proclitic is outside the name that starts on its word (O, then B-), inside one that goes
    on through it (I-, I-)."""
    out: list[list[str]] = []
    for sent_tags, size in zip(tags, sizes, strict=True):
        row: list[str] = []
        for tag, k in zip(sent_tags, size, strict=True):
            if k == 2:
                row += (tag, tag) if tag.startswith("I-") else ("O", tag)
            else:
                row.append(tag)
        out.append(row)
    return out


# A punctuation mark touching a token's other characters: what `_attached` needs to find (a plain
# class of marks, searched at C speed; Qari's own tokens never have one)
_PUNCT = "[" + re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~،؛؟«»“”‘’…") + "]"
_BEFORE_A_CHARACTER = re.compile(rf"{_PUNCT}\S")  # a mark written on what follows it


def split_attached(
    sentences: Sequence[Sequence[str]], text: str | None = None
) -> tuple[list[list[str]], list[list[int]]] | None:
    """For sentences with a token that is an Arabic word and punctuation written on it (بغداد،,
    "رويترز", (أ.ف.ب) as Qari's tokenizer would split it: the sentences as those pieces, and for each
    sentence the number of pieces of each of its tokens; None when there is none. Tokens that are
    numbers, Latin text or abbreviations of one-letter words (3.5, 30%, ق.م.) stay whole, as
    ANERcorp writes them. A corpus not tokenized so had cost 8 to 11 points of micro F1. `text` as
    for `join_proclitics`."""
    if text is None:
        text = joined(sentences)
    if not (_BEFORE_A_CHARACTER.search(text) or _BEFORE_A_CHARACTER.search(text[::-1])):
        return None  # the common case, found at C speed (reversed: a mark written on what precedes it)
    if not any(_attached(w) for sent in sentences for w in sent):
        return None
    pieces: list[list[str]] = []
    sizes: list[list[int]] = []
    for sent in sentences:
        row: list[str] = []
        size: list[int] = []
        for w in sent:
            parts = TOKEN_RE.findall(w) if _attached(w) else [w]
            row += parts
            size.append(len(parts))
        pieces.append(row)
        sizes.append(size)
    return pieces, sizes


def _attached(word: str) -> bool:
    """Whether Qari's tokenizer splits `word` into pieces of which one is an Arabic word of two letters
    or more and another punctuation."""
    if word.isalnum() or len(word) < 3:
        return False
    parts = TOKEN_RE.findall(word)
    return len(parts) > 1 and any(len(p) > 1 and is_arabic(p) for p in parts)


def merge_tags(tags: Sequence[Sequence[str]], sizes: Sequence[Sequence[int]]) -> list[list[str]]:
    """The tags of the pieces `split_attached` made, given back to the tokens they came from: a token
    takes the first name tag among its pieces (بغداد، is a place), then the sentence is made valid
    BIO again."""
    out: list[list[str]] = []
    for sent_tags, size in zip(tags, sizes, strict=True):
        row: list[str] = []
        i = 0
        for k in size:
            row.append(next((t for t in sent_tags[i : i + k] if t != "O"), "O"))
            i += k
        out.append(repair_bio(row))
    return out
