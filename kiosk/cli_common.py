"""What every group of ``kiosk`` commands shares: opening the data home for a command, and
printing JSON."""

from __future__ import annotations

import getpass
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from kiosk.services.context import Kiosk

log = logging.getLogger(__name__)


class NoDataHome(click.ClickException):
    """A command that reads a kiosk's data was pointed at a folder holding none (exit 2)."""

    exit_code = 2


def open_kiosk(*, create: bool = False) -> Kiosk:
    """The data home (``KIOSK_HOME``) with its logs set up; a bilingual message, not a
    traceback, when it cannot be opened. Only the commands that set a kiosk up (``create``)
    make a new one: a mistyped ``--home`` must not answer "nothing waiting" from an empty
    kiosk made on the spot."""
    from kiosk import logs, paths
    from kiosk.services.context import Kiosk, KioskOpenError
    from kiosk.settings import SettingsFileError
    from kiosk.store.migrate import MigrationFailed

    layout = paths.layout()
    if not create and not layout.database.exists():
        raise NoDataHome(
            f"Không có dữ liệu kiosk ở {layout.root}: sai đường dẫn --home / KIOSK_HOME, hoặc "
            "máy chưa được cài đặt (chạy `kiosk setup`). Không tạo gì mới. (No kiosk data "
            "there: check --home / KIOSK_HOME, or run `kiosk setup`. Nothing was created.)"
        )
    try:
        log_file: Path | None = logs.setup(layout.logs)  # a failed open is logged too
    except OSError:
        log_file = None
    try:
        return Kiosk.open(layout.root)
    except (KioskOpenError, MigrationFailed, SettingsFileError) as exc:
        log.error("cannot open the data home: %s", type(exc).__name__)
        raise click.ClickException(str(exc)) from None
    except Exception as exc:  # a damaged database or keyring file…: said, not a traceback
        if log_file is not None:  # else Python's last-resort handler would print a traceback
            log.exception("cannot open the data home")
        if isinstance(exc, OSError):
            raise click.ClickException(
                f"Không tạo hoặc mở được thư mục dữ liệu {layout.root}: {exc.strerror}. Hãy "
                "kiểm tra đường dẫn (--home / KIOSK_HOME) và quyền ghi. (Cannot create or open "
                "the data home.)"
            ) from None
        where = f" Chi tiết trong nhật ký: {log_file}." if log_file else ""
        raise click.ClickException(
            f"Không mở được dữ liệu của kiosk ({type(exc).__name__}).{where} Hãy chạy "
            "`kiosk doctor` hoặc gọi kỹ thuật viên. (The data home cannot be opened; run "
            "`kiosk doctor`.)"
        ) from None


def read_secret(prompt: str, *, twice: bool = False) -> str:
    """A PIN or secret: from a pipe, its first line; typed at a terminal, asked for without
    showing it (and, for a new one, ``twice``: a typo is caught before it is stored)."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    first = getpass.getpass(f"{prompt}: ").strip()
    if twice and getpass.getpass("Nhập lại để kiểm tra (again): ").strip() != first:
        raise click.ClickException("Hai lần nhập không giống nhau; chưa lưu gì. (They differ.)")
    return first


def existing_folder(folder: Path) -> Path:
    """``folder`` if it is there; a USB drive not plugged in, or a typo, is said, not made
    (a backup would land on the internal disk under the drive's name)."""
    if not folder.is_dir():
        raise click.ClickException(
            f"Không có thư mục {folder}: ổ USB đã cắm chưa, đường dẫn có đúng không? Không tạo "
            f"thư mục mới. (No such folder: is the USB drive plugged in? Nothing was created.)"
        )
    return folder


_JSON_CHUNK = 1 << 16  # characters written at a time


def echo_json(value: Any) -> None:
    """``value`` as indented JSON on standard output, written while it is encoded, 64 K
    characters at a time: a large report (an import of 400,000 refused lines is ~900 MB of
    JSON) is never one string in memory (that took ~10 bytes of memory per byte of output)."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, default=str)
    pieces: list[str] = []
    size = 0
    for piece in encoder.iterencode(value):
        pieces.append(piece)
        size += len(piece)
        if size >= _JSON_CHUNK:
            click.echo("".join(pieces), nl=False)
            pieces.clear()
            size = 0
    click.echo("".join(pieces))


class SyncProgress:
    """``kiosk sync --once`` on a long queue: how far it has got, on standard error, at most
    once a second (a batch is answered in well under one); ``finish`` shows the last count.
    At a terminal the line is rewritten in place; in a log, one line each time."""

    def __init__(self, every_s: float = 1.0) -> None:
        import time

        self._clock = time.monotonic
        self._every_s = every_s
        self._last = -every_s
        self._tty = sys.stderr.isatty()
        self._shown: tuple[int, int] | None = None
        self._latest: tuple[int, int] | None = None

    def __call__(self, sent: int, waiting: int) -> None:
        self._latest = (min(sent, waiting), waiting)  # an item sent again counts once here
        now = self._clock()
        if now - self._last >= self._every_s:
            self._last = now
            self._show()

    def finish(self) -> None:
        if self._latest is not None and self._latest != self._shown:
            self._show()
        if self._tty and self._shown is not None:
            click.echo(err=True)

    def _show(self) -> None:
        from kiosk.printing.money import format_number

        assert self._latest is not None
        sent, waiting = self._shown = self._latest
        line = (
            f"Đang gửi: {format_number(sent)}/{format_number(waiting)} mục "
            f"(sent {sent} of {waiting})"
        )
        click.echo(f"\r{line}" if self._tty else line, err=True, nl=not self._tty)
