"""Step 4: the procedure's fees as the catalogue gives them, and what goes in the dossier."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.services.dossier_draft import fee_total, fees_of
from kiosk.ui import money
from kiosk.ui.i18n import translate
from kiosk.ui.screens.dossier.step import Step
from kiosk.ui.screens.procedure import fee_words
from kiosk.ui.widgets.common import label

if TYPE_CHECKING:
    from kiosk.ui.screens.dossier import DossierScreen


def total_words(total: int) -> str:
    if total == 0:
        return translate("FeesStep", "Không phải nộp phí, lệ phí khi nộp hồ sơ này.")
    return translate("FeesStep", "Phí, lệ phí phải nộp: {amount}").format(
        amount=money.with_sign(total)
    )


class FeesStep(Step):
    def __init__(self, screen: DossierScreen) -> None:
        super().__init__(screen)
        procedure = self.draft.procedure
        self.body.addWidget(label(translate("FeesStep", "Phí, lệ phí"), "heading"))
        lines = fees_of(procedure)
        if not lines:
            self.body.addWidget(
                label(translate("FeesStep", "Danh mục không ghi phí, lệ phí cho thủ tục này."))
            )
        for line in lines:
            if line.online:
                text = translate("FeesStep", "• {fee}")
            else:
                text = translate("FeesStep", "• {fee} (khi nộp trực tiếp)")
            self.body.addWidget(label(text.format(fee=fee_words(line))))
        self.total = label(total_words(fee_total(procedure)), "heading")
        self.total.setObjectName("feeTotal")
        self.body.addWidget(self.total)
        self.body.addWidget(
            label(
                translate(
                    "FeesStep",
                    "Phí, lệ phí nộp cho cơ quan giải quyết: tại mục «Nộp phí» của điểm hỗ trợ "
                    "hoặc khi cơ quan báo. Điểm hỗ trợ không thu thêm khoản nào.",
                ),
                "muted",
            )
        )
        self.body.addStretch(1)

    def title(self) -> str:
        return translate("FeesStep", "Phí, lệ phí")
