"""Copying the .db file (or the logs, or the attachments) off the PC reveals no personal data."""

from __future__ import annotations

import hashlib
import os
import random
import re
import stat
from pathlib import Path

import pytest

from kiosk.domain.samples import sample_payload
from kiosk.services import records
from kiosk.services.context import Kiosk
from kiosk.services.records import record_payload
from kiosk.store import outbox
from kiosk.store.db import read_session
from kiosk.store.models import RECORD_MODELS, OutboxItem
from tests.conftest import run_cli
from tests.domain.invalid_cases import NOW


def _people(kiosk: Kiosk) -> set[str]:
    """Every name, ID number, phone and street address the seeded records hold (decrypted)."""
    found: set[str] = set()
    with read_session(kiosk.engine) as session:
        for model in RECORD_MODELS.values():
            for record in session.query(model).all():
                _collect(record_payload(kiosk, session, record), found)
    return {v for v in found if len(v) >= 6}


def _collect(value: object, found: set[str]) -> None:
    keys = {
        "ChuHoSo",
        "MaDoiTuong",
        "SoDienThoai",
        "SoNha",
        "HoTen",
        "NguoiNop",
        "MaDoiTuongNguoiNop",
        "Email",
    }
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in keys and isinstance(inner, str):
                found.add(inner)
                if inner.startswith("+84"):
                    found.add("0" + inner[3:])  # the national form too
            _collect(inner, found)
    elif isinstance(value, list):
        for inner in value:
            _collect(inner, found)


def _all_bytes(root: Path) -> bytes:
    return b"".join(
        p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith(".cfg")
    )


def test_db_logs_and_files_hold_no_plaintext(home: Path) -> None:
    seeded = run_cli(
        "demo",
        "seed",
        "--dossiers",
        "60",
        "--payments",
        "30",
        "--registrations",
        "30",
        "--feedback",
        "20",
        "--visits",
        "20",
        "--seed",
        "11",
    )
    assert seeded.returncode == 0, seeded.stderr
    kiosk = Kiosk.open(home)
    people = _people(kiosk)
    kiosk.close()
    assert len(people) > 150  # names, CCCDs, phones, addresses really were seeded
    assert any(re.fullmatch(r"\d{12}", p) for p in people)
    blob = _all_bytes(home)  # the DB, its WAL, logs, attachments, settings
    assert (home / "logs" / "kiosk.log").exists()
    leaked = sorted(p for p in people if p.encode("utf-8") in blob)
    assert leaked == [], f"{len(leaked)} personal values in plaintext, e.g. {leaked[:1]!r}"


def test_no_plain_digest_of_a_payload_is_stored(kiosk: Kiosk) -> None:
    """A plain SHA-256 of a frozen payment payload gives the payer's name away to a dictionary
    of the names matching the stored initials; the kiosk keeps a keyed digest instead."""
    rng = random.Random(8)
    for kind in ("payment", "dossier", "registration"):
        payload = sample_payload(kind, rng, NOW)
        if kind == "payment":
            payload["dossier_id"] = None
        records.save_record(kiosk, kind, payload, "TNV01", now=NOW)
    with read_session(kiosk.engine) as session:
        items = session.query(OutboxItem).all()
        frozen = [outbox.frozen_payload(kiosk.cipher, item) for item in items]
        macs = [item.payload_mac for item in items]
    home = kiosk.layout.root
    kiosk.close()
    assert macs == [kiosk.cipher.digest(f) for f in frozen]
    blob = _all_bytes(home)
    plain = [hashlib.sha256(f).hexdigest().encode("ascii") for f in frozen]
    assert len(plain) == 3 and not [d for d in plain if d in blob]


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes; Windows: the profile's ACL")
def test_the_data_home_is_the_kiosk_accounts_alone(tmp_path: Path) -> None:
    """kiosk.db and logs/kiosk.log are made 0644 by the umask: the home around them is 0700,
    also one made earlier with 0755, so another account on the PC reads none of them."""
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o755)
    Kiosk.open(home).close()
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    fresh = tmp_path / "fresh"
    Kiosk.open(fresh).close()
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700
