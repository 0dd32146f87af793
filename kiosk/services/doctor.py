"""Health checks of a kiosk (``kiosk doctor`` and the doctor screen): each green, amber or
red, with what to do in Vietnamese (English second).

Local checks live here; the ones that reach the province or the printer are in
:mod:`kiosk.services.doctor_reach`. A kiosk that was never set up (no ``kiosk setup``, no
credentials stored) shows the province checks amber ("not set up yet"), not red.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kiosk import __version__
from kiosk.domain.fields import VN_TZ
from kiosk.printing.models import JobState, PrintJob
from kiosk.services import backup
from kiosk.services.context import Kiosk
from kiosk.store import crypto, migrate, outbox, secrets
from kiosk.store.db import integrity_check, read_session
from kiosk.store.models import Meta, utcnow
from kiosk.sync.shared import LAST_EXCHANGE

log = logging.getLogger(__name__)
GREEN, AMBER, RED = "green", "amber", "red"
MIN_FREE_BYTES = 500 * 1024 * 1024
WARN_FREE_BYTES = 2 * 1024 * 1024 * 1024
LOGS_AMBER_BYTES, LOGS_RED_BYTES = 50 * 2**20, 200 * 2**20
SKEW_AMBER_S, SKEW_RED_S = 60.0, 300.0

LABELS: dict[str, tuple[str, str]] = {
    "database": ("Cơ sở dữ liệu", "Database"),
    "schema": ("Phiên bản dữ liệu", "Schema version"),
    "disk": ("Dung lượng ổ đĩa", "Disk space"),
    "keyring": ("Kho khóa", "Keyring"),
    "secret": ("Mã bí mật của kiosk", "Client secret"),
    "server": ("Máy chủ của tỉnh", "Provincial server"),
    "token": ("Đăng nhập máy chủ", "Server login (token)"),
    "clock": ("Đồng hồ", "Clock"),
    "province": ("Trạng thái với tỉnh", "Standing with the province"),
    "printer": ("Máy in", "Printer"),
    "last_print": ("Lần in gần nhất", "Last print"),
    "queue": ("Hàng đợi gửi tỉnh", "Queue to the province"),
    "backup": ("Sao lưu", "Backups"),
    "logs": ("Nhật ký", "Logs"),
    "data_home": ("Thư mục dữ liệu", "Data home"),
    "settings": ("Tệp cài đặt", "Settings file"),
}


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    status: str
    detail: str
    hint_vi: str = ""  # what to do, Vietnamese
    hint_en: str = ""

    @property
    def hint(self) -> str:
        if self.hint_vi and self.hint_en:
            return f"{self.hint_vi} ({self.hint_en})"
        return self.hint_vi or self.hint_en

    def as_dict(self) -> dict[str, Any]:
        label, label_en = LABELS.get(self.name, (self.name, self.name))
        return {
            "name": self.name,
            "label": label,
            "label_en": label_en,
            "status": self.status,
            "detail": self.detail,
            "hint": self.hint,
            "hint_vi": self.hint_vi,
            "hint_en": self.hint_en,
        }


def meta(kiosk: Kiosk, key: str) -> str | None:
    with read_session(kiosk.engine) as session:
        return session.execute(select(Meta.value).where(Meta.key == key)).scalar()


def configured(kiosk: Kiosk) -> bool:
    """Set up by ``kiosk setup`` / the wizard, or credentials were stored."""
    return (
        kiosk.settings.is_set("server.client_id") or meta(kiosk, "setup.completed_at") is not None
    )


def vn_time(at: datetime) -> str:
    return at.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M")


def _hours(seconds: float) -> str:
    return f"{seconds / 3600:.1f} giờ (h)"


# --- the database ------------------------------------------------------------------------


def check_database(kiosk: Kiosk) -> Check:
    result = integrity_check(kiosk.engine)
    if result == "ok":
        where = kiosk.layout.database
        return Check("database", GREEN, f"toàn vẹn, không lỗi (integrity ok) — {where}")
    return damaged_database(f"integrity_check: {result[:300]}")


def damaged_database(detail: str) -> Check:
    return Check(
        "database",
        RED,
        detail,
        "Cơ sở dữ liệu bị hỏng: tắt kiosk, chạy kiosk restore với bản sao lưu gần nhất",
        "the database is damaged: stop the kiosk, run kiosk restore with the newest backup",
    )


def check_schema(kiosk: Kiosk) -> Check:
    current, head = migrate.current_revision(kiosk.engine), migrate.head_revision()
    if current == head:
        return Check("schema", GREEN, f"phiên bản {current} (revision)")
    return Check(
        "schema",
        RED,
        f"phiên bản {current}, cần {head} (revision, expected)",
        "Khởi động lại ứng dụng để nâng cấp dữ liệu",
        "restart the app to migrate",
    )


def check_disk(kiosk: Kiosk) -> Check:
    free = shutil.disk_usage(kiosk.layout.root).free
    detail = f"còn trống {free / 2**30:.1f} GiB (free)"
    if free < MIN_FREE_BYTES:
        return Check("disk", RED, detail, "Giải phóng dung lượng ổ đĩa ngay", "free disk space now")
    if free < WARN_FREE_BYTES:
        return Check("disk", AMBER, detail, "Ổ đĩa sắp đầy", "the disk is nearly full")
    return Check("disk", GREEN, detail)


# --- keyring and secret --------------------------------------------------------------------


def check_keyring(kiosk: Kiosk) -> Check:
    try:
        name = secrets.backend_name()
        key = crypto.load_key(kiosk.install_id)
    except Exception as exc:
        return Check(
            "keyring", RED, str(exc), "Cài đặt kho khóa của hệ điều hành", "install a keyring"
        )
    if key is None:
        return Check(
            "keyring",
            RED,
            f"{name}: thiếu khóa dữ liệu (data key missing)",
            "Khôi phục khóa dữ liệu từ máy cũ; gọi kỹ thuật viên",
            "restore the data key into the keyring",
        )
    if "FileKeyring" in name:
        return Check(
            "keyring",
            AMBER,
            name,
            "Khóa lưu trong tệp chỉ đọc được bởi tài khoản kiosk; nên mã hóa toàn ổ đĩa",
            "file-permission protection only: use full-disk encryption",
        )
    return Check("keyring", GREEN, name)


def check_secret(kiosk: Kiosk) -> Check:
    from kiosk.sync.engine import secret_name

    client_id = kiosk.settings.get_str("server.client_id")
    try:
        present = bool(secrets.get_secret(secret_name(client_id)))
    except secrets.KeyringUnavailable as exc:
        return Check("secret", RED, str(exc), "Cài đặt kho khóa", "install a keyring")
    if present:
        return Check("secret", GREEN, f"có mã bí mật cho {client_id} (secret present)")
    if not configured(kiosk):
        return not_set_up("secret")
    return Check(
        "secret",
        RED,
        f"thiếu mã bí mật cho {client_id} (secret missing from the keyring)",
        "Nhập lại mã bí mật: kiosk setup hoặc kiosk credentials set",
        "store the client secret again: kiosk setup or kiosk credentials set",
    )


def not_set_up(name: str) -> Check:
    return Check(
        name,
        AMBER,
        "chưa cài đặt kết nối với tỉnh (not set up yet)",
        "Chạy kiosk setup",
        "run kiosk setup",
    )


# --- clock (last measurement) and province ---------------------------------------------------


def clock_from_skew(skew: float | None, measured: str) -> Check:
    if skew is None:
        return Check(
            "clock",
            AMBER,
            "chưa đo (not measured yet)",
            "Chạy kiosk sync --once",
            "run kiosk sync --once",
        )
    detail = f"lệch {skew:+.0f} s so với máy chủ tỉnh, {measured} (skew vs province)"
    if abs(skew) >= SKEW_RED_S:
        return Check(
            "clock",
            RED,
            detail,
            "Chỉnh lại giờ hệ thống và bật đồng bộ giờ (NTP)",
            "fix the OS clock and enable NTP",
        )
    if abs(skew) >= SKEW_AMBER_S:
        return Check("clock", AMBER, detail, "Kiểm tra đồng bộ giờ (NTP)", "check NTP")
    return Check("clock", GREEN, detail)


def check_clock(kiosk: Kiosk) -> Check:
    """Skew measured from the province's /health at the last exchange (never corrected here)."""
    skew = meta(kiosk, "sync.clock_skew_s")
    return clock_from_skew(None if skew is None else float(skew), "lần đo trước (last measured)")


