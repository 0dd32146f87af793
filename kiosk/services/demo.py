"""Realistic synthetic records through the normal save path (``kiosk demo seed``)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime
from typing import Any

from kiosk.domain.samples import sample_payload
from kiosk.services.context import Kiosk
from kiosk.services.records import SavedRecord, save_record
from kiosk.store.models import utcnow

VOLUNTEERS = ("TNV01", "TNV02", "TNV03")
# the demo's support point prints a sample hotline and takes transfers to a sample account;
# a real kiosk has neither until its technician enters the ward's (``kiosk config set``)
DEMO_POINT_SETTINGS = {
    "kiosk.hotline": "0258 3822 222",
    "payment.bank_bin": "970415",
    "payment.account": "113366668888",
    "payment.beneficiary": "UBND PHUONG NHA TRANG",
    "payment.bank_name": "VietinBank",
}


def use_demo_point(kiosk: Kiosk) -> None:
    """The demo's hotline and sample bank account (``--demo``, screenshots, tests)."""
    for key, value in DEMO_POINT_SETTINGS.items():
        kiosk.settings.set(key, value)


def seed_plan(counts: dict[str, int], rng: random.Random) -> list[str]:
    """The kinds to save, interleaved as a busy day would interleave them."""
    plan = [kind for kind, n in counts.items() for _ in range(n)]
    rng.shuffle(plan)
    return plan


def seed(
    kiosk: Kiosk,
    counts: dict[str, int],
    seed_value: int,
    on_saved: Callable[[SavedRecord], None],
    now: Callable[[], datetime] = utcnow,
) -> int:
    rng = random.Random(seed_value)
    dossiers: list[tuple[str, dict[str, Any]]] = []  # (outbox item, payload) saved so far
    saved_count = 0
    for kind in seed_plan(counts, rng):
        payload = sample_payload(kind, rng, now())
        if kind == "payment" and "dossier_id" in payload:
            _pay_for_a_dossier(payload, dossiers, rng)
        elif kind == "registration" and "dossier_id" in payload:
            use_dossier = dossiers and rng.random() < 0.6
            payload["dossier_id"] = rng.choice(dossiers)[0] if use_dossier else None
        payload.pop("NguoiHoTro", None)  # as on the touch screen: the volunteer who saves
        saved = save_record(kiosk, kind, payload, rng.choice(VOLUNTEERS))
        if kind == "dossier":
            dossiers.append((saved.item_id, payload))
        on_saved(saved)
        saved_count += 1 + len(saved.linked)
    return saved_count


def _pay_for_a_dossier(
    payload: dict[str, Any], dossiers: list[tuple[str, dict[str, Any]]], rng: random.Random
) -> None:
    """Most payments pay a fee of a dossier saved earlier, paid by its applicant, as the
    look-up's "Nộp phí cho hồ sơ này" makes them; the others stand alone (a contribution)."""
    with_fees = [d for d in dossiers if d[1].get("DanhSachLePhi")]
    if not with_fees or rng.random() >= 0.6:
        payload["dossier_id"] = None
        return
    item, dossier = rng.choice(with_fees)
    fee = rng.choice(dossier["DanhSachLePhi"])
    payload.update(
        dossier_id=item,
        NoiDung=fee["TenPhiLePhi"],
        SoTien=fee["SoTien"],
        LoaiKhoanNop="le_phi" if fee.get("LoaiPhiLePhi") == "Lệ phí" else "phi",
        NguoiNop=dossier["ChuHoSo"],
        MaDoiTuongNguoiNop=dossier.get("MaDoiTuong"),
    )
