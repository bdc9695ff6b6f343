"""The window's command line and data folder (pure; no Qt).

The data folder and the resources folder are resolved by the same functions the command line uses
(`app.store.paths`, `app.core.resources`), so the window and `qari COMMAND` always agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.resources import resources_dir
from app.store.paths import data_dir

__all__ = ["GuiArgs", "parse_gui_args", "resolve_data_dir", "resources_dir"]

# Qt's own command-line options that take a value (QGuiApplication/QApplication parse them).
_QT_VALUE_OPTIONS = frozenset(
    {
        "-platform",
        "-platformpluginpath",
        "-platformtheme",
        "-plugin",
        "-style",
        "-stylesheet",
        "-qwindowgeometry",
        "-geometry",
        "-qwindowtitle",
        "-qwindowicon",
        "-display",
        "-session",
    }
)


def resolve_data_dir(option: str | None, env: Mapping[str, str] | None = None) -> Path:
    """--data-dir, else $QARI_DATA_DIR, else the platform's user data folder (as the command line does)."""
    return data_dir(option, env)


@dataclass(frozen=True)
class GuiArgs:
    file: Path | None
    data_dir: Path


def parse_gui_args(argv: Sequence[str], env: Mapping[str, str] | None = None) -> GuiArgs:
    """Pick the file to open and the data folder out of the window's command line.

    Accepts `--data-dir DIR`, `--data-dir=DIR`, `-v/--verbose` (handled by the CLI) and one file; other
    options (Qt's own, like `-platform`) are ignored here and left for QApplication.
    """
    data_opt: str | None = None
    file: Path | None = None
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--data-dir" and i + 1 < len(args):
            data_opt = args[i + 1]
            i += 2
            continue
        if arg in _QT_VALUE_OPTIONS:
            i += 2
            continue
        if arg.startswith("--data-dir="):
            data_opt = arg.split("=", 1)[1]
        elif arg == "--":
            if i + 1 < len(args) and file is None:
                file = Path(args[i + 1])
            break
        elif not arg.startswith("-") and file is None:
            file = Path(arg)
        i += 1
    return GuiArgs(file, resolve_data_dir(data_opt, env))
