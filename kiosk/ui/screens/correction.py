"""Fix a record the province rejected: its current payload in a form, the province's reasons
next to the fields, saved with :func:`kiosk.services.records.correct_record` — which keeps the
record and its receipt code and queues a NEW outbox item superseding the rejected one (a
queued payload is never edited)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.errors import ValidationError
from kiosk.printing.jobs import JobRefused, JobView
from kiosk.services import corrections, dashboard, records
from kiosk.services.corrections import CorrectionDraft, NotCorrectable
from kiosk.services.records import SavedRecord
from kiosk.ui.i18n import translate
from kiosk.ui.screens import feedback
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.state import AppState
from kiosk.ui.tasks import saving_words
from kiosk.ui.widgets.common import button, clear_layout, label, show_field_errors
from kiosk.ui.widgets.payload_form import PayloadForm
from kiosk.ui.widgets.queue_table import kind_words


def coded_choices() -> dict[str, list[tuple[str, str]]]:
    """Coded contract fields a volunteer corrects by choosing words (code as text, words); a
    feedback's topic in the words the resident chose it by."""
    return {
        "LoaiDoiTuong": [
            ("1", translate("PayloadForm", "Số định danh cá nhân (công dân)")),
            ("2", translate("PayloadForm", "Mã số thuế (tổ chức)")),
        ],
        "LoaiKhoanNop": [
            ("le_phi", translate("PayloadForm", "Lệ phí")),
            ("phi", translate("PayloadForm", "Phí")),
            ("dong_gop", translate("PayloadForm", "Đóng góp")),
            ("dich_vu_cong_ich", translate("PayloadForm", "Dịch vụ công ích")),
        ],
        "HinhThuc": [
            ("tien_mat", translate("PayloadForm", "Tiền mặt")),
            ("vietqr", translate("PayloadForm", "Chuyển khoản (VietQR)")),
            ("the", translate("PayloadForm", "Thẻ ngân hàng")),
        ],
        "LinhVuc": feedback.topics(),
    }


