"""Short names of storage failures, safe for a report or a log: no data, no SQL, no paths."""

from __future__ import annotations

import errno
import sqlite3


def failure_name(exc: BaseException) -> str:
    """``SQLITE_FULL``, ``ENOSPC``, or the exception's class name."""
    orig = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error
    if isinstance(orig, BaseException):
        exc = orig
    name = getattr(exc, "sqlite_errorname", None)
    if isinstance(exc, sqlite3.Error) and name:
        return str(name)
    if isinstance(exc, OSError) and exc.errno is not None and exc.errno in errno.errorcode:
        return errno.errorcode[exc.errno]
    return type(exc).__name__
