"""Importing many files and folders: bad files skipped and listed, progress, cancel, duplicates.

The recognizer here is a small dictionary matcher written for these tests: it exercises storage of
what a recognizer finds, not recognition itself (the bundled model has its own tests).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from app.ner.base import Recognizer
from app.store import importer
from app.store.importer import expand_paths, import_paths
from app.store.library import Library
from app.text.normalize import normalize


class DictRecognizer(Recognizer):
    """Tags every token whose normalized form (or its stem without a proclitic) is in `names`."""

    name = "dict-test"

    def __init__(self, names: dict[str, str]) -> None:
        self.names = {normalize(k): v for k, v in names.items()}

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        from app.text.normalize import strip_proclitics

        out = []
        for sent in sentences:
            tags = []
            for tok in sent:
                form = normalize(tok)
                label = self.names.get(form)
                if label is None:
                    label = next((self.names[s] for s in strip_proclitics(form) if s in self.names), None)
                tags.append(f"B-{label}" if label else "O")
            out.append(tags)
        return out


REC = DictRecognizer({"بغداد": "LOC", "واشنطن": "LOC", "الكاظمي": "PERS", "الأمم": "ORG"})


@pytest.fixture
def folder(tmp_path: Path, seed_path: Path) -> Path:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("زار الكاظمي بغداد\nثم سافر لواشنطن وعاد من واشنطن", encoding="utf-8")
    (d / "sub" / "b.md").write_text("# عنوان\n\nاجتماع في بغداد حول الأمم", encoding="utf-8")
    (d / "c.html").write_text(
        "<html><head><title>خبر</title></head><body><article><h1>خبر من واشنطن</h1>"
        "<p>قال مسؤول في واشنطن إن الكاظمي سيزور العاصمة الأمريكية الأسبوع المقبل في زيارة رسمية.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02\x89PNG\r\n\x1a\n" * 50)
    (d / "same-as-a.txt").write_text("زار الكاظمي بغداد\nثم سافر لواشنطن وعاد من واشنطن", encoding="utf-8")
    (d / "notes.xyz").write_text("ignored in a folder", encoding="utf-8")
    (d / ".hidden.txt").write_text("مخفي", encoding="utf-8")
    (d / "seed.txt").write_bytes(seed_path.read_bytes())
    return d


def test_expand_paths(folder: Path, tmp_path: Path) -> None:
    files, problems = expand_paths([folder, folder / "a.txt", tmp_path / "missing.txt"])
    names = [f.name for f in files]
    assert names == ["a.txt", "binary.txt", "c.html", "empty.txt", "same-as-a.txt", "seed.txt", "b.md"]
    assert [p.name for p, _ in problems] == ["missing.txt"]


@pytest.mark.parametrize("batch", [1, 64])
def test_import_folder_skips_bad_files_and_goes_on(
    folder: Path, tmp_path: Path, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH_SIZE", batch)  # one transaction per article, or one for all
    calls: list[tuple[int, int, str]] = []
    with Library.open(tmp_path / "data") as lib:
        report = import_paths(
            [folder, tmp_path / "missing.txt", folder / "notes.xyz"],
            library=lib,
            recognizer=REC,
            progress=lambda done, total, p: calls.append((done, total, p.name)),
        )
        assert len(report.imported) == 4  # a, b, c, seed
        skipped = {p.name: why for p, why in report.skipped}
        assert set(skipped) == {"empty.txt", "binary.txt", "missing.txt", "notes.xyz"}
        assert "empty" in skipped["empty.txt"]
        assert all(why.strip() for why in skipped.values())
        assert report.total == 9 and not report.cancelled
        # Progress after every file, counting up to the total.
        assert [c[0] for c in calls] == list(range(1, 10))
        assert {c[1] for c in calls} == {9}

        titles = {a.title: a for a in lib.list_articles()}
        assert len(titles) == 4
        a_id = next(a.id for a in titles.values() if a.source.endswith("a.txt"))
        # The same text in another file of the import goes to the saved copy.
        assert [(p.name, i) for p, i in report.already] == [("same-as-a.txt", a_id)]
        ents = {(e.name, e.label): e.count for e in lib.entities_of(a_id)}
        assert ents == {("الكاظمي", "PERS"): 1, ("بغداد", "LOC"): 1, ("واشنطن", "LOC"): 2}
        assert lib.get_article(a_id).info.recognizer == "dict-test"
        # Grouping made لواشنطن a mention of واشنطن, one entity across the library.
        washington = lib.find_entities("واشنطن", "LOC")
        with_name = [a.id for a in titles.values() if "واشنطن" in lib.get_article(a.id).article.text]
        assert len(washington) == 1 and washington[0].articles == len(with_name) >= 2
        assert {a.id for a, _ in lib.entity_view(washington[0].id).articles} == set(with_name)
        assert {r.id for r in lib.search("واشنطن")} >= {a_id}

        again = import_paths([folder / "a.txt"], library=lib, recognizer=REC)
        assert again.imported == [] and [i for _, i in again.already] == [a_id]


def test_import_without_recognition_and_cancel(folder: Path, tmp_path: Path) -> None:
    cancel = threading.Event()
    seen: list[str] = []

    def progress(done: int, total: int, p: Path) -> None:
        seen.append(p.name)
        if done == 2:
            cancel.set()

    report = import_paths(
        [folder], data_dir=tmp_path / "data", recognizer=None, progress=progress, cancel=cancel
    )
    assert report.cancelled
    assert report.done == 2 and len(seen) == 2
    with Library.open(tmp_path / "data") as lib:
        assert lib.count_articles() == len(report.imported) == 1
        assert lib.entities_of(report.imported[0]) == []


def test_import_applies_the_analysts_corrections(folder: Path, tmp_path: Path) -> None:
    from app.ner.corrections import Corrections, Delete, corrections_path

    data = tmp_path / "data"
    data.mkdir()
    Corrections([Delete("LOC:بغداد", ("بغداد",))]).save(corrections_path(data))
    report = import_paths([folder / "a.txt"], data_dir=data, recognizer=REC)
    with Library.open(data) as lib:
        names = {e.name for e in lib.entities_of(report.imported[0])}
    assert names == {"الكاظمي", "واشنطن"}  # بغداد was marked "not a name" by the analyst


def test_import_in_worker_processes(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading in 2 spawned processes gives the same report as reading here."""
    monkeypatch.setattr(importer, "PARALLEL_MIN_FILES", 1)
    data = tmp_path / "data"
    report = import_paths([folder], data_dir=data, recognizer=None, workers=2)
    assert len(report.imported) == 4
    assert {p.name for p, _ in report.skipped} == {"empty.txt", "binary.txt"}
    assert [p.name for p, _ in report.already] == ["same-as-a.txt"]
    again = import_paths([folder], data_dir=data, recognizer=None, workers=2)
    assert again.imported == [] and len(again.already) == 5
    with Library.open(data) as lib:
        assert lib.count_articles() == 4


