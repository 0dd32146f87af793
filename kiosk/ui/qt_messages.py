"""Qt's own messages ("This plugin does not support …", font and style warnings) go to the
kiosk's log, redacted like every other line, instead of a console no one reads at a support
point (and into the self-test's report, where they read as a fault)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("kiosk.qt")

LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    where = f" ({context.category})" if context.category and context.category != "default" else ""
    log.log(LEVELS.get(kind, logging.WARNING), "%s%s", message, where)


def route_to_log() -> None:
    """Install :func:`to_log` as Qt's message handler (pytest-qt puts its own over it in
    tests, and restores this one after)."""
    qInstallMessageHandler(to_log)
