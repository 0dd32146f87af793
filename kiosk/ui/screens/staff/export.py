"""Export the session log of a day or a period as CSV, XLSX or PDF to a USB stick (detected by
:mod:`kiosk.services.drives`) or a folder chosen in the window, with its manifest beside it
(:func:`kiosk.export.exporter.export`, on the files worker). Afterwards: the file name, the
rows, the SHA-256 and the manifest; "Kiểm tra lại tệp" re-reads the file against its
manifest and the audit chain (:func:`kiosk.export.manifest.verify_export`)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.export.exporter import ExportRefused, export
from kiosk.export.manifest import Manifest, VerifyResult, manifest_path, verify_export
from kiosk.services.context import Kiosk
from kiosk.ui.i18n import translate
from kiosk.ui.screens.staff.export_target import TargetChooser
from kiosk.ui.widgets.choice_buttons import ChoiceButtons
from kiosk.ui.widgets.common import button, label
from kiosk.ui.widgets.staff_period import PeriodPicker
from kiosk.ui.widgets.staff_words import Box, refusal_words, set_role

SHORT_HASH = 16  # hex digits shown of the SHA-256 (the manifest holds all 64)


def file_name(kiosk_code: str, first: date, last: date, fmt: str) -> str:
    days = f"{first:%Y%m%d}" if first == last else f"{first:%Y%m%d}-{last:%Y%m%d}"
    return f"nhat-ky-{kiosk_code}-{days}.{fmt}"


def free_path(folder: Path, name: str) -> Path:
    """``name`` in ``folder``, or ``name-2``, ``name-3``… if taken (nothing is overwritten)."""
    target = folder / name
    stem, suffix = target.stem, target.suffix
    n = 1
    while target.exists() or manifest_path(target).exists():
        n += 1
        target = folder / f"{stem}-{n}{suffix}"
    return target


@dataclass(frozen=True)
class Exported:
    path: Path
    manifest: Manifest


def run_export(
    kiosk: Kiosk, folder: Path, first: date, last: date, fmt: str, by: str, progress: Any
) -> Exported:
    name = file_name(kiosk.settings.get_str("kiosk.code"), first, last, fmt)
    target = free_path(folder, name)
    return Exported(target, export(kiosk, first, last, fmt, target, by, progress))


class ExportPanel(QWidget):
    progressed = Signal(int)  # rows written so far (emitted from the files worker)

    def __init__(self, owner: Any) -> None:
        super().__init__()
        self.owner = owner
        self.state = owner.state
        self.done: Exported | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(label(translate("ExportPanel", "Xuất báo cáo"), "title"))
        layout.addWidget(label(translate("ExportPanel", "Thời gian"), "heading"))
        self.period = PeriodPicker()
        layout.addWidget(self.period)
        layout.addWidget(label(translate("ExportPanel", "Định dạng tệp"), "heading"))
        self.format = ChoiceButtons(
            [
                ("csv", translate("ExportPanel", "CSV — mở bằng Excel")),
                ("xlsx", translate("ExportPanel", "XLSX — bảng tính có tổng hợp")),
                ("pdf", translate("ExportPanel", "PDF — báo cáo để in và ký")),
            ],
            columns=3,
            object_name="format",
        )
        self.format.set_value("pdf")
        layout.addWidget(self.format)
        self.target = TargetChooser(self.state, self.owner)
        layout.addWidget(self.target)
        self.go = button(translate("ExportPanel", "Xuất tệp"), self.start, "primary")
        self.go.setObjectName("startExport")
        self.busy = label("", "heading")
        self.busy.setObjectName("exportBusy")
        self.busy.hide()
        self.error = label("", "error")
        self.error.setObjectName("exportError")
        self.error.hide()
        self.result = Box(translate("ExportPanel", "Đã xuất"))
        self.result.setObjectName("exportResult")
        self.result.hide()
        for widget in (self.go, self.busy, self.error, self.result):
            layout.addWidget(widget)
        self._result_rows()
        self.progressed.connect(self._progress)

    def _result_rows(self) -> None:
        self.file_label = label("")
        self.file_label.setObjectName("exportFile")
        self.rows_label = label("")
        self.rows_label.setObjectName("exportRows")
        self.hash_label = label("")
        self.hash_label.setObjectName("exportHash")
        self.manifest_label = label("", "muted")
        self.manifest_label.setObjectName("exportManifest")
        self.verify_button = button(translate("ExportPanel", "Kiểm tra lại tệp"), self.verify)
        self.verify_button.setObjectName("verifyExport")
        self.verify_label = label("")
        self.verify_label.setObjectName("verifyResult")
        self.verify_label.hide()
        for widget in (
            self.file_label,
            self.rows_label,
            self.hash_label,
            self.manifest_label,
            self.verify_button,
            self.verify_label,
        ):
            self.result.body.addWidget(widget)

    # --- exporting ---------------------------------------------------------------------------

    def start(self) -> None:
        folder, fmt = self.target.folder(), self.format.value()
        self.error.hide()
        if folder is None:
            self._fail(translate("ExportPanel", "Hãy chọn ổ USB hoặc một thư mục để lưu tệp."))
            return
        if fmt is None:
            self._fail(translate("ExportPanel", "Hãy chọn định dạng tệp."))
            return
        kiosk, by = self.state.require_kiosk(), self.state.actor
        first, last = self.period.value()
        self.go.setEnabled(False)
        self.result.hide()
        self.busy.setText(translate("ExportPanel", "Đang xuất tệp… xin chờ, đừng rút USB."))
        self.busy.show()
        self.state.tasks.run(
            lambda: run_export(kiosk, folder, first, last, fmt, by, self._relay),
            self._exported,
            self._refused,
            lane="files",
        )

    def _relay(self, rows: int) -> None:
        """Called on the files worker: hand the count to the GUI thread (never a widget)."""
        with contextlib.suppress(RuntimeError):  # the screen was left: the export carries on
            self.progressed.emit(rows)

    def _progress(self, rows: int) -> None:
        self.busy.setText(
            translate("ExportPanel", "Đang xuất tệp… {n} dòng, đừng rút USB.").format(n=rows)
        )

    def _exported(self, done: Exported) -> None:
        self.done = done
        self.go.setEnabled(True)
        self.busy.hide()
        manifest = done.manifest
        self.file_label.setText(translate("ExportPanel", "Tệp: {name}").format(name=done.path.name))
        self.rows_label.setText(
            translate("ExportPanel", "Số dòng nhật ký: {n} · kỳ {period}").format(
                n=manifest.rows,
                period=self.state.text(manifest.period.label(), manifest.period.label_en()),
            )
        )
        self.hash_label.setText(
            translate("ExportPanel", "SHA-256: {digest}…").format(
                digest=manifest.sha256[:SHORT_HASH]
            )
        )
        self.manifest_label.setText(
            translate("ExportPanel", "Tệp kê khai: {path}").format(path=manifest_path(done.path))
        )
        self.verify_label.hide()
        self.result.show()
        self.owner.reveal(self.result)

    def _refused(self, error: BaseException) -> None:
        self.go.setEnabled(True)
        self.busy.hide()
        if isinstance(error, ExportRefused):
            self._fail(refusal_words(error.message, self.state.language))
        elif isinstance(error, OSError):
            self._fail(
                translate(
                    "ExportPanel",
                    "Không ghi được tệp vào nơi đã chọn (USB đầy, bị khóa ghi hay đã rút ra?). "
                    "Chi tiết: {detail}",
                ).format(detail=error.strerror or type(error).__name__)
            )
        else:
            self.state.tasks.failed.emit(error)

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.owner.reveal(self.error)

    # --- verifying ---------------------------------------------------------------------------

    def verify(self) -> None:
        if self.done is None:
            return
        kiosk, where = self.state.require_kiosk(), manifest_path(self.done.path)
        self.verify_button.setEnabled(False)
        self.verify_label.setText(translate("ExportPanel", "Đang kiểm tra…"))
        set_role(self.verify_label, "muted")
        self.verify_label.show()
        self.state.tasks.run(
            lambda: verify_export(where, kiosk), self._verified, self._not_verified, lane="files"
        )

    def _verified(self, result: VerifyResult) -> None:
        self.verify_button.setEnabled(True)
        if result.ok:
            text = translate(
                "ExportPanel", "Tệp khớp với tệp kê khai và nhật ký kiểm toán ({checked})."
            ).format(checked=", ".join(result.checked))
            set_role(self.verify_label, "ok")
        else:
            problems = [self.state.text(p.message, p.message_en) for p in result.problems]
            text = translate("ExportPanel", "Tệp KHÔNG khớp: {problems}").format(
                problems="; ".join(problems)
            )
            set_role(self.verify_label, "error")
        self.verify_label.setText(text)
        self.owner.reveal(self.verify_label)

    def _not_verified(self, error: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.verify_label.setText(
            translate("ExportPanel", "Không kiểm tra được: {error}").format(
                error=type(error).__name__
            )
        )
        set_role(self.verify_label, "error")