def check_province(kiosk: Kiosk) -> Check:
    if meta(kiosk, "sync.disabled") == "1":
        return Check(
            "province",
            RED,
            "tỉnh đã tạm ngừng kiosk này (kiosk_disabled)",
            "Liên hệ Sở/Trung tâm để bật lại",
            "ask the province to re-enable this kiosk",
        )
    last = meta(kiosk, LAST_EXCHANGE)
    return Check(
        "province",
        GREEN if last else AMBER,
        f"lần trao đổi cuối: {last or 'chưa có'} (last exchange)",
    )


# --- printing, queue, backups, logs ----------------------------------------------------------


def check_last_print(kiosk: Kiosk) -> Check:
    with read_session(kiosk.engine) as session:
        job = session.execute(
            select(PrintJob).order_by(PrintJob.updated_at.desc()).limit(1)
        ).scalar_one_or_none()
    if job is None:
        return Check("last_print", GREEN, "chưa in biên nhận nào (no receipt printed yet)")
    detail = f"{job.receipt_code}: {job.state}, {vn_time(job.updated_at)}"
    if job.state == JobState.FAILED.value:
        return Check(
            "last_print",
            AMBER,
            f"{detail} — {job.message or job.error_code or ''}",
            "Kiểm tra máy in rồi in lại biên nhận (kiosk print --reprint)",
            "check the printer, then reprint",
        )
    if job.state == JobState.NEEDS_CONFIRMATION.value:
        return Check(
            "last_print",
            AMBER,
            detail,
            "Xác nhận biên nhận đã ra giấy trên màn hình",
            "confirm on screen that the receipt came out",
        )
    return Check("last_print", GREEN, detail)


