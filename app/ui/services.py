"""What the window needs from the rest of Qari, wired once at start-up and passed in (no singletons).

Later features (recognizers, the library, exporters) join this object; tests build their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QSettings

from app.core.models import Article


def _read_path(path: Path) -> Article:
    from app.text.readers import read_path  # imported on first use: keeps start-up light

    return read_path(path)


def _read_pasted(text: str, source: str) -> Article:
    from app.text.readers import read_pasted

    return read_pasted(text, source=source)


def supported_suffixes() -> tuple[str, ...]:
    from app.text.readers import SUPPORTED_SUFFIXES

    return tuple(sorted(SUPPORTED_SUFFIXES))


def open_settings(data_dir: Path) -> QSettings:
    """The window's settings: an INI file in the data folder (readable, easy to reset by deleting it)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)


@dataclass
class Services:
    data_dir: Path
    settings: QSettings
    font_family: str | None = None
    read_path: Callable[[Path], Article] = _read_path
    read_pasted: Callable[[str, str], Article] = _read_pasted
    suffixes: Callable[[], tuple[str, ...]] = field(default=supported_suffixes)

    @classmethod
    def create(cls, data_dir: Path, font_family: str | None = None) -> Services:
        return cls(data_dir=data_dir, settings=open_settings(data_dir), font_family=font_family)
