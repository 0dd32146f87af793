"""Step 6: the ward staff's and the technician's accounts (code, name, PIN typed twice), and
volunteer accounts added one by one (:func:`kiosk.services.setup_steps.save_account`: a new
account, or a new PIN for an existing one of the same role). PINs never leave the fields
except to the service, and are cleared once saved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QGridLayout, QLineEdit

from kiosk.domain.errors import FieldError, ValidationError
from kiosk.services import setup_steps, users
from kiosk.services.context import Kiosk
from kiosk.ui.i18n import translate
from kiosk.ui.screens.setup.step import WizardStep
from kiosk.ui.widgets.common import FormField, button, label

DEFAULT_CODES = {"staff": "CB01", "technician": "KTV01", "volunteer": ""}


@dataclass(frozen=True)
class Account:
    group: str  # staff | technician | volunteer: the prefix of its fields' paths
    role: str
    code: str
    name: str
    pin: str


def save_accounts(kiosk: Kiosk, accounts: list[Account], actor: str) -> list[str]:
    """Each account in turn; a refusal names the group's fields (``staff.pin``…)."""
    saved = []
    for account in accounts:
        try:
            setup_steps.save_account(
                kiosk, account.code, account.name, account.role, account.pin, actor
            )
        except ValidationError as exc:
            raise ValidationError(
                [
                    FieldError(f"{account.group}.{e.field}", e.code, e.message, e.message_en)
                    for e in exc.errors
                ]
            ) from None
        saved.append(account.code)
    return saved


def role_words(role: str) -> str:
    return {
        "staff": translate("AccountsStep", "Cán bộ phường"),
        "technician": translate("AccountsStep", "Kỹ thuật viên"),
        "volunteer": translate("AccountsStep", "Tình nguyện viên"),
    }.get(role, role)


class AccountGroup:
    """Code, name, PIN and the PIN again for one role."""

    def __init__(self, step: AccountsStep, group: str, heading_text: str) -> None:
        self.group = group
        heading = label(heading_text, "heading")
        step.body.addWidget(heading)
        self.code = FormField(translate("AccountsStep", "Mã đăng nhập"), "plain", max_length=32)
        self.name = FormField(translate("AccountsStep", "Họ tên hiển thị"), "text", max_length=100)
        self.pin = FormField(
            translate("AccountsStep", "Mã PIN (4–8 chữ số)"), "digits", max_length=8
        )
        self.again = FormField(translate("AccountsStep", "Nhập lại mã PIN"), "digits", max_length=8)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(10)
        for index, field in enumerate((self.code, self.name, self.pin, self.again)):
            if field in (self.pin, self.again):
                field.editor.setEchoMode(QLineEdit.EchoMode.Password)  # type: ignore[attr-defined]
            grid.addWidget(field, index // 2, index % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 2)
        step.body.addLayout(grid)
        self.heading = heading

    def fields(self) -> dict[str, FormField]:
        return {
            f"{self.group}.code": self.code,
            f"{self.group}.name": self.name,
            f"{self.group}.pin": self.pin,
            f"{self.group}.again": self.again,
        }

    def blank(self) -> bool:
        return not any(f.value() for f in (self.name, self.pin, self.again))

    def account(self, role: str) -> Account:
        return Account(self.group, role, self.code.value(), self.name.value(), self.pin.value())

    def mismatch(self) -> FieldError | None:
        if self.pin.value() == self.again.value():
            return None
        return FieldError(
            f"{self.group}.again",
            "mismatch",
            "Hai lần nhập mã PIN không giống nhau",
            "The two PINs differ",
        )

    def clear_pins(self) -> None:
        for field in (self.pin, self.again):
            field.editor.clear()  # type: ignore[attr-defined]


class AccountsStep(WizardStep):
    key = "accounts"

    def intro(self) -> str:
        return translate(
            "AccountsStep",
            "Cán bộ phường dùng mã PIN để duyệt chốt ngày; kỹ thuật viên để vào phần Kỹ thuật. "
            "Mỗi người một mã PIN riêng, không ghi ra giấy.",
        )

    def build(self) -> None:
        self.existing: list[tuple[str, str]] = []
        self.have = label("", "muted")
        self.have.setObjectName("accountsHave")
        self.body.addWidget(self.have)
        self.staff = AccountGroup(self, "staff", translate("AccountsStep", "Cán bộ phường"))
        self.technician = AccountGroup(
            self, "technician", translate("AccountsStep", "Kỹ thuật viên")
        )
        self.volunteer = AccountGroup(
            self, "volunteer", translate("AccountsStep", "Tình nguyện viên (không bắt buộc)")
        )
        self.add_button = button(
            translate("AccountsStep", "Thêm tình nguyện viên này"), self.add_volunteer
        )
        self.add_button.setObjectName("addVolunteer")
        self.body.addWidget(self.add_button)

    def load(self, now: dict[str, Any]) -> None:
        self._show_existing([(str(c), str(r)) for c, r in now["accounts"]])
        for group in (self.staff, self.technician):
            if group.group not in {role for _, role in self.existing}:
                group.code.set_value(DEFAULT_CODES[group.group])

    def _show_existing(self, accounts: list[tuple[str, str]]) -> None:
        self.existing = accounts
        self.have.setText(
            translate("AccountsStep", "Đã có: {accounts}. Để trống một nhóm để giữ nguyên.").format(
                accounts=", ".join(f"{c} ({role_words(r)})" for c, r in accounts)
            )
            if accounts
            else translate("AccountsStep", "Chưa có tài khoản nào.")
        )

    def fields(self) -> dict[str, FormField]:
        return {**self.staff.fields(), **self.technician.fields(), **self.volunteer.fields()}

    def _wanted(self, groups: list[AccountGroup]) -> tuple[list[Account], list[FieldError]]:
        roles = {role for _, role in self.existing}
        accounts, errors = [], []
        for group in groups:
            if group.group in roles and group.blank():
                continue  # keeps the existing account and its PIN
            mismatch = group.mismatch()
            if mismatch is not None:
                errors.append(mismatch)
            accounts.append(group.account(group.group))
        return accounts, errors

    def submit(self) -> None:
        accounts, errors = self._wanted([self.staff, self.technician])
        if errors:
            self.show_errors(errors)
            return
        self._save(accounts, self._saved_and_next)

    def add_volunteer(self) -> None:
        self.clear_errors()
        mismatch = self.volunteer.mismatch()
        if mismatch is not None:
            self.show_errors([mismatch])
            return
        self._save([self.volunteer.account("volunteer")], self._volunteer_added)

    def _save(self, accounts: list[Account], then: Any) -> None:
        kiosk, actor = self.state.require_kiosk(), self.wizard.actor
        self.wizard.work(lambda: save_accounts(kiosk, accounts, actor), then)

    def _saved_and_next(self, codes: list[str]) -> None:
        for group in (self.staff, self.technician):
            group.clear_pins()
        self._refresh()
        self.wizard.advance()

    def _volunteer_added(self, codes: list[str]) -> None:
        group = self.volunteer
        for field in (group.code, group.name):
            field.editor.clear()  # type: ignore[attr-defined]
        group.clear_pins()
        self.say(
            translate("AccountsStep", "Đã thêm tình nguyện viên {code}.").format(code=codes[0]),
            "ok",
        )
        self._refresh()

    def _refresh(self) -> None:
        kiosk = self.state.require_kiosk()
        self.state.tasks.run(
            lambda: [(u.code, u.role) for u in users.list_users(kiosk)], self._show_existing
        )
