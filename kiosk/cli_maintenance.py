"""Technicians' commands: doctor, backup/restore, retention purge, "data about me", setup.

Registered on the ``kiosk`` group by :func:`register`; every command calls the same service
functions the touch screens use (:mod:`kiosk.services`). Imports are lazy (fast start).
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kiosk import paths
from kiosk.cli_common import echo_json, existing_folder, open_kiosk, read_secret

if TYPE_CHECKING:
    from kiosk.domain.errors import ValidationError
    from kiosk.services.context import Kiosk

DIR = click.Path(file_okay=False, path_type=Path)
FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def actor() -> str:
    """Who runs the command, for the audit log: the OS account (a technician over SSH)."""
    try:
        user = getpass.getuser()
    except Exception:
        user = "?"
    return f"cli:{user}"[:32]


def field_errors(exc: ValidationError) -> str:
    return "; ".join(f"{e.field}: {e.message} ({e.message_en})" for e in exc.errors)


def register(cli: click.Group) -> None:
    for command in (doctor, backup, restore, purge, subject, setup):
        cli.add_command(command)


# --- doctor ----------------------------------------------------------------------------------


@click.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--offline", is_flag=True, help="Không gọi máy chủ tỉnh (skip the server checks).")
def doctor(as_json: bool, offline: bool) -> None:
    """Kiểm tra tình trạng máy (diagnostics); mã thoát 1 khi có mục đỏ."""
    from kiosk.services import doctor as doctor_service

    home = paths.home()
    if not paths.layout().database.exists():  # a mistyped --home: say so, create nothing
        report = doctor_service.summarise([doctor_service.no_data_home(home)])
    else:
        report = _doctor_report(home, offline)
    _report_and_exit(report, as_json)


STATUS_WORDS = {"green": "Tốt      ", "amber": "Cần chú ý", "red": "LỖI      "}  # as on screen


def _report_and_exit(report: dict[str, Any], as_json: bool) -> None:
    """The doctor's report (also the end of setup), then exit 1 when anything is red."""
    if as_json:
        echo_json(report)
    else:
        for check in report["checks"]:
            hint = f" — {check['hint']}" if check["hint"] else ""
            click.echo(f"{_status_line(check)}{hint}")
    sys.exit(1 if report["status"] == "red" else 0)


def _status_line(check: dict[str, Any]) -> str:
    """``[Cần chú ý] Thông tin trên biên nhận: …`` — the check's name in words, not its key."""
    status = STATUS_WORDS.get(check["status"], check["status"])
    return f"[{status}] {check['label']}: {check['detail']}"


def _doctor_report(home: Path, offline: bool) -> dict[str, Any]:
    from kiosk.services import doctor as doctor_service
    from kiosk.services.context import Kiosk

    try:
        kiosk = Kiosk.open()
    except Exception as exc:  # a home that does not even open is a red report, not a crash
        report = doctor_service.unopenable(home, exc)
    else:
        try:
            report = doctor_service.run(kiosk, network=not offline)
        finally:
            kiosk.close()
    return report


# --- backup / restore ------------------------------------------------------------------------


@click.command()
@click.option(
    "--to", "target", type=DIR, default=None, help="Thư mục đích (USB...); mặc định backups/."
)
@click.option("--json", "as_json", is_flag=True)
def backup(target: Path | None, as_json: bool) -> None:
    """Sao lưu cơ sở dữ liệu và giấy tờ quét thành một tệp (online backup)."""
    from kiosk.services import backup as backup_service

    if target is not None:
        existing_folder(target)
    kiosk = open_kiosk()
    info = backup_service.create_backup(kiosk, target, actor=actor())
    if as_json:
        echo_json({**info.as_dict(), "key_note": backup_service.key_note(kiosk.install_id)})
        return
    m = info.manifest
    click.echo(
        f"Đã sao lưu {info.path} ({info.size / 2**20:.1f} MiB, {info.seconds:.1f} s): "
        f"{sum(m['records'].values())} bản ghi, {m['attachments']['count']} giấy tờ"
    )
    click.echo(f"Mã cài đặt (install id): {kiosk.install_id}")
    click.echo(backup_service.key_note(kiosk.install_id))


