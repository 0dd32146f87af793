"""Starting the touch app: the normal data home, or ``--demo`` on a throwaway one.

``--demo`` runs everything on this machine: a throwaway data home (local SQLite) with the
bundled catalogue and a few sample records, and the bundled provincial simulator on loopback
(demo mode: dossiers move along, notices and a storm warning are published).
"""

from __future__ import annotations

import atexit
import os
import sys
import tempfile
from pathlib import Path

from kiosk import paths

# Demo accounts (code, name, role, PIN), printed on start so that a visitor can try each role.
DEMO_USERS = (
    ("TNV01", "Nguyễn Thị Mai", "volunteer", "1357"),
    ("CB01", "Trần Văn Hùng", "staff", "2468"),
    ("KT01", "Lê Minh Tuấn", "technician", "3579"),
)


def prepare_demo_home() -> Path:
    """A throwaway data home wired to a simulator started in this process."""
    home = Path(tempfile.mkdtemp(prefix="kiosk-demo-"))
    paths.set_home(home)
    os.environ["KIOSK_KEYRING"] = f"file:{home / 'demo-keyring.cfg'}"
    from kiosk.services import catalog, users
    from kiosk.services.context import Kiosk
    from kiosk.services.demo import seed, use_demo_point
    from kiosk.simulator import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, start_simulator
    from kiosk.sync.engine import set_credentials

    simulator = start_simulator(home / "province-simulator", demo=True, demo_speed=10.0)
    atexit.register(simulator.stop)
    kiosk = Kiosk.open(home)
    kiosk.settings.set("kiosk.code", DEMO_CLIENT_ID)  # set up already: no first-run wizard
    kiosk.settings.set("server.url", simulator.base_url)
    set_credentials(kiosk, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    kiosk.settings.set("printer.uri", f"file:{home / 'demo-printer.escpos'}")  # no paper here
    use_demo_point(kiosk)
    for code, name, role, pin in DEMO_USERS:
        users.add_user(kiosk, code, name, role, pin, actor="demo")
    catalog.ensure_loaded(kiosk)
    counts = {"dossier": 3, "payment": 2, "registration": 2, "feedback": 1, "visit": 3}
    seed(kiosk, counts, 7, lambda _saved: None)
    kiosk.close()
    accounts = ", ".join(f"{role} {code}/{pin}" for code, _n, role, pin in DEMO_USERS)
    print(f"Chạy thử (demo): dữ liệu tạm ở {home}; tài khoản thử: {accounts}")
    return home


NO_SCREEN = (
    "Không có màn hình để mở ứng dụng cảm ứng (đang chạy qua SSH?). Ứng dụng chạy trên màn "
    "hình của kiosk; qua SSH hãy dùng các lệnh chữ: kiosk doctor, kiosk setup, kiosk queue. "
    "(No display: the touch app runs on the kiosk's screen; over SSH use the text commands.)"
)


def has_screen() -> bool:
    """A display Qt can open: not Linux, an X or Wayland display, or a platform chosen
    (``QT_QPA_PLATFORM``: offscreen, eglfs…). Without one Qt aborts with its own English."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def run_app(demo: bool = False, kiosk_mode: bool | None = None) -> int:
    """The touch app; full screen and frameless (kiosk mode) unless ``--demo`` or told so."""
    if not has_screen():
        print(NO_SCREEN, file=sys.stderr)
        return 2
    if demo:
        prepare_demo_home()
    from kiosk.ui.app import main

    return main(kiosk_mode=not demo if kiosk_mode is None else kiosk_mode)
