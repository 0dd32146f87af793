"""Home: the support point, notices (an emergency first and large), the six big tiles, and
the volunteer/staff/technician tiles once someone is logged in. Holds no resident data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from kiosk.services import notices
from kiosk.services.notices import NoticeView
from kiosk.ui.i18n import translate
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import button, clear_layout, label

RESIDENT_TILES = (
    ("procedures", "Tìm thủ tục"),
    ("dossier_start", "Nộp hồ sơ"),
    ("payment", "Nộp phí"),
    ("registration", "Đăng ký dịch vụ"),
    ("feedback", "Gửi phản ánh"),
    ("lookup", "Tra cứu hồ sơ"),
)
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


class HomeScreen(Screen):
    holds_resident_data = False

    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(16)
        self.notice_box = QVBoxLayout()
        layout.addLayout(self.notice_box)
        self.tiles = QGridLayout()
        self.tiles.setSpacing(16)
        layout.addLayout(self.tiles, 1)
        self.role_row = QGridLayout()
        layout.addLayout(self.role_row)
        self.tile_buttons: dict[str, Any] = {}
        self.notices: list[NoticeView] = []
        state.user_changed.connect(lambda _user: self._build_role_tiles())
        self._build_tiles()
        self._build_role_tiles()

    def heading(self) -> str:
        kiosk = self.state.kiosk
        if kiosk is None:
            return translate("HomeScreen", "Đang mở…")
        return kiosk.settings.get_str("kiosk.name")

    def _build_tiles(self) -> None:
        for index, (key, _vi) in enumerate(RESIDENT_TILES):
            tile = button(tile_text(key), self._opener(key), "tile")
            tile.setObjectName(f"tile_{key}")
            self.tile_buttons[key] = tile
            self.tiles.addWidget(tile, index // 3, index % 3)

    def _opener(self, key: str) -> Callable[[], None]:
        return lambda: self._open(key)

    def _open(self, key: str) -> None:
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
            tile.setText(tile_text(key))
        self._show_notices(self.notices)

    def refresh(self) -> None:
        kiosk = self.state.kiosk
        if kiosk is None:
            return
        self.state.tasks.run(lambda: notices.current(kiosk), self._show_notices)

    def _show_notices(self, shown: list[NoticeView]) -> None:
        self.notices = shown
        clear_layout(self.notice_box)
        for notice in shown[:3]:
            self.notice_box.addWidget(self._notice_card(notice))

    def _notice_card(self, notice: NoticeView) -> QWidget:
        card = QFrame()
        card.setObjectName(f"notice_{notice.notice_id}")
        card.setProperty("role", "emergency" if notice.emergency else "notice")
        layout = QVBoxLayout(card)
        prefix = translate("HomeScreen", "KHẨN CẤP: ") if notice.emergency else ""
        title = label(prefix + notice.title, "heading")
        layout.addWidget(title)
        body = label(notice.body)
        if notice.emergency:
            title.setStyleSheet("font-size: 30pt;")
            body.setStyleSheet("font-size: 22pt;")
        else:
            body.setMaximumHeight(80)
        layout.addWidget(body)
        return card
