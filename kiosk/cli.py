"""The ``kiosk`` command: the touch app by default, and the headless tools beside it.

Every command goes through the same service functions the UI uses. Imports are lazy so that
a command starts quickly (crash tests start it many times).
"""

from __future__ import annotations

import sys
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kiosk import __version__, paths
from kiosk.cli_common import SyncProgress, echo_json, existing_folder, open_kiosk, read_secret

if TYPE_CHECKING:
    from kiosk.domain.errors import ValidationError

ALREADY_RELAYING = "Đã có tiến trình khác đang gửi dữ liệu này (another relay is running)"
WAITING_FOR_RELAY = (
    "Ứng dụng kiosk đang gửi dữ liệu này; dịch vụ nền sẽ gửi khi ứng dụng đóng "
    "(the touch app relays; the daemon takes over when it closes)"
)
LOCK_RETRY_S = 5.0  # the daemon's look at the relay lock while the touch app holds it
RECORD_COUNT_OPTIONS = ("dossiers", "payments", "registrations", "feedback", "visits")


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="kiosk")
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="KIOSK_HOME",
    help="Thư mục dữ liệu (data home); mặc định theo hệ điều hành.",
)
@click.option("--demo", is_flag=True, help="Chạy thử với dữ liệu mẫu và máy chủ giả lập.")
@click.option(
    "--windowed", is_flag=True, help="Chạy trong cửa sổ thường, không toàn màn hình (kỹ thuật)."
)
@click.option(
    "--selftest",
    is_flag=True,
    help="Tự kiểm tra bản cài: tệp đóng gói, CSDL, biên nhận, màn hình, đồng bộ (rồi thoát).",
)
@click.pass_context
def cli(ctx: click.Context, home: Path | None, demo: bool, windowed: bool, selftest: bool) -> None:
    """Kiosk điểm hỗ trợ dịch vụ công trực tuyến (Khánh Hòa)."""
    if home is not None:
        paths.set_home(home)
    if selftest:
        from kiosk.selftest import run as run_selftest

        sys.exit(run_selftest(home))
    if ctx.invoked_subcommand is None:
        from kiosk.launch import run_app

        sys.exit(run_app(demo=demo, kiosk_mode=False if windowed else None))


@cli.group()
def config() -> None:
    """Đọc và đổi cài đặt (settings)."""


@config.command("get")
@click.argument("key")
def config_get(key: str) -> None:
    from kiosk.settings import SettingError, Settings

    try:
        value = Settings.load(paths.layout().settings_file).get(key)
    except SettingError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        ",".join(value)
        if isinstance(value, list)
        else str(value).lower()
        if isinstance(value, bool)
        else value
    )


@config.command("set", context_settings={"ignore_unknown_options": True})
@click.argument("key")
@click.argument("value")  # "-1" is a value here (refused by its check), not an option
def config_set(key: str, value: str) -> None:
    from kiosk.settings import SettingError, Settings
    from kiosk.store import audit
    from kiosk.store.db import write_session

    try:  # as the file is, a wrong value included (this may put it right); not TOML: refused
        Settings.load_for_repair(paths.layout().settings_file).set_from_text(key, value)
    except SettingError as exc:
        raise click.ClickException(str(exc)) from None
    kiosk = open_kiosk(create=True)  # refuses, saying which, while another value is still wrong
    with write_session(kiosk.engine) as session:
        audit.append(session, "cli", "config.set", detail={"key": key})
    click.echo(f"{key} = {kiosk.settings.get(key)}")


@config.command("list")
def config_list() -> None:
    from kiosk.settings import SettingError, Settings

    try:
        settings = Settings.load(paths.layout().settings_file)
    except SettingError as exc:
        raise click.ClickException(str(exc)) from None
    for setting, value in settings.items():
        click.echo(f"{setting.key} = {value}    # {setting.label}")


@cli.group()
def users() -> None:
    """Tình nguyện viên, cán bộ phường, kỹ thuật viên (users)."""


def refused(exc: ValidationError) -> click.ClickException:
    """A user service's refusal, its field messages joined (users add / set-pin / disable)."""
    return click.ClickException("; ".join(e.message for e in exc.errors))


