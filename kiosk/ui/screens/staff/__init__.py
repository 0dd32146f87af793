"""Ward staff's end of the day: the day close (chốt ngày), exports of the session log to a USB
stick or a folder, and the pilot statistics — over :mod:`kiosk.export`.

The sections and their panels work as :class:`kiosk.ui.screens.sections.SectionedScreen`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.screens.sections import SectionedScreen
from kiosk.ui.screens.staff.dayclose import DayClosePanel
from kiosk.ui.screens.staff.export import ExportPanel
from kiosk.ui.screens.staff.stats import StatsPanel

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


class StaffScreen(SectionedScreen):
    roles = ("staff", "technician")
    holds_resident_data = False
    PANELS = PANELS
    fixed_sidebar = True

    def section_words(self, key: str) -> str:
        return section_words(key)

    def heading(self) -> str:
        return translate("StaffScreen", "Chốt ngày và xuất báo cáo")

    def leave_ok(self) -> bool:
        panel = self.panels.get("dayclose")
        return not isinstance(panel, DayClosePanel) or not panel.half_filled()


SCREEN = StaffScreen
