"""Grouping mentions into entities: spelling variants, clitics, short and long names, canonical names."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.models import EntitySpan
from app.ner.grouping import canonical_key, group_mentions, mention_form


def spans_of(text: str, *names: tuple[str, str]) -> list[EntitySpan]:
    """Spans of every whole-word occurrence of each (surface, label), longest surfaces first, no overlaps."""
    taken: list[tuple[int, int]] = []
    out: list[EntitySpan] = []
    for surface, label in sorted(names, key=lambda nl: -len(nl[0])):
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(EntitySpan.make(text, m.start(), m.end(), label))
    return out


def by_name(entities: list) -> dict[str, list[str]]:  # type: ignore[type-arg]
    return {e.name: [m.text for m in e.mentions] for e in entities}


def test_spelling_variants_and_short_name_join_the_full_name() -> None:
    text = "قال مصطفى الكاظمى إن الكاظمى سيزور واشنطن. وقال الكاظمي إن مصطفى الكاظمي سيعود."
    spans = spans_of(
        text,
        ("مصطفى الكاظمى", "PERS"),
        ("مصطفى الكاظمي", "PERS"),
        ("الكاظمى", "PERS"),
        ("الكاظمي", "PERS"),
        ("واشنطن", "LOC"),
    )
    ents = group_mentions(text, spans)
    assert [(e.name, e.label, e.count) for e in ents] == [("مصطفى الكاظمي", "PERS", 4), ("واشنطن", "LOC", 1)]
    kadhimi = ents[0]
    assert [m.text for m in kadhimi.mentions] == ["مصطفى الكاظمى", "الكاظمى", "الكاظمي", "مصطفى الكاظمي"]
    assert kadhimi.key == canonical_key("مصطفى الكاظمى", "PERS") == "PERS:مصطفي الكاظمي"
    for m in kadhimi.mentions:
        assert text[m.start : m.end] == m.text


def test_a_latin_gloss_in_brackets_joins_the_name_before_it() -> None:
    text = (
        "قال ألبرت أينشتاين (Albert Einstein) إن الخيال أهم. وقالت منظمة العفو الدولية «Amnesty» "
        "إن منظمة العفو الدولية ( Amnesty International ) ستعمل مع CNN. وقالت شبكة سي إن إن (CNN) ذلك."
    )
    spans = spans_of(
        text,
        ("ألبرت أينشتاين", "PERS"),
        ("Albert Einstein", "PERS"),
        ("منظمة العفو الدولية", "ORG"),
        ("Amnesty International", "ORG"),
        ("Amnesty", "ORG"),
        ("سي إن إن", "ORG"),
        ("CNN", "ORG"),
    )
    names = by_name(group_mentions(text, spans))
    # the Arabic name keeps its canonical name; the gloss is one of its mentions
    assert names["ألبرت أينشتاين"] == ["ألبرت أينشتاين", "Albert Einstein"]
    assert names["منظمة العفو الدولية"] == [
        "منظمة العفو الدولية",
        "منظمة العفو الدولية",
        "Amnesty International",
    ]
    # not in brackets: its own entity; CNN is also written where it glosses nothing
    assert names["Amnesty"] == ["Amnesty"] and names["CNN"] == ["CNN", "CNN"]
    # a gloss of another type is not the name's
    typed = [replace(s, label="ORG") if s.text == "Albert Einstein" else s for s in spans]
    assert "Albert Einstein" in by_name(group_mentions(text, typed))


def test_canonical_name_keeps_final_alef_maksura_where_every_variant_has_it() -> None:
    # مصطفى is spelled with ى in both variants; only الكاظمى/الكاظمي differ.
    text = "مصطفى الكاظمى ثم مصطفى الكاظمى ثم مصطفى الكاظمي"
    ents = group_mentions(text, spans_of(text, ("مصطفى الكاظمى", "PERS"), ("مصطفى الكاظمي", "PERS")))
    assert [(e.name, e.count) for e in ents] == [("مصطفى الكاظمي", 3)]


def test_canonical_name_prefers_hamza_and_teh_marbuta() -> None:
    text = "اربيل ثم أربيل. السفارة الامريكيه ثم السفارة الأمريكية"
    spans = spans_of(text, ("اربيل", "LOC"), ("أربيل", "LOC"))
    spans += spans_of(text, ("السفارة الامريكيه", "ORG"), ("السفارة الأمريكية", "ORG"))
    assert {e.name: e.count for e in group_mentions(text, spans)} == {"أربيل": 2, "السفارة الأمريكية": 2}


def test_canonical_name_is_written_without_tashkeel_nor_persian_letters() -> None:
    # a vowelled quotation and a line typed on a Persian keyboard: the panel shows the names as news
    # write them; the mentions keep their text
    text = "وَقَالَ إِيمَانُويل مَاكْرُون ثم ماكرون. وأکد أمیر عبد اللهیان أن کرکوک آمنة"
    spans = spans_of(text, ("إِيمَانُويل مَاكْرُون", "PERS"), ("ماكرون", "PERS"))
    spans += spans_of(text, ("أمیر عبد اللهیان", "PERS"), ("کرکوک", "LOC"))
    ents = group_mentions(text, spans)
    assert {e.name: e.count for e in ents} == {"إيمانويل ماكرون": 2, "أمير عبد اللهيان": 1, "كركوك": 1}
    macron = next(e for e in ents if e.count == 2)
    assert [m.text for m in macron.mentions] == ["إِيمَانُويل مَاكْرُون", "ماكرون"]
    assert macron.key == canonical_key("إيمانويل ماكرون", "PERS")


def test_clitics_join_the_bare_form() -> None:
    text = "زار الكاظمي واشنطن. عاد الكاظمي لواشنطن. في العراق والعراق وبالعراق وللعراق."
    spans = spans_of(text, ("واشنطن", "LOC"), ("لواشنطن", "LOC"), ("العراق", "LOC"), ("والعراق", "LOC"))
    spans += spans_of(text, ("وبالعراق", "LOC"), ("وللعراق", "LOC"))
    ents = by_name(group_mentions(text, spans))
    # a cliticized mention is cut to the name in it (what is highlighted and exported); وللعراق holds
    # no contiguous العراق (the article's alef is elided after لـ), so it stays whole
    assert ents == {
        "العراق": ["العراق", "العراق", "العراق", "وللعراق"],
        "واشنطن": ["واشنطن", "واشنطن"],
    }
    washington = next(e for e in group_mentions(text, spans) if e.name == "واشنطن")
    cut = washington.mentions[1]
    assert (cut.start, cut.end) == (text.index("لواشنطن") + 1, text.index("لواشنطن") + len("لواشنطن"))
    assert text[cut.start : cut.end] == cut.text == "واشنطن"


def test_two_proclitics_join_another_mention_but_no_listed_name() -> None:
    text = "انشقوا عن حزب الحركة القومية . ولحزب الحركة القومية نواب . وقال ولايفان كورزاوا"
    spans = spans_of(text, ("حزب الحركة القومية", "ORG"), ("ولحزب الحركة القومية", "ORG"))
    spans += spans_of(text, ("ولايفان كورزاوا", "PERS"))
    ents = by_name(group_mentions(text, spans, known={mention_form("ايفان كورزاوا")}))
    # و + ل before the party, another mention of the article; و + لايفان (Layvin), not ول + ايفان
    assert ents == {
        "حزب الحركة القومية": ["حزب الحركة القومية", "حزب الحركة القومية"],
        "ولايفان كورزاوا": ["ولايفان كورزاوا"],
    }


def test_bare_form_from_cliticized_mentions_only_when_one_is_bare() -> None:
    # بالعراق alone is not stripped: no mention says العراق, and nothing is known about it.
    text = "في بالعراق والعراق"
    spans = spans_of(text, ("بالعراق", "LOC"), ("والعراق", "LOC"))
    assert sorted(e.name for e in group_mentions(text, spans)) == ["بالعراق", "والعراق"]
    # ... unless the form is known (a gazetteer or a correction): then the name is cut from the surface.
    ents = group_mentions(text, spans, known={mention_form("العراق")})
    assert [(e.name, e.count) for e in ents] == [("العراق", 2)]


def test_known_name_predicate_strips_clitics_of_names_never_written_bare() -> None:
    text = "مطاري بغداد وأربيل ولبنان"
    spans = spans_of(text, ("بغداد", "LOC"), ("وأربيل", "LOC"), ("ولبنان", "LOC"))
    asked: list[tuple[str, str]] = []

    def known(form: str, label: str) -> bool:
        asked.append((form, label))
        return label == "LOC" and form in {"اربيل", "لبنان", "بنان"}

    ents = group_mentions(text, spans, known=known)
    assert sorted((e.name, e.count) for e in ents) == [("أربيل", 1), ("بغداد", 1), ("لبنان", 1)]
    assert {m.text for e in ents for m in e.mentions} == {"بغداد", "أربيل", "لبنان"}  # و cut off
    assert ("اربيل", "LOC") in asked
    # A mention whose own form is a known name is kept whole, even if a shorter known name hides in it.
    ents = group_mentions("لبنان", [EntitySpan.make("لبنان", 0, 5, "LOC")], known=known)
    assert [e.name for e in ents] == ["لبنان"]
    # Without the predicate, nothing is stripped: no mention says أربيل.
    assert {e.name for e in group_mentions(text, spans)} == {"بغداد", "ولبنان", "وأربيل"}


def test_lebanon_keeps_its_lam() -> None:
    text = "لبنان ولبنان. بنان"
    spans = spans_of(text, ("لبنان", "LOC"), ("ولبنان", "LOC"), ("بنان", "PERS"))
    ents = group_mentions(text, spans)
    assert sorted((e.name, e.label, e.count) for e in ents) == [("بنان", "PERS", 1), ("لبنان", "LOC", 2)]


def test_types_are_never_merged() -> None:
    text = "الأردن قال إن الأردن"
    spans = [EntitySpan.make(text, 0, 6, "LOC"), EntitySpan.make(text, 14, 20, "ORG")]
    ents = group_mentions(text, spans)
    assert sorted((e.name, e.label, e.count) for e in ents) == [("الأردن", "LOC", 1), ("الأردن", "ORG", 1)]
    assert {e.key for e in ents} == {"LOC:الاردن", "ORG:الاردن"}


def test_ambiguous_short_name_stays_alone() -> None:
    text = "أحمد حسن ومحمد حسن. قال حسن"
    spans = spans_of(text, ("أحمد حسن", "PERS"), ("ومحمد حسن", "PERS"), ("حسن", "PERS"))
    ents = group_mentions(text, spans)
    assert sorted((e.name, e.count) for e in ents) == [("أحمد حسن", 1), ("حسن", 1), ("ومحمد حسن", 1)]


def test_short_name_of_several_words_joins_the_one_full_name_it_ends() -> None:
    text = "استقبل أحمد أبو الغيط الوزير. وقال أبو الغيط إن الغيط رجل."
    spans = spans_of(text, ("أحمد أبو الغيط", "PERS"), ("أبو الغيط", "PERS"), ("الغيط", "PERS"))
    ents = group_mentions(text, spans)
    assert by_name(ents) == {"أحمد أبو الغيط": ["أحمد أبو الغيط", "أبو الغيط", "الغيط"]}
    # two full names end with it: it stays alone
    text = "محمد عبد الله، الملك عبد الله. وقال عبد الله"
    spans = spans_of(text, ("محمد عبد الله", "PERS"), ("الملك عبد الله", "PERS"), ("عبد الله", "PERS"))
    assert sorted((e.name, e.count) for e in group_mentions(text, spans)) == [
        ("الملك عبد الله", 1),
        ("عبد الله", 1),
        ("محمد عبد الله", 1),
    ]


def test_a_hashtag_name_is_the_name_with_spaces() -> None:
    text = "الفنانة #شيرين_عبد_الوهاب. وقالت شيرين عبد الوهاب"
    spans = spans_of(text, ("شيرين_عبد_الوهاب", "PERS"), ("شيرين عبد الوهاب", "PERS"))
    ents = group_mentions(text, spans)
    assert [(e.name, e.count) for e in ents] == [("شيرين عبد الوهاب", 2)]
    ents = group_mentions(text, spans[:1])
    assert [(e.name, e.key) for e in ents] == [("شيرين عبد الوهاب", "PERS:شيرين عبد الوهاب")]


def test_short_name_matching_first_word() -> None:
    text = "نانسي بيلوسي قالت. وأضافت نانسي"
    ents = group_mentions(text, spans_of(text, ("نانسي بيلوسي", "PERS"), ("نانسي", "PERS")))
    assert [(e.name, e.count) for e in ents] == [("نانسي بيلوسي", 2)]


def test_short_name_with_clitic_joins_full_name() -> None:
    text = "جو بايدن التقى. وقال لبايدن"
    ents = group_mentions(text, spans_of(text, ("جو بايدن", "PERS"), ("لبايدن", "PERS")))
    # the mention is cut to the name, so the highlight leaves the preposition out
    assert by_name(ents) == {"جو بايدن": ["جو بايدن", "بايدن"]}
    assert text[ents[0].mentions[1].start : ents[0].mentions[1].end] == "بايدن"


def test_other_spellings_of_a_well_known_person_are_one_person() -> None:
    text = "قال ترمب إن الرئيس دونالد ترامب لن يزور لندن. وأكد لترمب أن بوتن وبوتين التقيا"
    spans = spans_of(
        text,
        ("ترمب", "PERS"),
        ("دونالد ترامب", "PERS"),
        ("لترمب", "PERS"),
        ("بوتن", "PERS"),
        ("وبوتين", "PERS"),
    )
    ents = group_mentions(text, spans)
    assert by_name(ents) == {"دونالد ترامب": ["ترمب", "دونالد ترامب", "ترمب"], "بوتن": ["بوتن", "بوتين"]}
    # one key whichever spelling the article uses more, so corrections reach both
    assert [e.key for e in ents] == ["PERS:دونالد ترامب", "PERS:بوتين"]
    text2 = "قال ترمب ثم ترمب ثم ترامب"
    ents2 = group_mentions(text2, spans_of(text2, ("ترمب", "PERS"), ("ترامب", "PERS")))
    assert [(e.name, e.key, e.count) for e in ents2] == [("ترمب", "PERS:ترامب", 3)]


def test_sorted_by_count_then_name_and_duplicates_counted_once() -> None:
    text = "بغداد أربيل بغداد"
    spans = spans_of(text, ("بغداد", "LOC"), ("أربيل", "LOC"))
    ents = group_mentions(text, [*spans, spans[0]])
    assert [(e.name, e.count) for e in ents] == [("بغداد", 2), ("أربيل", 1)]
    text2 = "سوريا العراق"
    ents2 = group_mentions(text2, spans_of(text2, ("سوريا", "LOC"), ("العراق", "LOC")))
    assert [e.name for e in ents2] == sorted(["سوريا", "العراق"])


def test_bad_span_is_rejected() -> None:
    with pytest.raises(ValueError):
        group_mentions("قصير", [EntitySpan(0, 10, "LOC", 1.0, "")])


def test_seed_article_variants(seed_text: str) -> None:
    names = [
        ("مصطفى الكاظمى", "PERS"),
        ("مصطفى الكاظمي", "PERS"),
        ("الكاظمى", "PERS"),
        ("الكاظمي", "PERS"),
        ("جو بايدن", "PERS"),
        ("يحيى رسول", "PERS"),
        ("رسول", "PERS"),
        ("واشنطن", "LOC"),
        ("لواشنطن", "LOC"),
        ("العراق", "LOC"),
        ("للعراق", "LOC"),
    ]
    ents = group_mentions(seed_text, spans_of(seed_text, *names))
    got = {e.name: e.count for e in ents}
    assert got == {"مصطفى الكاظمي": 4, "جو بايدن": 2, "يحيى رسول": 2, "واشنطن": 2, "العراق": 9}


arabic_word = st.text(alphabet="ابتثجحخدذرسشصعلمنهويىةأإآ", min_size=2, max_size=7)


@given(st.lists(st.tuples(arabic_word, st.sampled_from(["PERS", "LOC", "ORG"])), min_size=1, max_size=12))
def test_every_mention_lands_in_exactly_one_entity(items: list[tuple[str, str]]) -> None:
    text = " ".join(w for w, _ in items)
    spans = []
    pos = 0
    for w, label in items:
        spans.append(EntitySpan.make(text, pos, pos + len(w), label))
        pos += len(w) + 1
    ents = group_mentions(text, spans)
    # each span is one mention, itself or cut to the name after its proclitic (وآآ -> آآ)
    mentions = sorted((m.end, m.start) for e in ents for m in e.mentions)
    assert [end for end, _ in mentions] == sorted(s.end for s in spans)
    starts = {s.end: s.start for s in spans}
    assert all(starts[end] <= start < end for end, start in mentions)
    for e in ents:
        assert e.key == canonical_key(e.name, e.label)
        assert all(text[m.start : m.end] == m.text for m in e.mentions)
        assert e.name  # never empty
    counts = [e.count for e in ents]
    assert counts == sorted(counts, reverse=True)


def test_a_preposition_is_cut_off_an_organization_that_starts_with_its_head_word() -> None:
    from app.ner.bundled import BundledRecognizer

    rec = BundledRecognizer.load()
    assert rec.is_known_name(mention_form("جامعة الدول العربية"), "ORG")
    assert rec.is_known_name(mention_form("مدينة حلب"), "LOC")
    assert not rec.is_known_name(mention_form("جامعة"), "ORG")  # the head alone is no name
    assert not rec.is_known_name(mention_form("جامعة الدول العربية"), "PERS")
    text = "وقال الأمين العام لجامعة الدول العربية إن لجنة المتابعة ستجتمع."
    spans = spans_of(text, ("لجامعة الدول العربية", "ORG"), ("لجنة المتابعة", "ORG"))
    ents = group_mentions(text, spans, known=rec.is_known_name)
    assert by_name(ents) == {
        "جامعة الدول العربية": ["جامعة الدول العربية"],
        "لجنة المتابعة": ["لجنة المتابعة"],
    }
    # the article is part of the name: وكالة heads names, yet الوكالة الدولية stays whole
    text = "وقالت الوكالة الدولية للطاقة الذرية إن"
    spans = spans_of(text, ("الوكالة الدولية للطاقة الذرية", "ORG"))
    assert [e.name for e in group_mentions(text, spans, known=rec.is_known_name)] == [
        "الوكالة الدولية للطاقة الذرية"
    ]


def test_the_article_stays_when_a_conjunction_and_it_are_cut_off_an_organization() -> None:
    from app.ner.bundled import BundledRecognizer

    rec = BundledRecognizer.load()
    # والبنك الدولي is البنك الدولي (بنك heads names, so بنك الدولي had been taken for the name)
    text = "قروض من صندوق النقد الدولي والبنك الدولي"
    spans = spans_of(text, ("صندوق النقد الدولي", "ORG"), ("والبنك الدولي", "ORG"))
    ents = group_mentions(text, spans, known=rec.is_known_name)
    assert by_name(ents) == {"صندوق النقد الدولي": ["صندوق النقد الدولي"], "البنك الدولي": ["البنك الدولي"]}
    # and ل, which takes the alef of the article, leaves it to the name: للولايات المتحدة
    text = "زيارة للولايات المتحدة"
    ents = group_mentions(text, spans_of(text, ("للولايات المتحدة", "LOC")), known=rec.is_known_name)
    assert [e.name for e in ents] == ["الولايات المتحدة"]


def test_a_conjunction_or_preposition_is_cut_off_a_person_whose_first_word_is_a_listed_name() -> None:
    from app.ner.bundled import BundledRecognizer

    rec = BundledRecognizer.load()
    # the only mention of each: ويوليا سكريبال "and Yulia Skripal", لهيلاري كلينتون "to Hillary Clinton"
    text = "تسميم سيرغي سكريبال ويوليا سكريبال ورسالة لهيلاري كلينتون"
    spans = spans_of(text, ("سيرغي سكريبال", "PERS"), ("ويوليا سكريبال", "PERS"), ("لهيلاري كلينتون", "PERS"))
    names = {e.name for e in group_mentions(text, spans, known=rec.is_known_name)}
    assert names == {"سيرغي سكريبال", "يوليا سكريبال", "هيلاري كلينتون"}
    # a name that is itself listed keeps its first letter (وليد: not و + ليد), and ب, ف, ك, which
    # start many names, are never cut off a person this way (بريكان الشلوي is no ب + ريكان)
    text = "قال وليد الشاعر إن بريكان الشلوي"
    spans = spans_of(text, ("وليد الشاعر", "PERS"), ("بريكان الشلوي", "PERS"))
    assert {e.name for e in group_mentions(text, spans, known=rec.is_known_name)} == {
        "وليد الشاعر",
        "بريكان الشلوي",
    }


def test_a_proclitic_is_cut_off_a_well_known_name_or_a_word_of_a_listed_place() -> None:
    from app.ner.bundled import BundledRecognizer

    rec = BundledRecognizer.load()
    # the only mention of each, with a proclitic: names of Qari's own lists; بريطانيا, which the
    # name lists have only inside longer names (المملكة المتحدة is the country there); and ولبنان,
    # which they have as a word of a longer place with its و
    text = "قال لرويترز إن للحوثيين صواريخ وإن ببريطانيا ولبنان قلقا"
    spans = spans_of(text, ("لرويترز", "ORG"), ("للحوثيين", "ORG"), ("ببريطانيا", "LOC"), ("ولبنان", "LOC"))
    names = {e.name for e in group_mentions(text, spans, known=rec.is_known_name)}
    assert names == {"رويترز", "الحوثيين", "بريطانيا", "لبنان"}
    # لبنان itself keeps its ل, and بايرن (Bayern) its ب: ايرن is no word the clusters know
    text = "زار لبنان ثم بايرن"
    spans = spans_of(text, ("لبنان", "LOC"), ("بايرن", "LOC"))
    names = {e.name for e in group_mentions(text, spans, known=rec.is_known_name)}
    assert names == {"لبنان", "بايرن"}


def test_an_organization_joins_the_name_of_its_head_and_it() -> None:
    text = "قاتل تنظيم داعش في سوريا ، وخسر داعش مواقع . وقال حزب الليكود إن الليكود فاز . حزب الله"
    spans = spans_of(
        text,
        ("تنظيم داعش", "ORG"),
        ("داعش", "ORG"),
        ("حزب الليكود", "ORG"),
        ("الليكود", "ORG"),
        ("حزب الله", "ORG"),
        ("سوريا", "LOC"),
    )
    assert by_name(group_mentions(text, spans)) == {
        "تنظيم داعش": ["تنظيم داعش", "داعش"],
        "حزب الليكود": ["حزب الليكود", "الليكود"],
        "حزب الله": ["حزب الله"],
        "سوريا": ["سوريا"],
    }
    # not when two such names end with it
    text = "حركة فتح ، تنظيم فتح ، فتح"
    spans = spans_of(text, ("حركة فتح", "ORG"), ("تنظيم فتح", "ORG"), ("فتح", "ORG"))
    assert len(group_mentions(text, spans)) == 3


def test_an_acronym_with_dots_is_the_acronym_spaced() -> None:
    text = "قالت بي.بي.سي إن مراسل بي بي سي في بغداد نقل عن بي.بي.سي العربية"
    ents = group_mentions(text, spans_of(text, ("بي.بي.سي", "ORG"), ("بي بي سي", "ORG")))
    assert [(e.label, e.count) for e in ents] == [("ORG", 3)]
    assert mention_form("بي.بي.سي") == mention_form("بي بي سي")


def test_a_korean_given_names_syllable_after_the_hyphen_joins_the_name() -> None:
    text = "أعلن كيم جونغ - أون أنه سيلتقي مون جاي - إن. وقال ترمب - كيم"
    spans = spans_of(
        text,
        ("كيم جونغ", "PERS"),
        ("أون", "PERS"),
        ("مون جاي", "PERS"),
        ("إن", "PERS"),
        ("ترمب", "PERS"),
    )
    ents = group_mentions(text, spans)
    names = {e.name: [m.text for m in e.mentions] for e in ents}
    assert names["كيم جونغ - أون"] == ["كيم جونغ - أون"]
    assert names["مون جاي - إن"] == ["مون جاي - إن"]
    assert "ترمب" in names  # a one-word name before a hyphen stays apart
