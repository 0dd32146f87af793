"""A form drawn from the settings declarations (``kiosk.settings.SETTINGS``): one field per
setting — a tick for yes/no, a list for choices, digits for numbers (with their range), text
otherwise — grouped by section, labelled with the declared Vietnamese/English labels.

Values are checked with the declaration's own ``parse``/``validate``; its errors are shown
next to the field. Nothing is written here: :meth:`SettingsForm.changes` says what to save.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QVBoxLayout, QWidget

from kiosk.settings import Setting, SettingError, Settings, Value
from kiosk.ui.i18n import translate
from kiosk.ui.widgets.common import FormField, label


def section_words(section: str) -> str:
    return {
        "kiosk": translate("SettingsForm", "Điểm hỗ trợ"),
        "server": translate("SettingsForm", "Kết nối với hệ thống của tỉnh"),
        "retention": translate("SettingsForm", "Lưu giữ dữ liệu cá nhân"),
        "idle": translate("SettingsForm", "Màn hình khi không có người dùng"),
        "printer": translate("SettingsForm", "Máy in"),
        "receipt": translate("SettingsForm", "Biên nhận"),
        "consent": translate("SettingsForm", "Thông báo xin đồng ý"),
        "payment": translate("SettingsForm", "Nhận tiền chuyển khoản (VietQR)"),
        "money": translate("SettingsForm", "Số tiền"),
        "lookup": translate("SettingsForm", "Tra cứu hồ sơ"),
        "ui": translate("SettingsForm", "Giao diện"),
        "backup": translate("SettingsForm", "Sao lưu"),
        "doctor": translate("SettingsForm", "Chẩn đoán"),
    }.get(section, section)


def error_words(error: SettingError, key: str) -> str:
    """The declaration's message without the key it starts with."""
    return str(error).removeprefix(f"{key}:").strip()


def shown(value: Value) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value)


class SettingsForm(QWidget):
    """``fields`` by setting key; :meth:`changes` gives (values to save, errors by key)."""

    def __init__(self, settings: Settings, declared: Iterable[Setting], language: str) -> None:
        super().__init__()
        self.settings = settings
        self.declared = {setting.key: setting for setting in declared}
        self.fields: dict[str, FormField] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        section = None
        for setting in self.declared.values():
            head = setting.key.split(".", 1)[0]
            if head != section:
                section = head
                layout.addWidget(label(section_words(head), "heading"))
            caption = setting.label_en if language == "en" else setting.label
            field = self._field(setting, _with_range(setting, caption), settings.get(setting.key))
            field.setObjectName(f"setting_{setting.key}")
            self.fields[setting.key] = field
            layout.addWidget(field)

    def _field(self, setting: Setting, caption: str, value: Value) -> FormField:
        if setting.kind is bool:
            box = QCheckBox(translate("SettingsForm", "Bật"))
            box.setChecked(bool(value))
            return FormField(caption, editor=box)
        if setting.choices:
            combo = QComboBox()
            for choice in setting.choices:
                combo.addItem(shown(choice), choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return FormField(caption, editor=combo)
        kind = "digits" if setting.kind is int else "text"
        field = FormField(caption, kind, max_length=500)
        field.set_value(shown(value))
        return field

    def entered(self, key: str) -> Value:
        """The value the field holds now, typed; SettingError if it does not parse or fit."""
        setting, editor = self.declared[key], self.fields[key].editor
        if isinstance(editor, QCheckBox):
            value: Value = editor.isChecked()
        elif isinstance(editor, QComboBox):
            value = editor.currentData()
        else:
            assert isinstance(editor, QLineEdit)
            return setting.parse(editor.text())
        setting.validate(value)
        return value

    def changes(self) -> tuple[dict[str, Value], dict[str, str]]:
        """(every changed, valid value by key; every error by key) — shown next to the fields."""
        values: dict[str, Value] = {}
        errors: dict[str, str] = {}
        for key, field in self.fields.items():
            try:
                value = self.entered(key)
            except SettingError as exc:
                errors[key] = error_words(exc, key)
                continue
            finally:
                field.set_error(None)
            if value != self.settings.get(key):
                values[key] = value
        for key, message in errors.items():
            self.fields[key].set_error(message)
        return values, errors


def _with_range(setting: Setting, caption: str) -> str:
    if setting.minimum is not None and setting.maximum is not None:
        return translate("SettingsForm", "{caption} (từ {low} đến {high})").format(
            caption=caption, low=setting.minimum, high=setting.maximum
        )
    if setting.kind is list:
        return translate("SettingsForm", "{caption} (cách nhau bằng dấu phẩy)").format(
            caption=caption
        )
    return caption
