"""Choosing a day or a period on a touch screen: ◀ 22/11/2026 ▶ steppers (never past today)
and quick choices (today, yesterday, the last 7 days, this month, last month).

``DayStepper.value()`` is a :class:`datetime.date`; ``PeriodPicker.value()`` is
``(first, last)`` with ``first <= last`` (moving one end past the other moves both)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.export.period import today
from kiosk.ui.i18n import translate
from kiosk.ui.widgets.common import button, label
from kiosk.ui.widgets.wrap_button import WrapButton

EARLIEST_DAYS = 3 * 366  # how far back a stepper goes
DATE_WIDTH = 270
ARROW_STYLE = "padding: 6px 8px; font-size: 22pt;"


def weekday_words(day: date) -> str:
    return (
        translate("StaffPeriod", "Thứ Hai"),
        translate("StaffPeriod", "Thứ Ba"),
        translate("StaffPeriod", "Thứ Tư"),
        translate("StaffPeriod", "Thứ Năm"),
        translate("StaffPeriod", "Thứ Sáu"),
        translate("StaffPeriod", "Thứ Bảy"),
        translate("StaffPeriod", "Chủ Nhật"),
    )[day.weekday()]


class DayStepper(QWidget):
    changed = Signal(object)  # date

    def __init__(self, caption: str, day: date | None = None, object_name: str = "day") -> None:
        super().__init__()
        self.latest = today()
        self.earliest = self.latest - timedelta(days=EARLIEST_DAYS)
        self.day = min(day or self.latest, self.latest)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        outer.addWidget(label(caption))
        row = QHBoxLayout()
        row.setSpacing(12)
        self.earlier = button("◀", lambda: self.set_value(self.day - timedelta(days=1)))
        self.later = button("▶", lambda: self.set_value(self.day + timedelta(days=1)))
        self.earlier.setObjectName(f"{object_name}Earlier")
        self.later.setObjectName(f"{object_name}Later")
        for arrow in (self.earlier, self.later):
            arrow.setStyleSheet(ARROW_STYLE)
            arrow.setMinimumWidth(80)
        middle = QVBoxLayout()
        middle.setSpacing(0)
        self.shown = label("", "heading", wrap=False)
        self.shown.setObjectName(f"{object_name}Shown")
        self.weekday = label("", "muted")
        for widget in (self.shown, self.weekday):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setFixedWidth(DATE_WIDTH)
            middle.addWidget(widget)
        row.addWidget(self.earlier)
        row.addLayout(middle)
        row.addWidget(self.later)
        row.addStretch(1)
        outer.addLayout(row)
        self._show()

    def value(self) -> date:
        return self.day

    def set_value(self, day: date) -> None:
        day = max(self.earliest, min(day, self.latest))
        changed = day != self.day
        self.day = day
        self._show()
        if changed:
            self.changed.emit(day)

    def _show(self) -> None:
        self.shown.setText(f"{self.day:%d/%m/%Y}")
        words = weekday_words(self.day)
        if self.day == self.latest:
            words = translate("StaffPeriod", "{weekday} — hôm nay").format(weekday=words)
        self.weekday.setText(words)
        self.earlier.setEnabled(self.day > self.earliest)
        self.later.setEnabled(self.day < self.latest)


def month_start(day: date, months_back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def quick_periods(now: date) -> list[tuple[str, str, date, date]]:
    """(key, words, first, last) of the quick choices."""
    this_month = month_start(now)
    return [
        ("today", translate("StaffPeriod", "Hôm nay"), now, now),
        ("yesterday", translate("StaffPeriod", "Hôm qua"), now - timedelta(1), now - timedelta(1)),
        ("week", translate("StaffPeriod", "7 ngày qua"), now - timedelta(6), now),
        ("month", translate("StaffPeriod", "Tháng này"), this_month, now),
        (
            "last_month",
            translate("StaffPeriod", "Tháng trước"),
            month_start(now, 1),
            this_month - timedelta(1),
        ),
    ]


class PeriodPicker(QWidget):
    changed = Signal(object, object)  # first, last

    def __init__(self, first: date | None = None, last: date | None = None) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(10)
        quick = QHBoxLayout()
        quick.setSpacing(8)
        self.quick_buttons: dict[str, WrapButton] = {}
        for key, words, start, end in quick_periods(today()):
            tap = WrapButton(words, self._setter(start, end))
            tap.setObjectName(f"period_{key}")
            self.quick_buttons[key] = tap
            quick.addWidget(tap, 1)
        outer.addLayout(quick)
        steppers = QHBoxLayout()
        steppers.setSpacing(24)
        self.first = DayStepper(translate("StaffPeriod", "Từ ngày"), first, "first")
        self.last = DayStepper(translate("StaffPeriod", "Đến hết ngày"), last, "last")
        steppers.addWidget(self.first)
        steppers.addWidget(self.last)
        steppers.addStretch(1)
        outer.addLayout(steppers)
        self.summary = label("", "muted")
        self.summary.setObjectName("periodSummary")
        outer.addWidget(self.summary)
        self.first.changed.connect(self._first_moved)
        self.last.changed.connect(self._last_moved)
        self._summarise()

    def value(self) -> tuple[date, date]:
        return self.first.value(), self.last.value()

    def _setter(self, first: date, last: date) -> Callable[[], None]:
        return lambda: self.set_value(first, last)

    def set_value(self, first: date, last: date) -> None:
        self.first.blockSignals(True)
        self.last.blockSignals(True)
        self.first.set_value(first)
        self.last.set_value(last)
        self.first.blockSignals(False)
        self.last.blockSignals(False)
        self._changed()

    def _first_moved(self, day: date) -> None:
        if self.last.value() < day:
            self.last.blockSignals(True)
            self.last.set_value(day)
            self.last.blockSignals(False)
        self._changed()

    def _last_moved(self, day: date) -> None:
        if self.first.value() > day:
            self.first.blockSignals(True)
            self.first.set_value(day)
            self.first.blockSignals(False)
        self._changed()

    def _changed(self) -> None:
        self._summarise()
        self.changed.emit(*self.value())

    def _summarise(self) -> None:
        first, last = self.value()
        if first == last:
            text = translate("StaffPeriod", "Một ngày: {day}").format(day=f"{first:%d/%m/%Y}")
        else:
            text = translate("StaffPeriod", "{n} ngày, từ {first} đến hết {last}").format(
                n=(last - first).days + 1, first=f"{first:%d/%m/%Y}", last=f"{last:%d/%m/%Y}"
            )
        self.summary.setText(text)
