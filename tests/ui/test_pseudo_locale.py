"""Clipped text at 1366×768 in the pseudo-locale (every string ~40 % longer, bracketed).

Every screen of ``kiosk/ui/screens`` is opened as ``kiosk/ui/screen_catalog.py`` says (its
parameters, its role) on a data home with demo records and notices. Then every visible
one-line label and every button must hold its text: the text's ``horizontalAdvance`` fits
the space the style leaves for it (a push button's contents rect inside its border and
padding, a check box's text rect beside the indicator, a label's contents rect), and no
widget reaches past the window or past the widget it sits in (a scroll area's body wider
than the viewport is cut off: the horizontal scroll bar is off).
"""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

import kiosk.ui.screens
from kiosk.services import catalog
from kiosk.ui import i18n, screen_catalog
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screen_catalog import CatalogScreen, DemoFacts

WIDTH, HEIGHT = 1366, 768
SLACK_PX = 1  # rounding between fontMetrics and the painter


@dataclass(frozen=True)
class Clip:
    screen: str
    widget: str
    text: str
    need: int
    have: int
    what: str

    def __str__(self) -> str:
        sizes = f"{self.need} px > {self.have} px"
        return f"{self.screen}: {self.widget} {self.what} ({sizes}): {self.text!r}"


def screen_modules() -> set[str]:
    """Every module / package directly in kiosk/ui/screens."""
    return {m.name for m in pkgutil.iter_modules(kiosk.ui.screens.__path__)}


def describe(widget: QWidget) -> str:
    chain = []
    node: QWidget | None = widget
    while node is not None and len(chain) < 4:
        name = node.objectName()
        chain.append(f"{type(node).__name__}{'#' + name if name else ''}")
        node = node.parentWidget()
    return " < ".join(chain)


def text_advance(widget: QWidget, text: str) -> int:
    metrics = widget.fontMetrics()
    return max(metrics.horizontalAdvance(line) for line in text.replace("&&", "&").split("\n"))


def button_text_rect(button: QAbstractButton) -> QRect:
    """Where the style draws the button's text (inside border and padding / beside the box)."""
    element = {
        QPushButton: QStyle.SubElement.SE_PushButtonContents,
        QCheckBox: QStyle.SubElement.SE_CheckBoxContents,
        QRadioButton: QStyle.SubElement.SE_RadioButtonContents,
    }.get(type(button))
    if element is None:
        for kind, sub in (
            (QPushButton, QStyle.SubElement.SE_PushButtonContents),
            (QCheckBox, QStyle.SubElement.SE_CheckBoxContents),
            (QRadioButton, QStyle.SubElement.SE_RadioButtonContents),
        ):
            if isinstance(button, kind):
                element = sub
                break
    if element is None:
        return button.contentsRect()
    option = QStyleOptionButton()
    button.initStyleOption(option)  # type: ignore[attr-defined]
    return button.style().subElementRect(element, option, button)


def button_need(button: QAbstractButton) -> int:
    need = text_advance(button, button.text())
    if not button.icon().isNull():
        need += button.iconSize().width() + 4
    return need


def clipped_in(root: QWidget, screen: str) -> list[Clip]:
    """Clipped texts and overflowing widgets among the visible widgets of ``root``."""
    found: list[Clip] = []
    window = root.window()
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(window) or widget.width() <= 0:
            continue
        found += overflow(widget, screen)
        if isinstance(widget, QLabel) and widget.text() and not rich(widget):
            found += label_clip(widget, screen)
        elif isinstance(widget, QAbstractButton) and QAbstractButton.text(widget):
            # (a button drawing its words in a child label, e.g. WrapButton, has no text of
            # its own: the label is checked instead)
            have = button_text_rect(widget).width()
            need = button_need(widget)
            if need > have + SLACK_PX:
                found.append(Clip(screen, describe(widget), widget.text(), need, have, "button"))
    return found


def rich(widget: QLabel) -> bool:
    return widget.textFormat().name == "RichText" or widget.text().lstrip().startswith("<")


