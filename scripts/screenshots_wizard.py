#!/usr/bin/env python3
"""Regenerate ``docs/install/wizard-<n>-<step>.png``: the first-run setup wizard, in
Vietnamese at 1366×768, filled in and run for real, step by step.

    .venv/bin/python scripts/screenshots_wizard.py            # → docs/install/
    .venv/bin/python scripts/screenshots_wizard.py --out /tmp/wizard

Offscreen (``QT_QPA_PLATFORM=offscreen``) on a throwaway data home that was never set up,
with the bundled font. The wizard talks to the real provincial simulator on 127.0.0.1
(``kiosk.simulator``) and prints its test page to the printer emulator of the tests (a
network receipt printer on 127.0.0.1): the addresses in the pictures are those loopback
ones. A wrong secret is tried once, so that the refusal next to its field is pictured too.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from screenshots import pump_until, use_throwaway_home  # noqa: E402 (beside this script)

OUT = REPO / "docs" / "install"
SIZE = (1366, 768)
CLIENT_ID, SECRET = "KIOSK-56-22390-01", "bi-mat-cua-kiosk-8f2c"


def type_text(widget: Any, text: str) -> None:
    """As a finger on the keyboard would (Vietnamese too)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    widget.clear()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def build_window() -> Any:
    from kiosk.ui.app import application
    from kiosk.ui.app import build_window as kiosk_window

    application()
    window = kiosk_window(kiosk_mode=False, start_workers=False)
    state = window.state
    window.resize(*SIZE)
    window.show()
    pump_until(lambda: state.kiosk is not None or bool(state.problems))
    window.idle.configure(24 * 3600, 15)  # no idle wipe while shooting
    if window.telex is not None:
        window.telex.set_method("off")  # the shots type text already composed
    state.set_language("vi")
    return window


class Shooter:
    def __init__(self, window: Any, out: Path) -> None:
        self.window = window
        self.out = out
        self.made: list[Path] = []

    def shoot(self, name: str, reveal: Any = None, top: Any = None) -> None:
        """``reveal``: scroll that widget into view; ``top``: scroll it to the top."""
        window = self.window
        window.keyboard.hide()  # the docked keyboard would hide half the step
        step = window.current.steps[window.current.index]
        pump_until(lambda: True)
        if reveal is not None:
            step.scroll_to(reveal)
        if top is not None:
            step.scroller.verticalScrollBar().setValue(top.y() - 8)
        pump_until(lambda: window.state.tasks.running == 0)
        path = self.out / f"{name}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        self.made.append(path)
        print(f"  {path.relative_to(REPO) if path.is_relative_to(REPO) else path}", flush=True)


def click(widget: Any) -> None:
    pump_until(lambda: widget.isVisible() and widget.isEnabled())
    widget.click()


def run_wizard(window: Any, shots: Shooter, province_url: str, printer_port: int) -> None:
    window.go("setup")
    wizard = window.current
    pump_until(lambda: bool(wizard.steps))

    def next_step(index: int) -> Any:
        click(wizard.next_button)
        pump_until(lambda: wizard.index == index)
        return wizard.steps[index]

    identity = wizard.steps[0]
    type_text(identity.code.editor, "KIOSK-56-22390-01")
    type_text(identity.name.editor, "Điểm hỗ trợ DVC trực tuyến Phường Tây Nha Trang")
    type_text(identity.prefix.editor, "TNT1")
    shots.shoot("wizard-1-identity")

    location = next_step(1)
    type_text(location.picker.ward.editor, "phuong sai")  # the old name residents still use
    pump_until(lambda: bool(location.picker.choice_buttons))
    shots.shoot("wizard-2-location")
    tay = [b for b in location.picker.choice_buttons if "Tây Nha Trang" in b.text()]
    click(tay[0])

    server = next_step(2)
    type_text(server.url.editor, province_url)
    click(server.check_button)
    pump_until(lambda: "kết nối được" in server.message.text())
    shots.shoot("wizard-3-server")

    credentials = next_step(3)
    type_text(credentials.client_id.editor, CLIENT_ID)
    type_text(credentials.secret.editor, "mat-khau-sai")
    click(wizard.next_button)
    pump_until(lambda: credentials.secret.error.isVisible())
    shots.shoot("wizard-4-credentials-refused")
    type_text(credentials.secret.editor, SECRET)
    shots.shoot("wizard-4-credentials")

    printer = next_step(4)
    pump_until(lambda: "máy in" in printer.found.text())
    click(printer.choices.buttons["tcp"])
    type_text(printer.address.editor, f"127.0.0.1:{printer_port}")
    click(printer.paper_choices.buttons["80"])
    shots.shoot("wizard-5-printer")
    click(wizard.next_button)
    pump_until(lambda: printer.came_out.isVisible())
    shots.shoot("wizard-5-printer-test", reveal=printer.not_right)
    click(printer.came_out)
    pump_until(lambda: wizard.index == 5)

    receipt = wizard.steps[5]
    type_text(receipt.hotline.editor, "0258 3 511 511")
    type_text(receipt.bank_bin.editor, "970405")
    type_text(receipt.account.editor, "4600201008899")
    type_text(receipt.beneficiary.editor, "UBND PHUONG TAY NHA TRANG")
    type_text(receipt.bank_name.editor, "Agribank")
    shots.shoot("wizard-6-receipt")

    accounts = next_step(6)
    fill = (
        (accounts.staff, "Trần Thị Bích", "4821"),
        (accounts.technician, "Lê Văn Kỹ", "7306"),
    )
    for group, name, pin in fill:
        type_text(group.name.editor, name)
        type_text(group.pin.editor, pin)
        type_text(group.again.editor, pin)
    shots.shoot("wizard-7-accounts", top=accounts.staff.heading)

    finish = next_step(7)
    pump_until(lambda: "Tây Nha Trang" in finish.summary_text.text())
    click(wizard.next_button)
    pump_until(lambda: finish.report is not None, timeout_s=90)
    shots.shoot("wizard-8-finish", reveal=finish.result)
    wizard.steps[7].scroller.verticalScrollBar().setValue(10_000)
    shots.shoot("wizard-8-finish-checks")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="%(default)s")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("wizard-*.png"):
        old.unlink()
    from kiosk.simulator import start_simulator
    from tests.printing.printer_emulator import PrinterEmulator

    with tempfile.TemporaryDirectory(prefix="kiosk-wizard-") as root:
        use_throwaway_home(Path(root))
        with (
            start_simulator(Path(root) / "province", clients=[(CLIENT_ID, SECRET)]) as sim,
            PrinterEmulator(lifetime=600) as printer,
        ):
            window = build_window()
            shots = Shooter(window, args.out)
            try:
                run_wizard(window, shots, sim.base_url, printer.port)
            finally:
                window.home()
                pump_until(lambda: window.state.tasks.running == 0)
                window.exit_allowed = True
                window.close()
    print(f"{len(shots.made)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
