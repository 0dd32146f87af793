"""Backups: online, one file each, rotating; restore round-trips every record and paper byte
for byte, refuses to drop unsent items unless forced (and says which), never reuses a receipt
code, and purges again what was purged after the backup was made."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from filelock import FileLock

from kiosk import paths
from kiosk.domain.samples import sample_payload
from kiosk.services import backup, records, subject
from kiosk.services.context import Kiosk
from kiosk.services.restore import RestoreRefused, restore
from kiosk.store import migrate
from kiosk.store.models import utcnow
from tests.conftest import run_cli
from tests.maintenance.conftest import (
    RARE_NAMES,
    accept,
    days_ago,
    make_person,
    payload_values,
    save_person,
    seed_others,
)

SKIP_TABLES = {"audit_log", "alembic_version"}


def dump(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (audit log apart), in a stable order."""
    with closing(sqlite3.connect(database)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
            for t in tables
            if t not in SKIP_TABLES
        }


def audit_rows(database: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(database)) as conn:
        return conn.execute("SELECT * FROM audit_log ORDER BY seq").fetchall()


def papers(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (home / "attachments").rglob("*") if p.is_file()}


@pytest.fixture
def seeded(kiosk: Kiosk, rng: random.Random, tmp_path: Path) -> Kiosk:
    for name in RARE_NAMES[:3]:
        save_person(kiosk, rng, make_person(rng, name), tmp_path / "papers")
    seed_others(kiosk, rng, 20)
    return kiosk


def test_backup_file_manifest_and_cli(home: Path, seeded: Kiosk, tmp_path: Path) -> None:
    made = backup.create_backup(seeded)
    m = made.manifest
    assert made.path.parent == home / "backups" and made.path.stat().st_mode & 0o777 == 0o600
    assert m["schema_revision"] == migrate.head_revision()
    assert m["install_id"] == seeded.install_id and m["kiosk_code"]
    assert m["records"]["dossier"] >= 3 and sum(m["records"].values()) >= 32
    assert m["attachments"]["count"] == 3
    assert m["outbox"]["counts"]["pending"] == sum(m["records"].values())
    assert m["outbox"]["newest"]["state"] == "pending"
    assert m["key"]["name"] == f"data-key:{seeded.install_id}"
    with zipfile.ZipFile(made.path) as archive:
        names = set(archive.namelist())
    assert names == {backup.MANIFEST, *m["members"]}
    usb = tmp_path / "usb"
    unplugged = run_cli("backup", "--to", str(usb), "--json")  # a typo, or no drive: not made
    assert unplugged.returncode == 1 and "Không có thư mục" in unplugged.stderr
    assert not usb.exists()
    usb.mkdir()
    result = run_cli("backup", "--to", str(usb), "--json")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert Path(shown["path"]).parent == usb and seeded.install_id in shown["key_note"]
    text = run_cli("backup")
    assert text.returncode == 0 and seeded.install_id in text.stdout
    # nothing left beside the backups (the snapshot's -wal / -shm were)
    assert [p.name for p in usb.iterdir()] == [Path(shown["path"]).name]
    assert all(p.name.startswith(backup.PREFIX) for p in (home / "backups").iterdir())


def test_round_trip_byte_for_byte_after_damage(home: Path, seeded: Kiosk) -> None:
    made = backup.create_backup(seeded)
    tables, files = dump(home / "kiosk.db"), papers(home)
    chain = audit_rows(home / "kiosk.db")
    seeded.close()
    db = home / "kiosk.db"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with db.open("r+b") as handle:  # the file is damaged beyond opening
        handle.write(b"this is not a database anymore" * 4)
    for path in list((home / "attachments").rglob("*"))[:2]:
        if path.is_file():
            path.unlink()
    result = run_cli("restore", str(made.path), "--force", "--json")
    assert result.returncode == 0, result.stderr
    assert dump(db) == tables
    assert papers(home) == files
    assert chain[-1][3] == "backup.create"  # written once the copy was made: not in it
    after = audit_rows(db)
    assert after[: len(chain) - 1] == chain[:-1]
    assert [r[3] for r in after[len(chain) - 1 :]] == ["backup.restore"]
    assert run_cli("audit", "verify").returncode == 0
    aside = json.loads(result.stdout)["set_aside"]
    assert aside and Path(aside).exists()