@users.command("add")
@click.option("--code", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice(["volunteer", "staff", "technician"]))
def users_add(code: str, name: str, role: str) -> None:
    """Thêm người dùng; mã PIN đọc từ đầu vào chuẩn (PIN from stdin)."""
    from kiosk.domain.errors import ValidationError
    from kiosk.services import users as user_service

    pin = read_secret("Mã PIN (4–8 chữ số)", twice=True)
    kiosk = open_kiosk(create=True)
    try:
        user_service.add_user(kiosk, code, name, role, pin)
    except ValidationError as exc:
        raise refused(exc) from None
    click.echo(f"Đã thêm {code} ({role})")


@users.command("set-pin")
@click.option("--code", required=True)
def users_set_pin(code: str) -> None:
    """Đặt mã PIN mới (quên PIN, tài khoản bị khóa); PIN đọc từ đầu vào chuẩn hoặc hỏi ẩn."""
    from kiosk.domain.errors import ValidationError
    from kiosk.services import users as user_service

    pin = read_secret("Mã PIN mới (4–8 chữ số)", twice=True)
    try:
        user_service.set_pin(open_kiosk(), code, pin, actor="cli")
    except ValidationError as exc:
        raise refused(exc) from None
    click.echo(f"Đã đặt mã PIN mới cho {code}; tài khoản đã được mở khóa.")


@users.command("disable")
@click.option("--code", required=True)
def users_disable(code: str) -> None:
    """Khóa hẳn tài khoản của người thôi làm (không xóa: nhật ký vẫn ghi tên họ)."""
    _set_active(code, False)


@users.command("enable")
@click.option("--code", required=True)
def users_enable(code: str) -> None:
    """Mở lại tài khoản đã khóa hẳn."""
    _set_active(code, True)


def _set_active(code: str, active: bool) -> None:
    from kiosk.domain.errors import ValidationError
    from kiosk.services import users as user_service

    try:
        user_service.set_active(open_kiosk(), code, active)
    except ValidationError as exc:
        raise refused(exc) from None
    click.echo(f"Đã {'mở lại' if active else 'khóa hẳn'} tài khoản {code}.")


@users.command("list")
@click.option("--json", "as_json", is_flag=True)
def users_list(as_json: bool) -> None:
    """Danh sách người dùng: mã, vai trò, tên, tình trạng."""
    from kiosk.services import users as user_service
    from kiosk.store.models import utcnow

    rows = user_service.list_users(open_kiosk())
    if as_json:
        echo_json(
            [{"code": u.code, "name": u.name, "role": u.role, "active": u.active} for u in rows]
        )
        return
    roles = {
        "volunteer": "tình nguyện viên",
        "staff": "cán bộ phường",
        "technician": "kỹ thuật viên",
    }
    now = utcnow()
    for u in rows:
        locked = u.locked_until is not None and u.locked_until > now
        state = "đã khóa hẳn" if not u.active else "tạm khóa (sai PIN)" if locked else ""
        click.echo(f"{u.code:<12} {roles.get(u.role, u.role):<17} {u.name}  {state}".rstrip())


@cli.group()
def catalog() -> None:
    """Danh mục thủ tục hành chính (procedure catalogue)."""


@catalog.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def catalog_load(file: Path) -> None:
    from kiosk.catalog.model import CatalogError
    from kiosk.services import catalog as catalog_service

    try:
        count = catalog_service.load_file(open_kiosk(create=True), file, "cli")
    except CatalogError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Đã nạp {count} thủ tục (loaded {count} procedures)")


@catalog.command("search")
@click.argument("text", nargs=-1, required=True)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True)
def catalog_search(text: tuple[str, ...], limit: int, as_json: bool) -> None:
    from kiosk.services import catalog as catalog_service

    hits = catalog_service.search(open_kiosk(), " ".join(text), limit=limit)
    if as_json:
        echo_json(
            [
                {
                    "code": h.code,
                    "name": h.name,
                    "field": h.field,
                    "level": h.level,
                    "score": round(h.score, 3),
                    "stopped": h.stopped,
                }
                for h in hits
            ]
        )
        return
    for h in hits:
        click.echo(f"{h.code:<12} [{h.level or '-':<4}] {h.name}")


