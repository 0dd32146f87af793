"""The paper file picker: the scanner folder's files as big rows, newest first; a tap on one
attaches it.

Only that folder (setting ``scanner.folder``, see :func:`kiosk.services.scans.scanner_folder`)
and only what a paper can be (PDF, JPG, PNG): no path to type, no parent folder, no
sub-folder, no link followed — the other files of a public PC are never shown. A resident
alone sees the files that arrived in the last 30 minutes and since the screen was last wiped
(``AppState.resident_since``), as in the scanner list (the rest may be an earlier resident's
papers: the picker says how many it hides); with a volunteer logged in, the whole folder.
The folder is read on the ``files`` worker (a slow or network folder never freezes the
screen), again each time the picker opens, when the folder changes (a new scan shows up by
itself) and on "Xem lại".
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QFileSystemWatcher, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.services.scans import RECENT_S, FolderFiles, ScanFile, read_scanner_folder
from kiosk.services.users import ROLES
from kiosk.ui.i18n import translate
from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import button, clear_layout, label

log = logging.getLogger(__name__)
ROW_HEIGHT = 84  # px: two lines of large text, a finger's width and more
NAME_PT = 20


def when_words(modified: float, now: dt.datetime | None = None) -> str:
    at = dt.datetime.fromtimestamp(modified)
    today = (now or dt.datetime.now()).date()
    clock = at.strftime("%H:%M")
    if at.date() == today:
        return translate("FilePicker", "{clock} hôm nay").format(clock=clock)
    if at.date() == today - dt.timedelta(days=1):
        return translate("FilePicker", "{clock} hôm qua").format(clock=clock)
    return translate("FilePicker", "{clock} ngày {date}").format(
        clock=clock, date=at.strftime("%d/%m/%Y")
    )


def size_words(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


def kind_words(name: str) -> str:
    if name.lower().endswith(".pdf"):
        return "PDF"
    return translate("FilePicker", "Ảnh")


class FileRow(QPushButton):
    """One file: its name in large bold letters (shortened in the middle when too long),
    then its kind, size and time. The whole row is the button."""

    def __init__(self, scan: ScanFile, on_click: Callable[[], None]) -> None:
        super().__init__()
        self.scan = scan
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(ROW_HEIGHT)
        self.setStyleSheet("QPushButton { text-align: left; padding: 8px 20px; }")
        self.name = QLabel(scan.name)
        self.name.setStyleSheet(
            f"background: transparent; font-size: {NAME_PT}pt; font-weight: bold;"
        )
        detail = translate("FilePicker", "{kind} · {size} · quét lúc {time}")
        self.detail = QLabel(
            detail.format(
                kind=kind_words(scan.name),
                size=size_words(scan.size),
                time=when_words(scan.arrived),
            )
        )
        self.detail.setStyleSheet("background: transparent; color: #3A3A3A;")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(20, 8, 20, 8)
        self.column.setSpacing(2)
        for words in (self.name, self.detail):
            words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.column.addWidget(words)
        self.clicked.connect(lambda _checked=False: on_click())

    def sizeHint(self) -> QSize:
        hint = self.column.sizeHint()
        return QSize(min(hint.width(), 600), max(ROW_HEIGHT, hint.height()))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, ROW_HEIGHT)

    def resizeEvent(self, event: QResizeEvent) -> None:
        room = max(40, event.size().width() - 44)
        metrics = QFontMetrics(self.name.font())
        self.name.setText(metrics.elidedText(self.scan.name, Qt.TextElideMode.ElideMiddle, room))
        super().resizeEvent(event)


class FilePicker(QWidget):
    """The scanner folder's paper files, a part of the screen (never a window of its own).

    ``state`` may be left out when the picker is placed in a screen (it is found among its
    parents when it opens)."""

    chosen = Signal(str)  # the path of a file of the scanner folder
    cancelled = Signal()

    def __init__(self, state: AppState | None = None) -> None:
        super().__init__()
        self._state = state
        self.folder: str | None = None
        self.rows: list[FileRow] = []
        self._asked = 0  # the newest listing asked for: an older answer is dropped
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.title = label(translate("FilePicker", "Chọn tệp giấy tờ"), "heading")
        self.title.setObjectName("pickerTitle")
        layout.addWidget(self.title)
        self.intro = label(
            translate(
                "FilePicker",
                "Các tệp trong thư mục máy quét, tệp mới nhất ở trên cùng. Chạm vào một tệp "
                "để đính kèm.",
            )
        )
        layout.addWidget(self.intro)
        actions = QHBoxLayout()
        self.again = button(translate("FilePicker", "Xem lại"), self.refresh)
        self.cancel = button(translate("FilePicker", "Hủy"), self.cancelled.emit)
        actions.addWidget(self.again)
        actions.addWidget(self.cancel)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.status = label("")
        self.status.setObjectName("pickerStatus")
        layout.addWidget(self.status)
        self.empty = self._empty_notice()
        layout.addWidget(self.empty)
        self.list = QVBoxLayout()
        self.list.setSpacing(10)
        layout.addLayout(self.list)
        self.settle = QTimer(self)  # a scanner writes in bursts: list again once it pauses
        self.settle.setSingleShot(True)
        self.settle.setInterval(250)
        self.settle.timeout.connect(self._changed)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _path: self.settle.start())

    def _empty_notice(self) -> QFrame:
        """What an empty scanner folder says: scan the paper first."""
        notice = QFrame()
        notice.setObjectName("pickerEmpty")
        notice.setProperty("role", "notice")
        inside = QVBoxLayout(notice)
        inside.setContentsMargins(24, 18, 24, 18)
        inside.setSpacing(8)
        self.empty_title = label("", "heading")
        inside.addWidget(self.empty_title)
        inside.addWidget(
            label(
                translate(
                    "FilePicker",
                    "Hãy quét giấy tờ trước: đặt giấy lên máy quét và bấm nút quét. Tệp quét "
                    "xong sẽ tự hiện ra ở đây.",
                )
            )
        )
        for words in notice.findChildren(QLabel):
            words.setStyleSheet("background: transparent;")
        notice.hide()
        return notice

    def empty_words(self) -> str:
        """The empty folder's words as one text (what a person reads there)."""
        return " ".join(w.text() for w in self.empty.findChildren(QLabel))

    def _find_state(self) -> AppState | None:
        widget: QWidget | None = self
        while self._state is None and widget is not None:
            found = getattr(widget, "state", None)
            if isinstance(found, AppState):
                self._state = found
            widget = widget.parentWidget()
        return self._state

    def show_for(self, title: str) -> None:
        """Shown for a paper (``title`` names it): the folder is listed afresh."""
        self.title.setText(title)
        self.refresh()

    def refresh(self) -> None:
        state = self._find_state()
        kiosk = state.kiosk if state is not None else None
        if state is None or kiosk is None:
            self._say(translate("FilePicker", "Máy chưa sẵn sàng. Xin chờ một chút."))
            return
        self._asked += 1
        asked, everything = self._asked, state.has_role(*ROLES)
        since = state.resident_since
        self.empty.hide()
        self._say(translate("FilePicker", "Đang mở thư mục máy quét…"), "muted")
        state.tasks.run(
            lambda: (asked, read_scanner_folder(kiosk, everything=everything, since=since)),
            self._listed,
            self._failed,
            lane="files",
        )

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()

    def _listed(self, answer: tuple[int, FolderFiles]) -> None:
        asked, listing = answer
        if asked != self._asked:
            return
        if self.folder != listing.folder:
            if self.folder is not None:
                self.watcher.removePath(self.folder)
            self.folder = listing.folder
            self.watcher.addPath(listing.folder)
        clear_layout(self.list)
        self.rows = [FileRow(scan, self._picker(scan.path)) for scan in listing.files]
        for row in self.rows:
            self.list.addWidget(row)
        self.intro.setVisible(bool(listing.files))
        self.empty_title.setText(
            translate("FilePicker", "Chưa có tệp quét mới.")
            if listing.older
            else translate("FilePicker", "Thư mục máy quét chưa có tệp nào.")
        )
        self.empty.setVisible(not listing.files)
        self._say(self._summary(listing))

    def _summary(self, listing: FolderFiles) -> str:
        lines = []
        if listing.total > len(listing.files):
            lines.append(
                translate("FilePicker", "{n} tệp mới nhất (trong {total} tệp):").format(
                    n=len(listing.files), total=listing.total
                )
            )
        if listing.older and listing.before_resident:
            lines.append(
                translate(
                    "FilePicker",
                    "{n} tệp có trong thư mục từ trước khi ông/bà bắt đầu được ẩn đi, vì có thể "
                    "là giấy tờ của người khác. Tình nguyện viên đăng nhập thì xem được.",
                ).format(n=listing.older)
            )
        elif listing.older:
            lines.append(
                translate(
                    "FilePicker",
                    "{n} tệp có trong thư mục từ hơn {minutes} phút trước được ẩn đi, vì có thể "
                    "là giấy tờ của người khác. Tình nguyện viên đăng nhập thì xem được.",
                ).format(n=listing.older, minutes=RECENT_S // 60)
            )
        return "\n".join(lines)

    def _failed(self, error: BaseException) -> None:
        log.warning("the scanner folder could not be listed: %s", type(error).__name__)
        clear_layout(self.list)
        self.rows = []
        self.empty.hide()
        self._say(
            translate(
                "FilePicker",
                "Không mở được thư mục máy quét. Hãy bấm “Xem lại” hoặc gọi tình nguyện viên.",
            ),
            "error",
        )

    def _picker(self, path: str) -> Callable[[], None]:
        return lambda: self.chosen.emit(path)

    def _say(self, text: str, role: str = "") -> None:
        self.status.setText(text)
        self.status.setProperty("role", role)
        self.status.setVisible(bool(text))
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
