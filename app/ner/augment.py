"""Mention replacement: copies of training documents with their names replaced by other names.

About 4 in 5 person names of held-out news never occur in the training corpus, and a network trained
on ANERcorp alone partly learns its names by heart. Each copy replaces, with probability
`p_replace`, every name of a document (all mentions of one spelling alike, so the document's cues
still agree) by another name of the same type: with probability `p_train` a name from elsewhere in
the training sentences, else one built from the shippable name lists (a person's given name and
family names, a city, country or region, a club). The network then sees names in new contexts and
many names it has never seen, and must read the context and the letters (Dai and Adel, "An Analysis
of Simple Data Augmentation for Named Entity Recognition", COLING 2020).

No torch here; `app.ner.neural_train` mixes a fresh sample of these sentences into each epoch.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.ner.bundled import chunks
from app.ner.conll import Document
from app.text.normalize import normalize, strip_proclitics
from app.text.tokenize import TOKEN_RE

TYPES = ("PERS", "LOC", "ORG")
# Proclitics a replaced name keeps: لواشنطن -> لطوكيو.
_CLITIC_LETTERS = "وبلف"


@dataclass
class NamePool:
    """Names to put in place of the training corpus's names, as token lists."""

    train: dict[str, list[list[str]]] = field(default_factory=lambda: {t: [] for t in TYPES})
    first: list[list[str]] = field(default_factory=list)  # persons' given names
    parts: list[list[str]] = field(default_factory=list)  # one-word parts of persons' names
    places: list[list[str]] = field(default_factory=list)
    orgs: list[list[str]] = field(default_factory=list)

    def add_training_names(self, docs: Sequence[Document]) -> None:
        for doc in docs:
            for sent in doc:
                words = [w for w, _ in sent]
                for a, b, kind in chunks([t for _, t in sent]):
                    if kind in self.train:
                        self.train[kind].append(words[a:b])


def _entries(path: Path, lo: int, hi: int) -> list[list[str]]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        toks = TOKEN_RE.findall(line.strip())
        if lo <= len(toks) <= hi:
            out.append(toks)
    return out


def load_name_pool(gazetteers: Path | None, docs: Sequence[Document]) -> NamePool:
    """The training documents' names and, from the shippable lists in `gazetteers` (when given),
    given names (up to 2 words), one-word name parts, places (1-4 words) and clubs (1-5 words)."""
    pool = NamePool()
    pool.add_training_names(docs)
    if gazetteers is not None:
        pool.first = _entries(gazetteers / "akhateeb_PERS_first.txt", 1, 2)
        pool.parts = [
            t
            for name in ("netranslit_PERS_part", "google-translit_PERS_part", "akhateeb_PERS_last")
            for t in _entries(gazetteers / f"{name}.txt", 1, 1)
        ]
        pool.places = [
            t
            for name in ("worldcities_LOC_city", "worldcities_LOC_country", "arwikicats_LOC")
            for t in _entries(gazetteers / f"{name}.txt", 1, 4)
        ]
        pool.orgs = _entries(gazetteers / "arwikicats_ORG_club.txt", 1, 5)
    return pool


class MentionReplacer:
    """Makes the replaced copies of documents (seeded: the same `rng` state, the same copies)."""

    def __init__(
        self,
        pool: NamePool,
        rng: random.Random,
        is_name: Callable[[str], bool],
        p_replace: float = 0.5,
        p_train: float = 0.5,
    ) -> None:
        self.pool = pool
        self.rng = rng
        self.is_name = is_name  # whether a normalized word is in the name lists (any kind)
        self.p_replace = p_replace
        self.p_train = p_train

    def _built(self, kind: str, n: int) -> list[str]:
        """A name made from the lists: a person of `n` words, a place or a club."""
        rng, pool = self.rng, self.pool
        if kind == "PERS":
            toks = list(rng.choice(pool.first)) if rng.random() < 0.5 else list(rng.choice(pool.parts))
            while len(toks) < n:
                toks += list(rng.choice(pool.parts))
            return toks[: max(n, 1)]
        if kind == "LOC":
            return list(rng.choice(pool.places))
        return list(rng.choice(pool.orgs))

    def _can_build(self, kind: str) -> bool:
        pool = self.pool
        if kind == "PERS":
            return bool(pool.first and pool.parts)
        return bool(pool.places if kind == "LOC" else pool.orgs)

    def _prefix(self, token: str) -> str:
        """The proclitic on the first word of a name (و of والعراق), when what follows is listed."""
        if len(token) > 3 and token[0] in _CLITIC_LETTERS:
            for stem in strip_proclitics(normalize(token)):
                if len(stem) < len(token) and self.is_name(stem):
                    return token[: len(token) - len(stem)]
        return ""

    def replace(self, doc: Document) -> Document:
        """A copy of `doc` with its PERS, LOC and ORG names replaced as the module says."""
        rng = self.rng
        chosen: dict[tuple[str, str], list[str]] = {}
        out: Document = []
        for sent in doc:
            words = [w for w, _ in sent]
            tags = [t for _, t in sent]
            starts = {a: (b, k) for a, b, k in chunks(tags)}
            new: list[tuple[str, str]] = []
            i = 0
            while i < len(words):
                if i in starts and starts[i][1] in TYPES:
                    b, kind = starts[i]
                    key = (kind, " ".join(words[i:b]))
                    if key not in chosen:
                        if rng.random() < self.p_replace:
                            from_train = rng.random() < self.p_train or not self._can_build(kind)
                            if from_train and self.pool.train[kind]:
                                name = list(rng.choice(self.pool.train[kind]))
                            elif self._can_build(kind):
                                name = self._built(kind, b - i)
                            else:
                                name = words[i:b]
                            prefix = self._prefix(words[i])
                            if prefix and name:
                                name[0] = prefix + name[0]
                            chosen[key] = name
                        else:
                            chosen[key] = words[i:b]
                    name = chosen[key]
                    new += [(w, ("B-" if j == 0 else "I-") + kind) for j, w in enumerate(name)]
                    i = b
                else:
                    new.append((words[i], tags[i]))
                    i += 1
            out.append(new)
        return out
