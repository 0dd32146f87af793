"""One procedure from the catalogue: papers to bring, fees, processing time, where and how to
file — and the big "Nộp hồ sơ này" that starts the dossier flow."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QVBoxLayout

from kiosk.services import catalog, dossier_draft
from kiosk.ui import money
from kiosk.ui.i18n import translate
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.screens.procedures import level_words
from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import button, clear_layout, label


def channel_words(channel: int) -> str:
    return {
        1: translate("ProcedureScreen", "Nộp trực tiếp tại cơ quan"),
        2: translate("ProcedureScreen", "Nộp trực tuyến (điểm hỗ trợ nộp giúp)"),
        3: translate("ProcedureScreen", "Gửi qua bưu chính công ích"),
    }.get(channel, str(channel))


def copies_words(paper: dossier_draft.Paper) -> str:
    parts = []
    if paper.originals:
        parts.append(translate("ProcedureScreen", "{n} bản chính").format(n=paper.originals))
    if paper.copies:
        parts.append(translate("ProcedureScreen", "{n} bản sao").format(n=paper.copies))
    if not paper.required:
        parts.append(translate("ProcedureScreen", "nếu có"))
    if paper.show_only:
        parts.append(translate("ProcedureScreen", "mang bản chính để xuất trình"))
    return ", ".join(parts)


def fee_words(line: dossier_draft.FeeLine) -> str:
    kind = line.kind or translate("ProcedureScreen", "Phí")
    if line.amount is None:
        return translate("ProcedureScreen", "{kind}: {name}").format(kind=kind, name=line.name)
    amount = (
        translate("ProcedureScreen", "Miễn phí")
        if line.amount == 0
        else money.with_sign(line.amount)
    )
    if line.amount == 0 or line.name.strip().lower() == "miễn phí":
        return translate("ProcedureScreen", "{kind}: {amount}").format(kind=kind, amount=amount)
    return translate("ProcedureScreen", "{kind}: {amount} — {name}").format(
        kind=kind, amount=amount, name=line.name
    )


class ProcedureScreen(Screen):
    holds_resident_data = False

    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        self.code = str(params.get("code") or "")
        self.body = self.scrolling_body()
        self.body.addWidget(label(translate("ProcedureScreen", "Đang mở thủ tục…"), "muted"))
        self.file_button: Any = None
        kiosk = state.require_kiosk()
        code = self.code
        state.tasks.run(lambda: catalog.procedure(kiosk, code), self._show)

    def heading(self) -> str:
        return translate("ProcedureScreen", "Thông tin thủ tục")

    def _show(self, procedure: Mapping[str, Any] | None) -> None:
        layout = self.body
        clear_layout(layout)
        if procedure is None:
            layout.addWidget(
                label(translate("ProcedureScreen", "Không tìm thấy thủ tục này."), "error")
            )
            return
        layout.addWidget(label(str(procedure["TenTTHC"]), "title"))
        layout.addWidget(label(self._meta(procedure), "muted"))
        self._filing(layout, procedure)
        self._papers(layout, procedure)
        self._fees(layout, procedure)
        self._time_and_place(layout, procedure)
        layout.addStretch(1)

    def _meta(self, p: Mapping[str, Any]) -> str:
        return translate("ProcedureScreen", "Lĩnh vực: {field} · {level} · Mã: {code}").format(
            field=p.get("TenLinhVuc") or "—",
            level=level_words(p.get("CapThucHien")),
            code=p["MaTTHC"],
        )

    def _filing(self, layout: QVBoxLayout, p: Mapping[str, Any]) -> None:
        if p.get("NgungApDung"):
            layout.addWidget(
                label(
                    translate(
                        "ProcedureScreen", "Thủ tục này đã ngừng áp dụng, không nhận hồ sơ mới."
                    ),
                    "error",
                )
            )
        elif dossier_draft.ONLINE in (p.get("KenhThucHien") or []):
            self.file_button = button(
                translate("ProcedureScreen", "Nộp hồ sơ này"), self.start_dossier, "primary"
            )
            self.file_button.setMinimumHeight(80)
            layout.addWidget(self.file_button)
        else:
            layout.addWidget(
                label(
                    translate(
                        "ProcedureScreen",
                        "Thủ tục này chưa nộp trực tuyến được. Xin mang giấy tờ đến nộp trực "
                        "tiếp tại cơ quan giải quyết.",
                    ),
                    "error",
                )
            )
        if p.get("ThieuChiTiet"):
            layout.addWidget(
                label(
                    translate(
                        "ProcedureScreen",
                        "Danh mục chưa có đủ chi tiết của thủ tục này; hãy hỏi tình nguyện viên.",
                    ),
                    "muted",
                )
            )

    def _papers(self, layout: QVBoxLayout, p: Mapping[str, Any]) -> None:
        layout.addWidget(label(translate("ProcedureScreen", "Giấy tờ cần mang"), "heading"))
        papers = dossier_draft.papers_of(p)
        if not papers:
            layout.addWidget(label(translate("ProcedureScreen", "Danh mục không ghi giấy tờ nào.")))
        for number, paper in enumerate(papers, 1):
            layout.addWidget(label(f"{number}. {paper.name}"))
            layout.addWidget(label(copies_words(paper), "muted"))

    def _fees(self, layout: QVBoxLayout, p: Mapping[str, Any]) -> None:
        layout.addWidget(label(translate("ProcedureScreen", "Phí, lệ phí"), "heading"))
        lines = dossier_draft.fees_of(p)
        if not lines:
            layout.addWidget(label(translate("ProcedureScreen", "Không có phí, lệ phí.")))
        for line in lines:
            layout.addWidget(
                label(translate("ProcedureScreen", "• {fee}").format(fee=fee_words(line)))
            )

    def _time_and_place(self, layout: QVBoxLayout, p: Mapping[str, Any]) -> None:
        layout.addWidget(
            label(translate("ProcedureScreen", "Thời hạn và nơi giải quyết"), "heading")
        )
        time_text = p.get("ThoiHanGiaiQuyet") or translate("ProcedureScreen", "Danh mục không ghi.")
        layout.addWidget(
            label(
                translate("ProcedureScreen", "Thời hạn giải quyết: {time}").format(time=time_text)
            )
        )
        if p.get("CoQuanThucHien"):
            layout.addWidget(
                label(
                    translate("ProcedureScreen", "Cơ quan giải quyết: {agency}").format(
                        agency=p["CoQuanThucHien"]
                    )
                )
            )
        channels = p.get("KenhThucHien") or []
        if channels:
            layout.addWidget(label(translate("ProcedureScreen", "Cách nộp:")))
            for channel in channels:
                bullet = translate("ProcedureScreen", "• {channel}")
                layout.addWidget(label(bullet.format(channel=channel_words(int(channel)))))

    def start_dossier(self) -> None:
        self.nav.go("dossier", procedure_code=self.code)


SCREEN = ProcedureScreen
