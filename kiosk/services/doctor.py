"""Health checks of a kiosk (``kiosk doctor``): each green, amber or red, with what to do."""

from __future__ import annotations

import shutil
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select

from kiosk import __version__
from kiosk.services.context import Kiosk
from kiosk.store import migrate, secrets
from kiosk.store.db import integrity_check, read_session
from kiosk.store.models import Meta

GREEN, AMBER, RED = "green", "amber", "red"
MIN_FREE_BYTES = 500 * 1024 * 1024
WARN_FREE_BYTES = 2 * 1024 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    status: str
    detail: str
    hint: str = ""


def check_database(kiosk: Kiosk) -> Check:
    result = integrity_check(kiosk.engine)
    if result == "ok":
        return Check("database", GREEN, f"integrity ok ({kiosk.layout.database})")
    return Check(
        "database",
        RED,
        f"integrity_check: {result[:300]}",
        "Khôi phục từ bản sao lưu gần nhất (restore the latest backup)",
    )


def check_schema(kiosk: Kiosk) -> Check:
    current, head = migrate.current_revision(kiosk.engine), migrate.head_revision()
    if current == head:
        return Check("schema", GREEN, f"revision {current}")
    return Check(
        "schema",
        RED,
        f"revision {current}, expected {head}",
        "Khởi động lại ứng dụng để nâng cấp (restart to migrate)",
    )


def check_keyring() -> Check:
    try:
        name = secrets.backend_name()
    except Exception as exc:
        return Check("keyring", RED, str(exc), "Cài đặt kho khoá (install a keyring backend)")
    status = AMBER if "FileKeyring" in name else GREEN
    hint = "Khoá lưu trong tệp 0600 (file-permission protection only)" if status == AMBER else ""
    return Check("keyring", status, name, hint)


def check_disk(kiosk: Kiosk) -> Check:
    free = shutil.disk_usage(kiosk.layout.root).free
    detail = f"{free / 2**30:.1f} GiB free"
    if free < MIN_FREE_BYTES:
        return Check("disk", RED, detail, "Giải phóng dung lượng ổ đĩa (free disk space)")
    if free < WARN_FREE_BYTES:
        return Check("disk", AMBER, detail, "Ổ đĩa sắp đầy (disk nearly full)")
    return Check("disk", GREEN, detail)


SKEW_AMBER_S, SKEW_RED_S = 60.0, 300.0


def _meta(kiosk: Kiosk, key: str) -> str | None:
    with read_session(kiosk.engine) as session:
        return session.execute(select(Meta.value).where(Meta.key == key)).scalar()


def check_clock(kiosk: Kiosk) -> Check:
    """Skew measured from the province's /health at the last exchange (never corrected here)."""
    skew = _meta(kiosk, "sync.clock_skew_s")
    if skew is None:
        return Check("clock", AMBER, "chưa đo (not measured yet)", "Chạy: kiosk sync --once")
    value = abs(float(skew))
    detail = f"lệch {float(skew):+.0f} s so với máy chủ tỉnh (skew vs province)"
    if value >= SKEW_RED_S:
        return Check("clock", RED, detail, "Chỉnh lại giờ hệ thống của máy (fix the OS clock)")
    if value >= SKEW_AMBER_S:
        return Check("clock", AMBER, detail, "Kiểm tra đồng bộ giờ (check NTP)")
    return Check("clock", GREEN, detail)


def check_province(kiosk: Kiosk) -> Check:
    if _meta(kiosk, "sync.disabled") == "1":
        return Check(
            "province",
            RED,
            "tỉnh đã tạm ngừng kiosk này (kiosk_disabled)",
            "Liên hệ Sở/Trung tâm để bật lại (ask the province to re-enable)",
        )
    last = _meta(kiosk, "sync.last_exchange_at")
    return Check(
        "province",
        GREEN if last else AMBER,
        f"lần trao đổi cuối: {last or 'chưa có'} (last exchange)",
    )


def check_home(kiosk: Kiosk) -> Check:
    return Check("data_home", GREEN, str(kiosk.layout.root))


def run(kiosk: Kiosk) -> dict[str, Any]:
    checks = [
        check_database(kiosk),
        check_schema(kiosk),
        check_keyring(),
        check_disk(kiosk),
        check_clock(kiosk),
        check_province(kiosk),
        check_home(kiosk),
    ]
    worst = (
        RED
        if any(c.status == RED for c in checks)
        else (AMBER if any(c.status == AMBER for c in checks) else GREEN)
    )
    return {"version": __version__, "status": worst, "checks": [asdict(c) for c in checks]}
