"""Event-loop stalls while the window finds and paints entities.

    python tests/bench/entities_stall.py              # seeds/long_article.txt, 5 runs each
    python tests/bench/entities_stall.py --runs 10

Two cases, each in a fresh window: the bundled recognizer on the long sample (what a user sees), and a
stress case where every 4-5 letter word of the sample is tagged (about 1,800 mentions, 1,000 entries).
A 10 ms timer ticks from the moment the article is on screen until the entities are shown; the longest
gap between ticks is the stall. Opening the file (reading, laying out the document) happens before the
clock starts and is printed separately. The goal is a stall under 100 ms; the test suite asserts it for
the bundled case (tests/ui/test_entity_worker.py runs `one_run` in a fresh process); the stress case
is reported here only, because on a loaded two-core machine its numbers swing with whatever else runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

LONG = ROOT / "seeds" / "long_article.txt"


def one_run(make_loader: Callable[[], Callable[[str], object]]) -> tuple[float, float, int, int]:
    """`(opening s, longest stall s, mentions listed, highlights in the document)` for one fresh window."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.entity_features import install_entity_features
    from app.ui.fonts import load_bundled_fonts
    from app.ui.highlighter import read_highlights
    from app.ui.main import freeze_startup_heap
    from app.ui.main_window import MainWindow
    from app.ui.services import Services

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as data:
        window = MainWindow(Services.create(Path(data), load_bundled_fonts()))
        features = install_entity_features(window, loader=make_loader())  # type: ignore[arg-type]
        features.service.holder.get()  # the model loads once per process, not per article
        window.show()
        freeze_startup_heap()  # as run_gui does once the window is up
        for _ in range(5):
            app.processEvents()
        t0 = time.perf_counter()
        window.open_path(LONG)
        window.reader.document().size()
        opening = time.perf_counter() - t0
        clock = QElapsedTimer()
        gaps: list[int] = []
        last = [0]

        def tick() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.timeout.connect(tick)
        clock.start()
        timer.start(10)
        deadline = time.perf_counter() + 60
        while not features.settled() and time.perf_counter() < deadline:
            app.processEvents()
        timer.stop()
        mentions = sum(e.count for e in features.entities)
        highlights = len(read_highlights(window.reader.document()))
        features.service.shutdown()
        window.close()
        window.deleteLater()
        app.processEvents()
    return opening, max(gaps) / 1000, mentions, highlights


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from app.ner.base import get_recognizer
    from tests.ui.entity_support import StandInRecognizer

    bundled = get_recognizer("bundled")
    text = LONG.read_text(encoding="utf-8")
    stress = StandInRecognizer({w: "LOC" for w in set(text.split()) if 4 <= len(w) <= 5})
    for name, model in (("bundled", bundled), ("stress", stress)):
        stalls, openings, mentions = [], [], 0
        for _ in range(args.runs):
            opening, stall, mentions, _highlights = one_run(lambda m=model: lambda _n: m)
            stalls.append(stall * 1000)
            openings.append(opening * 1000)
        print(
            f"{name}: {mentions} mentions; stall ms median {statistics.median(stalls):.0f} "
            f"max {max(stalls):.0f}; opening ms median {statistics.median(openings):.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
