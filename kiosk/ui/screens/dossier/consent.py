"""Step 1: the personal-data notice in plain words, and consent purpose by purpose (none
ticked in advance). The notice's version (setting ``consent.current``) goes in the payload."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from kiosk.domain.consent import PURPOSES
from kiosk.services.dossier_draft import DOSSIER_PURPOSES, POSTAL_PURPOSE
from kiosk.ui.i18n import translate
from kiosk.ui.screens.dossier.step import Step
from kiosk.ui.widgets.common import FormField, label

if TYPE_CHECKING:
    from kiosk.ui.screens.dossier import DossierScreen


def notice_text(days: int) -> str:
    return translate(
        "ConsentStep",
        "Để nộp hồ sơ, điểm hỗ trợ cần ghi lại họ tên, số định danh cá nhân, ngày sinh, "
        "số điện thoại, địa chỉ và giấy tờ của ông/bà.\n\n"
        "• Thông tin chỉ được gửi đến cơ quan giải quyết thủ tục, qua hệ thống của tỉnh.\n"
        "• Máy lưu thông tin ở dạng mã hóa, và xóa {days} ngày sau khi tỉnh đã nhận hồ sơ.\n"
        "• Ông/bà có quyền xin xem, sửa hoặc xóa thông tin của mình tại điểm hỗ trợ.\n"
        "• Nếu không đồng ý, ông/bà vẫn được hướng dẫn nộp trực tiếp tại cơ quan.",
    ).format(days=days)


def purpose_note(code: str) -> str:
    return {
        "giai_quyet_tthc": translate("ConsentStep", "Cần có để nộp hồ sơ."),
        "lien_he_ho_tro": translate(
            "ConsentStep", "Không bắt buộc. Để cơ quan gọi lại khi cần hỏi thêm."
        ),
        POSTAL_PURPOSE: translate(
            "ConsentStep", "Chỉ cần nếu muốn nhận kết quả tại nhà qua bưu điện."
        ),
    }.get(code, "")


class ConsentStep(Step):
    def __init__(self, screen: DossierScreen) -> None:
        super().__init__(screen)
        settings = self.state.require_kiosk().settings
        self.body.addWidget(
            label(translate("ConsentStep", "Thông báo về thông tin cá nhân"), "heading")
        )
        self.body.addWidget(label(notice_text(settings.get_int("retention.days"))))
        version = settings.get_str("consent.current")
        self.body.addWidget(
            label(
                translate("ConsentStep", "Thông báo số {version}").format(version=version), "muted"
            )
        )
        box = QWidget()
        rows = QVBoxLayout(box)
        rows.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for code in DOSSIER_PURPOSES:
            purpose = PURPOSES[code]
            check = QCheckBox(self.state.text(purpose.label, purpose.label_en))
            check.setObjectName(f"consent_{code}")
            check.toggled.connect(lambda on, c=code: self._toggled(c, on))
            self.boxes[code] = check
            rows.addWidget(check)
            note = label(purpose_note(code), "muted")
            note.setContentsMargins(50, 0, 0, 8)
            rows.addWidget(note)
        self.field = FormField(
            translate(
                "ConsentStep", "Ông/bà đồng ý cho điểm hỗ trợ dùng thông tin để (chạm để chọn):"
            ),
            editor=box,
        )
        self.field.caption.setStyleSheet("font-weight: bold;")
        self.body.addWidget(self.field)
        self.body.addStretch(1)

    def title(self) -> str:
        return translate("ConsentStep", "Đồng ý cho dùng thông tin")

    def fields(self) -> dict[str, FormField]:
        return {"DongY": self.field}

    def load(self) -> None:
        for code, check in self.boxes.items():
            check.blockSignals(True)
            check.setChecked(code in self.draft.purposes)
            check.blockSignals(False)

    def _toggled(self, code: str, on: bool) -> None:
        self.draft.set_purpose(code, on)
        self.field.set_error(None)
