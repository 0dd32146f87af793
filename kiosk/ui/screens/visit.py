"""Ghi nhận lượt hỗ trợ: a volunteer logs a guidance visit in two taps — "Ghi nhận hỗ trợ" on
the dashboard, then the topic tile here, which saves at once. The outcome and the time spent
come preset (guided, 10 minutes) and can be changed before the tap; a procedure may be named.
No resident data is asked: a visit is counted, not a person."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton

from kiosk.catalog.search import SearchHit
from kiosk.domain.fields import format_timestamp
from kiosk.services import catalog, records
from kiosk.services.context import Kiosk
from kiosk.services.records import SavedRecord
from kiosk.store.models import utcnow
from kiosk.ui.i18n import translate
from kiosk.ui.keyboard.scroll import REVEAL_TOP
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.state import AppState
from kiosk.ui.tasks import saving_words
from kiosk.ui.widgets.choice_buttons import ChoiceButtons
from kiosk.ui.widgets.common import FormField, button, clear_layout, label
from kiosk.ui.widgets.search_list import LiveSearch
from kiosk.ui.widgets.wrap_button import WrapButton

log = logging.getLogger(__name__)
MINUTES = (5, 10, 15, 30, 60)


def topics() -> dict[str, str]:
    """``ChuDe`` codes of contract v1, as a volunteer says them."""
    return {
        "huong_dan_tthc": translate("VisitScreen", "Hướng dẫn thủ tục"),
        "tra_cuu": translate("VisitScreen", "Tra cứu hồ sơ, thông tin"),
        "thanh_toan": translate("VisitScreen", "Thanh toán phí, lệ phí"),
        "cai_dat_ung_dung": translate("VisitScreen", "Cài đặt, dùng ứng dụng"),
        "khac": translate("VisitScreen", "Việc khác"),
    }


def outcomes() -> list[tuple[str, str]]:
    return [
        ("da_huong_dan", translate("VisitScreen", "Đã hướng dẫn")),
        ("da_nop", translate("VisitScreen", "Đã nộp hồ sơ")),
        ("hen_quay_lai", translate("VisitScreen", "Hẹn quay lại")),
    ]


def find_procedures(kiosk: Kiosk, text: str) -> list[SearchHit]:
    """On a worker: at most three procedures, the commune level first."""
    return catalog.search(kiosk, text, limit=3) if text else []


class VisitScreen(Screen):
    roles = ("volunteer", "staff", "technician")
    holds_resident_data = False

    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        layout = self.scrolling_body()
        layout.addWidget(
            label(
                translate("VisitScreen", "Chạm vào việc vừa hỗ trợ là lưu ngay."),
                "heading",
            )
        )
        self.outcome = ChoiceButtons(outcomes(), 3, "outcome")
        self.outcome.set_value("da_huong_dan")
        layout.addWidget(FormField(translate("VisitScreen", "Kết quả"), editor=self.outcome))
        minutes = [(str(m), translate("VisitScreen", "{n} phút").format(n=m)) for m in MINUTES]
        self.minutes = ChoiceButtons(minutes, len(MINUTES), "minutes")
        self.minutes.set_value("10")
        layout.addWidget(FormField(translate("VisitScreen", "Thời gian"), editor=self.minutes))
        self.procedure: SearchHit | None = None
        self._procedure_search(layout)  # before the tiles: a tap on a tile saves at once
        grid = QGridLayout()
        grid.setSpacing(14)
        self.tiles: dict[str, QPushButton] = {}
        for index, (code, words) in enumerate(topics().items()):
            tile = WrapButton(words, self._logger(code), point_size=20, bold=True)
            tile.setMinimumHeight(120)
            tile.setObjectName(f"visit_{code}")
            self.tiles[code] = tile
            grid.addWidget(tile, index // 3, index % 3)
        layout.addLayout(grid)
        self.topic: str | None = None
        self.saved: SavedRecord | None = None
        layout.addStretch(1)

    def heading(self) -> str:
        return translate("VisitScreen", "Ghi lượt hướng dẫn")

    def _logger(self, code: str) -> Callable[[], None]:
        return lambda: self.log(code)

    # --- the optional procedure -----------------------------------------------------------

    def _procedure_search(self, layout: Any) -> None:
        self.search = FormField(
            translate("VisitScreen", "Thủ tục đã hướng dẫn (không bắt buộc): gõ tên hoặc mã"),
            max_length=80,
        )
        self.search.editor.setObjectName("procedureSearch")
        self.search.editor.setProperty(REVEAL_TOP, True)  # its matches show below it
        self.search.editor.textEdited.connect(self._find)  # type: ignore[attr-defined]
        layout.addWidget(self.search)
        self.chosen = label("", "ok")
        self.chosen.setObjectName("chosenProcedure")
        self.chosen.hide()  # until a procedure is chosen: the tiles stay in view
        layout.addWidget(self.chosen)
        self.hits = QHBoxLayout()
        layout.addLayout(self.hits)
        kiosk = self.state.require_kiosk()
        self.live = LiveSearch(
            self.state, lambda text: find_procedures(kiosk, text), self._show_hits, parent=self
        )

    def _find(self, text: str) -> None:
        if len(text.strip()) < 2:
            self.live.request("")
            return
        self.live.request(text)

    def _show_hits(self, _query: str, hits: list[SearchHit]) -> None:
        clear_layout(self.hits)
        for hit in hits:
            pick = button(f"{hit.code} – {hit.name[:60]}", self._picker(hit))
            pick.setObjectName(f"procedure_{hit.code}")
            self.hits.addWidget(pick)

    def _picker(self, hit: SearchHit) -> Callable[[], None]:
        return lambda: self._pick(hit)

    def _pick(self, hit: SearchHit) -> None:
        self.procedure = hit
        self.chosen.setText(translate("VisitScreen", "Thủ tục: {name}").format(name=hit.name))
        self.chosen.show()
        self._show_hits("", [])

    # --- the tap that saves ---------------------------------------------------------------

    def payload(self, topic: str) -> dict[str, Any]:
        return {
            "ChuDe": topic,
            "MaTTHC": self.procedure.code if self.procedure else None,
            "KetQua": self.outcome.value(),
            "ThoiLuongGiay": int(self.minutes.value() or "10") * 60,
            "ThoiDiem": format_timestamp(utcnow()),
        }

    def log(self, topic: str) -> None:
        self.topic = topic
        kiosk, payload, actor = self.state.require_kiosk(), self.payload(topic), self.state.actor
        for tile in self.tiles.values():
            tile.setEnabled(False)  # one tap, one visit
        self.state.tasks.run(
            lambda: records.save_record(kiosk, "visit", payload, actor),
            self._logged,  # bound: dropped if the volunteer left meanwhile
            self._failed,
            busy=saving_words(),
        )

    def _logged(self, saved: SavedRecord) -> None:
        self.saved = saved
        self.state.record_saved()
        topic = topics()[self.topic or "khac"]
        self.nav.back()
        self.nav.toast(
            translate("VisitScreen", "Đã ghi nhận lượt hỗ trợ: {topic}.").format(topic=topic)
        )

    def _failed(self, error: BaseException) -> None:
        log.error("visit not saved", exc_info=error)
        for tile in self.tiles.values():
            tile.setEnabled(True)
        self.nav.toast(
            translate("VisitScreen", "Chưa ghi nhận được lượt hỗ trợ. Xin chạm lại."), "error"
        )


SCREEN = VisitScreen
