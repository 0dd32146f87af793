"""Ward staff's end of the day: the day close (chốt ngày), exports of the session log to a USB
stick or a folder, and the pilot statistics — over :mod:`kiosk.export`.

Sections are chosen in a fixed column on the left; the chosen one scrolls on the right (the
on-screen keyboard docks below and the focused field must scroll into view). Each panel is
built the first time it is opened and kept while the screen lives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.screens.staff.dayclose import DayClosePanel
from kiosk.ui.screens.staff.export import ExportPanel
from kiosk.ui.screens.staff.stats import StatsPanel
from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import button

SIDEBAR_WIDTH = 264
BUTTON_PADDING = 24 + 2 * 18 + 2 * 2 + 8  # margin, padding, border, slack
PANELS: dict[str, Callable[[Any], QWidget]] = {
    "dayclose": DayClosePanel,
    "export": ExportPanel,
    "stats": StatsPanel,
}


def section_words(key: str) -> str:
    return {
        "dayclose": translate("StaffScreen", "Chốt ngày"),
        "export": translate("StaffScreen", "Xuất báo cáo"),
        "stats": translate("StaffScreen", "Thống kê"),
    }[key]


class StaffScreen(Screen):
    roles = ("staff", "technician")
    holds_resident_data = False

    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        self.body = self.scrolling_body()
        self.panels: dict[str, QWidget] = {}
        self.section_buttons: dict[str, QPushButton] = {}
        self.current_section = ""
        self._sidebar()
        self.body.addStretch(1)
        self.show_section(str(params.get("section") or "dayclose"))

    def heading(self) -> str:
        return translate("StaffScreen", "Chốt ngày và xuất báo cáo")

    def leave_ok(self) -> bool:
        panel = self.panels.get("dayclose")
        return not isinstance(panel, DayClosePanel) or not panel.half_filled()

    def _sidebar(self) -> None:
        """The section buttons left of the scroll area, outside it (they never scroll away)."""
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.removeWidget(self.scroll_area)
        column = QWidget()
        side = QVBoxLayout(column)
        side.setContentsMargins(24, 16, 0, 16)
        side.setSpacing(12)
        for key in PANELS:
            tab = button(section_words(key), self._opener(key))
            tab.setObjectName(f"section_{key}")
            tab.setCheckable(True)
            self.section_buttons[key] = tab
            side.addWidget(tab)
        side.addStretch(1)
        column.setFixedWidth(self._sidebar_width())  # the same whichever panel is shown
        row = QHBoxLayout()
        row.addWidget(column)
        row.addWidget(self.scroll_area, 1)
        outer.addLayout(row)

    def _sidebar_width(self) -> int:
        """Room for the longest section name in bold (the chosen one is bold)."""
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        words = max(metrics.horizontalAdvance(b.text()) for b in self.section_buttons.values())
        return max(SIDEBAR_WIDTH, words + BUTTON_PADDING)

    def _opener(self, key: str) -> Callable[[], None]:
        return lambda: self.show_section(key)

    def show_section(self, key: str) -> None:
        if key not in PANELS:
            key = "dayclose"
        if key not in self.panels:
            panel = PANELS[key](self)
            panel.setObjectName(f"panel_{key}")
            self.panels[key] = panel
            self.body.insertWidget(self.body.count() - 1, panel)
        for name, panel in self.panels.items():
            panel.setVisible(name == key)
        for name, tab in self.section_buttons.items():
            tab.setChecked(name == key)
            tab.setProperty("role", "primary" if name == key else "")
            tab.style().unpolish(tab)
            tab.style().polish(tab)
        self.current_section = key
        self.scroll_area.verticalScrollBar().setValue(0)

    @property
    def current_panel(self) -> QWidget:
        return self.panels[self.current_section]

    def reveal(self, widget: QWidget) -> None:
        self.scroll_area.ensureWidgetVisible(widget, 50, 80)


SCREEN = StaffScreen
