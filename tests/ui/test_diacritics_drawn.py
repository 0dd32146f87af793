"""Stacked marks on capitals (Ủ, Ẩ, Ổ, Ở, Ỷ) rise above the font's ascent: a label only as tall
as its size hint cut their tops off, and "Ủy ban nhân dân" read "Úy ban" on the delivery step.
Each label role, at its own size, draws them whole (the same ink as with room to spare)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui.main_window import MainWindow

WORDS = "Ủy ban Ẩm Ở Ổn Ỷ"


def ink_rows(label: QLabel) -> int:
    """How many pixel rows of ``label`` hold ink (dark pixels), drawn on its white holder."""
    holder = label.parentWidget()
    assert holder is not None
    image = holder.grab(label.geometry()).toImage()
    rows = [
        y
        for y in range(image.height())
        if any(image.pixelColor(x, y).lightness() < 160 for x in range(image.width()))
    ]
    return rows[-1] - rows[0] + 1 if rows else 0


@pytest.mark.parametrize("role", ["", "muted", "heading", "title", "tile_caption", "tile_hint"])
def test_marks_above_capitals_are_drawn_whole(window: MainWindow, role: str) -> None:
    def made(height_factor: int) -> QLabel:
        holder = QWidget(window)  # under the window: the app's style sheet applies (white)
        holder.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        label = QLabel(WORDS, holder)
        label.setProperty("role", role)
        label.ensurePolished()
        hint = label.sizeHint()
        label.setGeometry(0, 0, hint.width(), hint.height() * height_factor)
        holder.resize(label.size())
        return label

    tight, roomy = made(1), made(3)
    assert ink_rows(tight) == ink_rows(roomy) > 0
