"""Helpers for the entity tests: the real bundled recognizer (or a skip), and a timing-only stand-in."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence

import pytest

from app.ner.base import Recognizer


def bundled_loader() -> Callable[[str], Recognizer]:
    """A loader for the real bundled recognizer, loaded once; skips the test when the model is missing."""
    from app.core.errors import ModelError
    from app.ner.base import get_recognizer

    try:
        model = get_recognizer("bundled")
    except (ModelError, ImportError) as err:
        pytest.skip(f"the bundled recognizer is not available yet: {err}")
    return lambda _name: model


class StandInRecognizer(Recognizer):
    """FOR TIMING AND CANCELLATION TESTS ONLY: tags every listed word, optionally slowly.

    It proves nothing about recognition; it lets a test control how long a job takes and how many
    spans the window has to paint.
    """

    name = "stand-in"

    def __init__(self, words: dict[str, str], delay: float = 0.0, started: threading.Event | None = None):
        self.words = words
        self.delay = delay
        self.started = started or threading.Event()
        self.calls = 0

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        self.calls += 1
        self.started.set()
        deadline = time.perf_counter() + self.delay
        while time.perf_counter() < deadline:  # sleeps in small steps, like a model working
            time.sleep(0.005)
        out = []
        for sent in sentences:
            tags = []
            for w in sent:
                label = self.words.get(w)
                tags.append(f"B-{label}" if label else "O")
            out.append(tags)
        return out


SEED_WORDS = {"بغداد": "LOC", "العراق": "LOC", "بايدن": "PERS", "الكاظمى": "PERS", "واشنطن": "LOC"}
