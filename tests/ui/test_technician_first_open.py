"""The technician screen's first opening keeps the GUI thread only for its widgets: what the
printer test page needs (reportlab and its fonts, ~170 ms to import and register) is loaded
on the print worker when a test page is asked for, not when the screen opens (the test page
itself: ``test_technician.py::test_printer_test_page_reaches_a_file_printer``).

Measured in a fresh interpreter (this one has imported everything already): the real window
offscreen on this test's data home, a technician logged in, then ``go("technician")``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIRST_OPEN = r"""
import json, os, sys, time
from PySide6.QtWidgets import QApplication
from kiosk.services import users
from kiosk.ui import theme
from kiosk.ui.main_window import MainWindow
from kiosk.ui.state import AppState

app = QApplication(sys.argv[:1])
theme.apply(app)
state = AppState(start_workers=False)
window = MainWindow(state)
window.resize(1366, 768)
window.show()
state.open()

def pump(done):
    end = time.monotonic() + 60
    while not done():
        if time.monotonic() > end:
            raise TimeoutError
        app.processEvents()
        time.sleep(0.005)

pump(lambda: state.kiosk is not None)
pump(lambda: state.tasks.running == 0)
users.add_user(state.kiosk, "KTV01", "Lê Văn Cường", "technician", "2468")
state.set_user(users.login(state.kiosk, "KTV01", "2468"))
pump(lambda: state.tasks.running == 0)
before = set(sys.modules)
started = time.perf_counter()
window.go("technician")
app.processEvents()
took = time.perf_counter() - started
imported = sorted(set(sys.modules) - before)
pump(lambda: state.tasks.running == 0)
window.exit_allowed = True
window.close()
print(json.dumps({"ms": round(took * 1000), "imported": imported}))
"""
HEAVY = ("reportlab", "kiosk.printing.pdf_render", "kiosk.printing.service", "PIL")


def test_the_first_opening_loads_nothing_for_printing_on_the_gui_thread(home: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_OPEN],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    heavy = [m for m in measured["imported"] if m.split(".")[0] in HEAVY or m in HEAVY]
    assert heavy == [], f"opened in {measured['ms']} ms, importing {heavy[:8]}"
