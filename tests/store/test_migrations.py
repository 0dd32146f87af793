"""Alembic at start-up: a DB made by the first schema upgrades, copied first, data kept."""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from kiosk import paths
from kiosk.domain.samples import sample_payload
from kiosk.services import corrections, records
from kiosk.services.context import Kiosk
from kiosk.store import crypto, migrate, outbox, province_texts
from kiosk.store.db import insert_row, make_engine, read_session
from kiosk.store.models import Dossier, Meta, OutboxItem, Payment
from tests.domain.invalid_cases import NOW
from tests.old_rows import item_before_0008


def test_first_schema_database_upgrades_with_data_kept(empty_home: Path) -> None:
    empty_home.mkdir(parents=True)
    db = empty_home / "kiosk.db"
    engine = make_engine(db)
    migrate.upgrade(engine, db, empty_home / "backups", target="0001")
    assert migrate.current_revision(engine) == "0001"
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO meta(key, value) VALUES ('marker', 'from-0001')")
    engine.dispose()
    kiosk = Kiosk.open(empty_home)  # the normal start-up path migrates to head
    assert migrate.current_revision(kiosk.engine) == migrate.head_revision() != "0001"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key='marker'").fetchone() == (
            "from-0001",
        )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"notices", "dossier_statuses"} <= tables
    copies = list((empty_home / "backups").glob("kiosk-before-upgrade-0001-*.db"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key='marker'").fetchone() == (
            "from-0001",
        )
    kiosk.close()


def test_failed_upgrade_keeps_database_and_copy(
    empty_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty_home.mkdir(parents=True)
    db = empty_home / "kiosk.db"
    engine = make_engine(db)
    migrate.upgrade(engine, db, empty_home / "backups", target="0001")
    before = db.read_bytes()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(migrate.command, "upgrade", broken)
    with pytest.raises(migrate.MigrationFailed) as failure:
        migrate.upgrade(engine, db, empty_home / "backups")
    assert db.exists() and failure.value.backup is not None and failure.value.backup.exists()
    assert "bản sao an toàn" in str(failure.value)
    assert len(before) > 0 and db.stat().st_size > 0


def test_pragmas(kiosk: Kiosk) -> None:
    with kiosk.engine.connect() as conn:
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        sync = conn.exec_driver_sql("PRAGMA synchronous").scalar()
        fks = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
        busy = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
    assert (mode, sync, fks) == ("wal", 2, 1) and busy >= 5000


# --- 0004: a record's payload kept once, in its outbox item -----------------------------------

_AT = "2026-11-22 02:30:00.000000"


def _home_at_0003(home: Path) -> tuple[Path, crypto.Cipher]:
    """A data home whose database stopped at 0003, with its data key in the keyring."""
    home.mkdir(parents=True)
    layout = paths.HomeLayout(home)
    install_id = "00000000-0000-4000-8000-000000000004"
    layout.install_id_file.write_text(install_id, encoding="ascii")
    engine = make_engine(layout.database)
    migrate.upgrade(engine, layout.database, layout.db_backups, target="0003")
    engine.dispose()
    return layout.database, crypto.Cipher(crypto.create_key(install_id))


def _old_record(
    conn: sqlite3.Connection,
    cipher: crypto.Cipher,
    kind: str,
    payload: dict[str, Any],
    columns: dict[str, Any],
    item_keeps_payload: bool = True,
) -> str:
    """A record as the 0003 code saved it: its payload sealed twice (record and item)."""
    item_id = outbox.new_item_id()
    item = outbox.new_item(cipher, item_id=item_id, kind=kind, record_id=item_id,
                           payload=payload)  # fmt: skip
    item.update(created_at=_AT, updated_at=_AT)
    item = item_before_0008(item, payload)
    if not item_keeps_payload:
        item["payload_enc"] = None
    insert_row(conn, "outbox", item)
    number = conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
    record = {
        "id": item_id,
        "receipt_code": f"NT01-261122-{number:04d}",
        "created_at": _AT,
        "actor": "TNV01",
        "current_item_id": item_id,
        "data_enc": cipher.seal_json(payload, f"record:{kind}:{item_id}".encode()),
        **columns,
    }
    insert_row(conn, records.TABLES[kind], record)
    return item_id


def test_0004_keeps_existing_payloads_readable_and_foreign_keys_on(empty_home: Path) -> None:
    db, cipher = _home_at_0003(empty_home)
    rng = random.Random(4)
    dossier_payload = sample_payload("dossier", rng, NOW)
    payment_payload = sample_payload("payment", rng, NOW)
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("PRAGMA foreign_keys=ON")
        columns: dict[str, Any] = {
            "procedure_code": "1.001",
            "procedure_name": "x",
            "subject_masked": "-",
            "return_method": 1,
            "fee_total": 0,
        }
        dossier = _old_record(conn, cipher, "dossier", dossier_payload, columns)
        columns = {
            "dossier_id": dossier,
            "purpose": "le_phi",
            "method": "tien_mat",
            "amount": 1,
            "payer_masked": "-",
        }
        payment = _old_record(conn, cipher, "payment", payment_payload, columns)
    kiosk = Kiosk.open(empty_home)  # start-up migrates 0003 -> head
    try:
        assert migrate.current_revision(kiosk.engine) == migrate.head_revision()
        with read_session(kiosk.engine) as session:
            found = {
                r.id: records.record_payload(kiosk, session, r)
                for r in (session.get(Dossier, dossier), session.get(Payment, payment))
                if r is not None
            }
        assert found == {dossier: dossier_payload, payment: payment_payload}
        with kiosk.engine.connect() as conn:
            for table in records.TABLES.values():
                columns = {r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
                assert "data_enc" not in columns
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            link = "SELECT dossier_id FROM payments WHERE id = ?"
            assert conn.exec_driver_sql(link, (payment,)).scalar() == dossier
    finally:
        kiosk.close()


def test_0004_refuses_to_drop_a_payload_held_only_by_its_record(empty_home: Path) -> None:
    db, cipher = _home_at_0003(empty_home)
    with closing(sqlite3.connect(db)) as conn, conn:
        visit = {"topic": "khac", "result": "da_huong_dan", "duration_s": 60}
        _old_record(conn, cipher, "visit", {"ChuDe": "khac"}, visit, item_keeps_payload=False)
    engine = make_engine(db)
    with pytest.raises(migrate.MigrationFailed) as failure:
        migrate.upgrade(engine, db, empty_home / "backups")
    assert migrate.current_revision(engine) == "0003"  # the whole upgrade rolled back
    engine.dispose()
    with closing(sqlite3.connect(db)) as conn:
        kept = conn.execute("SELECT count(*) FROM visits WHERE data_enc IS NOT NULL").fetchone()
    assert kept == (1,)
    assert failure.value.backup is not None and failure.value.backup.exists()


def test_0006_moves_counters_past_codes_already_given(empty_home: Path) -> None:
    """A database of 0005 holding a paper form's code ahead of its day's counter: after the
    upgrade the kiosk's next code of that day comes after it."""
    kiosk = Kiosk.open(empty_home)
    rng = random.Random(6)
    given = sample_payload("payment", rng, NOW) | {"MaBienNhanTaiDiem": "NT01-261122-0009"}
    given["dossier_id"] = None
    records.save_record(kiosk, "payment", given, "TNV01", now=NOW)
    records.save_record(kiosk, "visit", sample_payload("visit", rng, NOW), "TNV01", now=NOW)
    kiosk.close()
    db = empty_home / "kiosk.db"
    with closing(sqlite3.connect(db)) as conn, conn:  # as 0005 left it: the counter behind
        conn.execute("UPDATE receipt_counters SET last = 1 WHERE day = '261122'")
        _back_before_0007(conn, "0005")
    kiosk = Kiosk.open(empty_home)
    assert migrate.current_revision(kiosk.engine) == migrate.head_revision()
    later = records.save_record(kiosk, "visit", sample_payload("visit", rng, NOW), "TNV01", now=NOW)
    kiosk.close()
    assert later.receipt_code == "NT01-261122-0011"  # 0009 given, 0010 made before the fix


def _back_before_0010(conn: sqlite3.Connection) -> None:
    """The schema as 0009 left it: the province's words in plain text, none sealed."""
    conn.execute("ALTER TABLE outbox DROP COLUMN reasons_enc")
    conn.execute("UPDATE alembic_version SET version_num = '0009'")


def _back_before_0009(conn: sqlite3.Connection) -> None:
    """The schema as 0008 left it: the province's status notes kept (``note``)."""
    _back_before_0010(conn)
    conn.execute("ALTER TABLE dossier_statuses ADD COLUMN note TEXT")
    conn.execute("UPDATE alembic_version SET version_num = '0008'")


def _back_before_0008(conn: sqlite3.Connection, digests: dict[str, str] | None = None) -> None:
    """The schema as 0007 left it: plain ``payload_sha256`` digests (``digests`` by item id)."""
    _back_before_0009(conn)
    conn.execute("ALTER TABLE outbox ADD COLUMN payload_sha256 VARCHAR(64) NOT NULL DEFAULT ''")
    conn.executemany(
        "UPDATE outbox SET payload_sha256 = ? WHERE id = ?",
        [(digest, item_id) for item_id, digest in (digests or {}).items()],
    )
    conn.execute("ALTER TABLE outbox DROP COLUMN payload_mac")
    conn.execute("ALTER TABLE print_jobs ADD COLUMN payload_sha256 VARCHAR(64)")
    conn.execute("ALTER TABLE print_jobs DROP COLUMN bytes_mac")
    conn.execute("UPDATE alembic_version SET version_num = '0007'")


def _back_before_0007(conn: sqlite3.Connection, revision: str) -> None:
    """The schema as ``revision`` (before 0007) left it: no ``outbox.doubt_since``."""
    _back_before_0008(conn)
    conn.execute("DROP INDEX ix_outbox_doubt_since")
    conn.execute("ALTER TABLE outbox DROP COLUMN doubt_since")
    conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))


def test_0007_marks_withdrawn_items_the_province_may_hold(empty_home: Path) -> None:
    """A database of 0006: the item 0006's relay noted in doubt, one withdrawn after its
    batch's answer was lost (the purge wrote its plain note) and one withdrawn while its
    resend was refused unprocessed are marked ``doubt_since`` — the relay will ask the
    province about them; one the province rejected, one already asked, a corrected one and a
    live one are not."""
    kiosk = Kiosk.open(empty_home)
    rng = random.Random(7)
    ids = [
        records.save_record(kiosk, "visit", sample_payload("visit", rng, NOW), "TNV01").item_id
        for _ in range(9)
    ]
    kiosk.close()
    with closing(sqlite3.connect(empty_home / "kiosk.db")) as conn, conn:
        _back_before_0007(conn, "0006")
        withdrawn = "UPDATE outbox SET state = 'superseded', payload_enc = NULL, last_error = ? "
        conn.execute(withdrawn + "WHERE id = ?", (_NOTE_0006, ids[0]))
        conn.execute(withdrawn + "WHERE id IN (?, ?, ?, ?, ?, ?, ?)", ("withdrawn: …", *ids[1:4],
                     *ids[5:9]))  # fmt: skip
        conn.execute("UPDATE outbox SET superseded_by = ? WHERE id = ?", (ids[4], ids[3]))
        events = [(ids[1], "sent"), (ids[1], "unknown"), (ids[2], "sent"), (ids[2], "rejected"),
                  (ids[3], "sent"), (ids[3], "unknown"),  # corrected: superseded_by
                  (ids[5], "sent"), (ids[5], "unknown"), (ids[5], "sent"),  # its resend
                  (ids[5], "not_sent"),
                  (ids[6], "sent"), (ids[6], "retry_later"), (ids[6], "sent"),  # killed
                  (ids[7], "sent"), (ids[7], "retry_later"), (ids[7], "sent"),
                  (ids[7], "not_sent"),  # a 500 0006 noted as not sent
                  (ids[8], "sent"), (ids[8], "unknown"), (ids[8], "settled")]  # fmt: skip
        conn.executemany(
            "INSERT INTO sync_events (at, item_id, event) VALUES ('2026-11-22 01:00:00.000000', "
            "?, ?)",
            events,
        )
    kiosk = Kiosk.open(empty_home)
    assert migrate.current_revision(kiosk.engine) == migrate.head_revision()
    with read_session(kiosk.engine) as session:
        marked = {
            item.id
            for item in session.query(OutboxItem).filter(OutboxItem.doubt_since.is_not(None))
        }
    kiosk.close()
    assert marked == {ids[0], ids[1], ids[5], ids[6], ids[7]}


def test_0008_drops_the_plain_digests_of_payloads(empty_home: Path) -> None:
    """A database of 0007 kept a plain SHA-256 of every frozen payload (a dictionary of names
    finds a payer from it); after the upgrade none is left anywhere in the file, and the next
    save stores a keyed digest only this kiosk can compute."""
    kiosk = Kiosk.open(empty_home)
    rng = random.Random(9)
    payload = sample_payload("payment", rng, NOW) | {"dossier_id": None}
    saved = records.save_record(kiosk, "payment", payload, "TNV01", now=NOW)
    with read_session(kiosk.engine) as session:
        item = session.query(OutboxItem).filter_by(id=saved.item_id).one()
        plain = hashlib.sha256(outbox.frozen_payload(kiosk.cipher, item)).hexdigest()
    kiosk.close()
    db = empty_home / "kiosk.db"
    with closing(sqlite3.connect(db)) as conn, conn:
        _back_before_0008(conn, {saved.item_id: plain})
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert plain.encode() in db.read_bytes()  # what the upgrade has to remove
    kiosk = Kiosk.open(empty_home)
    assert migrate.current_revision(kiosk.engine) == migrate.head_revision()
    later = records.save_record(kiosk, "payment", payload, "TNV01", now=NOW)
    with read_session(kiosk.engine) as session:
        macs = dict(session.query(OutboxItem.id, OutboxItem.payload_mac))
        frozen = outbox.frozen_payload(
            kiosk.cipher, session.query(OutboxItem).filter_by(id=later.item_id).one()
        )
    kiosk.close()
    with closing(sqlite3.connect(db)) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(outbox)")}
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert "payload_sha256" not in columns
    assert macs == {saved.item_id: None, later.item_id: kiosk.cipher.digest(frozen)}
    stored = b"".join(p.read_bytes() for p in empty_home.glob("kiosk.db*"))  # and a WAL
    assert plain.encode() not in stored


def test_0009_drops_the_status_notes(empty_home: Path) -> None:
    """A database of 0008 kept the province's status notes in plain text (one may name the
    person); after the upgrade none is left anywhere in the file, and the status stays."""
    kiosk = Kiosk.open(empty_home)
    rng = random.Random(10)
    saved = records.save_record(kiosk, "dossier", sample_payload("dossier", rng, NOW), "TNV01")
    kiosk.close()
    note = "Đã trả kết quả cho bà Diêm Thị Xuân"
    db = empty_home / "kiosk.db"
    with closing(sqlite3.connect(db)) as conn, conn:
        _back_before_0009(conn)
        conn.execute(
            "INSERT INTO dossier_statuses (change_seq, item_id, status_code, note, received_at) "
            "VALUES ('1', ?, 10, ?, '2026-11-22 01:00:00.000000')",
            (saved.item_id, note),
        )
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert note.encode() in db.read_bytes()  # what the upgrade has to remove
    kiosk = Kiosk.open(empty_home)
    assert migrate.current_revision(kiosk.engine) == migrate.head_revision()
    kiosk.close()
    with closing(sqlite3.connect(db)) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(dossier_statuses)")}
        kept = conn.execute("SELECT change_seq, status_code FROM dossier_statuses").fetchall()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert "note" not in columns and kept == [("1", 10)]
    stored = b"".join(p.read_bytes() for p in empty_home.glob("kiosk.db*"))
    assert note.encode() not in stored


def test_0010_seals_the_provinces_words_kept_in_plain_text(empty_home: Path) -> None:
    """A database of 0009 kept the province's words in plain text: a rejection quoting the
    person (``errors_json``) and a ``retry_later`` detail (``last_error``). After the upgrade
    (the migration, then the step ``Kiosk.open`` runs with the data key) none is left anywhere
    in the file; the plain columns keep the field and the code; the volunteer correcting the
    record still reads the message."""
    kiosk = Kiosk.open(empty_home)
    rng = random.Random(11)
    refused = records.save_record(kiosk, "dossier", sample_payload("dossier", rng, NOW), "TNV01")
    payment = sample_payload("payment", rng, NOW) | {"dossier_id": None}
    waiting = records.save_record(kiosk, "payment", payment, "TNV01")
    kiosk.close()
    message = "Số định danh 079059415805 của công dân Trần Hữu Nam không khớp (SĐT +84915732099)"
    detail = "Người nộp Lê Thị Hồng Vân đang được xác minh"
    errors = [{"field": "payload.MaDoiTuong", "code": "not_in_population_db", "message": message}]
    db = empty_home / "kiosk.db"
    with closing(sqlite3.connect(db)) as conn, conn:
        _back_before_0010(conn)
        conn.execute(
            "UPDATE outbox SET state = 'rejected', errors_json = ? WHERE id = ?",
            (json.dumps(errors, ensure_ascii=False), refused.item_id),
        )
        conn.execute("UPDATE outbox SET last_error = ? WHERE id = ?", (detail, waiting.item_id))
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    words = ("Trần Hữu Nam", "079059415805", "+84915732099", "Lê Thị Hồng Vân")
    assert all(w.encode() in db.read_bytes() for w in words)  # what the upgrade has to seal
    kiosk = Kiosk.open(empty_home)
    try:
        assert migrate.current_revision(kiosk.engine) == migrate.head_revision()
        with read_session(kiosk.engine) as session:
            rejected = session.query(OutboxItem).filter_by(id=refused.item_id).one()
            pending = session.query(OutboxItem).filter_by(id=waiting.item_id).one()
            flag = session.get(Meta, province_texts.UPGRADE_FLAG)
        assert flag is None  # the step ran once and is done
        assert json.loads(rejected.errors_json or "") == [
            {"field": "payload.MaDoiTuong", "code": "not_in_population_db"}
        ]
        assert (pending.state, pending.last_error) == ("pending", province_texts.RETRY_LATER)
        assert province_texts.read(kiosk.cipher, pending).detail == detail
        (error,) = corrections.load(kiosk, refused.item_id).errors
        assert error.message == message and error.code == "not_in_population_db"
    finally:
        kiosk.close()
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stored = b"".join(p.read_bytes() for p in empty_home.glob("kiosk.db*"))
    assert not [w for w in words if w.encode() in stored]


_NOTE_0006 = (
    "Đã huỷ gửi theo yêu cầu xoá dữ liệu khi mục đang được gửi; không rõ tỉnh đã nhận hay "
    "chưa và không thể gửi lại để đối chiếu: hãy hỏi tỉnh theo mã mục. (withdrawn: personal "
    "data deleted on request while this item was being sent; whether the province received "
    "it is unknown and it cannot be resent to find out: ask the province by item id.)"
)
