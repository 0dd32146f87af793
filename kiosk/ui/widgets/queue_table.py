"""The dashboard's queue pieces: number tiles (today's work, the queue counts) and the list of
items that need a person (rejected with the province's reasons, unknown, conflict)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.fields import VN_TZ
from kiosk.services.dashboard import AttentionItem
from kiosk.store.models import ItemState
from kiosk.ui.i18n import translate
from kiosk.ui.widgets.common import button, clear_layout, label

TILE_STYLE = "QFrame#statTile { border: 2px solid #1F1F1F; border-radius: 10px; }"
# One style sheet on the list, cards told apart by their ``state`` property: a style sheet
# set on each card made Qt build a style for every card (50 cards: tens of ms on the GUI thread)
_CARD = (
    'QFrame#attention[state="{state}"] {{ border: {width}px solid {color}; border-radius: 10px; }}'
)
LIST_STYLE = "\n".join(
    (
        _CARD.format(state=ItemState.REJECTED.value, width=3, color="#A00000"),
        _CARD.format(state=ItemState.CONFLICT.value, width=3, color="#A00000"),
        _CARD.format(state=ItemState.UNKNOWN.value, width=2, color="#7A4B00"),
    )
)


def kind_words(kind: str) -> str:
    return {
        "dossier": translate("QueueTable", "Hồ sơ"),
        "payment": translate("QueueTable", "Khoản nộp"),
        "registration": translate("QueueTable", "Đăng ký dịch vụ"),
        "feedback": translate("QueueTable", "Phản ánh"),
        "visit": translate("QueueTable", "Lượt hướng dẫn"),
    }.get(kind, kind)


def kind_count_words(kind: str) -> str:
    """Captions under today's counts (plural in English, hence their own context)."""
    return {
        "dossier": translate("DashboardTiles", "Hồ sơ"),
        "payment": translate("DashboardTiles", "Khoản nộp"),
        "registration": translate("DashboardTiles", "Đăng ký dịch vụ"),
        "feedback": translate("DashboardTiles", "Phản ánh"),
        "visit": translate("DashboardTiles", "Lượt hướng dẫn"),
    }.get(kind, kind)


def item_state_words(state: str) -> str:
    return {
        ItemState.REJECTED.value: translate("QueueTable", "Tỉnh từ chối — cần sửa"),
        ItemState.UNKNOWN.value: translate(
            "QueueTable", "Chưa rõ tỉnh đã nhận chưa — máy đang tự đối chiếu"
        ),
        ItemState.CONFLICT.value: translate(
            "QueueTable", "Tỉnh báo trùng mã nhưng khác nội dung — gọi kỹ thuật viên"
        ),
    }.get(state, state)


def local_time(at: datetime | str) -> str:
    """``14:05 22/11`` in Vietnam time."""
    moment = datetime.fromisoformat(at) if isinstance(at, str) else at
    return moment.astimezone(VN_TZ).strftime("%H:%M %d/%m")


def local_clock(at: datetime) -> str:
    """``14:05`` in Vietnam time (for today's things)."""
    return at.astimezone(VN_TZ).strftime("%H:%M")


def age_words(seconds: float | None) -> str:
    if seconds is None:
        return translate("QueueTable", "không có")
    minutes = int(max(0.0, seconds) // 60)
    if minutes < 1:
        return translate("QueueTable", "dưới 1 phút")
    if minutes < 60:
        return translate("QueueTable", "{n} phút").format(n=minutes)
    if minutes < 48 * 60:
        return translate("QueueTable", "{h} giờ {m} phút").format(h=minutes // 60, m=minutes % 60)
    return translate("QueueTable", "{d} ngày").format(d=minutes // (24 * 60))


class StatTiles(QWidget):
    """A row of tiles, each a big value over its caption (``tile_<key>`` value labels)."""

    def __init__(self, captions: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.values: dict[str, QWidget] = {}
        for column, (key, caption) in enumerate(captions):
            tile = QFrame()
            tile.setObjectName("statTile")
            tile.setStyleSheet(TILE_STYLE)
            inner = QVBoxLayout(tile)
            value = label("–", "title")
            value.setObjectName(f"tile_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            text = label(caption)
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(value)
            inner.addWidget(text)
            layout.addWidget(tile, 0, column)
            self.values[key] = value

    def set_value(self, key: str, text: str) -> None:
        self.values[key].setText(text)  # type: ignore[attr-defined]

    def value(self, key: str) -> str:
        return str(self.values[key].text())  # type: ignore[attr-defined]


class AttentionList(QWidget):
    """One card per item that needs a person; rejected ones have "Sửa và gửi lại"."""

    def __init__(self, on_fix: Callable[[AttentionItem], None]) -> None:
        super().__init__()
        self.on_fix = on_fix
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(10)
        self.setStyleSheet(LIST_STYLE)
        self.fix_buttons: dict[str, QWidget] = {}

    def show_items(self, items: Sequence[AttentionItem]) -> None:
        clear_layout(self.body)
        self.fix_buttons = {}
        if not items:
            self.body.addWidget(
                label(translate("QueueTable", "Không có mục nào cần sửa hay kiểm tra."), "muted")
            )
            return
        for item in items:
            self.body.addWidget(self._card(item))

    def _card(self, item: AttentionItem) -> QFrame:
        card = QFrame()
        card.setObjectName("attention")
        card.setProperty("state", item.state)
        layout = QHBoxLayout(card)
        text = QVBoxLayout()
        title = translate("QueueTable", "{kind} {code} — lưu lúc {time}").format(
            kind=kind_words(item.kind),
            code=item.receipt_code or "?",
            time=local_time(item.created_at),
        )
        text.addWidget(label(title, "heading"))
        text.addWidget(label(item_state_words(item.state)))
        for reason in item.reasons:
            reason_label = label(reason.message, "error")
            reason_label.setObjectName("provinceReason")
            text.addWidget(reason_label)
        layout.addLayout(text, 1)
        if item.state == ItemState.REJECTED.value:
            fix = button(
                translate("QueueTable", "Sửa và gửi lại"), lambda: self.on_fix(item), "primary"
            )
            fix.setObjectName(f"fix_{item.item_id}")
            self.fix_buttons[item.item_id] = fix
            layout.addWidget(fix, 0, Qt.AlignmentFlag.AlignTop)
        return card