@click.command()
@click.argument("file", type=FILE)
@click.option("--force", is_flag=True, help="Khôi phục dù mất mục tỉnh chưa nhận.")
@click.option("--json", "as_json", is_flag=True)
def restore(file: Path, force: bool, as_json: bool) -> None:
    """Khôi phục từ tệp sao lưu; máy phải đang tắt ứng dụng kiosk."""
    from kiosk import logs
    from kiosk.services.backup import BackupError
    from kiosk.services.restore import RestoreRefused
    from kiosk.services.restore import restore as restore_service

    layout = paths.layout()
    logs.setup(layout.logs)
    try:
        result = restore_service(layout, file, force=force, actor=actor())
    except RestoreRefused as exc:
        if as_json:
            echo_json({"refused": str(exc), "unsent": exc.unsent})
        click.echo(str(exc), err=True)
        sys.exit(2)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        echo_json(result.as_dict())
        return
    from kiosk.services.doctor import local_stamp

    made = local_stamp(str(result.created_at)) or result.created_at
    click.echo(f"Đã khôi phục {result.backup} (sao lưu lúc {made}).")
    if result.set_aside:
        click.echo(f"Dữ liệu trước đó được giữ ở {result.set_aside}")
    if result.dropped_unsent:
        click.echo(f"Đã bỏ {len(result.dropped_unsent)} mục tỉnh chưa nhận (--force).")
    if result.purged_again:
        click.echo(
            f"Đã xóa lại dữ liệu cá nhân của {result.purged_again} bản ghi đã xóa sau lần sao "
            "lưu này (theo sổ xóa dữ liệu)."
        )


# --- retention -----------------------------------------------------------------------------


@click.command()
@click.option("--dry-run", is_flag=True, help="Chỉ liệt kê, không xóa.")
@click.option("--json", "as_json", is_flag=True)
def purge(dry_run: bool, as_json: bool) -> None:
    """Xóa dữ liệu cá nhân đã quá hạn lưu (tỉnh đã nhận + retention.days)."""
    from kiosk.services import retention

    kiosk = open_kiosk()
    plan = retention.plan(kiosk)
    if dry_run:
        if as_json:
            echo_json({"dry_run": True, **plan.as_dict()})
            return
        click.echo(
            f"Sẽ xóa dữ liệu cá nhân của {len(plan.targets)} bản ghi "
            f"({_kinds(plan.by_kind())}), {plan.files} tệp giấy tờ; tỉnh đã nhận trước "
            f"{plan.cutoff:%d/%m/%Y} ({plan.days} ngày)."
        )
        for target in plan.targets:
            click.echo(f"  {_kind_word(target.kind):<18} {target.receipt_code}")
        return
    report = retention.purge_due(kiosk, actor=actor())
    if as_json:
        echo_json({"dry_run": False, **report.as_dict()})
        return
    click.echo(
        f"Đã xóa dữ liệu cá nhân của {report.records} bản ghi ({_kinds(report.by_kind)}), "
        f"{report.files} tệp giấy tờ (purged)."
    )


def _kind_word(kind: str) -> str:
    from kiosk.export.labels import GROUPS

    return GROUPS.get(kind, kind).lower()


def _kinds(counts: dict[str, int]) -> str:
    """``{'dossier': 7, 'payment': 2}`` → ``hồ sơ: 7, nộp tiền: 2`` (not a Python dict)."""
    return ", ".join(f"{_kind_word(kind)}: {n}" for kind, n in counts.items())


# --- data about me -------------------------------------------------------------------------


@click.group()
def subject() -> None:
    """Dữ liệu của một người theo số định danh: xem hoặc xóa theo yêu cầu."""


def _technician(kiosk: Kiosk, code: str) -> str:
    """The technician's code once their PIN is checked (audited like a login)."""
    from kiosk.services import users

    pin = read_secret(f"Mã PIN của kỹ thuật viên {code}")
    try:
        user = users.login(kiosk, code, pin)
    except users.LoginRefused as exc:
        raise click.ClickException(str(exc)) from None
    if user.role != "technician":
        raise click.ClickException(
            "Chỉ kỹ thuật viên được xem toàn bộ dữ liệu của một người (technicians only)"
        )
    return user.code


