"""`python -m app export` in a real process, over a library filled by the store's own API."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from app.core.models import Article, Entity, Mention
from app.store.library import Library

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_a8c034b26b330cb6.txt"


def qari(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("QT_QPA_PLATFORM", None)  # the command must manage without a display on its own
    env.pop("DISPLAY", None)
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def saved(tmp_path: Path) -> tuple[Path, int]:
    lines = [ln for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]
    article = Article.from_paragraphs([(ln, "body") for ln in lines], title="هجوم على السفارة")
    text = article.text
    mentions = []
    start = text.find("بغداد")
    while start >= 0:
        mentions.append(Mention(start, start + 5, "بغداد"))
        start = text.find("بغداد", start + 1)
    data = tmp_path / "data"
    with Library.open(data, backups=False) as lib:
        a = lib.save_article(article)
        lib.save_entities(a.id, [Entity("بغداد", "LOC", mentions, "LOC:بغداد")])
        return data, a.id


@pytest.mark.skipif(not Path("/usr/bin/pdftotext").exists(), reason="poppler-utils not installed")
def test_export_pdf_in_a_fresh_process(saved: tuple[Path, int], tmp_path: Path) -> None:
    data, article_id = saved
    out = tmp_path / "summary.pdf"
    proc = qari("export", str(article_id), "--format", "pdf", "-o", str(out), data_dir=data)
    assert proc.returncode == 0, proc.stderr
    assert f"exported 1 article to {out}" in proc.stdout
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "هجوم على السفارة" in unicodedata.normalize("NFKC", text).replace("\u202b", "").replace(
        "\u202c", ""
    )


def test_export_error_is_one_line(saved: tuple[Path, int], tmp_path: Path) -> None:
    data, article_id = saved
    proc = qari("export", str(article_id), "-o", str(tmp_path / "nope" / "x.html"), data_dir=data)
    assert proc.returncode == 2
    folder = tmp_path / "nope"
    assert proc.stderr.strip().splitlines() == [
        f"qari: Cannot export to {folder / 'x.html'}: the folder {folder} does not exist."
    ]
