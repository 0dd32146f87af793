"""Step 5: where the result comes back — at the office, or home by public postal service (the
save then also registers the postal return). Post needs the address and a phone number, and
the resident's consent to pass them to the post office (asked here if not given before)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QButtonGroup, QCheckBox, QRadioButton, QVBoxLayout, QWidget

from kiosk.domain.consent import PURPOSES
from kiosk.services.dossier_draft import AT_OFFICE, BY_POST, POSTAL_PURPOSE
from kiosk.ui.i18n import translate
from kiosk.ui.screens.dossier.step import Step
from kiosk.ui.widgets.common import FormField, label

if TYPE_CHECKING:
    from kiosk.ui.screens.dossier import DossierScreen


class DeliveryStep(Step):
    def __init__(self, screen: DossierScreen) -> None:
        super().__init__(screen)
        agency = str(self.draft.procedure.get("CoQuanThucHien") or "")
        box = QWidget()
        rows = QVBoxLayout(box)
        rows.setContentsMargins(0, 0, 0, 0)
        self.office = QRadioButton(translate("DeliveryStep", "Nhận tại cơ quan giải quyết"))
        self.post = QRadioButton(
            translate("DeliveryStep", "Nhận tại nhà qua bưu điện (bưu chính công ích)")
        )
        self.group = QButtonGroup(self)
        self.group.addButton(self.office, AT_OFFICE)
        self.group.addButton(self.post, BY_POST)
        self.group.idToggled.connect(self._chosen)
        rows.addWidget(self.office)
        if agency:  # under its choice's words, not at a choice's indent (a third choice?)
            words = translate("DeliveryStep", "Nơi nhận: {agency}").format(agency=agency)
            where = label(words, "muted")
            where.setObjectName("officeAgency")
            where.setContentsMargins(50, 0, 0, 6)  # past the 36-px indicator and its spacing
            rows.addWidget(where)
        rows.addWidget(self.post)
        self.field = FormField(
            translate("DeliveryStep", "Ông/bà muốn nhận kết quả ở đâu?"), editor=box
        )
        self.field.caption.setProperty("role", "heading")
        self.post_panel = QWidget()
        post = QVBoxLayout(self.post_panel)
        post.setContentsMargins(0, 0, 0, 0)
        self.address = label("")
        purpose = PURPOSES[POSTAL_PURPOSE]
        self.consent = QCheckBox(self.state.text(purpose.label, purpose.label_en))
        self.consent.setObjectName("postal_consent")
        self.consent.toggled.connect(self._consent_toggled)
        self.consent_field = FormField(
            translate(
                "DeliveryStep",
                "Để bưu điện giao kết quả, họ tên, địa chỉ và số điện thoại của ông/bà được "
                "chuyển cho bưu điện. Ông/bà đồng ý:",
            ),
            editor=self.consent,
        )
        post.addWidget(self.address)
        post.addWidget(self.consent_field)
        self.body.addWidget(self.field)
        self.body.addWidget(self.post_panel)
        self.body.addStretch(1)

    def title(self) -> str:
        return translate("DeliveryStep", "Nhận kết quả")

    def fields(self) -> dict[str, FormField]:
        found = {"HinhThucNhanKetQua": self.field}
        if self.draft.delivery == BY_POST:
            found["DongY"] = self.consent_field  # see dossier_draft.step_of
        return found

    def load(self) -> None:
        self.address.setText(
            translate(
                "DeliveryStep",
                "Kết quả sẽ gửi về: {address}. Bưu điện gọi số {phone} trước khi giao.",
            ).format(
                address=self.flow.address_words() or "—",
                phone=self.draft.applicant.phone or translate("DeliveryStep", "(chưa có)"),
            )
        )
        self.consent.blockSignals(True)
        self.consent.setChecked(POSTAL_PURPOSE in self.draft.purposes)
        self.consent.blockSignals(False)
        self.post_panel.setVisible(self.draft.delivery == BY_POST)

    def _chosen(self, choice: int, on: bool) -> None:
        if on:
            self.draft.delivery = choice
            self.field.set_error(None)
            self.post_panel.setVisible(choice == BY_POST)

    def _consent_toggled(self, on: bool) -> None:
        self.draft.set_purpose(POSTAL_PURPOSE, on)
        self.consent_field.set_error(None)
