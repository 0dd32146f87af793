"""The session log: every record, sync event, print job, login/logout, export and day close of
a period, in time order, streamed, with personal data masked."""

from __future__ import annotations

import re
import sqlite3
import types
from collections import Counter
from pathlib import Path

from kiosk.export import session_log
from kiosk.services import users
from kiosk.services.context import Kiosk
from tests.export.conftest import STATUS_DOSSIERS, VOLUNTEER, BusyDay

FULL_ID = re.compile(r"(?<![\w-])\d{12}(?![\w-])")  # not a UUID's last group


def test_one_entry_per_record_and_event_in_time_order(busy: Kiosk, busy_day: BusyDay) -> None:
    log = session_log(busy, busy_day.first, busy_day.last)
    assert isinstance(log, types.GeneratorType)  # streamed, not a list
    entries = list(log)
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    codes = Counter(e.code for e in entries)
    with sqlite3.connect(busy.layout.database) as conn:
        for kind, table in (
            ("dossier", "dossiers"),
            ("payment", "payments"),
            ("registration", "registrations"),
            ("feedback", "feedback"),
            ("visit", "visits"),
        ):
            saved = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            assert codes[f"{kind}.created"] == saved > 0, kind
        events = Counter(
            dict(
                conn.execute(
                    "SELECT 'sync.' || event, count(*) FROM sync_events GROUP BY event"
                ).fetchall()
            )
        )
    assert all(codes[code] == n for code, n in events.items()), (codes, events)
    for code in (
        "sync.sent",
        "sync.unknown",
        "sync.reconciled",
        "sync.accepted",
        "sync.rejected",
        "print.queue",
        "print.confirm",
        "print.not_out",
        "print.reprint",
        "print.failed",
        "user.login",
        "user.logout",
        "day.close",
        "dossier.status",
    ):
        assert codes[code] >= 1, code
    hidden = {
        f"{kind}.create" for kind in ("dossier", "payment", "registration", "feedback", "visit")
    } | {"sync.batch"}
    assert not hidden & set(codes)
    assert codes["user.create"] == 2


def test_entries_carry_what_the_ward_needs(busy: Kiosk, busy_day: BusyDay) -> None:
    entries = list(session_log(busy, busy_day.first, busy_day.last))
    dossiers = [e for e in entries if e.code == "dossier.created"]
    assert all(e.procedure_code and e.procedure_name and e.receipt_code for e in dossiers)
    assert all(e.actor.startswith("TNV") for e in dossiers)
    with_code = {e.ma_ho_so for e in dossiers if e.ma_ho_so}
    assert with_code == set(busy_day.ma_ho_so) and len(with_code) == STATUS_DOSSIERS
    assert {e.sync_state for e in dossiers} >= {"accepted", "rejected"}
    rejected = next(e for e in entries if e.code == "sync.rejected")
    assert rejected.record_kind == "dossier" and rejected.receipt_code
    payments = [e for e in entries if e.code == "payment.created"]
    assert all(isinstance(e.amount_vnd, int) and e.amount_vnd > 0 for e in payments)
    assert {e.method for e in payments} <= {"tien_mat", "vietqr", "the"}
    assert all(e.amount_vnd is None for e in entries if e.code != "payment.created")
    status = next(e for e in entries if e.code == "dossier.status")
    assert status.ma_ho_so in busy_day.ma_ho_so and "Được tiếp nhận" in status.detail
    reprint = next(e for e in entries if e.code == "print.reprint")
    assert reprint.receipt_code and "bản sao số 1" in reprint.detail
    close = next(e for e in entries if e.code == "day.close")
    assert "chênh lệch -20.000 ₫" in close.detail


def test_personal_data_is_masked(busy: Kiosk, busy_day: BusyDay) -> None:
    entries = list(session_log(busy, busy_day.first, busy_day.last))
    subjects = [e.subject for e in entries if e.subject]
    assert subjects and all(
        re.fullmatch(r"([^\W\d_]\.)+( \d{3}\*+\d{4})?", s) for s in subjects if s != "-"
    ), subjects[:5]
    text = "\n".join(repr(e) for e in entries)
    assert not FULL_ID.search(text)
    assert not [s for s in busy_day.secrets if s in text]


def test_period_bounds_are_vietnam_days(busy: Kiosk, busy_day: BusyDay) -> None:
    from datetime import timedelta

    before = list(
        session_log(busy, busy_day.first - timedelta(days=3), busy_day.first - timedelta(days=1))
    )
    assert not [e for e in before if e.code.endswith(".created")]
    assert all(
        e.local_at.date() >= busy_day.first
        for e in session_log(busy, busy_day.first, busy_day.last)
    )


def test_logout_is_audited_and_logged(busy: Kiosk, busy_day: BusyDay) -> None:
    users.logout(busy, VOLUNTEER, "timeout")
    last = list(session_log(busy, busy_day.last))[-1]
    assert (last.code, last.actor, last.detail) == ("user.logout", VOLUNTEER, "hết thời gian chờ")


def test_an_id_number_kept_as_an_actor_is_masked(busy: Kiosk, busy_day: BusyDay) -> None:
    """Chains written before unknown login codes were dropped may hold an ID number typed
    into the code field as the actor of a refused login: the log masks it."""
    from kiosk.store import audit
    from kiosk.store.db import write_session

    with write_session(busy.engine) as session:
        audit.append(session, "056091004321", "user.login_unknown")
    last = list(session_log(busy, busy_day.last))[-1]
    assert last.code == "user.login_unknown"
    assert last.actor and "*" in last.actor and not FULL_ID.search(last.actor)


def test_stopping_early_releases_the_snapshot(
    busy: Kiosk, busy_day: BusyDay, tmp_path: Path
) -> None:
    log = session_log(busy, busy_day.first, busy_day.last)
    first = next(log)
    log.close()
    assert first.at is not None
    users.logout(busy, VOLUNTEER)  # a write after an abandoned log is not blocked


def test_a_health_service_registrant_is_left_out(busy: Kiosk, busy_day: BusyDay) -> None:
    """Initials and a masked ID with the day and ward are near enough to one person, and
    "booked a clinic" is health data: those registrations are counted, their person is not."""
    entries = [
        e
        for e in session_log(busy, busy_day.first, busy_day.last)
        if e.code == "registration.created"
    ]
    with sqlite3.connect(busy.layout.database) as conn:
        service = dict(conn.execute("SELECT receipt_code, service FROM registrations").fetchall())
    health = [
        e for e in entries if service[e.receipt_code] in ("clinic_appointment", "vaccination")
    ]
    others = [e for e in entries if e not in health]
    assert health and others  # the busy day books both kinds
    assert all(e.subject is None for e in health)
    assert any(e.subject not in (None, "-") for e in others)
