"""Where the team's shared data lives: ``shared/`` beside the repository (as in CI), or
``KIOSK_SHARED_DIR``."""

from __future__ import annotations

import os
from pathlib import Path

SHARED = Path(os.environ.get("KIOSK_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
TTHC = SHARED / "data" / "tthc"
