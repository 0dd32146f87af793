"""Province → ward picker for addresses (two levels since 1/7/2025).

The province is a list (the support point's own province chosen first); the ward is found
by typing — the new name or the OLD one: "Phương Sài" offers "Phường Tây Nha Trang
(trước đây: Phường Phương Sài, Thành phố Nha Trang)". Searching runs on a worker.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCollator, QLocale, Signal
from PySide6.QtWidgets import QComboBox, QPushButton, QVBoxLayout, QWidget

from kiosk.services import places
from kiosk.services.places import WardChoice
from kiosk.ui.i18n import translate
from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import FormField, button, clear_layout, label
from kiosk.ui.widgets.search_list import LiveSearch

COMBO_STYLE = "QComboBox QAbstractItemView::item { min-height: 56px; }"


def choice_words(choice: WardChoice) -> str:
    if choice.old_name is None:
        return choice.name
    old = ", ".join(part for part in (choice.old_name, choice.old_district) if part)
    if choice.partly:
        return translate("UnitPicker", "{ward} (trước đây: một phần {old})").format(
            ward=choice.name, old=old
        )
    return translate("UnitPicker", "{ward} (trước đây: {old})").format(ward=choice.name, old=old)


class UnitPicker(QWidget):
    """``province`` and ``ward`` are FormFields (their errors show under them)."""

    changed = Signal()

    def __init__(self, state: AppState, province_code: str = "") -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.combo = QComboBox()
        self.combo.setStyleSheet(COMBO_STYLE)
        self.province = FormField(translate("UnitPicker", "Tỉnh, thành phố"), editor=self.combo)
        self.ward = FormField(
            translate("UnitPicker", "Phường, xã — gõ tên mới hoặc tên cũ trước năm 2025"),
            "text",
            translate("UnitPicker", "Ví dụ: Phương Sài, Lộc Thọ, Nha Trang"),
            max_length=60,
        )
        self.chosen_label = label("", "ok")
        self.chosen_label.hide()
        self.choices = QVBoxLayout()
        self.choices.setSpacing(8)
        for widget in (self.province, self.ward, self.chosen_label):
            layout.addWidget(widget)
        layout.addLayout(self.choices)
        self.choice_buttons: list[QPushButton] = []
        self.chosen: WardChoice | None = None
        self._initial_province = province_code
        self._filling = False
        self.search = LiveSearch(
            state, lambda q: places.find_wards(q[0], q[1]), self._show_choices, parent=self
        )
        self.ward.editor.textEdited.connect(self._ward_typed)  # type: ignore[attr-defined]
        self.combo.currentIndexChanged.connect(self._province_changed)
        state.tasks.run(places.provinces, self._fill_provinces)

    # --- provinces -------------------------------------------------------------------------

    def _fill_provinces(self, provinces: list[tuple[str, str]]) -> None:
        collator = QCollator(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        ordered = sorted(provinces, key=lambda p: collator.sortKey(p[1]))
        own = [p for p in ordered if p[0] == self._initial_province]
        self._filling = True
        for code, name in own + [p for p in ordered if p[0] != self._initial_province]:
            self.combo.addItem(name, code)
        self._filling = False
        self.combo.setCurrentIndex(0)

    def province_code(self) -> str:
        code = self.combo.currentData()
        return str(code) if code else self._initial_province  # before the list is filled

    def _province_changed(self, _index: int) -> None:
        if self._filling:
            return
        if self.chosen is not None and self.chosen.province_code != self.province_code():
            self.clear_choice()
        self._ward_typed(self.ward.editor.text())  # type: ignore[attr-defined]
        self.changed.emit()

    # --- wards -----------------------------------------------------------------------------

    def ward_code(self) -> str:
        return self.chosen.code if self.chosen is not None else ""

    def _ward_typed(self, text: str) -> None:
        if self.chosen is not None:
            self.clear_choice()
        if text.strip():
            self.search.request((text, self.province_code()))
        else:
            clear_layout(self.choices)
            self.choice_buttons = []

    def _show_choices(self, query: tuple[str, str], choices: list[WardChoice]) -> None:
        clear_layout(self.choices)
        self.choice_buttons = []
        if self.chosen is not None:
            return
        if not choices:
            self.choices.addWidget(
                label(
                    translate(
                        "UnitPicker",
                        "Không thấy phường, xã nào tên «{text}». Hãy gõ lại, hoặc chọn đúng tỉnh.",
                    ).format(text=query[0].strip()),
                    "muted",
                )
            )
            return
        self.choices.addWidget(
            label(translate("UnitPicker", "Chạm vào đúng phường, xã để chọn:"), "muted")
        )
        for choice in choices:
            widget = button(choice_words(choice), self._chooser(choice))
            widget.setStyleSheet("text-align: left;")
            self.choice_buttons.append(widget)
            self.choices.addWidget(widget)

    def _chooser(self, choice: WardChoice) -> Callable[[], None]:
        return lambda: self.choose(choice)

    def choose(self, choice: WardChoice) -> None:
        self.chosen = choice
        self.ward.editor.setText(choice.name)  # type: ignore[attr-defined]
        self.chosen_label.setText(
            translate("UnitPicker", "Đã chọn: {ward}").format(ward=choice_words(choice))
        )
        self.chosen_label.show()
        self.ward.set_error(None)
        clear_layout(self.choices)
        self.choice_buttons = []
        self.changed.emit()

    def clear_choice(self) -> None:
        self.chosen = None
        self.chosen_label.hide()
        self.changed.emit()