def test_import_with_the_bundled_recognizer_stores_what_the_window_shows(
    seed_path: Path, tmp_path: Path
) -> None:
    from app.core.errors import ModelError
    from app.ner.base import get_recognizer
    from app.ner.service import analyze
    from app.text.readers import read_path

    try:
        rec = get_recognizer("bundled")
    except ModelError as err:
        pytest.skip(str(err))
    report = import_paths([seed_path], data_dir=tmp_path, recognizer=rec)
    expected = analyze(read_path(seed_path), rec)
    assert expected, "the bundled recognizer found nothing in the seed article"
    with Library.open(tmp_path) as lib:
        stored = lib.entities_of(report.imported[0])
        assert lib.get_article(report.imported[0]).info.recognizer == rec.name
    assert sorted((e.key, e.label, tuple(e.mentions)) for e in stored) == sorted(
        (e.key, e.label, tuple(e.mentions)) for e in expected
    )


def test_a_full_disk_during_import_skips_files_with_the_reason(folder: Path, tmp_path: Path) -> None:
    with Library.open(tmp_path / "data") as lib:
        first = import_paths([folder / "a.txt"], library=lib, recognizer=REC)
        pages = lib.store.conn.execute("PRAGMA page_count").fetchone()[0]
        lib.store.conn.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow: SQLITE_FULL
        report = import_paths([folder / "seed.txt", folder / "c.html"], library=lib, recognizer=REC)
        assert report.imported == []
        assert [p.name for p, _ in report.skipped] == ["seed.txt", "c.html"]
        assert all("full" in why for _, why in report.skipped)
        assert [a.id for a in lib.list_articles()] == first.imported  # nothing saved before is lost


class BrokenRecognizer(DictRecognizer):
    """Fails on some texts, as a buggy model would; the import must go on with the other files."""

    def recognize(self, text: str):  # type: ignore[no-untyped-def]
        from app.core.models import EntitySpan

        if "الأمم" in text:
            raise RuntimeError("model exploded")
        if "الكاظمي بغداد" in text:
            return [EntitySpan(len(text) - 2, len(text) + 5, "LOC", 1.0, "")]  # past the end
        return super().recognize(text)


def test_a_recognizer_failure_skips_that_file_only(folder: Path, tmp_path: Path) -> None:
    report = import_paths(
        [folder / "a.txt", folder / "sub", folder / "c.html"],
        data_dir=tmp_path,
        recognizer=BrokenRecognizer({}),
    )
    assert len(report.imported) == 1  # c.html
    reasons = {p.name: why for p, why in report.skipped}
    assert set(reasons) == {"a.txt", "b.md"}
    assert "model exploded" in reasons["b.md"]
    assert "Recognition failed" in reasons["a.txt"]