def test_restore_on_another_pc_needs_the_key(
    home: Path, seeded: Kiosk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = backup.create_backup(seeded)
    tables, files = dump(home / "kiosk.db"), papers(home)
    seeded.close()
    other = tmp_path / "other-pc"
    other.mkdir()
    monkeypatch.setenv("KIOSK_HOME", str(other / "home"))
    monkeypatch.setenv("KIOSK_KEYRING", f"file:{other / 'keyring.cfg'}")
    paths.set_home(None)
    from kiosk.store import secrets

    secrets.reset_backend()
    Kiosk.open(other / "home").close()  # a new install: its own id and key
    refused = run_cli("restore", str(made.path))
    assert refused.returncode == 2 and "khóa dữ liệu" in refused.stderr
    (other / "keyring.cfg").write_bytes((home.parent / "keyring.cfg").read_bytes())
    secrets.reset_backend()
    done = run_cli("restore", str(made.path))
    assert done.returncode == 0, done.stderr
    assert re.search(r"sao lưu lúc \d\d/\d\d/\d{4} \d\d:\d\d\)", done.stdout), done.stdout
    assert dump(other / "home" / "kiosk.db") == tables and papers(other / "home") == files
    assert (other / "home" / "install-id").read_text().strip() == seeded.install_id
    kiosk = Kiosk.open(other / "home")  # the backup's key opens every payload there
    assert sum(1 for v in payload_values(kiosk).values() if v) >= 20
    kiosk.close()


def test_restore_refuses_to_drop_unsent_items_and_names_them(
    home: Path, seeded: Kiosk, rng: random.Random
) -> None:
    made = backup.create_backup(seeded)
    later = [
        records.save_record(seeded, "visit", sample_payload("visit", rng, utcnow()), "TNV01"),
        records.save_record(seeded, "dossier", sample_payload("dossier", rng, utcnow()), "TNV01"),
    ]
    accepted = records.save_record(seeded, "visit", sample_payload("visit", rng, utcnow()), "T")
    accept(seeded, {accepted.id}, utcnow())  # the province has this one: no refusal for it
    before = dump(home / "kiosk.db")
    seeded.close()
    refused = run_cli("restore", str(made.path), "--json")
    assert refused.returncode == 2
    listed = json.loads(refused.stdout)["unsent"]
    unsent = [*later, *(linked for r in later for linked in r.linked)]  # + a postal return
    assert sorted(u["receipt_code"] for u in listed) == sorted(r.receipt_code for r in unsent)
    assert {"visit", "dossier"} <= {u["kind"] for u in listed}
    assert all(r.receipt_code in refused.stderr for r in later)
    assert accepted.receipt_code not in refused.stderr
    assert dump(home / "kiosk.db") == before  # nothing changed
    forced = run_cli("restore", str(made.path), "--force")
    assert forced.returncode == 0, forced.stderr
    kiosk = Kiosk.open(home)
    new = records.save_record(kiosk, "visit", sample_payload("visit", rng, utcnow()), "TNV01")
    handed_out = {r.receipt_code for r in [*later, accepted]}
    assert new.receipt_code not in handed_out  # a printed code is never handed out twice
    kiosk.close()
    copies = list((home / "backups").glob("kiosk-before-restore-*.db"))
    assert len(copies) == 1
    with closing(sqlite3.connect(copies[0])) as conn:
        kept = {r[0] for r in conn.execute("SELECT receipt_code FROM visits")}
    assert {later[0].receipt_code, accepted.receipt_code} <= kept


def test_restore_refuses_while_running_or_altered(
    home: Path, seeded: Kiosk, tmp_path: Path
) -> None:
    made = backup.create_backup(seeded)
    layout = seeded.layout
    seeded.close()
    with FileLock(str(home / "relay.lock")), pytest.raises(RestoreRefused, match="đang chạy"):
        restore(layout, made.path)
    altered = tmp_path / "altered.zip"
    with zipfile.ZipFile(made.path) as src, zipfile.ZipFile(altered, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == backup.DB_MEMBER:
                data = data[:-1] + bytes([data[-1] ^ 1])
            dst.writestr(item, data)
    with pytest.raises(RestoreRefused, match="bị sửa đổi"):
        restore(layout, altered)
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK not really")
    assert run_cli("restore", str(junk)).returncode != 0


def test_restore_purges_again_what_was_purged_after_the_backup(
    home: Path, kiosk: Kiosk, rng: random.Random, tmp_path: Path
) -> None:
    person = save_person(kiosk, rng, make_person(rng, RARE_NAMES[5]), tmp_path / "p")
    accept(kiosk, person.record_ids(), days_ago(1))
    made = backup.create_backup(kiosk)
    subject.purge_subject(kiosk, person.cccd, "KTV01")
    layout = kiosk.layout
    kiosk.close()
    result = restore(layout, made.path)
    assert result.purged_again == 4
    kiosk = Kiosk.open(home)
    assert all(not payload_values(kiosk)[i] for i in person.record_ids())
    kiosk.close()


def test_rotation_and_backup_if_due(home: Path, kiosk: Kiosk) -> None:
    kiosk.settings.set("backup.keep", 3)
    first = backup.backup_if_due(kiosk)
    assert first is not None
    assert backup.backup_if_due(kiosk) is None  # the newest is recent
    assert backup.backup_if_due(kiosk, now=utcnow() + timedelta(hours=25)) is not None
    for _ in range(3):
        backup.create_backup(kiosk)
    left = backup.backups(home / "backups")
    assert len(left) == 3 and first.path not in [p for _, p in left]
    old_copy = home / "backups" / "kiosk-before-upgrade-0004-x.db"
    new_copy = home / "backups" / "kiosk-before-upgrade-0005-y.db"
    restore_copy = home / "backups" / "kiosk-before-restore-z.db"
    for path, age_days in ((old_copy, 10), (new_copy, 2), (restore_copy, 4)):
        path.write_bytes(b"x")
        stamp = time.time() - age_days * 86400
        os.utime(path, (stamp, stamp))
    backup.rotate(home / "backups", 3)
    assert not old_copy.exists() and new_copy.exists()
    # the only (so newest) copy of its kind goes too once older than keep days: it would
    # otherwise keep for ever the personal data withdrawn or purged since
    assert not restore_copy.exists()


@pytest.mark.slow
def test_sync_daemon_makes_the_daily_backup(home: Path) -> None:
    daemon = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sync", "--daemon"],
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not backup.backups(home / "backups"):
            time.sleep(0.2)
        assert len(backup.backups(home / "backups")) == 1
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=60)
    assert daemon.returncode == 0, daemon.stderr.read() if daemon.stderr else ""
