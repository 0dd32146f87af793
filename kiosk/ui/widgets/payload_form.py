"""A form over a stored payload (the correction screen): one field per plain value, named in
words from the contract labels, typed like the value; a coded value the caller gives words
for (``choices``: key → (code as text, words)) as big choices, not its code to type; locked
values are shown, not edited."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from kiosk.domain.fields import label_for
from kiosk.services.corrections import Leaf
from kiosk.ui.i18n import translate
from kiosk.ui.widgets.choice_buttons import ChoiceButtons
from kiosk.ui.widgets.common import FormField, label

LONG_TEXT = 60
LONG_KEYS = frozenset({"TrichYeuHoSo", "NoiDung"})
INPUT_KINDS = {
    "SoDienThoai": "phone",
    "MaDoiTuong": "digits",
    "MaDoiTuongNguoiNop": "digits",
    "NgaySinh": "digits",
    "SoTien": "money",
}
_INDEX = re.compile(r"\[(\d+)\]$")


def caption(path: str, language: str) -> str:
    """``DiaChi.SoNha`` → ``Địa chỉ — Số nhà, đường, thôn/tổ dân phố`` (the contract's words)."""
    parts = []
    for segment in path.split("."):
        vi, en = label_for(segment)
        words = en if language == "en" else vi
        index = _INDEX.search(segment)
        parts.append(f"{words} {int(index.group(1)) + 1}" if index else words)
    return " — ".join(parts)


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _key(path: str) -> str:
    return _INDEX.sub("", path.rsplit(".", 1)[-1])


class PayloadForm(QWidget):
    """``fields`` maps each editable path to its FormField (for ``show_field_errors``)."""

    def __init__(
        self,
        leaves: Sequence[Leaf],
        language: str,
        choices: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    ) -> None:
        super().__init__()
        self.choices = dict(choices or {})
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.fields: dict[str, FormField] = {}
        self.originals: dict[str, Leaf] = {}
        locked = [leaf for leaf in leaves if not leaf.editable]
        for leaf in leaves:
            if leaf.editable:
                field = self._field(leaf, caption(leaf.path, language))
                field.setObjectName(f"field_{leaf.path}")
                self.fields[leaf.path] = field
                self.originals[leaf.path] = leaf
                layout.addWidget(field)
        if locked:
            layout.addWidget(
                label(translate("PayloadForm", "Thông tin do máy ghi (không sửa ở đây)"), "heading")
            )
        for leaf in locked:
            layout.addWidget(label(f"{caption(leaf.path, language)}: {shown(leaf.value)}", "muted"))

    def _field(self, leaf: Leaf, text: str) -> FormField:
        if leaf.kind == "bool":
            box = QCheckBox(translate("PayloadForm", "Có"))
            box.setChecked(bool(leaf.value))
            return FormField(text, "text", editor=box)
        value = shown(leaf.value)
        key = _key(leaf.path)
        options = self.choices.get(key, ())
        if value in dict(options):  # a code the kiosk knows: chosen in words
            choices = ChoiceButtons(options, 2, f"choice_{key}")
            choices.set_value(value)
            return FormField(text, "text", editor=choices)
        if key in LONG_KEYS or len(value) > LONG_TEXT:
            area = QPlainTextEdit(value)
            area.setFixedHeight(130)
            return FormField(text, "text", editor=area)
        kind = "digits" if leaf.kind == "int" else INPUT_KINDS.get(key, "text")
        field = FormField(text, kind, max_length=2000)
        field.set_value(value)
        return field

    def current(self, path: str) -> Any:
        editor = self.fields[path].editor
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, ChoiceButtons):
            return editor.value()
        assert isinstance(editor, QLineEdit)
        return editor.text()

    def edits(self) -> dict[str, Any]:
        """Only what was changed: path → the new text (or tick)."""
        changed: dict[str, Any] = {}
        for path, leaf in self.originals.items():
            now = self.current(path)
            before = bool(leaf.value) if leaf.kind == "bool" else shown(leaf.value)
            if now != before:
                changed[path] = now
        return changed
