"""Ward staff's commands (#6): ``kiosk export``, ``kiosk export verify``, ``kiosk stats``,
``kiosk day-close``. Registered on the main group by :func:`register`; imports are lazy.

Exit codes: 0 done / verified; 1 verification failed or the close was refused; 2 usage.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from kiosk.cli_common import echo_json, open_kiosk, read_secret

FORMAT_CHOICES = ("csv", "xlsx", "pdf")


class Dong(click.ParamType[int, Any]):
    """An amount in đồng as staff write it: ``1500000``, ``1.500.000``, ``1.500.000đ``."""

    name = "đồng"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().lower().removesuffix("đ").removesuffix("vnd").strip()
        digits = text.replace(".", "").replace(" ", "")
        groups = text.split(".")
        grouped = len(groups) == 1 or (
            1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
        )
        if digits.isascii() and digits.isdigit() and grouped:
            return int(digits)
        self.fail(
            f"{value!r} không phải số tiền (đồng): viết 1500000 hoặc 1.500.000 "
            "(not an amount in đồng)",
            param,
            ctx,
        )


DONG = Dong()


def register(cli: click.Group) -> None:
    cli.add_command(export_group)
    cli.add_command(stats_cmd)
    cli.add_command(day_close_cmd)


def _day(text: str | None, name: str) -> date | None:
    from kiosk.export.period import PeriodError, parse_day

    if text is None:
        return None
    try:
        return parse_day(text)
    except PeriodError as exc:
        raise click.BadParameter(str(exc), param_hint=name) from None


@click.group("export", invoke_without_command=True)
@click.option(
    "--date",
    "first",
    metavar="NGÀY",
    help="Ngày (hoặc ngày đầu) cần xuất: 23/11/2026 hoặc 2026-11-23.",
)
@click.option("--to", "last", metavar="NGÀY", help="Ngày cuối (mặc định: như --date).")
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), help="Định dạng tệp.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Tệp ra.")
@click.option("--by", "by", default="cli", show_default=True, help="Mã người xuất.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def export_group(
    ctx: click.Context,
    first: str | None,
    last: str | None,
    fmt: str | None,
    output: Path | None,
    by: str,
    as_json: bool,
) -> None:
    """Xuất nhật ký hoạt động ra CSV, XLSX hoặc PDF kèm tệp kê khai (export the session log).

    Ví dụ: kiosk export --date 2026-11-22 --format pdf -o /media/usb/nhatky.pdf;
    kiosk export verify FILE.manifest.json kiểm tra lại một tệp đã xuất."""
    if ctx.invoked_subcommand is not None:
        if any(v is not None for v in (first, last, fmt, output)):
            raise click.UsageError(
                "Các tùy chọn xuất không dùng cùng 'verify' (export options "
                "do not go with 'verify')"
            )
        return
    missing = [n for n, v in (("--date", first), ("--format", fmt), ("-o", output)) if v is None]
    if missing:
        raise click.UsageError(f"Thiếu {', '.join(missing)} (missing options)")
    _export(_day(first, "--date"), _day(last, "--to"), str(fmt), Path(str(output)), by, as_json)


def _export(
    first: date | None, last: date | None, fmt: str, output: Path, by: str, as_json: bool
) -> None:
    from kiosk.export import ExportRefused, PeriodError, export
    from kiosk.export.manifest import manifest_path
    from kiosk.export.period import dmy, today

    assert first is not None
    if first > today():  # a typo in the year, usually: 0 rows would look like a quiet day
        raise click.UsageError(
            f"Ngày {dmy(first)} chưa đến: không có gì để xuất; kiểm tra năm, tháng "
            "(the day has not come yet)"
        )
    try:
        manifest = export(open_kiosk(), first, last, fmt, output, by)
    except (ExportRefused, PeriodError) as exc:
        raise click.UsageError(str(exc)) from None
    if as_json:
        echo_json({**manifest.as_dict(), "manifest_path": str(manifest_path(output))})
        return
    click.echo(f"Đã xuất {manifest.rows} dòng nhật ký vào {output} (exported {manifest.rows} rows)")
    click.echo(f"Tệp kê khai: {manifest_path(output)}")
    click.echo(f"SHA-256: {manifest.sha256}")


@export_group.command("verify")
@click.argument("manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--chain", is_flag=True, help="Đối chiếu cả với nhật ký kiểm toán của máy này.")
@click.option("--json", "as_json", is_flag=True)
def export_verify(manifest: Path, chain: bool, as_json: bool) -> None:
    """Kiểm tra lại một tệp đã xuất với tệp kê khai của nó (verify an export)."""
    from kiosk.export import verify_export

    result = verify_export(manifest, open_kiosk() if chain else None)
    if as_json:
        echo_json(result.as_dict())
    elif result.ok:
        name = result.manifest.file if result.manifest else manifest.name
        click.echo(
            f"Tệp {name} khớp với tệp kê khai ({', '.join(result.checked)}): "
            "nguyên vẹn (export verified)"
        )
    else:
        for problem in result.problems:
            click.echo(f"{problem.message} ({problem.message_en})")
    sys.exit(0 if result.ok else 1)


@click.command("stats")
@click.option("--from", "first", metavar="NGÀY", help="Từ ngày (mặc định: hôm nay).")
@click.option("--to", "last", metavar="NGÀY", help="Đến ngày (mặc định: như --from).")
@click.option("--json", "as_json", is_flag=True)
def stats_cmd(first: str | None, last: str | None, as_json: bool) -> None:
    """Số liệu thí điểm: hồ sơ, lượt hướng dẫn, thanh toán, đăng ký (pilot statistics)."""
    from kiosk.export import PeriodError, stats
    from kiosk.export.period import today
    from kiosk.export.summary import cell_text, overview

    start = _day(first, "--from") or today()
    try:
        result = stats(open_kiosk(), start, _day(last, "--to"))
    except PeriodError as exc:
        raise click.UsageError(str(exc)) from None
    if as_json:
        echo_json(result.as_dict())
        return
    click.echo(f"Số liệu {result.period.label()}:")
    for label, value in overview(result).rows:
        click.echo(f"  {label}: {cell_text(value)}")
    for procedure in result.dossiers_by_procedure:
        click.echo(
            f"    {procedure.code:<10} {procedure.filed:>5} hồ sơ, "
            f"tỉnh đã nhận {procedure.accepted}  {procedure.name}"
        )


@click.command("day-close")
@click.option("--date", "day_text", metavar="NGÀY", help="Ngày chốt (mặc định: hôm nay).")
@click.option(
    "--counted",
    type=DONG,
    help="Số tiền mặt đếm được (đồng: 1500000 hoặc 1.500.000); không có: chỉ xem trước.",
)
@click.option("--volunteer", help="Mã tình nguyện viên bàn giao tiền.")
@click.option("--staff", help="Mã cán bộ phường duyệt; mã PIN đọc từ đầu vào chuẩn.")
@click.option(
    "--reason",
    type=click.Choice(["recount", "late_payment", "entry_error", "other"]),
    help="Lý do khi chốt lại một ngày đã chốt.",
)
@click.option("--json", "as_json", is_flag=True)
def day_close_cmd(
    day_text: str | None,
    counted: int | None,
    volunteer: str | None,
    staff: str | None,
    reason: str | None,
    as_json: bool,
) -> None:
    """Chốt ngày: xem trước, hoặc ghi chốt ngày với PIN cán bộ phường (day close)."""
    from kiosk.export import DayCloseRefused, close_day, day_close_preview
    from kiosk.export.period import today

    day = _day(day_text, "--date") or today()
    kiosk = open_kiosk()
    if counted is None:
        preview = day_close_preview(kiosk, day)
        echo_json(preview.as_dict()) if as_json else _print_preview(preview)
        return
    if not volunteer or not staff:
        raise click.UsageError("Chốt ngày cần --volunteer và --staff (both are needed)")
    pin = read_secret(f"Mã PIN của cán bộ {staff}")
    try:
        closed = close_day(kiosk, day, counted, volunteer, staff, pin, reason)
    except DayCloseRefused as exc:
        if as_json:
            echo_json({"error": exc.reason, "message": exc.message})
        hint = ' Thêm --reason "lý do điều chỉnh".' if exc.reason == "reason_needed" else ""
        click.echo(exc.message + hint, err=True)
        sys.exit(1)
    if as_json:
        echo_json(closed.as_dict())
        return
    click.echo(
        f"Đã chốt ngày {closed.day:%d/%m/%Y} (lần {closed.revision}, mục #{closed.seq}): "
        f"{closed.difference_words}"
    )


def _print_preview(preview: Any) -> None:
    from kiosk.printing.money import format_vnd

    click.echo(f"Ngày {preview.day:%d/%m/%Y}" + (" (đã chốt)" if preview.closed else ""))
    click.echo(
        f"  Tiền mặt theo sổ: {format_vnd(preview.expected_cash_vnd)} "
        f"({preview.cash_payments} khoản)"
    )
    click.echo(
        f"  Mục chưa được tỉnh nhận: {len(preview.not_accepted)} trong ngày, "
        f"{preview.older_not_accepted} từ trước"
    )
    click.echo(f"  Biên nhận in lỗi hoặc chưa xác nhận: {len(preview.print_problems)}")
    for close in preview.closes:
        click.echo(
            f"  Lần chốt {close.revision} (#{close.seq}) bởi {close.staff}: "
            f"{close.difference_words}"
        )
    again = ' --reason "lý do"' if preview.closed else ""
    click.echo(
        f"Để chốt{' lại' if preview.closed else ''}: kiosk day-close --date "
        f"{preview.day:%d/%m/%Y} --counted SỐ_TIỀN_ĐẾM_ĐƯỢC --volunteer MÃ_TNV --staff MÃ_CÁN_BỘ"
        f"{again} (máy hỏi mã PIN của cán bộ)"
    )