def _number(cccd: str | None) -> str:
    if cccd:
        return cccd
    value: str = click.prompt("Số định danh cá nhân (12 số)", hide_input=True)
    return value


@subject.command("show")
@click.argument("cccd", required=False)
@click.option("--full", is_flag=True, help="Hiện toàn bộ nội dung (chỉ kỹ thuật viên).")
@click.option("--technician", default=None, help="Mã kỹ thuật viên (cần cho --full; hỏi PIN).")
@click.option("--json", "as_json", is_flag=True)
def subject_show(cccd: str | None, full: bool, technician: str | None, as_json: bool) -> None:
    """Liệt kê bản ghi của người này (che bớt); --full hiện toàn bộ (được ghi nhật ký)."""
    from kiosk.domain.errors import ValidationError
    from kiosk.services import subject as subject_service

    if full and not technician:
        raise click.UsageError(
            "--full hiện toàn bộ dữ liệu cá nhân: cần --technician MÃ và mã PIN của kỹ thuật "
            "viên (--full needs --technician CODE and the technician's PIN)"
        )
    kiosk = open_kiosk()
    number = _number(cccd)
    try:
        if full and technician:
            who = _technician(kiosk, technician)
            shown = subject_service.full_view(kiosk, number, who)
            echo_json(shown)
            return
        found = subject_service.find(kiosk, number, actor())
    except ValidationError as exc:
        raise click.ClickException(field_errors(exc)) from None
    if as_json:
        echo_json([r.as_dict() for r in found])
        return
    from kiosk.export.labels import SYNC_STATES

    how = {"id": "theo số định danh", "linked": "gắn với hồ sơ", "content": "trong nội dung"}
    click.echo(f"{len(found)} bản ghi (records):")
    for r in found:
        click.echo(
            f"  {r.created_at} {_kind_word(r.kind):<16} {r.receipt_code:<18} "
            f"{SYNC_STATES.get(r.state, r.state):<20} {r.masked:<22} {r.what} "
            f"({how.get(r.found_by, r.found_by)})"
        )


@subject.command("purge")
@click.argument("cccd", required=False)
@click.option("--force", is_flag=True, help="Xóa cả mục tỉnh chưa nhận (hủy việc gửi).")
@click.option("--json", "as_json", is_flag=True)
def subject_purge(cccd: str | None, force: bool, as_json: bool) -> None:
    """Xóa dữ liệu cá nhân của người này theo yêu cầu (được ghi nhật ký)."""
    from kiosk.domain.errors import ValidationError
    from kiosk.services import subject as subject_service

    kiosk = open_kiosk()
    try:
        records, report = subject_service.purge_subject(kiosk, _number(cccd), actor(), force=force)
    except ValidationError as exc:
        raise click.ClickException(field_errors(exc)) from None
    except subject_service.SubjectPurgeRefused as exc:
        if as_json:
            echo_json({"refused": str(exc), "unsent": [r.as_dict() for r in exc.unsent]})
        click.echo(str(exc), err=True)
        sys.exit(2)
    if as_json:
        echo_json({"records": [r.as_dict() for r in records], "report": report.as_dict()})
        return
    click.echo(
        f"Đã xóa dữ liệu cá nhân của {report.records} bản ghi, {report.files} tệp giấy tờ; "
        f"{report.withdrawn} mục chưa gửi đã hủy. Bản sao lưu cũ hơn vẫn giữ dữ liệu (đã mã "
        f"hóa) đến khi bị xoay vòng."
    )


# --- setup -------------------------------------------------------------------------------


@click.command()
@click.option("--answers", type=FILE, default=None, help="Tệp TOML trả lời sẵn (không hỏi).")
@click.option("--json", "as_json", is_flag=True, help="In báo cáo doctor cuối dạng JSON.")
def setup(answers: Path | None, as_json: bool) -> None:
    """Cài đặt lần đầu bằng chữ (qua SSH): các bước như màn hình cài đặt."""
    from kiosk.cli_setup import load_answers, run_setup

    given = load_answers(answers) if answers else None  # before a new home is made
    kiosk = open_kiosk(create=True)
    report = run_setup(kiosk, given)
    _report_and_exit(report, as_json)
