"""First-run setup wizard (touch, Vietnamese): the steps ``kiosk setup`` runs as text —
kiosk code and name → province and ward → provincial server → client id and secret →
printer → hotline and payee account → PINs and accounts → final check (the doctor's report, green).

Each step (a module of this package) calls its service in :mod:`kiosk.services.setup_steps`
on a worker and shows that service's field errors next to its fields. The app opens the
wizard at start while the kiosk was never set up (``setup_steps.needs_setup``); afterwards
only a logged-in technician can run it again (from the technician screen).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout

from kiosk.domain.errors import ValidationError
from kiosk.services import setup_steps
from kiosk.ui.i18n import translate
from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.screens.setup.accounts import AccountsStep
from kiosk.ui.screens.setup.credentials import CredentialsStep
from kiosk.ui.screens.setup.finish import FinishStep
from kiosk.ui.screens.setup.identity import IdentityStep
from kiosk.ui.screens.setup.location import LocationStep
from kiosk.ui.screens.setup.printer import PrinterStep
from kiosk.ui.screens.setup.receipt import ReceiptStep
from kiosk.ui.screens.setup.server import ServerStep
from kiosk.ui.screens.setup.step import WizardStep
from kiosk.ui.state import AppState
from kiosk.ui.widgets.common import button, label

log = logging.getLogger(__name__)
STEP_CLASSES: tuple[type[WizardStep], ...] = (
    IdentityStep,
    LocationStep,
    ServerStep,
    CredentialsStep,
    PrinterStep,
    ReceiptStep,
    AccountsStep,
    FinishStep,
)
LABELS = {step.key: step for step in setup_steps.STEPS}


class SetupScreen(Screen):
    """Open to anyone while the kiosk was never set up; afterwards to technicians only."""

    holds_resident_data = False
    wiped_when_idle = False

    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        self.steps: list[WizardStep] = []
        self.index = 0
        self.first_run = False
        self._then: Callable[[Any], None] = lambda _result: None
        self._working: WizardStep | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 8)
        self.indicator = label(translate("SetupScreen", "Đang mở hướng dẫn cài đặt…"), "heading")
        self.indicator.setObjectName("setupIndicator")
        self.indicator.setContentsMargins(32, 0, 32, 0)
        self.stack = QStackedWidget()
        self.footer = QHBoxLayout()
        self.footer.setContentsMargins(32, 0, 32, 0)
        self.back_button = button(translate("SetupScreen", "← Bước trước"), self.previous)
        self.next_button = button(
            translate("SetupScreen", "Lưu và tiếp tục →"), self.next, "primary"
        )
        self.back_button.setObjectName("setupBack")
        self.next_button.setObjectName("setupNext")
        for widget in (self.back_button, self.next_button):
            widget.setMinimumHeight(72)
            widget.setEnabled(False)
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # the footer keeps its shape
            widget.setSizePolicy(policy)
        self.footer.addWidget(self.back_button, 1)
        self.footer.addWidget(self.next_button, 2)
        outer.addWidget(self.indicator)
        outer.addWidget(self.stack, 1)
        outer.addLayout(self.footer)
        kiosk = state.require_kiosk()
        state.tasks.run(
            lambda: (setup_steps.needs_setup(kiosk), setup_steps.current(kiosk)), self._loaded
        )

    def heading(self) -> str:
        return translate("SetupScreen", "Cài đặt ban đầu")

    @property
    def actor(self) -> str:
        """Who the setup's audit entries name: the technician, or ``setup`` at first run."""
        return self.state.user.code if self.state.user is not None else "setup"

    def _loaded(self, result: tuple[bool, dict[str, Any]]) -> None:
        needed, now = result
        self.first_run = needed
        if not needed and not self.state.has_role("technician"):
            self.indicator.setText(
                translate(
                    "SetupScreen",
                    "Máy đã được cài đặt. Chỉ kỹ thuật viên (đã đăng nhập) mới chạy lại được "
                    "hướng dẫn cài đặt.",
                )
            )
            self.back_button.setEnabled(True)
            return
        self.steps = [cls(self) for cls in STEP_CLASSES]
        for step in self.steps:
            step.load(now)
            self.stack.addWidget(step)
        self.go_to(0)

    def step(self, cls: type[WizardStep]) -> Any:
        return next(s for s in self.steps if isinstance(s, cls))

    # --- moving between steps ------------------------------------------------------------------

    def go_to(self, index: int) -> None:
        self.index = index
        step = self.steps[index]
        self.stack.setCurrentWidget(step)
        words = LABELS[step.key]
        self.indicator.setText(
            translate("SetupScreen", "Bước {n}/{total}: {title}").format(
                n=index + 1,
                total=len(self.steps),
                title=self.state.text(words.label, words.label_en),
            )
        )
        self.back_button.setText(
            translate("SetupScreen", "← Quay lại")
            if index == 0
            else translate("SetupScreen", "← Bước trước")
        )
        self.set_next_text(translate("SetupScreen", "Lưu và tiếp tục →"))
        self.next_button.show()
        self.footer_enabled(True)
        step.entered()

    def set_next_text(self, text: str) -> None:
        self.next_button.setText(text)

    def footer_enabled(self, enabled: bool) -> None:
        self.back_button.setEnabled(enabled)
        self.next_button.setEnabled(enabled)

    def previous(self) -> None:
        if not self.steps or self.index == 0:
            self.nav.back()
            return
        self.go_to(self.index - 1)

    def next(self) -> None:
        if self.steps:
            self.steps[self.index].clear_errors()
            self.steps[self.index].submit()

    def advance(self) -> None:
        if self.index < len(self.steps) - 1:
            self.go_to(self.index + 1)

    # --- work on the workers -------------------------------------------------------------------

    def work(self, fn: Callable[[], Any], then: Callable[[Any], None], lane: str = "db") -> None:
        """Run ``fn`` on ``lane``; ``then(result)`` on success; a refusal (ValidationError)
        shows next to the current step's fields. One at a time: the footer waits meanwhile."""
        step = self.steps[self.index]
        self.footer_enabled(False)
        step.say(translate("SetupScreen", "Đang lưu và kiểm tra…"))
        self._then, self._working = then, step
        self.state.tasks.run(fn, self._worked, self._refused, lane=lane)  # dropped if we are gone

    def _worked(self, result: Any) -> None:
        self.footer_enabled(True)
        if self._working is not None:
            self._working.say("")
        self._then(result)

    def _refused(self, error: BaseException) -> None:
        self.footer_enabled(True)
        step = self._working or self.steps[self.index]
        if isinstance(error, ValidationError):
            step.show_errors(error.errors)
            return
        log.error("setup step %s failed", step.key, exc_info=error)
        step.say(
            translate("SetupScreen", "Không lưu được: {error}").format(
                error=f"{type(error).__name__}: {error}"
            ),
            "error",
        )

    def finished(self) -> None:
        """The last step is done: what changed applies (idle times, typing method)."""
        self.state.settings_changed.emit()

    def home(self) -> None:
        self.nav.home()


SCREEN = SetupScreen
