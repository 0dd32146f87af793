"""Installing a newer build over an older one: a data home made by the first schema (0001),
holding records, a scanned paper and users, opens with the current code (Kiosk.open
migrates it), the doctor finds database and schema green, and the maintenance services work
on the migrated data."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.domain.samples import sample_payload
from kiosk.services import backup, doctor, records, retention, subject
from kiosk.services.context import Kiosk
from kiosk.store import crypto, migrate, outbox
from kiosk.store.db import insert_row, make_engine, read_session
from kiosk.store.models import Dossier, db_time, utcnow
from tests.domain.invalid_cases import NOW
from tests.old_rows import item_before_0008

AT = "2026-09-01 02:30:00.000000"  # saved (and accepted) long before the upgrade
INSTALL_ID = "00000000-0000-4000-8000-000000000001"


def _first_schema_home(home: Path) -> tuple[Path, crypto.Cipher]:
    home.mkdir(parents=True)
    layout = paths.HomeLayout(home)
    layout.install_id_file.write_text(INSTALL_ID, encoding="ascii")
    engine = make_engine(layout.database)
    migrate.upgrade(engine, layout.database, layout.db_backups, target="0001")
    engine.dispose()
    cipher = crypto.Cipher(crypto.create_key(INSTALL_ID))
    with closing(sqlite3.connect(layout.database)) as conn, conn:
        check = cipher.seal(crypto.KEY_CHECK_PLAIN, crypto.KEY_CHECK_AAD).hex()
        conn.execute("INSERT INTO meta(key, value) VALUES ('key_check', ?)", (check,))
        conn.execute("INSERT INTO meta(key, value) VALUES ('install_id', ?)", (INSTALL_ID,))
    return layout.database, cipher


def _record_0001(
    conn: sqlite3.Connection,
    cipher: crypto.Cipher,
    kind: str,
    payload: dict[str, Any],
    columns: dict[str, Any],
    state: str = "accepted",
    at: str = AT,
) -> str:
    """A record as the first release saved it: payload sealed in the record and its item."""
    item_id = outbox.new_item_id()
    item = outbox.new_item(cipher, item_id=item_id, kind=kind, record_id=item_id, payload=payload)
    item.update(created_at=at, updated_at=at, state=state)
    insert_row(conn, "outbox", item_before_0008(item, payload))
    number = conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
    insert_row(
        conn,
        records.TABLES[kind],
        {
            "id": item_id,
            "receipt_code": f"NT01-260901-{number:04d}",
            "created_at": at,
            "actor": "TNV01",
            "current_item_id": item_id,
            "data_enc": cipher.seal_json(payload, f"record:{kind}:{item_id}".encode()),
            **columns,
        },
    )
    return item_id


def test_first_schema_home_opens_migrates_and_stays_usable(empty_home: Path) -> None:
    db, cipher = _first_schema_home(empty_home)
    rng = random.Random(1)
    dossier = sample_payload("dossier", rng, NOW)
    scan = b"%PDF-1.4 scan of the first release"
    sha = __import__("hashlib").sha256(scan).hexdigest()
    paper = empty_home / "attachments" / sha[:2] / sha
    paper.parent.mkdir(parents=True)
    paper.write_bytes(cipher.seal(scan, f"attachment:{sha}".encode()))
    dossier["TaiLieuNop"] = [
        {
            "sha256": sha,
            "size": len(scan),
            "mime": "application/pdf",
            "MaThanhPhanHoSo": "TP1",
            "TenTepDinhKem": "scan.pdf",
        }
    ]
    with closing(sqlite3.connect(db)) as conn, conn:
        dossier_id = _record_0001(
            conn,
            cipher,
            "dossier",
            dossier,
            {
                "procedure_code": dossier["MaTTHC"],
                "procedure_name": dossier["TenTTHC"],
                "subject_masked": "X.Y.Z. 056*****0000",
                "return_method": 0,
                "fee_total": 0,
                "subject_ref": cipher.subject_ref(dossier["MaDoiTuong"]),
            },
        )
        conn.execute(
            "INSERT INTO attachments VALUES (?, ?, 'application/pdf', ?, NULL)",
            (sha, len(scan), AT),
        )
        conn.execute("INSERT INTO dossier_attachments VALUES (?, ?, 'TP1')", (dossier_id, sha))
        visit = sample_payload("visit", rng, NOW)
        _record_0001(
            conn,
            cipher,
            "visit",
            visit,
            {
                "topic": visit["ChuDe"],
                "result": visit["KetQua"],
                "duration_s": visit["ThoiLuongGiay"],
            },
            state="pending",
            at=db_time(utcnow()),
        )  # saved just before the upgrade

    kiosk = Kiosk.open(empty_home)  # the newer build starts on the old data home
    try:
        assert migrate.current_revision(kiosk.engine) == migrate.head_revision()
        assert list((empty_home / "backups").glob("kiosk-before-upgrade-0001-*.db"))
        report = doctor.run(kiosk, network=False)
        statuses = {c["name"]: c["status"] for c in report["checks"]}
        assert statuses["database"] == statuses["schema"] == "green"
        assert report["status"] != "red", [c for c in report["checks"] if c["status"] == "red"]
        with read_session(kiosk.engine) as session:
            row = session.get(Dossier, dossier_id)
            assert row is not None
            assert records.record_payload(kiosk, session, row) == dossier
        found = subject.find(kiosk, dossier["MaDoiTuong"], "KTV01")
        assert [r.record_id for r in found] == [dossier_id]
        made = backup.create_backup(kiosk)
        assert made.manifest["schema_revision"] == migrate.head_revision()
        assert made.manifest["attachments"]["count"] == 1
        purged = retention.purge_due(kiosk)  # accepted in September: well past 30 days
        assert purged.records == 1 and purged.files == 1 and not paper.exists()
    finally:
        kiosk.close()
