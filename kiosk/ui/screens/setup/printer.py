"""Step 5: the receipt printer — one found plugged in (USB, serial), a network printer
(``host:9100``), a queue of the operating system, a file (for trials), or none yet — and
the paper width; then a test page (:func:`~kiosk.services.setup_steps.set_printer`,
:func:`~kiosk.services.setup_steps.print_test_page`) that the technician checks on paper."""

from __future__ import annotations

import platform
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.services import setup_steps
from kiosk.services.setup_steps import DetectedPrinter
from kiosk.ui.i18n import translate
from kiosk.ui.screens.setup.step import WizardStep
from kiosk.ui.widgets.choice_buttons import ChoiceButtons
from kiosk.ui.widgets.common import FormField, button, clear_layout, label

MANUAL = ("tcp", "queue", "file", "none")


def kind_of(uri: str) -> str:
    scheme = uri.partition(":")[0]
    return {"tcp": "tcp", "cups": "queue", "win32": "queue", "file": "file"}.get(scheme, scheme)


class PrinterStep(WizardStep):
    key = "printer"

    def intro(self) -> str:
        return translate(
            "PrinterStep",
            "Chọn máy in biên nhận. Máy in USB hay cổng COM đang cắm hiện ở đầu danh sách; máy "
            "in mạng cần địa chỉ IP. Sau khi lưu, máy in một trang thử để kiểm tra chữ có dấu "
            "và mã QR.",
        )

    def build(self) -> None:
        self.detected: list[DetectedPrinter] = []
        self.kept_uri = ""  # a usb:/serial: printer set before, not plugged in now
        self.found = label(translate("PrinterStep", "Đang tìm máy in đang cắm…"), "muted")
        self.kinds = QWidget()
        self.kinds_layout = QHBoxLayout(self.kinds)
        self.kinds_layout.setContentsMargins(0, 0, 0, 0)
        self.kind = FormField(translate("PrinterStep", "Máy in"), editor=self.kinds)
        self.choices: ChoiceButtons | None = None
        self.shown_kind = ""  # the kind whose address field shows
        self.address = FormField(translate("PrinterStep", "Địa chỉ"), "plain", max_length=200)
        self.paper_choices = ChoiceButtons(
            [("58", translate("PrinterStep", "58 mm")), ("80", translate("PrinterStep", "80 mm"))],
            columns=2,
            object_name="paper",
        )
        self.paper = FormField(translate("PrinterStep", "Khổ giấy"), editor=self.paper_choices)
        self.question = label("", "heading")
        self.question.setObjectName("testPageQuestion")
        self.came_out = button(
            translate("PrinterStep", "Đã ra giấy, chữ đủ dấu — tiếp tục"), self._came_out, "primary"
        )
        self.came_out.setObjectName("testPageOk")
        self.not_right = button(translate("PrinterStep", "Chưa đúng — sửa lại"), self._not_right)
        for shown in (self.found, self.kind, self.address, self.paper):
            self.body.addWidget(shown)
        for hidden in (self.question, self.came_out, self.not_right):
            hidden.hide()
            self.body.addWidget(hidden)
        self._rebuild("none")
        self.state.tasks.run(setup_steps.detected_printers, self._detected, lane="files")

    def load(self, now: dict[str, Any]) -> None:
        paper = str(now.get("paper") or 80)
        self.paper_choices.set_value(paper if paper in ("58", "80") else "80")
        if not self.state.require_kiosk().settings.is_set("printer.uri"):
            return
        uri = str(now["printer_uri"])
        kind = kind_of(uri)
        if kind in ("usb", "serial"):
            self.kept_uri = uri
            self._rebuild(uri)
            return
        self._rebuild(kind)
        self.address.set_value(uri.partition(":")[2] if kind != "none" else "")

    # --- choices ---------------------------------------------------------------------------

    def _detected(self, found: list[DetectedPrinter]) -> None:
        self.detected = found
        self.found.setText(
            translate("PrinterStep", "Tìm thấy {n} máy in đang cắm.").format(n=len(found))
            if found
            else translate("PrinterStep", "Không thấy máy in USB hay cổng COM nào đang cắm.")
        )
        chosen = self.choices.value() if self.choices is not None else None
        self._rebuild(chosen or "none")

    def _options(self) -> list[tuple[str, str]]:
        options = [(p.uri, p.label) for p in self.detected]
        if self.kept_uri and self.kept_uri not in dict(options):
            options.append(
                (
                    self.kept_uri,
                    translate("PrinterStep", "Máy in đã cài: {uri}").format(uri=self.kept_uri),
                )
            )
        return [
            *options,
            ("tcp", translate("PrinterStep", "Máy in mạng (địa chỉ IP)")),
            ("queue", translate("PrinterStep", "Máy in của hệ điều hành (tên hàng đợi in)")),
            ("file", translate("PrinterStep", "Ghi ra tệp (chạy thử, không có máy in)")),
            ("none", translate("PrinterStep", "Chưa có máy in")),
        ]

    def _rebuild(self, chosen: str) -> None:
        clear_layout(self.kinds_layout)
        self.choices = ChoiceButtons(self._options(), columns=2, object_name="printer")
        self.choices.changed.connect(self._kind_changed)
        self.kinds_layout.addWidget(self.choices)
        self.choices.set_value(chosen if chosen in self.choices.buttons else "none")
        self._kind_changed(self.choices.value() or "none")

    def _kind_changed(self, kind: str) -> None:
        captions = {
            "tcp": translate("PrinterStep", "Địa chỉ IP của máy in (cổng 9100 nếu không ghi)"),
            "queue": translate("PrinterStep", "Tên hàng đợi in"),
            "file": translate("PrinterStep", "Đường dẫn tệp"),
        }
        if kind == self.shown_kind:
            return  # the list was rebuilt (a printer plugged in): keep the field and its error
        self.shown_kind = kind
        self.address.caption.setText(captions.get(kind, ""))
        self.address.setVisible(kind in captions)
        self.address.set_error(None)

    def uri(self) -> str:
        kind = (self.choices.value() if self.choices is not None else None) or "none"
        if kind not in MANUAL:
            return kind  # a detected or kept printer: its uri
        if kind == "none":
            return "none"
        scheme = {"tcp": "tcp", "file": "file"}.get(kind)
        scheme = scheme or ("win32" if platform.system() == "Windows" else "cups")
        return f"{scheme}:{self.address.value()}"

    def fields(self) -> dict[str, FormField]:
        target = self.address if self.address.isVisible() else self.kind
        return {"printer.uri": target, "printer.paper": self.paper}

    # --- saving and the test page ------------------------------------------------------------

    def submit(self) -> None:
        kiosk, actor, uri = self.state.require_kiosk(), self.wizard.actor, self.uri()
        paper = int(self.paper_choices.value() or 80)
        self._ask(False)
        self.wizard.work(
            lambda: setup_steps.set_printer(kiosk, uri, paper, actor=actor),
            lambda _done: self._saved(uri),
        )

    def _saved(self, uri: str) -> None:
        if uri == "none":
            self.wizard.advance()
            return
        kiosk, actor = self.state.require_kiosk(), self.wizard.actor
        self.wizard.work(
            lambda: setup_steps.print_test_page(kiosk, actor), self._printed, lane="print"
        )

    def _printed(self, size: int) -> None:
        self.question.setText(
            translate(
                "PrinterStep",
                "Đã gửi trang in thử ({n} byte). Tờ giấy đã ra, chữ có đủ dấu và mã QR rõ chưa?",
            ).format(n=size)
        )
        self._ask(True)
        self.scroll_to(self.not_right)

    def _ask(self, shown: bool) -> None:
        for widget in (self.question, self.came_out, self.not_right):
            widget.setVisible(shown)
        self.wizard.next_button.setVisible(not shown)  # answer the question first

    def _came_out(self) -> None:
        self._ask(False)
        self.wizard.advance()

    def _not_right(self) -> None:
        self._ask(False)
        self.say(
            translate(
                "PrinterStep",
                "Hãy kiểm tra dây, nguồn, cuộn giấy và khổ giấy; đổi “Cách in” trong phần Kỹ "
                "thuật nếu chữ mất dấu. Rồi bấm “Lưu và tiếp tục” để in thử lại.",
            ),
            "error",
        )

    def entered(self) -> None:
        self._ask(False)
