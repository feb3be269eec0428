"""Work around a PySide6 6.12.0 reference-count bug that aborts the process on CPython 3.11.

Measured here (PySide6 6.12.0, CPython 3.11.7): every call of a Qt method that returns
nothing drops one reference to ``None`` without having taken it. ``sys.getrefcount(None)``
falls by exactly 1000 after 1000 ``QLabel.setText`` calls, so after a few thousand widget
updates (a status bar refresh, a repaint of the queue) CPython frees ``None`` and aborts:
``Fatal Python error: none_dealloc``. CPython 3.12 made ``None``, ``True`` and ``False``
immortal, which is why the bug only bites on 3.11.

We do what 3.12 does: give those singletons a reference count so large that no number of
leaked decrements reaches zero (2**40: a trillion calls). They are static objects that are
never freed anyway, so nothing else changes. Called when ``assist.ui`` is imported, before
any widget exists. Remove once a fixed PySide6 is required.
"""

from __future__ import annotations

import ctypes
import sys

IMMORTAL = 1 << 40


def immortalize_singletons() -> bool:
    """Make None/True/False/Ellipsis/NotImplemented immortal on CPython < 3.12; True if done."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    for obj in (None, True, False, Ellipsis, NotImplemented):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is the first field
        if refcnt.value < IMMORTAL:
            refcnt.value = IMMORTAL
    return True
