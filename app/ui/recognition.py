"""Recognition off the GUI thread.

`RecognitionService.submit(text)` queues a job on a one-thread pool and returns its id; the job finds the
names, applies the analyst's corrections and groups the mentions, and its result comes back through a
queued signal. A newer submission cancels the older job (taken off the queue when it has not started,
dropped when it has), so only the article on screen is ever highlighted. The recognizer is loaded once,
in the worker, by a `ModelHolder` that the jobs share, and reloaded only when the user picks another.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.core.errors import QariError
from app.core.models import Entity, EntitySpan
from app.ner.base import Recognizer
from app.ner.corrections import Correction, apply_corrections

log = logging.getLogger(__name__)

Loader = Callable[[str], Recognizer]


def _default_loader(name: str) -> Recognizer:
    from app.ner.base import get_recognizer  # imports the model code in the worker, not at start-up

    return get_recognizer(name)


class ModelHolder:
    """Loads a recognizer once and hands it to every job (jobs run one at a time)."""

    def __init__(self, name: str = "bundled", loader: Loader = _default_loader) -> None:
        self._lock = threading.Lock()
        self._loader = loader
        self._name = name
        self._model: Recognizer | None = None
        self.loads = 0  # how many times a model was loaded (tests check "once")

    @property
    def name(self) -> str:
        return self._name

    def set_name(self, name: str) -> None:
        with self._lock:
            if name != self._name:
                self._name = name
                self._model = None

    def get(self) -> Recognizer:
        with self._lock:
            if self._model is None:
                self._model = self._loader(self._name)
                self.loads += 1
            return self._model


@dataclass(frozen=True)
class RecognitionResult:
    job: int
    text: str
    spans: list[EntitySpan]  # the recognizer's own spans, before corrections
    entities: list[Entity]  # after corrections, grouped
    seconds: float
    recognized: bool = True  # False: the spans were given (corrections re-applied), no recognizer ran


class RecognitionSignals(QObject):
    finished = Signal(int, object)  # job id, RecognitionResult
    failed = Signal(int, str, bool)  # job id, message, is_bug
    done = Signal(int)  # job id; always the last signal of a job that ran, cancelled or not


class RecognitionJob(QRunnable):
    def __init__(
        self,
        job: int,
        text: str,
        corrections: Sequence[Correction],
        holder: ModelHolder,
        signals: RecognitionSignals,
        spans: Sequence[EntitySpan] | None = None,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the service keeps a reference until the job is over
        self.job = job
        self.text = text
        self.corrections = tuple(corrections)
        self.given_spans = list(spans) if spans is not None else None
        self.holder = holder
        self.signals = signals
        self.cancelled = threading.Event()

    def run(self) -> None:
        try:
            self._run()
        finally:
            self.signals.done.emit(self.job)

    def _run(self) -> None:
        if self.cancelled.is_set():
            return
        t0 = time.perf_counter()
        try:
            model = self.holder.get()  # loaded once; its name lists help grouping even for given spans
            if self.cancelled.is_set():
                return
            spans = self.given_spans if self.given_spans is not None else model.recognize(self.text)
            if self.cancelled.is_set():
                return
            entities = apply_corrections(
                self.text, spans, self.corrections, model.is_known_name, model.names_spelled(self.text)
            )
        except QariError as err:
            if not self.cancelled.is_set():
                self.signals.failed.emit(self.job, str(err), False)
            return
        except Exception as err:  # a bug: the traceback goes to the log, the window stays up
            log.exception("recognition job %d failed", self.job)
            if not self.cancelled.is_set():
                self.signals.failed.emit(self.job, f"Unexpected error while finding names: {err!r}", True)
            return
        if not self.cancelled.is_set():
            seconds = time.perf_counter() - t0
            recognized = self.given_spans is None
            result = RecognitionResult(self.job, self.text, spans, entities, seconds, recognized)
            self.signals.finished.emit(self.job, result)


class RecognitionService(QObject):
    """Runs one recognition at a time; results of jobs that were superseded are never delivered."""

    finished = Signal(object)  # RecognitionResult of the current job
    failed = Signal(str, bool)  # message, is_bug
    busy_changed = Signal(bool)

    def __init__(
        self, recognizer: str = "bundled", loader: Loader = _default_loader, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.holder = ModelHolder(recognizer, loader)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = RecognitionSignals(self)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.done.connect(self._forget)
        self._job_id = 0
        self._current: RecognitionJob | None = None
        self._running: set[RecognitionJob] = set()

    @property
    def current_job(self) -> int:
        return self._job_id

    def is_busy(self) -> bool:
        return self._current is not None

    def set_recognizer(self, name: str) -> None:
        self.holder.set_name(name)

    def submit(
        self,
        text: str,
        corrections: Sequence[Correction] = (),
        spans: Sequence[EntitySpan] | None = None,
    ) -> int:
        """Start recognizing `text` (or, given its `spans`, only re-apply `corrections` and group).

        Cancels the job before it. Returns the new job's id.
        """
        self.cancel()
        self._job_id += 1
        job = RecognitionJob(self._job_id, text, corrections, self.holder, self._signals, spans)
        self._current = job
        self._running.add(job)
        self._pool.start(job)
        self.busy_changed.emit(True)
        return job.job

    def cancel(self) -> None:
        """Cancel the current job: off the queue if it has not started, its result dropped if it has."""
        job = self._current
        if job is None:
            return
        job.cancelled.set()
        if self._pool.tryTake(job):
            self._running.discard(job)
        self._current = None
        self.busy_changed.emit(False)

    def _on_finished(self, job_id: int, result: RecognitionResult) -> None:
        if self._current is None or job_id != self._current.job:
            return  # superseded
        self._current = None
        self.busy_changed.emit(False)
        self.finished.emit(result)

    def _on_failed(self, job_id: int, message: str, is_bug: bool) -> None:
        if self._current is None or job_id != self._current.job:
            return
        self._current = None
        self.busy_changed.emit(False)
        self.failed.emit(message, is_bug)

    def _forget(self, job_id: int) -> None:
        self._running = {j for j in self._running if j.job != job_id}

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the pool is idle (tests, shutdown)."""
        return bool(self._pool.waitForDone(msecs))

    def shutdown(self, msecs: int = 10_000) -> bool:
        """Cancel everything and wait for a job already running to return (window closing).

        The service stays usable: if the close is refused, the next article is recognized as usual.
        """
        self.cancel()
        for job in list(self._running):
            job.cancelled.set()
        self._pool.clear()
        return self.wait(msecs)
