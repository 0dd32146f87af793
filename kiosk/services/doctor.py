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
from kiosk.services import backup, payments
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
    "receipt": ("Thông tin trên biên nhận", "What receipts print"),
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
    detail: str  # what was found, Vietnamese (or words of no language: a path, a name)
    hint_vi: str = ""  # what to do, Vietnamese
    hint_en: str = ""
    detail_en: str = ""  # what was found, English, when it has words

    @property
    def detail_both(self) -> str:
        """``vi (en)``, as the command line prints it."""
        return f"{self.detail} ({self.detail_en})" if self.detail_en else self.detail

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
            "detail": self.detail_both,
            "detail_vi": self.detail,
            "detail_en": self.detail_en or self.detail,
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


def local_stamp(stamp: str | None) -> str | None:
    """A stored ISO time (UTC) as people read it: ``23/11/2026 13:44``, Vietnam time."""
    if not stamp:
        return None
    try:
        return vn_time(datetime.fromisoformat(stamp))
    except ValueError:
        return stamp


def _hours(seconds: float) -> str:
    return f"{seconds / 3600:.1f}".replace(".", ",") + " giờ"  # a decimal comma in Vietnamese


def _hours_en(seconds: float) -> str:
    return f"{seconds / 3600:.1f} h"


# --- the database ------------------------------------------------------------------------


def check_database(kiosk: Kiosk) -> Check:
    result = integrity_check(kiosk.engine)
    if result == "ok":
        where = kiosk.layout.database
        return Check(
            "database",
            GREEN,
            f"toàn vẹn, không lỗi — {where}",
            detail_en=f"integrity ok — {where}",
        )
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
        return Check("schema", GREEN, f"phiên bản {current}", detail_en=f"revision {current}")
    return Check(
        "schema",
        RED,
        f"phiên bản {current}, cần {head}",
        "Khởi động lại ứng dụng để nâng cấp dữ liệu",
        "restart the app to migrate",
        detail_en=f"revision {current}, expected {head}",
    )


def check_disk(kiosk: Kiosk) -> Check:
    free = shutil.disk_usage(kiosk.layout.root).free
    gib = f"{free / 2**30:.1f}"
    vi, en = f"còn trống {gib.replace('.', ',')} GiB", f"{gib} GiB free"
    if free < MIN_FREE_BYTES:
        return Check("disk", RED, vi, "Giải phóng dung lượng ổ đĩa ngay", "free disk space now", en)
    if free < WARN_FREE_BYTES:
        return Check("disk", AMBER, vi, "Ổ đĩa sắp đầy", "the disk is nearly full", en)
    return Check("disk", GREEN, vi, detail_en=en)


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
            f"{name}: thiếu khóa dữ liệu",
            "Khôi phục khóa dữ liệu từ máy cũ; gọi kỹ thuật viên",
            "restore the data key into the keyring",
            f"{name}: the data key is missing",
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
        return Check(
            "secret",
            GREEN,
            f"có mã bí mật cho {client_id}",
            detail_en=f"the secret of {client_id} is present",
        )
    if not configured(kiosk):
        return not_set_up("secret")
    return Check(
        "secret",
        RED,
        f"thiếu mã bí mật cho {client_id}",
        "Nhập lại mã bí mật: kiosk setup hoặc kiosk credentials set",
        "store the client secret again: kiosk setup or kiosk credentials set",
        f"the secret of {client_id} is missing from the keyring",
    )


def not_set_up(name: str) -> Check:
    return Check(
        name,
        AMBER,
        "chưa cài đặt kết nối với tỉnh",
        "Chạy kiosk setup",
        "run kiosk setup",
        "the connection to the province is not set up yet",
    )


# --- clock (last measurement) and province ---------------------------------------------------


MEASURED_NOW = ("vừa đo", "measured now")
MEASURED_BEFORE = ("lần đo trước", "last measured")


