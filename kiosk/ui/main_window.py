"""The kiosk window. It only routes: screens come and go, the top bar, the status strip,
the on-screen keyboard, messages and the idle wipe live here; the work is in the screens."""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.i18n import translate
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.state import AppState
from kiosk.ui.widgets.emergency_bar import EmergencyBar
from kiosk.ui.widgets.overlay import Dialogs
from kiosk.ui.widgets.status_strip import StatusStrip
from kiosk.ui.widgets.top_bar import TopBar

if TYPE_CHECKING:  # made after the first paint: see keyboard
    from kiosk.ui.keyboard import OnScreenKeyboard, TelexFilter

log = logging.getLogger(__name__)


def screen_class(name: str) -> type[Screen]:
    module = importlib.import_module(f"kiosk.ui.screens.{name}")
    cls: type[Screen] = module.SCREEN
    return cls


class MainWindow(QMainWindow):
    crashed = Signal()  # from any thread (the crash handler): rebuilt on the GUI thread

    def __init__(self, state: AppState, *, kiosk_mode: bool = False) -> None:
        super().__init__()
        self.state = state
        self.kiosk_mode = kiosk_mode
        self.exit_allowed = not kiosk_mode
        self.history: list[tuple[str, dict[str, Any]]] = []
        self.current: Screen | None = None
        self.telex: TelexFilter | None = None  # the app installs it (kiosk.ui.app)
        self.offer_setup = False  # kiosk.ui.app.main: a never-set-up kiosk opens the wizard
        self.setWindowTitle("Cà phê Dịch vụ công")
        self._build()
        self.idle = IdleWatcher(90, 15, self)
        self.idle.warn.connect(self._idle_warn)
        self.idle.resumed.connect(self.dialogs.overlay.dismiss)
        self.idle.expired.connect(self.wipe)
        state.opened.connect(self._opened)
        state.open_failed.connect(self._open_failed)
        state.language_changed.connect(self._language_changed)
        state.user_changed.connect(lambda _user: self._arm_idle())
        state.tasks.failed.connect(self._task_failed)
        state.settings_changed.connect(self._apply_settings)
        self.crashed.connect(self.recover)
        if kiosk_mode:
            self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.Window)

    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.top_bar = TopBar(self.state)
        self.stack = QStackedWidget()
        self.home_screen = HomeScreen(self.state, self)
        self.stack.addWidget(self.home_screen)
        self.status_strip = StatusStrip(self.state)
        self.emergency_bar = EmergencyBar(self.state)
        self.emergency_bar.clicked.connect(self.leave_home)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.emergency_bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status_strip)
        self.setCentralWidget(body)
        self._body, self._layout = body, layout
        self._keyboard: OnScreenKeyboard | None = None
        self.dialogs = Dialogs(body)
        bar = self.top_bar
        bar.back_clicked.connect(self.back)
        bar.home_clicked.connect(self.leave_home)
        bar.help_clicked.connect(self.call_volunteer)
        bar.language_clicked.connect(self.toggle_language)
        bar.login_clicked.connect(self._login_or_out)
        self._show_place()

    @property
    def keyboard(self) -> OnScreenKeyboard:
        return self.make_keyboard()

    def make_keyboard(self) -> OnScreenKeyboard:
        """The on-screen keyboard, docked below the screen (the screen shrinks, the field stays
        in view). Made when first needed — the app makes it right after the first paint, a
        screen with fields before it shows — so that its ~25 ms of modules (the Telex/VNI
        composer, the pads) are not on the way to the first painted home screen."""
        if self._keyboard is None:
            from kiosk.ui.keyboard import OnScreenKeyboard

            self._keyboard = OnScreenKeyboard(self._body)
            self._layout.insertWidget(self._layout.indexOf(self.status_strip), self._keyboard)
            self._keyboard.attach(self._body)
        return self._keyboard

    def done_typing(self) -> None:
        """The screen asked for what was typed (a look-up): put the keys away so that the
        answer below shows; the field keeps the focus."""
        if self._keyboard is not None:
            self._keyboard.put_away()

    # --- routing ---------------------------------------------------------------------------

    def go(self, name: str, **params: Any) -> None:
        cls = screen_class(name)
        if cls.roles and not self.state.has_role(*cls.roles):
            self._show("login", {"then": name, "then_params": params, "roles": cls.roles})
            return
        if self.current is not None:
            self.history.append((self.current.route, self.current.params))
        self._show(name, params)

    def _show(self, name: str, params: dict[str, Any]) -> None:
        self.make_keyboard()  # made (and following the focus) before a field can take it
        screen = screen_class(name)(self.state, self, **params)
        screen.route = name
        screen.idle_changed.connect(self._arm_idle)
        self._discard_current()
        self.current = screen
        # Only the shown screen may set the minimum height: the home screen's big tiles must
        # not make the window taller than the display when the keyboard takes its half (the
        # new screen may focus a field, and so show the keyboard, as soon as it is shown).
        self.stack.removeWidget(self.home_screen)
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        self._show_place()
        self._arm_idle()

    def back(self) -> None:
        """The previous screen, asking first if this one holds a half-filled form."""
        if self.current is not None and not self.current.leave_ok():
            self.confirm(
                translate("MainWindow", "Bỏ những gì đã nhập và quay lại?"),
                self._back_now,
                yes=translate("MainWindow", "Bỏ và quay lại"),
                no=translate("MainWindow", "Ở lại"),
            )
            return
        self._back_now()

    def _back_now(self) -> None:
        if not self.history:
            self.home()
            return
        name, params = self.history.pop()
        self._show(name, params)

    def leave_home(self) -> None:
        """Home, asking first if the screen holds a half-filled form."""
        if self.current is not None and not self.current.leave_ok():
            self.confirm(
                translate("MainWindow", "Bỏ những gì đã nhập và về trang chủ?"),
                self.home,
                yes=translate("MainWindow", "Bỏ và về trang chủ"),
                no=translate("MainWindow", "Ở lại"),
            )
            return
        self.home()

    def home(self) -> None:
        self.history.clear()
        self._discard_current()
        if self._keyboard is not None:
            self._keyboard.hide()  # home has no field to type into
        if self.stack.indexOf(self.home_screen) < 0:
            self.stack.addWidget(self.home_screen)
        self.stack.setCurrentWidget(self.home_screen)
        self.home_screen.refresh()
        self._show_place()
        self._arm_idle()

    def _discard_current(self) -> None:
        if self.current is None:
            return
        try:  # a dossier given up: its draft dropped, its scans out of the scanner folder
            self.current.discard()
        except Exception:  # never in the way of leaving (the crash handler's rebuild too)
            log.exception("a screen could not let go of what it held")
        self.stack.removeWidget(self.current)
        self.current.hide()
        self.current.deleteLater()  # its fields, and what a resident typed, go with it
        self.current = None

    def _show_place(self) -> None:
        at_home = self.current is None
        title = self.current.heading() if self.current is not None else self.home_screen.heading()
        self.top_bar.set_place(title, at_home, self.current.route if self.current else "")
        self.emergency_bar.set_at_home(at_home)

    # --- idle, wipe ------------------------------------------------------------------------

    def _arm_idle(self) -> None:
        """Watch while away from home, while someone is logged in, or while a resident's
        language choice is in force — except in the first-run wizard, where nobody could log
        back in yet."""
        away = self.current is not None and self.current.wiped_when_idle
        chosen = self.state.language != self.state.home_language and self.current is None
        self.idle.stretch(self.current.idle_limits() if self.current is not None else None)
        self.idle.arm(away or chosen or self.state.user is not None)

    def _idle_warn(self, seconds: int) -> None:
        words = self.current.idle_words(seconds) if self.current is not None else None
        words = words or translate(
            "MainWindow",
            "Ông/bà vẫn đang dùng máy chứ? Chạm vào màn hình để tiếp tục. "
            "Thông tin đã nhập sẽ bị xóa sau {n} giây.",
        ).format(n=seconds)
        if seconds == self.idle.limits[1] or not self.dialogs.showing:
            self.dialogs.toast(words)
        else:
            self.dialogs.message.setText(words)

    def wipe(self) -> None:
        """Everything a resident typed leaves the screen and memory (a dossier given up takes
        its scans out of the scanner folder); volunteers log out. The next person is a new
        resident: nothing that reached the scanner folder before is offered to them."""
        self.state.new_resident()
        self.dialogs.overlay.dismiss()
        for field in self.findChildren(QLineEdit):
            field.clear()
        for plain in self.findChildren(QPlainTextEdit):
            plain.clear()
        for rich in self.findChildren(QTextEdit):
            rich.clear()
        self.home()  # hides the keyboard
        if self.state.user is not None:
            self.state.set_user(None)
        if self.state.language != self.state.home_language:  # the next resident's language
            self.state.set_language(self.state.home_language)
        log.info("idle: screen wiped")

    def recover(self) -> None:
        """After an uncaught error (logged by the crash handler): a fresh home screen, as after
        a wipe for what the scanner folder offers (nothing would wipe the home screen later)."""
        self.state.new_resident()
        self.dialogs.overlay.dismiss()
        self.home()  # hides the keyboard
        self.toast(
            translate(
                "MainWindow",
                "Máy vừa gặp lỗi và đã mở lại màn hình chính. Những gì đã lưu không bị mất.",
            ),
            "error",
        )

    # --- top bar actions -------------------------------------------------------------------

    def call_volunteer(self) -> None:
        kiosk = self.state.kiosk
        if kiosk is None:
            return
        from kiosk.services import help_requests

        where = type(self.current).__name__ if self.current is not None else "home"
        self.state.tasks.run(lambda: help_requests.request(kiosk, where))
        self.toast(
            translate(
                "MainWindow",
                "Đã báo tình nguyện viên. Xin ông/bà chờ một chút, sẽ có người đến giúp.",
            )
        )

    def toggle_language(self) -> None:
        self.state.set_language("en" if self.state.language == "vi" else "vi")

    def _language_changed(self, _language: str) -> None:
        self.top_bar.retranslate()
        self.home_screen.retranslate()
        self._show_place()
        self._arm_idle()  # English left on at home is wiped back too

    def _login_or_out(self) -> None:
        if self.state.user is None:
            self.go("login")
            return
        self.state.set_user(None)
        self.home()

    def _opened(self) -> None:
        self._apply_settings()
        self.home_screen.refresh()
        self._show_place()
        if self.offer_setup:
            from kiosk.services import setup_steps

            kiosk = self.state.require_kiosk()
            self.state.tasks.run(lambda: setup_steps.needs_setup(kiosk), self._first_run)

    def _open_failed(self, message: str) -> None:
        self.home_screen.show_problem(message)
        self._show_place()
        self.toast(message, "error")

    def _first_run(self, needed: bool) -> None:
        if needed and self.current is None:
            self.go("setup")

    def _apply_settings(self) -> None:
        """What applies without a restart: idle times, the physical keyboard's typing method."""
        settings = self.state.require_kiosk().settings
        self.idle.configure(
            settings.get_int("idle.timeout_s"), settings.get_int("idle.countdown_s")
        )
        if self.telex is not None:
            self.telex.set_method(settings.get_str("ui.typing_method"))

    def exit_to_desktop(self) -> None:
        """A technician leaves the kiosk (the technician screen asks first)."""
        self.exit_allowed = True
        self.close()

    # --- messages --------------------------------------------------------------------------

    def toast(self, message: str, level: str = "info") -> None:
        self.dialogs.toast(message, level)

    def confirm(self, message: str, on_yes: Any, yes: str = "", no: str = "") -> None:
        self.dialogs.confirm(message, on_yes, yes, no)

    def _task_failed(self, error: BaseException) -> None:
        self.toast(
            translate(
                "MainWindow",
                "Có lỗi khi xử lý. Dữ liệu đã lưu không bị mất. Hãy thử lại hoặc gọi "
                "tình nguyện viên.",
            ),
            "error",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.exit_allowed:
            event.ignore()  # Alt+F4 on a kiosk: only a technician may leave
            return
        self.state.close()
        super().closeEvent(event)
