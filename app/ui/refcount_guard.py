"""Keep `None` alive under PySide6 6.12 on CPython 3.11.

PySide6 6.12's bindings return `None` from every C++ `void` method without taking a reference (fine on
CPython 3.12+, where `None` is immortal). On 3.11 each such call (`QTextCursor.setPosition`,
`QWidget.resize`, ...) drops None's reference count by one, and after a few thousand calls Python aborts
with "Fatal Python error: none_dealloc". Reproduce: `for _ in range(10_000): cursor.setPosition(0)`.

`pin_none()` adds 2**40 references to `None` once, which makes it as good as immortal: it only ever
needs to be called once per process, before the window starts, and is a no-op on 3.12+.
"""

from __future__ import annotations

import ctypes
import sys

_PINNED = False
_EXTRA = 1 << 40


def pin_none() -> None:
    global _PINNED
    if _PINNED or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    # ob_refcnt is the first field of every PyObject (a Py_ssize_t) in release builds.
    ctypes.c_ssize_t.from_address(id(None)).value += _EXTRA
    _PINNED = True
