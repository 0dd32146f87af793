"""Maintenance tests: real data homes, real residents' records through the save path, the real
simulator on 127.0.0.1 and a real loopback socket as the printer."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from kiosk.domain.samples import sample_birth_date, sample_payload, sample_personal_id, sample_phone
from kiosk.services import records
from kiosk.services.context import Kiosk
from kiosk.simulator import RunningSimulator, start_simulator
from kiosk.store import outbox
from kiosk.store.crypto import Cipher
from kiosk.store.db import read_session, write_session
from kiosk.store.models import RECORD_MODELS, OutboxItem, utcnow
from tests.sync.conftest import CLIENT_ID, SECRET

PERSONAL_KEYS = {"ChuHoSo", "MaDoiTuong", "SoDienThoai", "HoTen", "NguoiNop", "MaDoiTuongNguoiNop"}
# names no sample generator produces, so a purged person's name cannot also be someone else's
RARE_NAMES = (
    "Khổng Minh Triết",
    "Diêm Thị Xuân",
    "Âu Dương Phong",
    "Thân Thị Huyền Trân",
    "Lạc Văn Long",
    "Ôn Thị Như Ý",
    "Mạc Đĩnh Chi",
    "Hứa Thị Kim Quy",
)


@dataclass
class Person:
    """A resident with a dossier (returned by post: a linked registration), a payment and an
    electricity registration naming their ID, and a scanned paper holding their data."""

    name: str
    cccd: str
    phone: str  # E.164
    birth: date
    female: bool
    records: list[records.SavedRecord] = field(default_factory=list)

    def values(self) -> set[str]:
        return {self.name, self.cccd, self.phone, "0" + self.phone[3:]}

    def record_ids(self) -> set[str]:
        return {r.id for saved in self.records for r in (saved, *saved.linked)}


def make_person(rng: random.Random, name: str) -> Person:
    female = "Thị" in name
    birth = sample_birth_date(rng, date(2026, 1, 1))
    return Person(name, sample_personal_id(rng, birth, female), sample_phone(rng), birth, female)


def _postal_dossier(rng: random.Random, person: Person) -> dict[str, Any]:
    payload = sample_payload("dossier", rng, utcnow())
    payload.update(
        ChuHoSo=person.name,
        MaDoiTuong=person.cccd,
        SoDienThoai=person.phone,
        NgaySinh=f"{person.birth:%Y%m%d}",
        HinhThucNhanKetQua=1,
    )
    purposes = payload["DongY"]["MucDich"]
    if "tra_ket_qua_buu_chinh" not in purposes:
        purposes.append("tra_ket_qua_buu_chinh")
    return payload


def save_person(kiosk: Kiosk, rng: random.Random, person: Person, papers: Path) -> Person:
    papers.mkdir(parents=True, exist_ok=True)
    scan = papers / f"cccd-{person.cccd}.pdf"
    scan.write_bytes(f"%PDF-1.4 CCCD {person.name} {person.cccd} {person.phone}".encode())
    dossier = _postal_dossier(rng, person)
    dossier["TaiLieuNop"] = [
        {"path": str(scan), "MaThanhPhanHoSo": "TP1", "mime": "application/pdf"}
    ]
    saved = records.save_record(kiosk, "dossier", dossier, "TNV01")
    payment = sample_payload("payment", rng, utcnow())
    payment.update(NguoiNop=person.name, MaDoiTuongNguoiNop=person.cccd, dossier_id=saved.item_id)
    registration = sample_payload("registration", rng, utcnow())
    while registration["DichVu"] != "electricity":
        registration = sample_payload("registration", rng, utcnow())
    registration["NguoiDangKy"] = {
        "HoTen": person.name,
        "MaDoiTuong": person.cccd,
        "SoDienThoai": person.phone,
    }
    person.records = [
        saved,
        records.save_record(kiosk, "payment", payment, "TNV01"),
        records.save_record(kiosk, "registration", registration, "TNV02"),
    ]
    return person


def seed_others(kiosk: Kiosk, rng: random.Random, n: int) -> list[str]:
    """n records of other residents (all kinds); their ids."""
    ids = []
    for i in range(n):
        kind = records.KINDS[i % len(records.KINDS)]
        payload = sample_payload(kind, rng, utcnow())
        if "dossier_id" in payload:
            payload["dossier_id"] = None
        if kind == "registration" and payload["DichVu"] == "postal_return":
            continue
        saved = records.save_record(kiosk, kind, payload, "TNV03")
        ids += [saved.id, *(r.id for r in saved.linked)]
    return ids


def accept(kiosk: Kiosk, record_ids: Iterable[str], at: datetime, state: str = "accepted") -> None:
    """The province accepted these records' items at ``at`` (as the relay would record it)."""
    ids = list(record_ids)
    with write_session(kiosk.engine) as session:
        session.execute(
            update(OutboxItem)
            .where(OutboxItem.record_id.in_(ids))
            .values(state=state, updated_at=at)
        )


def days_ago(days: float) -> datetime:
    return utcnow() - timedelta(days=days)


def payload_values(kiosk: Kiosk) -> dict[str, set[str]]:
    """record id → the personal values its live payloads hold (decrypted)."""
    found: dict[str, set[str]] = {}
    with read_session(kiosk.engine) as session:
        for model in RECORD_MODELS.values():
            for record in session.query(model).all():
                values: set[str] = set()
                _collect(records.record_payload(kiosk, session, record), values)
                found[record.id] = values
    return found


def _collect(value: object, found: set[str]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in PERSONAL_KEYS and isinstance(inner, str):
                found.add(inner)
                if inner.startswith("+84"):
                    found.add("0" + inner[3:])
            _collect(inner, found)
    elif isinstance(value, list):
        for inner in value:
            _collect(inner, found)


def raw_bytes(*roots: Path) -> bytes:
    """Every byte of every file under ``roots`` (DB, WAL, attachments, backups, logs...)."""
    return b"".join(
        p.read_bytes() for root in roots for p in sorted(root.rglob("*")) if p.is_file()
    )


def opened_database(database: Path, cipher: Cipher) -> bytes:
    """Everything a database file holds once its sealed values are opened: every plain
    column of every table, every live outbox payload and user name, decrypted."""
    parts: list[bytes] = []
    with closing(sqlite3.connect(database)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.execute(f"SELECT * FROM {table}"):
                parts += [v.encode() if isinstance(v, str) else b"" for v in row]
        for item_id, sealed in conn.execute("SELECT id, payload_enc FROM outbox"):
            if sealed is not None:
                parts.append(cipher.open(sealed, outbox.payload_aad(item_id)))
        for code, sealed in conn.execute("SELECT code, name_enc FROM users"):
            parts.append(cipher.open(sealed, f"user:{code}".encode()))
    return b"\n".join(parts)


def opened_papers(folder: Path, cipher: Cipher) -> bytes:
    return b"\n".join(
        cipher.open(p.read_bytes(), f"attachment:{p.name}".encode())
        for p in sorted(folder.rglob("*"))
        if p.is_file() and len(p.name) == 64
    )


def found_in(values: Iterable[str], blob: bytes) -> list[str]:
    return sorted(v for v in values if v.encode("utf-8") in blob)


@pytest.fixture
def province(tmp_path: Path) -> Iterator[RunningSimulator]:
    with start_simulator(tmp_path / "province", clients=[(CLIENT_ID, SECRET)]) as sim:
        yield sim


@pytest.fixture
def rng() -> random.Random:
    return random.Random(91)
