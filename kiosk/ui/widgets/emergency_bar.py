"""A red bar under the top bar on every screen but home while an emergency notice (storm,
flood, fire, epidemic) is in force: a resident filling a form for ten minutes, or a volunteer
on the dashboard, sees the alert the province sent meanwhile. A tap goes home, where the whole
notice is (asking first, as the home button does, if a form is half filled)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton

from kiosk.ui.i18n import translate
from kiosk.ui.state import AppState

if TYPE_CHECKING:
    from kiosk.services.context import Kiosk

CHECK_MS = 60_000  # notices are read again this often: one may start or end on its own


def emergency_titles(kiosk: Kiosk) -> list[str]:
    """Worker side: the titles of the emergency notices in force, most urgent first."""
    from kiosk.services import notices  # loaded once the data home is open

    return [n.title for n in notices.current(kiosk) if n.emergency]


class EmergencyBar(QPushButton):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.titles: list[str] = []
        self.at_home = True
        self.setObjectName("emergencyBar")
        self.setProperty("role", "emergency_bar")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()
        self.check = QTimer(self)
        self.check.timeout.connect(self.refresh)
        self.check.start(CHECK_MS)
        state.opened.connect(self.refresh)
        state.bridge.changes_applied.connect(lambda _count: self.refresh())
        state.language_changed.connect(lambda _language: self._show())

    def refresh(self) -> None:
        kiosk = self.state.kiosk
        if kiosk is not None:
            self.state.tasks.run(lambda: emergency_titles(kiosk), self._got)

    def _got(self, titles: list[str]) -> None:
        self.titles = titles
        self._show()

    def set_at_home(self, at_home: bool) -> None:
        """Home shows the notices themselves, large: no bar there."""
        self.at_home = at_home
        self._show()

    def _show(self) -> None:
        if self.titles:
            self.setText(
                translate("EmergencyBar", "⚠ KHẨN CẤP: {title} — chạm để đọc").format(
                    title=" · ".join(self.titles)
                )
            )
        self.setVisible(bool(self.titles) and not self.at_home)
