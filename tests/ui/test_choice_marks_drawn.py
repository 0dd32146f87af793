"""Check boxes and radio buttons are drawn to be seen: a dark outline when empty (Qt's default
was pale grey on white), and a filled mark when chosen — consent boxes and the delivery
choice are what older residents must see."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QRadioButton, QWidget

from kiosk.ui.main_window import MainWindow
from kiosk.ui.theme import COLORS


def indicator_colours(button: QAbstractButton) -> list[QColor]:
    """The colours drawn in the indicator's square (the left 42 px of the button)."""
    image = button.grab().toImage()
    side = min(42, image.height())
    top = (image.height() - side) // 2
    return [image.pixelColor(x, y) for x in range(side) for y in range(top, top + side)]


@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
def test_empty_is_outlined_dark_and_chosen_is_filled(
    window: MainWindow, kind: type[QAbstractButton]
) -> None:
    holder = QWidget(window)  # under the window: the app's style sheet applies
    empty, chosen = kind("Không", holder), kind("Có", holder)
    chosen.setChecked(True)
    for button in (empty, chosen):
        button.ensurePolished()
        button.resize(button.sizeHint())
    primary = QColor(COLORS["primary"])
    dark = [c for c in indicator_colours(empty) if c.lightness() < 80]
    assert len(dark) > 60, "the empty box's outline is too faint"
    filled = [c for c in indicator_colours(chosen) if abs(c.blue() - primary.blue()) < 20
              and abs(c.red() - primary.red()) < 20]  # fmt: skip
    assert len(filled) > 100, "the chosen mark is not filled"
    assert not [c for c in indicator_colours(empty) if abs(c.blue() - primary.blue()) < 20
                and abs(c.red() - primary.red()) < 20 and c.lightness() < 120]  # fmt: skip
