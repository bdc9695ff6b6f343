"""One direction rule for the reading pane and the exports."""

from __future__ import annotations

from app.core.models import Article
from app.text.bidi import DOCUMENT_SCAN_LIMIT, document_direction, paragraph_direction
from app.ui.bidi import article_directions


def test_paragraph_without_strong_characters_takes_the_default() -> None:
    assert paragraph_direction("2021 - 123") == "ltr"
    assert paragraph_direction("2021 - 123", "rtl") == "rtl"
    assert paragraph_direction("CNN: قال الرئيس", "ltr") == "rtl"


def test_document_direction_is_the_majority_and_rtl_on_a_tie() -> None:
    assert document_direction("قال الرئيس جو بايدن (Joe Biden)") == "rtl"
    assert document_direction("The president, الرئيس, said so") == "ltr"
    assert document_direction("123 - 456") == "rtl"
    assert document_direction("ab أب") == "rtl"
    # only the start of a long document is counted
    assert document_direction("abc " * (DOCUMENT_SCAN_LIMIT // 4) + "عربي " * 50_000) == "ltr"


def test_a_number_paragraph_follows_its_article() -> None:
    arabic = Article.from_paragraphs([("قال الرئيس إن", "body"), ("2021 - 123", "body")], title="t")
    english = Article.from_paragraphs([("The president said", "body"), ("2021 - 123", "body")], title="t")
    assert article_directions(arabic) == ["rtl", "rtl"]
    assert article_directions(english) == ["ltr", "ltr"]
