"""Find a procedure: search as you type (diacritics optional), big result rows with the field
(lĩnh vực) and the level (cấp thực hiện); a tap opens the procedure's detail.

``purpose="file"`` when the resident came from "Nộp hồ sơ": the same search, worded as
choosing the procedure to file. Holds no resident data (a search is not about a person).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout

from kiosk.catalog.search import SearchHit
from kiosk.services import catalog
from kiosk.services.context import Kiosk
from kiosk.ui.i18n import translate
from kiosk.ui.keyboard.scroll import REVEAL_TOP
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import FormField, clear_layout, label
from kiosk.ui.widgets.search_list import LiveSearch, TapCard

RESULTS = 12
# Shown before anything is typed: what residents of a ward ask for most.
COMMON = ("1.001193", "1.000894", "1.000656", "1.004222", "1.004194", "1.004873", "2.000635")


def level_words(level: str | None) -> str:
    return {
        "xa": translate("ProceduresScreen", "Cấp xã, phường"),
        "tinh": translate("ProceduresScreen", "Cấp tỉnh"),
        "bo": translate("ProceduresScreen", "Cấp bộ, ngành trung ương"),
    }.get(level or "", translate("ProceduresScreen", "Cơ quan khác"))


def common_hits(kiosk: Kiosk) -> list[SearchHit]:
    """The common procedures as search hits (worker side)."""
    hits = []
    known = catalog.refs(kiosk)  # one look at the catalogue's stamp, not one per code
    for code in COMMON:
        ref = known.get(code)
        if ref is not None:
            hits.append(SearchHit(ref.code, ref.name, ref.field_name, ref.level, 0.0, ref.stopped))
    return hits


def find(kiosk: Kiosk, text: str) -> list[SearchHit]:
    """Worker side: the search, or the common procedures for an empty box."""
    if not text.strip():
        return common_hits(kiosk)
    return catalog.search(kiosk, text, limit=RESULTS)


class ProceduresScreen(Screen):
    holds_resident_data = False

    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        self.filing = params.get("purpose") == "file"
        layout = self.scrolling_body()
        intro = (
            translate(
                "ProceduresScreen", "Ông/bà muốn nộp hồ sơ gì? Gõ vài chữ rồi chạm vào thủ tục."
            )
            if self.filing
            else translate(
                "ProceduresScreen", "Gõ tên thủ tục hoặc việc cần làm. Gõ không dấu cũng được."
            )
        )
        layout.addWidget(label(intro, "heading"))
        self.query = FormField(
            translate("ProceduresScreen", "Tìm thủ tục"),
            "text",
            translate("ProceduresScreen", "Ví dụ: khai sinh, kết hôn, thường trú"),
            max_length=120,
        )
        self.query.editor.setProperty(REVEAL_TOP, True)  # the results below show while typing
        layout.addWidget(self.query)
        self.status = label("", "muted")
        layout.addWidget(self.status)
        self.results = QVBoxLayout()
        self.results.setSpacing(10)
        layout.addLayout(self.results)
        layout.addStretch(1)
        self.cards: list[TapCard] = []
        self.hits: list[SearchHit] = []
        kiosk = state.require_kiosk()
        self.search = LiveSearch(state, lambda text: find(kiosk, text), self._show, parent=self)
        self.editor.textChanged.connect(self._typed)
        self.editor.setText(str(params.get("query") or ""))
        self.search.run_now(self.editor.text())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.editor.setFocus()

    @property
    def editor(self) -> Any:
        return self.query.editor

    def heading(self) -> str:
        if self.filing:
            return translate("ProceduresScreen", "Chọn thủ tục để nộp")
        return translate("ProceduresScreen", "Tìm thủ tục")

    def _typed(self, text: str) -> None:
        self.params["query"] = text  # "← Quay lại" from the detail finds the same list
        self.status.setText(translate("ProceduresScreen", "Đang tìm…"))
        self.search.request(text)

    def _show(self, text: str, hits: list[SearchHit]) -> None:
        self.hits = hits
        clear_layout(self.results)
        self.cards = []
        if not text.strip():
            self.status.setText(translate("ProceduresScreen", "Thủ tục hay dùng:"))
        elif not hits:
            self.status.setText(
                translate(
                    "ProceduresScreen",
                    "Không tìm thấy thủ tục nào với «{text}». Hãy gõ cách khác, ví dụ "
                    "«giấy khai sinh», hoặc gọi tình nguyện viên.",
                ).format(text=text.strip())
            )
        else:
            self.status.setText(
                translate("ProceduresScreen", "Chạm vào thủ tục để xem giấy tờ cần có:")
            )
        for hit in hits:
            card = TapCard([(hit.name, "heading"), (self._meta(hit), "muted")])
            card.clicked.connect(lambda code=hit.code: self.open(code))
            self.cards.append(card)
            self.results.addWidget(card)

    def _meta(self, hit: SearchHit) -> str:
        if hit.stopped:
            text = translate("ProceduresScreen", "Lĩnh vực: {field} · {level} · Đã ngừng áp dụng")
        else:
            text = translate("ProceduresScreen", "Lĩnh vực: {field} · {level}")
        return text.format(field=hit.field or "—", level=level_words(hit.level))

    def open(self, code: str) -> None:
        self.nav.go("procedure", code=code, purpose=self.params.get("purpose"))


SCREEN = ProceduresScreen
