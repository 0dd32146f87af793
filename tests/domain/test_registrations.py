"""Service schemas are plain data a form can be rendered from, and minimal."""

from __future__ import annotations

import json
import unicodedata

from kiosk.domain.consent import PURPOSES
from kiosk.domain.registrations import SERVICES

EXPECTED = {
    "postal_send",
    "postal_return",
    "electricity",
    "water",
    "sanitation",
    "telecom",
    "clinic_appointment",
    "vaccination",
}


def test_the_eight_services() -> None:
    assert set(SERVICES) == EXPECTED


def test_schemas_serialise_to_json_with_vietnamese_labels() -> None:
    for schema in SERVICES.values():
        data = json.loads(json.dumps(schema.as_dict(), ensure_ascii=False))
        assert data["code"] == schema.code
        for detail in data["details"]:
            assert detail["label"] and detail["label_en"]
            assert unicodedata.is_normalized("NFC", detail["label"])
            if detail["type"] == "choice":
                assert detail["choices"]


def test_purposes_are_known_and_health_services_are_marked_sensitive() -> None:
    for schema in SERVICES.values():
        assert schema.purposes and set(schema.purposes) <= set(PURPOSES)
        assert schema.sensitive == ("du_lieu_suc_khoe" in schema.purposes)
        assert schema.applicant.get("HoTen") is True
    for code in ("clinic_appointment", "vaccination"):
        schema = SERVICES[code]
        assert schema.sensitive and not schema.needs_address
        assert schema.applicant.get("MaDoiTuong") is not True
        keys = {d.key for d in schema.details}
        assert not keys & {"TrieuChung", "BenhSu", "ChanDoan"}
