"""The touch app: QApplication, theme and bundled font, language, the window, the workers.

``main()`` is what ``kiosk`` (no sub-command) and ``kiosk --demo`` run. ``render_home_png``
draws the home screen offscreen (the frozen build's self-test uses it).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui import qt_messages, theme
from kiosk.ui.main_window import MainWindow
from kiosk.ui.state import AppState


def application() -> QApplication:
    qt_messages.route_to_log()
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    theme.apply(app)
    return app


def build_window(*, kiosk_mode: bool, start_workers: bool = True) -> MainWindow:
    state = AppState(start_workers=start_workers)
    window = MainWindow(state, kiosk_mode=kiosk_mode)
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(window.idle)
    OpenAfterFirstPaint(window.home_screen, lambda: after_first_paint(window))
    return window


def after_first_paint(window: MainWindow) -> None:
    """What the first painted home screen did not wait for: the on-screen keyboard, Telex/VNI
    on a physical keyboard (its method is set from ``ui.typing_method`` once open), and
    opening the data home."""
    from kiosk.ui.keyboard import install_telex_filter

    window.make_keyboard()  # now, not when the first screen with fields opens
    app = QApplication.instance()
    if isinstance(app, QApplication):
        window.telex = install_telex_filter(app, "off")
    window.state.open()


class OpenAfterFirstPaint(QObject):
    """Start opening the data home once ``screen`` has painted (or after ``latest_ms``, if it
    is never shown). The db worker's first work — importing the core, migrating, loading the
    search index — shares the interpreter with the GUI thread; begun at once, it slows the
    first layout and paint by ~0.1 s. The home screen shows "opening…" meanwhile."""

    def __init__(self, screen: QWidget, start: Callable[[], None], latest_ms: int = 1000) -> None:
        super().__init__(screen)
        self._screen = screen
        self._start: Callable[[], None] | None = start
        screen.installEventFilter(self)
        QTimer.singleShot(latest_ms, self, self.fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._start is not None:
            QTimer.singleShot(0, self, self.fire)  # after this paint is on the screen
        return False

    def fire(self) -> None:
        start, self._start = self._start, None
        if start is not None:
            self._screen.removeEventFilter(self)
            start()


def main(kiosk_mode: bool = False) -> int:
    from kiosk.logs import install_crash_handler  # logging.handlers & co: not before the paint

    app = application()
    window = build_window(kiosk_mode=kiosk_mode)
    window.offer_setup = True
    install_crash_handler(window.crashed.emit)  # log, then a fresh home screen
    window.resize(1366, 768)
    if kiosk_mode:
        window.showFullScreen()
    else:
        window.setWindowState(Qt.WindowState.WindowMaximized)
        window.show()
    return int(app.exec())


def render_home_png(out: Path, size: tuple[int, int] = (1366, 768), wait_s: float = 20) -> None:
    """Open the data home (``KIOSK_HOME``), draw the home screen offscreen, save a PNG."""
    application()
    window = build_window(kiosk_mode=False, start_workers=False)
    window.resize(*size)
    window.show()
    loop = QEventLoop()
    window.state.opened.connect(loop.quit)
    window.state.open_failed.connect(lambda _message: loop.quit())
    QTimer.singleShot(int(wait_s * 1000), loop.quit)
    loop.exec()
    if window.state.kiosk is None:
        raise RuntimeError("the home screen could not open the data home")
    window.grab().save(str(out))
    window.exit_allowed = True
    window.close()
