"""The on-screen keyboard: a panel docked at the bottom of the main window.

Host integration (kiosk/ui/app.py)::

    body = QVBoxLayout(central)
    body.addWidget(screens)                 # every form inside a QScrollArea
    keyboard = OnScreenKeyboard(central)
    body.addWidget(keyboard)                # docked below the content, hidden at first
    keyboard.attach(central)                # follows the focus inside ``central``

It shows itself when a text field inside ``attach``'s root gets the focus, with the letters or
the numeric pad after the field's ``kioskInput`` property (see ``fields.py``), hides when the
focus leaves text fields, and scrolls the field's QScrollArea so it stays in view. Its keys
never take the focus: they type into the focused field with input-method events.
``visibility_changed(visible, height)`` lets a host with another layout make room itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFrame,
    QLineEdit,
    QPushButton,
    QStackedLayout,
    QWidget,
)
from shiboken6 import isValid

from kiosk.textinput import Method, Tone, edit_for_key, edit_for_letter, edit_for_tone
from kiosk.ui.keyboard import fields
from kiosk.ui.keyboard.codepad import CodePad
from kiosk.ui.keyboard.keys import STYLE
from kiosk.ui.keyboard.layout import (
    BACKSPACE,
    ENTER,
    HIDE,
    LETTERS,
    NUMBERS,
    OK,
    SPACE,
    TONE_PREFIX,
    KeySpec,
)
from kiosk.ui.keyboard.letters import LetterPad
from kiosk.ui.keyboard.numpad import NumPad
from kiosk.ui.keyboard.scroll import enclosing_scroll_area, ensure_field_visible


class OnScreenKeyboard(QFrame):
    visibility_changed = Signal(bool, int)  # (visible, height in px; 0 when hidden)

    def __init__(self, parent: QWidget | None = None, method: Method | str = Method.OFF) -> None:
        super().__init__(parent)
        self.setObjectName("onScreenKeyboard")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.method = Method(method)  # how the letter keys compose (the tone row always does)
        self._pads: tuple[LetterPad, NumPad, CodePad, QStackedLayout] | None = None
        self._root: QWidget | None = None
        self._target: QWidget | None = None
        self._dismissed = False  # hidden by its key: stays hidden until the field is tapped
        self._entered_in: QWidget | None = None  # the one-line field Enter just reached
        self.hide()

    def _built(self) -> tuple[LetterPad, NumPad, CodePad, QStackedLayout]:
        """The key pads, made when first needed (~20 ms of widgets the window's first paint
        does not wait for)."""
        if self._pads is None:
            self.setStyleSheet(STYLE)
            # Plain callbacks, not Signals: a Python-side emit() per tap is avoidable overhead.
            letters = LetterPad(self._on_key, self)
            numpad = NumPad(self._on_key, self)
            codes = CodePad(self._on_key, self)
            pages = QStackedLayout(self)
            pages.addWidget(letters)
            pages.addWidget(numpad)
            pages.addWidget(codes)
            self._pads = (letters, numpad, codes, pages)
        return self._pads

    @property
    def letters(self) -> LetterPad:
        return self._built()[0]

    @property
    def numpad(self) -> NumPad:
        return self._built()[1]

    @property
    def codes(self) -> CodePad:
        return self._built()[2]

    @property
    def _pages(self) -> QStackedLayout:
        return self._built()[3]

    # --- the host's API -------------------------------------------------------------------

    def attach(self, root: QWidget) -> None:
        """Follow the focus among the text fields inside ``root``."""
        app = QApplication.instance()
        assert isinstance(app, QApplication), "a QApplication must exist"
        if self._root is None:
            app.focusChanged.connect(self._on_focus_changed)
        self._root = root
        focused = QApplication.focusWidget()
        if focused is not None:
            self._on_focus_changed(None, focused)

    def target(self) -> QWidget | None:
        """The field the keys type into (None once that field is deleted)."""
        if self._target is not None and not isValid(self._target):
            self._target = None
        return self._target

    def set_target(self, field: QWidget | None) -> None:
        """Type into this field (``attach`` does it on focus changes) and show the right page."""
        old = self.target()
        if old is not None:
            for watched in _tap_surfaces(old):
                watched.removeEventFilter(self)
        self._target = field
        self._dismissed = False
        if field is None:
            self.hide()
            return
        for watched in _tap_surfaces(field):
            watched.installEventFilter(self)
        self.show_for(field)

    def show_for(self, field: QWidget) -> None:
        """Show the page the field wants (letters, or the numeric pad) and reveal the field."""
        kind = fields.input_kind(field)
        if kind in fields.NUMERIC_KINDS:
            self.numpad.set_kind(kind, with_letters=False)
            self._pages.setCurrentWidget(self.numpad)
        elif kind == fields.INPUT_CODE:
            self._pages.setCurrentWidget(self.codes)
        else:
            self.letters.set_multiline(not isinstance(field, QLineEdit))
            self._pages.setCurrentWidget(self.letters)
        self.show()
        QTimer.singleShot(0, self, self.reveal_target)

    def put_away(self) -> None:
        """Hide, as the hide key does: the field keeps the focus (a reader still types into
        it) and a tap on it brings the keys back."""
        self._dismissed = True
        self.hide()

    def key(self, name: str) -> QPushButton:
        """The button of a key on the current page ("a", "ă", "tone:sac", "backspace", …)."""
        page = self._pages.currentWidget()
        assert isinstance(page, LetterPad | NumPad | CodePad)
        return page.buttons[name]

    def reveal_target(self) -> None:
        """Scroll the target's QScrollArea so the target is above the keyboard."""
        field = self.target()
        area = enclosing_scroll_area(field) if field is not None else None
        if field is not None and area is not None and self.isVisible():
            ensure_field_visible(area, field)

    # --- focus ----------------------------------------------------------------------------

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if new is None or self.isAncestorOf(new):
            return
        inside = self._root is None or self._root is new or self._root.isAncestorOf(new)
        if inside and fields.is_text_field(new):
            if new is not self.target():
                self.set_target(new)
            elif not self._dismissed:
                self.show_for(new)
        else:
            self.set_target(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A tap on the target field brings back a keyboard its hide key put away; Enter in a
        one-line field, from a physical keyboard or a barcode/QR reader, is what the OK key
        is: done typing there (the answer a look-up shows below must not stay under the
        keys)."""
        kind = event.type()
        if kind == QEvent.Type.MouseButtonRelease and self.isHidden():
            field = self.target()
            if field is not None and any(watched is w for w in _tap_surfaces(field)):
                self._dismissed = False
                self.show_for(field)
        elif (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and isinstance(watched, QLineEdit)
            and watched is self.target()
        ):
            self._entered_in = watched
            QTimer.singleShot(0, self, self._entered)  # after the field (and its host) had it
        return False

    def _entered(self) -> None:
        """Enter reached a one-line field: if the host kept the focus there (it did not move
        on to the next field), put the keys away."""
        field, self._entered_in = self._entered_in, None
        if field is not None and field is self.target() and QApplication.focusWidget() is field:
            self.put_away()

    # --- keys -----------------------------------------------------------------------------

    def _on_key(self, spec: KeySpec) -> None:
        field = self.target()
        if spec.name == HIDE:
            self.put_away()
        elif spec.name == NUMBERS:
            self.numpad.set_kind(fields.INPUT_TEXT, with_letters=True)
            self._pages.setCurrentWidget(self.numpad)
        elif spec.name == LETTERS:
            self._pages.setCurrentWidget(self.letters)
        elif field is not None and fields.is_text_field(field):
            self._type(field, spec)

    def _type(self, field: QWidget, spec: KeySpec) -> None:
        if spec.name == BACKSPACE:
            fields.send_key(field, Qt.Key.Key_Backspace)
        elif spec.name in (ENTER, OK):
            self._confirm(field)
        elif spec.name.startswith(TONE_PREFIX):
            self._tone(field, Tone[spec.name.removeprefix(TONE_PREFIX).upper()])
        elif spec.name == SPACE or not spec.text.isalpha():
            fields.apply_edit(field, edit_for_key("", spec.text, Method.OFF))
        else:
            self._letter(field, spec.text)

    def _letter(self, field: QWidget, letter: str) -> None:
        before = fields.text_before_cursor(field)
        kind = fields.input_kind(field)
        if before is None or kind != fields.INPUT_TEXT:
            edit = edit_for_key("", letter, Method.OFF)  # as it is (replaces a selection)
        elif self.method is Method.OFF:
            edit = edit_for_letter(before, letter)  # "hòa" + n → "hoàn"
        else:
            edit = edit_for_key(before, letter, self.method)
        fields.apply_edit(field, edit)

    def _tone(self, field: QWidget, tone: Tone) -> None:
        before = fields.text_before_cursor(field)
        edit = edit_for_tone(before, tone) if before is not None else None
        if edit is not None:
            fields.apply_edit(field, edit)

    def _confirm(self, field: QWidget) -> None:
        """Return to the field; a one-line field that keeps the focus is done: hide."""
        multiline = not isinstance(field, QLineEdit)
        fields.send_key(field, Qt.Key.Key_Return, "\r")
        focused = QApplication.focusWidget()
        if not multiline and (focused is None or focused is field):
            self.put_away()

    # --- show / hide ----------------------------------------------------------------------

    def setVisible(self, visible: bool) -> None:
        if visible:
            self._built()  # before show(): the pads show with it
        super().setVisible(visible)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.visibility_changed.emit(True, self.sizeHint().height())

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibility_changed.emit(False, 0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._pads is not None:
            self.letters.retranslate()
            self.codes.retranslate()
            kind, with_letters = self.numpad.kind, self.numpad.with_letters
            self.numpad.kind = ""
            self.numpad.set_kind(kind, with_letters)
        super().changeEvent(event)


def _tap_surfaces(field: QWidget) -> list[QWidget]:
    """Where a tap on the field arrives: a text edit's viewport gets its mouse events."""
    if isinstance(field, QAbstractScrollArea):
        return [field, field.viewport()]
    return [field]
