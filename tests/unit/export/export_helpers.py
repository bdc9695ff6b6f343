"""Helpers shared by the export tests: the seed article and hand-made entities for it.

The entities are built by hand from known names (finding each name's occurrences in the text), which is
what a writer test needs: the recognizer is tested elsewhere.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.core.models import Article, Entity, Mention

SEED = Path(__file__).resolve().parents[3] / "seeds" / "000_a8c034b26b330cb6.txt"

# name -> (type, the surfaces it is written as in the seed article)
SEED_NAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "جو بايدن": ("PERS", ("جو بايدن",)),
    "مصطفى الكاظمي": ("PERS", ("مصطفى الكاظمى", "الكاظمى")),
    "الولايات المتحدة": ("LOC", ("الولايات المتحدة",)),
    "العراق": ("LOC", ("العراق",)),
    "بغداد": ("LOC", ("بغداد",)),
    "السومرية نيوز": ("ORG", ("السومرية نيوز",)),
}


def read_seed() -> Article:
    paragraphs: list[tuple[str, str]] = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        heading = len(line.split()) < 8 and not line.rstrip().endswith((".", ":", '"'))
        paragraphs.append((line, "heading" if heading else "body"))
    return Article.from_paragraphs(
        paragraphs,  # type: ignore[arg-type]
        title="هجوم على السفارة الأمريكية في بغداد",
        source="اليوم السابع",
        date="2021-07-29",
        url="https://example.com/news?id=1&x=<2>",
    )


def entities_for(text: str, names: dict[str, tuple[str, tuple[str, ...]]] = SEED_NAMES) -> list[Entity]:
    taken: list[tuple[int, int]] = []
    out: list[Entity] = []
    # Longest surfaces first, so "مصطفى الكاظمى" wins over "الكاظمى".
    order = sorted(((len(s), n, s) for n, (_, ss) in names.items() for s in ss), reverse=True)
    found: dict[str, list[Mention]] = {n: [] for n in names}
    for _, name, surface in order:
        for m in re.finditer(re.escape(surface), text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found[name].append(Mention(m.start(), m.end(), surface))
    for name, mentions in found.items():
        if mentions:
            label = names[name][0]
            out.append(Entity(name, label, sorted(mentions, key=lambda m: m.start), f"{label}:{name}"))
    return out


def plain(text: str) -> str:
    """`text` folded for comparison: presentation forms to letters (NFKC), no bidi controls, no tashkeel."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text)
    return "".join(
        c
        for c in text
        if unicodedata.category(c) != "Mn" and not ("\u202a" <= c <= "\u202e" or c in "\u200e\u200f")
    )


def pdf_plain_text(path: Path) -> str:
    """What pdftotext reads from `path`, folded with `plain` (the test is skipped without poppler-utils)."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) not installed")

    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return plain(out.stdout)
