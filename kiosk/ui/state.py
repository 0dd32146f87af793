"""What every screen shares: the opened data home, the sync engine, the print queue, the
background tasks, the core-event bridge, who is logged in, the language and when the current
resident began.

Opening happens on the ``db`` worker: the window paints first, then fills in. Whatever is
missing (keyring, data home, printer, network) becomes a plain sentence in ``problems``
instead of a crash.
"""

from __future__ import annotations

import gc
import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.events import EventBus
from kiosk.ui.bridge import CoreBridge
from kiosk.ui.i18n import set_language, text, translate
from kiosk.ui.notice_watch import NoticeWatch
from kiosk.ui.relay_watch import RelayWatch
from kiosk.ui.tasks import Tasks

if TYPE_CHECKING:  # the core is imported on the db worker, after the first paint
    from kiosk.printing.queue import PrintQueue
    from kiosk.services.context import Kiosk
    from kiosk.services.users import UserView
    from kiosk.sync.engine import SyncEngine
    from kiosk.sync.shared import RelayStatus

log = logging.getLogger(__name__)
WAITING_STATES = ("pending", "unknown", "in_flight")
HOUSEKEEPING_MS = 3_600_000  # hourly: housekeeping.run_due decides what is due


@dataclass
class Opened:
    kiosk: Kiosk
    engine: SyncEngine | None
    printer: PrintQueue | None
    counts: dict[str, int]
    relay: RelayStatus  # what the relay (this app's engine, or the sync daemon) last said
    problems: list[str] = field(default_factory=list)


def failure_detail(error: BaseException, language: str) -> str:
    """Why the data home did not open, in the core's own words where it has them (a settings
    file's wrong line, a missing data key: written for a person), else the kind of error for
    the technician's phone call."""
    vi, en = getattr(error, "message", None), getattr(error, "message_en", None)
    if isinstance(vi, str) and vi:  # SettingError, SettingsFileError: Vietnamese and English
        return text(vi, en if isinstance(en, str) and en else vi, language)
    try:
        from kiosk.services.context import KioskOpenError
    except ImportError:  # what failed may be that very import
        return type(error).__name__
    if isinstance(error, KioskOpenError):  # Vietnamese, then English in brackets
        return str(error)
    return type(error).__name__


def open_everything(bus: EventBus, start_workers: bool) -> Opened:
    """Runs on the db worker: data home, catalogue index, sync engine, print worker.

    The core (SQLAlchemy, Alembic, requests, reportlab…) is imported here, on the worker, so
    that the window paints before any of it is loaded.
    """
    from kiosk import logs, paths
    from kiosk.printing.queue import PrintQueue
    from kiosk.services import catalog
    from kiosk.services.context import Kiosk
    from kiosk.services.queue import view as queue_view
    from kiosk.sync.engine import AlreadyRelaying, SyncEngine
    from kiosk.sync.shared import read_status

    logs.setup(paths.layout().logs)  # first: a failed open is logged too (as the CLI's)
    kiosk = Kiosk.open()
    catalog.ensure_loaded(kiosk)
    catalog.index(kiosk)
    problems: list[str] = []
    engine: SyncEngine | None = SyncEngine(kiosk, bus=bus)
    printer = PrintQueue(kiosk, bus)
    if start_workers:
        try:
            engine.start()  # type: ignore[union-attr]
        except AlreadyRelaying:
            engine = None  # the sync daemon relays this data home
        if not printer.start():
            printer = PrintQueue(kiosk, bus)  # another process prints; we only submit
    if kiosk.settings.get_str("printer.uri") == "none":
        problems.append("printer")
    counts = queue_view(kiosk, limit=0).counts
    return Opened(kiosk, engine, printer, counts, read_status(kiosk), problems)


REFUSING_ALERTS = ("AuthFailed", "KioskDisabled")  # the engine's alerts that stop sending


