"""What a person expects when an export goes wrong or gets big."""

from __future__ import annotations

import csv
import json
import subprocess
import threading
import time
from pathlib import Path

import docx
import pytest
from export_helpers import entities_for, pdf_plain_text, read_seed

from app.core.models import Article, Entity
from app.export import service
from app.export.summary import (
    Brief,
    ExportCancelled,
    ExportError,
    Summary,
    SummaryInput,
    build_brief,
    build_summary,
)

TEXT_FORMATS = ("html", "md", "csv", "json")


def _no_leftovers(folder: Path) -> None:
    assert not [p for p in folder.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("fmt", service.FORMATS)
def test_unwritable_paths_give_clear_errors(
    qapp: object, tmp_path: Path, seed_summary: Summary, fmt: str
) -> None:
    missing = tmp_path / "no-such-folder" / f"a.{fmt}"
    with pytest.raises(ExportError, match="does not exist"):
        service.write(seed_summary, fmt, missing)
    with pytest.raises(ExportError, match="is a folder"):
        service.write(seed_summary, fmt, tmp_path)
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    with pytest.raises(ExportError, match="Cannot export"):
        service.write(seed_summary, fmt, a_file / f"a.{fmt}")
    _no_leftovers(tmp_path)


def test_unknown_format(tmp_path: Path, seed_summary: Summary) -> None:
    with pytest.raises(ExportError, match="Unknown export format 'odt'"):
        service.write(seed_summary, "odt", tmp_path / "a.odt")
    assert service.format_for_path("x.MD") == "md" and service.format_for_path("x.htm") == "html"
    assert service.format_for_path("x.txt") is None


def test_empty_selection() -> None:
    with pytest.raises(ExportError, match="Nothing to export"):
        build_brief([])


def test_article_without_entities_exports_everywhere(qapp: object, tmp_path: Path) -> None:
    article = Article.from_paragraphs([("خبر قصير لا أسماء فيه.", "body")], title="بلا أسماء")
    s = build_summary(article, [], [])
    paths = {fmt: service.write(s, fmt, tmp_path / f"none.{fmt}") for fmt in service.FORMATS}
    says = "لم يُعثر على كيانات"
    assert says in paths["html"].read_text(encoding="utf-8")
    assert says in paths["md"].read_text(encoding="utf-8")
    assert says in "\n".join(p.text for p in docx.Document(str(paths["docx"])).paragraphs)
    pdf_text = pdf_plain_text(paths["pdf"])
    assert "لم يعثر على كيانات" in pdf_text and "خبر قصير لا أسماء فيه" in pdf_text
    with open(paths["csv"], encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.reader(f))) == 1  # the header only
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["articles"][0]["entities"] == []


def _long_article() -> tuple[Article, list[Entity]]:
    seed = read_seed()
    paras = [seed.paragraph_text(p) for p in seed.paragraphs]
    article = Article.from_paragraphs([(t, "body") for t in paras * 14], title="مقال طويل")
    return article, entities_for(article.text)


def test_five_thousand_word_article(qapp: object, tmp_path: Path) -> None:
    article, ents = _long_article()
    assert article.word_count >= 5000
    t0 = time.perf_counter()
    s = build_summary(article, ents, [])
    paths = {fmt: service.write(s, fmt, tmp_path / f"long.{fmt}") for fmt in service.FORMATS}
    elapsed = time.perf_counter() - t0
    print(f"5,000+ word article ({article.word_count} words), all six formats: {elapsed:.2f}s")
    with open(paths["csv"], encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.reader(f))) - 1 == sum(e.count for e in ents) == len(s.mentions)
    d = docx.Document(str(paths["docx"]))
    assert sum(p.text == article.paragraph_text(article.paragraphs[-1]) for p in d.paragraphs) == 14
    info = subprocess.run(["pdfinfo", str(paths["pdf"])], capture_output=True, text=True).stdout
    assert int(info.split("Pages:")[1].split()[0]) > 5


def _brief_items(n: int) -> list[SummaryInput]:
    seed = read_seed()
    ents = entities_for(seed.text)
    return [SummaryInput(seed, ents, article_id=str(i + 1)) for i in range(n)]


def test_brief_of_200_articles_with_progress(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    brief = build_brief(_brief_items(200), progress=lambda d, n: seen.append((d, n)))
    assert seen[-1] == (200, 200) and [d for d, _ in seen] == list(range(1, 201))
    for fmt in TEXT_FORMATS:
        steps: list[int] = []

        def step(done: int, total: int, steps: list[int] = steps) -> None:
            steps.append(done)

        out = service.write(brief, fmt, tmp_path / f"brief.{fmt}", progress=step)
        assert steps == list(range(1, 201))
        assert out.stat().st_size > 0
    data = json.loads((tmp_path / "brief.json").read_text(encoding="utf-8"))
    assert len(data["articles"]) == 200
    assert data["entity_index"][0]["articles"][-1]["number"] == 200


@pytest.mark.parametrize("fmt", service.FORMATS)
def test_cancel_leaves_no_file_and_keeps_the_old_one(qapp: object, tmp_path: Path, fmt: str) -> None:
    brief: Brief = build_brief(_brief_items(200))
    target = tmp_path / f"brief.{fmt}"
    target.write_bytes(b"older export")
    flag = threading.Event()

    def progress(done: int, total: int) -> None:
        if done == 50:
            flag.set()

    with pytest.raises(ExportCancelled, match="cancelled"):
        service.write(brief, fmt, target, progress=progress, cancel=flag)
    assert target.read_bytes() == b"older export"
    _no_leftovers(tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_brief_of_200_articles_pdf_docx(qapp: object, tmp_path: Path, fmt: str) -> None:
    brief = build_brief(_brief_items(200))
    t0 = time.perf_counter()
    out = service.write(brief, fmt, tmp_path / f"brief.{fmt}")
    print(f"200-article brief as {fmt}: {time.perf_counter() - t0:.1f}s, {out.stat().st_size} bytes")
    if fmt == "docx":
        assert len(docx.Document(str(out)).tables) > 200
    else:
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
        assert int(info.split("Pages:")[1].split()[0]) >= 200
