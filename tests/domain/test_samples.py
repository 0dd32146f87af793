"""Synthetic records are valid, normalised, realistic and deterministic."""

from __future__ import annotations

import json
import random

import pytest

from kiosk.domain.identity import parse_personal_id
from kiosk.domain.payloads import KINDS, validate_payload
from kiosk.domain.samples import SAMPLE_PROCEDURES, sample_context, sample_payload
from tests.domain.invalid_cases import NOW
from tests.shared_data import TTHC

CTX = sample_context(NOW)
CATALOGUE = TTHC / "procedures_cap_xa.jsonl"


@pytest.mark.parametrize("kind", KINDS)
def test_samples_are_valid_and_already_normalised(kind: str) -> None:
    for seed in range(150):
        payload = sample_payload(kind, random.Random(seed), NOW, with_receipt=seed % 2 == 0)
        assert validate_payload(kind, payload, CTX) == payload, seed


@pytest.mark.parametrize("kind", KINDS)
def test_samples_are_deterministic(kind: str) -> None:
    first = sample_payload(kind, random.Random(42), NOW)
    assert sample_payload(kind, random.Random(42), NOW) == first
    others = [sample_payload(kind, random.Random(s), NOW) for s in range(5)]
    assert len({json.dumps(o, sort_keys=True) for o in others}) > 1


def test_dossier_sample_is_consistent() -> None:
    for seed in range(50):
        payload = sample_payload("dossier", random.Random(seed), NOW)
        person = parse_personal_id(payload["MaDoiTuong"])
        assert person.birth_year == int(payload["NgaySinh"][:4])
        assert payload["DiaChi"]["MaTinh"] == "56"
        assert payload["SoDienThoai"].startswith("+84")
        assert all(isinstance(f["SoTien"], int) for f in payload.get("DanhSachLePhi", []))


@pytest.mark.skipif(not CATALOGUE.exists(), reason="shared TTHC snapshot not mounted")
def test_sample_procedures_exist_in_the_national_snapshot() -> None:
    snapshot = {}
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        snapshot[record["code"]] = record
    for code, procedure in SAMPLE_PROCEDURES.items():
        assert code in snapshot
        assert snapshot[code]["name"] == procedure.name
        assert snapshot[code]["field"] == procedure.field_name
        assert "xã" in snapshot[code]["level"]
