"""Retention (Law 91/2025): accepted records' personal data goes after retention.days; the
session-log facts stay; nothing of the purged people is left in the DB, papers or new backups."""

from __future__ import annotations

import json
import random
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.domain.samples import sample_payload
from kiosk.printing.source import ReceiptUnavailable, load_source
from kiosk.services import backup, purge, records, retention
from kiosk.services.context import Kiosk
from kiosk.services.lookup import by_receipt_code
from kiosk.store.db import read_session
from kiosk.store.models import (
    RECORD_MODELS,
    Attachment,
    AuditEntry,
    Dossier,
    ItemState,
    OutboxItem,
    SyncEvent,
    utcnow,
)
from tests.conftest import run_cli
from tests.maintenance.conftest import (
    RARE_NAMES,
    Person,
    accept,
    days_ago,
    found_in,
    make_person,
    opened_database,
    opened_papers,
    payload_values,
    raw_bytes,
    save_person,
    seed_others,
)


def _session_log_facts(kiosk: Kiosk) -> dict[str, object]:
    """What the session log counts: records per kind with their plain facts, creation audit
    entries, sync history."""
    with read_session(kiosk.engine) as session:
        facts: dict[str, object] = {}
        for kind, model in RECORD_MODELS.items():
            rows = session.execute(select(model).order_by(model.id)).scalars().all()
            facts[kind] = [(r.id, r.receipt_code, r.created_at, r.actor) for r in rows]
        facts["dossier_facts"] = session.execute(
            select(Dossier.id, Dossier.procedure_code, Dossier.fee_total).order_by(Dossier.id)
        ).all()
        facts["creates"] = session.execute(
            select(func.count()).where(AuditEntry.action.like("%.create"))
        ).scalar()
        facts["sync_events"] = session.execute(select(func.count(SyncEvent.id))).scalar()
    return facts


def _masked(kiosk: Kiosk) -> dict[str, str]:
    """Each record's masked name and ID (dossiers, registrations) or payer (payments)."""
    found: dict[str, str] = {}
    with read_session(kiosk.engine) as session:
        for model in RECORD_MODELS.values():
            column = getattr(model, "subject_masked", None) or getattr(model, "payer_masked", None)
            if column is not None:
                found.update(dict(session.execute(select(model.id, column)).all()))
    return found


def _export_log_count(kiosk: Kiosk) -> int | None:
    """Records in the export session log (kiosk.export, #6), when that module is present."""
    try:
        from kiosk.export.session_log import session_log
    except ImportError:
        return None
    start = (utcnow() - timedelta(days=60)).date()
    return sum(1 for e in session_log(kiosk, start) if e.ref.startswith("rec:"))


@pytest.fixture
def people(kiosk: Kiosk, rng: random.Random, tmp_path: Path) -> dict[str, list[Person]]:
    """Old (accepted 40 days ago), recent (accepted 5 days ago) and waiting residents."""
    made = [save_person(kiosk, rng, make_person(rng, n), tmp_path / "papers") for n in RARE_NAMES]
    seed_others(kiosk, rng, 25)
    old, recent, waiting = made[:4], made[4:6], made[6:]
    accept(kiosk, {i for p in old for i in p.record_ids()}, days_ago(40))
    accept(kiosk, {i for p in recent for i in p.record_ids()}, days_ago(5))
    return {"old": old, "recent": recent, "waiting": waiting}


def _ids(group: list[Person]) -> set[str]:
    return {i for p in group for i in p.record_ids()}


def _values(group: list[Person]) -> set[str]:
    return {v for p in group for v in p.values()}


def test_dry_run_lists_only_accepted_past_retention_and_changes_nothing(
    home: Path, kiosk: Kiosk, people: dict[str, list[Person]]
) -> None:
    before = payload_values(kiosk)
    result = run_cli("purge", "--dry-run", "--json")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["dry_run"] and shown["days"] == 30
    assert {t["record_id"] for t in shown["targets"]} == _ids(people["old"])
    assert shown["by_kind"] == {"dossier": 4, "payment": 4, "registration": 8}
    assert shown["files"] == 4  # each old dossier's scanned paper
    assert not found_in(_values(people["old"]), result.stdout.encode())  # codes, no people
    assert payload_values(kiosk) == before
    text = run_cli("purge", "--dry-run").stdout  # in words, not a Python dict
    assert "16 bản ghi (hồ sơ: 4, nộp tiền: 4, đăng ký dịch vụ: 8)" in text and "{" not in text


