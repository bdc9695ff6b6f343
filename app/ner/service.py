"""Recognition as the window and the command line use it: an article in, its entities out.

`analyze` runs a recognizer on an article, applies the analyst's corrections (if any are given) and
groups the mentions into entities. `extraction_data` turns the result into plain data (offsets into the
article text), which the CLI prints as JSON and writers can render.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from app.core.models import Article, Entity, EntitySpan
from app.ner.base import Recognizer
from app.ner.grouping import group_mentions

if TYPE_CHECKING:
    from app.ner.corrections import Correction

TYPE_TITLES: dict[str, str] = {"PERS": "People", "LOC": "Places", "ORG": "Organizations", "MISC": "Other"}


def recognize_article(article: Article | str, recognizer: Recognizer) -> list[EntitySpan]:
    """The recognizer's spans over the whole article text (offsets into `article.text`)."""
    text = article.text if isinstance(article, Article) else article
    return recognizer.recognize(text)


def apply_corrections(
    text: str,
    spans: list[EntitySpan],
    corrections: Iterable[Correction] | None,
    known_name: Callable[[str, str], bool] | None = None,
    spelled: Callable[[str], str] | None = None,
) -> list[Entity]:
    """Entities of `spans` after the analyst's corrections (`None` or empty: plain grouping).

    The hook where remembered corrections (added, deleted, retyped, merged, renamed names) are replayed
    over the recognizer's output; see `app.ner.corrections`. `known_name(form, label)` (the recognizer's
    `is_known_name`) lets grouping strip a clitic off a name the article never writes bare;
    `spelled` (the recognizer's `names_spelled(text)`) shows names in the standard spelling.
    """
    ops = list(corrections) if corrections is not None else []
    if not ops:
        return group_mentions(text, spans, known=known_name or (), spelled=spelled)
    from app.ner.corrections import apply_corrections as replay

    return replay(text, spans, ops, known_name, spelled)


def analyze(
    article: Article | str,
    recognizer: Recognizer,
    corrections: Iterable[Correction] | None = None,
) -> list[Entity]:
    """Entities of `article` (most mentioned first); every mention's offsets point into its text."""
    text = article.text if isinstance(article, Article) else article
    spans = recognize_article(text, recognizer)
    return apply_corrections(
        text, spans, corrections, recognizer.is_known_name, recognizer.names_spelled(text)
    )


def extraction_data(article: Article, recognizer_name: str, entities: Iterable[Entity]) -> dict[str, Any]:
    """Plain data: `{"title", "recognizer", "entities": [{"name", "type", "key", "count", "mentions"}]}`."""
    return {
        "title": article.title,
        "recognizer": recognizer_name,
        "entities": [
            {
                "name": e.name,
                "type": e.label,
                "key": e.key,
                "count": e.count,
                "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in e.mentions],
            }
            for e in entities
        ],
    }
