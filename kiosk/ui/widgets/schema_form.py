"""A registration form generated from a service's schema (:data:`kiosk.domain.registrations
.SERVICES`): only the applicant fields the service collects, the address when it needs one,
and its own detail fields, each with an editor fitting its type — text, several lines, a
name, a phone (number pad), a whole number, a date (a month of big day buttons limited to
the service's window) or a choice (big buttons).

``fields`` maps contract paths (``NguoiDangKy.HoTen``, ``ChiTiet.NgayHen``,
``DiaChi.MaXa``) to the FormFields where the core's errors show.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from kiosk.domain.fields import VN_TZ
from kiosk.domain.registrations import DetailField, ServiceSchema
from kiosk.ui.i18n import translate
from kiosk.ui.state import AppState
from kiosk.ui.widgets.choice_buttons import ChoiceButtons
from kiosk.ui.widgets.common import FormField, label
from kiosk.ui.widgets.date_picker import DatePicker
from kiosk.ui.widgets.unit_picker import UnitPicker

KEYBOARD = {"text": "text", "multiline": "text", "name": "text", "phone": "phone", "int": "digits"}


def optional(caption: str, required: bool) -> str:
    if required:
        return caption
    return translate("SchemaForm", "{caption} (không bắt buộc)").format(caption=caption)


def applicant_caption(key: str) -> str:
    return {
        "HoTen": translate("SchemaForm", "Họ và tên người đăng ký"),
        "MaDoiTuong": translate("SchemaForm", "Số định danh cá nhân (số căn cước, 12 chữ số)"),
        "SoDienThoai": translate("SchemaForm", "Số điện thoại liên hệ"),
    }[key]


APPLICANT_KINDS = {
    "HoTen": ("text", 100),
    "MaDoiTuong": ("digits", 12),
    "SoDienThoai": ("phone", 15),
}


class AddressFields(QWidget):
    """House number and street, then the shared province → ward picker (old names too)."""

    def __init__(self, state: AppState, province_code: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        self.street = FormField(
            translate("SchemaForm", "Số nhà, đường, thôn/tổ dân phố"), "text", max_length=200
        )
        self.street.editor.setObjectName("field_DiaChi.SoNha")
        self.picker = UnitPicker(state, province_code)
        layout.addWidget(self.street)
        layout.addWidget(self.picker)

    def touched(self) -> bool:
        return bool(self.street.value() or self.picker.ward_code())

    def address(self) -> dict[str, str] | None:
        """``DiaChi`` as far as filled in (the core names what is missing); None if empty.
        The ward and province names are filled in by the core from the codes."""
        if not self.touched():
            return None
        out = {"SoNha": self.street.value(), "MaTinh": self.picker.province_code()}
        if self.picker.ward_code():
            out["MaXa"] = self.picker.ward_code()
        return {key: value for key, value in out.items() if value}

    def fields(self) -> dict[str, FormField]:
        return {
            "DiaChi": self.picker.ward,
            "DiaChi.SoNha": self.street,
            "DiaChi.MaXa": self.picker.ward,
            "DiaChi.TenXa": self.picker.ward,
            "DiaChi.MaTinh": self.picker.province,
            "DiaChi.TenTinh": self.picker.province,
        }


class SchemaForm(QWidget):
    def __init__(
        self,
        schema: ServiceSchema,
        state: AppState,
        province_code: str = "56",
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.schema = schema
        self.language = state.language
        self.today = today or datetime.now(VN_TZ).date()
        self.fields: dict[str, FormField] = {}
        self.address: AddressFields | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(label(translate("SchemaForm", "Người đăng ký"), "heading"))
        for key, required in schema.applicant.items():
            kind, length = APPLICANT_KINDS[key]
            field = FormField(optional(applicant_caption(key), required), kind, max_length=length)
            self._add(layout, f"NguoiDangKy.{key}", field)
        if schema.needs_address:
            layout.addWidget(label(translate("SchemaForm", "Địa chỉ"), "heading"))
            self.address = AddressFields(state, province_code)
            layout.addWidget(self.address)
            self.fields.update(self.address.fields())
        if schema.details:
            layout.addWidget(label(translate("SchemaForm", "Thông tin đăng ký"), "heading"))
        for detail in schema.details:
            self._add(layout, f"ChiTiet.{detail.key}", self._detail_field(detail))

    def _add(self, layout: QVBoxLayout, path: str, field: FormField) -> None:
        field.editor.setObjectName(f"field_{path}")
        self.fields[path] = field
        layout.addWidget(field)

    def _words(self, vi: str, en: str) -> str:
        return en if self.language == "en" else vi

    def _detail_field(self, detail: DetailField) -> FormField:
        caption = optional(self._words(detail.label, detail.label_en), detail.required)
        if detail.type == "choice":
            options = [(c.code, self._words(c.label, c.label_en)) for c in detail.choices]
            short = len(options) > 3 and max(len(words) for _c, words in options) <= 18
            return FormField(caption, editor=ChoiceButtons(options, 3 if short else 2, detail.key))
        if detail.type == "date":
            earliest = self.today + timedelta(days=detail.min_days)
            return FormField(
                caption, editor=DatePicker(earliest, self.today + timedelta(days=detail.max_days))
            )
        if detail.type == "multiline":
            editor = QPlainTextEdit()
            editor.setMinimumHeight(140)
            return FormField(caption, "text", editor=editor)
        return FormField(caption, KEYBOARD[detail.type], max_length=detail.max_length)

    # --- values ---------------------------------------------------------------------------

    def applicant(self) -> dict[str, Any]:
        values = {key: self.fields[f"NguoiDangKy.{key}"].value() for key in self.schema.applicant}
        return {key: value for key, value in values.items() if value}

    def details(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for detail in self.schema.details:
            value = editor_value(self.fields[f"ChiTiet.{detail.key}"].editor, detail)
            if value is not None:
                out[detail.key] = value
        return out

    def touched(self) -> bool:
        return bool(self.applicant() or self.details() or (self.address and self.address.touched()))


def editor_value(editor: QWidget, detail: DetailField) -> Any:
    """What the resident chose or typed, as the payload carries it (None: left empty).
    A number that is not one is passed on as typed: the core says what is wrong with it."""
    if isinstance(editor, ChoiceButtons):
        return editor.value()
    if isinstance(editor, DatePicker):
        chosen = editor.value()
        return f"{chosen:%Y%m%d}" if chosen else None
    text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else ""
    if isinstance(editor, QLineEdit):
        text = editor.text()
    text = text.strip()
    if not text:
        return None
    if detail.type == "int" and text.isdigit():
        return int(text)
    return text
