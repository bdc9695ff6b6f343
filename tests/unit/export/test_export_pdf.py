"""PDF export (Qt's PDF writer), read back with poppler's pdftotext: shaped, selectable, logical order."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from app.core.models import Article
from app.export.pdf import write_pdf
from app.export.summary import Summary, combine

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

_BIDI_CONTROLS = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_WORD = re.compile(r"[^\W_]+")


def pdf_words(path: Path) -> list[str]:
    """The words pdftotext reads, presentation forms folded (NFKC), in the order it gives them."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = _BIDI_CONTROLS.sub("", out).splitlines()
    # Qt prints the page number at the foot of each page; a paragraph may run across it.
    return words("\n".join(line for line in lines if not line.strip().strip("\f").isdigit()))


def words(text: str) -> list[str]:
    text = "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Mn")
    return _WORD.findall(text)


def contains_run(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def test_pdf_text_is_selectable_in_logical_order(
    qapp: object, tmp_path: Path, seed_summary: Summary, seed_article: Article
) -> None:
    out = write_pdf(seed_summary, tmp_path / "a.pdf")
    assert out.read_bytes().startswith(b"%PDF-")
    got = pdf_words(out)
    # Every paragraph without a note beside it comes back in reading order: its letters exactly (a PDF
    # in visual order would reverse them), and word for word where the paragraph is Arabic only
    # (pdftotext drops the space where Arabic meets a Latin word or a number, as in "C-RAM فشلت").
    with_notes = {p.number for p in seed_summary.paragraphs if p.notes}
    joined = "".join(got)
    checked = word_checked = 0
    for p in seed_summary.paragraphs:
        if p.number in with_notes:
            continue
        para = words(p.text)
        assert "".join(para) in joined, p.text[:50]
        checked += 1
        if not re.search(r"[A-Za-z0-9]", p.text):
            assert contains_run(got, para), p.text[:50]
            word_checked += 1
    assert checked >= 8 and word_checked >= 4
    # Words with lam-alef ligatures survive the trip (Noto Sans Arabic maps them back to letters).
    for w in ("الولايات", "الأمريكية", "الانسحاب"):
        assert w in got
    # Paragraph order is kept.
    firsts = ["".join(words(p.text)[:6]) for p in seed_summary.paragraphs if p.number not in with_notes]
    positions = [joined.find(f) for f in firsts]
    assert positions == sorted(positions) and -1 not in positions


def test_pdf_has_index_and_notes(qapp: object, tmp_path: Path, seed_summary: Summary) -> None:
    out = write_pdf(seed_summary, tmp_path / "a.pdf")
    flat = " ".join(pdf_words(out))
    for e in seed_summary.entity_index:
        assert " ".join(words(e.name)) in flat
    assert " ".join(words("أول هجوم بعد إعلان الانسحاب")) in flat
    assert "script" in flat  # the note's "<script>" is printed as text
    assert " ".join(words("ملاحظة عامة على المقال")) in flat
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "Arabic" in fonts and " yes " in fonts  # embedded


def test_pdf_brief_one_article_a_page(qapp: object, tmp_path: Path, seed_summary: Summary) -> None:
    out = write_pdf(combine([seed_summary, seed_summary], title="موجز الأسبوع"), tmp_path / "b.pdf")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages >= 3
    joined = "".join(pdf_words(out))
    assert joined.count("".join(words(seed_summary.title))) >= 3  # contents + two headings
