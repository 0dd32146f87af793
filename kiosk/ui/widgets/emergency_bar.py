"""A red bar under the top bar on every screen but home while an emergency notice (storm,
flood, fire, epidemic) is in force: a resident filling a form for ten minutes, or a volunteer
on the dashboard, sees the alert the province sent meanwhile. A tap goes home, where the whole
notice is (asking first, as the home button does, if a form is half filled). The notices come
from the app's :class:`~kiosk.ui.notice_watch.NoticeWatch`, as the home screen's do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.ui.i18n import translate
from kiosk.ui.state import AppState

if TYPE_CHECKING:
    from kiosk.services.notices import NoticeView


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
        state.notices.changed.connect(self._got)
        state.language_changed.connect(lambda _language: self._show())

    def _got(self, shown: list[NoticeView]) -> None:
        self.titles = [notice.title for notice in shown if notice.emergency]
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
