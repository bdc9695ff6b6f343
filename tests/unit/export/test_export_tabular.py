"""CSV and JSON exports of entities and mentions, read back with csv and json."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from app.core.models import Article, Entity, Mention
from app.export.summary import Summary, build_summary, combine
from app.export.tabular import CSV_COLUMNS, write_csv, write_json


def test_csv_reads_back(tmp_path: Path, seed_summary: Summary, seed_article: Article) -> None:
    out = write_csv(seed_summary, tmp_path / "a.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert (
        tuple(rows[0])
        == CSV_COLUMNS
        == ("article", "entity", "type", "mention text", "start", "end", "sentence")
    )
    body = rows[1:]
    assert len(body) == len(seed_summary.mentions)
    text = seed_article.text
    for row, m in zip(body, seed_summary.mentions, strict=True):
        article, entity, label, mention, start, end, sentence = row
        assert article == "7: هجوم على السفارة الأمريكية في بغداد"
        assert (entity, label, mention) == (m.entity, m.label, m.text)
        assert text[int(start) : int(end)] == mention
        assert mention in sentence
    assert [r[3] for r in body] == [m.text for m in seed_summary.mentions]


def test_csv_guards_formulas(tmp_path: Path) -> None:
    article = Article.from_paragraphs([("=SUM(A1) قال", "body")], title="=cmd|' /C calc'!A0")
    ents = [Entity("=SUM", "ORG", [Mention(0, 4, "=SUM")], "k")]
    out = write_csv(build_summary(article, ents, []), tmp_path / "f.csv")
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[1][0].startswith("'1: =cmd") or rows[1][0].startswith("1: =cmd")
    assert rows[1][1] == "'=SUM" and rows[1][3] == "'=SUM"
    assert rows[1][4:6] == ["0", "4"]


def test_json_reads_back(tmp_path: Path, seed_summary: Summary) -> None:
    out = write_json(combine([seed_summary, seed_summary]), tmp_path / "a.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "العراق" in out.read_text(encoding="utf-8")  # not \u-escaped
    assert data["format"] == "qari-entities" and len(data["articles"]) == 2
    art = data["articles"][0]
    assert art["id"] == "7" and art["tags"] == ["العراق", "أمن"]
    names = [e["name"] for e in art["entities"]]
    assert names == [e.name for e in seed_summary.entity_index]
    flat = sorted((m["start"], m["text"]) for e in art["entities"] for m in e["mentions"])
    assert flat == sorted((m.start, m.text) for m in seed_summary.mentions)
    assert all(e["count"] == len(e["mentions"]) for e in art["entities"])
    assert data["entity_index"][0]["articles"] == [
        {"number": 1, "count": data["entity_index"][0]["count"] // 2},
        {"number": 2, "count": data["entity_index"][0]["count"] // 2},
    ]
