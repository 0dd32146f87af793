"""Day close (chốt ngày): pick the day, the volunteer counts the cash, the screen shows what the
book expects and the difference, and a ward staff code + PIN approves
(:func:`kiosk.export.dayclose.close_day`, on the db worker). A day already closed can only be
closed again as a correction with a reason; the earlier closes are shown, never editable.
The service's refusals (wrong PIN, locked, not staff, no reason…) show next to the field."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk.export.dayclose import (
    CORRECTION_REASONS,
    DayClose,
    DayClosePreview,
    DayCloseRefused,
    close_day,
    day_close_preview,
)
from kiosk.ui.i18n import translate
from kiosk.ui.screens.staff.dayclose_view import DayCloseView, difference_text
from kiosk.ui.tasks import saving_words
from kiosk.ui.widgets.choice_buttons import ChoiceButtons
from kiosk.ui.widgets.common import FormField, button, label
from kiosk.ui.widgets.money_field import MoneyField
from kiosk.ui.widgets.staff_period import DayStepper
from kiosk.ui.widgets.staff_words import refusal_words, set_role

PIN_FIELD_REASONS = ("wrong_pin", "locked", "unknown")


class DayClosePanel(QWidget):
    def __init__(self, owner: Any) -> None:
        super().__init__()
        self.owner = owner
        self.state = owner.state
        self.preview: DayClosePreview | None = None
        self.asked = 0  # the latest preview asked for (a slower, older answer is dropped)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(label(translate("DayClosePanel", "Chốt ngày"), "title"))
        self.day = DayStepper(translate("DayClosePanel", "Ngày chốt"), object_name="closeDay")
        self.status = label("", "heading")
        self.status.setObjectName("closeStatus")
        self.view = DayCloseView(self.state.language)
        self.counted = MoneyField(translate("DayClosePanel", "Số tiền mặt đếm được"))
        self.counted.setObjectName("countedCash")
        self.view.cash.body.addWidget(self.counted)
        self.view.cash.body.addWidget(self.view.difference)
        for widget in (self.day, self.status, self.view):
            layout.addWidget(widget)
        self._approval(layout)
        self.day.changed.connect(lambda _day: self.refresh())
        self.counted.amount_changed.connect(self.view.show_difference)
        self.refresh()

    def _approval(self, layout: QVBoxLayout) -> None:
        self.reason_caption = label(
            translate("DayClosePanel", "Ngày này đã chốt. Lý do chốt lại:"), "heading"
        )
        options = [(code, self.state.text(*words)) for code, words in CORRECTION_REASONS.items()]
        self.reason = ChoiceButtons(options, columns=2, object_name="reason")
        self.reason_error = label("", "error")
        self.reason_error.setObjectName("reasonError")
        self.volunteer = FormField(
            translate("DayClosePanel", "Mã tình nguyện viên đã đếm tiền"), "plain", max_length=32
        )
        self.staff = FormField(
            translate("DayClosePanel", "Mã cán bộ phường duyệt"), "plain", max_length=32
        )
        user = self.state.user
        if user is not None and user.role == "staff":
            self.staff.set_value(user.code)
        self.pin = FormField(
            translate("DayClosePanel", "Mã PIN của cán bộ duyệt"), "digits", max_length=12
        )
        editor = self.pin.editor
        assert isinstance(editor, QLineEdit)
        editor.setEchoMode(QLineEdit.EchoMode.Password)
        self.approve = button(
            translate("DayClosePanel", "Duyệt và chốt ngày"), self.submit, "primary"
        )
        self.approve.setObjectName("approveClose")
        self.message = label("")
        self.message.setObjectName("closeMessage")
        self.message.hide()
        hidden: tuple[QWidget, ...] = (self.reason_caption, self.reason, self.reason_error)
        for widget in hidden:
            widget.hide()
        for widget in (*hidden, self.volunteer, self.staff, self.pin, self.approve, self.message):
            layout.addWidget(widget)

    def half_filled(self) -> bool:
        return self.counted.amount() is not None or bool(self.pin.value())

    # --- the preview -------------------------------------------------------------------------

    def refresh(self) -> None:
        kiosk, day = self.state.require_kiosk(), self.day.value()
        self.asked += 1
        asked = self.asked
        self.status.setText(translate("DayClosePanel", "Đang tính số liệu của ngày…"))
        self.state.tasks.run(lambda: (asked, day_close_preview(kiosk, day)), self._previewed)

    def _previewed(self, result: tuple[int, DayClosePreview]) -> None:
        asked, preview = result
        if asked != self.asked:
            return
        self.preview = preview
        self.view.show_preview(preview)
        self.view.show_difference(self.counted.amount())
        closed = preview.closed
        self.status.setText(
            translate("DayClosePanel", "Ngày {day} đã chốt {n} lần.").format(
                day=f"{preview.day:%d/%m/%Y}", n=len(preview.closes)
            )
            if closed
            else translate("DayClosePanel", "Ngày {day} chưa chốt.").format(
                day=f"{preview.day:%d/%m/%Y}"
            )
        )
        for widget in (self.reason_caption, self.reason):
            widget.setVisible(closed)
        self.reason_error.hide()
        self.approve.setText(
            translate("DayClosePanel", "Duyệt và ghi lần chốt lại (điều chỉnh)")
            if closed
            else translate("DayClosePanel", "Duyệt và chốt ngày")
        )

    # --- approving ---------------------------------------------------------------------------

    def submit(self) -> None:
        counted, volunteer = self.counted.amount(), self.volunteer.value()
        staff, pin = self.staff.value(), self.pin.value()
        self._clear_errors()
        missing = [
            (self.counted, counted is None,
             translate("DayClosePanel", "Hãy nhập số tiền đếm được.")),
            (self.volunteer, not volunteer,
             translate("DayClosePanel", "Hãy nhập mã tình nguyện viên.")),
            (self.staff, not staff, translate("DayClosePanel", "Hãy nhập mã cán bộ duyệt.")),
            (self.pin, not pin, translate("DayClosePanel", "Cán bộ duyệt hãy nhập mã PIN.")),
        ]  # fmt: skip
        for field, empty, words in missing:
            if empty:
                field.set_error(words)
        if any(empty for _, empty, _ in missing):
            self.owner.reveal(next(f for f, empty, _ in missing if empty))
            return
        assert counted is not None
        kiosk, day, reason = self.state.require_kiosk(), self.day.value(), self.reason.value()
        self.approve.setEnabled(False)
        self.state.tasks.run(
            lambda: close_day(kiosk, day, counted, volunteer, staff, pin, reason),
            self._closed,
            self._refused,
            busy=saving_words(),
        )

    def _clear_errors(self) -> None:
        for field in (self.counted, self.volunteer, self.staff, self.pin):
            field.set_error(None)
        self.reason_error.hide()
        self.message.hide()

    def _closed(self, close: DayClose) -> None:
        self.approve.setEnabled(True)
        self.pin.editor.clear()  # type: ignore[attr-defined]
        self.counted.set_amount(None)
        self.volunteer.editor.clear()  # type: ignore[attr-defined]
        self.reason.set_value(None)
        self._say(
            translate(
                "DayClosePanel",
                "Đã chốt ngày {day} (lần {n}). Chênh lệch: {difference}. Đã ghi vào nhật ký "
                "kiểm toán.",
            ).format(
                day=f"{close.day:%d/%m/%Y}",
                n=close.revision,
                difference=difference_text(close.difference_vnd, self.state.language),
            ),
            "ok",
        )
        self.refresh()

    def _refused(self, error: BaseException) -> None:
        self.approve.setEnabled(True)
        self.pin.editor.clear()  # type: ignore[attr-defined]
        if not isinstance(error, DayCloseRefused):
            self.state.tasks.failed.emit(error)
            return
        words = refusal_words(error.message, self.state.language)
        if error.reason in PIN_FIELD_REASONS:
            self.pin.set_error(words)
            self.owner.reveal(self.pin)
        elif error.reason == "not_staff":
            self.staff.set_error(words)
            self.owner.reveal(self.staff)
        elif error.reason == "bad_volunteer" or "hai người" in error.message:
            self.volunteer.set_error(words)
            self.owner.reveal(self.volunteer)
        elif error.reason == "reason_needed":
            for widget in (self.reason_caption, self.reason):
                widget.show()
            self.reason_error.setText(words)
            self.reason_error.show()
            self.owner.reveal(self.reason)
        else:
            self._say(words, "error")

    def _say(self, text: str, role: str) -> None:
        self.message.setText(text)
        set_role(self.message, role)
        self.message.show()
        self.owner.reveal(self.message)

    def chosen_day(self) -> date:
        return self.day.value()
