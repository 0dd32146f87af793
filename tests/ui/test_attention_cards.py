"""The dashboard's attention cards: framed by what they need — red for a refusal, brown for
"not known yet" — from one style sheet on the list (no style sheet per card)."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame
from pytestqt.qtbot import QtBot

from kiosk.services.dashboard import AttentionItem
from kiosk.services.province_words import ProvinceReason
from kiosk.ui.widgets.queue_table import AttentionList


def _item(n: int, state: str) -> AttentionItem:
    reason = ProvinceReason("MaDoiTuong", "invalid", "Số định danh không hợp lệ")
    return AttentionItem(
        item_id=f"item-{n}",
        record_id=f"record-{n}",
        kind="dossier",
        receipt_code=f"NT01-261122-{n:04d}",
        state=state,
        created_at="2026-11-22T10:00:00+07:00",
        attempts=1,
        reasons=(reason,) if state == "rejected" else (),
    )


def _distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def test_cards_are_framed_by_their_state_without_a_style_sheet_each(qtbot: QtBot) -> None:
    cards = AttentionList(lambda _item: None)
    qtbot.addWidget(cards)
    cards.resize(700, 400)
    cards.show_items([_item(1, "rejected"), _item(2, "unknown"), _item(3, "conflict")])
    cards.show()
    qtbot.waitExposed(cards)
    frames = [f for f in cards.findChildren(QFrame) if f.objectName() == "attention"]
    assert [f.property("state") for f in frames] == ["rejected", "unknown", "conflict"]
    assert all(f.styleSheet() == "" for f in frames)
    image = cards.grab().toImage()
    expected = {"rejected": QColor("#A00000"), "unknown": QColor("#7A4B00")}
    for frame, state in zip(frames, ["rejected", "unknown", "conflict"], strict=True):
        left = frame.geometry().left() + 1  # on its border, half-way down
        colour = image.pixelColor(left, frame.geometry().center().y())
        want = expected["rejected" if state == "conflict" else state]
        assert _distance(colour, want) < 60, (state, colour.name())
