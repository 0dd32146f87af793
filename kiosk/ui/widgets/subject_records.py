"""One person's records on the "data about me" screen: the masked list, and the full view
(every value of each record's payload, as the technician shows it to the person)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.services.subject import SubjectRecord
from kiosk.ui.i18n import translate
from kiosk.ui.widgets.common import clear_layout, label
from kiosk.ui.widgets.staff_words import Box, kind_words, sync_words


def found_words(how: str) -> str:
    return {
        "id": translate("SubjectRecords", "có số định danh này"),
        "linked": translate("SubjectRecords", "gắn với hồ sơ của người này"),
        "content": translate("SubjectRecords", "số định danh nằm trong nội dung"),
    }.get(how, how)


def record_words(record: SubjectRecord) -> str:
    accepted = (
        translate("SubjectRecords", "tỉnh đã nhận")
        if record.accepted
        else translate("SubjectRecords", "TỈNH CHƯA NHẬN")
    )
    return "\n".join(
        (
            f"{record.receipt_code} · {kind_words(record.kind)} · {record.created_at}",
            f"{record.masked} · {record.what}",
            translate("SubjectRecords", "{state} ({accepted}) · tìm thấy vì: {how}").format(
                state=sync_words(record.state), accepted=accepted, how=found_words(record.found_by)
            ),
        )
    )


def payload_lines(value: Any, prefix: str = "") -> Iterator[str]:
    """``{"ChuHoSo": "…", "DiaChi": {"SoNha": "…"}}`` → ``ChuHoSo: …``, ``DiaChi.SoNha: …``."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from payload_lines(inner, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list):
        for index, inner in enumerate(value, start=1):
            yield from payload_lines(inner, f"{prefix}[{index}]")
    elif value not in (None, ""):
        yield f"{prefix}: {value}"


class RecordList(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(10)
        self.rows: list[Any] = []

    def show_records(self, records: list[SubjectRecord]) -> None:
        clear_layout(self.body)
        self.rows = []
        for record in records:
            row = label(record_words(record), "" if record.accepted else "error")
            row.setObjectName(f"record_{record.receipt_code}")
            row.setStyleSheet("border: 2px solid #1F1F1F; border-radius: 10px; padding: 10px;")
            self.rows.append(row)
            self.body.addWidget(row)


class FullView(QWidget):
    """Every value of each record: shown only after the technician confirmed (audited)."""

    def __init__(self) -> None:
        super().__init__()
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(10)

    def show_full(self, shown: list[dict[str, Any]]) -> None:
        clear_layout(self.body)
        self.body.addWidget(
            label(
                translate("SubjectRecords", "Dữ liệu đầy đủ (đã ghi nhật ký việc xem)"), "heading"
            )
        )
        for record in shown:
            box = Box(f"{record['receipt_code']} · {kind_words(str(record['kind']))}")
            lines = list(payload_lines(record.get("payload")))
            text = "\n".join(lines) or translate(
                "SubjectRecords", "Không còn nội dung (đã xóa theo thời hạn lưu giữ)."
            )
            content = label(text)
            content.setObjectName(f"full_{record['receipt_code']}")
            box.body.addWidget(content)
            self.body.addWidget(box)
