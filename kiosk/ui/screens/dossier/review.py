"""Step 6: everything on one page (the personal ID masked), each part with "Sửa" to go back
to its step; the footer's button saves."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from kiosk.domain.consent import PURPOSES
from kiosk.domain.masking import mask_id
from kiosk.services.dossier_draft import BY_POST, birth_to_contract, fee_total, shorten
from kiosk.ui import money
from kiosk.ui.i18n import translate
from kiosk.ui.screens.dossier.step import Step
from kiosk.ui.widgets.common import button, clear_layout, label

if TYPE_CHECKING:
    from kiosk.ui.screens.dossier import DossierScreen


def birth_words(typed: str) -> str:
    contract = birth_to_contract(typed)
    if not contract:
        return typed or "—"
    return f"{contract[6:8]}/{contract[4:6]}/{contract[0:4]}"


class ReviewStep(Step):
    def __init__(self, screen: DossierScreen) -> None:
        super().__init__(screen)
        self.body.addWidget(label(translate("ReviewStep", "Xin xem lại trước khi lưu"), "heading"))
        self.sections = QVBoxLayout()
        self.sections.setSpacing(12)
        self.body.addLayout(self.sections)
        self.body.addStretch(1)

    def title(self) -> str:
        return translate("ReviewStep", "Xem lại và lưu")

    def load(self) -> None:
        clear_layout(self.sections)
        d, a = self.draft, self.draft.applicant
        self._section(translate("ReviewStep", "Thủ tục"), [d.name], None)
        self._section(
            translate("ReviewStep", "Người nộp"),
            [
                a.name,
                translate("ReviewStep", "Số định danh: {id}").format(id=mask_id(a.personal_id)),
                translate("ReviewStep", "Ngày sinh: {date}").format(date=birth_words(a.birth)),
                translate("ReviewStep", "Điện thoại: {phone}").format(phone=a.phone or "—"),
                translate("ReviewStep", "Địa chỉ: {address}").format(
                    address=self.flow.address_words() or "—"
                ),
            ],
            1,
        )
        self._section(translate("ReviewStep", "Giấy tờ"), self._papers(), 2)
        total = fee_total(d.procedure)
        fees = money.with_sign(total) if total else translate("ReviewStep", "Không phải nộp")
        self._section(translate("ReviewStep", "Phí, lệ phí"), [fees], 3)
        self._section(translate("ReviewStep", "Nhận kết quả"), [self._delivery()], 4)
        agreed = [self.state.text(PURPOSES[p].label, PURPOSES[p].label_en) for p in d.purposes]
        self._section(translate("ReviewStep", "Đồng ý cho dùng thông tin để"), agreed, 0)

    def _papers(self) -> list[str]:
        lines = []
        for paper in self.draft.papers:
            if paper.file is not None:
                lines.append(
                    translate("ReviewStep", "✔ {name} — tệp {file}").format(
                        name=_short(paper.name), file=paper.file.name
                    )
                )
            elif paper.on_paper:
                lines.append(
                    translate("ReviewStep", "✔ {name} — nộp bản giấy").format(
                        name=_short(paper.name)
                    )
                )
        return lines or [translate("ReviewStep", "Chưa có giấy tờ nào")]

    def _delivery(self) -> str:
        if self.draft.delivery == BY_POST:
            return translate("ReviewStep", "Tại nhà, qua bưu điện")
        if self.draft.delivery is None:
            return translate("ReviewStep", "Chưa chọn")
        return translate("ReviewStep", "Tại cơ quan giải quyết")

    def _editor(self, step: int) -> Callable[[], None]:
        return lambda: self.flow.go_to(step)

    def _section(self, title: str, lines: list[str], step: int | None) -> None:
        frame = QFrame()
        frame.setObjectName("reviewSection")
        frame.setStyleSheet(
            "QFrame#reviewSection { border: 2px solid #1F1F1F; border-radius: 10px; }"
        )
        row = QHBoxLayout(frame)
        text = QVBoxLayout()
        text.addWidget(label(title, "muted"))
        for line in lines:
            text.addWidget(label(line))
        row.addLayout(text, 1)
        if step is not None:
            row.addWidget(button(translate("ReviewStep", "Sửa"), self._editor(step)))
        self.sections.addWidget(frame)


def _short(name: str) -> str:
    return shorten(name, 70)
