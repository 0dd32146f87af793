"""The province's words about an item name the person, as real portals' do: they are sealed
at rest, masked on every output, and shown as written only on the correction screen.

The province here is a small contract-shaped server on 127.0.0.1 (as the personal-data review
reproduced it): it rejects a dossier quoting the applicant's ID, name and phone, and answers a
payment ``retry_later`` quoting the payer.
"""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.domain.samples import sample_payload
from kiosk.services import corrections, dashboard, records, subject
from kiosk.services.context import Kiosk
from kiosk.store import province_texts
from kiosk.store.db import read_session
from kiosk.store.models import OutboxItem, utcnow
from kiosk.sync import events
from kiosk.sync.relay import Relay
from tests.conftest import run_cli
from tests.sync.conftest import client_for, connect

NAME, CCCD, PHONE = "Trần Hữu Nam", "079059415805", "+84915732099"
PAYER, PAYER_ID = "Lê Thị Hồng Vân", "056187004321"
# what must never be in the data home, nor on any output but the correction screen
SECRETS = [NAME, NAME.upper(), CCCD, PHONE, "0915732099", PAYER, PAYER_ID]


class _Province(BaseHTTPRequestHandler):
    """Contract v1, just enough: token, health, no changes, no new catalogue; every dossier
    rejected and every payment asked to wait, in words that name the person."""

    def _send(self, code: int, body: Any) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if "/health" in self.path:
            self._send(200, {"status": "ok", "time": datetime.now(UTC).isoformat()})
        elif "/changes" in self.path:
            self._send(200, {"changes": [], "next": "c-1", "has_more": False})
        elif "/catalog" in self.path:
            self.send_response(304)
            self.end_headers()
        else:
            self._send(404, {"status": 404, "code": "not_found"})

    def do_HEAD(self) -> None:
        self.send_response(200)
        self.end_headers()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path.endswith("/oauth2/token"):
            self._send(200, {"access_token": "t", "token_type": "Bearer", "expires_in": 900})
            return
        results = []
        for item in json.loads(body)["items"]:
            p = item["payload"]
            if item["kind"] == "dossier":
                message = (f"Số định danh {p['MaDoiTuong']} của công dân {p['ChuHoSo']} "
                           "không khớp CSDL quốc gia về dân cư "
                           f"(SĐT {p.get('SoDienThoai', '')})")  # fmt: skip
                error = {"field": "payload.MaDoiTuong", "code": "not_in_population_db",
                         "message": message}  # fmt: skip
                results.append({"id": item["id"], "status": "rejected", "errors": [error]})
            else:
                detail = f"Người nộp {p['NguoiNop']} ({p['MaDoiTuongNguoiNop']}) đang được xác minh"
                results.append({"id": item["id"], "status": "retry_later", "detail": detail})
        self._send(200, {"results": results})

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake_province() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Province)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/api/kiosk/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _queue_two(kiosk: Kiosk) -> tuple[records.SavedRecord, records.SavedRecord]:
    rng = random.Random(41)
    dossier = sample_payload("dossier", rng, utcnow())
    dossier.update(ChuHoSo=NAME, MaDoiTuong=CCCD, NgaySinh="19590312", SoDienThoai=PHONE,
                   HinhThucNhanKetQua=0)  # fmt: skip
    payment = sample_payload("payment", rng, utcnow())
    payment.update(dossier_id=None, NguoiNop=PAYER, MaDoiTuongNguoiNop=PAYER_ID)
    return (
        records.save_record(kiosk, "dossier", dossier, "TNV01"),
        records.save_record(kiosk, "payment", payment, "TNV01"),
    )


def _stored(home: Path) -> bytes:
    """Every byte of the data home as it is (the database, its WAL, the logs, settings)."""
    files = sorted(p for p in home.rglob("*") if p.is_file() and not p.name.endswith(".cfg"))
    return b"".join(p.read_bytes() for p in files)


def _none_of_them_in(text: str | bytes) -> None:
    for secret in SECRETS:
        found = secret.encode() in text if isinstance(text, bytes) else secret in text
        assert not found, f"{secret!r} found"


