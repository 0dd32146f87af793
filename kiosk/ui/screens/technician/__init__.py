"""Technician screen: settings (drawn from the declarations), printer test page, diagnostics
(``kiosk doctor`` as a screen), the province credentials, and the way out to the desktop.

The sections and their panels work as :class:`kiosk.ui.screens.sections.SectionedScreen`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.screens.sections import SectionedScreen
from kiosk.ui.screens.technician.credentials_panel import CredentialsPanel
from kiosk.ui.screens.technician.doctor_panel import DoctorPanel
from kiosk.ui.screens.technician.printer_panel import PrinterPanel
from kiosk.ui.screens.technician.settings_panel import SettingsPanel
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


class TechnicianScreen(SectionedScreen):
    roles = ("technician",)
    holds_resident_data = False
    PANELS = PANELS

    def section_words(self, key: str) -> str:
        return section_words(key)

    def heading(self) -> str:
        return translate("TechnicianScreen", "Kỹ thuật")

    def sidebar_extras(self) -> list[QWidget]:
        extras: list[QWidget] = []
        for name, words, route in (
            ("openSubject", translate("TechnicianScreen", "Dữ liệu của một người"), "subject"),
            ("rerunSetup", translate("TechnicianScreen", "Chạy lại hướng dẫn cài đặt"), "setup"),
        ):
            opener = button(words, self._route(route))
            opener.setObjectName(name)
            extras.append(opener)
        self.exit_button = button(
            translate("TechnicianScreen", "Thoát ra màn hình máy tính"), self.ask_exit, "help"
        )
        self.exit_button.setObjectName("exitKiosk")
        return [*extras, self.exit_button]

    def _route(self, route: str) -> Callable[[], None]:
        return lambda: self.nav.go(route)

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
