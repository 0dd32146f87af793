"""Step 2: the province and the ward the support point serves, from the bundled 2025 list
(a ward found by its new or its old name; :func:`kiosk.services.setup_steps.set_location`)."""

from __future__ import annotations

from typing import Any

from kiosk.services import places, setup_steps
from kiosk.services.places import WardChoice
from kiosk.ui.i18n import translate
from kiosk.ui.screens.setup.step import WizardStep
from kiosk.ui.widgets.common import FormField
from kiosk.ui.widgets.unit_picker import UnitPicker


class LocationStep(WizardStep):
    key = "location"

    def intro(self) -> str:
        return translate(
            "LocationStep",
            "Tỉnh và phường, xã nơi đặt điểm hỗ trợ (danh sách sau sắp xếp năm 2025). Hồ sơ "
            "gửi lên tỉnh mang mã phường, xã này.",
        )

    def build(self) -> None:
        settings = self.state.require_kiosk().settings
        self.picker = UnitPicker(self.state, settings.get_str("kiosk.province_code"))
        self.body.addWidget(self.picker)

    def load(self, now: dict[str, Any]) -> None:
        settings = self.state.require_kiosk().settings
        if not settings.is_set("kiosk.ward_code"):
            return
        code, province = str(now["ward"]), str(now["province"])
        self.state.tasks.run(lambda: (code, province, places.ward_name(code)), self._prefill)

    def _prefill(self, found: tuple[str, str, str | None]) -> None:
        code, province, name = found
        if name is not None and self.picker.chosen is None:
            self.picker.choose(WardChoice(code, name, province))

    def fields(self) -> dict[str, FormField]:
        return {"kiosk.province_code": self.picker.province, "kiosk.ward_code": self.picker.ward}

    def submit(self) -> None:
        kiosk, actor = self.state.require_kiosk(), self.wizard.actor
        province, ward = self.picker.province_code(), self.picker.ward_code()
        self.wizard.work(
            lambda: setup_steps.set_location(kiosk, province, ward, actor),
            lambda _ward: self.wizard.advance(),
        )