class CorrectionScreen(Screen):
    roles = ("volunteer", "staff", "technician")

    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        self.item_id = str(params["item_id"])
        self.draft: CorrectionDraft | None = None
        self.form: PayloadForm | None = None
        self.saved: SavedRecord | None = None
        self.body = self.scrolling_body()
        self.body.addWidget(label(translate("CorrectionScreen", "Đang mở…"), "muted"))
        kiosk, item_id = state.require_kiosk(), self.item_id
        state.tasks.run(lambda: corrections.load(kiosk, item_id), self._loaded, self._unusable)

    def heading(self) -> str:
        return translate("CorrectionScreen", "Sửa mục bị tỉnh từ chối")

    def leave_ok(self) -> bool:
        return self.saved is not None or self.form is None or not self.form.edits()

    # --- the form --------------------------------------------------------------------------

    def _loaded(self, draft: CorrectionDraft) -> None:
        self.draft = draft
        clear_layout(self.body)
        title = translate("CorrectionScreen", "{kind} — mã biên nhận {code}").format(
            kind=kind_words(draft.kind), code=draft.receipt_code
        )
        self.body.addWidget(label(title, "title"))
        self.body.addWidget(label(translate("CorrectionScreen", "Tỉnh từ chối vì:"), "heading"))
        for error in draft.errors:
            reason = label(self.state.text(error.message, error.message_en), "error")
            reason.setObjectName("provinceReason")
            self.body.addWidget(reason)
        self.body.addWidget(
            label(
                translate(
                    "CorrectionScreen",
                    "Sửa các ô dưới đây cho đúng rồi bấm “Lưu bản sửa”. Mã biên nhận của người "
                    "dân giữ nguyên; bản sửa được gửi lại cho tỉnh thay cho bản bị từ chối.",
                ),
                "muted",
            )
        )
        self.form = PayloadForm(draft.leaves, self.state.language, coded_choices())
        self.body.addWidget(self.form)
        show_field_errors(draft.errors, self.form.fields, self.state.language)
        self.message = label("", "error")
        self.message.setObjectName("correctionMessage")
        self.body.addWidget(self.message)
        self.save_button = button(
            translate("CorrectionScreen", "Lưu bản sửa"), self.save_clicked, "primary"
        )
        self.save_button.setObjectName("saveCorrection")
        self.body.addWidget(self.save_button)
        self.body.addStretch(1)

    def _unusable(self, error: BaseException) -> None:
        if not isinstance(error, NotCorrectable):
            self.state.tasks.failed.emit(error)
            return
        clear_layout(self.body)
        self.body.addWidget(label(self.state.text(error.message, error.message_en), "error"))
        self.body.addWidget(button(translate("CorrectionScreen", "Quay lại"), self.nav.back))
        self.body.addStretch(1)

    # --- saving ----------------------------------------------------------------------------

    def save_clicked(self) -> None:
        if self.form is None:
            return
        if not self.form.edits():
            self.nav.confirm(
                translate(
                    "CorrectionScreen",
                    "Chưa sửa ô nào. Gửi lại y nguyên thì tỉnh có thể lại từ chối. Vẫn gửi lại?",
                ),
                self.save,
                yes=translate("CorrectionScreen", "Vẫn gửi lại"),
                no=translate("CorrectionScreen", "Sửa tiếp"),
            )
            return
        self.save()

    def save(self) -> None:
        draft, form = self.draft, self.form
        if draft is None or form is None:
            return
        kiosk, actor, edits = self.state.require_kiosk(), self.state.actor, form.edits()

        def work() -> SavedRecord:
            payload = corrections.apply_edits(draft.payload, edits)
            return records.correct_record(kiosk, draft.record_id, draft.kind, payload, actor)

        self.save_button.setEnabled(False)
        self.message.setText("")
        self.state.tasks.run(work, self._saved, self._refused, busy=saving_words())

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError) and self.form is not None:
            unplaced = show_field_errors(error.errors, self.form.fields, self.state.language)
            self.message.setText(
                "\n".join(unplaced)
                or translate("CorrectionScreen", "Còn ô chưa đúng; xem các dòng đỏ ở trên.")
            )
            return
        if isinstance(error, ValueError | KeyError):  # corrected meanwhile, elsewhere
            self.message.setText(
                translate(
                    "CorrectionScreen",
                    "Không lưu được: mục này đã được sửa hoặc không còn bị từ chối.",
                )
            )
            return
        self.state.tasks.failed.emit(error)

    def _saved(self, saved: SavedRecord) -> None:
        self.saved = saved
        self.state.record_saved()
        clear_layout(self.body)
        self.body.addWidget(self._result(saved))
        self.body.addStretch(1)

    def _result(self, saved: SavedRecord) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setSpacing(16)
        layout.addWidget(label(translate("CorrectionScreen", "Đã lưu bản sửa"), "title"))
        layout.addWidget(label(translate("CorrectionScreen", "Mã biên nhận (giữ nguyên):")))
        code = label(saved.receipt_code, "title")
        code.setObjectName("receiptCode")
        code.setStyleSheet("font-size: 40pt; letter-spacing: 2px;")
        layout.addWidget(code)
        layout.addWidget(
            label(translate("CorrectionScreen", "Bản sửa đang chờ gửi cho tỉnh thay bản cũ."))
        )
        if saved.linked:
            layout.addWidget(
                label(
                    translate(
                        "CorrectionScreen",
                        "{n} mục đi kèm (khoản nộp, đăng ký) cũng được chuyển theo bản sửa.",
                    ).format(n=len(saved.linked))
                )
            )
        self.result_status = label("", "muted")
        self.result_status.setObjectName("resultStatus")
        layout.addWidget(self.result_status)
        row = QHBoxLayout()
        send = button(translate("CorrectionScreen", "Gửi ngay"), self._send_now, "primary")
        send.setObjectName("sendNow")
        send.setEnabled(self.state.engine is not None)
        reprint = button(translate("CorrectionScreen", "In lại biên nhận"), self._reprint)
        reprint.setObjectName("reprint")
        back = button(translate("CorrectionScreen", "Về bảng điều khiển"), self.nav.back)
        back.setObjectName("backToDashboard")
        for widget in (send, reprint, back):
            row.addWidget(widget)
        layout.addLayout(row)
        return panel

    def _send_now(self) -> None:
        self.state.send_now()
        self.result_status.setText(translate("CorrectionScreen", "Đang thử gửi cho tỉnh ngay…"))

    def _reprint(self) -> None:
        printer, saved, actor = self.state.printer, self.saved, self.state.actor
        if printer is None or saved is None:
            self.result_status.setText(translate("CorrectionScreen", "Chưa có máy in."))
            return
        self.state.tasks.run(
            lambda: dashboard.print_copy(printer, saved.receipt_code, actor),
            self._printed,
            self._print_refused,
            lane="print",
        )

    def _printed(self, job: JobView) -> None:
        self.result_status.setText(translate("CorrectionScreen", "Đã gửi lệnh in biên nhận."))

    def _print_refused(self, error: BaseException) -> None:
        if isinstance(error, JobRefused):
            self.result_status.setText(error.message)
        else:
            self.state.tasks.failed.emit(error)


SCREEN = CorrectionScreen
