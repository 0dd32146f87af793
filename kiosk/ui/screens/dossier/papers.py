"""Step 3: the papers checklist from the catalogue. Each paper: a file from the scanner's
folder (watched: a new scan shows up by itself), a file from the picker, or "nộp bản giấy".
Files are read and hashed on a worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.services import scans
from kiosk.services.dossier_draft import shorten
from kiosk.services.scans import PaperFile, PaperFileError
from kiosk.ui.i18n import translate
from kiosk.ui.screens.dossier.step import Step
from kiosk.ui.widgets.common import FormField, label
from kiosk.ui.widgets.papers import FilePicker, PaperRow, ScanChooser

if TYPE_CHECKING:
    from kiosk.ui.screens.dossier import DossierScreen


class PapersStep(Step):
    def __init__(self, screen: DossierScreen) -> None:
        super().__init__(screen)
        self.list_panel = QWidget()
        rows = QVBoxLayout(self.list_panel)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(18)
        rows.addWidget(label(translate("PapersStep", "Giấy tờ của hồ sơ"), "heading"))
        rows.addWidget(
            label(
                translate(
                    "PapersStep",
                    "Với mỗi giấy tờ, chọn một cách: lấy bản quét từ máy quét, chọn tệp có sẵn, "
                    "hoặc nộp bản giấy khi đến cơ quan.",
                )
            )
        )
        self.rows: list[PaperRow] = []
        for number, paper in enumerate(self.draft.papers, 1):
            row = PaperRow(number, paper)
            row.scan_wanted.connect(self.choose_scan)
            row.file_wanted.connect(self.choose_file)
            self.rows.append(row)
            rows.addWidget(row)
        if not self.rows:
            rows.addWidget(
                label(translate("PapersStep", "Danh mục không ghi giấy tờ nào cho thủ tục này."))
            )
        self.chooser = ScanChooser(self.state)
        self.chooser.chosen.connect(self._scan_chosen)
        self.chooser.cancelled.connect(self.show_list)
        self.picker: FilePicker | None = None
        self.reading = label(translate("PapersStep", "Đang đọc tệp…"), "muted")
        self.target: PaperRow | None = None
        for widget in (self.list_panel, self.chooser, self.reading):
            self.body.addWidget(widget)
        self.body.addStretch(1)
        self.show_list()

    def title(self) -> str:
        return translate("PapersStep", "Giấy tờ")

    def fields(self) -> dict[str, FormField]:
        attached = [row for row in self.rows if row.paper.file is not None]
        return {f"TaiLieuNop[{i}]": row for i, row in enumerate(attached)}

    # --- panels -------------------------------------------------------------------------

    def _only(self, panel: QWidget | None) -> None:
        for widget in (self.list_panel, self.chooser, self.picker, self.reading):
            if widget is not None:
                widget.setVisible(widget is panel)
        self.flow.footer_enabled(panel is self.list_panel)

    def show_list(self) -> None:
        self._only(self.list_panel)
        if self.target is not None:
            self.scroll_to(self.target)

    def _for(self, row: PaperRow) -> str:
        return translate("PapersStep", "Giấy tờ: {name}").format(name=shorten(row.paper.name, 90))

    def choose_scan(self, row: PaperRow) -> None:
        self.target = row
        self.chooser.show_for(self._for(row))
        self._only(self.chooser)
        self.scroll_area.verticalScrollBar().setValue(0)

    def choose_file(self, row: PaperRow) -> None:
        self.target = row
        if self.picker is None:
            self.picker = FilePicker(self.state)
            self.picker.chosen.connect(self._file_chosen)
            self.picker.cancelled.connect(self.show_list)
            self.body.insertWidget(2, self.picker)
        self.picker.show_for(self._for(row))
        self._only(self.picker)

    # --- reading the chosen file on a worker --------------------------------------------

    def _scan_chosen(self, path: str) -> None:
        self._read(path, from_scanner=True)

    def _file_chosen(self, path: str) -> None:
        # the picker lists the scanner folder only: a picked file leaves it once saved too
        self._read(path, from_scanner=True)

    def _read(self, path: str, *, from_scanner: bool) -> None:
        self._only(self.reading)
        self.state.tasks.run(
            lambda: scans.read_paper(path, from_scanner=from_scanner),
            self._read_done,
            self._read_failed,
            lane="files",
        )

    def _read_done(self, file: PaperFile) -> None:
        if self.target is not None:
            self.target.attach(file)
        self.show_list()

    def _read_failed(self, error: BaseException) -> None:
        self.show_list()
        if isinstance(error, PaperFileError):
            message = self.state.text(error.message, error.message_en)
        else:
            message = translate("PapersStep", "Không đọc được tệp này. Hãy thử lại.")
        if self.target is not None:
            self.target.set_error(message)

    # --- leaving the step -----------------------------------------------------------------

    def before_next(self, proceed: Callable[[], Any]) -> bool:
        missing = [
            r for r in self.rows if r.paper.required and not r.paper.show_only and not r.paper.done
        ]
        if not missing:
            return True
        self.flow.nav.confirm(
            translate(
                "PapersStep",
                "Còn {n} giấy tờ bắt buộc chưa đính kèm và chưa chọn nộp bản giấy. "
                "Có giấy tờ chỉ cần khi nộp theo một cách nhất định. Vẫn đi tiếp?",
            ).format(n=len(missing)),
            proceed,
            yes=translate("PapersStep", "Vẫn đi tiếp"),
            no=translate("PapersStep", "Ở lại bổ sung"),
        )
        return False
