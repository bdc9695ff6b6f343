"""The window: the only package that imports PySide6.

Modules here without Qt in them (`bidi`, `offsets`, `paths`) are pure helpers the views use; they are
tested on their own. Everything else is wired once in `app.ui.main.run_gui` and passed in (no singletons).
"""

from app.ui.refcount_guard import pin_none

pin_none()  # PySide6 6.12 on CPython 3.11 leaks None references; see refcount_guard
