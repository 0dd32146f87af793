"""Technician screen: settings (drawn from the declarations), printer test page, diagnostics
(``kiosk doctor`` as a screen), the province credentials, and the way out to the desktop.

Sections are chosen in a fixed column on the left; the chosen one scrolls on the right (the
on-screen keyboard docks below and the focused field must scroll into view). Each panel is
built the first time it is opened and kept while the screen lives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.screens.technician.credentials_panel import CredentialsPanel
from kiosk.ui.screens.technician.doctor_panel import DoctorPanel
from kiosk.ui.screens.technician.printer_panel import PrinterPanel
from kiosk.ui.screens.technician.settings_panel import SettingsPanel
from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import button

PANELS: dict[str, Callable[[Any], QWidget]] = {
    "settings": SettingsPanel,
    "printer": PrinterPanel,
    "doctor": DoctorPanel,
    "credentials": CredentialsPanel,
}


def section_words(key: str) -> str:
    return {
        "settings": translate("TechnicianScreen", "Cài đặt"),
        "printer": translate("TechnicianScreen", "Máy in"),
        "doctor": translate("TechnicianScreen", "Chẩn đoán"),
        "credentials": translate("TechnicianScreen", "Kết nối với tỉnh"),
    }[key]


class TechnicianScreen(Screen):
    roles = ("technician",)
    holds_resident_data = False

    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        self.body = self.scrolling_body()
        self.panels: dict[str, QWidget] = {}
        self.section_buttons: dict[str, QPushButton] = {}
        self.current_section = ""
        self._sidebar()
        self.body.addStretch(1)
        self.show_section(str(params.get("section") or "settings"))

    def heading(self) -> str:
        return translate("TechnicianScreen", "Kỹ thuật")

    def _sidebar(self) -> None:
        """The section buttons left of the scroll area, outside it (they never scroll away)."""
        outer = self.layout()
        assert isinstance(outer, QLayout)
        outer.removeWidget(self.scroll_area)
        side = QVBoxLayout()
        side.setContentsMargins(24, 16, 0, 16)
        side.setSpacing(12)
        for key in PANELS:
            tab = button(section_words(key), self._opener(key))
            tab.setObjectName(f"section_{key}")
            tab.setCheckable(True)
            self.section_buttons[key] = tab
            side.addWidget(tab)
        side.addStretch(1)
        for name, words, route in (
            ("openSubject", translate("TechnicianScreen", "Dữ liệu của một người"), "subject"),
            ("rerunSetup", translate("TechnicianScreen", "Chạy lại hướng dẫn cài đặt"), "setup"),
        ):
            opener = button(words, self._route(route))
            opener.setObjectName(name)
            side.addWidget(opener)
        self.exit_button = button(
            translate("TechnicianScreen", "Thoát ra màn hình máy tính"), self.ask_exit, "help"
        )
        self.exit_button.setObjectName("exitKiosk")
        side.addWidget(self.exit_button)
        row = QHBoxLayout()
        row.addLayout(side)
        row.addWidget(self.scroll_area, 1)
        assert isinstance(outer, QVBoxLayout)
        outer.addLayout(row)

    def _route(self, route: str) -> Callable[[], None]:
        return lambda: self.nav.go(route)

    def _opener(self, key: str) -> Callable[[], None]:
        return lambda: self.show_section(key)

    def show_section(self, key: str) -> None:
        if key not in PANELS:
            key = "settings"
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
        shown = getattr(self.panels[key], "shown", None)
        if callable(shown):
            shown()

    def reveal(self, widget: QWidget) -> None:
        self.scroll_area.ensureWidgetVisible(widget, 50, 80)

    # --- leaving the kiosk -----------------------------------------------------------------

    def ask_exit(self) -> None:
        self.nav.confirm(
            translate(
                "TechnicianScreen",
                "Đóng ứng dụng kiosk và ra màn hình máy tính? Người dân sẽ không dùng được máy "
                "cho đến khi mở lại ứng dụng.",
            ),
            self.exit_kiosk,
            yes=translate("TechnicianScreen", "Thoát"),
            no=translate("TechnicianScreen", "Ở lại"),
        )

    def exit_kiosk(self) -> None:
        window = self.window()
        if hasattr(window, "exit_to_desktop"):  # only a technician reaches this screen
            window.exit_to_desktop()


SCREEN = TechnicianScreen
