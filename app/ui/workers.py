"""Reading large files off the GUI thread; results come back through a queued Qt signal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from app.core.errors import QariError
from app.core.models import Article
from app.ui.bidi import article_directions

log = logging.getLogger(__name__)


class ReadSignals(QObject):
    """Emitted from the worker thread; receivers on the GUI thread get them queued."""

    finished = Signal(int, object, object, object)  # ticket, path, Article, paragraph directions
    failed = Signal(int, object, str, bool)  # ticket, path, message, is_bug


class ReadTask(QRunnable):
    """Calls `read(path)` in a pool thread and reports the article or the error under `ticket`."""

    def __init__(self, ticket: int, path: Path, read: Callable[[Path], Article], signals: ReadSignals):
        super().__init__()
        self.ticket = ticket
        self.path = path
        self.read = read
        self.signals = signals

    def run(self) -> None:
        try:
            article = self.read(self.path)
            directions = article_directions(article)
        except (QariError, OSError) as err:
            self.signals.failed.emit(self.ticket, self.path, user_message(err, self.path), False)
        except Exception as err:  # a bug: keep the window alive, log the traceback
            log.exception("reading %s failed", self.path)
            self.signals.failed.emit(self.ticket, self.path, f"Unexpected error: {err!r}", True)
        else:
            self.signals.finished.emit(self.ticket, self.path, article, directions)


def user_message(err: Exception, path: Path | None = None) -> str:
    """A sentence for the user: a QariError's own message, or a plain one for an OS error."""
    if isinstance(err, QariError):
        return str(err)
    if isinstance(err, FileNotFoundError):
        return f"The file {path or err.filename} does not exist (it may have been moved or deleted)."
    if isinstance(err, PermissionError):
        return f"Qari is not allowed to read {path or err.filename}."
    if isinstance(err, OSError):
        return f"Could not read {path or err.filename}: {err.strerror or err}."
    return str(err)
