"""Step 7: what was set up, then "Hoàn tất": the kiosk is marked set up, the first backup is
made and ``kiosk doctor`` runs (:func:`kiosk.services.setup_steps.finish`, on the net
worker: some checks ask the province and the printer). Its report is drawn by
:class:`~kiosk.ui.widgets.doctor_view.DoctorView`; green means the kiosk is ready."""

from __future__ import annotations

from typing import Any

from kiosk.services import doctor, places, setup_steps
from kiosk.ui.i18n import translate
from kiosk.ui.screens.setup.step import WizardStep
from kiosk.ui.widgets.common import button, label
from kiosk.ui.widgets.doctor_view import DoctorView
from kiosk.ui.widgets.staff_words import Box, set_role


class FinishStep(WizardStep):
    key = "finish"

    def intro(self) -> str:
        return translate(
            "FinishStep",
            "Xem lại các cài đặt rồi bấm “Hoàn tất và kiểm tra”: máy ghi nhận đã cài đặt, tạo "
            "bản sao lưu đầu tiên và kiểm tra tổng thể (cơ sở dữ liệu, kho khóa, máy chủ của "
            "tỉnh, máy in, sao lưu).",
        )

    def build(self) -> None:
        self.report: dict[str, Any] | None = None
        self.summary = Box(translate("FinishStep", "Đã cài đặt"))
        self.summary_text = label("")
        self.summary_text.setObjectName("setupSummary")
        self.summary.body.addWidget(self.summary_text)
        self.result = label("", "heading")
        self.result.setObjectName("setupResult")
        self.result.hide()
        self.restart = label(
            translate(
                "FinishStep",
                "Địa chỉ máy chủ và mã client mới có hiệu lực với việc gửi hồ sơ sau khi khởi "
                "động lại ứng dụng.",
            ),
            "muted",
        )
        self.restart.hide()
        self.again = button(translate("FinishStep", "Kiểm tra lại"), self.recheck)
        self.again.setObjectName("recheck")
        self.again.hide()
        self.view = DoctorView()
        for widget in (self.summary, self.result, self.restart, self.view, self.again):
            self.body.addWidget(widget)

    def entered(self) -> None:
        self._summarise()
        self.wizard.set_next_text(
            translate("FinishStep", "Về trang chủ")
            if self.report is not None
            else translate("FinishStep", "Hoàn tất và kiểm tra")
        )

    def _summarise(self) -> None:
        settings = self.state.require_kiosk().settings
        code = settings.get_str("kiosk.ward_code")
        self.state.tasks.run(lambda: places.ward_name(code) or code, self._show_summary)

    def _show_summary(self, ward: str) -> None:
        s = self.state.require_kiosk().settings
        printer = s.get_str("printer.uri")
        self.summary_text.setText(
            translate(
                "FinishStep",
                "Điểm hỗ trợ: {code} — {name}\nPhường, xã: {ward}\nMáy chủ của tỉnh: {url}\n"
                "Mã client: {client}\nMáy in: {printer}, khổ {paper} mm",
            ).format(
                code=s.get_str("kiosk.code"),
                name=s.get_str("kiosk.name"),
                ward=ward,
                url=s.get_str("server.url"),
                client=s.get_str("server.client_id"),
                printer=printer if printer != "none" else translate("FinishStep", "chưa có"),
                paper=s.get_int("printer.paper"),
            )
        )

    def submit(self) -> None:
        if self.report is not None:
            self.wizard.home()
            return
        kiosk, actor = self.state.require_kiosk(), self.wizard.actor
        self.wizard.work(lambda: setup_steps.finish(kiosk, actor), self._finished, lane="net")

    def _finished(self, report: dict[str, Any]) -> None:
        self.wizard.finished()
        self.restart.show()
        self._show(report)
        self.wizard.set_next_text(translate("FinishStep", "Về trang chủ"))

    def recheck(self) -> None:
        kiosk = self.state.require_kiosk()
        self.again.setEnabled(False)
        self.wizard.work(lambda: doctor.run(kiosk), self._show, lane="net")

    def _show(self, report: dict[str, Any]) -> None:
        self.report = report
        self.intro_label.hide()  # room for the report: what was set is in it too
        self.summary.hide()
        self.again.setEnabled(True)
        self.again.show()
        self.view.show_report(report, self.state.language)
        status = str(report.get("status", ""))
        self.result.setText(
            {
                "green": translate("FinishStep", "Cài đặt xong: kiosk sẵn sàng phục vụ."),
                "amber": translate(
                    "FinishStep",
                    "Cài đặt xong. Có mục cần chú ý (màu vàng): xem cách xử lý bên dưới.",
                ),
            }.get(
                status,
                translate(
                    "FinishStep",
                    "Còn lỗi (màu đỏ): sửa theo hướng dẫn bên dưới, rồi bấm “Kiểm tra lại”.",
                ),
            )
        )
        set_role(self.result, "error" if status == "red" else "ok")
        self.result.show()
        self.scroll_to(self.result)
