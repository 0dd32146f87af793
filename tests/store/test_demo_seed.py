"""``kiosk demo seed`` makes records a pilot can believe: the volunteer on a receipt is the one
who saved it, and a payment linked to a dossier pays one of that dossier's fees, by its
applicant."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from kiosk.services import demo
from kiosk.services.context import Kiosk
from kiosk.services.records import record_payload
from kiosk.store.db import read_session
from kiosk.store.models import Dossier, Payment, RecordMixin


def test_seeded_records_agree_with_each_other(kiosk: Kiosk) -> None:
    counts = {"dossier": 30, "payment": 40, "registration": 5, "feedback": 3}
    demo.seed(kiosk, counts, 11, lambda saved: None)
    with read_session(kiosk.engine) as session:

        def payload(record: RecordMixin) -> dict[str, Any]:
            found = record_payload(kiosk, session, record)
            assert found is not None
            return found

        for dossier in session.execute(select(Dossier)).scalars():
            assert payload(dossier)["NguoiHoTro"] == dossier.actor
        linked = 0
        for payment in session.execute(select(Payment)).scalars():
            if payment.dossier_id is None:
                continue
            linked += 1
            row = session.get(Dossier, payment.dossier_id)
            assert row is not None
            paid, filed = payload(payment), payload(row)
            fees = {(f["TenPhiLePhi"], f["SoTien"]) for f in filed["DanhSachLePhi"]}
            assert (paid["NoiDung"], paid["SoTien"]) in fees
            assert paid["NguoiNop"] == filed["ChuHoSo"]
        assert linked >= 10
