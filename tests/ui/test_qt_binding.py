"""The Qt binding itself: PySide6-Essentials 6.12.0 on Python 3.11 loses a reference to
True/None per ``Signal.emit()`` and aborts the interpreter after some hundred emits — the app
emits for every background result and core event, so the pinned version must survive many."""

from __future__ import annotations

import subprocess
import sys

PROGRAM = """
from PySide6.QtCore import QObject, Signal
class Source(QObject):
    value = Signal(object)
    flag = Signal(bool)
source = Source()
seen = []
source.value.connect(seen.append)
source.flag.connect(lambda _flag: None)
for n in range(50_000):
    source.value.emit(n)
    source.flag.emit(True)
    source.setObjectName("x")
print(len(seen))
"""


def test_fifty_thousand_emits_do_not_crash_the_interpreter() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "50000"
