"""Keep `None` alive under PySide6 6.12 on CPython 3.11.

PySide6 6.12's bindings return `None` from every C++ `void` method without taking a reference (fine on
CPython 3.12+, where `None` is immortal). On 3.11 each such call (`QTextCursor.setPosition`,
`QWidget.resize`, ...) drops None's reference count by one, and after a few thousand calls Python aborts
with "Fatal Python error: none_dealloc". Reproduce: `for _ in range(10_000): cursor.setPosition(0)`.

pyproject.toml excludes that release; in case it is installed anyway, `pin_none()` adds 2**40 references
to `None` once, which makes it as good as immortal. It acts only on the affected release under CPython
before 3.12 and is a no-op everywhere else.
"""

from __future__ import annotations

import ctypes
import sys

_PINNED = False
_EXTRA = 1 << 40
AFFECTED = frozenset({"6.12.0"})


def installed_pyside_version() -> str:
    """The installed PySide6 version, read from its metadata (importing PySide6 here would load Qt)."""
    from importlib.metadata import PackageNotFoundError, version

    for dist in ("PySide6-Essentials", "PySide6"):
        try:
            return version(dist)
        except PackageNotFoundError:
            continue
    return ""


def pin_none() -> None:
    global _PINNED
    if _PINNED or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    if installed_pyside_version() not in AFFECTED:
        return
    # ob_refcnt is the first field of every PyObject (a Py_ssize_t) in release builds.
    ctypes.c_ssize_t.from_address(id(None)).value += _EXTRA
    _PINNED = True
