"""The window: the only package that imports PySide6.

Modules here without Qt in them (`bidi`, `offsets`, `paths`) are pure helpers the views use; they are
tested on their own. Everything else is wired once in `app.ui.main.run_gui` and passed in (no singletons).
"""
