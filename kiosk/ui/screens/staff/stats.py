"""Pilot statistics of a day or a period (:func:`kiosk.export.stats.stats`) as a few big
numbers: what the province counts at each support point — dossiers filed at the point and
accepted, residents guided — and payments, registrations, what still waits."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from kiosk.export import stats as compute_stats
from kiosk.export.stats import Stats
from kiosk.ui import money
from kiosk.ui.i18n import translate
from kiosk.ui.widgets.common import clear_layout, label
from kiosk.ui.widgets.staff_period import PeriodPicker
from kiosk.ui.widgets.staff_words import Box, duration_words

COLUMNS = 3
TILE_STYLE = (
    "QFrame#statTile { border: 2px solid #0B4F9C; border-radius: 12px; background: #E8F0FB; }"
    "QFrame#statTile QLabel { background: #E8F0FB; }"
)
NUMBER_STYLE = "font-size: {pt}pt; font-weight: bold; color: #0B4F9C;"
TOP_PROCEDURES = 5


def tile(key: str, number: str, caption: str, note: str = "") -> QFrame:
    frame = QFrame()
    frame.setObjectName("statTile")
    frame.setStyleSheet(TILE_STYLE)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 10, 16, 12)
    big = label(number, wrap=not number.isdigit())
    big.setObjectName(f"stat_{key}")
    big.setStyleSheet(NUMBER_STYLE.format(pt=40 if number.isdigit() else 24))
    big.setAlignment(Qt.AlignmentFlag.AlignLeft)
    layout.addWidget(big)
    layout.addWidget(label(caption))
    if note:
        layout.addWidget(label(note, "muted"))
    layout.addStretch(1)
    return frame


class StatsPanel(QWidget):
    def __init__(self, owner: Any) -> None:
        super().__init__()
        self.owner = owner
        self.state = owner.state
        self.figures: Stats | None = None
        self.asked = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(label(translate("StatsPanel", "Thống kê thí điểm"), "title"))
        self.period = PeriodPicker()
        layout.addWidget(self.period)
        self.status = label("", "muted")
        self.status.setObjectName("statsStatus")
        layout.addWidget(self.status)
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        for column in range(COLUMNS):
            self.grid.setColumnStretch(column, 1)
        layout.addLayout(self.grid)
        self.procedures = Box(translate("StatsPanel", "Hồ sơ theo thủ tục"))
        self.procedures.hide()
        layout.addWidget(self.procedures)
        self.period.changed.connect(self.load)
        self.load(*self.period.value())

    def load(self, first: date, last: date) -> None:
        kiosk = self.state.require_kiosk()
        self.asked += 1
        asked = self.asked
        self.status.setText(translate("StatsPanel", "Đang tính…"))
        self.state.tasks.run(lambda: (asked, compute_stats(kiosk, first, last)), self._loaded)

    def _loaded(self, result: tuple[int, Stats]) -> None:
        asked, figures = result
        if asked != self.asked:
            return
        self.figures = figures
        period = figures.period
        self.status.setText(
            translate("StatsPanel", "Số liệu {period}, tính đến lúc này.").format(
                period=self.state.text(period.label(), period.label_en())
            )
        )
        clear_layout(self.grid)
        for index, frame in enumerate(self._tiles(figures)):
            self.grid.addWidget(frame, index // COLUMNS, index % COLUMNS)
        self._procedures(figures)

    def _tiles(self, s: Stats) -> list[QFrame]:
        return [
            tile("filed", str(s.dossiers_filed),
                 translate("StatsPanel", "Hồ sơ nộp tại điểm")),
            tile("accepted", str(s.dossiers_accepted),
                 translate("StatsPanel", "Hồ sơ tỉnh đã nhận")),
            tile("guided", str(s.residents_guided),
                 translate("StatsPanel", "Lượt người dân được hướng dẫn")),
            tile("payments", str(s.payments_count), translate("StatsPanel", "Khoản nộp tiền"),
                 money.with_sign(s.payments_total_vnd)),
            tile("registrations", str(s.registrations),
                 translate("StatsPanel", "Đăng ký dịch vụ")),
            tile("feedback", str(s.feedback), translate("StatsPanel", "Phản ánh, kiến nghị")),
            tile("waiting", str(s.not_accepted), translate("StatsPanel", "Mục tỉnh chưa nhận")),
            tile("median", duration_words(s.median_dossier_save_to_accepted_s),
                 translate("StatsPanel", "Từ lúc lưu đến khi tỉnh nhận hồ sơ (trung vị)")),
            tile("cash", money.with_sign(s.cash_total_vnd),
                 translate("StatsPanel", "Tiền mặt thu")),
        ]  # fmt: skip

    def _procedures(self, s: Stats) -> None:
        box = self.procedures
        while box.body.count() > 1:
            item = box.body.takeAt(1)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        box.setVisible(bool(s.dossiers_by_procedure))
        for p in s.dossiers_by_procedure[:TOP_PROCEDURES]:
            words = translate("StatsPanel", "{filed} nộp · {accepted} tỉnh đã nhận — {name}")
            box.body.addWidget(label(words.format(filed=p.filed, accepted=p.accepted, name=p.name)))
