"""What each step of the setup wizard is: a scrolling page of fields (the on-screen keyboard
docks below and the focused field must scroll into view) that hands its values to one
service of :mod:`kiosk.services.setup_steps` through the wizard, and shows that service's
field errors next to its fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtWidgets import QLineEdit, QWidget

from kiosk.domain.errors import FieldError
from kiosk.ui.widgets.common import FormField, label, scrolling_page, show_field_errors
from kiosk.ui.widgets.staff_words import set_role

if TYPE_CHECKING:
    from kiosk.ui.screens.setup import SetupScreen


class WizardStep(QWidget):
    key: ClassVar[str] = ""

    def __init__(self, wizard: SetupScreen) -> None:
        super().__init__()
        self.wizard = wizard
        self.state = wizard.state
        self.scroller, self.body = scrolling_page(self, (32, 8, 32, 24))
        self.intro_label = label(self.intro(), "muted")
        self.intro_label.setVisible(bool(self.intro_label.text()))
        self.body.addWidget(self.intro_label)
        self.build()
        for field in self.fields().values():  # typing again takes the field's error away
            if isinstance(field.editor, QLineEdit):
                field.editor.textEdited.connect(self._clearer(field))
        self.message = label("")
        self.message.setObjectName(f"{self.key}Message")
        self.message.hide()
        self.body.addWidget(self.message)
        self.body.addStretch(1)

    # --- what a step defines -------------------------------------------------------------------

    def intro(self) -> str:
        return ""

    def build(self) -> None:
        """Add the step's widgets to ``self.body``."""

    def load(self, now: dict[str, Any]) -> None:
        """Pre-fill from ``setup_steps.current()`` (never a secret or a PIN)."""

    def entered(self) -> None:
        """The step is shown."""

    def fields(self) -> dict[str, FormField]:
        """The step's fields by the service's field path (where its errors show)."""
        return {}

    def submit(self) -> None:
        """Save through the service (``self.wizard.work``), then ``self.wizard.advance()``."""
        self.wizard.advance()

    # --- shared ------------------------------------------------------------------------------

    @staticmethod
    def _clearer(field: FormField) -> Callable[[str], None]:
        return lambda _text: field.set_error(None)

    def show_errors(self, errors: list[FieldError]) -> None:
        self.say("")
        fields = self.fields()
        unplaced = show_field_errors(errors, fields, self.state.language)
        if unplaced:
            self.say("\n".join(dict.fromkeys(unplaced)), "error")
        shown = [f for f in fields.values() if f.error.isVisible()]
        self.scroll_to(shown[0] if shown else self.message)

    def clear_errors(self) -> None:
        for field in self.fields().values():
            field.set_error(None)
        self.say("")

    def say(self, text: str, role: str = "muted") -> None:
        self.message.setText(text)
        set_role(self.message, role)
        self.message.setVisible(bool(text))
        if text:
            self.scroll_to(self.message)

    def scroll_to(self, widget: QWidget) -> None:
        self.scroller.ensureWidgetVisible(widget, 50, 80)