def test_sealed_at_rest_masked_in_the_queue_shown_to_the_volunteer_who_corrects(
    home: Path, fake_province: str
) -> None:
    kiosk = Kiosk.open(home)
    connect(kiosk, fake_province)
    dossier, payment = _queue_two(kiosk)
    kiosk.close()

    synced = run_cli("sync", "--once")
    assert "Traceback" not in synced.stderr, synced.stderr
    _none_of_them_in(synced.stdout + synced.stderr)
    _none_of_them_in(_stored(home))  # kiosk.db, kiosk.db-wal, logs/kiosk.log, …

    kiosk = Kiosk.open(home)
    try:
        with read_session(kiosk.engine) as session:
            refused = session.query(OutboxItem).filter_by(id=dossier.item_id).one()
            waiting = session.query(OutboxItem).filter_by(id=payment.item_id).one()
        assert (refused.state, waiting.state) == ("rejected", "pending")
        # in plain text only what is needed to act: the field and the code
        assert json.loads(refused.errors_json or "") == [
            {"field": "payload.MaDoiTuong", "code": "not_in_population_db"}
        ]
        assert waiting.last_error == province_texts.RETRY_LATER
        said = province_texts.read(kiosk.cipher, waiting).detail or ""
        assert PAYER in said and PAYER_ID in said  # sealed, not lost

        # the volunteer correcting the record reads what the province wrote
        draft = corrections.load(kiosk, dossier.item_id)
        (error,) = draft.errors
        assert error.field == "payload.MaDoiTuong" and error.code == "not_in_population_db"
        assert NAME in error.message and CCCD in error.message and PHONE in error.message

        # the dashboard's cards show it masked
        (card,) = [a for a in dashboard.snapshot(kiosk).attention if a.item_id == dossier.item_id]
        shown = " ".join(r.message for r in card.reasons)
        _none_of_them_in(shown)
        assert "không khớp CSDL quốc gia" in shown and "T.H.N." in shown
    finally:
        kiosk.close()

    text = run_cli("queue")
    assert text.returncode == 0, text.stderr
    _none_of_them_in(text.stdout)
    assert "không khớp CSDL quốc gia" in text.stdout
    assert (
        "T.H.N." in text.stdout and "079*****5805" in text.stdout and "+84915***099" in text.stdout
    )
    assert "L.T.H.V." in text.stdout and "retry_later" in text.stdout

    as_json = run_cli("queue", "--json")
    assert as_json.returncode == 0, as_json.stderr
    _none_of_them_in(as_json.stdout)
    reasons = {i["id"]: i["reason"] for i in json.loads(as_json.stdout)["items"]}
    (reason,) = reasons[dossier.item_id]
    assert reason["field"] == "payload.MaDoiTuong" and reason["code"] == "not_in_population_db"
    assert "T.H.N." in reason["message"] and "079*****5805" in reason["message"]
    assert "L.T.H.V." in reasons[payment.item_id]


def test_the_rejection_event_carries_the_words_masked(home: Path, fake_province: str) -> None:
    """Whoever listens to the sync engine (the app's bridge, a log) gets no ID or phone."""
    kiosk = Kiosk.open(home)
    try:
        connect(kiosk, fake_province)
        dossier, _ = _queue_two(kiosk)
        relay = Relay(kiosk, client_for(fake_province))
        heard: list[dict[str, Any]] = []
        relay.bus.subscribe(lambda n, d: heard.append(d) if n == events.ITEM_REJECTED else None)
        relay.drain()
    finally:
        kiosk.close()
    (rejected,) = heard
    assert rejected["item_id"] == dossier.item_id
    (error,) = rejected["errors"]
    assert CCCD not in error["message"] and PHONE not in error["message"]
    assert error["code"] == "not_in_population_db"


def test_a_withdrawal_deletes_the_sealed_words(home: Path, fake_province: str) -> None:
    kiosk = Kiosk.open(home)
    try:
        connect(kiosk, fake_province)
        dossier, payment = _queue_two(kiosk)
        Relay(kiosk, client_for(fake_province)).drain()
        assert _sealed(kiosk) == {dossier.item_id, payment.item_id}
        subject.purge_subject(kiosk, CCCD, "TNV01", force=True)
        assert _sealed(kiosk) == {payment.item_id}
        with read_session(kiosk.engine) as session:
            item = session.query(OutboxItem).filter_by(id=dossier.item_id).one()
        assert (item.errors_json, item.reasons_enc) == (None, None)
    finally:
        kiosk.close()


def _sealed(kiosk: Kiosk) -> set[str]:
    with read_session(kiosk.engine) as session:
        sealed = select(OutboxItem.id).where(OutboxItem.reasons_enc.is_not(None))
        return set(session.execute(sealed).scalars())
