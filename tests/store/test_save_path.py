"""The one save path: record + outbox item + audit entry in one transaction, or nothing."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from kiosk.domain.codes import RECEIPT_CODE
from kiosk.domain.errors import ValidationError
from kiosk.domain.samples import sample_payload
from kiosk.services import catalog, records
from kiosk.services.context import Kiosk
from kiosk.store import audit, outbox
from kiosk.store.db import read_session, write_connection, write_session
from kiosk.store.models import AuditEntry, Feedback, ItemState, OutboxItem, Procedure
from tests.domain.invalid_cases import INVALID_CASES, NOW, InvalidCase

TABLES = (
    "dossiers",
    "payments",
    "registrations",
    "feedback",
    "visits",
    "outbox",
    "audit_log",
    "attachments",
    "dossier_attachments",
    "receipt_counters",
    "import_refs",
)


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def _files(kiosk: Kiosk) -> set[Path]:
    return {p for p in kiosk.layout.attachments.rglob("*") if p.is_file()}


@pytest.fixture
def case_kiosk(kiosk: Kiosk) -> Kiosk:
    """The shipped catalogue with 1.004884 stopped (as the province would mark it), as in
    the case table's context."""
    with write_session(kiosk.engine) as session:
        session.execute(update(Procedure).where(Procedure.code == "1.004884").values(stopped=True))
    assert catalog.procedure_ref(kiosk, "1.004884").stopped  # type: ignore[union-attr]
    return kiosk


def _sample(kind: str, seed: int = 1) -> dict[str, Any]:
    payload = sample_payload(kind, random.Random(seed), NOW)
    if "dossier_id" in payload:
        payload["dossier_id"] = None  # a sample's dossier id names no dossier in this home
    return payload


@pytest.mark.parametrize("case", INVALID_CASES, ids=lambda c: c.id)
def test_invalid_record_stores_nothing(case_kiosk: Kiosk, case: InvalidCase) -> None:
    before, files_before = _counts(case_kiosk.layout.database), _files(case_kiosk)
    with pytest.raises(ValidationError) as refused:
        records.save_record(case_kiosk, case.kind, case.payload, "TNV01", now=NOW)
    found = {(e.field, e.code) for e in refused.value.errors}
    assert (case.field, case.code) in found
    assert all(e.message and e.message_en for e in refused.value.errors)
    assert _counts(case_kiosk.layout.database) == before
    assert _files(case_kiosk) == files_before


def test_invalid_case_table_is_large_enough() -> None:
    assert len(INVALID_CASES) >= 60
    assert len({c.kind for c in INVALID_CASES}) == 5


@pytest.mark.parametrize("kind", records.KINDS)
def test_save_writes_record_item_and_audit_together(kiosk: Kiosk, kind: str) -> None:
    before = _counts(kiosk.layout.database)
    saved = records.save_record(kiosk, kind, _sample(kind), "TNV01", now=NOW)
    after = _counts(kiosk.layout.database)
    created = 1 + len(saved.linked)
    assert after["outbox"] - before["outbox"] == created
    assert after["audit_log"] - before["audit_log"] == created
    assert RECEIPT_CODE.fullmatch(saved.receipt_code)
    assert saved.receipt_code.startswith("NT01-261122-")
    with read_session(kiosk.engine) as session:
        item = session.query(OutboxItem).filter_by(id=saved.item_id).one()
        wire = outbox.wire_item(kiosk.cipher, item)
    assert item.state == ItemState.PENDING and item.record_id == saved.id
    assert set(wire) == {"id", "kind", "created_at", "depends_on", "payload"}
    assert wire["created_at"].endswith("+07:00")
    if kind in {"dossier", "payment", "registration"}:
        assert wire["payload"]["MaBienNhanTaiDiem"] == saved.receipt_code
    if kind == "dossier":
        assert wire["payload"]["NguoiHoTro"] == "TNV01"
        assert len(wire["payload"]["NgayNopTaiDiem"]) == 14


def test_payload_frozen_as_canonical_bytes(kiosk: Kiosk) -> None:
    saved = records.save_record(kiosk, "dossier", _sample("dossier"), "TNV01", now=NOW)
    with read_session(kiosk.engine) as session:
        item = session.query(OutboxItem).filter_by(id=saved.item_id).one()
        frozen = outbox.frozen_payload(kiosk.cipher, item)
        digest = item.payload_mac
    # keyed: the plain SHA-256 would let a dictionary of names find the one hashed
    assert digest == kiosk.cipher.digest(frozen) != hashlib.sha256(frozen).hexdigest()
    assert (
        frozen
        == json.dumps(
            json.loads(frozen), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ).encode()
    )