def check_queue(kiosk: Kiosk, now: datetime | None = None) -> Check:
    with read_session(kiosk.engine) as session:
        summary = outbox.summary(session)
    c = summary.counts
    age = summary.oldest_pending_age_s(now or utcnow())
    amber_s = kiosk.settings.get_int("doctor.queue_amber_hours") * 3600
    red_s = kiosk.settings.get_int("doctor.queue_red_hours") * 3600
    detail = (
        f"chờ {c['pending'] + c['in_flight']}, chưa rõ {c['unknown']}, bị từ chối "
        f"{c['rejected']}, xung đột {c['conflict']}; chờ lâu nhất "
        f"{'-' if age is None else _hours(age)} (waiting, unknown, rejected, conflict, oldest)"
    )
    if c["conflict"]:
        return Check(
            "queue",
            RED,
            detail,
            "Tỉnh báo xung đột: gọi kỹ thuật viên đối chiếu với tỉnh",
            "the province reports a conflict: reconcile with the province",
        )
    if age is not None and age >= red_s:
        return Check(
            "queue",
            RED,
            detail,
            "Hồ sơ chờ gửi quá lâu: kiểm tra mạng, máy chủ, mã bí mật; chạy kiosk sync --once",
            "items waited too long: check network, server, secret; run kiosk sync --once",
        )
    if (age is not None and age >= amber_s) or c["rejected"] or c["unknown"]:
        return Check(
            "queue",
            AMBER,
            detail,
            "Sửa và gửi lại mục bị từ chối; kiểm tra kết nối nếu mục chờ lâu",
            "correct rejected items; check the connection if items wait long",
        )
    return Check("queue", GREEN, detail)


def check_backup(kiosk: Kiosk, now: datetime | None = None) -> Check:
    now = now or utcnow()
    every = timedelta(hours=kiosk.settings.get_int("backup.every_hours"))
    newest = backup.newest_backup(kiosk)
    failed = meta(kiosk, "backup.last_error") or ""
    suffix = f"; lỗi lần trước: {failed}" if failed else ""
    if newest is None:
        installed = datetime.fromtimestamp(kiosk.layout.install_id_file.stat().st_mtime, now.tzinfo)
        young = now - installed < 2 * every
        return Check(
            "backup",
            AMBER if young else RED,
            f"chưa có bản sao lưu (no backup yet){suffix}",
            "Chạy kiosk backup",
            "run kiosk backup",
        )
    made, path = newest
    age = now - made
    detail = f"{path.name}, {_hours(age.total_seconds())} trước (ago){suffix}"
    if age > 3 * every:
        return Check(
            "backup",
            RED,
            detail,
            "Sao lưu đã quá cũ: chạy kiosk backup, kiểm tra dịch vụ gửi nền",
            "backups are stale: run kiosk backup, check the sync daemon",
        )
    if age > every + timedelta(hours=2) or failed:
        return Check("backup", AMBER, detail, "Chạy kiosk backup", "run kiosk backup")
    return Check("backup", GREEN, detail)


