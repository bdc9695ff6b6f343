"""Span-level precision, recall and F1, conlleval style (exact span and type)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.ner.base import bio_to_chunks


@dataclass
class TypeScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "support": self.support,
        }


def score(
    gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]], types: Sequence[str]
) -> dict[str, TypeScore]:
    """Per-type and "micro" scores of predicted BIO sentences against gold ones.

    Chunks of types not in `types` are ignored on both sides.
    """
    wanted = set(types)
    scores = {t: TypeScore() for t in types}
    for g, p in zip(gold, pred, strict=True):
        if len(g) != len(p):
            raise ValueError(f"sentence lengths differ: {len(g)} gold tags, {len(p)} predicted")
        gc = {c for c in bio_to_chunks(g) if c[2] in wanted}
        pc = {c for c in bio_to_chunks(p) if c[2] in wanted}
        for c in gc & pc:
            scores[c[2]].tp += 1
        for c in pc - gc:
            scores[c[2]].fp += 1
        for c in gc - pc:
            scores[c[2]].fn += 1
    micro = TypeScore(
        sum(s.tp for s in scores.values()),
        sum(s.fp for s in scores.values()),
        sum(s.fn for s in scores.values()),
    )
    return {**scores, "micro": micro}
