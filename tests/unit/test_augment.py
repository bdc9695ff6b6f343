"""Mention replacement (`app.ner.augment`): copies of training documents with other names."""

from __future__ import annotations

import random
from pathlib import Path

from app.ner.augment import MentionReplacer, NamePool, load_name_pool
from app.ner.bundled import chunks
from app.ner.conll import Document

DOC: Document = [
    [("زار", "O"), ("سامر", "B-PERS"), ("الخطيب", "I-PERS"), ("لبيروت", "B-LOC"), (".", "O")],
    [("وقال", "O"), ("سامر", "B-PERS"), ("الخطيب", "I-PERS"), ("إن", "O"), ("كأس", "B-MISC")],
    [("وقالت", "O"), ("شركة", "B-ORG"), ("النور", "I-ORG"), ("في", "O"), ("بيروت", "B-LOC")],
]
OTHER: Document = [
    [("التقى", "O"), ("ليلى", "B-PERS"), ("حداد", "I-PERS"), ("في", "O"), ("عمان", "B-LOC")],
    [("وأعلنت", "O"), ("وكالة", "B-ORG"), ("الفجر", "I-ORG"), (".", "O")],
]


def _pool() -> NamePool:
    pool = NamePool()
    pool.add_training_names([DOC, OTHER])
    pool.first = [["كريم"], ["هدى"]]
    pool.parts = [["نصار"], ["سلوم"]]
    pool.places = [["طوكيو"], ["ريو", "دي", "جانيرو"]]
    pool.orgs = [["نادي", "الهلال"]]
    return pool


def _names(doc: Document) -> list[tuple[str, str]]:
    out = []
    for sent in doc:
        words = [w for w, _ in sent]
        out += [(" ".join(words[a:b]), k) for a, b, k in chunks([t for _, t in sent])]
    return out


def test_names_are_replaced_by_names_of_their_type_and_the_rest_kept() -> None:
    pool = _pool()
    listed = {"بيروت", "طوكيو", "عمان"}
    replacer = MentionReplacer(pool, random.Random(3), lambda w: w in listed, p_replace=1.0, p_train=0.0)
    doc = replacer.replace(DOC)
    assert doc != DOC
    for old, new in zip(DOC, doc, strict=True):
        assert [w for w, t in old if t == "O"] == [w for w, t in new if t == "O"]  # context as it was
        assert [t for _, t in new if t.startswith("B-")] == [t for _, t in old if t.startswith("B-")]
    names = _names(doc)
    persons = [n for n, k in names if k == "PERS"]
    assert persons[0] == persons[1] != "سامر الخطيب"  # both mentions of one name alike
    assert all(len(p.split()) == 2 for p in persons)
    assert ("كأس", "MISC") in names  # MISC is left alone
    first_place = names[1][0]
    assert first_place.startswith("ل") and first_place[1:] in {"طوكيو", "ريو دي جانيرو"}  # لبيروت
    assert ("نادي الهلال", "ORG") in names


def test_replacement_is_seeded_and_can_be_off() -> None:
    def copy(seed: int, p: float) -> Document:
        return MentionReplacer(_pool(), random.Random(seed), lambda w: False, p_replace=p).replace(DOC)

    assert copy(5, 0.5) == copy(5, 0.5)
    assert copy(5, 0.0) == DOC
    from_train = MentionReplacer(_pool(), random.Random(1), lambda w: False, p_replace=1.0, p_train=1.0)
    training_names = {n for n, _ in _names(DOC) + _names(OTHER)}
    assert {n for n, _ in _names(from_train.replace(DOC))} <= training_names


def test_the_pool_reads_only_the_shippable_lists(tmp_path: Path) -> None:
    (tmp_path / "akhateeb_PERS_first.txt").write_text("كريم\nعبد الرحمن\n\n", encoding="utf-8")
    (tmp_path / "netranslit_PERS_part.txt").write_text("نصار\nاسم من ثلاث كلمات\n", encoding="utf-8")
    (tmp_path / "worldcities_LOC_city.txt").write_text("طوكيو\n", encoding="utf-8")
    (tmp_path / "arwikicats_ORG_club.txt").write_text("نادي الهلال\n", encoding="utf-8")
    (tmp_path / "anetac_PERS.txt").write_text("ممنوع\n", encoding="utf-8")  # no license: never read
    pool = load_name_pool(tmp_path, [DOC])
    assert pool.first == [["كريم"], ["عبد", "الرحمن"]]
    assert pool.parts == [["نصار"]]  # parts are one word
    assert pool.places == [["طوكيو"]] and pool.orgs == [["نادي", "الهلال"]]
    assert pool.train["PERS"] == [["سامر", "الخطيب"], ["سامر", "الخطيب"]]
    assert load_name_pool(None, [DOC]).first == []