def check_logs(kiosk: Kiosk) -> Check:
    folder = kiosk.layout.logs
    size = sum(p.stat().st_size for p in folder.glob("*") if p.is_file())
    detail = f"{size / 2**20:.1f} MiB trong (in) {folder}"
    if not os.access(folder, os.W_OK):
        return Check("logs", RED, detail, "Cấp quyền ghi thư mục nhật ký", "make logs/ writable")
    if size >= LOGS_RED_BYTES:
        return Check("logs", RED, detail, "Xóa bớt tệp nhật ký cũ", "remove old log files")
    if size >= LOGS_AMBER_BYTES:
        return Check("logs", AMBER, detail, "Nhật ký lớn bất thường", "logs unusually large")
    return Check("logs", GREEN, detail)


def check_home(kiosk: Kiosk) -> Check:
    return Check("data_home", GREEN, str(kiosk.layout.root))


# --- running them --------------------------------------------------------------------------


def _guarded(name: str, check: Callable[[], Check]) -> Check:
    try:
        return check()
    except Exception as exc:
        log.exception("doctor check %s failed", name)
        if name == "database":
            return damaged_database(f"{type(exc).__name__}: {exc}")
        return Check(name, RED, f"{type(exc).__name__}: {exc}", "Gọi kỹ thuật viên", "call support")


def summarise(checks: list[Check]) -> dict[str, Any]:
    statuses = {c.status for c in checks}
    worst = RED if RED in statuses else AMBER if AMBER in statuses else GREEN
    return {"version": __version__, "status": worst, "checks": [c.as_dict() for c in checks]}


def run(kiosk: Kiosk, *, network: bool = True) -> dict[str, Any]:
    from kiosk.services import doctor_reach

    local: list[tuple[str, Callable[[], Check]]] = [
        ("database", lambda: check_database(kiosk)),
        ("schema", lambda: check_schema(kiosk)),
        ("disk", lambda: check_disk(kiosk)),
        ("keyring", lambda: check_keyring(kiosk)),
        ("secret", lambda: check_secret(kiosk)),
    ]
    checks = [_guarded(name, fn) for name, fn in local]
    if network:
        checks += doctor_reach.province_checks(kiosk)
    else:
        checks += [_guarded("clock", lambda: check_clock(kiosk))]
    later: list[tuple[str, Callable[[], Check]]] = [
        ("province", lambda: check_province(kiosk)),
        ("printer", lambda: doctor_reach.check_printer(kiosk)),
        ("last_print", lambda: check_last_print(kiosk)),
        ("queue", lambda: check_queue(kiosk)),
        ("backup", lambda: check_backup(kiosk)),
        ("logs", lambda: check_logs(kiosk)),
        ("data_home", lambda: check_home(kiosk)),
    ]
    checks += [_guarded(name, fn) for name, fn in later]
    return summarise(checks)


def unopenable(home: Path, exc: Exception) -> dict[str, Any]:
    """The report when the data home does not even open (settings file, damaged database,
    missing key)."""
    from kiosk.services.context import KioskOpenError
    from kiosk.settings import SettingsFileError

    if isinstance(exc, SettingsFileError):  # the database was never reached: it is not the problem
        check = Check(
            "settings",
            RED,
            str(exc),
            "Sửa tệp cài đặt theo thông báo, rồi chạy lại kiosk doctor",
            "fix the settings file as the message says, then run kiosk doctor again",
        )
    elif isinstance(exc, KioskOpenError):
        check = Check(
            "keyring",
            RED,
            str(exc),
            "Khôi phục khóa dữ liệu vào kho khóa của máy",
            "restore the data key into the keyring",
        )
    else:
        check = damaged_database(f"{type(exc).__name__}: {exc}")
    return summarise([check, Check("data_home", AMBER, str(home))])
