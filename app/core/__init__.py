"""Plain data and errors shared by every other package. No Qt, no torch."""

from app.core.errors import QariError
from app.core.models import Article, Entity, EntitySpan, Mention, Paragraph, Token

__all__ = ["Article", "Entity", "EntitySpan", "Mention", "Paragraph", "QariError", "Token"]
