"""Look and size: the bundled font, body text ≥ 18 pt, touch targets ≥ 60 px, high contrast.

One stylesheet for the whole app; screens set ``objectName``/properties (``role="tile"``,
``role="primary"``, ``level="emergency"``) instead of styling widgets one by one.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.paths import asset

log = logging.getLogger(__name__)
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
BODY_PT = 18
TOUCH_PX = 60
SCROLL_BAR_PX = 28  # a vertical scroll bar: a finger can drag it

COLORS = {
    "bg": "#FFFFFF",
    "text": "#111111",
    "muted": "#3A3A3A",
    "primary": "#0B4F9C",  # contrast 8.6:1 with white text
    "primary_text": "#FFFFFF",
    "tile": "#E8F0FB",
    "border": "#1F1F1F",
    "error": "#A00000",
    "ok": "#0A6B2B",
    "warning": "#7A4B00",
    "emergency_bg": "#B00020",
    "emergency_text": "#FFFFFF",
    "strip": "#1F1F1F",
    "strip_text": "#FFFFFF",
}

STYLESHEET = """
QWidget {{ background: {bg}; color: {text}; font-size: {body}pt; }}
/* marks on capitals (Ủ Ẩ Ổ) rise above the font's ascent: room for them on top */
QLabel {{ padding-top: 0.2em; qproperty-indent: 0; }}
QLabel[role="title"] {{ font-size: 24pt; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: 22pt; font-weight: bold; }}
QLabel[role="muted"] {{ color: {muted}; }}
QLabel[role="error"] {{ color: {error}; font-weight: bold; }}
QLabel[role="ok"] {{ color: {ok}; font-weight: bold; }}
QPushButton, QToolButton {{
    min-height: {touch}px; min-width: {touch}px; padding: 6px 18px;
    border: 2px solid {border}; border-radius: 10px; background: {tile};
}}
QPushButton:pressed {{ background: #C9D9F2; }}
QPushButton:disabled {{ color: #777777; border-color: #999999; background: #F2F2F2; }}
QPushButton[role="primary"] {{ background: {primary}; color: {primary_text}; font-weight: bold; }}
QPushButton[role="primary"]:disabled {{ background: #9AA8BA; color: #E8E8E8; }}
QPushButton[role="tile"] {{ font-size: 22pt; font-weight: bold; min-height: 120px; }}
QLabel[role="tile_caption"] {{ font-size: 22pt; font-weight: bold; background: transparent; }}
QLabel[role="tile_hint"] {{ font-size: 15pt; color: {muted}; background: transparent; }}
QPushButton[role="emergency_bar"] {{
    background: {emergency_bg}; color: {emergency_text}; font-weight: bold; text-align: left;
    border: none; border-radius: 0; padding: 4px 24px; min-height: 48px;
}}
QPushButton[role="help"] {{ background: #FFE08A; font-weight: bold; }}
QLineEdit, QPlainTextEdit, QComboBox, QSpinBox, QDateEdit {{
    min-height: {touch}px; border: 2px solid {border}; border-radius: 8px; padding: 4px 10px;
}}
QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"] {{
    border: 3px solid {error};
}}
QCheckBox, QRadioButton {{ min-height: {touch}px; spacing: 14px; }}
QCheckBox::indicator, QRadioButton::indicator {{
    width: 36px; height: 36px; border: 3px solid {border}; background: #FFFFFF;
}}
QCheckBox::indicator {{ border-radius: 6px; }}
QCheckBox::indicator:checked {{ background: {primary}; image: url("{check}"); }}
QRadioButton::indicator {{ border-radius: 21px; }}
QRadioButton::indicator:checked {{
    background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
        stop: 0 {primary}, stop: 0.5 {primary}, stop: 0.56 #FFFFFF, stop: 1 #FFFFFF);
}}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{ border-color: #999999; }}
QListWidget::item {{ min-height: {touch}px; padding: 6px; border-bottom: 1px solid #CCCCCC; }}
QListWidget::item:selected {{ background: {tile}; color: {text}; }}
QFrame[role="notice"] {{ border: 2px solid {border}; border-radius: 10px; background: #FFF8E1; }}
QFrame[role="warning"] {{ border: 4px solid {warning}; border-radius: 10px; background: #FFF1D6; }}
QFrame[role="emergency"] {{ border: 4px solid {emergency_bg}; background: {emergency_bg}; }}
QFrame[role="emergency"] QLabel {{ background: {emergency_bg}; color: {emergency_text}; }}
QFrame[role="strip"], QFrame[role="strip"] QLabel {{ background: {strip}; color: {strip_text}; }}
QFrame[role="strip"] QLabel {{ font-size: 14pt; }}
QFrame[role="strip"] QLabel[role="error"] {{ color: #FFB4AB; font-weight: bold; }}
QFrame[role="overlay"] {{ background: rgba(0, 0, 0, 170); }}
QFrame[role="dialog"] {{ background: {bg}; border: 3px solid {border}; border-radius: 14px; }}
QScrollBar:vertical {{ width: {scroll_bar}px; background: #EDEDED; margin: 0; border: none; }}
QScrollBar::handle:vertical {{ background: {muted}; min-height: 60px; border-radius: 10px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
"""


def stylesheet() -> str:
    """The app's style sheet; a tick drawn from the bundled image (an outline of pale grey
    on white was all a check box showed: too faint for older eyes)."""
    try:
        check = asset("icons", "check.png").as_posix()
    except FileNotFoundError:  # a broken install: a filled box still says "checked"
        log.error("bundled check-box tick missing")
        check = ""
    return STYLESHEET.format(
        body=BODY_PT, touch=TOUCH_PX, scroll_bar=SCROLL_BAR_PX, check=check, **COLORS
    )


def load_fonts() -> str | None:
    """Register the bundled TTFs; the family name, or None if they are missing."""
    family = None
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(asset("fonts", name)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            log.error("bundled font %s missing", name)
            continue
        family = families[0]
    return family


def apply(app: QApplication) -> None:
    family = load_fonts()
    font = QFont(family or app.font().family())
    font.setPointSize(BODY_PT)
    app.setFont(font)
    app.setStyleSheet(stylesheet())


def restyle(widget: object) -> None:
    """Re-apply the stylesheet after a dynamic property (``invalid``, ``role``) changed."""
    style = widget.style()  # type: ignore[attr-defined]
    style.unpolish(widget)
    style.polish(widget)
