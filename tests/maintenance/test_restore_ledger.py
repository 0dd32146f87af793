"""The purge ledger travels with the backups: a restore on a new PC purges again what was
purged after the backup (known from a newer backup beside it), and items the province held
when they were purged get that state back instead of being withdrawn."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

from kiosk import paths
from kiosk.services import backup, purge, retention, subject
from kiosk.services.context import Kiosk
from kiosk.services.restore import restore
from kiosk.store.db import read_session
from kiosk.store.models import ItemState, OutboxItem
from kiosk.store.outbox import WITHDRAWN, WITHDRAWN_IN_DOUBT
from tests.maintenance.conftest import (
    RARE_NAMES,
    accept,
    days_ago,
    make_person,
    payload_values,
    save_person,
)


def _items(kiosk: Kiosk, record_ids: set[str]) -> dict[str, OutboxItem]:
    """record id → its item (each record here has one)."""
    with read_session(kiosk.engine) as session:
        rows = session.query(OutboxItem).filter(OutboxItem.record_id.in_(record_ids)).all()
        session.expunge_all()
    return {item.record_id: item for item in rows}


def test_restore_on_a_new_pc_purges_what_a_newer_backup_beside_it_knows(
    kiosk: Kiosk, rng: random.Random, tmp_path: Path
) -> None:
    """A resident's unsent dossier is withdrawn on request after the technician's USB backup;
    a later backup goes to the same drive; the PC dies and the older backup is restored on a
    new one (no ledger there): the withdrawn data must not come back, nor be sent."""
    person = save_person(kiosk, rng, make_person(rng, RARE_NAMES[6]), tmp_path / "p")
    usb = tmp_path / "usb"
    older = backup.create_backup(kiosk, usb)
    subject.purge_subject(kiosk, person.cccd, "KTV01", force=True)
    newer = backup.create_backup(kiosk, usb)
    kiosk.close()
    with zipfile.ZipFile(newer.path) as archive:
        assert backup.LEDGER_MEMBER in archive.namelist()
    new_home = tmp_path / "new-pc"
    result = restore(paths.HomeLayout(new_home), older.path, actor="KTV01")
    assert result.purged_again == len(person.record_ids()) == 4
    assert result.ledger_lines_added == 1
    restored = Kiosk.open(new_home)
    try:
        values = payload_values(restored)
        assert all(not values[i] for i in person.record_ids())
        items = _items(restored, person.record_ids())
        assert {i.state for i in items.values()} == {ItemState.SUPERSEDED.value}
        assert {i.last_error for i in items.values()} == {WITHDRAWN}
    finally:
        restored.close()


def test_reapplied_purge_gives_back_what_the_province_held(
    home: Path, kiosk: Kiosk, rng: random.Random, tmp_path: Path
) -> None:
    """A backup holds every item unsent. Afterwards the province accepts a dossier (purged by
    retention 40 days on) and the payment depending on it; another resident withdraws while
    their registration's answer is unknown. Restoring the backup must not mark the accepted
    dossier "withdrawn before the province accepted it" (its payment would wait for ever),
    and the registration stays in doubt, to be asked about."""
    first = save_person(kiosk, rng, make_person(rng, RARE_NAMES[3]), tmp_path / "a")
    second = save_person(kiosk, rng, make_person(rng, RARE_NAMES[4]), tmp_path / "b")
    made = backup.create_backup(kiosk)
    dossier, payment, _ = first.records
    accept(kiosk, [dossier.id, *(r.id for r in dossier.linked)], days_ago(40))
    accept(kiosk, [payment.id], days_ago(5))
    registration = second.records[2]
    accept(kiosk, [registration.id], days_ago(0), state=ItemState.UNKNOWN.value)
    assert retention.purge_due(kiosk).records == 2  # the dossier and its postal registration
    subject.purge_subject(kiosk, second.cccd, "KTV01", force=True)
    layout = kiosk.layout
    kiosk.close()
    result = restore(layout, made.path, actor="KTV01")
    assert result.purged_again == 2 + 4
    restored = Kiosk.open(home)
    try:
        items = _items(restored, first.record_ids() | second.record_ids())
    finally:
        restored.close()
    accepted = items[dossier.id]
    assert (accepted.state, accepted.last_error) == (ItemState.ACCEPTED.value, None)
    assert accepted.payload_enc is None
    waiting = items[payment.id]  # pending in the backup; sent again, the province says duplicate
    assert waiting.state == ItemState.PENDING.value and waiting.depends_on == accepted.id
    doubted = items[registration.id]
    assert doubted.state == ItemState.SUPERSEDED.value
    assert doubted.last_error == WITHDRAWN_IN_DOUBT and doubted.doubt_since is not None
    others = [items[r.id] for r in (second.records[0], second.records[1])]
    assert {(i.state, i.last_error) for i in others} == {(ItemState.SUPERSEDED.value, WITHDRAWN)}


def test_ledger_lines_of_older_versions_still_read(tmp_path: Path) -> None:
    """Lines written before items were kept (records only) and damaged lines are read."""
    text = (
        '{"at": "2026-11-01T00:00:00+00:00", "action": "retention.purge", "records": ["a"]}\n'
        "{not json\n"
        '{"at": "x", "action": "subject.purge", "records": ["b"], '
        '"items": {"accepted": ["i1"], "in_doubt": ["i2"], "bogus": ["i3"]}}\n'
    )
    ledger = purge.Ledger.parse(text)
    assert ledger.records == {"a", "b"}
    assert ledger.items == {"i1": "accepted", "i2": purge.IN_DOUBT}
    assert purge.merge_ledger(tmp_path, text) == 3
    assert purge.merge_ledger(tmp_path, text) == 0  # the same lines are not added twice
