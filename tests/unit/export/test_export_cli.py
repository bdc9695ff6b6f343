"""`qari export` over a real library in a temporary folder (in process, through app.cli.main)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import docx
import pytest
from export_helpers import entities_for, pdf_plain_text, read_seed

from app.cli import main
from app.core.models import Article
from app.export.cli import to_terminal
from app.store.library import Library


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, list[int]]:
    """A library with the seed article (entities, a passage note, an entity note, a tag) and a second one."""
    data = tmp_path / "data"
    seed = read_seed()
    other = Article.from_paragraphs(
        [("زيارة إلى واشنطن", "heading"), ("التقى مصطفى الكاظمى في واشنطن بالرئيس جو بايدن.", "body")],
        title="زيارة إلى واشنطن",
    )
    with Library.open(data, backups=False) as lib:
        a = lib.save_article(seed)
        lib.save_entities(a.id, entities_for(seed.text))
        i = seed.text.index("السفارة الأمريكية")
        lib.add_note("ملاحظة على السفارة", article_id=a.id, start=i, end=i + 17)
        kadhimi = next(e for e in lib.entities_of(a.id) if e.name == "مصطفى الكاظمي")
        lib.add_note("رئيس الحكومة", article_id=a.id, entity_id=kadhimi.id)
        lib.add_tag(a.id, "العراق")
        b = lib.save_article(other)
        lib.save_entities(
            b.id,
            entities_for(
                other.text,
                {
                    "مصطفى الكاظمي": ("PERS", ("مصطفى الكاظمى",)),
                    "واشنطن": ("LOC", ("واشنطن",)),
                    "جو بايدن": ("PERS", ("جو بايدن",)),
                },
            ),
        )
        return data, [a.id, b.id]


def test_export_one_article_each_format(
    qapp: object, library: tuple[Path, list[int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, (first, _) = library
    for fmt in ("html", "pdf", "md", "docx", "csv", "json"):
        out = tmp_path / f"one.{fmt}"
        assert main(["--data-dir", str(data), "export", str(first), "--format", fmt, "-o", str(out)]) == 0
        assert out.is_file() and out.stat().st_size > 0
    assert "exported 1 article to" in capsys.readouterr().out
    html = (tmp_path / "one.html").read_text(encoding="utf-8")
    assert "ملاحظة على السفارة" in html and "رئيس الحكومة" in html and "العراق" in html
    comments = [c.text.splitlines() for c in docx.Document(str(tmp_path / "one.docx")).comments]
    assert len(comments) == 1 and comments[0][0] == "ملاحظة على السفارة"
    assert len(comments[0][1]) == len("(2026-01-01 10:00)")  # when, to the minute
    assert "ملاحظة على السفارة" in pdf_plain_text(tmp_path / "one.pdf")
    with open(tmp_path / "one.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["article"].startswith(f"{first}: ") for r in rows)


def test_export_brief_by_ids_and_query(library: tuple[Path, list[int]], tmp_path: Path) -> None:
    data, ids = library
    out = tmp_path / "brief.json"
    assert (
        main(["--data-dir", str(data), "export", *map(str, ids), "-o", str(out)]) == 0
    )  # format from suffix
    brief = json.loads(out.read_text(encoding="utf-8"))
    assert [a["id"] for a in brief["articles"]] == [str(i) for i in ids]
    kadhimi = next(e for e in brief["entity_index"] if e["name"] == "مصطفى الكاظمي")
    assert [a["number"] for a in kadhimi["articles"]] == [1, 2]
    out_q = tmp_path / "q.md"
    assert (
        main(
            [
                "--data-dir",
                str(data),
                "export",
                "--query",
                "واشنطن",
                "-o",
                str(out_q),
                "--passages",
                "entities",
            ]
        )
        == 0
    )
    md = out_q.read_text(encoding="utf-8")
    assert "## فهرس الكيانات المجمّع" in md and "**واشنطن**" in md and "مقاطع رئيسية" in md


def test_export_errors_are_one_line(
    library: tuple[Path, list[int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, ids = library
    cases = [
        (["export", "-o", str(tmp_path / "x.html")], "Nothing to export"),
        (["export", "999", "-o", str(tmp_path / "x.html")], "999"),
        (["export", "--query", "كلمةغيرموجودة", "-o", str(tmp_path / "x.html")], "No saved article matches"),
        (["export", str(ids[0]), "-o", str(tmp_path / "x.odt")], "Cannot tell the format"),
        (["export", str(ids[0]), "-o", str(tmp_path / "missing" / "x.pdf")], "does not exist"),
        (["export", str(ids[0]), "-f", "pdf", "-o", "-"], "cannot go to the terminal"),
    ]
    for argv, needle in cases:
        assert main(["--data-dir", str(data), *argv]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("qari: ") and needle in err[0], (argv, err)


def test_export_to_stdout_logical_and_visual(
    library: tuple[Path, list[int]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, ids = library
    assert main(["--data-dir", str(data), "export", str(ids[1]), "-f", "md", "-o", "-"]) == 0
    logical = capsys.readouterr().out
    assert "التقى **مصطفى الكاظمى** في **واشنطن**" in logical
    assert main(["--data-dir", str(data), "export", str(ids[1]), "-f", "md", "-o", "-", "--visual"]) == 0
    visual = capsys.readouterr().out
    assert visual != logical
    assert to_terminal(logical, True) == visual
    # Visual order reverses the Arabic letters of each line (and keeps the words).
    line = next(ln for ln in visual.splitlines() if "ىقتلا" in ln)  # "التقى" reversed
    assert "**ىمظاكلا ىفطصم**" in line and "**نطنشاو**" in line


def test_to_terminal_keeps_logical_text_by_default() -> None:
    assert to_terminal("العراق", False) == "العراق"
    assert to_terminal("العراق", True) == "قارعلا"


MODEL_META = Path(__file__).resolve().parents[3] / "resources" / "models" / "meta.json"


@pytest.mark.skipif(not MODEL_META.is_file(), reason="the bundled model is not built yet")
def test_export_file_recognizes_now(tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "file.json"
    assert main(["--data-dir", str(tmp_path / "d"), "export", "--file", str(seed_path), "-o", str(out)]) == 0
    names = {e["name"] for e in json.loads(out.read_text(encoding="utf-8"))["articles"][0]["entities"]}
    assert "بغداد" in names


@pytest.mark.skipif(MODEL_META.is_file(), reason="the bundled model is built")
def test_export_file_without_model_says_how_to_build_it(
    tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "file.json"
    assert main(["--data-dir", str(tmp_path / "d"), "export", "--file", str(seed_path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("qari: ") and "train" in err
    assert not out.exists()
