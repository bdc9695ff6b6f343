"""Words read as news write them: without tashkeel, and with the usual spelling of two final letters.

Many Egyptian and informal writers end words with ى where the standard spelling has ي (فى, الذى,
الكاظمى, شنغهاى), and some with ه for ة (الحكومه). Normalization folds both away, but the tagger
also reads the final letter as written (`rl=ى`, `rl=ي`: على "on" is not علي "Ali"), and a name
that ends in ى looks to it like a preposition. On ANERcorp folds rewritten that way, micro F1 fell
by 1 to 2 points (last 10%: 0.864 -> 0.846).

So, before tagging a document that writes ى for ي (at least `MIN_WORDS` of its words, and
`MIN_SHARE` of those that the news mostly end with ي, end with ى instead), each final ى is read as
ي unless the word (`normalize_keep_hamza`) is one the news mostly write with ى (`maksura_words`
of `meta.json`: على, إلى, مصطفى, مستشفى); a word they never wrote `MIN_COUNT` times too (a foreign
name such as شنغهاى: ي ends far more words). Likewise, in a document that writes ه for ة, a final
ه is read as ة on the words the news mostly write with ة (`teh_marbuta_words`; not the pronoun
"his": كتابه). A document in the standard spelling is tagged as written: there a final ى is the
writer's choice (بنى "built", not بني "the sons of"). Only the tokens the tagger reads change; the
text, the offsets and the names shown keep the writer's spelling. Counted by the training run
(`app.ner.train.add_final_spellings`); only the word lists ship, never text.

The tagger reads every word without its tashkeel and tatweel too (`plain`): news seldom vowel
their words, and a vowelled one had the shape, affixes and final letter of no word in training.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.ner.retokenize import joined
from app.ner.wordrep import open_text, unlabeled_sources
from app.text.normalize import (
    HARAKAT,
    MARKS_RE,
    PERSIAN_KAF,
    PERSIAN_LETTERS,
    PERSIAN_YEH,
    TANWEEN,
    normalize_keep_hamza,
    tanween_only,
)

MAKSURA_WORDS = "maksura_words"  # meta.json key
TEH_MARBUTA_WORDS = "teh_marbuta_words"  # meta.json key
MIN_COUNT = 3  # occurrences in the unlabeled news for a word's usual spelling to count

MAKSURA, YEH, TEH_MARBUTA, HEH = "ى", "ي", "ة", "ه"
_LASTS = frozenset((MAKSURA, HEH))  # the final letters `Spelling` may read otherwise
SHADDA = "\u0651"
# What `plain` changes: tashkeel, tatweel, the Persian keyboard's yeh and kaf
_NOT_PLAIN_RE = re.compile(f"{MARKS_RE.pattern}|[{PERSIAN_YEH}{PERSIAN_KAF}]")
# A letter that ends a word of a document joined by spaces (`_words_ending`)
_AT_END = {c: re.compile(c + "(?= |$)") for c in (MAKSURA, HEH)}
_VOWELS = "".join(sorted(HARAKAT - {SHADDA}))  # tanween, short vowels, sukun
# Prepositions with the pronoun "me" (written with a shadda: عليَّ), kept as written by `plain`
_TO_ME = frozenset(c + w for w in ("علي", "إلي", "الي", "لدي", "في", "بي", "لي") for c in ("", "و", "ف"))
_USUAL = {MAKSURA: YEH, HEH: TEH_MARBUTA}
# A run of letters (`names_spelled`: a raw document read as words joined by spaces)
_WORD_RE = re.compile(r"\w+")
# `Spelling.facts`
_MAKSURA_FOR_YEH, _HEH_FOR_TEH = 1, 2
# A document writes ى for ي (or ه for ة) when at least MIN_WORDS of its words, and MIN_SHARE of
# those the news mostly write with ي (ة), are written so
MIN_WORDS = 2
MIN_SHARE = 0.3
# Marks that may follow a word's last letter: tashkeel and tatweel
_MARKS = "".join(sorted(HARAKAT)) + "\u0640"
# An Arabic word (letters and marks) that ends in one of the four letters, then its marks
_FINAL_RE = re.compile(
    f"[\u0621-\u064a{_MARKS}]*[{MAKSURA}{YEH}{TEH_MARBUTA}{HEH}][{_MARKS}]*(?![\u0621-\u064a{_MARKS}])"
)


@dataclass
class FinalCounts:
    """Per word (`normalize_keep_hamza`, which folds ى to ي and ة to ه): occurrences, and those
    written with ى or ة at the end."""

    seen: Counter[str] = field(default_factory=Counter)
    maksura: Counter[str] = field(default_factory=Counter)
    teh_marbuta: Counter[str] = field(default_factory=Counter)
    lines: int = 0


def count_finals(lines: Iterable[str]) -> FinalCounts:
    """How each word that ends in ى, ي, ة or ه is written at its end in `lines`."""
    raw: Counter[str] = Counter()
    n = 0
    for line in lines:
        raw.update(_FINAL_RE.findall(line))
        n += 1
    counts = FinalCounts(lines=n)
    for word, k in raw.items():
        key = normalize_keep_hamza(word)
        counts.seen[key] += k
        last = word.rstrip(_MARKS)[-1:]
        if last == MAKSURA:
            counts.maksura[key] += k
        elif last == TEH_MARBUTA:
            counts.teh_marbuta[key] += k
    return counts


def usual_spellings(counts: FinalCounts, min_count: int = MIN_COUNT) -> dict[str, list[str]]:
    """The words (`normalize_keep_hamza`) seen at least `min_count` times and written with a final ى
    (`MAKSURA_WORDS`) or ة (`TEH_MARBUTA_WORDS`) more than half of the time, sorted."""
    out: dict[str, list[str]] = {}
    for key, written in ((MAKSURA_WORDS, counts.maksura), (TEH_MARBUTA_WORDS, counts.teh_marbuta)):
        out[key] = sorted(w for w, n in counts.seen.items() if n >= min_count and 2 * written[w] > n)
    return out


def count_unlabeled(unlabeled: Path, progress: Callable[[str], None] | None = None) -> FinalCounts:
    """`count_finals` over every line of the unlabeled news files (`unlabeled_sources`)."""
    t0 = time.perf_counter()
    total = FinalCounts()
    for src in unlabeled_sources(unlabeled):
        with open_text(src) as f:
            part = count_finals(f)
        total.seen.update(part.seen)
        total.maksura.update(part.maksura)
        total.teh_marbuta.update(part.teh_marbuta)
        total.lines += part.lines
    if progress is not None:
        progress(f"final spellings: {total.lines:,} lines counted in {time.perf_counter() - t0:.0f} s")
    return total


class Spelling:
    """Reads a word's final ى and ه as the unlabeled news usually write that word, in a document
    written so (module doc)."""

    def __init__(self, maksura_words: Iterable[str] = (), teh_marbuta_words: Iterable[str] = ()) -> None:
        self.maksura_words = frozenset(maksura_words)
        self.teh_marbuta_words = frozenset(teh_marbuta_words)
        self._facts: dict[str, int] = {}

    def __bool__(self) -> bool:
        return bool(self.maksura_words or self.teh_marbuta_words)

    def facts(self, word: str) -> int:
        """Whether `word` is written otherwise than the news mostly write it: `_MAKSURA_FOR_YEH` (a
        final ى where they write ي), `_HEH_FOR_TEH` (a final ه where they write ة), else 0."""
        out = self._facts.get(word)
        if out is None:
            out = 0
            last = word[-1:]
            if len(word) > 1 and last in (MAKSURA, HEH):
                key = normalize_keep_hamza(word)
                if last == MAKSURA:
                    out = _MAKSURA_FOR_YEH if key not in self.maksura_words else 0
                elif key in self.teh_marbuta_words:
                    out = _HEH_FOR_TEH
            if len(self._facts) > 200_000:  # a bound on what a long session keeps
                self._facts.clear()
            self._facts[word] = out
        return out

    def sentences(
        self, sentences: Sequence[Sequence[str]], text: str | None = None
    ) -> Sequence[Sequence[str]]:
        """`sentences`, one document, its words without tashkeel and tatweel (`plain`), and
        with the final ى of its words read as ي where the document writes ى for ي (`MIN_SHARE` of
        its words that the news mostly end with ي, at least `MIN_WORDS`; a final ى of
        `maksura_words` stays), and likewise ه as ة; the same object when the document spells as
        the news do. `text`: the words of `sentences` joined by spaces, when the caller has it."""
        if text is None:
            text = joined(sentences)
        if _NOT_PLAIN_RE.search(text):
            sentences = [
                [plain(w) for w in sent] if _NOT_PLAIN_RE.search(" ".join(sent)) else sent
                for sent in sentences
            ]
            text = joined(sentences)
        fix = self._written_otherwise(text) if self else 0
        if not fix:
            return sentences
        out: list[Sequence[str]] = []
        for sent in sentences:
            if any(self.facts(w) & fix for w in sent if w[-1:] in _LASTS):
                out.append([w[:-1] + _USUAL[w[-1]] if self.facts(w) & fix else w for w in sent])
            else:
                out.append(sent)
        return out

    def _written_otherwise(self, text: str) -> int:
        """Which final letters the document `text` (its words joined by single spaces) writes the
        other way: `_MAKSURA_FOR_YEH`, `_HEH_FOR_TEH`, both or 0 (`sentences`)."""
        # the words written the other way first: in most documents too few to look further
        facts = self.facts
        fix = 0
        other = sum(facts(w) == _MAKSURA_FOR_YEH for w in _words_ending(text, MAKSURA))
        # against the words written with ي (counted at C speed)
        if other >= MIN_WORDS and _written_so(other, text.count(YEH + " ") + text.endswith(YEH)):
            fix |= _MAKSURA_FOR_YEH
        other = sum(facts(w) == _HEH_FOR_TEH for w in _words_ending(text, HEH))
        if other >= MIN_WORDS and _written_so(
            other, text.count(TEH_MARBUTA + " ") + text.endswith(TEH_MARBUTA)
        ):
            fix |= _HEH_FOR_TEH
        return fix

    def names_spelled(self, text: str) -> Callable[[str], str] | None:
        """How to show a name of the document `text` in the standard spelling, where the document
        writes ى for ي or ه for ة (as `sentences` reads its words): الكاظمى as الكاظمي, جامعه القاهره
        as جامعة القاهرة, but مصطفى stays; `None` for a document spelled as the news spell. A name's
        words are taken as separated by spaces, without tashkeel (the panel's names have none)."""
        if not self:
            return None
        fix = self._written_otherwise(" ".join(_WORD_RE.findall(MARKS_RE.sub("", text))))
        if not fix:
            return None
        facts = self.facts

        def spelled(name: str) -> str:
            return " ".join(
                w[:-1] + _USUAL[w[-1]] if w[-1:] in _LASTS and facts(w) & fix else w for w in name.split(" ")
            )

        return spelled


def plain(word: str) -> str:
    """`word` without tashkeel and tatweel, as news write (مُحَمَّد: محمد), with Arabic's ي and ك for
    the yeh and kaf of a Persian keyboard (علی: على, which a document written so reads as علي). But a
    word whose only mark is a tanween at its end (روسياً, "in Russian terms") keeps it, for
    `app.ner.bundled.drop_tanween`: an indefinite word, no name; and a preposition with the pronoun
    "me" keeps its shadda (عليَّ "on me", not the name علي; إليّ, لديّ). The shape, affix and
    final-letter features of a vowelled word were those of no word in training."""
    if not _NOT_PLAIN_RE.search(word):
        return word
    if PERSIAN_YEH in word or PERSIAN_KAF in word:  # typed on a Persian keyboard
        word = word.replace(PERSIAN_KAF, PERSIAN_LETTERS[PERSIAN_KAF])
        # its yeh ends both على and علي: read as ى, which a document written so reads as ي
        word = word[:-1].replace(PERSIAN_YEH, YEH) + word[-1].replace(PERSIAN_YEH, MAKSURA)
    if not TANWEEN.isdisjoint(word) and tanween_only(word):
        return word
    bare = MARKS_RE.sub("", word)
    if bare in _TO_ME and word.rstrip(_VOWELS)[-1:] == SHADDA:
        return word
    return bare or word


def _words_ending(text: str, letter: str) -> list[str]:
    """The words of `text` (words joined by single spaces) that end in `letter`: the letter found
    first (a search for a literal), then its word."""
    return [
        text[text.rfind(" ", 0, i) + 1 : i + 1] for i in (m.start() for m in _AT_END[letter].finditer(text))
    ]


def _written_so(other: int, usual: int) -> bool:
    """Whether a document writes a final letter the other way: `other` of its words so, `usual` of
    them as the news do."""
    return other >= MIN_WORDS and other >= MIN_SHARE * (other + usual)
