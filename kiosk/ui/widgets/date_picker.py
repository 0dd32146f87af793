"""A touch date picker: one month as a grid of big day buttons, ◀ ▶ to change month, only
the days in [earliest, latest] can be tapped (e.g. an appointment 0–90 days ahead).

Dates are shown dd/MM/yyyy; ``value()`` is a :class:`datetime.date` (or None)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.widgets.common import button, label

DAY_STYLE = (
    "QPushButton { min-width: 64px; max-width: 96px; padding: 4px; }"
    "QPushButton:checked { background: #0B4F9C; color: #FFFFFF; font-weight: bold; }"
)


def weekday_names() -> list[str]:
    return [
        translate("DatePicker", "T2"),
        translate("DatePicker", "T3"),
        translate("DatePicker", "T4"),
        translate("DatePicker", "T5"),
        translate("DatePicker", "T6"),
        translate("DatePicker", "T7"),
        translate("DatePicker", "CN"),
    ]


def add_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


class DatePicker(QWidget):
    changed = Signal(object)  # date | None

    def __init__(self, earliest: date, latest: date) -> None:
        super().__init__()
        self.earliest, self.latest = earliest, latest
        self.month = date(earliest.year, earliest.month, 1)
        self.chosen: date | None = None
        self.days: dict[date, QPushButton] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.shown = label("", "heading")
        self.shown.setObjectName("chosenDate")
        outer.addWidget(self.shown)
        head = QHBoxLayout()
        self.prev = button(translate("DatePicker", "◀ Tháng trước"), lambda: self._turn(-1))
        self.next = button(translate("DatePicker", "Tháng sau ▶"), lambda: self._turn(1))
        self.title = label("", "heading")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        head.addWidget(self.prev)
        head.addWidget(self.title, 1)
        head.addWidget(self.next)
        outer.addLayout(head)
        self.grid = QGridLayout()
        self.grid.setSpacing(6)
        outer.addLayout(self.grid)
        self._show_month()

    def value(self) -> date | None:
        return self.chosen

    def set_value(self, day: date | None) -> None:
        self.chosen = day
        if day is not None:
            self.month = date(day.year, day.month, 1)
        self._show_month()
        self.changed.emit(day)

    def _turn(self, months: int) -> None:
        self.month = add_month(self.month, months)
        self._show_month()

    def _show_month(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.days.clear()
        self.title.setText(
            translate("DatePicker", "Tháng {m}/{y}").format(m=self.month.month, y=self.month.year)
        )
        for column, name in enumerate(weekday_names()):
            self.grid.addWidget(label(name, "muted"), 0, column, Qt.AlignmentFlag.AlignCenter)
        day, row = self.month, 1
        while day.month == self.month.month:
            self.grid.addWidget(self._day_button(day), row, day.weekday())
            row += day.weekday() == 6
            day += timedelta(days=1)
        self.prev.setEnabled(self.month > date(self.earliest.year, self.earliest.month, 1))
        self.next.setEnabled(add_month(self.month, 1) <= self.latest)
        self.shown.setText(
            translate("DatePicker", "Ngày đã chọn: {d}").format(d=f"{self.chosen:%d/%m/%Y}")
            if self.chosen
            else translate("DatePicker", "Chưa chọn ngày")
        )

    def _day_button(self, day: date) -> QPushButton:
        tap = QPushButton(str(day.day))
        tap.setObjectName(f"day_{day:%Y%m%d}")
        tap.setCheckable(True)
        tap.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        tap.setStyleSheet(DAY_STYLE)
        tap.setEnabled(self.earliest <= day <= self.latest)
        tap.setChecked(day == self.chosen)
        tap.clicked.connect(lambda _on=False, d=day: self.set_value(d))
        self.days[day] = tap
        return tap
