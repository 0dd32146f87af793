"""A busy day at the support point, built once per session and copied for each test.

``kiosk demo seed`` (the real command) saves a busy day; two users log in and out; a dossier
the province will refuse is saved; ``kiosk sync --once`` (the real command) sends everything to
the real provincial simulator on 127.0.0.1, whose first batch answer is lost (so items become
``unknown`` and are reconciled); the province then gives some dossiers their ``MaHoSo`` and
status, pulled by a second ``kiosk sync --once``; receipts are printed to a file printer
(confirmed, not out, a reprint left unconfirmed, one with no printer); finally the day is
closed with a wrong cash count. The personal data that was seeded is collected (decrypted
from the outbox) so that tests can scan every export for it.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kiosk.domain.samples import sample_payload
from kiosk.export import close_day, day_close_preview
from kiosk.export.period import local
from kiosk.printing.queue import PrintQueue
from kiosk.services import records, users
from kiosk.services.context import Kiosk
from kiosk.simulator import REFUSAL_MARKER, start_simulator
from kiosk.store import outbox
from kiosk.store.db import read_session
from kiosk.store.models import Dossier, OutboxItem, utcnow
from tests.conftest import run_cli
from tests.sync.conftest import CLIENT_ID, SECRET, connect, copy_home

BUSY_DAY = {"dossiers": 36, "payments": 30, "registrations": 14, "feedback": 8, "visits": 60}
VOLUNTEER, VOLUNTEER_PIN = "TNV01", "1357"
STAFF, STAFF_PIN = "CB01", "2468"
CASH_SHORT_BY = 20_000  # the volunteer's count is this much below the book
STATUS_DOSSIERS = 5  # dossiers the province gives a MaHoSo and a status
FAST = (0.05, 0.05, 0.05)
ID_RE = re.compile(r"^\d{12}$")
PHONE_RE = re.compile(r"^(\+84|0)\d{9}$")
ADDRESS_KEYS = {"SoNha", "DiaChiNhan"}


@dataclass(frozen=True)
class BusyDay:
    root: Path  # holds home/ and keyring.cfg
    first: date  # the Vietnam days the records were saved on
    last: date
    secrets: tuple[str, ...]  # seeded full IDs, phones (both forms) and street addresses
    ma_ho_so: tuple[str, ...]


def _personal(value: Any, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _personal(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _personal(v, key)
    elif isinstance(value, str):
        if ID_RE.match(value) or key in ADDRESS_KEYS:
            yield value
        elif PHONE_RE.match(value):
            national = value[3:] if value.startswith("+84") else value[1:]
            yield from (value, "0" + national, "+84" + national)


def seeded_secrets(kiosk: Kiosk) -> tuple[str, ...]:
    found: set[str] = set()
    with read_session(kiosk.engine) as session:
        for item in session.query(OutboxItem).all():
            found.update(_personal(outbox.wire_item(kiosk.cipher, item)["payload"]))
    return tuple(sorted(found))


def _refused_dossier(kiosk: Kiosk) -> None:
    payload = sample_payload("dossier", random.Random(99), utcnow())
    payload["TrichYeuHoSo"] = f"{REFUSAL_MARKER} hồ sơ thử"
    payload["HinhThucNhanKetQua"] = 0
    records.save_record(kiosk, "dossier", payload, VOLUNTEER)


def _prints(kiosk: Kiosk, root: Path) -> None:
    with read_session(kiosk.engine) as session:
        codes = [d.receipt_code for d in session.query(Dossier).order_by(Dossier.created_at)]
    kiosk.settings.set("printer.uri", f"file:{root / 'lp0'}")
    with PrintQueue(kiosk, backoff=FAST) as queue:
        done = [queue.wait(queue.submit(code, VOLUNTEER).id, 20) for code in codes[:4]]
        for view in done[:3]:
            queue.answer(view.id, VOLUNTEER, came_out=True)
        queue.answer(done[3].id, VOLUNTEER, came_out=False)  # did not come out: failed
        queue.wait(queue.submit(codes[0], VOLUNTEER, reprint=True).id, 20)  # never confirmed
    kiosk.settings.set("printer.uri", "none")
    with PrintQueue(kiosk, backoff=FAST) as queue:
        queue.wait(queue.submit(codes[4], VOLUNTEER).id, 20)  # no printer: failed at once


def _statuses(kiosk: Kiosk, sim: Any) -> tuple[str, ...]:
    """The province gives some accepted dossiers their MaHoSo (status 2, Được tiếp nhận)."""
    with read_session(kiosk.engine) as session:
        accepted = (
            session.query(Dossier)
            .join(OutboxItem, OutboxItem.id == Dossier.current_item_id)
            .filter(OutboxItem.state.in_(("accepted", "duplicate")))
            .order_by(Dossier.created_at)
            .limit(STATUS_DOSSIERS)
            .all()
        )
    codes = []
    for n, dossier in enumerate(accepted, start=1):
        code = f"000.00.12.H32-{local(dossier.created_at):%y%m%d}-{n:04d}"
        sim.state.publish_dossier_status(
            dossier.current_item_id, 2, ma_ho_so=code, ngay_hen_tra="20261230170000"
        )
        codes.append(code)
    return tuple(codes)


def _sync(label: str) -> dict[str, Any]:
    done = run_cli("sync", "--once", "--json")
    assert done.returncode in (0, 1), (label, done.stderr)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="session")
def busy_day(template_home: Path, tmp_path_factory: pytest.TempPathFactory) -> BusyDay:
    root = tmp_path_factory.mktemp("busy-day")
    mp = pytest.MonkeyPatch()
    try:
        home = copy_home(template_home, root, mp)
        counts = [f"--{kind}={n}" for kind, n in BUSY_DAY.items()]
        seeded = run_cli("demo", "seed", *counts, "--seed", "6")
        assert seeded.returncode == 0, seeded.stderr
        kiosk = Kiosk.open(home)
        users.add_user(kiosk, VOLUNTEER, "Nguyễn Thị Lan", "volunteer", VOLUNTEER_PIN)
        users.add_user(kiosk, STAFF, "Trần Văn Bình", "staff", STAFF_PIN)
        users.login(kiosk, VOLUNTEER, VOLUNTEER_PIN)
        _refused_dossier(kiosk)
        faults = "seed=3,reset_after_commit@batch=1:times=1"
        with start_simulator(
            root / "province", faults=faults, clients=[(CLIENT_ID, SECRET)]
        ) as sim:
            connect(kiosk, sim.base_url)
            first = _sync("send")
            assert first["reconciled"] > 0 and first["rejected"] == 1, first
            ma_ho_so = _statuses(kiosk, sim)
            assert _sync("pull")["changes"] >= STATUS_DOSSIERS
        _prints(kiosk, root)
        users.logout(kiosk, VOLUNTEER)
        with read_session(kiosk.engine) as session:
            days = [local(d.created_at).date() for d in session.query(Dossier).all()]
        first_day, last_day = min(days), max(days)
        expected = day_close_preview(kiosk, last_day).expected_cash_vnd
        assert expected > CASH_SHORT_BY, "the seed must take some cash"
        close_day(kiosk, last_day, expected - CASH_SHORT_BY, VOLUNTEER, STAFF, STAFF_PIN)
        secrets = seeded_secrets(kiosk)
        kiosk.close()
    finally:
        mp.undo()
    return BusyDay(root, first_day, last_day, secrets, ma_ho_so)


@pytest.fixture
def busy_home(busy_day: BusyDay, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the busy day's data home, set as KIOSK_HOME."""
    return copy_home(busy_day.root, tmp_path, monkeypatch)


@pytest.fixture
def busy(busy_home: Path) -> Iterator[Kiosk]:
    opened = Kiosk.open(busy_home)
    yield opened
    opened.close()
