"""What each step of the dossier flow is: a scrolling page that reads from and writes to the
screen's :class:`~kiosk.services.dossier_draft.DossierDraft`, and names the fields (by
contract path) where the core's errors for it are shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from kiosk.services.dossier_draft import DossierDraft
from kiosk.ui.widgets.common import FormField, scrolling_page

if TYPE_CHECKING:
    from kiosk.ui.screens.dossier import DossierScreen


class Step(QWidget):
    def __init__(self, screen: DossierScreen) -> None:
        super().__init__()
        self.flow = screen
        self.state = screen.state
        self.scroll_area, self.body = scrolling_page(self, (32, 8, 32, 24))

    @property
    def draft(self) -> DossierDraft:
        return self.flow.draft

    def title(self) -> str:
        raise NotImplementedError

    def fields(self) -> dict[str, FormField]:
        """Contract path (without ``payload.``) → the field that shows its error."""
        return {}

    def load(self) -> None:
        """The step is shown: refresh from the draft."""

    def commit(self) -> None:
        """Write what is on screen into the draft."""

    def before_next(self, proceed: Callable[[], Any]) -> bool:
        """True to go on; False if the step will call ``proceed`` itself (after a question)."""
        return True

    def scroll_to(self, widget: QWidget) -> None:
        self.scroll_area.ensureWidgetVisible(widget, 0, 80)
