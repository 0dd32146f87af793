"""Valid contract-v1 items and a small HTTP client for the simulator tests (real HTTP)."""

from __future__ import annotations

import copy
import hashlib
import time
import uuid
from collections.abc import Callable
from typing import Any

import requests

CLIENT_ID = "KIOSK-56-22366-09"
CLIENT_SECRET = "test-secret-09"
OTHER_ID = "KIOSK-56-22333-01"
OTHER_SECRET = "test-secret-other"
TIMEOUT = 10

_PAYLOADS: dict[str, dict[str, Any]] = {
    "dossier": {
        "MaTTHC": "1.001193",
        "TenTTHC": "Thủ tục đăng ký khai sinh",
        "MaLinhVuc": "ho_tich",
        "TenLinhVuc": "Hộ tịch",
        "ChuHoSo": "Nguyễn Thị Lan",
        "LoaiDoiTuong": 1,
        "MaDoiTuong": "056190001234",
        "NgaySinh": "19900512",
        "SoDienThoai": "+84905123456",
        "DiaChi": {
            "SoNha": "12 Trần Phú",
            "MaXa": "22366",
            "TenXa": "Phường Nha Trang",
            "MaTinh": "56",
            "TenTinh": "Khánh Hòa",
        },
        "TrichYeuHoSo": "Đăng ký khai sinh cho con.",
        "KenhThucHien": 2,
        "HinhThucNhanKetQua": 0,
        "NgayNopTaiDiem": "20261122084110",
        "DongY": {
            "ThoiDiem": "20261122083800",
            "PhienBanThongBao": "2026-01",
            "MucDich": ["giai_quyet_tthc"],
        },
        "NguoiHoTro": "tnv.01",
        "MaBienNhanTaiDiem": "NT01-261122-0001",
    },
    "payment": {
        "dossier_id": None,
        "LoaiKhoanNop": "le_phi",
        "NoiDung": "Lệ phí đăng ký thường trú",
        "SoTien": 10000,
        "HinhThuc": "tien_mat",
        "MaThamChieu": None,
        "NguoiNop": "Trần Văn Nam",
        "MaDoiTuongNguoiNop": None,
        "ThoiDiem": "20261122090000",
        "MaBienNhanTaiDiem": "NT01-261122-0002",
    },
    "registration": {
        "DichVu": "clinic_appointment",
        "dossier_id": None,
        "NguoiDangKy": {"HoTen": "Lê Thị Mai", "SoDienThoai": "+84935111222"},
        "ChiTiet": {"NgayHen": "20261125", "CoSoYTe": "Trạm Y tế phường Nha Trang"},
        "ThoiDiem": "20261122091500",
        "MaBienNhanTaiDiem": "NT01-261122-0003",
    },
    "feedback": {
        "LinhVuc": "ha_tang",
        "NoiDung": "Đèn đường trước nhà số 12 đường Trần Phú bị hỏng nhiều ngày.",
        "DiaDiem": "Đường Trần Phú, Phường Nha Trang",
        "AnDanh": True,
        "LienHe": None,
        "ThoiDiem": "20261122092000",
    },
    "visit": {
        "ChuDe": "huong_dan_tthc",
        "MaTTHC": "1.001193",
        "KetQua": "da_nop",
        "ThoiLuongGiay": 420,
        "ThoiDiem": "20261122093000",
    },
}
KINDS = tuple(_PAYLOADS)


def payload(kind: str, *, drop: tuple[str, ...] = (), **changes: Any) -> dict[str, Any]:
    """A valid payload of ``kind``, with ``changes`` set and the ``drop`` keys removed."""
    body = copy.deepcopy(_PAYLOADS[kind])
    body.update(changes)
    for key in drop:
        body.pop(key, None)
    return body


def item(
    kind: str = "visit",
    *,
    depends_on: str | None = None,
    drop: tuple[str, ...] = (),
    **changes: Any,
) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "kind": kind,
        "created_at": "2026-11-22T08:41:10+07:00",
        "depends_on": depends_on,
        "payload": payload(kind, drop=drop, **changes),
    }


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def wait_until(check: Callable[[], Any], timeout: float = 15.0, every: float = 0.05) -> Any:
    """Poll ``check`` until it returns something truthy (then return it) or time out."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(every)


class Client:
    """A minimal kiosk-side client: a session, a token, and the contract's calls."""

    def __init__(self, base_url: str, client_id: str = CLIENT_ID, secret: str = CLIENT_SECRET):
        self.base_url = base_url
        self.client_id = client_id
        self.secret = secret
        self.session = requests.Session()
        self._token: str | None = None

    def close(self) -> None:
        self.session.close()

    def fetch_token(self) -> requests.Response:
        return self.session.post(
            self.base_url + "/oauth2/token",
            data={
                "grant_type": "client_credentials",
                "client_id": self.client_id,
                "client_secret": self.secret,
            },
            timeout=TIMEOUT,
        )

    @property
    def token(self) -> str:
        if self._token is None:
            response = self.fetch_token()
            assert response.status_code == 200, response.text
            self._token = response.json()["access_token"]
        return self._token

    def headers(self, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", **extra}

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {**self.headers(), **kwargs.pop("headers", {})}
        kwargs.setdefault("timeout", TIMEOUT)
        return self.session.request(method, self.base_url + path, headers=headers, **kwargs)

    def batch(self, *items: dict[str, Any], **kwargs: Any) -> requests.Response:
        return self.request("POST", "/submissions:batch", json={"items": list(items)}, **kwargs)

    def results(self, *items: dict[str, Any]) -> list[dict[str, Any]]:
        response = self.batch(*items)
        assert response.status_code == 200, response.text
        results: list[dict[str, Any]] = response.json()["results"]
        return results

    def submission(self, item_id: str) -> requests.Response:
        return self.request("GET", f"/submissions/{item_id}")

    def put_attachment(self, data: bytes, digest: str | None = None) -> requests.Response:
        return self.request(
            "PUT",
            f"/attachments/{digest or sha256(data)}",
            data=data,
            headers={"Content-Type": "application/pdf"},
        )

    def changes(self, since: str | None = None, limit: int | None = None) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if since is not None:
            params["since"] = since
        if limit is not None:
            params["limit"] = limit
        response = self.request("GET", "/changes", params=params)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def all_changes(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        cursor = None
        while True:
            page = self.changes(cursor, limit=500)
            found += page["changes"]
            cursor = page["next"]
            if not page["has_more"]:
                return found


def admin(root_admin_url: str, path: str, body: dict[str, Any] | None = None) -> requests.Response:
    if body is None:
        return requests.get(f"{root_admin_url}/{path}", timeout=TIMEOUT)
    return requests.post(f"{root_admin_url}/{path}", json=body, timeout=TIMEOUT)
