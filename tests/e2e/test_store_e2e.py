"""The real program on a real library: `python -m app --data-dir DIR import|search|notes|entities`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.store.library import Library

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "resources" / "models" / "meta.json"


def qari(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("QARI_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )


@pytest.fixture
def articles(tmp_path: Path, seed_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    (d / "seed.txt").write_bytes(seed_path.read_bytes())
    (d / "iraq.txt").write_text(
        "وصل وفد الأمم المتحدة إلى بغداد\nوقال المتحدث إن الوفد سيلتقي مسؤولين بالعراق والأردن",
        encoding="utf-8",
    )
    (d / "broken.txt").write_bytes(b"\x00\x00\x00\x00binary\x00" * 100)
    return d


def test_import_search_notes_without_recognition(tmp_path: Path, articles: Path) -> None:
    data = tmp_path / "data"
    run = qari(data, "import", "--no-recognize", str(articles))
    assert run.returncode == 1, run.stderr  # one file was skipped
    assert "imported 2, already in the library 0, skipped 1" in run.stdout
    assert "broken.txt" in run.stdout
    assert "[3/3]" in run.stderr  # the progress line
    assert (data / "library.db").exists()

    again = qari(data, "import", "--no-recognize", str(articles / "iraq.txt"))
    assert again.returncode == 0 and "already in the library 1" in again.stdout

    found = qari(data, "search", "العراق", "--json")
    assert found.returncode == 0, found.stderr
    results = json.loads(found.stdout)
    assert len(results) == 2  # the seed article is about Iraq, too
    assert all(set(r) >= {"id", "title", "snippet", "score"} for r in results)
    hit = next(r for r in results if r["title"] == "وصل وفد الأمم المتحدة إلى بغداد")
    s, e = hit["highlights"][0]
    assert hit["snippet"][s:e] == "بالعراق"

    plain = qari(data, "search", '"الأمم المتحدة"')
    assert plain.returncode == 0 and "[الأمم المتحدة]" in plain.stdout

    with Library.open(data) as lib:
        lib.add_note("ملاحظة على **المقال**", article_id=hit["id"])
    notes = qari(data, "notes", str(hit["id"]))
    assert notes.returncode == 0, notes.stderr
    assert "ملاحظة على **المقال**" in notes.stdout
    as_json = json.loads(qari(data, "notes", str(hit["id"]), "--json").stdout)
    assert [n["kind"] for n in as_json] == ["article"]

    missing = qari(data, "notes", "999")
    assert missing.returncode == 2
    assert missing.stderr.startswith("qari: ") and "999" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_damaged_library_is_reported_in_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "library.db").write_bytes(b"not a database " * 300)
    run = qari(data, "search", "x")
    assert run.returncode == 2
    assert run.stderr.startswith("qari: The library file") and "damaged" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.skipif(not MODEL.exists(), reason="the bundled model is not built (python -m app train)")
def test_import_with_the_bundled_recognizer_then_entities(tmp_path: Path, articles: Path) -> None:
    data = tmp_path / "data"
    run = qari(data, "import", str(articles))
    assert "imported 2" in run.stdout, run.stderr
    listed = qari(data, "entities", "--json")
    assert listed.returncode == 0, listed.stderr
    entities = json.loads(listed.stdout)
    assert entities, "the bundled recognizer found no entity in the seed article"
    assert set(entities[0]) >= {"id", "name", "type", "articles", "mentions"}
    assert {e["type"] for e in entities} <= {"PERS", "LOC", "ORG", "MISC"}
    name = entities[0]["name"]
    by_entity = json.loads(qari(data, "search", "", "--entity", name, "--json").stdout)
    assert len(by_entity) == entities[0]["articles"]
    detail = qari(data, "entities", "--entity", name)
    assert detail.returncode == 0 and name in detail.stdout