@cli.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--volunteer", default="import", show_default=True)
@click.option("--json", "as_json", is_flag=True)
def import_cmd(file: Path, volunteer: str, as_json: bool) -> None:
    """Nhập hồ sơ giấy tồn đọng từ tệp JSONL (paper-form backlog)."""
    from kiosk.services.importer import UnusableFile, check_volunteer, import_file

    try:
        check_volunteer(volunteer)
        kiosk = open_kiosk()  # into a kiosk that exists: never a new one by a typo
        report = import_file(kiosk, file, volunteer)
    except UnusableFile as exc:
        if as_json:
            echo_json({"error": str(exc)})
        click.echo(str(exc), err=True)
        sys.exit(2)
    if as_json:
        echo_json(report.as_dict())
    else:
        unsaved = report.not_saved
        skip = set(unsaved)
        refused = len(report.rejected) - len(unsaved)
        click.echo(
            f"Đã lưu {len(report.accepted)}, bị từ chối {refused}, bỏ qua "
            f"{len(report.skipped)} (saved/rejected/skipped)"
            + (f"; chưa lưu {len(unsaved)} (not saved)" if unsaved else "")
        )
        for rejected in report.rejected:
            if rejected["line"] in skip:
                continue
            for error in rejected["errors"]:
                click.echo(f"  dòng {rejected['line']}: {error['field']}: {error['message']}")
        if report.stopped:
            line, what = report.stopped["line"], report.stopped["error"]
            lines = ranges(unsaved, bridge=report.blank)
            click.echo(
                f"Việc nhập đã dừng ở dòng {line} vì lỗi lưu trữ ({what}). {len(unsaved)} dòng "
                f"chưa lưu: {lines}. Khắc phục rồi chỉ nhập lại những dòng này. (Import "
                f"stopped at line {line}, storage error; not saved: lines {lines}.)",
                err=True,
            )
    sys.exit(report.exit_code)


