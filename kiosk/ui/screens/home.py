"""Home: the support point, notices (an emergency first and large), the six big tiles, and
the volunteer/staff/technician tiles once someone is logged in. Holds no resident data."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui import failures
from kiosk.ui.i18n import translate
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import button, clear_layout, label
from kiosk.ui.widgets.home_tile import HomeTile

if TYPE_CHECKING:
    from kiosk.services.notices import NoticeView

RESIDENT_TILES = (
    ("procedures", "Tìm thủ tục"),
    ("dossier_start", "Nộp hồ sơ"),
    ("payment", "Nộp phí"),
    ("registration", "Đăng ký dịch vụ"),
    ("feedback", "Gửi phản ánh"),
    ("lookup", "Tra cứu hồ sơ"),
)
NOTICE_SHARE = 0.5  # notices take at most half the home screen (more scrolls), tiles the rest
WIDE_PX = 1100  # narrower (portrait): two columns of tiles, so long captions still fit
_CARD_ROLES = {"emergency": "emergency", "warning": "warning"}  # info: the plain card
ROLE_TILES = (
    ("dashboard", "Bảng điều khiển", ("volunteer", "staff", "technician")),
    ("staff", "Chốt ngày và xuất báo cáo", ("staff", "technician")),
    ("technician", "Kỹ thuật", ("technician",)),
)


def tile_text(key: str) -> str:
    """The tile captions, spelled out so that lupdate finds each one."""
    return {
        "procedures": translate("HomeScreen", "Tìm thủ tục"),
        "dossier_start": translate("HomeScreen", "Nộp hồ sơ"),
        "payment": translate("HomeScreen", "Nộp phí"),
        "registration": translate("HomeScreen", "Đăng ký dịch vụ"),
        "feedback": translate("HomeScreen", "Gửi phản ánh"),
        "lookup": translate("HomeScreen", "Tra cứu hồ sơ"),
        "dashboard": translate("HomeScreen", "Bảng điều khiển"),
        "staff": translate("HomeScreen", "Chốt ngày và xuất báo cáo"),
        "technician": translate("HomeScreen", "Kỹ thuật"),
    }[key]


def tile_hint(key: str) -> str:
    """The line under each resident tile: what is behind it, in everyday words."""
    return {
        "procedures": translate("HomeScreen", "Giấy tờ, lệ phí, thời gian giải quyết"),
        "dossier_start": translate("HomeScreen", "Khai thông tin và nhận biên nhận"),
        "payment": translate("HomeScreen", "Lệ phí, đóng góp: tiền mặt, VietQR"),
        "registration": translate(
            "HomeScreen", "Bưu chính, điện, nước, viễn thông, khám bệnh, tiêm chủng"
        ),
        "feedback": translate("HomeScreen", "Báo với phường việc cần giải quyết"),
        "lookup": translate("HomeScreen", "Xem tiến độ bằng mã trên biên nhận"),
    }[key]


class HomeScreen(Screen):
    holds_resident_data = False

    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(16)
        self.problem = label(state.open_error or "", "error")  # the data home did not open
        self.problem.setObjectName("openProblem")
        self.problem.setVisible(state.open_error is not None)
        layout.addWidget(self.problem)
        self.notice_area = QScrollArea()
        self.notice_area.setWidgetResizable(True)
        self.notice_area.setFrameShape(QFrame.Shape.NoFrame)
        self.notice_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        notice_body = QWidget()
        self.notice_box = QVBoxLayout(notice_body)
        self.notice_box.setContentsMargins(0, 0, 0, 0)
        self.notice_box.setSpacing(12)
        self.notice_area.setWidget(notice_body)
        self.notice_area.hide()
        # It grows up to its maximum (what the notices need, within NOTICE_SHARE) before the
        # tiles get the rest; never a fixed height, which would stop the window shrinking, and
        # no minimum of its own (Ignored): with the paging button under it, a scroll area's
        # minimum made the home screen taller than a 768-pixel display.
        self.notice_area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        layout.addWidget(self.notice_area, 100)
        # When they do not all fit: how many there are, and a big button to page through them
        # (the scroll bar alone is easy to miss for someone new to a touchscreen).
        self.notice_more = button("", self._next_notices)
        self.notice_area.verticalScrollBar().valueChanged.connect(
            lambda _value: self.notice_more.setText(self._more_text())
        )
        self.notice_more.setObjectName("noticeMore")
        self.notice_more.hide()
        layout.addWidget(self.notice_more)
        self.columns = 0
        self.tiles = QGridLayout()
        self.tiles.setSpacing(16)
        layout.addLayout(self.tiles, 1)
        self.role_row = QGridLayout()
        layout.addLayout(self.role_row)
        self.tile_buttons: dict[str, Any] = {}
        self.notices: list[NoticeView] = []
        state.user_changed.connect(lambda _user: self._build_role_tiles())
        # read by the app's NoticeWatch: on news, every minute (a notice may start or end on
        # its own while the kiosk sits at home), and on coming home (refresh)
        state.notices.changed.connect(self._show_notices)
        self._build_tiles()
        self._build_role_tiles()

    def heading(self) -> str:
        kiosk = self.state.kiosk
        if kiosk is None and self.state.open_error is not None:
            return translate("HomeScreen", "Máy chưa sẵn sàng")
        if kiosk is None:
            return translate("HomeScreen", "Đang mở…")
        return kiosk.settings.get_str("kiosk.name")

    def show_problem(self, message: str) -> None:
        """Opening failed: the reason stays on the home screen (a toast goes away)."""
        self.problem.setText(message)
        self.problem.show()

    def _build_tiles(self) -> None:
        for key, _vi in RESIDENT_TILES:
            tile = HomeTile(tile_text(key), tile_hint(key), self._opener(key))
            tile.setObjectName(f"tile_{key}")
            self.tile_buttons[key] = tile
        self._place_tiles(3)

    def _place_tiles(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for index, (key, _vi) in enumerate(RESIDENT_TILES):
            tile = self.tile_buttons[key]
            self.tiles.removeWidget(tile)
            self.tiles.addWidget(tile, index // columns, index % columns)
        for column in range(3):
            self.tiles.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_tiles(3 if self.width() >= WIDE_PX else 2)
        self._fit_notices()
        QTimer.singleShot(0, self._fit_notices)  # once the cards have their new width

    def _fit_notices(self) -> None:
        """As tall as the notices need, up to NOTICE_SHARE of the screen (then it scrolls)."""
        body = self.notice_area.widget()
        if body is None:
            return
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        # This screen's own width (the scroll area's viewport may not be resized yet), less
        # a scroll bar: sized for it, the cards never need one they were not given room for.
        width = self.width() - (margins.left() + margins.right() if margins is not None else 0)
        width -= self.notice_area.verticalScrollBar().sizeHint().width()
        need = body.heightForWidth(width) if width > 0 else -1
        need = need if need > 0 else body.sizeHint().height()
        rest = self.tiles.minimumSize().height() + self.role_row.minimumSize().height()
        rest += 2 * 16 + (margins.top() + margins.bottom() if margins is not None else 0)
        more = self.notice_more.sizeHint().height() + 16
        room = min(int(self.height() * NOTICE_SHARE), self.height() - rest)
        overflows = bool(self.notices) and need > room
        if overflows:
            room -= more  # the line saying there are more takes its room from the notices
        self.notice_area.setMaximumHeight(max(0, min(need, room)))
        self.notice_more.setText(self._more_text())
        self.notice_more.setVisible(overflows)

    def _more_text(self) -> str:
        bar = self.notice_area.verticalScrollBar()
        if bar.maximum() > 0 and bar.value() >= bar.maximum():
            return translate("HomeScreen", "Có {count} thông báo — về thông báo đầu ▲").format(
                count=len(self.notices)
            )
        return translate("HomeScreen", "Có {count} thông báo — xem tiếp ▼").format(
            count=len(self.notices)
        )

    def _next_notices(self) -> None:
        """One screenful further down the notices; from the last one, back to the first."""
        bar = self.notice_area.verticalScrollBar()
        at_end = bar.value() >= bar.maximum()
        bar.setValue(0 if at_end else bar.value() + bar.pageStep())

    def _opener(self, key: str) -> Callable[[], None]:
        return lambda: self._open(key)

    def _open(self, key: str) -> None:
        if self.state.kiosk is None:  # every screen needs the data home: say so, calmly
            failed = self.state.open_error is not None
            self.nav.toast(failures.not_ready(failed), "error" if failed else "info")
            return
        if key == "dossier_start":  # filing starts by choosing the procedure
            self.nav.go("procedures", purpose="file")
        else:
            self.nav.go(key)

    def _build_role_tiles(self) -> None:
        clear_layout(self.role_row)
        for key in [k for k in self.tile_buttons if k in {t[0] for t in ROLE_TILES}]:
            del self.tile_buttons[key]
        column = 0
        for key, _vi, roles in ROLE_TILES:
            if not self.state.has_role(*roles):
                continue
            tile = button(tile_text(key), self._opener(key), "primary")
            tile.setObjectName(f"tile_{key}")
            self.tile_buttons[key] = tile
            self.role_row.addWidget(tile, 0, column)
            column += 1

    def retranslate(self) -> None:
        for key, tile in self.tile_buttons.items():
            if isinstance(tile, HomeTile):
                tile.set_words(tile_text(key), tile_hint(key))
            else:
                tile.setText(tile_text(key))
        self._show_notices(self.notices, force=True)

    def refresh(self) -> None:
        self.state.notices.refresh()

    def _show_notices(self, shown: list[NoticeView], force: bool = False) -> None:
        if shown == self.notices and self.notice_box.count() and not force:
            return  # the same notices as on screen: nothing to rebuild on each return home
        self.notices = shown
        clear_layout(self.notice_box)
        for notice in shown:
            self.notice_box.addWidget(self._notice_card(notice))
        self.notice_box.addStretch(1)
        self.notice_area.setVisible(bool(shown))
        self._fit_notices()
        QTimer.singleShot(0, self._fit_notices)  # again once the cards are polished

    def _notice_card(self, notice: NoticeView) -> QWidget:
        card = QFrame()
        card.setObjectName(f"notice_{notice.notice_id}")
        card.setProperty("role", _CARD_ROLES.get(notice.level, "notice"))
        layout = QVBoxLayout(card)
        words = (
            translate("HomeScreen", "KHẨN CẤP: {title}").format(title=notice.title)
            if notice.emergency
            else notice.title
        )
        title = label(words, "heading")
        layout.addWidget(title)
        body = label(notice.body)
        if notice.emergency:
            title.setStyleSheet("font-size: 30pt;")
            body.setStyleSheet("font-size: 22pt;")
        else:
            card.setStyleSheet("QLabel { background: transparent; }")  # the card's colour
        layout.addWidget(body)
        return card
