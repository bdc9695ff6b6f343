"""Corrections: each operation, its undo, persistence, and that they hold in a later article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.errors import DataFormatError
from app.core.models import Entity, EntitySpan
from app.ner.corrections import (
    Add,
    Corrections,
    Delete,
    Merge,
    Rename,
    Retype,
    apply_corrections,
    apply_to_spans,
    corrections_path,
    find_name,
)
from app.ner.grouping import mention_form

ARTICLE_1 = "التقى مصطفى الكاظمى الرئيس جو بايدن في واشنطن يوم الخميس. وقال الكاظمي إن العراق مستعد."
ARTICLE_2 = "عاد الكاظمي من زيارته لواشنطن، وأكد وزير الخارجية فؤاد حسين أن العراق وواشنطن متفقان."


def span(text: str, surface: str, label: str, nth: int = 0) -> EntitySpan:
    """The `nth` occurrence of `surface` in `text` as a span (the test's own expectations)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return EntitySpan.make(text, start, start + len(surface), label)


def by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def surfaces(text: str, entity: Entity) -> list[str]:
    return [text[m.start : m.end] for m in entity.mentions]


RAW_1 = [
    span(ARTICLE_1, "مصطفى الكاظمى", "PERS"),
    span(ARTICLE_1, "جو بايدن", "PERS"),
    span(ARTICLE_1, "واشنطن", "LOC"),
    span(ARTICLE_1, "الخميس", "PERS"),  # a false name
    span(ARTICLE_1, "الكاظمي", "PERS"),
    span(ARTICLE_1, "العراق", "ORG"),  # the wrong type
]
# The recognizer misses فؤاد حسين and tags الخميس wrongly again in article 2.
RAW_2 = [
    span(ARTICLE_2, "الكاظمي", "PERS"),
    span(ARTICLE_2, "لواشنطن", "LOC"),
    span(ARTICLE_2, "العراق", "ORG"),
    span(ARTICLE_2, "وواشنطن", "LOC"),
]


# -- finding an added name ----------------------------------------------------------------------------------
def test_find_name_skips_proclitics_and_keeps_word_boundaries() -> None:
    text = "زار لواشنطن ثم واشنطن وواشنطنيون"
    found = [text[s:e] for s, e in find_name(text, "واشنطن")]
    assert found == ["واشنطن", "واشنطن"]
    assert find_name(text, "واشنطن")[0] == (text.index("لواشنطن") + 1, text.index("لواشنطن") + 7)


def test_find_name_normalizes_spelling_and_diacritics() -> None:
    text = "قال الكاظمى ثم الكَاظِمِيّ وللعراق"
    found = [text[s:e] for s, e in find_name(text, "الكاظمي")]
    assert found == ["الكاظمى", "الكَاظِمِيّ"]  # the shadda on the last letter stays inside
    assert [text[s:e] for s, e in find_name(text, "العراق")] == ["وللعراق"]


def test_find_name_multiword_stays_on_one_line() -> None:
    text = "فؤاد  حسين\nفؤاد\nحسين"
    assert [text[s:e] for s, e in find_name(text, "فؤاد حسين")] == ["فؤاد  حسين"]


@given(
    st.lists(st.sampled_from(["في", "قال", "و", "،", "العراق", "بغداد", "\n", "x", "😀", "ـ"]), max_size=12),
    st.sampled_from(["", "و", "ب", "ل", "وب"]),
)
def test_found_spans_are_the_name(words: list[str], prefix: str) -> None:
    text = " ".join([*words, prefix + "الكاظمى", *words])
    found = find_name(text, "الكاظمي")
    assert found, text
    for s, e in found:
        assert mention_form(text[s:e]) == "الكاظمي"


# -- each operation ---------------------------------------------------------------------------
def test_no_corrections_is_plain_grouping() -> None:
    names = by_name(apply_corrections(ARTICLE_1, RAW_1, Corrections()))
    assert names["مصطفى الكاظمى"].count == 2  # the long name written in the text
    assert "الخميس" in names


def test_add_finds_the_name_here_and_in_a_later_article() -> None:
    text = ARTICLE_2
    start = text.index("فؤاد حسين")
    fixes = Corrections([Add("فؤاد حسين", "PERS", (text_hash_of(text), start, start + 9))])
    ents = by_name(apply_corrections(text, RAW_2, fixes))
    assert surfaces(text, ents["فؤاد حسين"]) == ["فؤاد حسين"]
    assert ents["فؤاد حسين"].label == "PERS"
    later = "استقبل فؤاد حسين نظيره، ثم قال لفؤاد حسين إن الأمر انتهى."
    ents = by_name(apply_corrections(later, [], fixes))
    assert surfaces(later, ents["فؤاد حسين"]) == ["فؤاد حسين", "فؤاد حسين"]


def text_hash_of(text: str) -> str:
    from app.ner.corrections import text_hash

    return text_hash(text)


def test_added_name_inside_a_longer_name_is_not_split() -> None:
    text = "درس في جامعة واشنطن قبل أن يعود إلى واشنطن"
    raw = [span(text, "جامعة واشنطن", "ORG")]
    ents = apply_corrections(text, raw, [Add("واشنطن", "LOC")])
    assert sorted((e.label, surfaces(text, e)[0], e.count) for e in ents) == [
        ("LOC", "واشنطن", 1),
        ("ORG", "جامعة واشنطن", 1),
    ]


def test_added_name_trims_a_recognized_span_that_only_adds_a_proclitic() -> None:
    text = "خلال زيارة الكاظمي لواشنطن وبواشنطن"
    raw = [span(text, "لواشنطن", "LOC"), span(text, "وبواشنطن", "LOC")]
    ents = apply_corrections(text, raw, [Add("واشنطن", "LOC")])
    assert [surfaces(text, e) for e in ents] == [["واشنطن", "واشنطن"]]
    start = text.index("لواشنطن") + 1
    assert (ents[0].mentions[0].start, ents[0].mentions[0].end) == (start, start + 6)


def test_add_replaces_an_overlapping_shorter_span() -> None:
    text = "قال مصطفى الكاظمي"
    raw = [span(text, "الكاظمي", "LOC")]
    ents = apply_corrections(text, raw, [Add("مصطفى الكاظمي", "PERS")])
    assert [(e.label, surfaces(text, e)) for e in ents] == [("PERS", ["مصطفى الكاظمي"])]


def test_delete_stays_deleted_in_a_later_article_with_clitics() -> None:
    ents = by_name(apply_corrections(ARTICLE_1, RAW_1, []))
    fixes = Corrections([Delete.of(ents["الخميس"])])
    assert "الخميس" not in by_name(apply_corrections(ARTICLE_1, RAW_1, fixes))
    later = "وصل الوفد والخميس المقبل موعد القمة"
    raw = [span(later, "والخميس", "PERS"), span(later, "القمة", "ORG")]
    assert [e.name for e in apply_corrections(later, raw, fixes)] == ["القمة"]


def test_retype_changes_the_type_here_and_later() -> None:
    ents = by_name(apply_corrections(ARTICLE_1, RAW_1, []))
    fixes = [Retype.of(ents["العراق"], "LOC")]
    assert by_name(apply_corrections(ARTICLE_1, RAW_1, fixes))["العراق"].label == "LOC"
    assert by_name(apply_corrections(ARTICLE_2, RAW_2, fixes))["العراق"].label == "LOC"


def test_merge_holds_and_the_chosen_name_wins() -> None:
    text = "قال رئيس الوزراء إن أبو إسراء سيزور واشنطن. وأكد الكاظمي ذلك."
    raw = [span(text, "أبو إسراء", "PERS"), span(text, "الكاظمي", "PERS"), span(text, "واشنطن", "LOC")]
    ents = by_name(apply_corrections(text, raw, []))
    fixes = [Merge.of([ents["أبو إسراء"], ents["الكاظمي"]], "الكاظمي")]
    merged = by_name(apply_corrections(text, raw, fixes))
    assert surfaces(text, merged["الكاظمي"]) == ["أبو إسراء", "الكاظمي"]
    assert "أبو إسراء" not in merged and merged["الكاظمي"].key == "PERS:الكاظمي"
    later = "التقى أبو إسراء بالكاظمي؟"  # a made-up sentence: both names, one with a clitic
    raw2 = [span(later, "أبو إسراء", "PERS"), span(later, "بالكاظمي", "PERS")]
    merged2 = apply_corrections(later, raw2, fixes)
    assert [(e.name, e.count) for e in merged2] == [("الكاظمي", 2)]


def test_rename_sets_the_canonical_name() -> None:
    ents = by_name(apply_corrections(ARTICLE_1, RAW_1, []))
    fixes = [Rename.of(ents["جو بايدن"], "جوزيف بايدن")]
    renamed = by_name(apply_corrections(ARTICLE_1, RAW_1, fixes))
    assert renamed["جوزيف بايدن"].count == 1 and "جو بايدن" not in renamed
    later = "قال جو بايدن"
    assert [e.name for e in apply_corrections(later, [span(later, "جو بايدن", "PERS")], fixes)] == [
        "جوزيف بايدن"
    ]


def test_rename_onto_an_existing_name_joins_the_two_entries() -> None:
    text = "قال جو بايدن ثم قال الرئيس بايدن وكرر بايدن"
    raw = [span(text, "جو بايدن", "PERS"), span(text, "الرئيس بايدن", "PERS")]
    ents = by_name(apply_corrections(text, raw, []))
    assert len(ents) == 2
    fixes = [Rename.of(ents["الرئيس بايدن"], "جو بايدن")]
    joined = apply_corrections(text, raw, fixes)
    assert [(e.name, e.count, e.key) for e in joined] == [("جو بايدن", 2, "PERS:جو بايدن")]


def test_undo_removes_the_last_correction_exactly() -> None:
    fixes = Corrections()
    before = apply_corrections(ARTICLE_1, RAW_1, fixes)
    ents = by_name(before)
    fixes.append(Delete.of(ents["الخميس"]))
    fixes.append(Add("الخميس", "PERS"))  # changed their mind: an add after a delete wins
    assert "الخميس" in by_name(apply_corrections(ARTICLE_1, RAW_1, fixes))
    fixes.pop()
    assert "الخميس" not in by_name(apply_corrections(ARTICLE_1, RAW_1, fixes))
    fixes.pop()
    assert apply_corrections(ARTICLE_1, RAW_1, fixes) == before
    with pytest.raises(IndexError):
        fixes.pop()


def test_apply_to_spans_returns_corrected_spans() -> None:
    spans = apply_to_spans(ARTICLE_2, RAW_2, [Add("فؤاد حسين", "PERS")])
    assert ("فؤاد حسين", "PERS") in [(ARTICLE_2[s.start : s.end], s.label) for s in spans]
    assert spans == sorted(spans, key=lambda s: (s.start, s.end))


# -- storage ------------------------------------------------------------------------------------
ALL_OPS = [
    Add("فؤاد حسين", "PERS", ("abc", 3, 12)),
    Add("بغداد", "LOC"),
    Delete("PERS:الخميس", ("الخميس",)),
    Retype("ORG:العراق", ("العراق",), "LOC"),
    Merge(("PERS:ابو اسراء", "PERS:الكاظمي"), ("ابو اسراء", "الكاظمي"), "الكاظمي", "PERS"),
    Rename("PERS:جو بايدن", ("جو بايدن",), "جوزيف بايدن"),
]


def test_json_round_trip() -> None:
    fixes = Corrections(list(ALL_OPS))
    again = Corrections.from_json(fixes.to_json())
    assert again.ops == ALL_OPS


def test_a_correction_saved_before_persian_letters_were_folded_still_holds() -> None:
    # written by a version whose forms and keys kept the Persian keyboard's ی and ک
    old = {
        "version": 1,
        "corrections": [
            {"op": "delete", "key": "PERS:کابل", "forms": ["کابل"]},
            {"op": "rename", "key": "PERS:عبد اللهیان", "forms": ["عبد اللهیان"], "name": "أمير عبد اللهيان"},
        ],
    }
    fixes = Corrections.from_json(json.dumps(old, ensure_ascii=False))
    delete, rename = fixes.ops
    assert isinstance(delete, Delete) and delete.key == "PERS:كابل" and delete.forms == ("كابل",)
    assert isinstance(rename, Rename) and rename.key == "PERS:عبد اللهيان"
    text = "قال عبد اللهیان في کابل إن الوفد وصل."
    raw = [span(text, "عبد اللهیان", "PERS"), span(text, "کابل", "PERS")]
    assert [e.name for e in apply_corrections(text, raw, fixes)] == ["أمير عبد اللهيان"]
    # keys and forms this version wrote load as they were
    assert Corrections.from_json(Corrections(list(ALL_OPS)).to_json()).ops == ALL_OPS


def test_saved_in_the_data_dir_and_loaded_after_a_restart(tmp_path: Path) -> None:
    fixes = Corrections(list(ALL_OPS))
    path = fixes.save()
    assert path == corrections_path()
    assert path.parent.samefile(Path(__import__("os").environ["QARI_DATA_DIR"]))
    assert Corrections.load().ops == ALL_OPS
    assert Corrections.load(tmp_path / "none.json").ops == []
    assert corrections_path(tmp_path) == tmp_path / "corrections.json"


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        json.dumps({"version": 99, "corrections": []}),
        json.dumps({"version": 1, "corrections": [{"op": "explode"}]}),
        json.dumps({"version": 1, "corrections": [{"op": "add", "surface": "x", "label": "FOO"}]}),
    ],
)
def test_malformed_file_is_a_data_format_error(tmp_path: Path, raw: str) -> None:
    p = tmp_path / "corrections.json"
    p.write_text(raw, encoding="utf-8")
    with pytest.raises(DataFormatError, match="corrections file"):
        Corrections.load(p)


def test_with_the_bundled_recognizer(seed_text: str) -> None:
    """The real recognizer on the seed: a deleted entity is gone, an added name is found."""
    try:
        from app.ner.base import get_recognizer

        rec = get_recognizer("bundled")
    except Exception as err:  # the bundled model lands separately
        pytest.skip(f"bundled recognizer not available: {err}")
    spans = rec.recognize(seed_text)
    ents = apply_corrections(seed_text, spans, [])
    assert ents, "the bundled recognizer found nothing in the seed"
    top = ents[0]
    fixes = [Delete.of(top), Add("منظومة", "ORG")]
    after = apply_corrections(seed_text, spans, fixes)
    assert all(e.key != top.key for e in after)
    added = [e for e in after if e.label == "ORG" and e.name == "منظومة"]
    assert added and added[0].count == len(find_name(seed_text, "منظومة"))