def label_clip(widget: QLabel, screen: str) -> list[Clip]:
    """One line: the text's width fits; wrapped: the lines fit the label's height."""
    text = widget.text()
    have = widget.contentsRect().width() - 2 * widget.margin() - max(0, widget.indent())
    if not widget.wordWrap():
        need = text_advance(widget, text)
        if need > have + SLACK_PX:
            return [Clip(screen, describe(widget), text, need, have, "label")]
        return []
    need_h = widget.heightForWidth(widget.width())
    have_h = widget.height()
    if need_h > have_h + SLACK_PX:
        return [Clip(screen, describe(widget), text, need_h, have_h, "wrapped label cut (height)")]
    flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
    wrapped = widget.fontMetrics().boundingRect(QRect(0, 0, have, 100_000), flags, text).width()
    if wrapped > have + SLACK_PX:  # a piece Qt cannot break is longer than the line
        return [Clip(screen, describe(widget), text, wrapped, have, "word wider than label")]
    return []


def overflow(widget: QWidget, screen: str) -> list[Clip]:
    """A widget reaching past the window, or past its parent (which cuts it off)."""
    window = widget.window()
    left = widget.mapTo(window, QPoint(0, 0)).x()
    right = left + widget.width()
    text = getattr(widget, "text", lambda: "")()
    if widget is not window and (left < 0 or right > window.width()):
        return [Clip(screen, describe(widget), str(text), right, window.width(), "past window")]
    parent = widget.parentWidget()
    if parent is None or widget.isWindow():
        return []
    if widget.x() < 0 or widget.x() + widget.width() > parent.width() + SLACK_PX:
        need = widget.x() + widget.width()
        return [Clip(screen, describe(widget), str(text), need, parent.width(), "past parent")]
    return []


# ----------------------------------------------------------------------------- the tests


def test_the_catalogue_lists_every_screen_module() -> None:
    listed = screen_catalog.routes() | screen_catalog.NOT_SCREENS
    missing = screen_modules() - listed
    assert not missing, (
        f"screens not in kiosk/ui/screen_catalog.py: {sorted(missing)} — add a CatalogScreen "
        "(params and role to open it) so that the pseudo-locale test and the screenshots "
        "cover it"
    )
    gone = screen_catalog.routes() - screen_modules()
    assert not gone, f"the catalogue lists screens that do not exist: {sorted(gone)}"
    keys = [s.key for s in screen_catalog.SCREENS]
    assert len(keys) == len(set(keys)), "catalogue keys must be unique (they name screenshots)"
    for entry in screen_catalog.SCREENS:
        if entry.route == "home":
            continue
        module = importlib.import_module(f"kiosk.ui.screens.{entry.route}")
        roles = module.SCREEN.roles
        assert not roles or entry.role in roles, f"{entry.key}: needs one of {roles}"


