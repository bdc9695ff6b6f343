"""The Library service on a real SQLite file: articles, entities, notes, tags, stars, corrections."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.errors import StoreError
from app.core.models import Article, Entity, Mention
from app.store.library import Library


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library.open(tmp_path)
    yield library  # type: ignore[misc]
    library.close()


def _article(*paras: str, **kw: str) -> Article:
    return Article.from_paragraphs([(p, "body") for p in paras], **kw)  # type: ignore[arg-type]


def _entity(text: str, surface: str, label: str, name: str | None = None) -> Entity:
    """An entity with every occurrence of `surface` in `text` as a mention."""
    mentions = []
    pos = text.find(surface)
    while pos != -1:
        mentions.append(Mention(pos, pos + len(surface), surface))
        pos = text.find(surface, pos + 1)
    assert mentions, surface
    return Entity(name or surface, label, mentions)


def test_opening_saves_once_and_reopening_goes_to_the_saved_copy(lib: Library, seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    art = Article.from_paragraphs([(line, "body") for line in text.splitlines()], source=str(seed_path))
    first = lib.save_article(art)
    assert first.created
    again = lib.save_article(
        Article.from_paragraphs([(line, "body") for line in text.splitlines()], source="elsewhere")
    )
    assert not again.created and again.id == first.id
    assert again.info.source == str(seed_path)  # the saved copy, not the new file name
    assert again.info.opened_at is not None and again.info.opened_at >= first.info.opened_at  # type: ignore[operator]
    got = lib.get_article(first.id)
    assert got.article.text == art.text
    assert got.article.paragraphs == art.paragraphs
    assert got.article.content_hash == art.content_hash
    assert lib.count_articles() == 1


def test_article_fields_round_trip(lib: Library) -> None:
    art = Article.from_paragraphs(
        [("عنوان رئيسي", "heading"), ("نص المقال الأول", "body")],
        title="عنوان",
        source="/tmp/a.html",
        date="2024-03-01",
        url="https://example.org/a",
        byline="مراسل",
        fmt="html",
    )
    saved = lib.get_article(lib.save_article(art).id)
    assert saved.article == art
    assert saved.info.fmt == "html" and saved.info.word_count == art.word_count


def test_delete_restore_star_and_tags(lib: Library) -> None:
    a = lib.save_article(_article("المقال الأول عن بغداد")).id
    b = lib.save_article(_article("المقال الثاني عن دمشق")).id
    lib.set_star(a)
    lib.add_tag(a, "  العراق  ")
    lib.add_tag(a, "سياسة")
    lib.add_tag(b, "سياسة")
    lib.add_tag(b, "سياسة")  # twice: once
    assert lib.tags_of(a) == ("العراق", "سياسة")
    assert [x.id for x in lib.list_articles(starred=True)] == [a]
    assert {x.id for x in lib.list_articles(tag="سياسة")} == {a, b}
    assert dict(lib.all_tags()) == {"العراق": 1, "سياسة": 2}
    lib.remove_tag(a, "العراق")
    assert lib.tags_of(a) == ("سياسة",)

    lib.delete_article(b)
    assert [x.id for x in lib.list_articles()] == [a]
    assert [x.id for x in lib.list_articles(deleted=True)] == [b]
    assert lib.search("دمشق") == []
    lib.restore_article(b)
    assert [r.id for r in lib.search("دمشق")] == [b]
    # Opening a deleted article's text again brings it back, too.
    lib.delete_article(b)
    assert lib.save_article(_article("المقال الثاني عن دمشق")).id == b
    assert lib.get_article(b).info.deleted_at is None

    lib.purge_article(b)
    with pytest.raises(StoreError, match="no saved article"):
        lib.get_article(b)
    assert lib.search("دمشق") == []
    lib.set_star(a, False)
    assert lib.list_articles(starred=True) == []
    with pytest.raises(StoreError):
        lib.add_tag(a, "   ")


def test_list_sorting(lib: Library) -> None:
    ids = [lib.save_article(_article(t, date=d)).id for t, d in [("ب", "2024-01-03"), ("أ", "2024-01-05")]]
    assert [x.id for x in lib.list_articles(sort="added")] == ids[::-1]
    assert [x.id for x in lib.list_articles(sort="date")] == [ids[1], ids[0]]
    lib.save_article(_article("ب", date="2024-01-03"))  # opened again: first by "opened"
    assert [x.id for x in lib.list_articles(sort="opened")] == ids
    assert [x.title for x in lib.list_articles(sort="title")] == ["أ", "ب"]
    assert len(lib.list_articles(limit=1, offset=1)) == 1


def test_entities_are_library_wide_and_co_occur(lib: Library) -> None:
    t1 = "زار الكاظمي بغداد ثم التقى الكاظمي وزير الخارجية في بغداد"
    t2 = "وصل الكاظمي إلى واشنطن"
    t3 = "تظاهرات في بغداد"
    a1 = lib.save_article(_article(t1)).id
    a2 = lib.save_article(_article(t2)).id
    a3 = lib.save_article(_article(t3)).id
    saved = lib.save_entities(
        a1, [_entity(t1, "الكاظمي", "PERS"), _entity(t1, "بغداد", "LOC")], recognizer="dict"
    )
    assert [(e.name, e.count) for e in saved] == [("الكاظمي", 2), ("بغداد", 2)]
    assert saved[0].mentions[0].text == "الكاظمي"
    lib.save_entities(a2, [_entity(t2, "الكاظمي", "PERS"), _entity(t2, "واشنطن", "LOC")])
    lib.save_entities(a3, [_entity(t3, "بغداد", "LOC")])
    assert lib.get_article(a1).info.recognizer == "dict"

    overview = {e.name: (e.articles, e.mentions) for e in lib.entity_overview()}
    assert overview == {"الكاظمي": (2, 3), "بغداد": (2, 3), "واشنطن": (1, 1)}
    assert [e.name for e in lib.entity_overview(label="LOC")] == ["بغداد", "واشنطن"]
    kadhimi = lib.find_entities("الكاظمى")[0]  # alef maksura spelling finds it
    view = lib.entity_view(kadhimi.id)
    assert [(a.id, n) for a, n in view.articles] == [(a1, 2), (a2, 1)]
    assert [(e.name, n) for e, n in view.co_occurring] == [("بغداد", 1), ("واشنطن", 1)]

    # Saving again replaces the article's mentions (re-recognition, corrections).
    lib.save_entities(a1, [_entity(t1, "بغداد", "LOC")])
    assert [e.name for e in lib.entities_of(a1)] == ["بغداد"]
    assert lib.entity_view(kadhimi.id).articles[0][0].id == a2

    bad = Entity("بغداد", "LOC", [Mention(0, 3, "بغد")])
    with pytest.raises(ValueError):
        lib.save_entities(a1, [bad])


def test_notes_on_article_passage_and_entity(lib: Library) -> None:
    t1 = "التقى الرئيس وفد الأمم المتحدة في بغداد"
    t2 = "عادت الحياة إلى أسواق بغداد"
    a1 = lib.save_article(_article(t1)).id
    a2 = lib.save_article(_article(t2)).id
    lib.save_entities(a1, [_entity(t1, "بغداد", "LOC")])
    lib.save_entities(a2, [_entity(t2, "بغداد", "LOC")])
    baghdad = lib.entities_of(a1)[0]

    on_article = lib.add_note("# رأي\nمقال **مهم**", article_id=a1)
    start = t1.index("الأمم المتحدة")
    on_passage = lib.add_note("من هم؟", article_id=a1, start=start, end=start + len("الأمم المتحدة"))
    on_entity = lib.add_note("عاصمة العراق", entity_id=baghdad.id, article_id=a1)
    assert (on_article.kind, on_passage.kind, on_entity.kind) == ("article", "passage", "entity")
    assert on_passage.quote == "الأمم المتحدة"
    assert on_article.created_at == on_article.updated_at

    assert [n.id for n in lib.notes_for_article(a1)] == [on_article.id, on_passage.id, on_entity.id]
    # The entity note shows in every article where the entity appears.
    shown = lib.notes_for_article(a2)
    assert [(n.id, n.entity_name) for n in shown] == [(on_entity.id, "بغداد")]
    assert [n.id for n in lib.notes_for_entity(baghdad.id)] == [on_entity.id]
    assert lib.entity_view(baghdad.id).notes[0].body == "عاصمة العراق"

    edited = lib.edit_note(on_article.id, "نص جديد")
    assert edited.body == "نص جديد" and edited.updated_at > on_article.updated_at
    assert lib.undo_note_edit(on_article.id).body == "# رأي\nمقال **مهم**"
    with pytest.raises(StoreError, match="no earlier text"):
        lib.undo_note_edit(on_article.id)

    lib.delete_note(on_passage.id)
    assert on_passage.id not in [n.id for n in lib.notes_for_article(a1)]
    assert [n.id for n in lib.notes_for_article(a1, deleted=True)] == [on_passage.id]
    assert lib.restore_note(on_passage.id).deleted_at is None
    assert on_passage.id in [n.id for n in lib.notes_for_article(a1)]

    with pytest.raises(StoreError, match="empty"):
        lib.add_note("   ", article_id=a1)
    with pytest.raises(StoreError, match="not inside"):
        lib.add_note("x", article_id=a1, start=0, end=len(t1) + 5)
    with pytest.raises(StoreError, match="both"):
        lib.add_note("x", article_id=a1, start=0)
    with pytest.raises(StoreError):
        lib.add_note("x")
    with pytest.raises(StoreError, match="no entity"):
        lib.add_note("x", entity_id=999)


def test_corrections_are_stored_in_order_with_undo(lib: Library) -> None:
    a = lib.save_article(_article("قال بايدن في واشنطن")).id
    add = {"op": "add", "surface": "بايدن", "label": "PERS", "anchor": ["h", 4, 9]}
    c1 = lib.add_correction(add, article_id=a)
    rename = {"op": "rename", "key": "LOC:واشنطن", "forms": ["واشنطن"], "name": "واشنطن العاصمة"}
    c2 = lib.add_correction(rename)
    assert [c.kind for c in lib.corrections()] == ["add", "rename"]
    assert lib.corrections()[0].payload["anchor"] == ["h", 4, 9]
    assert [c.id for c in lib.corrections(article_id=a)] == [c1.id]
    undone = lib.undo_correction()
    assert undone is not None and undone.id == c2.id and undone.undone_at is not None
    assert [c.id for c in lib.corrections()] == [c1.id]
    assert [c.id for c in lib.corrections(undone=True)] == [c2.id]
    lib.redo_correction(c2.id)
    assert [c.id for c in lib.corrections()] == [c1.id, c2.id]
    with pytest.raises(StoreError, match="Unknown kind"):
        lib.add_correction({"op": "explode"})


def test_stats(lib: Library) -> None:
    lib.save_article(_article("نص"))
    stats = lib.stats()
    assert stats["articles"] == 1 and stats["size_bytes"] > 0


def test_find_entities_exact_then_containing(lib: Library) -> None:
    t = "قال مصطفى الكاظمي إن جامعة بغداد ستفتح، وإن بغداد آمنة 100%_"
    a = lib.save_article(_article(t)).id
    lib.save_entities(
        a,
        [
            _entity(t, "مصطفى الكاظمي", "PERS"),
            _entity(t, "جامعة بغداد", "ORG"),
            Entity("بغداد", "LOC", [Mention(t.rindex("بغداد"), t.rindex("بغداد") + 5, "بغداد")]),
        ],
    )
    assert [e.name for e in lib.find_entities("بغداد")] == ["بغداد"]  # exact name wins
    assert [e.name for e in lib.find_entities("بغداد", "ORG")] == ["جامعة بغداد"]  # else containing
    assert [e.name for e in lib.find_entities("الكاظمى")] == ["مصطفى الكاظمي"]
    assert lib.find_entities("100%_") == [] and lib.find_entities("%") == []  # LIKE wildcards escaped
    assert lib.find_entities("   ") == []
