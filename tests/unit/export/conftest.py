"""Fixtures for the export tests: the seed article with hand-made entities and notes.

The entities are built by hand from known names (finding each name's occurrences in the text), which is
what a writer test needs: the recognizer is tested elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.models import Article, Entity, Mention
from app.export.summary import NoteView, Passages, Summary, build_summary

SEED = Path(__file__).resolve().parents[3] / "seeds" / "000_a8c034b26b330cb6.txt"

# name -> (type, the surfaces it is written as in the seed article)
SEED_NAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "جو بايدن": ("PERS", ("جو بايدن",)),
    "مصطفى الكاظمي": ("PERS", ("مصطفى الكاظمى", "الكاظمى")),
    "الولايات المتحدة": ("LOC", ("الولايات المتحدة",)),
    "العراق": ("LOC", ("العراق",)),
    "بغداد": ("LOC", ("بغداد",)),
    "السومرية نيوز": ("ORG", ("السومرية نيوز",)),
}


def read_seed() -> Article:
    paragraphs: list[tuple[str, str]] = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        heading = len(line.split()) < 8 and not line.rstrip().endswith((".", ":", '"'))
        paragraphs.append((line, "heading" if heading else "body"))
    return Article.from_paragraphs(
        paragraphs,  # type: ignore[arg-type]
        title="هجوم على السفارة الأمريكية في بغداد",
        source="اليوم السابع",
        date="2021-07-29",
        url="https://example.com/news?id=1&x=<2>",
    )


def entities_for(text: str, names: dict[str, tuple[str, tuple[str, ...]]] = SEED_NAMES) -> list[Entity]:
    taken: list[tuple[int, int]] = []
    out: list[Entity] = []
    # Longest surfaces first, so "مصطفى الكاظمى" wins over "الكاظمى".
    order = sorted(((len(s), n, s) for n, (_, ss) in names.items() for s in ss), reverse=True)
    found: dict[str, list[Mention]] = {n: [] for n in names}
    for _, name, surface in order:
        for m in re.finditer(re.escape(surface), text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found[name].append(Mention(m.start(), m.end(), surface))
    for name, mentions in found.items():
        if mentions:
            label = names[name][0]
            out.append(Entity(name, label, sorted(mentions, key=lambda m: m.start), f"{label}:{name}"))
    return out


@pytest.fixture
def seed_article() -> Article:
    return read_seed()


@pytest.fixture
def seed_entities(seed_article: Article) -> list[Entity]:
    return entities_for(seed_article.text)


@pytest.fixture
def seed_notes(seed_article: Article) -> list[NoteView]:
    text = seed_article.text
    i = text.index("السفارة الأمريكية فى العاصمة")
    j = text.index("مصطفى الكاظمى")
    return [
        NoteView("أول هجوم بعد إعلان الانسحاب <script>alert(1)</script>", i, i + 17, None, "2026-11-29"),
        NoteView("تحقق من موعد الزيارة", j, j + 13, None, "2026-11-29"),
        NoteView("رئيس الحكومة العراقية & <b>", None, None, "PERS:مصطفى الكاظمي", ""),
        NoteView("ملاحظة عامة على المقال", None, None, None, ""),
    ]


@pytest.fixture
def make_summary(
    seed_article: Article, seed_entities: list[Entity], seed_notes: list[NoteView]
) -> Callable[..., Summary]:
    def make(passages: Passages = "full", max_passages: int = 5) -> Summary:
        return build_summary(
            seed_article,
            seed_entities,
            seed_notes,
            ["العراق", "أمن"],
            passages=passages,
            max_passages=max_passages,
            article_id="7",
        )

    return make


@pytest.fixture
def seed_summary(make_summary: Callable[..., Summary]) -> Summary:
    return make_summary()
