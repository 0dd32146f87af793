"""Step 2: who files — name, personal ID with the date of birth (the core cross-checks them),
phone, and the address with the province → ward picker that also knows old ward names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.ui.i18n import translate
from kiosk.ui.screens.dossier.step import Step
from kiosk.ui.widgets.common import FormField, label
from kiosk.ui.widgets.unit_picker import UnitPicker

if TYPE_CHECKING:
    from kiosk.ui.screens.dossier import DossierScreen


class ApplicantStep(Step):
    def __init__(self, screen: DossierScreen) -> None:
        super().__init__(screen)
        settings = self.state.require_kiosk().settings
        self.body.addWidget(
            label(translate("ApplicantStep", "Thông tin người nộp hồ sơ"), "heading")
        )
        self.name = FormField(
            translate("ApplicantStep", "Họ và tên"),
            "text",
            translate("ApplicantStep", "Ví dụ: Nguyễn Văn An"),
            max_length=100,
        )
        self.personal_id = FormField(
            translate("ApplicantStep", "Số định danh cá nhân (12 số in trên thẻ căn cước)"),
            "digits",
            translate("ApplicantStep", "Ví dụ: 056062001234"),
            max_length=16,
        )
        self.birth = FormField(
            translate("ApplicantStep", "Ngày sinh (ngày/tháng/năm)"),
            "digits",
            translate("ApplicantStep", "Ví dụ: 05/09/1962"),
            max_length=10,
        )
        self.phone = FormField(
            translate("ApplicantStep", "Số điện thoại (để cơ quan, bưu điện liên hệ)"),
            "phone",
            translate("ApplicantStep", "Ví dụ: 0905 123 456"),
            max_length=16,
        )
        self.street = FormField(
            translate("ApplicantStep", "Số nhà, đường, thôn hoặc tổ dân phố"),
            "text",
            translate("ApplicantStep", "Ví dụ: 12 Trần Phú"),
            max_length=200,
        )
        self.picker = UnitPicker(self.state, settings.get_str("kiosk.province_code"))
        for widget in (self.name, self.personal_id, self.birth, self.phone):
            self.body.addWidget(widget)
        self.body.addWidget(label(translate("ApplicantStep", "Địa chỉ thường trú"), "heading"))
        self.body.addWidget(self.street)
        self.body.addWidget(self.picker)
        self.body.addStretch(1)

    def title(self) -> str:
        return translate("ApplicantStep", "Người nộp hồ sơ")

    def fields(self) -> dict[str, FormField]:
        return {
            "ChuHoSo": self.name,
            "MaDoiTuong": self.personal_id,
            "NgaySinh": self.birth,
            "SoDienThoai": self.phone,
            "DiaChi.SoNha": self.street,
            "DiaChi.MaTinh": self.picker.province,
            "DiaChi.MaXa": self.picker.ward,
            "DiaChi": self.picker.ward,
        }

    def commit(self) -> None:
        a = self.draft.applicant
        a.name = self.name.value()
        a.personal_id = self.personal_id.value()
        a.birth = self.birth.value()
        a.phone = self.phone.value()
        a.street = self.street.value()
        a.province_code = self.picker.province_code()
        a.ward_code = self.picker.ward_code()

    def address_words(self) -> str:
        """The address as the resident will read it on the review page."""
        chosen = self.picker.chosen
        parts = [
            self.street.value(),
            chosen.name if chosen is not None else "",
            self.picker.combo.currentText(),
        ]
        return ", ".join(part for part in parts if part)
