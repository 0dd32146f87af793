"""The payment form: what for (a dossier's fees, found by its receipt code, or a
contribution), consent to the payer's name being kept for this payment, who pays, how much
(the money pad, with the amount in words), and how: a VietQR transfer, or cash — which only a
logged-in volunteer may take."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.payloads import PAYMENT_PURPOSE
from kiosk.services import payments, users
from kiosk.services.payments import DossierDue
from kiosk.ui import failures, money
from kiosk.ui.i18n import translate
from kiosk.ui.state import AppState
from kiosk.ui.widgets.choice_buttons import ChoiceButtons
from kiosk.ui.widgets.common import FormField, button, label
from kiosk.ui.widgets.consent_checks import ConsentChecks
from kiosk.ui.widgets.money_field import MoneyField

STAFF_ROLES = users.ROLES  # whoever logs in may take cash: volunteers, staff, technicians


def due_words(due: DossierDue) -> str:
    """The dossier found, one fact a line: what it is, the fees, what is left to pay."""
    found = translate("PaymentForm", "Hồ sơ {code}: {procedure}").format(
        code=due.receipt_code, procedure=due.procedure_name
    )
    if due.fee_total == 0:
        return found + "\n" + translate("PaymentForm", "Không có phí, lệ phí.")
    fees = translate("PaymentForm", "Phí, lệ phí: {total} đồng · đã nộp: {paid} đồng").format(
        total=money.grouped(due.fee_total), paid=money.grouped(due.paid)
    )
    left = translate("PaymentForm", "Còn phải nộp: {unpaid} đồng").format(
        unpaid=money.grouped(due.unpaid)
    )
    return "\n".join((found, fees, left))


class PaymentForm(QWidget):
    def __init__(
        self, state: AppState, draft: dict[str, Any], ask_volunteer: Callable[[], None]
    ) -> None:
        super().__init__()
        self.state = state
        self.ask_volunteer = ask_volunteer
        self.due: DossierDue | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        self.purpose = ChoiceButtons(
            [
                ("dossier", translate("PaymentForm", "Phí, lệ phí của hồ sơ đã nộp")),
                ("other", translate("PaymentForm", "Khoản đóng góp, dịch vụ công ích")),
            ],
            2,
            "purpose",
        )
        self.purpose_field = FormField(
            translate("PaymentForm", "Ông/bà nộp tiền cho khoản nào?"), editor=self.purpose
        )
        layout.addWidget(self.purpose_field)
        layout.addWidget(self._dossier_box())
        layout.addWidget(self._other_box())
        self.consent = ConsentChecks(
            [PAYMENT_PURPOSE],
            state.language,
            notice=translate(
                "PaymentForm",
                "Họ tên người nộp tiền chỉ dùng để ghi nhận và đối soát khoản nộp này, được mã "
                "hóa trên máy và xóa khỏi máy sau khi cơ quan đã nhận. Xin đánh dấu nếu đồng ý:",
            ),
        )
        self.consent_field = self.consent.as_field()
        layout.addWidget(self.consent_field)
        self.payer = FormField(translate("PaymentForm", "Họ và tên người nộp tiền"), max_length=100)
        self.payer.editor.setObjectName("payer")
        self.amount = MoneyField(translate("PaymentForm", "Số tiền"))
        layout.addWidget(self.payer)
        layout.addWidget(self.amount)
        methods = [
            ("vietqr", translate("PaymentForm", "Chuyển khoản: quét mã VietQR bằng điện thoại")),
            ("tien_mat", translate("PaymentForm", "Tiền mặt: nộp cho tình nguyện viên")),
        ]
        if state.kiosk is None or not payments.transfer_ready(state.kiosk):
            methods = methods[1:]  # no ward account set yet: no transfer to offer (in memory)
        self.method = ChoiceButtons(methods, len(methods), "method")
        self.method_field = FormField(translate("PaymentForm", "Cách nộp"), editor=self.method)
        layout.addWidget(self.method_field)
        layout.addWidget(self._cash_note())
        self.purpose.changed.connect(self._purpose_changed)
        self.method.changed.connect(self._method_changed)
        self.restore(draft)

    def _dossier_box(self) -> QWidget:
        self.dossier_box = QWidget()
        box = QVBoxLayout(self.dossier_box)
        box.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.code = FormField(
            translate("PaymentForm", "Mã biên nhận của hồ sơ (gõ hoặc quét mã trên giấy)"),
            "code",  # digits, capitals and "-" on one page; no Telex/VNI rewriting
            max_length=24,
        )
        self.code.editor.setObjectName("dossierCode")
        self.code.editor.returnPressed.connect(self.find_dossier)  # type: ignore[attr-defined]
        self.find_button = button(translate("PaymentForm", "Tìm hồ sơ"), self.find_dossier)
        self.find_button.setObjectName("findDossier")
        row.addWidget(self.code, 1)
        row.addWidget(self.find_button, 0, Qt.AlignmentFlag.AlignBottom)  # beside the input
        box.addLayout(row)
        self.found = label("", "ok")
        self.found.setObjectName("dossierFound")
        box.addWidget(self.found)
        self.dossier_box.hide()
        return self.dossier_box

    def _other_box(self) -> QWidget:
        self.other_box = QWidget()
        box = QVBoxLayout(self.other_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.kind = ChoiceButtons(
            [
                ("dong_gop", translate("PaymentForm", "Đóng góp, ủng hộ")),
                ("dich_vu_cong_ich", translate("PaymentForm", "Dịch vụ công ích")),
            ],
            2,
            "kind",
        )
        self.kind_field = FormField(translate("PaymentForm", "Loại khoản nộp"), editor=self.kind)
        self.content = FormField(
            translate("PaymentForm", "Nội dung (ví dụ: Ủng hộ quỹ phòng, chống thiên tai)"),
            max_length=500,
        )
        self.content.editor.setObjectName("content")
        box.addWidget(self.kind_field)
        box.addWidget(self.content)
        self.other_box.hide()
        return self.other_box

    def _cash_note(self) -> QWidget:
        self.cash_note = QWidget()
        box = QVBoxLayout(self.cash_note)
        box.setContentsMargins(0, 0, 0, 0)
        self.cash_words = label(
            translate(
                "PaymentForm",
                "Tiền mặt chỉ nộp qua tình nguyện viên đã đăng nhập. Xin mời tình nguyện viên "
                "đăng nhập, hoặc chọn chuyển khoản VietQR.",
            ),
            "error",
        )
        self.cash_words.setObjectName("cashRefused")
        box.addWidget(self.cash_words)
        self.volunteer_login = button(
            translate("PaymentForm", "Tình nguyện viên đăng nhập để nhận tiền mặt"),
            self.ask_volunteer,
        )
        self.volunteer_login.setObjectName("volunteerLogin")
        box.addWidget(self.volunteer_login)
        self.cash_note.hide()
        return self.cash_note

    # --- behaviour ------------------------------------------------------------------------

    def _purpose_changed(self, purpose: str) -> None:
        self.dossier_box.setVisible(purpose == "dossier")
        self.other_box.setVisible(purpose == "other")

    def _method_changed(self, method: str) -> None:
        if method == "tien_mat" and not self.state.has_role(*STAFF_ROLES):
            self.method.set_value(None)  # a resident cannot hand over cash to the machine
            self.cash_note.show()
            return
        self.cash_note.hide()

    def find_dossier(self) -> None:
        kiosk, code, alone = self.state.require_kiosk(), self.code.value(), self.state.user is None
        self.find_button.setEnabled(False)
        self.state.tasks.run(
            lambda: payments.require_dossier(kiosk, code, alone=alone),
            self.show_due,
            self._not_found,
        )

    def show_due(self, due: DossierDue) -> None:
        self.find_button.setEnabled(True)
        self.due = due
        self.code.set_error(None)
        self.found.setText(due_words(due))
        if due.unpaid and not self.amount.amount():
            self.amount.set_amount(due.unpaid)

    def _not_found(self, error: BaseException) -> None:
        self.find_button.setEnabled(True)
        self.due = None
        self.found.setText("")
        messages = getattr(error, "errors", None)
        if not messages:  # not the code's fault: the code stays, "Tìm hồ sơ" again
            failures.report(
                error, "dossier lookup", failures.not_checked(), line=self.code.set_error
            )
            return
        self.code.set_error(self.state.text(messages[0].message, messages[0].message_en))

    # --- values ---------------------------------------------------------------------------

    def agreement(self) -> dict[str, object] | None:
        """``DongY``: when the resident ticked, under which notice, for what."""
        version = self.state.require_kiosk().settings.get_str("consent.current")
        return self.consent.record(version)

    def draft(self) -> dict[str, Any]:
        """What was filled in, to carry across a volunteer's login (the consent with the
        moment it was given: a login does not make it later)."""
        return {
            "consent": self.agreement(),
            "purpose": self.purpose.value(),
            "code": self.code.value(),
            "kind": self.kind.value(),
            "content": self.content.value(),
            "payer": self.payer.value(),
            "amount": self.amount.amount(),
            "method": self.method.value(),
        }

    def restore(self, draft: dict[str, Any]) -> None:
        if draft.get("consent"):
            self.consent.restore(draft["consent"])
        self.purpose.set_value(draft.get("purpose"))
        self.code.set_value(draft.get("code") or "")
        self.kind.set_value(draft.get("kind"))
        self.content.set_value(draft.get("content") or "")
        self.payer.set_value(draft.get("payer") or "")
        self.amount.set_amount(draft.get("amount"))
        if draft.get("method"):
            self.method.set_value(draft["method"])
        if self.code.value() and draft.get("purpose") == "dossier":
            self.find_dossier()

    def touched(self) -> bool:
        return any(v for k, v in self.draft().items() if k not in ("purpose", "method", "consent"))

    def dossier_code(self) -> str | None:
        """The receipt code to resolve on save (None: not a dossier payment)."""
        return self.code.value() if self.purpose.value() == "dossier" else None

    def payload(self) -> dict[str, Any]:
        """The payment as far as filled in; the dossier's fields are added on the worker."""
        other = self.purpose.value() == "other"
        return {
            "dossier_id": None,
            "LoaiKhoanNop": self.kind.value() if other else None,
            "NoiDung": self.content.value() or None if other else None,
            "SoTien": self.amount.amount(),
            "HinhThuc": self.method.value(),
            "MaThamChieu": None,
            "NguoiNop": self.payer.value() or None,
            "MaDoiTuongNguoiNop": None,
            "DongY": self.agreement(),
        }

    def fields(self) -> dict[str, FormField]:
        other = self.purpose.value() == "other"
        return {
            "dossier_id": self.code,
            "LoaiKhoanNop": self.kind_field if other else self.purpose_field,
            "NoiDung": self.content if other else self.purpose_field,
            "SoTien": self.amount,
            "HinhThuc": self.method_field,
            "NguoiNop": self.payer,
            "DongY": self.consent_field,
        }
