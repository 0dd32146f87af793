""" "Data about me": one person's records found by ID number, shown masked or in full,
deleted on request (refused for items the province lacks, unless forced)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.domain.errors import ValidationError
from kiosk.domain.samples import sample_payload
from kiosk.printing.labels import FEEDBACK_TOPICS, PAYMENT_TYPES
from kiosk.services import records, subject, users
from kiosk.services.context import Kiosk
from kiosk.store.db import read_session
from kiosk.store.models import AuditEntry, ItemState, OutboxItem, utcnow
from kiosk.sync.relay import Relay
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


@pytest.fixture
def two(kiosk: Kiosk, rng: random.Random, tmp_path: Path) -> tuple[Person, Person]:
    asked = save_person(kiosk, rng, make_person(rng, RARE_NAMES[3]), tmp_path / "papers")
    other = save_person(kiosk, rng, make_person(rng, RARE_NAMES[4]), tmp_path / "papers")
    seed_others(kiosk, rng, 10)
    return asked, other


def _mentioned_in_feedback(kiosk: Kiosk, rng: random.Random, person: Person) -> str:
    """Feedback sent by someone else that quotes ``person``'s ID number in its text: found
    only by reading the payloads."""
    payload = sample_payload("feedback", rng, utcnow())
    payload.update(AnDanh=False, NoiDung=f"Hỏi giúp hồ sơ của mẹ, số định danh {person.cccd}.")
    if payload.get("LienHe") is None:
        payload["LienHe"] = {"HoTen": "Bùi Văn Hậu", "SoDienThoai": "+84905111222"}
        payload["DongY"] = {
            "ThoiDiem": payload["ThoiDiem"],
            "PhienBanThongBao": "2026-01",
            "MucDich": ["lien_he_ho_tro"],
        }
    return records.save_record(kiosk, "feedback", payload, "TNV01").id


def test_find_by_id_linked_and_content_masked(
    kiosk: Kiosk, two: tuple[Person, Person], rng: random.Random
) -> None:
    asked, other = two
    mentioned = _mentioned_in_feedback(kiosk, rng, asked)
    found = subject.find(kiosk, asked.cccd, "KTV01")
    how = {r.record_id: r.found_by for r in found}
    assert set(how) == asked.record_ids() | {mentioned}
    assert sorted(how.values()).count("linked") == 1  # the postal-return registration
    assert how[mentioned] == "content"
    assert not found_in(asked.values(), json.dumps([r.as_dict() for r in found]).encode())
    assert all(r.state == "pending" and not r.accepted for r in found)
    assert subject.find(kiosk, other.cccd, "KTV01") != found
    with pytest.raises(ValidationError):
        subject.find(kiosk, "12345", "KTV01")
    with read_session(kiosk.engine) as session:
        entries = (
            session.execute(select(AuditEntry).where(AuditEntry.action == "subject.find"))
            .scalars()
            .all()
        )
    assert [json.loads(e.detail) for e in entries] == [{"records": 5}, {"records": 4}]
    assert not found_in(
        asked.values() | other.values(), b"".join(e.detail.encode() for e in entries)
    )


def test_each_record_says_what_it_is_in_words_not_codes(
    kiosk: Kiosk, two: tuple[Person, Person], rng: random.Random
) -> None:
    """The list read out to the person: a service's name, a payment's kind in words, a
    feedback's topic — not ``postal_return`` or ``le_phi``."""
    asked, _ = two
    mentioned = _mentioned_in_feedback(kiosk, rng, asked)
    found = subject.find(kiosk, asked.cccd, "KTV01")
    what = {(r.kind, r.record_id): r.what for r in found}
    assert sorted(v for (kind, _id), v in what.items() if kind == "registration") == [
        "Nhận kết quả thủ tục tại nhà qua bưu chính công ích",
        "Đăng ký dịch vụ điện",
    ]
    (payment,) = [v for (kind, _id), v in what.items() if kind == "payment"]
    assert any(payment.startswith(word) for word in PAYMENT_TYPES.values())
    assert payment.endswith(" đồng")
    assert what[("feedback", mentioned)] in FEEDBACK_TOPICS.values()
    for words in what.values():
        assert not re.search(r"[a-z]+_[a-z_]+", words), words  # no snake_case code left


