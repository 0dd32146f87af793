"""Logging: one rotating file in the data home's log dir, never personal data or secrets.

Every record passes a redaction filter that masks ID-number and phone-looking digit runs, as a
last line of defence: code logs ids and receipt codes, never names, numbers or addresses. The
formatter redacts the whole formatted line again, tracebacks included (an exception's message
may quote a value).

:func:`install_crash_handler` logs any uncaught exception (main thread or worker thread) with
its traceback, redacted, and calls a restart callback instead of leaving a dead window.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from kiosk.domain.masking import redact_text

_SECRETS = re.compile(r"(?i)(secret|password|token|pin|authorization)(\W{1,3})(\S+)")


def redact(text: str) -> str:
    """Mask ID numbers, phones and e-mails (domain rules) and anything after a secret's name."""
    return _SECRETS.sub(lambda m: f"{m.group(1)}{m.group(2)}***", redact_text(text))


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg, record.args = redact(message), None
        return True


class RedactingFormatter(logging.Formatter):
    """Redacts the formatted record, traceback and stack included."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup(log_dir: Path, level: int = logging.INFO) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "kiosk.log"
    root = logging.getLogger()
    for existing in list(root.handlers):
        if getattr(existing, "_kiosk", False):
            root.removeHandler(existing)
            existing.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path


# --- crash handler ---------------------------------------------------------------------------

CRASH_LOG = logging.getLogger("kiosk.crash")
MAX_RESTARTS = 5  # within RESTART_WINDOW_S; more means a crash loop: stop restarting
RESTART_WINDOW_S = 60.0


@dataclass
class CrashHandler:
    """What :func:`install_crash_handler` installed; :meth:`uninstall` puts the old hooks back."""

    restart: Callable[[], None] | None
    previous_excepthook: Callable[..., object]
    previous_threading_hook: Callable[[threading.ExceptHookArgs], object]
    restarts: list[float] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def handle(
        self,
        kind: type[BaseException],
        value: BaseException,
        tb: TracebackType | None,
        thread: str,
    ) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        CRASH_LOG.critical("uncaught %s in thread %s\n%s", kind.__name__, thread, redact(text))
        if self.restart is None or not self._may_restart():
            return
        try:
            self.restart()
        except Exception:
            CRASH_LOG.exception("the restart after a crash failed")

    def _may_restart(self) -> bool:
        now = time.monotonic()
        with self._lock:
            self.restarts = [t for t in self.restarts if now - t < RESTART_WINDOW_S]
            if len(self.restarts) >= MAX_RESTARTS:
                CRASH_LOG.critical(
                    "%d crashes in %.0f s: not restarting", MAX_RESTARTS, RESTART_WINDOW_S
                )
                return False
            self.restarts.append(now)
            return True

    def excepthook(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            self.previous_excepthook(kind, value, tb)
            return
        self.handle(kind, value, tb, threading.current_thread().name)

    def threading_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        self.handle(args.exc_type, args.exc_value, args.exc_traceback, name)

    def uninstall(self) -> None:
        sys.excepthook = self.previous_excepthook
        threading.excepthook = self.previous_threading_hook


def install_crash_handler(restart: Callable[[], None] | None) -> CrashHandler:
    """Log uncaught exceptions (redacted traceback) and call ``restart``.

    ``restart`` runs on the thread that crashed: a UI passes a callback that posts the
    rebuild of the kiosk screen to the GUI thread. Ctrl+C and ``SystemExit`` keep their
    usual meaning. After :data:`MAX_RESTARTS` crashes within :data:`RESTART_WINDOW_S`
    seconds the handler only logs (a crash loop would otherwise never end).
    """
    handler = CrashHandler(restart, sys.excepthook, threading.excepthook)
    sys.excepthook = handler.excepthook
    threading.excepthook = handler.threading_hook
    return handler
