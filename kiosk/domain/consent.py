"""Consent records (Law 91/2025/QH15 on personal data, Decree 356/2025/NĐ-CP).

Before any personal data is captured the resident is shown a notice (identified by its
version, setting ``consent.versions``) and agrees purpose by purpose. The record travels in
the payload as ``DongY``::

    {"ThoiDiem": "20261122084110", "PhienBanThongBao": "2026-01",
     "MucDich": ["giai_quyet_tthc", "lien_he_ho_tro"]}

Purpose codes (:data:`PURPOSES`) are stable; their labels are shown on the consent screen.
Each kind of record names the purposes it cannot go without (``required`` below); missing
one is ``consent_purpose_missing``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from kiosk.domain.fields import Problems, check_list, check_object, check_timestamp


@dataclass(frozen=True, slots=True)
class Purpose:
    code: str
    label: str  # Vietnamese, as shown on the consent screen
    label_en: str
    sensitive: bool = False  # covers sensitive data (health)


PURPOSES: dict[str, Purpose] = {
    p.code: p
    for p in (
        Purpose(
            "giai_quyet_tthc",
            "Giải quyết thủ tục hành chính đã chọn",
            "Handling the chosen administrative procedure",
        ),
        Purpose(
            "tra_ket_qua_buu_chinh",
            "Gửi kết quả về nhà qua bưu chính công ích",
            "Delivering the result by public postal service",
        ),
        Purpose(
            "lien_he_ho_tro",
            "Liên hệ lại với người dân về hồ sơ, phản ánh",
            "Contacting the resident about the dossier or feedback",
        ),
        Purpose(
            "thanh_toan",
            "Thanh toán phí, lệ phí và đối soát khoản nộp",
            "Paying fees and reconciling payments",
        ),
        Purpose(
            "dang_ky_dich_vu",
            "Chuyển thông tin đăng ký cho đơn vị cung cấp dịch vụ",
            "Passing the registration to the service provider",
        ),
        Purpose(
            "du_lieu_suc_khoe",
            "Xử lý thông tin sức khỏe cần cho lịch khám, tiêm chủng",
            "Processing health data needed for the appointment or vaccination",
            sensitive=True,
        ),
    )
}

CONSENT_KEYS = ("ThoiDiem", "PhienBanThongBao", "MucDich")


def check_consent(
    problems: Problems,
    path: str,
    value: object,
    *,
    versions: Collection[str],
    now: datetime,
    required_purposes: Collection[str] = (),
    required: bool = True,
) -> dict[str, object] | None:
    """A consent record naming a known notice version and known, sufficient purposes."""
    if value is None and required:
        problems.add(
            path,
            "consent_missing",
            "Chưa có xác nhận đồng ý xử lý dữ liệu cá nhân; vui lòng đọc thông báo "
            "và xác nhận trước khi nhập thông tin.",
            "Consent to personal-data processing is missing.",
        )
        return None
    record = check_object(problems, path, value, CONSENT_KEYS, required=False)
    if record is None:
        return None
    moment = check_timestamp(problems, f"{path}.ThoiDiem", record.get("ThoiDiem"), now=now)
    version = _check_version(
        problems, f"{path}.PhienBanThongBao", record.get("PhienBanThongBao"), versions
    )
    purposes = _check_purposes(
        problems, f"{path}.MucDich", record.get("MucDich"), required_purposes
    )
    if moment is None or version is None or purposes is None:
        return None
    return {"ThoiDiem": moment, "PhienBanThongBao": version, "MucDich": purposes}


def _check_version(
    problems: Problems, path: str, value: object, versions: Collection[str]
) -> str | None:
    if value is None or value == "":
        problems.add(
            path,
            "required",
            "Thiếu phiên bản thông báo đồng ý.",
            "The consent notice version is missing.",
        )
        return None
    if not isinstance(value, str) or value not in versions:
        problems.add(
            path,
            "consent_unknown_version",
            "Phiên bản thông báo đồng ý không còn hiệu lực; vui lòng xác nhận lại "
            "theo thông báo hiện hành.",
            "This consent notice version is not in force; ask for consent again.",
        )
        return None
    return value


def _check_purposes(
    problems: Problems, path: str, value: object, required_purposes: Collection[str]
) -> list[str] | None:
    items = check_list(problems, path, value, max_items=len(PURPOSES))
    if not items:
        if value is None or items == []:
            problems.add(
                path,
                "required",
                "Cần chọn ít nhất một mục đích xử lý dữ liệu.",
                "At least one processing purpose is needed.",
            )
        return None
    if any(not isinstance(p, str) or p not in PURPOSES for p in items):
        problems.add(
            path,
            "invalid_choice",
            "Có mục đích xử lý dữ liệu không hợp lệ.",
            "A processing purpose is not one of the known purposes.",
        )
        return None
    purposes = list(dict.fromkeys(items))
    missing = [p for p in required_purposes if p not in purposes]
    if missing:
        labels = "; ".join(PURPOSES[p].label.lower() for p in missing)
        problems.add(
            path,
            "consent_purpose_missing",
            f"Người dân chưa đồng ý cho mục đích: {labels}.",
            f"Consent is missing for: {', '.join(missing)}.",
        )
        return None
    return purposes
