"""Import many files or folders into the library, with recognition, off any GUI.

`import_paths` reads each file (app.text.readers), skips what is already saved (same text), finds the
entities (the recognizer is loaded once) and saves article + entities. A file that cannot be read is
listed in the report with the reason and the import goes on. Progress is reported through a callback
and a `threading.Event` cancels between files; the window wraps this in a worker, the command line
prints a progress line.

Articles are written in small batches, one transaction each (a savepoint per article), so a bulk
import costs few disk syncs and the recognizer never runs while the library is locked.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.errors import QariError, StoreError
from app.core.models import Article, Entity
from app.store.db import TransactionLost

if TYPE_CHECKING:
    from app.ner.base import Recognizer
    from app.ner.corrections import Correction
    from app.store.library import Library

log = logging.getLogger(__name__)

BATCH_SIZE = 64
BATCH_SECONDS = 1.0
PARALLEL_MIN_FILES = 32  # fewer files are not worth starting worker processes for

# progress(done, total, path): called after each file is read and recognized (or skipped).
ProgressFn = Callable[[int, int, Path], None]


@dataclass
class ImportReport:
    imported: list[int] = field(default_factory=list)  # ids of articles newly saved
    already: list[tuple[Path, int]] = field(default_factory=list)  # (file, id) already in the library
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # (file, reason) not imported
    cancelled: bool = False
    total: int = 0  # files found

    @property
    def done(self) -> int:
        return len(self.imported) + len(self.already) + len(self.skipped)


def supported_suffixes() -> frozenset[str]:
    from app.text.readers import SUPPORTED_SUFFIXES

    return frozenset(s.lower() for s in SUPPORTED_SUFFIXES)


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to import: each file given, and every supported file under each folder (sorted).

    Returns (files, problems) where problems are paths that do not exist.
    """
    suffixes = supported_suffixes()
    files: list[Path] = []
    problems: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in suffixes and not _hidden(f, p)
            )
        elif p.exists():
            found = [p]
        else:
            problems.append((p, "no such file or folder"))
            continue
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files, problems


def _hidden(f: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in f.relative_to(root).parts)


def recognize_article(
    recognizer: Recognizer, article: Article, corrections: Sequence[Correction] = ()
) -> list[Entity]:
    """Entities of an article: the recognizer's spans, the analyst's corrections replayed, grouped.

    The same steps as the window (app.ner.service), so an imported article shows what an opened one does.
    """
    from app.ner.service import apply_corrections

    spans = recognizer.recognize(article.text)
    return apply_corrections(
        article.text, spans, corrections, recognizer.is_known_name, recognizer.names_spelled(article.text)
    )


def load_corrections(data_dir: Path) -> list[Correction]:
    """The analyst's remembered corrections (app.ner.corrections) kept in the data folder."""
    from app.ner.corrections import load_corrections as load

    return list(load(data_dir))


@dataclass
class _Prepared:
    """One file read (and recognized), ready to be saved; or why it cannot be."""

    path: Path
    article: Article | None = None
    entities: list[Entity] | None = None
    error: str | None = None
    known: bool = False  # its text was already in the library: not recognized


def _prepare(
    path: Path,
    rec: Recognizer | None,
    corrections: Sequence[Correction],
    is_known: Callable[[str], bool],
) -> _Prepared:
    from app.text.readers import read_path

    try:
        article = read_path(path)
    except QariError as err:
        return _Prepared(path, error=str(err))
    except (OSError, ValueError, UnicodeError) as err:
        log.warning("cannot read %s", path, exc_info=True)
        return _Prepared(path, error=f"The file could not be read ({err}).")
    if is_known(article.content_hash):
        return _Prepared(path, article, known=True)
    if rec is None:
        return _Prepared(path, article)
    try:
        return _Prepared(path, article, recognize_article(rec, article, corrections))
    except QariError as err:
        return _Prepared(path, error=str(err))
    except Exception as err:  # a bug in recognition must not stop the other files
        log.exception("recognition failed on %s", path)
        return _Prepared(path, error=f"Recognition failed on this file ({err!r}).")


# Worker processes (see `workers`): each loads the recognizer once.
_worker: dict[str, object] = {}


def _init_worker(rec_name: str | None, corrections: list[Correction], known: frozenset[str]) -> None:
    from app.ner.base import get_recognizer

    _worker["rec"] = get_recognizer(rec_name) if rec_name else None
    _worker["corrections"] = corrections
    _worker["known"] = known


def _prepare_in_worker(path: Path) -> _Prepared:
    known = _worker["known"]
    assert isinstance(known, frozenset)
    return _prepare(
        path,
        _worker["rec"],  # type: ignore[arg-type]
        _worker["corrections"],  # type: ignore[arg-type]
        known.__contains__,
    )