def test_purge_removes_personal_data_and_keeps_the_session_log(
    home: Path, kiosk: Kiosk, people: dict[str, list[Person]]
) -> None:
    facts_before = _session_log_facts(kiosk)
    exported_before = _export_log_count(kiosk)
    masked_before = _masked(kiosk)
    values_before = payload_values(kiosk)
    old_ids = _ids(people["old"])
    with read_session(kiosk.engine) as session:
        old_blobs = [
            i.payload_enc
            for i in session.query(OutboxItem).filter(OutboxItem.record_id.in_(old_ids))
            if i.payload_enc
        ]
    old_files = [kiosk.attachments.path_for(p["sha256"]) for p in _papers(kiosk, people["old"])]
    assert all(f.exists() for f in old_files) and old_blobs

    result = run_cli("purge", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["records"] == 16 and report["files"] == 4 and report["compacted"]

    kiosk.close()
    kiosk = Kiosk.open(home)
    values_after = payload_values(kiosk)
    assert all(values_after[i] == set() for i in old_ids)
    assert {i: v for i, v in values_after.items() if i not in old_ids} == {
        i: v for i, v in values_before.items() if i not in old_ids
    }
    assert not any(f.exists() for f in old_files)
    with read_session(kiosk.engine) as session:
        purged_rows = session.query(Attachment).filter(Attachment.purged_at.is_not(None)).count()
        refs = (
            session.execute(select(Dossier.subject_ref).where(Dossier.id.in_(old_ids)))
            .scalars()
            .all()
        )
        entry = session.execute(
            select(AuditEntry).where(AuditEntry.action == "retention.purge")
        ).scalar_one()
    assert purged_rows == 4 and refs == [None] * 4
    detail = json.loads(entry.detail)
    assert detail["records"] == 16 and detail["retention_days"] == 30
    assert entry.actor.startswith("cli:")
    # the session log still counts every visit, with its plain facts; the masked name and ID
    # (initials, 7 of 12 digits: with the day and ward, near enough to one person) are gone
    assert _session_log_facts(kiosk) == facts_before
    masked_after = _masked(kiosk)
    assert {masked_after[i] for i in old_ids} == {"-"}
    assert {masked_before[i] for i in old_ids} != {"-"}
    kept_ids = set(masked_before) - old_ids
    assert {i: masked_after[i] for i in kept_ids} == {i: masked_before[i] for i in kept_ids}
    if exported_before is not None:
        assert _export_log_count(kiosk) == exported_before
    # the lookup still answers, the receipt can no longer be drawn
    dossier = people["old"][0].records[0]
    assert by_receipt_code(kiosk, dossier.receipt_code) is not None
    with pytest.raises(ReceiptUnavailable):
        load_source(kiosk, dossier.receipt_code)
    _assert_nothing_left(kiosk, home, people, old_blobs)
    kiosk.close()


def _papers(kiosk: Kiosk, group: list[Person]) -> list[dict[str, str]]:
    with read_session(kiosk.engine) as session:
        found = []
        for person in group:
            dossier = session.get(Dossier, person.records[0].id)
            assert dossier is not None
            payload = records.record_payload(kiosk, session, dossier)
            assert payload is not None
            found += payload["TaiLieuNop"]
    return found


def _assert_nothing_left(
    kiosk: Kiosk, home: Path, people: dict[str, list[Person]], old_blobs: list[bytes]
) -> None:
    gone, kept = _values(people["old"]), _values(people["recent"] + people["waiting"])
    assert gone and not gone & kept
    kept = {v for v in kept if not v.startswith("0") or len(v) == 12}  # stored: E.164 phones
    # raw bytes of the DB (+WAL), the papers and a backup made afterwards
    made = backup.create_backup(kiosk)
    raw = raw_bytes(home)
    assert found_in(gone, raw) == []
    for blob in old_blobs:  # the purged ciphertext itself is gone: secure_delete + VACUUM
        assert blob[:48] not in raw
    # ... and once every sealed value is opened with the data key
    opened = opened_database(kiosk.layout.database, kiosk.cipher)
    papers = opened_papers(kiosk.layout.attachments, kiosk.cipher)
    assert found_in(gone, opened + papers) == []
    assert found_in(kept, opened) == sorted(kept)  # the control: others are still there
    with zipfile.ZipFile(made.path) as archive:
        inside = home / "unpacked.db"
        inside.write_bytes(archive.read(backup.DB_MEMBER))
        shas = [n for n in archive.namelist() if n.startswith(backup.ATTACHMENTS)]
        sealed = [(n.rsplit("/", 1)[-1], archive.read(n)) for n in shas]
    from_backup = opened_database(inside, kiosk.cipher) + b"".join(
        kiosk.cipher.open(data, f"attachment:{sha}".encode()) for sha, data in sealed
    )
    assert found_in(gone, from_backup) == []
    assert found_in(kept, from_backup) == sorted(kept)
    assert len(sealed) == 4  # the papers of the people who stay


def test_recent_and_unsent_records_are_not_due(
    kiosk: Kiosk, people: dict[str, list[Person]]
) -> None:
    accept(kiosk, _ids(people["waiting"][:1]), days_ago(90), state="rejected")
    due = retention.plan(kiosk)
    assert {t.record_id for t in due.targets} == _ids(people["old"])
    kiosk.settings.set("retention.days", 3)
    assert {t.record_id for t in retention.plan(kiosk).targets} == _ids(
        people["old"] + people["recent"]
    )
    kiosk.settings.set("retention.days", 0)
    assert {t.record_id for t in retention.plan(kiosk).targets} == _ids(
        people["old"] + people["recent"]
    )


def test_corrected_record_goes_with_every_item_and_shared_paper_stays(
    kiosk: Kiosk, rng: random.Random, tmp_path: Path
) -> None:
    first = save_person(kiosk, rng, make_person(rng, RARE_NAMES[0]), tmp_path / "a")
    second = save_person(kiosk, rng, make_person(rng, RARE_NAMES[1]), tmp_path / "b")
    shared = _papers(kiosk, [first])[0]
    payload = dict(_payload(kiosk, second.records[0].id))
    payload["TaiLieuNop"] = [*payload["TaiLieuNop"], shared]  # the same scan in both dossiers
    accept(kiosk, {second.records[0].id}, utcnow(), state=ItemState.REJECTED.value)
    corrected = records.correct_record(kiosk, second.records[0].id, "dossier", payload, "TNV01")
    accept(kiosk, first.record_ids() | second.record_ids(), days_ago(31))
    with read_session(kiosk.engine) as session:
        items = session.query(OutboxItem).filter(OutboxItem.record_id == corrected.id).all()
    assert {i.state for i in items} == {"accepted"} and len(items) == 2
    report = purge.purge(
        kiosk,
        [t for t in retention.plan(kiosk).targets if t.record_id in first.record_ids()],
        actor="t",
        action="retention.purge",
    )
    assert report.files == 0  # the shared scan is still used by the second dossier
    assert kiosk.attachments.exists(shared["sha256"])
    report = retention.purge_due(kiosk)
    assert report.files == 2 and not kiosk.attachments.exists(shared["sha256"])
    with read_session(kiosk.engine) as session:
        left = session.query(OutboxItem).filter(OutboxItem.payload_enc.is_not(None)).count()
        second_items = session.query(OutboxItem).filter(OutboxItem.record_id == corrected.id)
        assert all(i.payload_enc is None and i.payload_mac for i in second_items)
    assert left == 0


def _payload(kiosk: Kiosk, record_id: str) -> dict[str, object]:
    with read_session(kiosk.engine) as session:
        record = session.get(Dossier, record_id)
        assert record is not None
        payload = records.record_payload(kiosk, session, record)
    assert payload is not None
    return payload


def test_purge_after_real_acceptance_by_the_simulator(
    kiosk: Kiosk, rng: random.Random, tmp_path: Path, province: object
) -> None:
    from kiosk.sync.engine import sync_once
    from tests.sync.conftest import connect

    person = save_person(kiosk, rng, make_person(rng, RARE_NAMES[2]), tmp_path / "p")
    connect(kiosk, province.base_url)  # type: ignore[attr-defined]
    result = sync_once(kiosk)
    assert result.remaining == 0 and result.report.done == 4, result
    assert retention.plan(kiosk).targets == []  # accepted just now: kept 30 days
    later = utcnow() + timedelta(days=31)
    report = retention.purge_due(kiosk, now=later)
    assert report.records == 4 and report.withdrawn == 0
    assert all(not v for i, v in payload_values(kiosk).items() if i in person.record_ids())


def _old_paper(kiosk: Kiosk, rng: random.Random, folder: Path, name: str) -> tuple[Path, str]:
    """A resident's dossier with one scan, accepted 31 days ago (due for purging): the scan's
    file (the paper, to bring again) and its SHA-256."""
    person = make_person(rng, name)
    save_person(kiosk, rng, person, folder)
    accept(kiosk, person.record_ids(), days_ago(31))
    return next(folder.iterdir()), _papers(kiosk, [person])[0]["sha256"]


def _dossier_with_paper(rng: random.Random, scan: Path) -> dict[str, object]:
    dossier = sample_payload("dossier", rng, utcnow())
    dossier["TaiLieuNop"] = [{"path": str(scan), "MaThanhPhanHoSo": "TP1"}]
    return dossier


def test_a_purged_scan_saved_again_is_live_again_and_goes_in_backups(
    kiosk: Kiosk, rng: random.Random, tmp_path: Path
) -> None:
    scan, sha = _old_paper(kiosk, rng, tmp_path / "first", RARE_NAMES[2])
    assert retention.purge_due(kiosk).files == 1
    assert not kiosk.attachments.exists(sha)  # the resident brings the same paper again
    records.save_record(kiosk, "dossier", _dossier_with_paper(rng, scan), "TNV01")
    assert kiosk.attachments.exists(sha)
    with read_session(kiosk.engine) as session:
        row = session.get(Attachment, sha)
        assert row is not None and row.purged_at is None  # live again: backups and the relay
    assert sha in backup.referenced_papers(kiosk.layout.database)


def test_a_scan_added_by_a_correction_is_linked_and_goes_in_backups(
    kiosk: Kiosk, rng: random.Random, tmp_path: Path
) -> None:
    person = make_person(rng, RARE_NAMES[4])
    save_person(kiosk, rng, person, tmp_path / "first")
    dossier_id = person.records[0].id
    accept(kiosk, {dossier_id}, utcnow(), state=ItemState.REJECTED.value)
    added = tmp_path / "giay-khai-sinh.pdf"
    added.write_bytes(b"%PDF-1.4 the paper the province asked for")
    payload = dict(_payload(kiosk, dossier_id))
    payload["TaiLieuNop"] = [*payload["TaiLieuNop"], {"path": str(added), "MaThanhPhanHoSo": "TP2"}]
    corrected = records.correct_record(kiosk, dossier_id, "dossier", payload, "TNV01")
    sha = _payload(kiosk, corrected.id)["TaiLieuNop"][1]["sha256"]  # type: ignore[index]
    assert kiosk.attachments.exists(sha)
    assert sha in backup.referenced_papers(kiosk.layout.database)


def test_a_paper_brought_again_while_its_purge_finishes_keeps_its_file(
    kiosk: Kiosk, rng: random.Random, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan, sha = _old_paper(kiosk, rng, tmp_path / "first", RARE_NAMES[5])
    real = purge.delete_unreferenced_papers
    saved: list[records.SavedRecord] = []

    def after_the_commit(kiosk_: Kiosk, shas: list[str]) -> int:
        # between the purge's commit and its file deletion, the same paper is saved again
        dossier = _dossier_with_paper(rng, scan)
        saved.append(records.save_record(kiosk_, "dossier", dossier, "TNV01"))
        return real(kiosk_, shas)

    monkeypatch.setattr(purge, "delete_unreferenced_papers", after_the_commit)
    retention.purge_due(kiosk)
    assert saved and kiosk.attachments.exists(sha)  # the new dossier's paper is not lost
    assert sha in backup.referenced_papers(kiosk.layout.database)


def test_a_refused_save_of_a_purged_paper_leaves_no_file(
    kiosk: Kiosk, rng: random.Random, tmp_path: Path
) -> None:
    scan, sha = _old_paper(kiosk, rng, tmp_path / "first", RARE_NAMES[6])
    retention.purge_due(kiosk)
    records.save_record(kiosk, "visit", sample_payload("visit", rng, utcnow()), "TNV01", ref="r1")
    dossier = _dossier_with_paper(rng, scan)
    with pytest.raises(records.AlreadyImported):  # refused in its transaction, after its put
        records.save_record(kiosk, "dossier", dossier, "TNV01", ref="r1")
    assert not kiosk.attachments.exists(sha)  # the purged row is no reason to keep the file
