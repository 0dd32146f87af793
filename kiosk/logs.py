"""Logging: one rotating file in the data home's log dir, never personal data or secrets.

Every record passes a redaction filter that masks ID-number and phone-looking digit runs, as a
last line of defence: code logs ids and receipt codes, never names, numbers or addresses.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from kiosk.domain.masking import redact_text

_SECRETS = re.compile(r"(?i)(secret|password|token|pin|authorization)(\W{1,3})(\S+)")


def redact(text: str) -> str:
    """Mask ID numbers, phones and e-mails (domain rules) and anything after a secret's name."""
    return _SECRETS.sub(lambda m: f"{m.group(1)}{m.group(2)}***", redact_text(text))


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg, record.args = redact(message), None
        return True


def setup(log_dir: Path, level: int = logging.INFO) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "kiosk.log"
    root = logging.getLogger()
    for existing in list(root.handlers):
        if getattr(existing, "_kiosk", False):
            root.removeHandler(existing)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path