class AppState(QObject):
    opened = Signal()
    open_failed = Signal(str)
    user_changed = Signal(object)  # UserView | None
    language_changed = Signal(str)
    status_changed = Signal()
    settings_changed = Signal()  # a technician saved settings: re-read what applies live

    def __init__(self, parent: QObject | None = None, *, start_workers: bool = True) -> None:
        super().__init__(parent)
        self.tasks = Tasks(self)
        self.bridge = CoreBridge(self)
        self.bus = EventBus()
        self.bridge.attach(self.bus)
        self.start_workers = start_workers
        self.kiosk: Kiosk | None = None
        self.engine: SyncEngine | None = None
        self.printer: PrintQueue | None = None
        self.user: UserView | None = None
        self.language = "vi"
        # when the current resident began (seconds since the epoch): the scanner folder's files
        # that arrived before are an earlier resident's, never offered to a resident alone
        self.resident_since = 0.0
        self.online: bool | None = None
        # the province refuses this kiosk (its secret, or the kiosk disabled): the alert's
        # words, kept until an exchange goes through (the engine says it again each try)
        self.refused: str | None = None
        self.counts: dict[str, int] = {}
        self.last_exchange: datetime | None = None
        self.problems: list[str] = []
        self.open_error: str | None = None  # what the home screen says if opening failed
        self._housekeeping = QTimer(self)
        self._housekeeping.timeout.connect(self.housekeeping)
        self.bridge.outbox_changed.connect(self._on_counts)
        self.bridge.connectivity_changed.connect(self._on_online)
        self.bridge.exchanged.connect(self._on_exchange)
        self.bridge.alert.connect(self._on_alert)
        self.relay_watch = RelayWatch(self.tasks, self.bridge, self.bus)
        self.relay_watch.took_over.connect(self._took_over)
        self.notices = NoticeWatch(self.tasks, self.bridge, self)  # home's cards, the red bar

    # --- opening ---------------------------------------------------------------------------

    def open(self) -> None:
        self.tasks.run(
            lambda: open_everything(self.bus, self.start_workers), self._opened, self._failed
        )

    def _opened(self, result: Opened) -> None:
        # What is alive now (modules, the search index, the window) lives as long as the app:
        # out of the cyclic collector's reach, a full collection no longer walks its ~140k
        # objects while holding the interpreter (~75 ms of a frozen touch screen each time,
        # e.g. in the middle of a drain). Once, at opening: collected first, so no garbage is
        # kept for ever.
        gc.collect()
        gc.freeze()
        self.kiosk, self.engine, self.printer = result.kiosk, result.engine, result.printer
        self.counts, self.problems = result.counts, result.problems
        self.last_exchange = result.relay.last_exchange_at
        self.set_language(self.kiosk.settings.get_str("ui.language"))
        if self.engine is not None and self.start_workers:  # else the sync daemon does it
            self._housekeeping.start(HOUSEKEEPING_MS)
        elif self.start_workers:  # the sync daemon relays: what it says, from the database
            self.online = result.relay.online
            self.relay_watch.start(self.kiosk, result.relay)
        self.notices.start(self.kiosk)
        self.opened.emit()
        self.status_changed.emit()

    @property
    def relayed_elsewhere(self) -> bool:
        """Another process (the sync daemon) relays this data home; this app watches it."""
        return self.engine is None and self.relay_watch.watching

    def _took_over(self, engine: SyncEngine) -> None:
        """The other relay stopped: this app relays from now on (and does the housekeeping)."""
        log.info("the other relay stopped: this app relays now")
        self.engine, self.online = engine, None
        self._housekeeping.start(HOUSEKEEPING_MS)
        self.status_changed.emit()

    def housekeeping(self) -> None:
        """Retention purge, sweeps and the daily backup, when due — on their own ``upkeep``
        lane: a backup zip of the papers takes seconds to minutes, and a resident's save on
        the ``db`` lane must not queue behind it. Running beside the saves is what the sync
        daemon's housekeeping already does from its own process: every write is a short
        ``BEGIN IMMEDIATE`` transaction (``busy_timeout`` waits for the other writer), the
        backup's SQLite copy is a WAL reader (it blocks no writer), and files a save may
        reference are deleted through the group-commit writer under its lock."""
        kiosk = self.kiosk
        if kiosk is not None:
            from kiosk.services import housekeeping

            self.tasks.run(lambda: housekeeping.run_due(kiosk), lane="upkeep")

    def _failed(self, error: BaseException) -> None:
        log.error("could not open the data home", exc_info=error)
        message = translate(
            "AppState",
            "Không mở được dữ liệu của điểm hỗ trợ. Hãy gọi kỹ thuật viên. Chi tiết: {detail}",
        ).format(detail=failure_detail(error, self.language))
        self.open_error = message
        self.open_failed.emit(message)

    def close(self) -> None:
        self._housekeeping.stop()
        self.relay_watch.stop()
        if self.engine is not None:
            self.engine.stop(timeout=5)
        if self.printer is not None and self.printer.is_worker:
            self.printer.stop(timeout=2)
        self.bridge.detach()
        self.tasks.shutdown()

    # --- who, which language ---------------------------------------------------------------

    def set_user(self, user: UserView | None) -> None:
        self.user = user
        self.user_changed.emit(user)

    def has_role(self, *roles: str) -> bool:
        return self.user is not None and self.user.role in roles

    @property
    def actor(self) -> str:
        """Who saves: the volunteer's code, or ``resident`` for self-service."""
        return self.user.code if self.user is not None else "resident"

    @property
    def home_language(self) -> str:
        """The kiosk's own language (``ui.language``: Vietnamese unless a technician chose
        otherwise). Every resident's session starts in it; English is a resident's choice."""
        kiosk = self.kiosk
        return kiosk.settings.get_str("ui.language") if kiosk is not None else "vi"

    def new_resident(self) -> None:
        """The screen was wiped (idle, a crash): whoever touches it next is someone else."""
        self.resident_since = time.time()

    def set_language(self, language: str) -> None:
        self.language = set_language(language)
        self.language_changed.emit(self.language)

    def text(self, vi: str, en: str) -> str:
        return en if self.language == "en" else vi

    # --- status strip ----------------------------------------------------------------------

    @property
    def waiting(self) -> int:
        return sum(self.counts.get(state, 0) for state in WAITING_STATES)

    def _on_counts(self, counts: dict[str, int]) -> None:
        self.counts = dict(counts)
        self.status_changed.emit()

    def record_saved(self) -> None:
        """A record was saved: the strip's "waiting" count is read again (the relay tells it
        only after a drain, and an offline kiosk does not drain: the count stayed 0 while the
        records piled up). On the ``db`` lane, after the save it follows."""
        kiosk = self.kiosk
        if kiosk is None:
            return

        def read() -> dict[str, int]:
            from kiosk.services.queue import view as queue_view

            return queue_view(kiosk, limit=0).counts

        self.tasks.run(read, self._on_counts, lambda _error: None)

    def _on_online(self, online: bool) -> None:
        self.online = online
        self.status_changed.emit()

    def _on_exchange(self, at: str) -> None:
        self.last_exchange = datetime.fromisoformat(at).astimezone(UTC)
        self.online, self.refused = True, None
        self.status_changed.emit()

    def _on_alert(self, data: dict[str, Any]) -> None:
        if data.get("code") in REFUSING_ALERTS:  # shown once on a dashboard, then hidden:
            self.refused = str(data.get("message") or data["code"])  # now kept in view
            self.status_changed.emit()

    def send_now(self) -> None:
        """ "Gửi ngay": to this app's engine, or to the sync daemon through the wake file."""
        if self.engine is not None:
            self.engine.send_now()
        elif self.kiosk is not None and self.relayed_elsewhere:
            from kiosk.sync.shared import ask_to_send

            kiosk = self.kiosk
            self.tasks.run(lambda: ask_to_send(kiosk), lane="files")

    def require_kiosk(self) -> Kiosk:
        if self.kiosk is None:
            raise RuntimeError("the data home is not open yet")
        return self.kiosk

    def describe(self) -> dict[str, Any]:
        return {"online": self.online, "waiting": self.waiting, "user": self.actor}
