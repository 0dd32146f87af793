"""The columns of one log row, shared by the CSV and the XLSX log sheet (same order, same
Vietnamese headers; the CSV adds the ISO time and splits date and time as text)."""

from __future__ import annotations

from functools import cache

from kiosk.export import labels
from kiosk.export.period import VN_OFFSET
from kiosk.export.session_log import LogEntry

# header, XLSX column width (characters)
COLUMNS: tuple[tuple[str, int], ...] = (
    ("Mã sự kiện", 22),
    ("Nhóm", 16),
    ("Sự kiện", 30),
    ("Người thực hiện", 12),
    ("Mã biên nhận", 18),
    ("Mã thủ tục", 12),
    ("Tên thủ tục", 40),
    ("Số tiền (đồng)", 14),
    ("Hình thức nộp", 20),
    ("Trạng thái gửi tỉnh", 20),
    ("Mã hồ sơ (MaHoSo)", 26),
    ("Người dân (đã che)", 20),
    ("Ghi chú", 50),
    ("Tham chiếu", 44),
)
CSV_HEADER = ("Thời điểm (ISO 8601)", "Ngày", "Giờ", *(name for name, _ in COLUMNS))
AMOUNT_COLUMN = [name for name, _ in COLUMNS].index("Số tiền (đồng)")


@cache
def _words(code: str) -> tuple[str, str]:
    return labels.GROUPS[labels.group_of(code)], labels.event_label(code)


def values(entry: LogEntry) -> list[str | int | None]:
    """The row of ``entry`` in :data:`COLUMNS` order (amounts as integers)."""
    group, label = _words(entry.code)
    method, state = entry.method, entry.sync_state
    return [
        entry.code,
        group,
        label,
        entry.actor,
        entry.receipt_code,
        entry.procedure_code,
        entry.procedure_name,
        entry.amount_vnd,
        labels.PAYMENT_METHODS.get(method, method) if method else None,
        labels.SYNC_STATES.get(state, state) if state else None,
        entry.ma_ho_so,
        entry.subject,
        entry.detail or None,
        entry.ref,
    ]


def csv_row(entry: LogEntry) -> list[str | int | None]:
    stamp = entry.at.astimezone(VN_OFFSET).isoformat(timespec="seconds")  # …T09:41:10+07:00
    row: list[str | int | None] = [stamp, f"{stamp[8:10]}/{stamp[5:7]}/{stamp[:4]}", stamp[11:19]]
    row += values(entry)
    return row
