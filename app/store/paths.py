"""Where the library lives: `--data-dir` > `QARI_DATA_DIR` > the platform's user data folder."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "QARI_DATA_DIR"
DB_NAME = "library.db"
BACKUP_DIR = "backups"


def data_dir(explicit: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None) -> Path:
    """The data folder: `explicit` if given, else `$QARI_DATA_DIR` (from `env`, default the process
    environment), else the user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    value = (os.environ if env is None else env).get(ENV_VAR)
    if value:
        return Path(value).expanduser()
    return default_data_dir()


def default_data_dir() -> Path:
    """The platform's user data folder for Qari (no environment override)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("Qari", appauthor=False))


def db_path(folder: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(folder) / DB_NAME


def backup_dir(folder: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(folder) / BACKUP_DIR