def clock_from_skew(skew: float | None, measured: tuple[str, str]) -> Check:
    """``measured``: when, in Vietnamese and English (:data:`MEASURED_NOW`…)."""
    if skew is None:
        return Check(
            "clock",
            AMBER,
            "chưa đo",
            "Chạy kiosk sync --once",
            "run kiosk sync --once",
            "not measured yet",
        )
    vi = f"lệch {skew:+.0f} s so với máy chủ tỉnh, {measured[0]}"
    en = f"{skew:+.0f} s off the province's server, {measured[1]}"
    if abs(skew) >= SKEW_RED_S:
        return Check(
            "clock",
            RED,
            vi,
            "Chỉnh lại giờ hệ thống và bật đồng bộ giờ (NTP)",
            "fix the OS clock and enable NTP",
            en,
        )
    if abs(skew) >= SKEW_AMBER_S:
        return Check("clock", AMBER, vi, "Kiểm tra đồng bộ giờ (NTP)", "check NTP", en)
    return Check("clock", GREEN, vi, detail_en=en)


def check_clock(kiosk: Kiosk) -> Check:
    """Skew measured from the province's /health at the last exchange (never corrected here)."""
    skew = meta(kiosk, "sync.clock_skew_s")
    return clock_from_skew(None if skew is None else float(skew), MEASURED_BEFORE)


def check_province(kiosk: Kiosk) -> Check:
    if meta(kiosk, "sync.disabled") == "1":
        return Check(
            "province",
            RED,
            "tỉnh đã tạm ngừng kiosk này",
            "Liên hệ Sở/Trung tâm để bật lại",
            "ask the province to re-enable this kiosk",
            "the province has disabled this kiosk (kiosk_disabled)",
        )
    last = local_stamp(meta(kiosk, LAST_EXCHANGE))
    return Check(
        "province",
        GREEN if last else AMBER,
        f"lần trao đổi cuối: {last or 'chưa có'}",
        detail_en=f"last exchange: {last or 'none yet'}",
    )


# --- printing, queue, backups, logs ----------------------------------------------------------


def check_last_print(kiosk: Kiosk) -> Check:
    with read_session(kiosk.engine) as session:
        job = session.execute(
            select(PrintJob).order_by(PrintJob.updated_at.desc()).limit(1)
        ).scalar_one_or_none()
    if job is None:
        return Check(
            "last_print", GREEN, "chưa in biên nhận nào", detail_en="no receipt printed yet"
        )
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


def check_receipt(kiosk: Kiosk) -> Check:
    """The ward's own hotline and bank account: empty until the technician sets them (a
    receipt then has no hotline line and no VietQR code)."""
    settings = kiosk.settings
    hotline = settings.get_str("kiosk.hotline")
    bank = [settings.get_str(f"payment.{k}") for k in ("bank_bin", "account")]
    missing, missing_en = [], []
    if not hotline:
        missing.append("đường dây nóng (kiosk.hotline)")
        missing_en.append("hotline (kiosk.hotline)")
    if not payments.transfer_ready(kiosk):  # the same test as the payment screen's
        missing.append(
            "tài khoản nhận chuyển khoản VietQR (payment.bank_bin, payment.account, "
            "payment.beneficiary); chưa có thì biên nhận không có mã chuyển khoản"
        )
        missing_en.append("VietQR account (payment.bank_bin, payment.account, payment.beneficiary)")
    if missing:
        return Check(
            "receipt",
            AMBER,
            "chưa đặt " + "; ".join(missing),
            "Đặt thông tin của phường: kiosk config set KHÓA GIÁ_TRỊ",
            "set the ward's details: kiosk config set KEY VALUE",
            "not set: " + "; ".join(missing_en),
        )
    account = f"{settings.get_str('payment.bank_name') or bank[0]} {bank[1]}"
    return Check(
        "receipt",
        GREEN,
        f"đường dây nóng {hotline}; tài khoản {account}",
        detail_en=f"hotline {hotline}; account {account}",
    )