def test_payment_depends_on_its_dossier(kiosk: Kiosk) -> None:
    dossier = records.save_record(kiosk, "dossier", _sample("dossier"), "TNV01", now=NOW)
    payment = _sample("payment", 2)
    payment["dossier_id"] = dossier.item_id
    saved = records.save_record(kiosk, "payment", payment, "TNV01", now=NOW)
    with read_session(kiosk.engine) as session:
        item = session.query(OutboxItem).filter_by(id=saved.item_id).one()
    assert item.depends_on == dossier.item_id


def test_payment_after_a_correction_depends_on_the_dossiers_current_item(kiosk: Kiosk) -> None:
    """A payment or a postal return recorded for a corrected dossier names it by its receipt's
    record id (its first item, superseded and never sent): it must wait for, and name, the
    item the province knows, or the relay would hold it forever."""
    dossier = _sample("dossier", 4)
    filed = records.save_record(kiosk, "dossier", dossier, "TNV01", now=NOW)
    _reject(kiosk, filed.item_id)
    fixed = records.correct_record(kiosk, filed.id, "dossier", dossier, "TNV02")
    assert fixed.item_id != filed.item_id
    payment = _sample("payment", 2) | {"dossier_id": filed.id}
    paid = records.save_record(kiosk, "payment", payment, "TNV01", now=NOW)
    registration = _sample("registration", 6) | {"dossier_id": filed.item_id}
    registered = records.save_record(kiosk, "registration", registration, "TNV01", now=NOW)
    with read_session(kiosk.engine) as session:
        for saved in (paid, registered):
            item = session.query(OutboxItem).filter_by(id=saved.item_id).one()
            wire = outbox.wire_item(kiosk.cipher, item)
            assert item.depends_on == wire["payload"]["dossier_id"] == fixed.item_id
    with sqlite3.connect(kiosk.layout.database) as conn:
        (linked,) = conn.execute(
            "SELECT dossier_id FROM payments WHERE id = ?", (paid.id,)
        ).fetchone()
    assert linked == filed.id  # the record's link is the dossier record, as before


def test_payment_for_unknown_dossier_refused(kiosk: Kiosk) -> None:
    payment = _sample("payment", 2)
    payment["dossier_id"] = "0193a3f4-5c1e-7d2a-9b7e-1f2a3b4c5d6e"
    before = _counts(kiosk.layout.database)
    with pytest.raises(ValidationError) as refused:
        records.save_record(kiosk, "payment", payment, "TNV01", now=NOW)
    assert refused.value.errors[0].field == "payload.dossier_id"
    assert _counts(kiosk.layout.database) == before


def test_postal_return_dossier_also_registers_postal_return(kiosk: Kiosk) -> None:
    dossier = _sample("dossier", 3)
    dossier["HinhThucNhanKetQua"] = 1
    purposes = dossier["DongY"]["MucDich"]
    dossier["DongY"]["MucDich"] = sorted({*purposes, "tra_ket_qua_buu_chinh"})
    saved = records.save_record(kiosk, "dossier", dossier, "TNV01", now=NOW)
    assert len(saved.linked) == 1 and saved.linked[0].kind == "registration"
    with read_session(kiosk.engine) as session:
        item = session.query(OutboxItem).filter_by(id=saved.linked[0].item_id).one()
        wire = outbox.wire_item(kiosk.cipher, item)
    assert wire["payload"]["DichVu"] == "postal_return"
    assert wire["payload"]["dossier_id"] == saved.item_id == wire["depends_on"]


def _reject(kiosk: Kiosk, item_id: str) -> None:
    with write_session(kiosk.engine) as session:
        session.query(OutboxItem).filter_by(id=item_id).one().state = ItemState.REJECTED.value


