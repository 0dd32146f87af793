"""Group commit: saves that arrive together share one durable COMMIT.

Each save hands its writes to :class:`GroupCommit` as a *unit* (a function of the SQLite
connection). The first caller in line becomes the *leader*: it takes the units waiting in line
(up to ``max_group``, first come first served), runs each inside its own ``SAVEPOINT`` of one
``BEGIN IMMEDIATE`` transaction, then COMMITs once — one WAL fsync for the whole group.

- A caller returns (or raises its own unit's error) only **after** that COMMIT: what a caller is
  told is saved is on disk (WAL, ``synchronous=FULL``).
- A unit that raises is rolled back to its savepoint; the other units of the group are not
  touched, so each save stays all-or-nothing on its own.
- If the transaction itself fails (the COMMIT, or an error that ends the transaction), every
  unit of the group fails with that error and nothing of the group is written.

One caller at a time (a volunteer at the touchscreen) leads its own group of one on its own
thread: no hand-off, the same single transaction as a plain write. Units arriving while a
group commits wait and go together in the next one — several threads saving at once, or one
caller handing over many units (:meth:`GroupCommit.run_all`, the paper-form import).

The scheme is LevelDB's writer queue (``DBImpl::Write``); the serialised single writer of
Home Assistant's recorder plays the same part there.
"""

from __future__ import annotations

import copy
import logging
import sqlite3
import threading
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from sqlalchemy import Engine

from kiosk.store.db import dbapi

log = logging.getLogger(__name__)

T = TypeVar("T")
Unit = Callable[[sqlite3.Connection], T]
MAX_GROUP = 64  # units in one transaction at most: bounds its WAL size and lock time


class GroupAborted(RuntimeError):
    """The group's transaction ended without a COMMIT: nothing of this save was written."""


class ReentrantWrite(RuntimeError):
    """A unit asked for another group write from inside the group (it would wait for itself)."""


@dataclass(eq=False)
class Outcome(Generic[T]):
    """A unit's result or its error, known once its group has committed (or failed)."""

    unit: Unit[T]
    value: T | None = None
    error: BaseException | None = None
    done: bool = field(default=False)

    def result(self) -> T:
        if self.error is not None:
            raise self.error
        return self.value  # type: ignore[return-value]  # set by the unit when no error


@dataclass
class GroupStats:
    groups: int = 0  # transactions committed or failed
    units: int = 0  # units run in them
    largest: int = 0  # most units in one group


