"""Giving memory back to the operating system after a burst of work.

A kiosk runs for days on a small PC. After draining thousands of items or storing a new
catalogue, the C heap keeps the pages it used as free lists (glibc does not shrink its heaps
and per-thread arenas by itself): tens of MB the process no longer needs stay resident.
``malloc_trim(0)`` hands them back. Elsewhere (Windows, macOS, musl) this does nothing.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import sys
from collections.abc import Callable

log = logging.getLogger(__name__)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)  # the process's own symbols: glibc's malloc_trim, if any
        trim: Callable[[int], int] = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    return trim


def give_back() -> bool:
    """Return free heap pages to the OS (the GIL is released meanwhile); True if it could."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
