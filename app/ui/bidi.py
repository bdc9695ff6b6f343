"""Paragraph directions of an article for the reading pane (pure; no Qt).

The rule itself is `app.text.bidi.paragraph_direction`, shared with the exports.
"""

from __future__ import annotations

from app.core.models import Article
from app.text.bidi import SCAN_LIMIT, Direction, document_direction, paragraph_direction

__all__ = ["SCAN_LIMIT", "Direction", "article_directions", "paragraph_direction"]


def article_directions(article: Article) -> list[Direction]:
    """The direction of every paragraph (pure; the background reader computes it for big files). A
    paragraph of digits and punctuation only takes the article's direction."""
    default = document_direction(article.text)
    return [paragraph_direction(article.paragraph_text(p), default) for p in article.paragraphs]
