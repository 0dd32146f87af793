"""The payment screen: form → (VietQR code and the bank's reference | volunteer takes the
cash) → saved, receipt → home."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kiosk.domain.errors import ValidationError
from kiosk.domain.fields import format_timestamp
from kiosk.printing.vietqr import VietQRError
from kiosk.services import payments, records
from kiosk.services.context import Kiosk
from kiosk.services.payments import TransferCode
from kiosk.services.records import SavedRecord
from kiosk.store.models import utcnow
from kiosk.ui import failures, money
from kiosk.ui.i18n import translate
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.screens.payment.form import STAFF_ROLES, PaymentForm
from kiosk.ui.screens.payment.steps import CashStep, TransferStep
from kiosk.ui.state import AppState
from kiosk.ui.tasks import saving_words
from kiosk.ui.widgets.common import button, clear_layout, label, show_field_errors
from kiosk.ui.widgets.form_column import column_body
from kiosk.ui.widgets.saved_panel import SavedPanel

Prepared = tuple[dict[str, Any], TransferCode | None]

# While the VietQR code is shown the resident is away from the screen on purpose: in their
# banking app, logging in, waiting for an OTP text, maybe asking a grandchild for help. The
# kiosk's usual 90 s + 15 s would wipe the step with the money possibly already sent and no
# record of it. Never wiping is no better: someone who gave up would leave a half-done payment
# (their name one tap away, under "Quay lại sửa") to the next resident. So the step gets
# a limit long enough for any banking app (10 minutes), then a full minute of countdown that
# says what to do if the money was sent. Past that the resident has left; a transfer made
# without "Lưu" is found by the volunteer in the bank statement by its content (the dossier's
# receipt code), as any unmatched transfer is.
TRANSFER_IDLE = (600, 60)  # (timeout_s, countdown_s)


def prepare(
    kiosk: Kiosk, payload: dict[str, Any], code: str | None, now: datetime, alone: bool = False
) -> Prepared:
    """Runs on the db worker: the dossier's fields filled in, the whole payment checked as the
    save will check it, and the VietQR code for a transfer. ``alone``: nobody logged in."""
    payload = {**payload, "ThoiDiem": format_timestamp(now)}
    if code is not None:
        due = payments.require_dossier(kiosk, code, alone=alone)
        payload.update(dossier_id=due.dossier_id, LoaiKhoanNop=due.fee_kind, NoiDung=due.content)
    payments.check_payment(kiosk, payload, now)
    if payload["HinhThuc"] != "vietqr":
        return payload, None
    prefix = kiosk.settings.get_str("kiosk.receipt_prefix")
    purpose = payments.transfer_purpose(prefix, payload["LoaiKhoanNop"], code, now)
    return payload, payments.transfer_code(kiosk, int(payload["SoTien"]), purpose)


def not_saved_words() -> str:
    return translate(
        "PaymentScreen",
        "Chưa lưu được khoản nộp. Xin đừng nộp tiền lần nữa: những gì đã nhập vẫn còn trên "
        "màn hình, xin bấm «Lưu» lại. Nếu vẫn không được, xin gọi tình nguyện viên.",
    )


class PaymentScreen(Screen):
    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        self.body = column_body(self)
        self.prepared: dict[str, Any] | None = None
        self.step: TransferStep | CashStep | None = None
        self.saved: SavedRecord | None = None
        self.form = PaymentForm(state, dict(params), self._ask_volunteer)
        self.body.addWidget(self.form)
        self.problems = label("", "error")
        self.body.addWidget(self.problems)
        self.next = button(translate("PaymentScreen", "Tiếp tục"), self.proceed, "primary")
        self.next.setObjectName("proceed")
        self.body.addWidget(self.next)
        self.body.addStretch(1)

    def heading(self) -> str:
        return translate("PaymentScreen", "Nộp phí")

    def leave_ok(self) -> bool:
        return self.saved is not None or not self.form.touched()

    def idle_limits(self) -> tuple[int, int] | None:
        return TRANSFER_IDLE if isinstance(self.step, TransferStep) else None

    def idle_words(self, seconds: int) -> str | None:
        if not isinstance(self.step, TransferStep):
            return None
        return translate(
            "PaymentScreen",
            "Ông/bà đã chuyển khoản xong chưa? Nếu đã chuyển, xin nhập mã giao dịch rồi "
            "bấm «Đã chuyển xong — Lưu»: chưa bấm Lưu thì khoản nộp chưa được ghi nhận. Chạm "
            "vào màn hình để tiếp tục; màn hình sẽ bị xóa sau {n} giây.",
        ).format(n=seconds)

    def _ask_volunteer(self) -> None:
        """Login, then back here with what was filled in (this screen goes meanwhile)."""
        self.nav.go(
            "login",
            then="payment",
            then_params={**self.form.draft(), "method": "tien_mat"},
            roles=STAFF_ROLES,
        )

    # --- form → next step -----------------------------------------------------------------

    def proceed(self) -> None:
        kiosk, payload = self.state.require_kiosk(), self.form.payload()
        code, alone = self.form.dossier_code(), self.state.user is None
        self.next.setEnabled(False)
        self.state.tasks.run(
            lambda: prepare(kiosk, payload, code, utcnow(), alone), self._prepared, self._refused
        )

    def _refused(self, error: BaseException) -> None:
        """The form is shown again with each problem next to its field."""
        self._back_to_form()
        self.next.setEnabled(True)
        if isinstance(error, VietQRError):
            self.problems.setText(
                translate(
                    "PaymentScreen",
                    "Chưa tạo được mã chuyển khoản: tài khoản nhận tiền chưa được cài đặt "
                    "đúng. Xin gọi tình nguyện viên.",
                )
            )
            return
        if not isinstance(error, ValidationError):  # nothing saved, the form stays: again
            failures.report(
                error,
                "payment check",
                failures.not_checked(),
                nav=self.nav,
                line=self.problems.setText,
            )
            return
        unplaced = show_field_errors(error.errors, self.form.fields(), self.state.language)
        self.problems.setText("\n".join(unplaced))

    def _prepared(self, result: Prepared) -> None:
        payload, transfer = result
        self.prepared = payload
        self.next.setEnabled(True)
        self.problems.setText("")
        for field in self.form.fields().values():
            field.set_error(None)
        self.form.hide()
        self.next.hide()
        if transfer is not None:
            self.step = TransferStep(transfer, self.save, self._back_to_form)
        else:
            volunteer = self.state.actor
            self.step = CashStep(int(payload["SoTien"]), volunteer, self.save, self._back_to_form)
        self.body.insertWidget(0, self.step)
        self.scroll_area.verticalScrollBar().setValue(0)
        self.idle_changed.emit()

    def _back_to_form(self) -> None:
        if self.step is not None:
            self.body.removeWidget(self.step)
            self.step.hide()
            self.step.deleteLater()
            self.step = None
            self.idle_changed.emit()
        self.form.show()
        self.next.show()

    # --- save -----------------------------------------------------------------------------

    def save(self) -> None:
        assert self.prepared is not None and self.step is not None
        payload = dict(self.prepared)
        if isinstance(self.step, TransferStep):
            reference = self.step.reference.value()
            if not reference:
                self.step.reference.set_error(
                    translate(
                        "PaymentScreen",
                        "Xin nhập mã giao dịch mà ứng dụng ngân hàng báo sau khi chuyển.",
                    )
                )
                return
            payload["MaThamChieu"] = reference
        kiosk, actor = self.state.require_kiosk(), self.state.actor
        self.step.set_busy(True)
        self.state.tasks.run(
            lambda: records.save_record(kiosk, "payment", payload, actor),
            self._saved,
            self._save_refused,
            busy=saving_words(),
        )

    def _save_refused(self, error: BaseException) -> None:
        step = self.step
        if not isinstance(error, ValidationError) and step is not None:
            # The resident may have transferred the money already: the step stays with its
            # QR code and the bank's reference, so that "Lưu" can simply be pressed again.
            step.set_busy(False)
            failures.report(error, "payment save", not_saved_words(), nav=self.nav)
            return
        if isinstance(error, ValidationError) and isinstance(step, TransferStep):
            mine = [e for e in error.errors if e.field.endswith("MaThamChieu")]
            if mine:
                step.set_busy(False)
                step.reference.set_error(self.state.text(mine[0].message, mine[0].message_en))
                return
        self._refused(error)

    def _saved(self, saved: SavedRecord) -> None:
        self.saved = saved
        payload = self.prepared or {}
        clear_layout(self.body)
        self.step = None
        self.idle_changed.emit()
        method = (
            translate("PaymentScreen", "chuyển khoản VietQR")
            if payload.get("HinhThuc") == "vietqr"
            else translate("PaymentScreen", "tiền mặt")
        )
        summary = translate("PaymentScreen", "Đã ghi nhận khoản nộp {amount} đồng ({method}).")
        summary = summary.format(
            amount=money.grouped(int(payload.get("SoTien") or 0)), method=method
        )
        self.panel = SavedPanel(self.state, self.nav, saved, summary)
        self.body.addWidget(self.panel)