def test_correction_supersedes_rejected_item(kiosk: Kiosk) -> None:
    saved = records.save_record(kiosk, "feedback", _sample("feedback"), "TNV01", now=NOW)
    _reject(kiosk, saved.item_id)
    fixed = _sample("feedback", 9)
    corrected = records.correct_record(kiosk, saved.id, "feedback", fixed, "TNV02")
    assert corrected.id == saved.id and corrected.item_id != saved.item_id
    assert corrected.receipt_code == saved.receipt_code
    with read_session(kiosk.engine) as session:
        old = session.query(OutboxItem).filter_by(id=saved.item_id).one()
        new = session.query(OutboxItem).filter_by(id=corrected.item_id).one()
    assert (old.state, old.superseded_by) == (ItemState.SUPERSEDED, corrected.item_id)
    assert (new.state, new.supersedes) == (ItemState.PENDING, saved.item_id)


def test_correction_rewrites_the_records_own_columns(kiosk: Kiosk) -> None:
    """The row's amount, masked payer/holder and subject ref follow the corrected payload:
    exports, look-ups and a withdrawal by CCCD read them, not the frozen payload."""
    payment = _sample("payment", 2)
    paid = records.save_record(kiosk, "payment", payment, "TNV01", now=NOW)
    dossier = _sample("dossier", 3)
    filed = records.save_record(kiosk, "dossier", dossier, "TNV01", now=NOW)
    for saved in (paid, filed):
        _reject(kiosk, saved.item_id)
    new_payer = {"NguoiNop": "Lê Thị Hồng", "SoTien": payment["SoTien"] * 3}
    records.correct_record(kiosk, paid.id, "payment", payment | new_payer, "TNV02")
    holder = {"ChuHoSo": "Trần Văn Bảy", "MaDoiTuong": "056090001234", "NgaySinh": "19900305"}
    records.correct_record(kiosk, filed.id, "dossier", dossier | holder, "TNV02")
    with sqlite3.connect(kiosk.layout.database) as conn:
        amount, payer = conn.execute(
            "SELECT amount, payer_masked FROM payments WHERE id = ?", (paid.id,)
        ).fetchone()
        masked, ref = conn.execute(
            "SELECT subject_masked, subject_ref FROM dossiers WHERE id = ?", (filed.id,)
        ).fetchone()
    assert amount == payment["SoTien"] * 3 and payer.startswith("L.T.H.")
    assert masked == "T.V.B. 056*****1234"
    assert ref == kiosk.cipher.subject_ref("056090001234")
    assert ref != kiosk.cipher.subject_ref(dossier["MaDoiTuong"])


