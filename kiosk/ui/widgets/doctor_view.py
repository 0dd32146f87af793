"""``kiosk doctor`` drawn as a list: per check a coloured badge with its status in words
(green/amber/red — never colour alone), its name, what was found and what to do.

The report's shape grows as checks are added, so reading is tolerant: a report is a mapping
with ``checks`` (or the list itself); a check is a mapping or an object; each text is taken
from the first field present (``label``/``name``, ``detail``/``message``,
``hint``/``action``/``what_to_do``), in the UI language first (``label_en``, ``hint_vi``…);
unknown fields are ignored and an unknown status is shown as it is, in grey.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.widgets.common import clear_layout, label

COLOURS = {"green": "#0A6B2B", "amber": "#8A5300", "red": "#A00000"}
UNKNOWN_COLOUR = "#555555"
BADGE = (
    "QLabel {{ background: {colour}; color: #FFFFFF; font-weight: bold; border-radius: 8px;"
    " padding: 6px 10px; }}"
)
ROW = "QFrame#doctorRow {{ border: 2px solid {colour}; border-radius: 10px; }}"


def status_words(status: str) -> str:
    return {
        "green": translate("DoctorView", "Tốt"),
        "amber": translate("DoctorView", "Cần chú ý"),
        "red": translate("DoctorView", "Lỗi"),
    }.get(status, status or "?")


def field(check: Any, names: Sequence[str], language: str) -> str:
    """The first non-empty text among ``names`` (each tried in ``language`` first)."""
    for name in names:
        for candidate in (f"{name}_{language}", name):
            value = check.get(candidate) if isinstance(check, Mapping) else None
            if value is None and not isinstance(check, Mapping):
                value = getattr(check, candidate, None)
            if value not in (None, ""):
                return str(value)
    return ""


def checks_of(report: Any) -> list[Any]:
    found = report.get("checks") if isinstance(report, Mapping) else report
    return list(found or [])


class DoctorView(QWidget):
    """``badges`` and ``rows`` by check name, for tests and screenshots."""

    def __init__(self) -> None:
        super().__init__()
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(10)
        self.badges: dict[str, Any] = {}
        self.rows: dict[str, QFrame] = {}

    def show_report(self, report: Any, language: str) -> None:
        clear_layout(self.body)
        self.badges, self.rows = {}, {}
        overall = str(report.get("status", "")) if isinstance(report, Mapping) else ""
        if overall:
            summary = label(
                translate("DoctorView", "Tổng thể: {status}").format(status=status_words(overall)),
                "heading",
            )
            summary.setObjectName("doctorOverall")
            summary.setProperty("status", overall)
            self.body.addWidget(summary)
        for index, check in enumerate(checks_of(report)):
            self.body.addWidget(self._row(check, index, language))

    def _row(self, check: Any, index: int, language: str) -> QFrame:
        status = field(check, ("status", "level"), "") or "?"
        name = field(check, ("name", "id"), "") or str(index)
        colour = COLOURS.get(status, UNKNOWN_COLOUR)
        row = QFrame()
        row.setObjectName("doctorRow")
        row.setStyleSheet(ROW.format(colour=colour))
        layout = QHBoxLayout(row)
        badge = label(status_words(status), wrap=False)
        badge.setObjectName(f"status_{name}")
        badge.setProperty("status", status)
        badge.setProperty("colour", colour)
        badge.setStyleSheet(BADGE.format(colour=colour))
        badge.setMinimumWidth(170)  # grows for a longer word (English, pseudo-locale)
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.addWidget(label(field(check, ("label", "title", "name"), language) or name, "heading"))
        detail = field(check, ("detail", "message", "details"), language)
        if detail:
            text.addWidget(label(detail))
        hint = field(check, ("hint", "action", "what_to_do", "fix"), language)
        if hint:
            text.addWidget(
                label(translate("DoctorView", "Cách xử lý: {hint}").format(hint=hint), "muted")
            )
        layout.addLayout(text, 1)
        self.badges[name] = badge
        self.rows[name] = row
        return row
