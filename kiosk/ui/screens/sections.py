"""A screen of sections (staff, technician): the section buttons in a fixed column on the left,
the chosen panel scrolling on the right (the keyboard docks below and the focused field must
scroll into view). Each panel is built the first time it is opened and kept while the screen
lives; a panel with a ``shown()`` method hears when it is shown again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.screens.base import Navigator, Screen
from kiosk.ui.state import AppState
from kiosk.ui.theme import SCROLL_BAR_PX, restyle
from kiosk.ui.widgets.common import button

SIDEBAR_WIDTH = 264
BUTTON_PADDING = 24 + 2 * 18 + 2 * 2 + 8  # margin, padding, border, slack


class SideColumn(QScrollArea):
    """The section buttons' column: as wide as its buttons want, plus its scroll bar's room
    (read live: the buttons' words change with the language)."""

    def sizeHint(self) -> QSize:
        column = self.widget()
        hint = super().sizeHint()
        if column is None:
            return hint
        return QSize(column.sizeHint().width() + SCROLL_BAR_PX, hint.height())

    def minimumSizeHint(self) -> QSize:
        column = self.widget()
        hint = super().minimumSizeHint()
        if column is None:
            return hint
        return QSize(column.minimumSizeHint().width() + SCROLL_BAR_PX, hint.height())


class SectionedScreen(Screen):
    PANELS: ClassVar[dict[str, Callable[[Any], QWidget]]] = {}
    fixed_sidebar: ClassVar[bool] = False  # one width whichever panel is shown

    def __init__(self, state: AppState, nav: Navigator, **params: Any) -> None:
        super().__init__(state, nav, **params)
        self.body = self.scrolling_body()
        self.panels: dict[str, QWidget] = {}
        self.section_buttons: dict[str, QPushButton] = {}
        self.current_section = ""
        self._sidebar()
        self.body.addStretch(1)
        self.show_section(str(params.get("section") or next(iter(self.PANELS))))

    def section_words(self, key: str) -> str:
        raise NotImplementedError

    def sidebar_extras(self) -> list[QWidget]:
        """Buttons below the sections (e.g. the technician's way out)."""
        return []

    def _sidebar(self) -> None:
        """The section buttons left of the scroll area, outside it (they never scroll away)."""
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.removeWidget(self.scroll_area)
        column = QWidget()
        side = QVBoxLayout(column)
        side.setContentsMargins(24, 16, 0, 16)
        side.setSpacing(12)
        for key in self.PANELS:
            tab = button(self.section_words(key), self._opener(key))
            tab.setObjectName(f"section_{key}")
            tab.setCheckable(True)
            self.section_buttons[key] = tab
            side.addWidget(tab)
        side.addStretch(1)
        for extra in self.sidebar_extras():
            side.addWidget(extra)
        # The column scrolls when the window is too low for all its buttons (an emergency bar
        # above the screens takes a row): a fixed column made the window taller than the display.
        side_area = SideColumn()
        side_area.setObjectName("sidebar")
        side_area.setWidget(column)
        side_area.setWidgetResizable(True)
        side_area.setFrameShape(QFrame.Shape.NoFrame)
        side_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if self.fixed_sidebar:
            side_area.setFixedWidth(self._sidebar_width() + SCROLL_BAR_PX)  # room for its bar
        row = QHBoxLayout()
        row.addWidget(side_area)
        row.addWidget(self.scroll_area, 1)
        outer.addLayout(row)

    def _sidebar_width(self) -> int:
        """Room for the longest section name in bold (the chosen one is bold)."""
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        words = max(metrics.horizontalAdvance(b.text()) for b in self.section_buttons.values())
        return max(SIDEBAR_WIDTH, words + BUTTON_PADDING)

    def _opener(self, key: str) -> Callable[[], None]:
        return lambda: self.show_section(key)

    def show_section(self, key: str) -> None:
        if key not in self.PANELS:
            key = next(iter(self.PANELS))
        if key not in self.panels:
            panel = self.PANELS[key](self)
            panel.setObjectName(f"panel_{key}")
            self.panels[key] = panel
            self.body.insertWidget(self.body.count() - 1, panel)
        for name, panel in self.panels.items():
            panel.setVisible(name == key)
        for name, tab in self.section_buttons.items():
            tab.setChecked(name == key)
            tab.setProperty("role", "primary" if name == key else "")
            restyle(tab)
        self.current_section = key
        self.scroll_area.verticalScrollBar().setValue(0)
        shown = getattr(self.panels[key], "shown", None)
        if callable(shown):
            shown()

    @property
    def current_panel(self) -> QWidget:
        return self.panels[self.current_section]

    def reveal(self, widget: QWidget) -> None:
        self.scroll_area.ensureWidgetVisible(widget, 50, 80)
