"""Where an export goes: the USB sticks plugged in (found on the files worker by
:func:`kiosk.services.drives.removable_drives`), or a folder chosen in a file dialog shown
inside the window (Qt's own dialog, not the system's: a kiosk has no desktop behind it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.services import drives
from kiosk.services.drives import Drive
from kiosk.ui.i18n import translate
from kiosk.ui.state import AppState
from kiosk.ui.widgets.choice_buttons import ChoiceButtons
from kiosk.ui.widgets.common import button, clear_layout, label


def size_words(free: int | None) -> str:
    if free is None:
        return translate("ExportTarget", "không đọc được dung lượng")
    gigabytes = f"{free / 2**30:.1f}".replace(".", ",")
    return translate("ExportTarget", "còn trống {size} GB").format(size=gigabytes)


def drive_words(drive: Drive) -> str:
    if not drive.writable:
        return translate("ExportTarget", "USB {name} — không ghi được").format(name=drive.label)
    return translate("ExportTarget", "USB {name} — {free}").format(
        name=drive.label, free=size_words(drive.free_bytes)
    )


class TargetChooser(QWidget):
    """``folder()`` is the chosen drive's or folder's path, or None."""

    def __init__(self, state: AppState, owner: Any) -> None:
        super().__init__()
        self.state = state
        self.owner = owner
        self.roots = owner.params.get("drive_roots")  # tests point detection at a folder
        self.drives: list[Drive] = []
        self.picked: Path | None = None
        self.choices: ChoiceButtons | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(label(translate("ExportTarget", "Lưu vào"), "heading"))
        self.found = label("", "muted")
        self.found.setObjectName("drivesFound")
        layout.addWidget(self.found)
        self.options = QVBoxLayout()
        layout.addLayout(self.options)
        row = QHBoxLayout()
        self.rescan_button = button(translate("ExportTarget", "Tìm lại USB"), self.rescan)
        self.rescan_button.setObjectName("rescanDrives")
        self.folder_button = button(
            translate("ExportTarget", "Chọn thư mục khác…"), self.show_dialog
        )
        self.folder_button.setObjectName("pickFolder")
        row.addWidget(self.rescan_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.dialog_box = QVBoxLayout()
        layout.addLayout(self.dialog_box)
        self.dialog: QFileDialog | None = None
        self.rescan()

    # --- drives ------------------------------------------------------------------------------

    def rescan(self) -> None:
        roots = [Path(r) for r in self.roots] if self.roots else None
        self.rescan_button.setEnabled(False)
        self.found.setText(translate("ExportTarget", "Đang tìm ổ USB…"))
        self.state.tasks.run(lambda: drives.removable_drives(roots), self._found, lane="files")

    def _found(self, found: list[Drive]) -> None:
        self.rescan_button.setEnabled(True)
        self.drives = found
        self.found.setText(
            translate("ExportTarget", "Tìm thấy {n} ổ USB.").format(n=len(found))
            if found
            else translate(
                "ExportTarget",
                "Chưa thấy ổ USB nào. Cắm USB vào máy rồi bấm “Tìm lại USB”, hoặc chọn một "
                "thư mục.",
            )
        )
        self._rebuild()

    def _rebuild(self) -> None:
        wanted = self.folder()
        clear_layout(self.options)
        options = [(str(d.path), drive_words(d)) for d in self.drives]
        if self.picked is not None and str(self.picked) not in dict(options):
            options.append(
                (
                    str(self.picked),
                    translate("ExportTarget", "Thư mục {path}").format(path=self.picked),
                )
            )
        self.choices = ChoiceButtons(options, columns=1, object_name="target") if options else None
        if self.choices is None:
            return
        for drive in self.drives:
            self.choices.buttons[str(drive.path)].setEnabled(drive.writable)
        writable = [code for code, _ in options if self.choices.buttons[code].isEnabled()]
        chosen = str(wanted) if wanted is not None and str(wanted) in writable else None
        if chosen is None and len(writable) == 1:
            chosen = writable[0]
        self.choices.set_value(chosen)
        self.options.addWidget(self.choices)

    def folder(self) -> Path | None:
        chosen = self.choices.value() if self.choices is not None else None
        return Path(chosen) if chosen else None

    # --- a folder ------------------------------------------------------------------------------

    def show_dialog(self) -> None:
        if self.dialog is None:
            start = str(self.picked or Path.home())
            dialog = QFileDialog(self, translate("ExportTarget", "Chọn thư mục để lưu"), start)
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
            dialog.setWindowFlags(Qt.WindowType.Widget)  # embedded, not a top-level window
            dialog.setFileMode(QFileDialog.FileMode.Directory)
            dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
            dialog.setMinimumHeight(420)
            dialog.fileSelected.connect(self.pick)
            dialog.rejected.connect(self.hide_dialog)
            self.dialog = dialog
            self.dialog_box.addWidget(dialog)
        self.dialog.show()
        self.owner.reveal(self.dialog)

    def hide_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.hide()

    def pick(self, path: str) -> None:
        self.hide_dialog()
        if not path:
            return
        self.picked = Path(path)
        self._rebuild()
        if self.choices is not None:
            self.choices.set_value(str(self.picked))
