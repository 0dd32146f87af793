"""Render the on-screen keyboard (letters and numeric pad, 1366 px wide) to docs/screenshots/.

    .venv/bin/python scripts/screenshot_keyboard.py [--width 1366] [--out docs/screenshots]

Runs offscreen; registers the bundled DejaVu Sans so that Vietnamese renders anywhere.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from kiosk.paths import asset
from kiosk.ui.keyboard import INPUT_MONEY, OnScreenKeyboard, set_input_kind


def _use_bundled_font(app: QApplication) -> None:
    family = ""
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(asset("fonts", name)))
        if font_id < 0:
            sys.exit(f"cannot load the bundled font {name}")
        family = family or QFontDatabase.applicationFontFamilies(font_id)[0]
    app.setFont(QFont(family, 18))


def _render(keyboard: OnScreenKeyboard, field: QLineEdit, width: int, path: Path) -> None:
    keyboard.set_target(field)
    keyboard.resize(width, keyboard.sizeHint().height())
    QApplication.processEvents()
    if not keyboard.grab().save(str(path)):
        sys.exit(f"cannot write {path}")
    print(f"{path}  {keyboard.width()}×{keyboard.height()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    _use_bundled_font(app)
    host = QWidget()
    layout = QVBoxLayout(host)
    text, amount = QLineEdit(host), QLineEdit(host)
    set_input_kind(amount, INPUT_MONEY)
    layout.addWidget(text)
    layout.addWidget(amount)
    keyboard = OnScreenKeyboard()  # rendered on its own, at the screen's width
    args.out.mkdir(parents=True, exist_ok=True)
    _render(keyboard, text, args.width, args.out / "keyboard-vi.png")
    _render(keyboard, amount, args.width, args.out / "keyboard-numpad.png")
    keyboard.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
