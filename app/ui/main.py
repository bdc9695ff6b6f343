"""Start the window: `qari [--data-dir DIR] [FILE]` (or `python -m app ...`).

Start-up stays light: PySide6 widgets, the bundled font and the reader for the file given; recognizers
(and torch, which camel-tools' BERT needs) are never imported here.

`QARI_BENCH_EXIT_AFTER_PAINT=1` makes the program print one line `painted {json}` at the first paint of
the reading pane and quit; tests/bench/startup.py and the start-up tests use it.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Sequence

BENCH_ENV = "QARI_BENCH_EXIT_AFTER_PAINT"
HEAVY_MODULES = ("torch", "transformers", "camel_tools.ner", "onnxruntime")


def freeze_startup_heap() -> None:
    """Move every object alive now (modules, widgets, the model's tables) out of the garbage collector's
    reach. A full collection otherwise walks them all, from whichever thread triggers it, and holds the
    interpreter for 50-200 ms: long enough to stall the window while a worker recognizes an article."""
    gc.freeze()


def run_gui(argv: Sequence[str]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.entity_features import install_entity_features
    from app.ui.export_features import install_export_features
    from app.ui.fonts import load_bundled_fonts
    from app.ui.library_features import install_library_features
    from app.ui.main_window import FirstPaintWatcher, MainWindow
    from app.ui.paths import parse_gui_args
    from app.ui.services import Services

    args = parse_gui_args(argv)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *argv])
    app.setApplicationName("Qari")
    app.setOrganizationName("Qari")
    app.setApplicationDisplayName("Qari")

    services = Services.create(args.data_dir, load_bundled_fonts())
    window = MainWindow(services)
    install_entity_features(window)  # recognition worker, highlights, entities panel, corrections
    install_library_features(window)  # saved articles, notes, library window, search, import
    install_export_features(window)  # File > Export... (Ctrl+E)

    if os.environ.get(BENCH_ENV):

        def painted() -> None:
            heavy = sorted(m for m in HEAVY_MODULES if m in sys.modules)
            info = {"article": window.article is not None, "heavy_modules": heavy}
            print("painted " + json.dumps(info), flush=True)
            QTimer.singleShot(0, app.quit)

        watcher = FirstPaintWatcher(painted, window)
        window.reader.viewport().installEventFilter(watcher)

    if args.file is not None:
        window.open_path(args.file)
    window.show()
    freeze_startup_heap()
    code = app.exec()
    window.wait_for_reads(5_000)
    return int(code)