def test_a_payment_saved_before_payments_asked_consent_can_still_be_corrected(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Payments carry ``DongY`` since 0.x; one saved earlier (here: saved with the old rule)
    and rejected by the province must not be stuck for want of a consent nobody can give
    after the fact. A new payment without one is refused, and so is dropping the consent of
    a payment that has one."""
    legacy = _sample("payment", 4)
    del legacy["DongY"]
    with pytest.raises(ValidationError) as refused:
        records.save_record(kiosk, "payment", legacy, "TNV01", now=NOW)
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("payload.DongY", "consent_missing")
    ]
    old_rules = records.validation_context

    def before_consent(*args: Any, **kwargs: Any) -> Any:
        return dataclasses.replace(old_rules(*args, **kwargs), payment_consent=False)

    with monkeypatch.context() as patched:
        patched.setattr(records, "validation_context", before_consent)
        old = records.save_record(kiosk, "payment", legacy, "TNV01", now=NOW)
    _reject(kiosk, old.item_id)
    fixed = records.correct_record(kiosk, old.id, "payment", legacy | {"SoTien": 20000}, "TNV02")
    assert fixed.id == old.id and fixed.item_id != old.item_id

    with_consent = _sample("payment", 5)
    new = records.save_record(kiosk, "payment", with_consent, "TNV01", now=NOW)
    _reject(kiosk, new.item_id)
    dropped = {k: v for k, v in with_consent.items() if k != "DongY"}
    with pytest.raises(ValidationError) as again:
        records.correct_record(kiosk, new.id, "payment", dropped, "TNV02")
    assert [(e.field, e.code) for e in again.value.errors] == [("payload.DongY", "consent_missing")]


def test_correction_of_pending_item_refused(kiosk: Kiosk) -> None:
    saved = records.save_record(kiosk, "visit", _sample("visit"), "TNV01", now=NOW)
    with pytest.raises(ValueError, match="rejected"):
        records.correct_record(kiosk, saved.id, "visit", _sample("visit", 5), "TNV01")


def test_in_flight_items_become_unknown_at_start_up(kiosk: Kiosk) -> None:
    saved = records.save_record(kiosk, "visit", _sample("visit"), "TNV01", now=NOW)
    with write_session(kiosk.engine) as session:
        session.query(OutboxItem).filter_by(
            id=saved.item_id
        ).one().state = ItemState.IN_FLIGHT.value
    kiosk.close()
    reopened = Kiosk.open(kiosk.layout.root)
    with read_session(reopened.engine) as session:
        assert session.query(OutboxItem).filter_by(id=saved.item_id).one().state == "unknown"
    reopened.close()


def test_in_flight_items_left_alone_while_a_relay_holds_the_lock(kiosk: Kiosk) -> None:
    saved = records.save_record(kiosk, "visit", _sample("visit"), "TNV01", now=NOW)
    with write_session(kiosk.engine) as session:
        session.query(OutboxItem).filter_by(
            id=saved.item_id
        ).one().state = ItemState.IN_FLIGHT.value
    with kiosk.relay_lock:
        assert kiosk.recover_if_no_relay() == 0
    assert kiosk.recover_if_no_relay() == 1


def test_receipt_codes_unique_and_sequential(kiosk: Kiosk) -> None:
    codes = [
        records.save_record(kiosk, "visit", _sample("visit", i), "TNV01", now=NOW).receipt_code
        for i in range(30)
    ]
    assert len(set(codes)) == 30
    assert [int(c.rsplit("-", 1)[1]) for c in codes] == list(range(1, 31))


def test_scanned_paper_stored_encrypted_and_linked(kiosk: Kiosk, tmp_path: Path) -> None:
    scan = tmp_path / "giay-chung-sinh.pdf"
    secret_text = b"%PDF-1.4 Giay chung sinh cua be NGUYEN THI MAI 056301001234"
    scan.write_bytes(secret_text * 50)
    dossier = _sample("dossier", 4)
    dossier["TaiLieuNop"] = [
        {"path": str(scan), "MaThanhPhanHoSo": "TP1", "mime": "application/pdf"}
    ]
    saved = records.save_record(kiosk, "dossier", dossier, "TNV01", now=NOW)
    with read_session(kiosk.engine) as session:
        item = session.query(OutboxItem).filter_by(id=saved.item_id).one()
        paper = outbox.wire_item(kiosk.cipher, item)["payload"]["TaiLieuNop"][0]
    assert (
        paper["TenTepDinhKem"] == "giay-chung-sinh.pdf" and paper["size"] == len(secret_text) * 50
    )
    stored = kiosk.attachments.path_for(paper["sha256"]).read_bytes()
    assert b"NGUYEN" not in stored and kiosk.attachments.get(paper["sha256"]) == secret_text * 50
    assert _counts(kiosk.layout.database)["dossier_attachments"] == 1


def test_refused_dossier_removes_its_new_scan(kiosk: Kiosk, tmp_path: Path) -> None:
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"\x89PNG fresh scan bytes")
    dossier = _sample("dossier", 4)
    dossier["TaiLieuNop"] = [{"path": str(scan), "MaThanhPhanHoSo": "TP1"}]
    dossier["MaDoiTuong"] = "999999999999"
    with pytest.raises(ValidationError):
        records.save_record(kiosk, "dossier", dossier, "TNV01", now=NOW)
    assert _files(kiosk) == set()


def test_record_payload_is_its_current_items_payload(kiosk: Kiosk) -> None:
    saved = records.save_record(kiosk, "feedback", _sample("feedback"), "TNV01", now=NOW)
    with read_session(kiosk.engine) as session:
        record = session.get(Feedback, saved.id)
        assert record is not None
        first = records.record_payload(kiosk, session, record)
        item = session.query(OutboxItem).filter_by(id=saved.item_id).one()
        assert first == outbox.wire_item(kiosk.cipher, item)["payload"]
    _reject(kiosk, saved.item_id)
    fixed = _sample("feedback", 9)
    corrected = records.correct_record(kiosk, saved.id, "feedback", fixed, "TNV02")
    with read_session(kiosk.engine) as session:
        record = session.get(Feedback, saved.id)
        assert record is not None and record.current_item_id == corrected.item_id
        now = records.record_payload(kiosk, session, record)
    assert now is not None and first is not None and now != first
    assert now["NoiDung"] == fixed["NoiDung"]


def test_receipt_counter_starts_again_each_day(kiosk: Kiosk) -> None:
    today = [records.save_record(kiosk, "visit", _sample("visit", i), "TNV01", now=NOW)
             for i in range(3)]  # fmt: skip
    tomorrow = records.save_record(
        kiosk, "visit", _sample("visit", 7), "TNV01", now=NOW + timedelta(days=1)
    )
    assert [s.receipt_code for s in today] == [f"NT01-261122-{n:04d}" for n in (1, 2, 3)]
    assert tomorrow.receipt_code == "NT01-261123-0001"
    with sqlite3.connect(kiosk.layout.database) as conn:
        counters = conn.execute("SELECT day, last FROM receipt_counters ORDER BY day").fetchall()
    assert counters == [("261122", 3), ("261123", 1)]


def test_codes_given_with_records_are_never_made_again(kiosk: Kiosk) -> None:
    """A paper form's code (today's, and one of tomorrow's) is taken: the counter goes on after
    it, for records of every kind, and the same code given again is refused."""
    dossier = _sample("dossier", 3) | {"MaBienNhanTaiDiem": "NT01-261122-0002"}
    payment = _sample("payment", 2) | {"MaBienNhanTaiDiem": "NT01-261123-0005"}
    given = [records.save_record(kiosk, "dossier", dossier, "TNV01", now=NOW),
             records.save_record(kiosk, "payment", payment, "TNV01", now=NOW)]  # fmt: skip
    today = [records.save_record(kiosk, kind, _sample(kind, 4), "TNV01", now=NOW)
             for kind in ("visit", "payment", "feedback")]  # fmt: skip
    tomorrow = records.save_record(
        kiosk, "visit", _sample("visit", 7), "TNV01", now=NOW + timedelta(days=1)
    )
    assert [s.receipt_code for s in given] == ["NT01-261122-0002", "NT01-261123-0005"]
    assert [s.receipt_code for s in today] == [f"NT01-261122-{n:04d}" for n in (3, 4, 5)]
    assert tomorrow.receipt_code == "NT01-261123-0006"
    again = _sample("registration", 5) | {"MaBienNhanTaiDiem": "NT01-261122-0004"}
    before = _counts(kiosk.layout.database)
    with pytest.raises(ValidationError) as refused:
        records.save_record(kiosk, "registration", again, "TNV01", now=NOW)
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("payload.MaBienNhanTaiDiem", "duplicate")
    ]
    assert _counts(kiosk.layout.database) == before


def test_saves_and_other_writers_share_one_audit_chain(kiosk: Kiosk) -> None:
    for i in range(3):
        records.save_record(kiosk, "visit", _sample("visit", i), "TNV01", now=NOW)
        with write_session(kiosk.engine) as session:
            audit.append(session, "cli", "config.set", detail={"key": f"k{i}"})
    with read_session(kiosk.engine) as session:
        report = audit.verify(session)
        actions = [e.action for e in session.query(AuditEntry).order_by(AuditEntry.seq)][-6:]
    assert report.ok
    assert actions == ["visit.create", "config.set"] * 3


def test_one_scan_in_two_dossiers_is_stored_once_and_linked_twice(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    scan = tmp_path / "cccd.png"
    scan.write_bytes(b"\x89PNG the same scan, twice")
    saved = []
    for seed in (4, 5):
        dossier = _sample("dossier", seed)
        paper = {"path": str(scan), "MaThanhPhanHoSo": "TP1", "mime": "image/png"}
        dossier["TaiLieuNop"] = [paper, dict(paper)]  # listed twice in one dossier, too
        saved.append(records.save_record(kiosk, "dossier", dossier, "TNV01", now=NOW))
    with sqlite3.connect(kiosk.layout.database) as conn:
        links = conn.execute("SELECT dossier_id FROM dossier_attachments ORDER BY 1").fetchall()
        files = conn.execute("SELECT count(*) FROM attachments").fetchone()
    assert files == (1,)
    assert links == sorted((s.id,) for s in saved)


def test_save_transaction_takes_the_write_lock_before_reading(kiosk: Kiosk) -> None:
    """BEGIN IMMEDIATE: the audit head and receipt counter a save reads cannot go stale."""
    with write_connection(kiosk.engine) as db:
        assert db.in_transaction
        other = sqlite3.connect(kiosk.layout.database, timeout=0)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()
        assert db.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
