"""Where the window keeps its settings and finds its bundled files (pure; no Qt).

Resources (fonts, styles, icons) live in the top-level `resources/` folder next to the `app` package,
which is where `pip install -e .` (the README's install) and a source checkout leave them. We locate
them as `Path(app.__file__).parent.parent / "resources"`, with the environment variable QARI_RESOURCES
taking precedence so a packaged build (PyInstaller, a wheel that ships them elsewhere) can point at its own
copy. `importlib.resources` cannot reach a folder outside the package, and making `resources/` a package
would put models and fonts inside `app/`, which the layout deliberately avoids.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import app

RESOURCES_ENV = "QARI_RESOURCES"
DATA_DIR_ENV = "QARI_DATA_DIR"

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


def resources_dir(env: Mapping[str, str] | None = None) -> Path:
    """The folder holding fonts/, styles/, icons/ and models/."""
    environ = os.environ if env is None else env
    override = environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    return Path(app.__file__).resolve().parent.parent / "resources"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("Qari", "Qari"))


def resolve_data_dir(option: str | None, env: Mapping[str, str] | None = None) -> Path:
    """--data-dir, else $QARI_DATA_DIR, else the platform's user data folder."""
    environ = os.environ if env is None else env
    if option:
        return Path(option).expanduser()
    if environ.get(DATA_DIR_ENV):
        return Path(environ[DATA_DIR_ENV]).expanduser()
    return default_data_dir()


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
