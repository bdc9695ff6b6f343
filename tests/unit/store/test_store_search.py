"""Search: normalized Arabic, clitics, phrases, filters, and snippets cut from the original text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.models import Article, Entity, Mention
from app.store import search as fts
from app.store.library import Library
from app.text.normalize import normalize


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library.open(tmp_path)
    yield library  # type: ignore[misc]
    library.close()


def _save(lib: Library, text: str, **kw: str) -> int:
    art = Article.from_paragraphs([(p, "body") for p in text.split("\n")], **kw)  # type: ignore[arg-type]
    return lib.save_article(art).id


def _ids(results: list) -> set[int]:  # type: ignore[type-arg]
    return {r.id for r in results}


def test_index_text_adds_stems() -> None:
    assert fts.index_text("بالعراق") == "بالعراق عراق العراق"
    assert fts.index_text("لواشنطن،") == "لواشنطن واشنطن"
    assert fts.index_text("مَدْرَسَةٌ") == "مدرسه"


def test_parse_query() -> None:
    terms = fts.parse_query('وزير "الأمم المتحدة" ؟')
    assert [t.words for t in terms] == [("وزير",), ("الامم", "المتحده")]
    assert fts.fts_query(terms) == '"وزير" AND NEAR("الامم" "المتحده", 6)'
    assert fts.parse_query('"') == []
    assert [t.words for t in fts.parse_query('say "x')] == [("say",), ("x",)]
    assert fts.fts_query(fts.parse_query('a"b')) == '"a" AND "b"'


def test_clitics_are_found(lib: Library) -> None:
    a = _save(lib, "وصل الوفد إلى بغداد بالعراق صباح اليوم")
    b = _save(lib, "الحكومة والعراق في مفاوضات")
    c = _save(lib, "سافر الوزير لواشنطن الأسبوع الماضي")
    d = _save(lib, "العراق يستضيف القمة")
    _save(lib, "لبنان وسوريا")
    assert _ids(lib.search("العراق")) == {a, b, d}
    assert _ids(lib.search("واشنطن")) == {c}
    # The snippet highlights the whole original word with its clitic.
    (hit,) = lib.search("واشنطن")
    s, e = hit.highlights[0]
    assert hit.snippet[s:e] == "لواشنطن"


def test_normalized_spellings_and_diacritics(lib: Library) -> None:
    a = _save(lib, "قال مُصْطَفَى الكاظمي إنّ الإصلاحات مستمرة")
    b = _save(lib, "مصطفي الكاظمى في زيارة رسميه")
    assert _ids(lib.search("مصطفى")) == {a, b}
    assert _ids(lib.search("الاصلاحات")) == {a}
    assert _ids(lib.search("رسمية")) == {b}
    # The snippet is cut from the original text: tashkeel kept, highlight on the original letters.
    (hit,) = lib.search("مصطفي الاصلاحات")
    marked = [hit.snippet[s:e] for s, e in hit.highlights]
    assert marked == ["مُصْطَفَى", "الإصلاحات"]
    assert "مُصْطَفَى" in hit.snippet


def test_every_word_is_required(lib: Library) -> None:
    a = _save(lib, "اجتماع في بغداد حول النفط")
    _save(lib, "اجتماع في دمشق")
    assert _ids(lib.search("اجتماع النفط")) == {a}
    assert lib.search("كلمةغيرموجودة") == []


def test_phrase_search(lib: Library) -> None:
    a = _save(lib, "قال الأمين العام للأمم المتحدة إن الوضع خطير")
    b = _save(lib, "الأمم التي اتحدت ليست المتحدة دائما")
    c = _save(lib, "دعت الأمم المتحدة إلى الهدوء")
    assert _ids(lib.search('"الأمم المتحدة"')) == {a, c}  # للأمم carries a clitic, still the phrase
    assert _ids(lib.search("الأمم المتحدة")) == {a, b, c}  # as words, in any order
    # A word only in the title and the phrase in the text: found.
    d = _save(lib, "الهيئة الدولية\nاجتمعت الأمم المتحدة أمس", title="تقرير الهيئة")
    assert _ids(lib.search('تقرير "الأمم المتحدة"')) == {d}
    (hit,) = lib.search('"الامم المتحده" الهدوء')
    assert hit.id == c
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["الأمم المتحدة", "الهدوء"]


def test_filters(lib: Library) -> None:
    t1 = "زار الكاظمي بغداد"
    t2 = "زار الرئيس بغداد وقابل الكاظمي"
    t3 = "زار الوفد دمشق"
    a1 = _save(lib, t1, date="2024-01-10")
    a2 = _save(lib, t2, date="2024-02-10")
    a3 = _save(lib, t3, date="2024-03-10")

    def ent(text: str, surface: str, label: str) -> Entity:
        i = text.index(surface)
        return Entity(surface, label, [Mention(i, i + len(surface), surface)])

    lib.save_entities(a1, [ent(t1, "الكاظمي", "PERS"), ent(t1, "بغداد", "LOC")])
    lib.save_entities(a2, [ent(t2, "بغداد", "LOC")])
    lib.save_entities(a3, [ent(t3, "دمشق", "LOC")])
    lib.add_tag(a2, "زيارات")
    lib.set_star(a3)
    assert _ids(lib.search("زار")) == {a1, a2, a3}
    assert _ids(lib.search("زار", entity="الكاظمى")) == {a1}  # by entity, any spelling
    assert _ids(lib.search("زار", entity="بغداد", label="LOC")) == {a1, a2}
    assert _ids(lib.search("زار", entity="بغداد", label="PERS")) == set()
    assert _ids(lib.search("زار", label="PERS")) == {a1}
    assert _ids(lib.search("", label="LOC")) == {a1, a2, a3}
    assert _ids(lib.search("زار", tag="زيارات")) == {a2}
    assert _ids(lib.search("زار", starred=True)) == {a3}
    assert _ids(lib.search("زار", date_from="2024-02-01")) == {a2, a3}
    assert _ids(lib.search("زار", date_from="2024-02-01", date_to="2024-02-28")) == {a2}
    assert _ids(lib.search("زار", entity="لا أحد")) == set()
    assert len(lib.search("زار", limit=2)) == 2


def test_results_are_ranked_and_titled(lib: Library) -> None:
    many = _save(lib, "النفط النفط النفط وأسعار النفط", title="أسعار النفط")
    few = _save(lib, "حديث طويل عن الزراعة والمياه والنفط والطرق والمدارس والمستشفيات")
    results = lib.search("النفط")
    assert [r.id for r in results] == [many, few]
    assert results[0].score > results[1].score
    assert results[0].title == "أسعار النفط"
    assert results[0].to_dict()["id"] == many


def test_snippet_is_a_window_of_the_original() -> None:
    text = ("كلمة " * 60) + "الهدف هنا " + ("نص " * 60)
    spans, complete = fts.find_matches(text, fts.parse_query("الهدف"))
    assert complete and len(spans) == 1
    snip = fts.make_snippet(text, spans)
    assert snip.text.startswith("…") and snip.text.endswith("…")
    ((s, e),) = snip.highlights
    assert snip.text[s:e] == "الهدف"
    assert len(snip.text) < 260
    assert snip.marked().count("[الهدف]") == 1
    # No match (a title-only hit): the start of the text.
    assert fts.make_snippet("سطر أول\nسطر ثان", []).text.startswith("سطر أول")


_ARABIC_WORDS = ["العراق", "بالعراق", "والعراق", "لواشنطن", "واشنطن", "مُصْطَفَى", "الأمم", "للأمم", "مدرسة"]
_OTHER = ["ـــ", "،", ".", "abc", "٣٤", "\n", "🙂"]


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(st.sampled_from(_ARABIC_WORDS + _OTHER), min_size=1, max_size=12),
    query=st.sampled_from(["العراق", "واشنطن", "مصطفي", "الامم", "مدرسه", "abc", "34"]),
)
def test_matches_map_back_to_original_words(words: list[str], query: str) -> None:
    """Every highlight is one whole original word that is the query word, or it with proclitics."""
    text = " ".join(words)
    spans, found = fts.find_matches(text, fts.parse_query(query))
    for s, e in spans:
        assert 0 <= s < e <= len(text)
        original = text[s:e]
        assert " " not in original
        assert query in fts.word_forms(normalize(original))
        assert normalize(original).lower().endswith(query[2:] if query.startswith("ال") else query)
    # Found by the Python matcher exactly when the index copy holds the query word.
    assert found == (query in fts.index_text(text).split())


_PIECES = [
    *_ARABIC_WORDS,
    *_OTHER,
    "كلمةً",
    "شدّة",
    "الـعراق",
    "İstanbul",
    "ǅ",
    " ",
    "  ",
    "وللعراق",
    "ـ",
    "ISTANBUL",
    "٣",
]


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(_PIECES), min_size=0, max_size=14),
    text=st.text(alphabet=st.sampled_from(list("العراقوبلكفـًّ ،.İa")), max_size=30),
    query=st.sampled_from(
        ["العراق", "عراق", "واشنطن", "الامم", "مدرسه", '"العراق واشنطن"', "istanbul", "İstanbul", "ا", "3"]
    ),
)
def test_fast_matcher_agrees_with_word_by_word(words: list[str], text: str, query: str) -> None:
    """The str.find matcher (with offsets mapped past dropped marks) equals the word-by-word one."""
    for sample in (" ".join(words), text, " ".join(words) + text):
        terms = fts.parse_query(query)
        assert fts.find_matches(sample, terms) == fts._find_matches_by_word(sample, terms)
        # The index copy holds exactly the forms of the words the matcher sees.
        expected = [f for w, _, _ in fts._words(sample) for f in fts.word_forms(w)]
        assert fts.index_text(sample).split() == expected
        assert fts.fast_normalize(sample) == normalize(sample)


@given(st.text(max_size=60))
def test_fast_normalize_is_normalize(text: str) -> None:
    assert fts.fast_normalize(text) == normalize(text)


@settings(max_examples=150, deadline=None)
@given(
    paras=st.lists(
        st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40).map(" ".join), min_size=1, max_size=4
    ),
    query=st.sampled_from(["العراق", "واشنطن", "الامم", '"العراق واشنطن"', "مدرسه"]),
)
def test_snippet_is_cut_from_the_original(paras: list[str], query: str) -> None:
    text = "\n".join(paras)
    spans, _ = fts.find_matches(text, fts.parse_query(query))
    snip = fts.make_snippet(text, spans)
    body = snip.text.removeprefix("…").removesuffix("…")
    assert body == text[snip.start : snip.start + len(body)].replace("\n", " ")
    for s, e in snip.highlights:
        assert (
            snip.start + s - snip.text.startswith("…"),
            snip.start + e - snip.text.startswith("…"),
        ) in spans
