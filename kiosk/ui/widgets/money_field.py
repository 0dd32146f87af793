"""An amount of money in whole đồng: digits only (the on-screen number pad), shown with
thousands dots as it is typed (``1.500.000``), "đồng" after it, and the amount in words
under it ("Một triệu năm trăm nghìn đồng") so that a resident can check what they typed."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLineEdit

from kiosk.ui import money
from kiosk.ui.i18n import translate
from kiosk.ui.widgets.common import FormField, label

MAX_DIGITS = 13


class MoneyField(FormField):
    """A FormField whose ``amount()`` is an int (or None when empty)."""

    amount_changed = Signal(object)  # int | None

    def __init__(self, caption: str) -> None:
        editor = QLineEdit()
        editor.setObjectName("moneyEditor")
        super().__init__(caption, "money", max_length=MAX_DIGITS + MAX_DIGITS // 3, editor=editor)
        self.line = editor
        editor.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9.]*"), editor))
        editor.setStyleSheet("font-size: 26pt; font-weight: bold;")
        layout = self.layout()
        assert layout is not None
        layout.removeWidget(editor)
        row = QHBoxLayout()
        row.addWidget(editor, 1)
        row.addWidget(label(translate("MoneyField", "đồng"), "heading"))
        layout.insertLayout(1, row)  # type: ignore[attr-defined]
        self.words = label("", "muted")
        self.words.setObjectName("amountWords")
        self.words.hide()
        layout.insertWidget(2, self.words)  # type: ignore[attr-defined]
        editor.textChanged.connect(self._reformat)

    def amount(self) -> int | None:
        digits = "".join(ch for ch in self.line.text() if ch.isdigit())
        return int(digits) if digits else None

    def set_amount(self, amount: int | None) -> None:
        self.line.setText("" if not amount else money.grouped(amount))

    def _reformat(self, text: str) -> None:
        digits = "".join(ch for ch in text if ch.isdigit()).lstrip("0")[:MAX_DIGITS]
        shown = money.grouped(int(digits)) if digits else ""
        if shown != text:
            self.line.blockSignals(True)
            self.line.setText(shown)
            self.line.setCursorPosition(len(shown))
            self.line.blockSignals(False)
        amount = int(digits) if digits else None
        self.words.setText(money.in_words(amount) if amount else "")
        self.words.setVisible(bool(self.words.text()))  # none in English
        self.amount_changed.emit(amount)
