""" "Data about me": a resident asks what the kiosk holds about them, or asks for it to be
deleted (Law 91/2025/QH15). The technician types the person's CCCD; the screen lists their
local records masked (:func:`kiosk.services.subject.find`), shows them in full on request
(:func:`~kiosk.services.subject.full_view`, audited) and deletes their personal data
(:func:`~kiosk.services.subject.purge_subject`). Records the province has not accepted yet
are refused first; deleting them anyway (they are withdrawn, never sent) takes a second,
explicit confirmation."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout

from kiosk.domain.errors import ValidationError
from kiosk.services import subject
from kiosk.services.purge import PurgeReport
from kiosk.services.subject import SubjectPurgeRefused, SubjectRecord
from kiosk.ui.i18n import translate
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import FormField, button, label, show_field_errors
from kiosk.ui.widgets.staff_words import Box, kind_words, set_role, sync_words
from kiosk.ui.widgets.subject_records import FullView, RecordList


class SubjectScreen(Screen):
    roles = ("technician",)

    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        self.searched = ""  # the number whose records are shown (the field may change)
        self.records: list[SubjectRecord] = []
        body = self.scrolling_body()
        body.addWidget(label(translate("SubjectScreen", "Dữ liệu của một người dân"), "title"))
        body.addWidget(
            label(
                translate(
                    "SubjectScreen",
                    "Người dân có quyền xem và yêu cầu xóa dữ liệu cá nhân của mình lưu trên "
                    "máy này. Hãy xem giấy tờ tùy thân của người yêu cầu trước khi tìm. Mỗi "
                    "lần tìm, xem đầy đủ và xóa đều được ghi vào nhật ký kiểm toán.",
                ),
                "muted",
            )
        )
        self.cccd = FormField(
            translate("SubjectScreen", "Số định danh cá nhân (CCCD, 12 chữ số)"),
            "digits",
            max_length=12,
        )
        self.cccd.editor.returnPressed.connect(self.search)  # type: ignore[attr-defined]
        self.search_button = button(
            translate("SubjectScreen", "Tìm dữ liệu"), self.search, "primary"
        )
        self.search_button.setObjectName("searchSubject")
        self.summary = label("", "heading")
        self.summary.setObjectName("subjectSummary")
        self.summary.hide()
        self.list = RecordList()
        for widget in (self.cccd, self.search_button, self.summary, self.list):
            body.addWidget(widget)
        self._actions(body)
        self.full = FullView()
        self.full.hide()
        body.addWidget(self.full)
        body.addStretch(1)

    def _actions(self, body: Any) -> None:
        row = QHBoxLayout()
        self.view_button = button(translate("SubjectScreen", "Xem đầy đủ"), self.ask_view)
        self.view_button.setObjectName("viewSubject")
        self.purge_button = button(
            translate("SubjectScreen", "Xóa dữ liệu của người này"), self.ask_purge, "help"
        )
        self.purge_button.setObjectName("purgeSubject")
        row.addWidget(self.view_button)
        row.addWidget(self.purge_button)
        row.addStretch(1)
        body.addLayout(row)
        self.refusal = Box(translate("SubjectScreen", "Có mục tỉnh chưa nhận"))
        self.refusal.setObjectName("purgeRefusal")
        self.refusal_text = label("")
        self.force_button = button("", self.ask_force, "help")
        self.force_button.setObjectName("forcePurge")
        self.refusal.body.addWidget(self.refusal_text)
        self.refusal.body.addWidget(self.force_button)
        self.message = label("")
        self.message.setObjectName("subjectMessage")
        for widget in (self.view_button, self.purge_button, self.refusal, self.message):
            widget.hide()
        body.addWidget(self.refusal)
        body.addWidget(self.message)

    def heading(self) -> str:
        return translate("SubjectScreen", "Dữ liệu của một người")

    # --- finding ---------------------------------------------------------------------------

    def search(self) -> None:
        number = self.cccd.value().replace(" ", "")
        kiosk, actor = self.state.require_kiosk(), self.state.actor
        self.search_button.setEnabled(False)
        self.state.tasks.run(
            lambda: (number, subject.find(kiosk, number, actor)), self._found, self._not_found
        )

    def _found(self, result: tuple[str, list[SubjectRecord]]) -> None:
        self.searched, self.records = result
        self.search_button.setEnabled(True)
        self.cccd.set_error(None)
        self.full.hide()
        self.refusal.hide()
        self.list.show_records(self.records)
        self.summary.setText(
            translate("SubjectScreen", "Tìm thấy {n} mục của người này trên máy.").format(
                n=len(self.records)
            )
            if self.records
            else translate("SubjectScreen", "Không có dữ liệu nào của người này trên máy.")
        )
        self.summary.show()
        for widget in (self.view_button, self.purge_button):
            widget.setVisible(bool(self.records))

    def _not_found(self, error: BaseException) -> None:
        self.search_button.setEnabled(True)
        if not isinstance(error, ValidationError):
            self.state.tasks.failed.emit(error)
            return
        for text in show_field_errors(error.errors, {"cccd": self.cccd}, self.state.language):
            self._say(text, "error")

    # --- the full view ---------------------------------------------------------------------

    def ask_view(self) -> None:
        self.nav.confirm(
            translate(
                "SubjectScreen",
                "Hiện đầy đủ dữ liệu của {n} mục (họ tên, số định danh, địa chỉ…) cho người "
                "yêu cầu xem? Việc xem được ghi vào nhật ký kiểm toán.",
            ).format(n=len(self.records)),
            self.view,
            yes=translate("SubjectScreen", "Hiện đầy đủ"),
            no=translate("SubjectScreen", "Không"),
        )

    def view(self) -> None:
        kiosk, actor, number = self.state.require_kiosk(), self.state.actor, self.searched
        self.state.tasks.run(lambda: subject.full_view(kiosk, number, actor), self._viewed)

    def _viewed(self, shown: list[dict[str, Any]]) -> None:
        self.full.show_full(shown)
        self.full.show()
        self.scroll_area.ensureWidgetVisible(self.full, 50, 80)

    # --- deleting --------------------------------------------------------------------------

    def ask_purge(self) -> None:
        self.nav.confirm(
            translate(
                "SubjectScreen",
                "Xóa vĩnh viễn dữ liệu cá nhân trong {n} mục của người này? Không khôi phục "
                "lại được; nhật ký chỉ giữ số lượt, không còn tên hay số định danh.",
            ).format(n=len(self.records)),
            lambda: self.purge(force=False),
            yes=translate("SubjectScreen", "Xóa"),
            no=translate("SubjectScreen", "Không xóa"),
        )

    def ask_force(self) -> None:
        unsent = [r for r in self.records if not r.accepted]
        self.nav.confirm(
            translate(
                "SubjectScreen",
                "Lần xác nhận thứ hai: hủy gửi {n} mục tỉnh chưa nhận và xóa? Chỉ làm khi "
                "người dân đã đồng ý; họ sẽ phải nộp lại những mục này.",
            ).format(n=len(unsent)),
            lambda: self.purge(force=True),
            yes=translate("SubjectScreen", "Hủy gửi và xóa"),
            no=translate("SubjectScreen", "Không xóa"),
        )

    def purge(self, force: bool) -> None:
        kiosk, actor, number = self.state.require_kiosk(), self.state.actor, self.searched
        self.purge_button.setEnabled(False)
        self.force_button.setEnabled(False)
        self.state.tasks.run(
            lambda: subject.purge_subject(kiosk, number, actor, force=force),
            self._purged,
            self._refused,
        )

    def _refused(self, error: BaseException) -> None:
        self.purge_button.setEnabled(True)
        self.force_button.setEnabled(True)
        if not isinstance(error, SubjectPurgeRefused):
            self.state.tasks.failed.emit(error)
            return
        rows = [
            f"{r.receipt_code} · {kind_words(r.kind)} · {sync_words(r.state)}" for r in error.unsent
        ]
        self.refusal_text.setText(
            translate(
                "SubjectScreen",
                "Chưa xóa gì. {n} mục dưới đây tỉnh chưa nhận; xóa bây giờ sẽ hủy việc gửi "
                "chúng:\n{items}",
            ).format(n=len(rows), items="\n".join(rows))
        )
        self.force_button.setText(
            translate("SubjectScreen", "Người dân đồng ý: hủy gửi {n} mục và xóa").format(
                n=len(rows)
            )
        )
        self.refusal.show()
        self.scroll_area.ensureWidgetVisible(self.force_button, 50, 80)

    def _purged(self, result: tuple[list[SubjectRecord], PurgeReport]) -> None:
        _records, report = result
        self.purge_button.setEnabled(True)
        self.force_button.setEnabled(True)
        self.refusal.hide()
        self.full.hide()
        self._say(
            translate(
                "SubjectScreen",
                "Đã xóa dữ liệu cá nhân của {records} mục ({files} tệp giấy tờ, {withdrawn} mục "
                "hủy gửi).",
            ).format(records=report.records, files=report.files, withdrawn=report.withdrawn),
            "ok",
        )
        self.cccd.set_value(self.searched)
        self.search()  # shows that nothing is left

    def _say(self, text: str, role: str) -> None:
        self.message.setText(text)
        set_role(self.message, role)
        self.message.show()


SCREEN = SubjectScreen
