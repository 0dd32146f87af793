"""Consent before personal data is captured (Law 91/2025/QH15): a short notice in plain
words and one tick box per purpose, none ticked in advance. ``record()`` is the ``DongY``
a payload carries: when the resident agreed, the notice version, the purposes ticked."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from kiosk.domain.consent import PURPOSES
from kiosk.domain.fields import format_timestamp, parse_timestamp
from kiosk.store.models import utcnow
from kiosk.ui.i18n import translate
from kiosk.ui.widgets.common import FormField, label


class ConsentChecks(QWidget):
    """``required`` purposes must all be ticked for ``ready()``; ``optional`` may be."""

    changed = Signal()

    def __init__(
        self,
        required: Sequence[str],
        language: str,
        optional: Sequence[str] = (),
        notice: str = "",
    ) -> None:
        super().__init__()
        self.required = tuple(required)
        self.agreed_at: datetime | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(
            label(
                notice
                or translate(
                    "ConsentChecks",
                    "Thông tin ông/bà nhập chỉ dùng cho đúng việc được chọn dưới đây, "
                    "được mã hóa trên máy và xóa khỏi máy sau khi cơ quan đã nhận. Xin đánh dấu "
                    "từng mục ông/bà đồng ý:",
                )
            )
        )
        self.boxes: dict[str, QCheckBox] = {}
        for code in (*self.required, *[c for c in optional if c not in self.required]):
            purpose = PURPOSES[code]
            box = QCheckBox(purpose.label_en if language == "en" else purpose.label)
            box.setObjectName(f"consent_{code}")
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            box.toggled.connect(self._toggled)
            self.boxes[code] = box
            layout.addWidget(box)

    def as_field(self) -> FormField:
        """These tick boxes as a form field with no caption (the notice is theirs): where a
        ``DongY`` error is shown, gone once a box is ticked or unticked."""
        field = FormField("", editor=self)
        field.caption.hide()
        self.changed.connect(lambda: field.set_error(None))
        return field

    def _toggled(self, on: bool) -> None:
        if on:
            self.agreed_at = utcnow()
        self.changed.emit()

    def ready(self) -> bool:
        return all(self.boxes[code].isChecked() for code in self.required)

    def ticked(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def restore(self, record: dict[str, object]) -> None:
        """Tick what an earlier ``record()`` holds, keeping the moment it was given."""
        purposes = record.get("MucDich")
        moment = record.get("ThoiDiem")
        for code, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(isinstance(purposes, list) and code in purposes)
            box.blockSignals(False)
        self.agreed_at = parse_timestamp(moment) if isinstance(moment, str) else None
        self.changed.emit()

    def record(self, version: str) -> dict[str, object] | None:
        """``DongY`` for the payload, or None when nothing was ticked."""
        purposes = self.ticked()
        if not purposes or self.agreed_at is None:
            return None
        return {
            "ThoiDiem": format_timestamp(self.agreed_at),
            "PhienBanThongBao": version,
            "MucDich": purposes,
        }
