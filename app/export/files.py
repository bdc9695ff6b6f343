"""Writing export files: all or nothing, with errors a person can act on."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from app.export.summary import ExportCancelled, ExportError


def check_target(path: Path) -> Path:
    """Raise ExportError unless `path` can be written as a file; returns it made absolute."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise ExportError(f"Cannot export to {path}: it is a folder. Give a file name inside it.")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise ExportError(f"Cannot export to {path}: the folder {parent} does not exist.")
    if not os.access(parent, os.W_OK):
        raise ExportError(f"Cannot export to {path}: the folder {parent} is not writable; choose another.")
    if path.exists() and not os.access(path, os.W_OK):
        raise ExportError(f"Cannot export to {path}: the file is read-only. Choose another name.")
    return path.absolute()


def temp_sibling(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.part")


def write_atomic(path: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp)` for a temporary file next to `path`, then move it into place.

    A failed or cancelled export leaves no partial file and keeps any older file at `path`.
    """
    path = check_target(path)
    tmp = temp_sibling(path)
    try:
        write(tmp)
        if not tmp.is_file():
            raise ExportError(f"Cannot export to {path}: the file could not be created.")
        os.replace(tmp, path)
    except ExportCancelled:
        raise
    except OSError as err:
        raise ExportError(f"Cannot write the export to {path}: {err.strerror or err}.") from err
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return path


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    def _write(tmp: Path) -> None:
        with open(tmp, "w", encoding=encoding, newline="") as f:
            f.write(text)

    return write_atomic(path, _write)