def test_cli_show_masked_list_and_full_view(home: Path, two: tuple[Person, Person]) -> None:
    asked, _ = two
    masked = run_cli("subject", "show", asked.cccd, "--json")
    assert masked.returncode == 0, masked.stderr
    rows = json.loads(masked.stdout)
    assert len(rows) == 4 and not found_in(asked.values(), masked.stdout.encode())
    assert {r["kind"] for r in rows} == {"dossier", "payment", "registration"}
    text = run_cli("subject", "show", asked.cccd).stdout  # the list in words
    assert "hồ sơ" in text and "Chờ gửi" in text and "theo số định danh" in text
    assert "pending" not in text and "[id]" not in text
    anyone = run_cli("subject", "show", asked.cccd, "--full")  # whose eyes? said, not shown
    assert anyone.returncode == 2 and "--technician" in anyone.stderr
    assert not found_in(asked.values(), anyone.stdout.encode())
    kiosk = Kiosk.open(home)
    users.add_user(kiosk, "KTV09", "Lê Văn Kỹ", "technician", "7306")
    users.add_user(kiosk, "TNV09", "Phạm Thu", "volunteer", "5820")
    kiosk.close()
    volunteer = run_cli(
        "subject", "show", asked.cccd, "--full", "--technician", "TNV09", stdin="5820\n"
    )
    assert volunteer.returncode == 1 and "Chỉ kỹ thuật viên" in volunteer.stderr
    assert not found_in(asked.values(), volunteer.stdout.encode())
    full = run_cli("subject", "show", asked.cccd, "--full", "--technician", "KTV09", stdin="7306\n")
    assert full.returncode == 0, full.stderr
    shown = json.loads(full.stdout)
    assert shown[0]["payload"]["MaDoiTuong"] == asked.cccd
    assert shown[0]["payload"]["ChuHoSo"] == asked.name
    prompted = run_cli("subject", "show", "--json", stdin=f"{asked.cccd}\n")
    assert prompted.returncode == 0 and len(json.loads(prompted.stdout)) == 4
    assert asked.cccd not in prompted.stdout  # typed at the prompt, not echoed


def test_purge_refuses_unsent_names_them_then_force_withdraws(
    home: Path, kiosk: Kiosk, two: tuple[Person, Person]
) -> None:
    asked, other = two
    accept(kiosk, {asked.records[0].id}, days_ago(1))  # the dossier reached the province
    refused = run_cli("subject", "purge", asked.cccd)
    assert refused.returncode == 2
    for saved in asked.records[1:]:
        assert saved.receipt_code in refused.stderr
    assert asked.records[0].receipt_code not in refused.stderr  # accepted: not a problem
    assert not found_in(asked.values(), refused.stderr.encode())
    assert all(v for i, v in payload_values(kiosk).items() if i in asked.record_ids())

    forced = run_cli("subject", "purge", asked.cccd, "--force", "--json")
    assert forced.returncode == 0, forced.stderr
    report = json.loads(forced.stdout)["report"]
    assert report["records"] == 4 and report["withdrawn"] == 3 and report["files"] == 1
    kiosk.close()
    kiosk = Kiosk.open(home)
    values = payload_values(kiosk)
    assert all(not values[i] for i in asked.record_ids())
    assert all(values[i] for i in other.record_ids())
    with read_session(kiosk.engine) as session:
        items = session.query(OutboxItem).filter(OutboxItem.record_id.in_(asked.record_ids()))
        states = sorted(i.state for i in items)
    assert states == ["accepted"] + [ItemState.SUPERSEDED.value] * 3
    relay = Relay(kiosk, client=None)  # type: ignore[arg-type]  # picking sends nothing
    with read_session(kiosk.engine) as session:
        pending = {i.record_id for i in relay._pick(session, ItemState.PENDING.value)}
    assert not pending & asked.record_ids() and pending & other.record_ids()
    assert subject.find(kiosk, asked.cccd, "KTV01") == []
    blob = raw_bytes(home) + opened_database(kiosk.layout.database, kiosk.cipher)
    blob += opened_papers(kiosk.layout.attachments, kiosk.cipher)
    assert found_in(asked.values(), blob) == []
    assert (
        found_in({other.name, other.cccd}, opened_database(kiosk.layout.database, kiosk.cipher))
        != []
    )
    with read_session(kiosk.engine) as session:
        entry = session.execute(
            select(AuditEntry).where(AuditEntry.action == "subject.purge")
        ).scalar_one()
    detail = json.loads(entry.detail)
    assert detail["forced"] is True and detail["not_accepted"] == 3
    assert (
        asked.cccd not in entry.detail and kiosk.cipher.subject_ref(asked.cccd) not in entry.detail
    )
    kiosk.close()


def test_purge_of_accepted_records_needs_no_force(kiosk: Kiosk, two: tuple[Person, Person]) -> None:
    asked, _ = two
    accept(kiosk, asked.record_ids(), days_ago(2))
    found, report = subject.purge_subject(kiosk, asked.cccd, "KTV01")
    assert len(found) == 4 and report.records == 4 and report.withdrawn == 0
