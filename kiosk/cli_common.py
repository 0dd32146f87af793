"""What every group of ``kiosk`` commands shares: opening the data home for a command, and
printing JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from kiosk.services.context import Kiosk


def open_kiosk() -> Kiosk:
    """The data home (``KIOSK_HOME``) with its logs set up; a bilingual message, not a
    traceback, when it cannot be opened."""
    from kiosk import logs
    from kiosk.services.context import Kiosk, KioskOpenError

    try:
        kiosk = Kiosk.open()
    except KioskOpenError as exc:
        raise click.ClickException(str(exc)) from None
    logs.setup(kiosk.layout.logs)
    return kiosk


def echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))
