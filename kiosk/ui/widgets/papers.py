"""Papers of a dossier: one row per paper, the scanner folder's new files, the file picker.

* ``PaperRow`` — the paper's name, how many copies, and what was done with it: a file
  attached, "nộp bản giấy" (handed in on paper at the office), or nothing yet.
* ``ScanChooser`` — the scanner's output folder, watched (QFileSystemWatcher): a new scan
  appears in the list by itself (only what arrived since the current resident began, in the
  last 30 minutes); listing runs on a worker.
* ``FilePicker`` (:mod:`kiosk.ui.widgets.file_picker`) — every paper file of the scanner
  folder as big rows, newest first, inside the screen; nothing outside that folder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.services import scans
from kiosk.services.dossier_draft import Paper
from kiosk.services.scans import ScanFile
from kiosk.ui.i18n import translate
from kiosk.ui.state import AppState
from kiosk.ui.theme import restyle
from kiosk.ui.widgets.common import FormField, button, clear_layout, label
from kiosk.ui.widgets.file_picker import FilePicker, size_words

__all__ = ["FilePicker", "PaperRow", "ScanChooser", "size_words"]


class PaperRow(FormField):
    """A paper and its three ways: from the scanner, a file, or on paper at the office."""

    scan_wanted = Signal(object)  # PaperRow
    file_wanted = Signal(object)
    changed = Signal()

    def __init__(self, number: int, paper: Paper) -> None:
        box = QWidget()
        super().__init__(f"{number}. {paper.name}", editor=box)
        self.box = box
        self.paper = paper
        self.caption.setStyleSheet("font-weight: bold;")
        inner = QVBoxLayout(self.box)
        inner.setContentsMargins(24, 0, 0, 8)
        self.detail = label(self._detail(), "muted")
        self.state_label = label("")
        row = QHBoxLayout()
        self.scan_button = button(
            translate("PaperRow", "Lấy từ máy quét"), lambda: self.scan_wanted.emit(self)
        )
        self.file_button = button(
            translate("PaperRow", "Chọn tệp"), lambda: self.file_wanted.emit(self)
        )
        self.paper_button = button(translate("PaperRow", "Nộp bản giấy"), self.mark_on_paper)
        self.clear_button = button(translate("PaperRow", "Bỏ"), self.clear)
        for widget in (self.scan_button, self.file_button, self.paper_button, self.clear_button):
            row.addWidget(widget)
        row.addStretch(1)
        inner.addWidget(self.detail)
        inner.addWidget(self.state_label)
        inner.addLayout(row)
        self.refresh()

    def _detail(self) -> str:
        p = self.paper
        parts = [
            translate("PaperRow", "Bắt buộc") if p.required else translate("PaperRow", "Nếu có")
        ]
        if p.originals:
            parts.append(translate("PaperRow", "{n} bản chính").format(n=p.originals))
        if p.copies:
            parts.append(translate("PaperRow", "{n} bản sao").format(n=p.copies))
        if p.show_only:
            parts.append(translate("PaperRow", "mang bản chính để xuất trình"))
        return " · ".join(parts)

    def refresh(self) -> None:
        p = self.paper
        if p.file is not None:
            text = translate("PaperRow", "✔ Đã đính kèm: {name} ({size})").format(
                name=p.file.name, size=size_words(p.file.size)
            )
            role = "ok"
        elif p.on_paper:
            text = translate("PaperRow", "✔ Sẽ nộp bản giấy tại cơ quan")
            role = "ok"
        else:
            text = translate("PaperRow", "Chưa đính kèm")
            role = "muted"
        self.state_label.setText(text)
        self.state_label.setProperty("role", role)
        restyle(self.state_label)
        self.clear_button.setVisible(p.done)
        self.set_error(None)

    def attach(self, file: scans.PaperFile) -> None:
        self.paper.file, self.paper.on_paper = file, False
        self.refresh()
        self.changed.emit()

    def mark_on_paper(self) -> None:
        self.paper.file, self.paper.on_paper = None, True
        self.refresh()
        self.changed.emit()

    def clear(self) -> None:
        self.paper.file, self.paper.on_paper = None, False
        self.refresh()
        self.changed.emit()


class ScanChooser(QWidget):
    """The recent files of the scanner folder, refreshed when the folder changes."""

    chosen = Signal(str)  # path
    cancelled = Signal()

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.folder: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = label("", "heading")
        self.hint = label(
            translate(
                "ScanChooser",
                "Đặt giấy lên máy quét và bấm quét. Tệp mới sẽ hiện ra dưới đây; chạm vào "
                "tệp để đính kèm.",
            )
        )
        self.empty = label(translate("ScanChooser", "Chưa có tệp quét mới."), "muted")
        self.files = QVBoxLayout()
        self.files.setSpacing(8)
        self.file_buttons: list[QPushButton] = []
        for widget in (self.title, self.hint, self.empty):
            layout.addWidget(widget)
        layout.addLayout(self.files)
        layout.addWidget(button(translate("ScanChooser", "Hủy"), self.cancelled.emit))
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._folder_changed)
        self.settle = QTimer(self)  # a scanner writes in bursts: list once it pauses
        self.settle.setSingleShot(True)
        self.settle.setInterval(250)
        self.settle.timeout.connect(self.refresh)
        kiosk = state.require_kiosk()
        state.tasks.run(lambda: str(scans.scanner_folder(kiosk)), self._watch)

    def _watch(self, folder: str) -> None:
        self.folder = folder
        self.watcher.addPath(folder)
        self.refresh()

    def _folder_changed(self, _path: str) -> None:
        self.settle.start()

    def refresh(self) -> None:
        if self.folder is None:
            return
        folder, since = self.folder, self.state.resident_since  # none of an earlier resident
        self.state.tasks.run(
            lambda: scans.list_scans(Path(folder), since=since), self._listed, lane="files"
        )

    def _listed(self, found: list[ScanFile]) -> None:
        clear_layout(self.files)
        self.file_buttons = []
        self.empty.setVisible(not found)
        for scan in found:
            at = dt.datetime.fromtimestamp(scan.arrived).strftime("%H:%M")
            text = translate("ScanChooser", "{name} — {size}, quét lúc {time}").format(
                name=scan.name, size=size_words(scan.size), time=at
            )
            widget = button(text, self._picker(scan.path))
            widget.setStyleSheet("text-align: left;")
            self.file_buttons.append(widget)
            self.files.addWidget(widget)

    def _picker(self, path: str) -> Callable[[], None]:
        return lambda: self.chosen.emit(path)

    def show_for(self, title: str) -> None:
        self.title.setText(title)
        self.refresh()
