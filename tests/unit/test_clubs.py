"""A club after a word of its team is an organization (فريق العربي, لاعب برشلونة): club names are
common words or cities, and the network left them out or made them places."""

from __future__ import annotations

from app.ner.bundled import BundledRecognizer, clubs_after_sports_words


def _run(words: list[str], tags: list[str]) -> list[str]:
    rec = BundledRecognizer.load()
    infos = rec.extractor.infos([words])
    out = [list(tags)]
    clubs_after_sports_words([words], infos, out, rec.extractor.lex, rec._common_words)
    return out[0]


def test_a_club_after_its_team_player_or_goal_is_an_organization() -> None:
    assert _run(["حقق", "فريق", "العربي", "بداية", "جيدة"], ["O"] * 5)[2] == "B-ORG"
    assert _run(["على", "مرمى", "العربي"], ["O"] * 3)[2] == "B-ORG"
    # a city the network made a place: the club after لاعب (with a proclitic: ولاعب)
    assert _run(["ولاعب", "برشلونة", "السابق"], ["O", "B-LOC", "O"])[1] == "B-ORG"
    # الهلال is also "the crescent", but a club's own name in the lists
    assert _run(["لاعب", "الهلال"], ["O", "O"])[1] == "B-ORG"


def test_not_after_a_definite_head_nor_a_country_nor_a_common_sense() -> None:
    # الفريق الأحمر "the red team": an adjective after a definite head
    assert _run(["عودة", "الفريق", "الأحمر"], ["O"] * 3) == ["O"] * 3
    # a country stays a place; فريق الدفاع is the defence of a trial
    assert _run(["لاعب", "مصر"], ["O", "B-LOC"]) == ["O", "B-LOC"]
    assert _run(["وقد", "رأى", "فريق", "الدفاع"], ["O"] * 4) == ["O"] * 4
    # a word of the team itself, an ordinal
    assert _run(["لاعبي", "الفريق"], ["O", "O"]) == ["O", "O"]
    assert _run(["سجل", "هدفي", "الأول"], ["O"] * 3) == ["O"] * 3