def check_queue(kiosk: Kiosk, now: datetime | None = None) -> Check:
    with read_session(kiosk.engine) as session:
        summary = outbox.summary(session)
    c = summary.counts
    age = summary.oldest_pending_age_s(now or utcnow())
    amber_s = kiosk.settings.get_int("doctor.queue_amber_hours") * 3600
    red_s = kiosk.settings.get_int("doctor.queue_red_hours") * 3600
    waiting = c["pending"] + c["in_flight"]
    detail = (
        f"chờ {waiting}, chưa rõ {c['unknown']}, bị từ chối "
        f"{c['rejected']}, xung đột {c['conflict']}; chờ lâu nhất "
        f"{'-' if age is None else _hours(age)}"
    )
    detail_en = (
        f"waiting {waiting}, unknown {c['unknown']}, rejected {c['rejected']}, "
        f"conflict {c['conflict']}; oldest {'-' if age is None else _hours_en(age)}"
    )
    if c["conflict"]:
        return Check(
            "queue",
            RED,
            detail,
            "Tỉnh báo xung đột: gọi kỹ thuật viên đối chiếu với tỉnh",
            "the province reports a conflict: reconcile with the province",
            detail_en,
        )
    if age is not None and age >= red_s:
        return Check(
            "queue",
            RED,
            detail,
            "Hồ sơ chờ gửi quá lâu: kiểm tra mạng, máy chủ, mã bí mật; chạy kiosk sync --once",
            "items waited too long: check network, server, secret; run kiosk sync --once",
            detail_en,
        )
    if (age is not None and age >= amber_s) or c["rejected"] or c["unknown"]:
        return Check(
            "queue",
            AMBER,
            detail,
            "Sửa và gửi lại mục bị từ chối; kiểm tra kết nối nếu mục chờ lâu",
            "correct rejected items; check the connection if items wait long",
            detail_en,
        )
    return Check("queue", GREEN, detail, detail_en=detail_en)


def check_backup(kiosk: Kiosk, now: datetime | None = None) -> Check:
    now = now or utcnow()
    every = timedelta(hours=kiosk.settings.get_int("backup.every_hours"))
    newest = backup.newest_backup(kiosk)
    failed = meta(kiosk, "backup.last_error") or ""
    suffix = f"; lỗi lần trước: {failed}" if failed else ""
    suffix_en = f"; last error: {failed}" if failed else ""
    if newest is None:
        installed = datetime.fromtimestamp(kiosk.layout.install_id_file.stat().st_mtime, now.tzinfo)
        young = now - installed < 2 * every
        return Check(
            "backup",
            AMBER if young else RED,
            f"chưa có bản sao lưu{suffix}",
            "Chạy kiosk backup",
            "run kiosk backup",
            f"no backup yet{suffix_en}",
        )
    made, path = newest
    age = now - made
    detail = f"{path.name}, {_hours(age.total_seconds())} trước{suffix}"
    detail_en = f"{path.name}, {_hours_en(age.total_seconds())} ago{suffix_en}"
    if age > 3 * every:
        return Check(
            "backup",
            RED,
            detail,
            "Sao lưu đã quá cũ: chạy kiosk backup, kiểm tra dịch vụ gửi nền",
            "backups are stale: run kiosk backup, check the sync daemon",
            detail_en,
        )
    if age > every + timedelta(hours=2) or failed:
        return Check("backup", AMBER, detail, "Chạy kiosk backup", "run kiosk backup", detail_en)
    return Check("backup", GREEN, detail, detail_en=detail_en)


def check_logs(kiosk: Kiosk) -> Check:
    folder = kiosk.layout.logs
    size = sum(p.stat().st_size for p in folder.glob("*") if p.is_file())
    mib = f"{size / 2**20:.1f}"
    vi, en = f"{mib.replace('.', ',')} MiB trong {folder}", f"{mib} MiB in {folder}"
    if not os.access(folder, os.W_OK):
        return Check("logs", RED, vi, "Cấp quyền ghi thư mục nhật ký", "make logs/ writable", en)
    if size >= LOGS_RED_BYTES:
        return Check("logs", RED, vi, "Xóa bớt tệp nhật ký cũ", "remove old log files", en)
    if size >= LOGS_AMBER_BYTES:
        return Check("logs", AMBER, vi, "Nhật ký lớn bất thường", "logs unusually large", en)
    return Check("logs", GREEN, vi, detail_en=en)


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
        ("receipt", lambda: check_receipt(kiosk)),
        ("queue", lambda: check_queue(kiosk)),
        ("backup", lambda: check_backup(kiosk)),
        ("logs", lambda: check_logs(kiosk)),
        ("data_home", lambda: check_home(kiosk)),
    ]
    checks += [_guarded(name, fn) for name, fn in later]
    return summarise(checks)


def no_data_home(home: Path) -> Check:
    return Check(
        "data_home",
        RED,
        f"không có dữ liệu kiosk ở {home}",
        "Kiểm tra đường dẫn --home / KIOSK_HOME; máy mới thì chạy kiosk setup",
        "check --home / KIOSK_HOME; on a new machine run kiosk setup",
        f"no kiosk data at {home}",
    )


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
