"""What every screen is: a QWidget built fresh when the resident arrives and destroyed when
they leave (so a draft with someone's data in it never outlives the visit). A save the screen
asked for that is slow to come back shows "Đang lưu…" over it (``SavingNotice``)."""

from __future__ import annotations

from typing import Any, ClassVar, Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import scrolling_page
from kiosk.ui.widgets.saving_notice import SavingNotice


class Navigator(Protocol):
    def go(self, name: str, **params: Any) -> None: ...
    def back(self) -> None: ...
    def home(self) -> None: ...
    def toast(self, message: str, level: str = "info") -> None: ...
    def confirm(self, message: str, on_yes: Any, yes: str = "", no: str = "") -> None: ...
    def done_typing(self) -> None: ...


class Screen(QWidget):
    """``roles`` empty: anyone (residents too); else only a logged-in user with one of them."""

    roles: ClassVar[tuple[str, ...]] = ()
    holds_resident_data: ClassVar[bool] = True
    # False where an idle wipe would strand the kiosk (the first-run wizard: nobody to log in)
    wiped_when_idle: ClassVar[bool] = True
    idle_changed = Signal()  # idle_limits() or idle_words() say something else now

    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__()
        self.state = state
        self.nav = nav
        self.params = params
        self.route = ""
        self.setObjectName(type(self).__name__)
        self.saving_notice: SavingNotice | None = None  # made the first time a save is slow
        state.tasks.waiting_changed.connect(self._waiting_changed)

    def heading(self) -> str:
        """The title shown in the top bar."""
        return ""

    def leave_ok(self) -> bool:
        """False to ask before leaving (a half-filled form): the window asks, then leaves."""
        return True

    def discard(self) -> None:
        """The screen is left for good (another screen, home, the idle wipe, a crash) and will
        be destroyed: let go of what a resident entered, and clean up after a form given up
        (off the GUI thread). Called once, by the window, before the screen is destroyed."""

    def idle_limits(self) -> tuple[int, int] | None:
        """Longer (timeout_s, countdown_s) than the kiosk's while this screen needs them (a
        resident away in their banking app); None: the kiosk's own. Emit ``idle_changed``
        when the answer changes."""
        return None

    def idle_words(self, seconds: int) -> str | None:
        """What the idle countdown says on this screen; None: the window's usual words."""
        return None

    def _waiting_changed(self) -> None:
        words = self.state.tasks.waiting_words(self)
        if words is not None and self.saving_notice is None:
            self.saving_notice = SavingNotice(self)
        if self.saving_notice is not None:
            self.saving_notice.say(words)

    def scrolling_body(self) -> QVBoxLayout:
        """A vertical layout inside a scroll area filling the screen (keyboard-friendly)."""
        self.scroll_area, layout = scrolling_page(self, (32, 16, 32, 32))
        return layout
