"""Gửi phản ánh, kiến nghị: the field it concerns, what happened, where, and either
anonymous (nothing about the sender is kept) or with a name and phone for an answer — then
consent to being contacted is asked, and only then."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from kiosk.domain.errors import ValidationError
from kiosk.domain.fields import format_timestamp
from kiosk.services import records
from kiosk.services.records import SavedRecord
from kiosk.store.models import utcnow
from kiosk.ui import failures
from kiosk.ui.i18n import translate
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.state import AppState
from kiosk.ui.tasks import saving_words
from kiosk.ui.widgets.choice_buttons import ChoiceButtons
from kiosk.ui.widgets.common import FormField, button, clear_layout, label, show_field_errors
from kiosk.ui.widgets.consent_checks import ConsentChecks
from kiosk.ui.widgets.form_column import column_body
from kiosk.ui.widgets.saved_panel import SavedPanel

CONTACT_PURPOSE = "lien_he_ho_tro"


def topics() -> list[tuple[str, str]]:
    """The ``LinhVuc`` codes of contract v1, in a resident's words."""
    return [
        ("ha_tang", translate("FeedbackScreen", "Đường sá, điện chiếu sáng, cấp thoát nước")),
        ("moi_truong", translate("FeedbackScreen", "Môi trường, rác thải, tiếng ồn")),
        ("an_ninh_trat_tu", translate("FeedbackScreen", "An ninh, trật tự")),
        ("chinh_sach", translate("FeedbackScreen", "Chính sách, thủ tục hành chính")),
        ("khac", translate("FeedbackScreen", "Việc khác")),
    ]


class FeedbackScreen(Screen):
    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        self.body = column_body(self)
        self.saved: SavedRecord | None = None
        self.topic = ChoiceButtons(topics(), 2, "topic")
        self.topic_field = FormField(
            translate("FeedbackScreen", "Phản ánh về việc gì?"), editor=self.topic
        )
        self.description = QPlainTextEdit()
        self.description.setObjectName("feedbackText")
        self.description.setMinimumHeight(160)
        self.text_field = FormField(
            translate("FeedbackScreen", "Nội dung phản ánh, kiến nghị (viết rõ sự việc)"),
            "text",
            editor=self.description,
        )
        self.place = FormField(
            translate("FeedbackScreen", "Địa điểm xảy ra (không bắt buộc)"), max_length=300
        )
        self.place.editor.setObjectName("place")
        self.anonymous = ChoiceButtons(
            [
                ("yes", translate("FeedbackScreen", "Gửi ẩn danh (không ghi tên)")),
                ("no", translate("FeedbackScreen", "Để lại tên, số điện thoại để được trả lời")),
            ],
            2,
            "anonymous",
        )
        self.anonymous_field = FormField(
            translate("FeedbackScreen", "Người gửi"), editor=self.anonymous
        )
        for widget in (self.topic_field, self.text_field, self.place, self.anonymous_field):
            self.body.addWidget(widget)
        self.body.addWidget(self._contact_box())
        self.problems = label("", "error")
        self.body.addWidget(self.problems)
        self.send = button(translate("FeedbackScreen", "Gửi phản ánh"), self.save, "primary")
        self.send.setObjectName("send")
        self.body.addWidget(self.send)
        self.body.addStretch(1)
        self.anonymous.changed.connect(lambda v: self.contact.setVisible(v == "no"))
        self.anonymous.set_value("yes")  # nothing about the sender unless they choose so

    def _contact_box(self) -> QWidget:
        self.contact = QWidget()
        box = QVBoxLayout(self.contact)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(12)
        self.consent = ConsentChecks(
            [CONTACT_PURPOSE],
            self.state.language,
            notice=translate(
                "FeedbackScreen",
                "Tên và số điện thoại chỉ dùng để cán bộ liên hệ trả lời phản ánh này. "
                "Xin đánh dấu nếu đồng ý:",
            ),
        )
        self.consent_field = self.consent.as_field()
        self.name = FormField(translate("FeedbackScreen", "Họ và tên"), max_length=100)
        self.name.editor.setObjectName("contactName")
        self.phone = FormField(translate("FeedbackScreen", "Số điện thoại"), "phone", max_length=15)
        self.phone.editor.setObjectName("contactPhone")
        for widget in (self.consent_field, self.name, self.phone):
            box.addWidget(widget)
        self.contact.hide()
        return self.contact

    def heading(self) -> str:
        return translate("FeedbackScreen", "Gửi phản ánh")

    def leave_ok(self) -> bool:
        typed = self.description.toPlainText().strip() or self.place.value() or self.name.value()
        return self.saved is not None or not typed

    def payload(self) -> dict[str, Any]:
        anonymous = self.anonymous.value() != "no"
        payload: dict[str, Any] = {
            "LinhVuc": self.topic.value(),
            "NoiDung": self.description.toPlainText().strip() or None,
            "DiaDiem": self.place.value() or None,
            "AnDanh": anonymous,
            "LienHe": None,
            "ThoiDiem": format_timestamp(utcnow()),
        }
        if not anonymous:
            payload["LienHe"] = {
                "HoTen": self.name.value() or None,
                "SoDienThoai": self.phone.value() or None,
            }
            version = self.state.require_kiosk().settings.get_str("consent.current")
            payload["DongY"] = self.consent.record(version)
        return payload

    def fields(self) -> dict[str, FormField]:
        return {
            "LinhVuc": self.topic_field,
            "NoiDung": self.text_field,
            "DiaDiem": self.place,
            "AnDanh": self.anonymous_field,
            "LienHe": self.name,
            "LienHe.HoTen": self.name,
            "LienHe.SoDienThoai": self.phone,
            "DongY": self.consent_field,
        }

    def save(self) -> None:
        kiosk, payload, actor = self.state.require_kiosk(), self.payload(), self.state.actor
        self.send.setEnabled(False)
        self.state.tasks.run(
            lambda: records.save_record(kiosk, "feedback", payload, actor),
            self._saved,
            self._refused,
            busy=saving_words(),
        )

    def _refused(self, error: BaseException) -> None:
        self.send.setEnabled(True)
        if not isinstance(error, ValidationError):  # what was typed stays: send again
            failures.report(
                error,
                "feedback save",
                failures.not_saved(),
                nav=self.nav,
                line=self.problems.setText,
            )
            return
        fields = self.fields()
        unplaced = show_field_errors(error.errors, fields, self.state.language)
        self.problems.setText("\n".join(unplaced))
        first = next((f for f in fields.values() if f.error.isVisible()), None)
        if first is not None:
            self.scroll_area.ensureWidgetVisible(first)

    def _saved(self, saved: SavedRecord) -> None:
        self.saved = saved
        clear_layout(self.body)
        summary = translate(
            "FeedbackScreen",
            "Cảm ơn ông/bà đã gửi phản ánh. Phản ánh sẽ được chuyển đến cơ quan có "
            "trách nhiệm; giữ mã dưới đây để hỏi lại khi cần.",
        )
        self.panel = SavedPanel(self.state, self.nav, saved, summary)
        self.body.addWidget(self.panel)


SCREEN = FeedbackScreen