class GroupCommit:
    """The one write path of the save: units in line, one transaction per group."""

    def __init__(self, engine: Engine, max_group: int = MAX_GROUP) -> None:
        if max_group < 1:
            raise ValueError("max_group must be at least 1")
        self._engine = engine
        self._max = max_group
        self._cond = threading.Condition()
        self._line: deque[Outcome[object]] = deque()
        self._leader: int | None = None  # thread id of the caller running a group
        self.stats = GroupStats()

    @property
    def waiting(self) -> int:
        """Units in line, not yet taken by a group."""
        with self._cond:
            return len(self._line)

    def run(self, unit: Unit[T]) -> T:
        """Run one unit; return its value once its group has committed, or raise its error."""
        (outcome,) = self.run_all([unit])
        return outcome.result()

    def run_all(self, units: Sequence[Unit[T]]) -> list[Outcome[T]]:
        """Run the units in order, each in its own savepoint; outcomes in the same order.

        Returns once every unit's group has committed (or failed): read each outcome's
        ``result()``. Units beyond ``max_group`` go in the following groups.
        """
        mine: list[Outcome[T]] = [Outcome(unit) for unit in units]
        if not mine:
            return mine
        me = threading.get_ident()
        with self._cond:
            if self._leader == me:
                raise ReentrantWrite("a save cannot start another save inside its transaction")
            self._line.extend(mine)  # type: ignore[arg-type]  # Outcome is invariant in T
            try:
                while not mine[-1].done:  # first in, first out: the last done means all done
                    if self._leader is not None:
                        self._cond.wait()
                        continue
                    self._lead(me)
            except BaseException:  # interrupted: what is still in line is not saved later
                self._withdraw(mine)
                raise
        return mine

    def _lead(self, me: int) -> None:
        """Take a group from the head of the line and commit it (called holding the lock)."""
        self._leader = me
        group = [self._line.popleft() for _ in range(min(self._max, len(self._line)))]
        self._cond.release()
        try:
            self._commit(group)
        finally:
            self._cond.acquire()
            for outcome in group:
                outcome.done = True
            self._leader = None
            self._cond.notify_all()

    def _withdraw(self, mine: Sequence[Outcome[T]]) -> None:
        """The caller's units still in line leave it, failed (called holding the lock)."""
        in_line = {id(outcome) for outcome in self._line}
        leaving = {id(outcome) for outcome in mine if id(outcome) in in_line}
        if not leaving:
            return
        self._line = deque(outcome for outcome in self._line if id(outcome) not in leaving)
        for outcome in mine:
            if id(outcome) in leaving:
                outcome.error = GroupAborted("the save was interrupted before its turn")
                outcome.done = True
        self._cond.notify_all()

    def _commit(self, group: list[Outcome[object]]) -> None:
        self.stats.groups += 1
        self.stats.units += len(group)
        self.stats.largest = max(self.stats.largest, len(group))
        committed = False
        try:
            with self._engine.connect() as conn:
                conn.execution_options(sqlite_begin="IMMEDIATE")
                with conn.begin():
                    db = dbapi(conn)
                    if len(group) == 1:  # alone: its transaction is its savepoint
                        _run_alone(db, group[0])
                    else:
                        for outcome in group:
                            _run_unit(db, outcome)
                committed = True  # COMMIT returned: on disk, whatever happens next
        except Exception as exc:
            if committed:  # e.g. giving the connection back: the saves stand
                log.warning("after a commit: %s", type(exc).__name__)
                return
            cause = exc.__cause__ if isinstance(exc, _TransactionLost) else exc
            if any(outcome.error is None for outcome in group):  # not only a refused save
                log.warning("%d save(s) not committed: %s", len(group), type(cause).__name__)
            _fail(group, cause or exc)
        except BaseException:  # the leader itself is interrupted: the others must not hang
            if not committed:
                _fail(group, GroupAborted("the save was interrupted before its commit"))
            raise


def _fail(group: list[Outcome[object]], error: BaseException) -> None:
    """Nothing of the group was written: every unit fails with the group's error (a unit's own
    refusal may have come from a neighbour's rows, which were not written either)."""
    for outcome in group:
        outcome.value = None
        outcome.error = _own_copy(error)


def _own_copy(error: BaseException) -> BaseException:
    """The group's error for one caller: each caller raises its own exception object (one
    object raised in several threads at once would mix their tracebacks in the logs), with
    the leader's traceback and cause."""
    try:
        mine = copy.copy(error)
    except Exception:  # an exception that cannot be copied: shared, as before
        return error
    mine.__cause__, mine.__context__ = error.__cause__, error.__context__
    mine.__suppress_context__ = error.__suppress_context__
    return mine.with_traceback(error.__traceback__)


class _TransactionLost(Exception):
    """An error inside a unit ended the whole transaction (SQLite rolled it back)."""


def _run_alone(db: sqlite3.Connection, outcome: Outcome[object]) -> None:
    try:
        outcome.value = outcome.unit(db)
    except Exception as exc:
        outcome.error = exc  # its own refusal; raised on to roll its transaction back
        raise


def _run_unit(db: sqlite3.Connection, outcome: Outcome[object]) -> None:
    db.execute("SAVEPOINT save_unit")
    try:
        outcome.value = outcome.unit(db)
    except Exception as exc:
        outcome.error = exc
        if not db.in_transaction:  # e.g. SQLITE_FULL: SQLite rolled back the whole group
            raise _TransactionLost from exc
        # a cursor left half-read in the unit's frames would keep a statement running, and
        # RELEASE would then fail the whole group: the traceback keeps its lines, not locals
        traceback.clear_frames(exc.__traceback__)
        db.execute("ROLLBACK TO save_unit")
        db.execute("RELEASE save_unit")
    else:
        db.execute("RELEASE save_unit")
