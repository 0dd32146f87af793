"""A resident alone cannot read one neighbour's dossier after another by typing sequential
receipt codes: a few different dossiers, then a pause (a volunteer is not held back)."""

from __future__ import annotations

import random

import pytest

from kiosk.domain.errors import ValidationError
from kiosk.domain.samples import sample_payload
from kiosk.services import payments, records
from kiosk.services.context import Kiosk
from kiosk.services.lookup import (
    LOOKUP_WINDOW_S,
    RESIDENT_LOOKUPS,
    LookupsPaused,
    by_receipt_code,
)
from kiosk.store.models import utcnow


def dossiers(kiosk: Kiosk, n: int) -> list[str]:
    rng = random.Random(4)
    codes = []
    for _ in range(n):
        payload = sample_payload("dossier", rng, utcnow())
        payload["HinhThucNhanKetQua"] = 0
        codes.append(records.save_record(kiosk, "dossier", payload, "TNV01").receipt_code)
    return codes


def test_a_resident_alone_is_paused_after_a_few_different_dossiers(kiosk: Kiosk) -> None:
    codes = dossiers(kiosk, RESIDENT_LOOKUPS + 2)
    t = 1000.0
    for i, code in enumerate(codes[:RESIDENT_LOOKUPS]):
        found = by_receipt_code(kiosk, code, alone=True, now=t + i)
        assert found is not None and found.receipt_code == code
    assert by_receipt_code(kiosk, codes[0], alone=True, now=t + 10) is not None  # the same again
    assert by_receipt_code(kiosk, "NT01-000000-9999", alone=True, now=t + 11) is None  # a typo
    with pytest.raises(LookupsPaused) as paused:
        by_receipt_code(kiosk, codes[RESIDENT_LOOKUPS], alone=True, now=t + 12)
    # codes[0] was shown again at t + 10: codes[1], shown at t + 1, is the first to fall out
    assert paused.value.wait_s == pytest.approx(t + 1 + LOOKUP_WINDOW_S - (t + 12))
    # a volunteer beside the resident is not held back
    assert by_receipt_code(kiosk, codes[RESIDENT_LOOKUPS], alone=False, now=t + 12) is not None
    later = t + 1 + LOOKUP_WINDOW_S
    assert by_receipt_code(kiosk, codes[RESIDENT_LOOKUPS + 1], alone=True, now=later) is not None
    with pytest.raises(LookupsPaused):
        by_receipt_code(kiosk, codes[RESIDENT_LOOKUPS], alone=True, now=later)


def test_a_dossiers_fees_found_by_its_code_count_as_a_look_up(kiosk: Kiosk) -> None:
    """Paying a dossier's fee shows its procedure and fees: the same guard, the same budget."""
    codes = dossiers(kiosk, RESIDENT_LOOKUPS + 1)
    for code in codes[:RESIDENT_LOOKUPS]:
        assert payments.require_dossier(kiosk, code, alone=True).dossier_id
    assert payments.require_dossier(kiosk, codes[0], alone=True)  # the same one again
    with pytest.raises(ValidationError) as refused:
        payments.require_dossier(kiosk, codes[-1], alone=True)
    (error,) = refused.value.errors
    assert (error.field, error.code) == (payments.DOSSIER_PATH, "lookups_paused")
    assert "xin chờ khoảng 5 phút" in error.message and "wait about 5 min" in error.message_en
    with pytest.raises(LookupsPaused):
        by_receipt_code(kiosk, codes[-1], alone=True)  # one budget for both ways
    assert payments.require_dossier(kiosk, codes[-1]).dossier_id  # a volunteer is logged in
