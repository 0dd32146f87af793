"""Starting the touch app: the normal data home, or ``--demo`` on a throwaway one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kiosk import paths


def prepare_demo_home() -> Path:
    """A throwaway data home with the bundled catalogue and a few sample records."""
    home = Path(tempfile.mkdtemp(prefix="kiosk-demo-"))
    paths.set_home(home)
    os.environ.setdefault("KIOSK_KEYRING", f"file:{home / 'demo-keyring.cfg'}")
    from kiosk.services import catalog
    from kiosk.services.context import Kiosk
    from kiosk.services.demo import seed

    kiosk = Kiosk.open(home)
    catalog.ensure_loaded(kiosk)
    seed(
        kiosk,
        {"dossier": 3, "payment": 2, "registration": 2, "feedback": 1, "visit": 3},
        7,
        lambda _saved: None,
    )
    kiosk.close()
    return home


def run_app(demo: bool = False) -> int:
    if demo:
        prepare_demo_home()
    from kiosk.ui.app import main

    return main()
