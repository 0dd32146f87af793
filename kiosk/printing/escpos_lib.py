"""Importing python-escpos without its side effects, and its printer profiles.

``import escpos`` parses a 0.5 MB YAML capability database unless a pickle of it is found in
``ESCPOS_CAPABILITIES_PICKLE_DIR`` (about 0.3 s per process otherwise); it also creates an
empty temporary directory every time (``mkdtemp()`` is evaluated even when the variable is
set) and calls ``logging.basicConfig()``, which would copy every kiosk log line to stderr.
:func:`load` points the pickle at the data home's cache, makes that stray directory inside
the cache (and removes it), and takes back the stderr handler.
"""

from __future__ import annotations

import difflib
import logging
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any, NamedTuple

from kiosk import paths

_lock = threading.Lock()
_loaded = False
ENV = "ESCPOS_CAPABILITIES_PICKLE_DIR"


def cache_dir() -> Path:
    return paths.layout().cache / "escpos"


def load() -> None:
    """Import python-escpos once per process, quietly (safe from any thread)."""
    global _loaded
    with _lock:
        if _loaded:
            return
        directory = Path(os.environ.get(ENV) or cache_dir())
        directory.mkdir(parents=True, exist_ok=True)
        os.environ[ENV] = str(directory)
        root = logging.getLogger()
        handlers_before = list(root.handlers)
        stray = directory / "stray"
        stray.mkdir(exist_ok=True)
        previous_tempdir = tempfile.tempdir
        tempfile.tempdir = str(stray)
        try:
            import escpos.capabilities  # noqa: F401  (the import is the point)
        finally:
            tempfile.tempdir = previous_tempdir
            shutil.rmtree(stray, ignore_errors=True)
            for handler in list(root.handlers):
                if handler not in handlers_before:
                    root.removeHandler(handler)
        _loaded = True


def profile_names() -> list[str]:
    load()
    from escpos import capabilities

    return sorted(capabilities.CAPABILITIES["profiles"])


class ProfileProblem(NamedTuple):
    """Why a ``printer.profile`` value is refused: Vietnamese, then English (no final full
    stop: the settings add the key before and the English after)."""

    message: str
    message_en: str


def profile_problem(name: str) -> ProfileProblem | None:
    """None when ``name`` is a profile of python-escpos's capability database (the values
    ``printer.profile`` takes, case as listed); else what is wrong, with the closest names
    and what to choose for a printer the database does not list."""
    names = profile_names()
    if name in names:
        return None
    by_upper = {known.upper(): known for known in names}
    close = difflib.get_close_matches(name.upper(), list(by_upper), n=3, cutoff=0.7)
    guess = ", ".join(by_upper[upper] for upper in close)
    return ProfileProblem(
        f"Không có dòng máy in “{name}” trong danh sách của python-escpos (phân biệt chữ hoa, "
        "chữ thường)"
        + (f"; tên gần giống: {guess}" if guess else "")
        + "; với máy không có trong danh sách, hãy chọn một dòng cùng khổ giấy, ví dụ POS-5890 "
        "(58 mm) hoặc TM-T20II (80 mm)",
        f"“{name}” is not a printer profile of python-escpos (case matters)"
        + (f"; close names: {guess}" if guess else "")
        + "; for a printer not in the list choose one of the same paper width, e.g. POS-5890 "
        "(58 mm) or TM-T20II (80 mm)",
    )


def profile_data(name: str) -> dict[str, Any]:
    """A profile of python-escpos's capability database; KeyError if unknown."""
    load()
    from escpos import capabilities

    data: dict[str, Any] = capabilities.CAPABILITIES["profiles"][name]
    return data


def profile_dots(name: str) -> int | None:
    """The printable width in dots the profile states, or None if it does not say."""
    pixels = profile_data(name).get("media", {}).get("width", {}).get("pixels")
    return pixels if isinstance(pixels, int) else None


def supports(name: str, feature: str) -> bool:
    return bool(profile_data(name).get("features", {}).get(feature))


def code_page(name: str, encoding: str) -> int | None:
    """The ``ESC t`` number of ``encoding`` (e.g. ``CP1258``) in the profile, or None."""
    for number, page in profile_data(name).get("codePages", {}).items():
        if page == encoding:
            return int(number)
    return None
