"""What the process that relays a data home tells the other processes on it, and back.

The touch app and ``kiosk sync --daemon`` may both run on one data home; the one that holds
``relay.lock`` relays. At boot the daemon usually gets there first, and the app, opened at
login, then relays nothing: the relay's events (:mod:`kiosk.sync.events`) stay inside the
daemon. So the relay keeps what it knows of the province in ``meta`` — whether the province
answered, when it last exchanged — for the other process to read (:func:`read_status`), and a
volunteer's "Gửi ngay" on the app travels the other way: the app touches ``sync.wake`` in the
data home (:func:`ask_to_send`) and the relay, which looks at that file while it waits
(:class:`WakeFile`), tries at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from kiosk.services.context import Kiosk
from kiosk.store.db import read_session, write_session
from kiosk.store.models import Meta, OutboxItem
from kiosk.store.outbox import WAITING_STATES

log = logging.getLogger(__name__)
ONLINE = "sync.online"  # "1": the province answered; "0": it did not; "": nobody relays now
LAST_EXCHANGE = "sync.last_exchange_at"  # ISO 8601, UTC: the last exchange that succeeded
CHANGES = "sync.changes_at"  # ISO 8601, UTC: when statuses or notices from the province last came
CHECKED = "sync.checked_at"  # ISO 8601, UTC: when ONLINE was last set (changed, or asked for)
WAKE_FILE = "sync.wake"


@dataclass(frozen=True, slots=True)
class RelayStatus:
    online: bool | None  # None: not known (nobody relays, or not yet probed)
    checked_at: datetime | None  # when the relay last said whether the province answered
    last_exchange_at: datetime | None
    changes_at: datetime | None
    waiting: dict[str, int]  # items by state, the waiting states only


def publish(
    kiosk: Kiosk,
    *,
    online: bool | None = None,
    exchanged_at: datetime | None = None,
    changes_at: datetime | None = None,
    checked_at: datetime | None = None,
    stopped: bool = False,
) -> None:
    """The relay's view, for the other process. Never fails the relay's work: a status that
    could not be written (disk full, database busy) is logged and the exchange goes on."""
    values: dict[str, str] = {}
    if stopped:
        values[ONLINE] = ""
    elif online is not None:
        values[ONLINE] = "1" if online else "0"
    if exchanged_at is not None:
        values[LAST_EXCHANGE] = exchanged_at.isoformat()
    if changes_at is not None:
        values[CHANGES] = changes_at.isoformat()
    if checked_at is not None:
        values[CHECKED] = checked_at.isoformat()
    if not values:
        return
    try:
        with write_session(kiosk.engine) as session:
            for key, value in values.items():
                session.merge(Meta(key=key, value=value))
    except Exception as exc:  # the status is a courtesy; the queue is what matters
        log.warning("relay status not written: %s", type(exc).__name__)


def read_status(kiosk: Kiosk) -> RelayStatus:
    """What the relay last published, and the waiting items by state (an index range: the
    accepted items, most of the table, are not counted)."""
    with read_session(kiosk.engine) as session:
        rows = session.execute(
            select(Meta.key, Meta.value).where(
                Meta.key.in_((ONLINE, CHECKED, LAST_EXCHANGE, CHANGES))
            )
        ).all()
        waiting = dict.fromkeys(WAITING_STATES, 0)
        counted = session.execute(
            select(OutboxItem.state, func.count())
            .where(OutboxItem.state.in_(WAITING_STATES))
            .group_by(OutboxItem.state)
        ).all()
    waiting.update({state: n for state, n in counted})
    meta = {key: value for key, value in rows}
    online = {"1": True, "0": False}.get(meta.get(ONLINE) or "")
    return RelayStatus(
        online,
        _moment(meta.get(CHECKED)),
        _moment(meta.get(LAST_EXCHANGE)),
        _moment(meta.get(CHANGES)),
        waiting,
    )


def _moment(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:  # not ours: as if never
        return None


def ask_to_send(kiosk: Kiosk) -> None:
    """ "Gửi ngay" for the relay in another process: it sees the file change while it waits."""
    WakeFile(kiosk.layout.root).touch()


class WakeFile:
    """``sync.wake`` in the data home: each change of its modification time is one request
    to try at once. The relay looks at it between short waits (:meth:`asked`)."""

    def __init__(self, root: Path) -> None:
        self.path = root / WAKE_FILE
        self.seen = self._stamp()  # a request made before this relay started was for another

    def _stamp(self) -> int | None:
        try:
            return self.path.stat().st_mtime_ns
        except OSError:
            return None

    def touch(self) -> None:
        self.path.touch()  # an existing file gets the time of now

    def asked(self) -> bool:
        """True once for each change since the last look."""
        stamp = self._stamp()
        if stamp is None or stamp == self.seen:
            return False
        self.seen = stamp
        return True
