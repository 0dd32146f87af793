"""File a dossier: consent → applicant → papers → fees → delivery → review → save → receipt.

The screen keeps one :class:`~kiosk.services.dossier_draft.DossierDraft`; each step (a module
of this package) edits it. "Tiếp tục" checks the draft with the core's own rules on the db
worker and shows the errors of the steps done so far next to their fields (going back to
the step that holds the first one); saving does the same with every error. Once saved, the
receipt prints (``SavedPanel``) and the way home is one tap.

Left for good (:meth:`DossierScreen.discard`: home, back, the idle wipe, a crash), the screen
lets go of the draft, and a dossier given up unsaved takes its attached files out of the
scanner folder (``scans.remove_abandoned``, on the db lane: behind a save still on its way,
which removes them itself) — unless a volunteer is logged in: they see the whole folder and
may come back to a paper; the daily sweep removes it then.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout

from kiosk.domain.errors import FieldError, ValidationError
from kiosk.services import catalog, dossier_draft, scans
from kiosk.services.dossier_draft import BY_POST, DossierDraft
from kiosk.services.records import SavedRecord
from kiosk.services.users import ROLES
from kiosk.ui import failures
from kiosk.ui.i18n import translate
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.screens.dossier.applicant import ApplicantStep
from kiosk.ui.screens.dossier.consent import ConsentStep
from kiosk.ui.screens.dossier.delivery import DeliveryStep
from kiosk.ui.screens.dossier.fees import FeesStep
from kiosk.ui.screens.dossier.papers import PapersStep
from kiosk.ui.screens.dossier.review import ReviewStep
from kiosk.ui.screens.dossier.step import Step
from kiosk.ui.state import AppState
from kiosk.ui.tasks import saving_words
from kiosk.ui.widgets.common import FormField, button, label, show_field_errors
from kiosk.ui.widgets.saved_panel import SavedPanel

log = logging.getLogger(__name__)
STEP_CLASSES = (ConsentStep, ApplicantStep, PapersStep, FeesStep, DeliveryStep, ReviewStep)


def _not_removed(error: BaseException) -> None:
    """The scans of a dossier given up could not be removed: the daily sweep will."""
    log.warning("scans of an abandoned dossier not removed: %s", type(error).__name__)


class DossierScreen(Screen):
    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        self._draft: DossierDraft | None = None
        self.discarded = False
        self.volunteer = state.has_role(*ROLES)  # a volunteer's files are kept: see discard
        self.steps: list[Step] = []
        self.index = 0
        self.saved: SavedRecord | None = None
        self.saved_panel: SavedPanel | None = None
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 8, 0, 8)
        self.indicator = label(translate("DossierScreen", "Đang mở thủ tục…"), "heading")
        self.indicator.setContentsMargins(32, 0, 32, 0)
        self.procedure_label = label("", "muted")
        self.procedure_label.setContentsMargins(32, 0, 32, 0)
        self.stack = QStackedWidget()
        self.footer = QHBoxLayout()
        self.footer.setContentsMargins(32, 0, 32, 0)
        self.back_button = button(translate("DossierScreen", "← Bước trước"), self.previous)
        self.next_button = button(translate("DossierScreen", "Tiếp tục →"), self.next, "primary")
        for widget in (self.back_button, self.next_button):
            widget.setMinimumHeight(72)
            widget.setEnabled(False)
        self.footer.addWidget(self.back_button, 1)
        self.footer.addWidget(self.next_button, 2)
        self.outer.addWidget(self.indicator)
        self.outer.addWidget(self.procedure_label)
        self.outer.addWidget(self.stack, 1)
        self.outer.addLayout(self.footer)
        kiosk = state.require_kiosk()
        code = str(params.get("procedure_code") or "")
        state.tasks.run(lambda: catalog.procedure(kiosk, code), self._loaded)

    def heading(self) -> str:
        return translate("DossierScreen", "Nộp hồ sơ")

    @property
    def draft(self) -> DossierDraft:
        if self._draft is None:
            raise RuntimeError("no dossier draft: not loaded yet, or the screen was left")
        return self._draft

    def discard(self) -> None:
        """Left for good: the draft goes (nothing here keeps it), and a dossier given up before
        it was saved takes the files it attached out of the scanner folder — a scanned ID paper
        of a resident who walked away must not wait for the next one. A volunteer logged in
        keeps them (they see the whole folder, and may be coming back to that paper)."""
        self.discarded = True
        draft, self._draft = self._draft, None
        if draft is None or self.saved is not None:
            return  # nothing begun, or saved: the save took its files out itself
        if self.volunteer or self.state.has_role(*ROLES):
            return
        files = [p.file for p in draft.attached() if p.file is not None and p.file.from_scanner]
        kiosk = self.state.kiosk
        if files and kiosk is not None:
            self.state.tasks.run(
                lambda: scans.remove_abandoned(kiosk, files), on_error=_not_removed, lane="db"
            )

    def leave_ok(self) -> bool:
        if self.saved is not None or not self.steps:
            return True
        for step in self.steps:
            step.commit()
        return not self.draft.touched()

    # --- building --------------------------------------------------------------------------

    def _loaded(self, procedure: dict[str, Any] | None) -> None:
        if self.discarded:  # left before the procedure came: nothing to build
            return
        if procedure is None:
            self.indicator.setText(
                translate("DossierScreen", "Không tìm thấy thủ tục. Hãy chọn lại thủ tục.")
            )
            self.back_button.setEnabled(True)
            return
        version = self.state.require_kiosk().settings.get_str("consent.current")
        self._draft = DossierDraft.start(procedure, version)
        self.procedure_label.setText(self.draft.name)
        self.steps = [cls(self) for cls in STEP_CLASSES]
        for step in self.steps:
            self.stack.addWidget(step)
        self.go_to(0)

    def step(self, cls: type[Step]) -> Any:
        return next(s for s in self.steps if isinstance(s, cls))

    def address_words(self) -> str:
        applicant: ApplicantStep = self.step(ApplicantStep)
        return applicant.address_words()

    # --- moving between steps --------------------------------------------------------------

    def go_to(self, index: int) -> None:
        self.steps[self.index].commit()
        self.index = index
        step = self.steps[index]
        step.load()
        self.stack.setCurrentWidget(step)
        self.indicator.setText(
            translate("DossierScreen", "Bước {n}/{total}: {title}").format(
                n=index + 1, total=len(self.steps), title=step.title()
            )
        )
        last = index == len(self.steps) - 1
        self.back_button.setText(
            translate("DossierScreen", "← Quay lại")
            if index == 0
            else translate("DossierScreen", "← Bước trước")
        )
        self.next_button.setText(
            translate("DossierScreen", "Lưu hồ sơ và in biên nhận")
            if last
            else translate("DossierScreen", "Tiếp tục →")
        )
        self.footer_enabled(True)

    def footer_enabled(self, enabled: bool) -> None:
        self.back_button.setEnabled(enabled)
        self.next_button.setEnabled(enabled)

    def previous(self) -> None:
        if not self.steps or self.index == 0:
            self.nav.back()
            return
        self.go_to(self.index - 1)

    def next(self) -> None:
        step = self.steps[self.index]
        step.commit()
        if step.before_next(self._check):
            self._check()

    def _check(self) -> None:
        self.footer_enabled(False)
        kiosk, index = self.state.require_kiosk(), self.index
        snapshot = copy.deepcopy(self.draft)  # the worker never sees a draft being edited
        if index == len(self.steps) - 1:
            actor = self.state.actor
            self.state.tasks.run(
                lambda: dossier_draft.save(kiosk, snapshot, actor),
                self._saved,
                self._not_saved,
                busy=saving_words(),
            )
            return
        self.state.tasks.run(lambda: (index, dossier_draft.check(kiosk, snapshot)), self._checked)

    def _checked(self, result: tuple[int, list[FieldError]]) -> None:
        if self.discarded:
            return
        index, errors = result
        mine = [e for e in errors if dossier_draft.step_of(e.field, self.draft) <= index]
        if mine:
            self.show_errors(mine)
            return
        self._clear_errors()
        self.go_to(index + 1)

    # --- errors ----------------------------------------------------------------------------

    def fields(self) -> dict[str, FormField]:
        found: dict[str, FormField] = {}
        for step in self.steps:
            found.update(step.fields())
        return found

    def _clear_errors(self) -> None:
        for field in self.fields().values():
            field.set_error(None)

    def show_errors(self, errors: list[FieldError]) -> None:
        """Each error next to its field; the screen goes to the step of the first one."""
        first = min(dossier_draft.step_of(e.field, self.draft) for e in errors)
        self.go_to(first)
        fields = self.fields()
        unplaced = show_field_errors(errors, fields, self.state.language)
        step = self.steps[first]
        shown = [f for f in step.fields().values() if f.error.isVisible()]
        if shown:
            step.scroll_to(shown[0])
        if unplaced:
            self.nav.toast("\n".join(dict.fromkeys(unplaced)), "error")

    # --- saving ----------------------------------------------------------------------------

    def _saved(self, saved: SavedRecord) -> None:
        self.saved = saved
        if self.discarded:  # left while saving: saved all the same, its files removed by save
            return
        for widget in (self.indicator, self.procedure_label, self.stack):
            widget.hide()
        self.back_button.hide()
        self.next_button.hide()
        if self.draft.delivery == BY_POST:
            summary = translate(
                "DossierScreen",
                "Hồ sơ «{name}» đã được lưu tại điểm hỗ trợ và sẽ được gửi lên hệ thống của "
                "tỉnh. Đã đăng ký nhận kết quả tại nhà qua bưu điện.",
            )
        else:
            summary = translate(
                "DossierScreen",
                "Hồ sơ «{name}» đã được lưu tại điểm hỗ trợ và sẽ được gửi lên hệ thống của tỉnh.",
            )
        summary = summary.format(name=self.draft.name)
        self.saved_panel = SavedPanel(self.state, self.nav, saved, summary)
        self.saved_panel.setContentsMargins(32, 0, 32, 0)
        self.outer.addWidget(self.saved_panel, 1)

    def _not_saved(self, error: BaseException) -> None:
        if self.discarded:  # left while saving: nobody to tell
            log.warning("a dossier left while saving was not saved: %s", type(error).__name__)
            return
        self.footer_enabled(True)
        if isinstance(error, ValidationError):
            self.show_errors(error.errors)
            return
        words = translate(
            "DossierScreen",
            "Chưa lưu được hồ sơ. Hãy bấm lưu lại; nếu vẫn lỗi, xin gọi tình nguyện viên.",
        )
        failures.report(error, "dossier save", words, nav=self.nav)


SCREEN = DossierScreen
