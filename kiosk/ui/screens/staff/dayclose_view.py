"""What the day close shows before anyone approves it — all read-only: the cash the book
expects, the difference with what was counted, the items the province has not accepted,
the print jobs that failed or were never confirmed, and the earlier closes of the day
(recorded in the audit chain: shown, never editable)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.export.dayclose import CORRECTION_REASONS, DayClose, DayClosePreview, difference_words
from kiosk.export.period import local
from kiosk.ui import money
from kiosk.ui.i18n import translate
from kiosk.ui.widgets.common import clear_layout, label
from kiosk.ui.widgets.staff_words import Box, kind_words, print_words, set_role, sync_words

MAX_ROWS = 8  # longer lists end with "… and N more"


def difference_text(difference: int, language: str) -> str:
    """The core's words (``Thiếu 20.000 ₫``); in English, the same figure in English."""
    if language != "en":
        return difference_words(difference)
    if difference == 0:
        return translate("DayCloseView", "Khớp")
    word = "Over by" if difference > 0 else "Short by"
    return f"{word} {money.with_sign(abs(difference))}"


def close_words(close: DayClose, language: str) -> str:
    lines = [
        translate("DayCloseView", "Lần {n}{kind} · ghi lúc {at}").format(
            n=close.revision,
            kind=translate("DayCloseView", " (điều chỉnh)") if close.revision > 1 else "",
            at=f"{local(close.closed_at):%H:%M %d/%m/%Y}",
        ),
        translate("DayCloseView", "Tình nguyện viên {volunteer} đếm, cán bộ {staff} duyệt").format(
            volunteer=close.volunteer, staff=close.staff
        ),
        translate("DayCloseView", "Theo sổ {expected} · Đếm được {counted} · {difference}").format(
            expected=money.with_sign(close.expected_cash_vnd),
            counted=money.with_sign(close.counted_cash_vnd),
            difference=difference_text(close.difference_vnd, language),
        ),
    ]
    if close.reason:
        vietnamese, english = CORRECTION_REASONS.get(close.reason, (close.reason, close.reason))
        lines.append(
            translate("DayCloseView", "Lý do chốt lại: {reason}").format(
                reason=english if language == "en" else vietnamese
            )
        )
    return "\n".join(lines)


class DayCloseView(QWidget):
    """``cash``, ``difference``, ``pending``, ``prints`` and ``closes`` are the boxes."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.preview: DayClosePreview | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        self.cash = Box(translate("DayCloseView", "Tiền mặt trong ngày, theo sổ"))
        self.expected = label("", "title")
        self.expected.setObjectName("expectedCash")
        self.cash_count = label("", "muted")
        self.cash.body.addWidget(self.expected)
        self.cash.body.addWidget(self.cash_count)
        self.difference = label("", "error")
        self.difference.setObjectName("cashDifference")
        self.difference.setStyleSheet("font-size: 24pt;")
        self.difference.hide()
        self.pending = Box()
        self.prints = Box()
        self.closes = Box(translate("DayCloseView", "Các lần chốt đã ghi"))
        self.closes.hide()
        for widget in (self.cash, self.pending, self.prints, self.closes):
            layout.addWidget(widget)

    def show_preview(self, preview: DayClosePreview) -> None:
        self.preview = preview
        self.expected.setText(money.with_sign(preview.expected_cash_vnd))
        self.cash_count.setText(
            translate("DayCloseView", "{n} khoản nộp tiền mặt trong ngày {day}").format(
                n=preview.cash_payments, day=f"{preview.day:%d/%m/%Y}"
            )
        )
        self._pending(preview)
        self._prints(preview)
        self._closes(preview)

    def show_difference(self, counted: int | None) -> None:
        if counted is None or self.preview is None:
            self.difference.hide()
            return
        difference = counted - self.preview.expected_cash_vnd
        self.difference.setText(
            translate("DayCloseView", "Chênh lệch: {words}").format(
                words=difference_text(difference, self.language)
            )
        )
        set_role(self.difference, "ok" if difference == 0 else "error")
        self.difference.show()

    def _pending(self, preview: DayClosePreview) -> None:
        rows = [
            f"{item.receipt_code} · {kind_words(item.kind)} · {sync_words(item.state)}"
            for item in preview.not_accepted
        ]
        self._fill(
            self.pending,
            translate("DayCloseView", "Tỉnh chưa nhận: {n} mục trong ngày").format(n=len(rows)),
            rows,
            translate("DayCloseView", "Mọi mục của ngày này tỉnh đã nhận."),
        )
        if preview.older_not_accepted:
            self.pending.body.addWidget(
                label(
                    translate(
                        "DayCloseView", "Và {n} mục của những ngày trước vẫn chờ hoặc cần sửa."
                    ).format(n=preview.older_not_accepted),
                    "muted",
                )
            )

    def _prints(self, preview: DayClosePreview) -> None:
        rows = []
        for job in preview.print_problems:
            copy = (
                translate("DayCloseView", " · bản sao {n}").format(n=job.copy_number)
                if job.copy_number
                else ""
            )
            rows.append(f"{job.receipt_code} · {print_words(job.state)}{copy}")
        self._fill(
            self.prints,
            translate("DayCloseView", "Biên nhận in lỗi hoặc chưa xác nhận: {n}").format(
                n=len(rows)
            ),
            rows,
            translate("DayCloseView", "Không có biên nhận nào in lỗi."),
        )

    def _fill(self, box: Box, heading: str, rows: list[str], none: str) -> None:
        box.heading.setText(heading)
        box.heading.show()
        _clear_below_heading(box)
        if not rows:
            box.body.addWidget(label(none, "muted"))
            return
        for row in rows[:MAX_ROWS]:
            box.body.addWidget(label(row))
        if len(rows) > MAX_ROWS:
            box.body.addWidget(
                label(
                    translate(
                        "DayCloseView", "… và {n} mục nữa (xem trong báo cáo xuất ra)."
                    ).format(n=len(rows) - MAX_ROWS),
                    "muted",
                )
            )

    def _closes(self, preview: DayClosePreview) -> None:
        _clear_below_heading(self.closes)
        self.closes.setVisible(preview.closed)
        if not preview.closed:
            return
        self.closes.body.addWidget(
            label(
                translate(
                    "DayCloseView",
                    "Đã ghi vào nhật ký kiểm toán, không sửa được. Chốt lại sẽ ghi thêm một lần "
                    "điều chỉnh mới, có lý do.",
                ),
                "muted",
            )
        )
        for close in preview.closes:
            entry = label(close_words(close, self.language))
            entry.setObjectName(f"close_{close.revision}")
            self.closes.body.addWidget(entry)


def _clear_below_heading(box: Box) -> None:
    while box.body.count() > 1:
        item = box.body.takeAt(1)
        widget = item.widget() if item is not None else None
        inner = item.layout() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif inner is not None:
            clear_layout(inner)