def ranges(numbers: list[int], bridge: Collection[int] = (), most: int = 20) -> str:
    """``[70, 129, 130, 131]`` → ``70, 129–131`` (sorted, distinct numbers); a run goes on
    over numbers in ``bridge`` (blank lines); past ``most`` runs, the rest is left to --json."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and all(n in bridge for n in range(runs[-1][-1] + 1, number)):
            runs[-1].append(number)
        else:
            runs.append([number])
    words = [str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs]
    if len(words) > most:
        words = [*words[:most], f"… (+{len(words) - most}, --json)"]
    return ", ".join(words)


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--limit", default=200, show_default=True)
def queue(as_json: bool, limit: int) -> None:
    """Hàng đợi gửi lên tỉnh (outbox)."""
    from kiosk.export.labels import GROUPS, SYNC_STATES
    from kiosk.services.doctor import local_stamp
    from kiosk.services.queue import view

    result = view(open_kiosk(), limit=limit)
    if as_json:
        echo_json(result.as_dict())
        return
    click.echo(
        " · ".join(
            f"{SYNC_STATES.get(state, state)} ({state}): {n}" for state, n in result.counts.items()
        )
    )
    age = result.oldest_pending_age_s
    waited = "-" if age is None else f"{age / 3600:.1f} giờ".replace(".", ",")
    click.echo(
        f"Mục chờ lâu nhất: {waited}; lần trao đổi cuối với tỉnh: "
        f"{local_stamp(result.last_exchange_at) or 'chưa có'}"
    )
    total = sum(result.counts.values())
    if result.items:
        click.echo("Chưa xong trước (oldest first), rồi các mục tỉnh đã nhận gần nhất:")
    for item in result.items:
        reason = f"  ← {item['reason']}" if item["reason"] else ""
        kind, state = item["kind"], item["state"]
        click.echo(
            f"{item['seq']:>6} {item['receipt_code'] or '-':<18} {GROUPS.get(kind, kind):<16} "
            f"{SYNC_STATES.get(state, state)}{reason}"
        )
    if total > len(result.items):
        click.echo(
            f"… còn {total - len(result.items)} mục nữa không hiện (xem thêm: --limit N). "
            f"({total - len(result.items)} more not shown.)"
        )


@cli.group()
def demo() -> None:
    """Dữ liệu mẫu (synthetic demo data)."""


@demo.command("seed")
@click.option(
    "--dossiers",
    default=0,
    type=click.IntRange(min=0),
    help="Số hồ sơ (hồ sơ nhận kết quả qua bưu chính kèm theo một đăng ký bưu chính).",
)
@click.option("--payments", default=0, type=click.IntRange(min=0), help="Số khoản nộp tiền.")
@click.option("--registrations", default=0, type=click.IntRange(min=0), help="Số đăng ký dịch vụ.")
@click.option("--feedback", default=0, type=click.IntRange(min=0), help="Số phản ánh, kiến nghị.")
@click.option("--visits", default=0, type=click.IntRange(min=0), help="Số lượt hướng dẫn.")
@click.option("--seed", "seed_value", default=1, show_default=True)
def demo_seed(
    dossiers: int, payments: int, registrations: int, feedback: int, visits: int, seed_value: int
) -> None:
    """Tạo bản ghi mẫu qua đường lưu thông thường; in id mỗi bản ghi đã lưu."""
    from kiosk.services import catalog as catalog_service
    from kiosk.services.demo import seed

    kiosk = open_kiosk(create=True)
    catalog_service.ensure_loaded(kiosk)
    counts = {
        "dossier": dossiers,
        "payment": payments,
        "registration": registrations,
        "feedback": feedback,
        "visit": visits,
    }

    def committed(saved: Any) -> None:
        for record in (saved, *saved.linked):
            sys.stdout.write(f"{record.kind} {record.id} {record.receipt_code}\n")
        sys.stdout.flush()

    seed(kiosk, counts, seed_value, committed)


@cli.group()
def audit() -> None:
    """Nhật ký kiểm toán (audit log)."""


@audit.command("verify")
@click.option("--json", "as_json", is_flag=True)
def audit_verify(as_json: bool) -> None:
    from kiosk.store import audit as audit_store
    from kiosk.store.db import read_session

    with read_session(open_kiosk().engine) as session:
        report = audit_store.verify(session)
    problem, gap = report.problem or "", report.first_gap
    vi, en = audit_store.PROBLEM_TEXT.get(problem, (problem, problem))
    if as_json:  # machine fields: ``problem`` stays the code
        echo_json(report.as_dict())
    elif report.ok:
        click.echo(f"Chuỗi nhật ký nguyên vẹn: {report.entries} mục (audit chain intact)")
    elif gap is None:
        click.echo(
            f"Chuỗi nhật ký bị hỏng tại mục {report.first_bad_seq}: {vi} "
            f"(audit chain broken at entry {report.first_bad_seq}: {en} [{problem}])"
        )
    else:  # the chain holds together; the records and its entries do not match
        ref = f"{gap.kind} {gap.record_id} ({gap.receipt_code or '?'})"
        ref += f", outbox {gap.item_id}" if gap.item_id else ""
        ref += f", #{gap.entry_seq}" if gap.entry_seq is not None else ""
        click.echo(
            f"Nhật ký kiểm toán không khớp với hồ sơ: {vi}; {report.gaps} chỗ thiếu, "
            f"đầu tiên: {ref}. Chuỗi có {report.entries} mục.\n(audit log does not match the "
            f"records: {en} [{problem}]; {report.gaps} found, first: {ref}; "
            f"{report.entries} entries)"
        )
    if not report.ok and not as_json:
        click.echo(
            "Việc cần làm: đừng sửa gì thêm trên máy; sao lưu ngay để giữ bằng chứng "
            "(kiosk backup --to THƯ_MỤC_USB) và báo cán bộ phường, kỹ thuật viên: nhật ký có "
            "thể đã bị sửa ngoài ứng dụng. (Keep evidence: back up now and report it.)"
        )
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.option("--once", is_flag=True, help="Gửi đến khi hết hàng đợi rồi thoát (mặc định).")
@click.option("--daemon", is_flag=True, help="Chạy nền, gửi khi có mạng.")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Báo số mục đã gửi sau mỗi lô (mặc định: khi chạy ở cửa sổ lệnh).",
)
@click.option("--json", "as_json", is_flag=True)
def sync(once: bool, daemon: bool, progress: bool | None, as_json: bool) -> None:
    """Gửi hàng đợi lên hệ thống của tỉnh (send the queue to the province)."""
    if once and daemon:  # Click kept the last one: the daemon started unasked
        raise click.UsageError("Chọn --once hoặc --daemon, không cả hai (one or the other)")
    mode = "daemon" if daemon else "once"
    from kiosk.services.doctor import configured
    from kiosk.sync.engine import AlreadyRelaying, SyncEngine, sync_once

    kiosk = open_kiosk()
    if mode != "daemon" and not configured(kiosk):  # not "connection refused" from a
        # server.url never set (the daemon runs anyway: its backups and purges need no server)
        raise click.ClickException(
            "Kiosk này chưa được cài đặt để gửi lên tỉnh (chưa có mã kiosk và mã bí mật của "
            "tỉnh): chạy kiosk setup. Dữ liệu đã lưu vẫn an toàn trên máy. (Not set up yet: "
            "run kiosk setup.)"
        )
    if mode == "daemon":
        import signal
        import threading

        engine = SyncEngine(kiosk)
        stopped = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stopped.set())
        # The touch app may relay (it got the lock first, or took it over): wait for it to
        # close rather than exit and be restarted by systemd every minute, all day.
        said = False
        while True:
            try:
                engine.start()
                break
            except AlreadyRelaying:
                if not said:
                    click.echo(WAITING_FOR_RELAY, err=True)
                    said = True
                if stopped.wait(LOCK_RETRY_S):
                    return
        click.echo("Đang chạy nền; Ctrl+C để dừng (sync daemon running)")
        from kiosk.services.housekeeping import EVERY_S, run_due

        while not stopped.is_set():
            run_due(kiosk)  # the retention purge, then the daily backup when due
            stopped.wait(EVERY_S)
        engine.stop()
        return
    if progress is None:
        progress = sys.stderr.isatty() and not as_json
    shown = SyncProgress() if progress else None
    try:
        result = sync_once(kiosk, progress=shown)
    except AlreadyRelaying:
        raise click.ClickException(ALREADY_RELAYING) from None
    if shown is not None:
        shown.finish()
    summary = {
        "sent": result.report.sent,
        "done": result.report.done,
        "rejected": result.report.rejected,
        "conflicts": result.report.conflicts,
        "reconciled": result.report.reconciled,
        "changes": result.changes,
        "remaining": result.remaining,
        "error": result.error,
    }
    if as_json:
        echo_json(summary)
    else:
        click.echo(
            f"Đã gửi {result.report.sent}, tỉnh đã nhận {result.report.done}, "
            f"bị từ chối {result.report.rejected}, còn chờ {result.remaining}"
        )
        if result.error:
            click.echo(result.error, err=True)
    sys.exit(0 if result.remaining == 0 else 1)


@cli.group()
def credentials() -> None:
    """Thông tin đăng nhập của kiosk với tỉnh (kept in the OS keyring)."""


@credentials.command("set")
@click.option("--client-id", required=True)
def credentials_set(client_id: str) -> None:
    """Lưu mã bí mật (client secret) đọc từ đầu vào chuẩn vào kho khóa của máy."""
    from kiosk.sync.engine import set_credentials

    secret = read_secret("Mã bí mật do tỉnh cấp (client secret)", twice=True)
    if not secret:
        raise click.ClickException("Thiếu mã bí mật trên đầu vào chuẩn (secret expected on stdin)")
    set_credentials(open_kiosk(create=True), client_id, secret)
    click.echo(f"Đã lưu thông tin đăng nhập cho {client_id} (secret stored in the keyring)")


@cli.command("simulator")
@click.option("--port", default=8765, show_default=True, help="Cổng trên 127.0.0.1 (0: tự chọn).")
@click.option(
    "--state-dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Thư mục dữ liệu của máy chủ giả lập (SQLite, tệp đính kèm).",
)
@click.option("--faults", default="", help="Lỗi giả lập, ví dụ seed=7,http503=0.05,latency=50ms.")
@click.option("--demo", "demo_mode", is_flag=True, help="Chế độ trình diễn.")
@click.option("--demo-speed", default=1.0, show_default=True, help="Hệ số tăng tốc của demo.")
@click.option("--client", "clients", multiple=True, help="Đăng ký máy trạm ID:SECRET.")
@click.option("--token-ttl", default=900.0, show_default=True, help="Thời hạn token (giây).")
@click.option("--verbose", is_flag=True, help="Ghi nhật ký chi tiết từng yêu cầu.")
def simulator_cmd(
    port: int,
    state_dir: Path,
    faults: str,
    demo_mode: bool,
    demo_speed: float,
    clients: tuple[str, ...],
    token_ttl: float,
    verbose: bool,
) -> None:
    """Máy chủ tỉnh giả lập (provincial API simulator, contract v1) trên 127.0.0.1."""
    from kiosk.simulator.faults import FaultSpecError, parse_faults
    from kiosk.simulator.run import parse_client, serve

    try:
        parse_faults(faults)
        pairs = [parse_client(c) for c in clients]
    except (FaultSpecError, ValueError) as exc:
        raise click.BadParameter(str(exc)) from None
    sys.exit(
        serve(
            state_dir,
            port=port,
            faults=faults,
            demo=demo_mode,
            demo_speed=demo_speed,
            clients=pairs,
            token_ttl=token_ttl,
            verbose=verbose,
        )
    )


@cli.command()
@click.argument("receipt_code")
@click.option("--json", "as_json", is_flag=True)
def lookup(receipt_code: str, as_json: bool) -> None:
    """Tra cứu hồ sơ theo mã biên nhận (look a dossier up by its receipt code)."""
    from kiosk.services.lookup import OtherReceipt, by_receipt_code

    found = by_receipt_code(open_kiosk(), receipt_code)
    if found is None:
        if as_json:
            echo_json(None)
        click.echo("Không tìm thấy hồ sơ với mã này (no dossier with this code)", err=True)
        sys.exit(1)
    if as_json:
        echo_json(found.as_dict())
        return
    if isinstance(found, OtherReceipt):
        click.echo(found.message)
        return
    click.echo(f"{found.receipt_code}: {found.procedure_name}")
    click.echo(f"Trạng thái: {found.status}")
    click.echo(f"Việc cần làm: {found.next_step}")
    if found.ma_ho_so:
        click.echo(f"Mã hồ sơ: {found.ma_ho_so}")
    if found.due:
        click.echo(f"Ngày hẹn trả: {found.due}")


@cli.command("receipt")
@click.argument("receipt_code")
@click.option(
    "--format", "fmt", type=click.Choice(["escpos", "pdf", "png"]), default="pdf", show_default=True
)
@click.option(
    "--paper",
    type=click.Choice(["58", "80", "a4"]),
    default=None,
    help="Khổ giấy; mặc định A4 cho PDF, khổ của máy in cho escpos/png.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--copy", is_flag=True, help="Ghi “BẢN SAO” trên biên nhận.")
@click.option("--volunteer", default="cli", show_default=True)
def receipt_cmd(
    receipt_code: str, fmt: str, paper: str | None, output: Path, copy: bool, volunteer: str
) -> None:
    """Lưu biên nhận thành tệp ESC/POS, PDF hoặc PNG (write a receipt to a file)."""
    from kiosk.fsutil import write_atomic
    from kiosk.printing import service
    from kiosk.printing.source import ReceiptUnavailable

    existing_folder(output.absolute().parent)
    kiosk = open_kiosk()
    chosen = paper or ("a4" if fmt == "pdf" else str(kiosk.settings.get_int("printer.paper")))
    try:
        data = service.export(kiosk, receipt_code, fmt, chosen, volunteer, copy=copy)  # type: ignore[arg-type]
    except ReceiptUnavailable as exc:
        raise click.ClickException(exc.message) from None
    except service.RenderRefused as exc:
        raise click.ClickException(str(exc)) from None
    write_atomic(output, data)
    click.echo(f"Đã ghi {output} ({len(data)} byte)")


@cli.command("print")
@click.argument("receipt_code")
@click.option("--reprint", is_flag=True, help="In lại: bản in ghi “BẢN SAO” và số lần in lại.")
@click.option("--volunteer", default="cli", show_default=True)
@click.option(
    "--came-out",
    type=click.Choice(["yes", "no"]),
    default=None,
    help="Trả lời luôn câu hỏi “biên nhận đã ra giấy chưa?”.",
)
@click.option("--wait", "wait_s", default=60.0, show_default=True, help="Chờ tối đa (giây).")
@click.option("--json", "as_json", is_flag=True)
def print_cmd(
    receipt_code: str,
    reprint: bool,
    volunteer: str,
    came_out: str | None,
    wait_s: float,
    as_json: bool,
) -> None:
    """In biên nhận qua hàng đợi in tới máy in đã cài đặt (print through the queue)."""
    from kiosk.printing.jobs import JobRefused
    from kiosk.printing.models import JobState
    from kiosk.printing.queue import PrintQueue
    from kiosk.printing.source import ReceiptUnavailable

    queue = PrintQueue(open_kiosk())
    try:
        view = queue.submit(receipt_code, volunteer, reprint=reprint)
    except (JobRefused, ReceiptUnavailable) as exc:
        raise click.ClickException(exc.message) from None
    queue.start()
    try:
        view = queue.wait(view.id, wait_s)
        if came_out and view.state == JobState.NEEDS_CONFIRMATION.value:
            view = queue.answer(view.id, volunteer, came_out == "yes")
    finally:
        queue.stop()
    if as_json:
        echo_json(view.as_dict())
    else:
        click.echo(f"Lệnh in {view.id} ({view.receipt_code}): {view.state}")
        if view.message:
            click.echo(view.message)
    if view.state == JobState.FAILED.value:
        sys.exit(1)
    if view.state in (JobState.QUEUED.value, JobState.PRINTING.value):
        sys.exit(2)


@cli.command("print-test")
@click.option("--format", "fmt", type=click.Choice(["escpos", "pdf", "png"]), default="escpos")
@click.option("--paper", type=click.Choice(["58", "80", "a4"]), default=None)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Ghi trang in thử ra tệp thay vì gửi tới máy in.",
)
def print_test_cmd(fmt: str, paper: str | None, output: Path | None) -> None:
    """In trang thử: máy in, khổ giấy, bảng chữ Việt đủ dấu, mã QR (printer test page)."""
    from kiosk.fsutil import write_atomic
    from kiosk.printing import service
    from kiosk.printing.connections import PrinterError
    from kiosk.printing.queue import PrinterSettings

    kiosk = open_kiosk()
    if output is None:
        try:
            sent = service.print_test(kiosk, "cli")
        except PrinterError as exc:
            raise click.ClickException(exc.message) from None
        click.echo(f"Đã gửi trang in thử tới {kiosk.settings.get_str('printer.uri')} ({sent} byte)")
        return
    chosen = paper or ("a4" if fmt == "pdf" else str(kiosk.settings.get_int("printer.paper")))
    receipt = service.test_receipt(kiosk, int(chosen) if chosen.isdigit() else None)
    try:
        data = service.render(receipt, fmt, chosen, PrinterSettings.of(kiosk).setup)  # type: ignore[arg-type]
    except service.RenderRefused as exc:
        raise click.ClickException(str(exc)) from None
    write_atomic(output, data, mode=0o644)
    click.echo(f"Đã ghi {output} ({len(data)} byte)")


from kiosk import cli_maintenance  # noqa: E402 (its commands join the group defined above)

cli_maintenance.register(cli)


from kiosk import cli_export  # noqa: E402  (ward staff's commands, #6)

cli_export.register(cli)


def main() -> None:
    """``kiosk``: Click's own "Error:", "Aborted!" and "Try … --help" said in Vietnamese first
    (its messages for a mistyped option stay Click's English, after the Vietnamese)."""
    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort:  # Ctrl+C, or end of input at a question
        click.echo("\nĐã hủy; chưa làm gì thêm. (Aborted.)", err=True)
        sys.exit(1)
    except click.UsageError as exc:
        if exc.ctx is not None:
            click.echo(exc.ctx.get_usage(), err=True)
            click.echo(f"Xem cách dùng: {exc.ctx.command_path} --help", err=True)
        click.echo(f"Lỗi cách dùng (usage error): {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"Lỗi (Error): {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
