"""Where bundled files live (fonts, models, styles), with no Qt.

In a source checkout (and after `pip install -e .`) `resources/` sits next to the `app` package and is
read in place. A wheel (`pip install .`) carries the same folder as the data-only package
`qari_resources` (see pyproject.toml), found with `importlib.resources`. The environment variable
QARI_RESOURCES overrides both (for a frozen build, or to try another model).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from pathlib import Path

import app

log = logging.getLogger(__name__)

RESOURCES_ENV = "QARI_RESOURCES"

# Arabic fonts in order of preference for documents we write. Noto Sans Arabic comes first because its
# character map covers the lam-alef ligatures, so text copied out of a PDF keeps "لا"/"لأ"; with Noto Naskh
# Arabic and Amiri, Qt's PDF writer cannot map those ligature glyphs back to letters.
EXPORT_FONT_FAMILIES: tuple[str, ...] = ("Noto Sans Arabic", "Noto Naskh Arabic")
_FILE_STEMS = {"Noto Sans Arabic": "NotoSansArabic", "Noto Naskh Arabic": "NotoNaskhArabic"}


RESOURCES_PACKAGE = "qari_resources"


def resources_dir() -> Path:
    """The folder holding fonts/ and models/."""
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    beside = Path(app.__file__).resolve().parent.parent / "resources"
    if beside.is_dir():
        return beside
    installed = _installed_resources()
    return installed if installed is not None else beside


def _installed_resources() -> Path | None:
    """The folder of the `qari_resources` package a wheel installed, if there is one on disk."""
    import importlib.resources

    try:
        root = importlib.resources.files(RESOURCES_PACKAGE)
    except ModuleNotFoundError:
        return None
    path = Path(str(root))
    return path if path.is_dir() else None


def font_files() -> list[Path]:
    """Every bundled font file (.ttf/.otf), sorted by name."""
    folder = resources_dir() / "fonts"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".otf") and p.is_file())


def _system_font(family: str, style: str) -> Path | None:
    """A system font file for `family` via fontconfig (None when fc-match is absent or finds another)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        out = subprocess.run(
            [fc_match, "--format=%{family}\n%{file}", f"{family}:style={style}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    lines = out.splitlines()
    if len(lines) < 2 or family not in lines[0]:
        return None
    path = Path(lines[1])
    return path if path.is_file() else None


def export_fonts() -> tuple[str, Path | None, Path | None]:
    """`(family, regular file, bold file)` of the Arabic font to embed in exports.

    Bundled files come first, then the same families installed on the system, then any bundled font.
    The files are None when no font was found (the writer then names the family and lets the reader
    substitute).
    """
    bundled = font_files()
    for family in EXPORT_FONT_FAMILIES:
        stem = _FILE_STEMS[family]
        regular = next((p for p in bundled if p.stem == f"{stem}-Regular"), None)
        bold = next((p for p in bundled if p.stem == f"{stem}-Bold"), None)
        if regular is not None:
            return family, regular, bold
    for family in EXPORT_FONT_FAMILIES:
        regular = _system_font(family, "Regular")
        if regular is not None:
            bold = _system_font(family, "Bold")
            return family, regular, bold if bold is not None and bold != regular else None
    if bundled:
        return bundled[0].stem.split("-")[0], bundled[0], None
    log.warning("no Arabic font found in %s or on the system", resources_dir() / "fonts")
    return EXPORT_FONT_FAMILIES[0], None, None
