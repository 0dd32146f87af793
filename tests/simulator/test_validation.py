"""What the province checks: the batch shape (400/413) and each payload (``rejected``)."""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

import pytest

from kiosk.domain.fields import VN_TZ
from kiosk.domain.samples import sample_payload
from kiosk.simulator.validation import (
    REFUSAL_MARKER,
    BatchShapeError,
    BatchTooLarge,
    check_batch,
    check_payload,
)
from tests.simulator.helpers import KINDS, item, payload


def codes(kind: str, body: dict[str, Any]) -> dict[str, str]:
    return {e["field"]: e["code"] for e in check_payload(kind, body)}


@pytest.mark.parametrize("kind", KINDS)
def test_valid_payloads_pass(kind: str) -> None:
    assert check_payload(kind, payload(kind)) == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_kiosk_sample_payload_passes(kind: str) -> None:
    rng = random.Random(11)
    now = datetime(2026, 11, 22, 9, 0, tzinfo=VN_TZ)
    for _ in range(30):
        assert check_payload(kind, sample_payload(kind, rng, now, with_receipt=True)) == []


def test_unknown_fields_are_accepted() -> None:
    assert check_payload("visit", payload("visit", GhiChuThem="x")) == []


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("dossier", "MaTTHC"),
        ("dossier", "ChuHoSo"),
        ("dossier", "DiaChi"),
        ("dossier", "NgayNopTaiDiem"),
        ("dossier", "DongY"),
        ("dossier", "MaBienNhanTaiDiem"),
        ("payment", "SoTien"),
        ("payment", "MaBienNhanTaiDiem"),
        ("registration", "NguoiDangKy"),
        ("feedback", "NoiDung"),
        ("visit", "ThoiDiem"),
    ],
)
def test_required_fields(kind: str, field: str) -> None:
    assert codes(kind, payload(kind, drop=(field,))) == {f"payload.{field}": "required"}


def test_personal_id_must_have_12_digits() -> None:
    errors = check_payload("dossier", payload("dossier", MaDoiTuong="05619000123"))
    assert errors == [
        {
            "field": "payload.MaDoiTuong",
            "code": "invalid_format",
            "message": "Số định danh cá nhân phải gồm 12 chữ số",
        }
    ]


def test_business_takes_a_tax_code() -> None:
    assert check_payload("dossier", payload("dossier", LoaiDoiTuong=2, MaDoiTuong="056190001234"))
    assert not check_payload("dossier", payload("dossier", LoaiDoiTuong=2, MaDoiTuong="4201234567"))
    assert not check_payload(
        "dossier", payload("dossier", LoaiDoiTuong=2, MaDoiTuong="4201234567-001")
    )


@pytest.mark.parametrize("amount", [0, -5, 1.5, "10000", True])
def test_payment_amount_is_a_positive_integer(amount: Any) -> None:
    assert set(codes("payment", payload("payment", SoTien=amount))) == {"payload.SoTien"}


def test_enumerations_and_stamps() -> None:
    assert codes("payment", payload("payment", HinhThuc="bitcoin")) == {
        "payload.HinhThuc": "invalid_value"
    }
    assert codes("visit", payload("visit", ThoiDiem="2026-11-22")) == {
        "payload.ThoiDiem": "invalid_format"
    }
    assert codes("visit", payload("visit", ThoiDiem="20261332093000")) == {
        "payload.ThoiDiem": "invalid_format"
    }
    assert codes("dossier", payload("dossier", KenhThucHien=1)) == {
        "payload.KenhThucHien": "invalid_value"
    }


@pytest.mark.parametrize("kind", ["payment", "registration", "feedback"])
def test_the_kiosks_consent_addition_is_checked_when_present(kind: str) -> None:
    """Contract v1 has no ``DongY`` outside a dossier, so the province takes these kinds
    without it; the kiosk sends one anyway (personal-data law), and a broken one is refused."""
    assert "DongY" not in payload(kind)
    good = {"ThoiDiem": "20261122085500", "PhienBanThongBao": "2026-01", "MucDich": ["x"]}
    assert check_payload(kind, payload(kind, DongY=good)) == []
    assert codes(kind, payload(kind, DongY="đồng ý")) == {"payload.DongY": "invalid_format"}
    broken = {**good, "ThoiDiem": "22/11/2026", "MucDich": []}
    assert codes(kind, payload(kind, DongY=broken)) == {
        "payload.DongY.ThoiDiem": "invalid_format",
        "payload.DongY.MucDich": "invalid_type",
    }


def test_nested_fields_are_named_by_path() -> None:
    body = payload("dossier", TaiLieuNop=[{"TenTepDinhKem": "a.pdf", "sha256": "xyz"}])
    assert codes("dossier", body) == {"payload.TaiLieuNop[0].sha256": "invalid_format"}
    body = payload("dossier", DiaChi={"SoNha": "1", "MaXa": "2236", "MaTinh": "56"})
    assert codes("dossier", body) == {"payload.DiaChi.MaXa": "invalid_format"}


@pytest.mark.parametrize(("kind", "field"), [("dossier", "TrichYeuHoSo"), ("payment", "NoiDung")])
def test_province_only_marker_rejects(kind: str, field: str) -> None:
    errors = check_payload(kind, payload(kind, **{field: f"Xin giải quyết {REFUSAL_MARKER}"}))
    assert [e["code"] for e in errors] == ["province_refused"]
    assert errors[0]["field"] == f"payload.{field}"
    assert "từ chối" in errors[0]["message"]


def test_marker_matches_decomposed_text_too() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", REFUSAL_MARKER)
    assert check_payload("dossier", payload("dossier", TrichYeuHoSo=decomposed))


@pytest.mark.parametrize(
    "body",
    [
        [],
        {"items": "x"},
        {"items": []},
        {"items": [1]},
        {"items": [{**item(), "id": "not-a-uuid"}]},
        {"items": [{**item(), "kind": "complaint"}]},
        {"items": [{**item(), "created_at": None}]},
        {"items": [{**item(), "created_at": "2026-11-22T08:41:10"}]},  # no offset
        {"items": [{**item(), "depends_on": "nope"}]},
        {"items": [{**item(), "payload": []}]},
    ],
)
def test_batch_shape_errors(body: Any) -> None:
    with pytest.raises(BatchShapeError):
        check_batch(body)


def test_batch_size_limits() -> None:
    assert len(check_batch({"items": [item() for _ in range(100)]})) == 100
    with pytest.raises(BatchTooLarge):
        check_batch({"items": [item() for _ in range(101)]})
