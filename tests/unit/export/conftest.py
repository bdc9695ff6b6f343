"""Fixtures for the export tests: the seed article with hand-made entities and notes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from export_helpers import entities_for, read_seed

from app.core.models import Article, Entity
from app.export.summary import NoteView, Passages, Summary, build_summary


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
