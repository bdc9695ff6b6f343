"""The bundled Arabic reading font (Noto Naskh Arabic, SIL OFL 1.1; see resources/fonts/OFL.txt)."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from app.core.resources import resources_dir

log = logging.getLogger(__name__)

FONT_FILES = ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf")


def load_bundled_fonts() -> str | None:
    """Register the bundled fonts with Qt; return the reading font's family (None if missing)."""
    family: str | None = None
    folder = resources_dir() / "fonts"
    for name in FONT_FILES:
        path = folder / name
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load the bundled font %s; falling back to a system font", path)
            continue
        families = QFontDatabase.applicationFontFamilies(font_id)
        if families and family is None:
            family = families[0]
    return family
