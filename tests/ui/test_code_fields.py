"""Codes typed on a physical keyboard or read by a code scanner (which types like one) reach
the field as they are: every code field is "plain" or "code", so Telex/VNI adds no accents."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.services.payments import TransferCode
from kiosk.ui.keyboard import TelexFilter, install_telex_filter
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.payment.steps import TransferStep
from kiosk.ui.screens.technician.credentials_panel import CredentialsPanel
from kiosk.ui.widgets.common import FormField
from kiosk.ui.widgets.dashboard_lists import ReprintBox
from tests.ui.conftest import type_text
from tests.ui.flows import tap

CODE = "CAM1-261122-0005"  # VNI makes "CÁM-…" of it: "A" then "1" is a sắc tone


@pytest.fixture
def vni(qapp: QApplication) -> Iterator[TelexFilter]:
    installed = install_telex_filter(qapp, "vni")
    yield installed
    qapp.removeEventFilter(installed)
    installed.deleteLater()


def scanned(field: FormField) -> str:
    editor = field.editor
    assert isinstance(editor, QLineEdit)
    editor.clear()
    type_text(editor, CODE)
    return editor.text()


def test_a_text_field_would_add_accents(qtbot: QtBot, vni: TelexFilter) -> None:
    """The filter is on: Vietnamese words are composed (what a code must be spared)."""
    words = FormField("Họ và tên")
    qtbot.addWidget(words)
    words.show()
    assert scanned(words) != CODE


def test_receipt_and_bank_codes_arrive_as_scanned(
    window: MainWindow, qtbot: QtBot, vni: TelexFilter
) -> None:
    reprint = ReprintBox(lambda _code: None)
    qtbot.addWidget(reprint)
    reprint.show()
    assert scanned(reprint.code) == CODE

    transfer = TransferCode("000201010212", 10000, "X", "UBND", "113366668888", "VietinBank")
    step = TransferStep(transfer, lambda: None, lambda: None)
    qtbot.addWidget(step)
    step.show()
    assert scanned(step.reference) == CODE

    credentials = CredentialsPanel(window)  # the technician's: a client id and secret
    qtbot.addWidget(credentials)
    credentials.show()
    assert scanned(credentials.client_id) == CODE
    assert scanned(credentials.secret) == CODE

    window.go("login")
    assert scanned(window.current.code) == CODE

    window.go("payment")
    form = window.current.form
    tap(qtbot, form.purpose.buttons["dossier"])
    assert scanned(form.code) == CODE

    window.go("registration", service="postal_return")
    screen = window.current
    for box in screen.consent.boxes.values():
        box.setChecked(True)
    tap(qtbot, screen.agree)
    qtbot.waitUntil(lambda: screen.dossier_code is not None)
    assert scanned(screen.dossier_code) == CODE
