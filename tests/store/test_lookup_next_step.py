"""The look-up says what the resident does next at each status: the province's note is never
kept (it may name the person), so without this a resident read "Yêu cầu bổ sung giấy tờ" and
no word of where to go, or "Đã xử lý xong" and not whether the post brings the result."""

from __future__ import annotations

import json
import random

import pytest
from sqlalchemy import update

from kiosk.domain import statuses
from kiosk.domain.fields import VN_TZ
from kiosk.domain.samples import sample_payload
from kiosk.services import records
from kiosk.services.context import Kiosk
from kiosk.services.lookup import DossierLookup, OtherReceipt, by_receipt_code
from kiosk.store.db import write_session
from kiosk.store.models import OutboxItem, utcnow
from kiosk.sync import inbound
from tests.conftest import run_cli


def _dossier(kiosk: Kiosk, by_post: bool, seed: int = 3) -> records.SavedRecord:
    payload = sample_payload("dossier", random.Random(seed), utcnow())
    if not by_post:
        payload["HinhThucNhanKetQua"] = 0
    assert payload["HinhThucNhanKetQua"] == int(by_post)  # by post: a seed whose sample is so
    return records.save_record(kiosk, "dossier", payload, "TNV01")


def _status(kiosk: Kiosk, saved: records.SavedRecord, code: int) -> DossierLookup:
    data = {"id": saved.item_id, "TrangThaiHoSo": code}
    with write_session(kiosk.engine) as session:
        change = {"type": "dossier_status", "seq": f"{saved.item_id}-{code}", "data": data}
        assert inbound.apply_change(session, change) == 1
    found = by_receipt_code(kiosk, saved.receipt_code)
    assert found is not None and found.status_code == code
    return found


def test_every_status_says_what_to_do_next_in_both_languages() -> None:
    for code in statuses.STATUS_WORDS:
        for by_post in (False, True):
            vi, en = statuses.next_step(code, by_post)
            assert vi and en and vi != en, code
            assert vi not in statuses.STATUS_WORDS[code], code  # more than the status again


def test_before_the_province_answers_the_resident_need_not_apply_again(kiosk: Kiosk) -> None:
    found = by_receipt_code(kiosk, _dossier(kiosk, by_post=False).receipt_code)
    assert found is not None and found.status_code is None
    assert "không cần nộp lại" in found.next_step
    assert not found.fees_due


def test_more_papers_and_refusals_say_where_to_ask(kiosk: Kiosk) -> None:
    saved = _dossier(kiosk, by_post=False)
    for code in (3, 5, 8):
        found = _status(kiosk, saved, code)
        assert "Bộ phận Một cửa" in found.next_step and "one-stop desk" in found.next_step_en
        assert not found.fees_due


def test_fees_asked_for_can_be_paid_here(kiosk: Kiosk) -> None:
    found = _status(kiosk, _dossier(kiosk, by_post=False), 6)
    assert found.fees_due and "nộp ngay tại máy này" in found.next_step
    assert not _status(kiosk, _dossier(kiosk, by_post=False, seed=4), 4).fees_due


@pytest.mark.parametrize(("by_post", "words"), [(False, "Bộ phận Một cửa"), (True, "Bưu điện")])
def test_a_result_ready_says_how_it_comes_back(kiosk: Kiosk, by_post: bool, words: str) -> None:
    saved = _dossier(kiosk, by_post=by_post, seed=4 if by_post else 3)
    assert words in _status(kiosk, saved, 9).next_step


def test_the_lookup_command_says_the_next_step_too(kiosk: Kiosk) -> None:
    saved = _dossier(kiosk, by_post=False)
    _status(kiosk, saved, 5)
    kiosk.close()  # the command opens the data home itself
    shown = run_cli("lookup", saved.receipt_code.lower())
    assert shown.returncode == 0, shown.stderr
    assert "Trạng thái: Yêu cầu bổ sung giấy tờ" in shown.stdout
    assert "Việc cần làm: Cơ quan cần thêm giấy tờ." in shown.stdout
    as_json = json.loads(run_cli("lookup", saved.receipt_code, "--json").stdout)
    assert as_json["status_code"] == 5 and as_json["fees_due"] is False
    assert as_json["next_step_en"].startswith("The office needs more papers.")
    missing = run_cli("lookup", "NT01-000000-9999")
    assert missing.returncode == 1 and "Không tìm thấy" in missing.stderr


@pytest.mark.parametrize(
    ("kind", "words"),
    [("feedback", "một phản ánh, kiến nghị"), ("payment", "một khoản nộp tiền"),
     ("registration", "một đăng ký dịch vụ")],
)  # fmt: skip
def test_a_receipt_code_that_is_not_a_dossier_says_what_it_is(
    kiosk: Kiosk, kind: str, words: str
) -> None:
    """A resident types the code from a feedback or payment receipt: "no dossier with this
    code" read as if it were lost. It says what the code is, when it was saved and whether it
    reached the province — nothing of the person, and it counts as a look-up."""
    payload = sample_payload(kind, random.Random(2), utcnow())
    payload.pop("dossier_id", None)
    saved = records.save_record(kiosk, kind, payload, "TNV01")
    found = by_receipt_code(kiosk, saved.receipt_code.lower(), alone=True, now=0.0)
    assert isinstance(found, OtherReceipt) and found.kind == kind
    today = utcnow().astimezone(VN_TZ).strftime("%d/%m/%Y")
    assert f"là biên nhận của {words}, lưu ngày {today}" in found.message
    assert "chờ gửi lên tỉnh" in found.message and "waiting to be sent" in found.message_en
    assert found.as_dict().keys() == {"receipt_code", "kind", "saved_on", "state"}
    with write_session(kiosk.engine) as session:  # the province took it
        session.execute(
            update(OutboxItem).where(OutboxItem.id == saved.item_id).values(state="accepted")
        )
    again = by_receipt_code(kiosk, saved.receipt_code)
    assert isinstance(again, OtherReceipt) and "Tỉnh đã nhận" in again.message
    guard = kiosk.cache["lookup.guard"]
    assert [code for _at, code in guard.found] == [saved.receipt_code]


def test_the_lookup_command_says_what_another_receipt_code_is(kiosk: Kiosk) -> None:
    payload = sample_payload("feedback", random.Random(2), utcnow())
    saved = records.save_record(kiosk, "feedback", payload, "TNV01")
    kiosk.close()
    shown = run_cli("lookup", saved.receipt_code)
    assert shown.returncode == 0, shown.stderr
    assert "là biên nhận của một phản ánh, kiến nghị" in shown.stdout
    assert json.loads(run_cli("lookup", saved.receipt_code, "--json").stdout)["kind"] == "feedback"
