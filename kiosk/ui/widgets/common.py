"""Small building blocks every screen uses: labels with a role, big buttons, form fields
with their error line, and showing the core's bilingual field errors next to the fields."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.errors import FieldError
from kiosk.ui.theme import restyle

# What the on-screen keyboard shows for a field (see kiosk.ui.keyboard).
INPUT_KIND = "kioskInput"


def scrolling_page(
    host: QWidget, margins: tuple[int, int, int, int]
) -> tuple[QScrollArea, QVBoxLayout]:
    """Fill ``host`` with a vertical-only scroll area; the area and the page's layout.

    Every form scrolls (the on-screen keyboard docks below and the focused field must scroll
    into view above it).
    """
    outer = QVBoxLayout(host)
    outer.setContentsMargins(0, 0, 0, 0)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(*margins)
    layout.setSpacing(14)
    area.setWidget(page)
    outer.addWidget(area)
    return area, layout


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget (and nested layout) of ``layout``."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif inner is not None:
            clear_layout(inner)


def label(text: str, role: str = "", wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if role:
        widget.setProperty("role", role)
    return widget


def button(text: str, on_click: Callable[[], Any] | None = None, role: str = "") -> QPushButton:
    widget = QPushButton(text)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if role:
        widget.setProperty("role", role)
    if on_click is not None:
        widget.clicked.connect(lambda _checked=False: on_click())
    return widget


class FormField(QWidget):
    """A label, an input and the line where its error shows (in the resident's words)."""

    def __init__(
        self,
        caption: str,
        kind: str = "text",
        placeholder: str = "",
        max_length: int = 200,
        editor: QWidget | None = None,
    ) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.caption = label(caption)
        self.editor = editor or QLineEdit()
        if isinstance(self.editor, QLineEdit):
            self.editor.setPlaceholderText(placeholder)
            self.editor.setMaxLength(max_length)
        self.editor.setProperty(INPUT_KIND, kind)
        self.caption.setBuddy(self.editor)
        self.error = label("", "error")
        self.error.hide()
        for widget in (self.caption, self.editor, self.error):
            layout.addWidget(widget)

    def value(self) -> str:
        if isinstance(self.editor, QLineEdit):
            return self.editor.text().strip()
        raise TypeError("value() of a custom editor: read the editor itself")

    def set_value(self, text: str) -> None:
        if isinstance(self.editor, QLineEdit):
            self.editor.setText(text)

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.editor.setProperty("invalid", bool(message))
        restyle(self.editor)


def show_field_errors(
    errors: Iterable[FieldError],
    fields: Mapping[str, FormField],
    language: str,
) -> list[str]:
    """Put each error next to its field (matched by contract path suffix); the rest returned."""
    for field in fields.values():
        field.set_error(None)
    unplaced: list[str] = []
    for error in errors:
        message = error.message_en if language == "en" else error.message
        target = _field_for(error.field, fields)
        if target is None:
            unplaced.append(message)
        elif not target.error.isVisible():
            target.set_error(message)
    return unplaced


def _field_for(path: str, fields: Mapping[str, FormField]) -> FormField | None:
    path = path.removeprefix("payload.")
    while path:
        if path in fields:
            return fields[path]
        path = path.rpartition(".")[0]
    return None
