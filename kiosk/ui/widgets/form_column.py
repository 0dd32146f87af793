"""A screen body for forms: the base scrolling body, centred and no wider than a column
that eyes can follow (full-width fields on a 1920 px screen are hard to read)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout

from kiosk.ui.screens.base import Screen

COLUMN_PX = 1100


def column_body(screen: Screen, width: int = COLUMN_PX) -> QVBoxLayout:
    layout = screen.scrolling_body()
    screen.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    body = screen.scroll_area.widget()
    assert body is not None
    body.setMaximumWidth(width)
    return layout