def test_the_checker_finds_a_clipped_button_and_a_clipped_label(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(600, 200)
    tight = QPushButton("Một nút có chữ rất dài không vừa", host)
    tight.setGeometry(10, 10, 120, 60)
    roomy = QPushButton("OK", host)
    roomy.setGeometry(10, 80, 200, 60)
    one_line = QLabel("Một dòng chữ dài hơn chỗ dành cho nó", host)
    one_line.setGeometry(10, 150, 90, 30)
    squeezed = QLabel("Một đoạn chữ dài xuống dòng nhiều lần " * 4, host)
    squeezed.setWordWrap(True)
    squeezed.setGeometry(250, 10, 200, 40)  # many lines needed, room for one
    box = QWidget(host)
    box.setGeometry(300, 100, 200, 90)
    wide = QLabel("x", box)  # inside the window, but past the box that holds it
    wide.setGeometry(100, 10, 200, 30)
    host.show()
    qtbot.waitExposed(host)
    found = {(c.text, c.what) for c in clipped_in(host, "probe")}
    assert ("Một nút có chữ rất dài không vừa", "button") in found
    assert ("Một dòng chữ dài hơn chỗ dành cho nó", "label") in found
    assert ("x", "past parent") in found
    assert (squeezed.text(), "wrapped label cut (height)") in found
    assert not any(text == "OK" for text, _ in found)


@pytest.fixture(scope="module")
def english_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English .qm built from the checked-in .ts (it is a build output)."""
    out = tmp_path_factory.mktemp("qm")
    script = Path(__file__).resolve().parents[2] / "scripts" / "i18n.py"
    done = subprocess.run(
        [sys.executable, str(script), "--release", "--qm-dir", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out / "kiosk_en.qm"


@pytest.fixture
def demo_window(home: Any, window_factory: Any) -> tuple[MainWindow, DemoFacts]:
    window: MainWindow = window_factory(size=(WIDTH, HEIGHT))
    kiosk = window.state.require_kiosk()
    catalog.ensure_loaded(kiosk)
    return window, screen_catalog.prepare_demo(kiosk)


def settle(qtbot: QtBot) -> Any:
    def wait(condition: Any) -> None:
        qtbot.waitUntil(condition, timeout=20000)
        for _ in range(3):  # layouts activate on posted events
            QApplication.sendPostedEvents()
            QApplication.processEvents()

    return wait


def test_no_text_is_clipped_in_the_pseudo_locale(
    demo_window: tuple[MainWindow, DemoFacts], qtbot: QtBot
) -> None:
    window, facts = demo_window
    window.state.set_language("pseudo")
    assert window.state.language == "pseudo"
    problems = check_all(window, facts, qtbot, lambda t: t.startswith("["))
    assert not problems, "clipped in the pseudo-locale:\n" + "\n".join(map(str, problems))


def test_no_text_is_clipped_in_english(
    demo_window: tuple[MainWindow, DemoFacts],
    qtbot: QtBot,
    english_qm: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(i18n, "qm_path", lambda language: str(english_qm))
    window, facts = demo_window
    window.state.set_language("en")
    assert window.state.language == "en"
    problems = check_all(window, facts, qtbot, lambda t: t.isascii() and t.strip() != "")
    assert not problems, "clipped in English:\n" + "\n".join(map(str, problems))


def check_all(window: MainWindow, facts: DemoFacts, qtbot: QtBot, translated: Any) -> list[Clip]:
    problems: list[Clip] = []
    opened: list[str] = []
    for entry in screen_catalog.SCREENS:
        problems += check_screen(window, entry, facts, qtbot, translated)
        opened.append(entry.key)
    assert opened == [s.key for s in screen_catalog.SCREENS]
    assert window.width() <= WIDTH, f"the window grew to {window.width()} px"
    return problems


def fresh_start(window: MainWindow) -> None:
    """Each screen judged on its own: no keyboard left open by the previous one, the
    display's size (a window that grew does not carry over)."""
    focused = QApplication.focusWidget()
    if focused is not None:
        focused.clearFocus()
    keyboard = getattr(window, "keyboard", None)
    if keyboard is not None:
        keyboard.hide()
    window.resize(WIDTH, HEIGHT)


def check_screen(
    window: MainWindow, entry: CatalogScreen, facts: DemoFacts, qtbot: QtBot, translated: Any
) -> list[Clip]:
    fresh_start(window)
    screen_catalog.open_screen(window, entry, facts, settle(qtbot))
    shown = window.current if entry.route != "home" else window.home_screen
    assert shown is not None and shown.isVisible(), entry.key
    texts = [
        w.text() for w in shown.findChildren(QWidget) if isinstance(w, QLabel | QAbstractButton)
    ]
    assert any(translated(t) for t in texts) or not any(texts), (
        f"{entry.key}: no translated text shown"
    )
    found = clipped_in(window, entry.key)
    if window.height() > HEIGHT:  # on the kiosk's display the bottom would be cut off
        found.append(
            Clip(
                entry.key,
                describe(window),
                "",
                window.height(),
                HEIGHT,
                "window taller than the display",
            )
        )
    return found


def test_home_in_portrait_has_two_columns_and_the_emergency_uncut(
    home: Any, window_factory: Any, qtbot: QtBot
) -> None:
    window: MainWindow = window_factory(size=(1080, 1920))
    kiosk = window.state.require_kiosk()
    screen_catalog.prepare_demo(kiosk)
    window.state.set_language("pseudo")
    screen_catalog.open_screen(window, screen_catalog.by_key("home"), DemoFacts(), settle(qtbot))
    qtbot.waitUntil(lambda: bool(window.home_screen.notices))
    settle(qtbot)(lambda: True)
    assert window.home_screen.columns == 2
    tiles = window.home_screen.tile_buttons
    assert tiles["payment"].y() > tiles["procedures"].y()  # third tile on the second row
    emergency = window.home_screen.findChild(QWidget, "notice_TB-DEMO-0")
    assert emergency is not None and emergency.isVisible()
    assert (
        emergency.mapTo(window, QPoint(0, 0)).y()
        < tiles["procedures"].mapTo(window, QPoint(0, 0)).y()
    )  # first, above the tiles
    assert not clipped_in(window, "home-portrait")
    window.resize(WIDTH, HEIGHT)  # back to landscape: three columns, the window shrinks
    settle(qtbot)(lambda: window.home_screen.columns == 3)
    assert window.height() == HEIGHT
    assert not clipped_in(window, "home-landscape")