def default_workers() -> int:
    """Processes for a large import: all cores but one (at most 4), so saving and the window keep one.

    1 on a machine with two cores or fewer (measured slower there) and in a frozen (PyInstaller) build.
    """
    cores = os.cpu_count() or 1
    if getattr(sys, "frozen", False) or cores <= 2:
        return 1
    return min(4, cores - 1)


def import_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    library: Library | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    recognizer: Recognizer | str | None = "bundled",
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    workers: int = 1,
) -> ImportReport:
    """Import files and folders into the library; bad files are skipped and listed, never fatal.

    Each article's entities are found and the analyst's remembered corrections applied (as in the
    window). `recognizer` is a Recognizer, a recognizer name (loaded once), or None to save without
    entities. A ModelError (the model cannot be loaded) is raised before anything is imported.

    `workers` > 1 reads and recognizes in that many processes (a recognizer given by name; spawned, so
    safe next to a GUI) when there are enough files to pay for starting them; saving stays in this one.
    Pass no `library` from a GUI worker thread: the import then uses its own connection.
    """
    rec: Recognizer | None
    if isinstance(recognizer, str):
        from app.ner.base import get_recognizer

        rec = get_recognizer(recognizer)
    else:
        rec = recognizer
    rec_name = getattr(rec, "name", None) if rec is not None else None

    own = library is None
    if library is None:
        from app.store.library import Library

        library = Library.open(data_dir)
    report = ImportReport()
    processed = 0
    lib = library

    def tick(path: Path) -> None:
        nonlocal processed
        processed += 1
        if progress is not None:
            progress(processed, report.total, path)

    pool: ProcessPoolExecutor | None = None
    try:
        corrections = load_corrections(lib.data_dir) if rec is not None else []
        files, problems = expand_paths(paths)
        report.total = len(files) + len(problems)
        for p, why in problems:
            report.skipped.append((p, why))
            tick(p)
        prepared: Iterator[_Prepared]
        parallel = (
            workers > 1 and len(files) >= PARALLEL_MIN_FILES and (rec is None or isinstance(recognizer, str))
        )
        if parallel:
            worker_rec = recognizer if isinstance(recognizer, str) else None
            pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(worker_rec, corrections, lib.content_hashes()),
            )
            prepared = pool.map(_prepare_in_worker, files, chunksize=4)
        else:
            prepared = (
                _prepare(f, rec, corrections, lambda h: lib.find_by_hash(h) is not None) for f in files
            )
        pending: list[tuple[Path, Article, list[Entity] | None]] = []
        seen_hashes: dict[str, Path] = {}
        twins: list[tuple[Path, str]] = []  # same text as a file earlier in this import
        last_flush = time.monotonic()
        for item in prepared:
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                break
            path, article = item.path, item.article
            if item.error is not None or article is None:
                report.skipped.append((path, item.error or "The file could not be read."))
                tick(path)
                continue
            h = article.content_hash
            if item.known or h in seen_hashes:
                twins.append((path, h))  # resolved to the saved copy's id at the end
                tick(path)
                continue
            pending.append((path, article, item.entities))
            seen_hashes[h] = path
            tick(path)
            if len(pending) >= BATCH_SIZE or time.monotonic() - last_flush >= BATCH_SECONDS:
                _flush(lib, pending, rec_name, report)
                last_flush = time.monotonic()
        _flush(lib, pending, rec_name, report)
        for path, h in twins:
            twin_id = lib.find_by_hash(h)
            if twin_id is not None:
                report.already.append((path, twin_id))
            else:
                report.skipped.append((path, f"Same text as {seen_hashes[h].name}, which was not saved."))
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        if own:
            lib.close()
    return report


def _flush(
    library: Library,
    pending: list[tuple[Path, Article, list[Entity] | None]],
    rec_name: str | None,
    report: ImportReport,
) -> None:
    """Save the pending articles in one transaction (a savepoint each); failures are skipped."""
    if not pending:
        return
    saved: list[tuple[Path, int, bool]] = []
    failed: list[tuple[Path, str]] = []
    try:
        with library.batch("imported"):
            for path, article, entities in pending:
                try:
                    with library.batch("imported"):
                        s = library.save_article(article)
                        if entities is not None and s.created:
                            library.save_entities(s.id, entities, recognizer=rec_name, reload=False)
                    saved.append((path, s.id, s.created))
                except TransactionLost:
                    raise  # the whole batch is gone: reported below
                except StoreError as err:
                    failed.append((path, str(err)))
                except ValueError as err:  # a span outside the text: a recognizer bug, logged
                    log.exception("entities of %s do not fit its text", path)
                    failed.append((path, f"The names found in this file do not fit its text ({err})."))
    except StoreError as err:
        # The batch could not be committed (disk full, say): none of it was saved.
        failed = [(path, str(err)) for path, _, _ in pending]
        saved = []
    for path, article_id, created in saved:
        if created:
            report.imported.append(article_id)
        else:
            report.already.append((path, article_id))
    report.skipped.extend(failed)
    pending.clear()
