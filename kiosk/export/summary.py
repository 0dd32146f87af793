"""The summary tables every export shows, built once from :class:`~kiosk.export.stats.Stats`
so that the PDF, the XLSX summary sheet and ``kiosk stats`` cannot disagree.

Cells are plain values: text, integers, and :class:`Money` (an ``int`` of đồng: the PDF
writes ``1.500.000 ₫``, the XLSX a number with a đồng format).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.export import labels
from kiosk.export.dayclose import difference_words
from kiosk.export.period import Period, dmy, local
from kiosk.export.stats import Stats
from kiosk.printing.model import PointInfo
from kiosk.printing.money import format_number, format_vnd


class Money(int):
    """An amount of đồng (VND has no minor unit)."""

    __slots__ = ()


Cell = str | int | None
TOTAL = "Tổng cộng"


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: list[tuple[Cell, ...]]
    total: tuple[Cell, ...] | None = None
    empty: str = "Không có"  # shown when there are no rows


@dataclass(frozen=True, slots=True)
class ExportInfo:
    """Who, where, when: the header of the PDF and of the XLSX summary sheet."""

    point: PointInfo
    period: Period
    exported_by: str
    exported_at: datetime
    chain_head: tuple[int, str]  # audit (seq, hash) when the export was read

    def lines(self) -> list[tuple[str, str]]:
        at = local(self.exported_at)
        return [
            ("Điểm hỗ trợ", self.point.name),
            ("Địa bàn", self.point.ward),
            ("Mã điểm", self.point.kiosk_code),
            ("Thời gian báo cáo", _period_words(self.period)),
            ("Người xuất", self.exported_by),
            ("Thời điểm xuất", f"{dmy(at.date())} {at:%H:%M}"),
            ("Nhật ký kiểm toán đến mục", f"#{self.chain_head[0]} ({self.chain_head[1][:16]}…)"),
        ]


def _period_words(period: Period) -> str:
    text = period.label()
    return text[0].upper() + text[1:]


def cell_text(value: Cell) -> str:
    """A cell as printed: ``1.500.000 ₫`` for money, ``1.234`` for a count."""
    if isinstance(value, Money):
        return format_vnd(int(value))
    if isinstance(value, int):
        return format_number(value)
    return "" if value is None else str(value)


def duration_words(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} giờ {minutes} phút"
    return f"{minutes} phút {secs} giây" if minutes else f"{secs} giây"


def overview(stats: Stats) -> Table:
    rows: list[tuple[Cell, ...]] = [
        ("Hồ sơ đã nộp tại điểm hỗ trợ", stats.dossiers_filed),
        ("Hồ sơ tỉnh đã nhận", stats.dossiers_accepted),
        ("Lượt người dân được hướng dẫn", stats.residents_guided),
        ("Khoản nộp tiền", stats.payments_count),
        ("Tổng số tiền đã nộp", Money(stats.payments_total_vnd)),
        ("Trong đó tiền mặt", Money(stats.cash_total_vnd)),
        ("Đăng ký dịch vụ", stats.registrations),
        ("Phản ánh, kiến nghị", stats.feedback),
        ("Mục chưa được tỉnh nhận", stats.not_accepted),
        (
            "Thời gian trung vị từ lúc lưu đến khi tỉnh nhận",
            duration_words(stats.median_save_to_accepted_s),
        ),
        ("Biên nhận in lỗi", stats.print_failures),
        ("Biên nhận chưa xác nhận ra giấy", stats.print_unconfirmed),
        (
            "Chênh lệch tiền mặt khi chốt ngày",
            Money(stats.cash_difference_vnd) if stats.day_closes else "Chưa chốt ngày",
        ),
    ]
    return Table("Tổng quan", ("Chỉ tiêu", "Số liệu"), rows)


def tables(stats: Stats) -> list[Table]:
    """The detailed summary tables, in the order the PDF prints them."""
    return [
        by_procedure(stats),
        by_status(stats),
        payments(stats),
        registrations(stats),
        sync_states(stats),
        prints(stats),
        day_closes(stats),
    ]


def by_procedure(stats: Stats) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (p.code, p.name, p.filed, p.accepted) for p in stats.dossiers_by_procedure
    ]
    total = (TOTAL, "", stats.dossiers_filed, stats.dossiers_accepted)
    return Table(
        "Hồ sơ theo thủ tục", ("Mã thủ tục", "Tên thủ tục", "Đã nộp", "Tỉnh đã nhận"), rows, total
    )


def by_status(stats: Stats) -> Table:
    rows: list[tuple[Cell, ...]] = list(stats.dossiers_by_status)
    return Table(
        "Hồ sơ theo trạng thái", ("Trạng thái", "Số hồ sơ"), rows, (TOTAL, stats.dossiers_filed)
    )


def payments(stats: Stats) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (m.label, m.count, Money(m.total_vnd)) for m in stats.payments_by_method
    ]
    total = (TOTAL, stats.payments_count, Money(stats.payments_total_vnd))
    return Table("Thanh toán theo hình thức", ("Hình thức", "Số khoản", "Số tiền"), rows, total)


def registrations(stats: Stats) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (labels.service_label(code), n) for code, n in stats.registrations_by_kind
    ]
    return Table(
        "Đăng ký dịch vụ theo loại", ("Dịch vụ", "Số lượt"), rows, (TOTAL, stats.registrations)
    )


def sync_states(stats: Stats) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (labels.word(labels.SYNC_STATES, state), n) for state, n in stats.sync_states
    ]
    total = sum(n for _, n in stats.sync_states)
    return Table("Tình trạng gửi lên tỉnh", ("Trạng thái", "Số mục"), rows, (TOTAL, total))


def prints(stats: Stats) -> Table:
    words = {**labels.PRINT_STATES, "reprint": "Trong đó: bản in lại (bản sao)"}
    rows: list[tuple[Cell, ...]] = [(words[state], n) for state, n in stats.prints]
    return Table("In biên nhận", ("Lệnh in", "Số lệnh"), rows)


def day_closes(stats: Stats) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (
            dmy(c.day),
            Money(c.expected_cash_vnd),
            Money(c.counted_cash_vnd),
            Money(c.difference_vnd),
            difference_words(c.difference_vnd),
            f"{c.volunteer} / {c.staff}" + (f" (lần {c.revision})" if c.revision > 1 else ""),
        )
        for c in stats.latest_closes()
    ]
    total = None
    if rows:
        closes = stats.latest_closes()
        total = (
            TOTAL,
            Money(sum(c.expected_cash_vnd for c in closes)),
            Money(sum(c.counted_cash_vnd for c in closes)),
            Money(stats.cash_difference_vnd),
            difference_words(stats.cash_difference_vnd),
            "",
        )
    header = ("Ngày", "Tiền mặt theo sổ", "Tiền đếm được", "Chênh lệch", "Kết quả", "TNV / Cán bộ")
    return Table("Chốt ngày — chênh lệch tiền mặt", header, rows, total, "Chưa chốt ngày")


def chart_title(stats: Stats) -> str:
    unit = {"hour": "giờ", "day": "ngày", "month": "tháng"}[stats.bucket_unit]
    return f"Lượt hướng dẫn và hồ sơ theo {unit}"


def chart_table(stats: Stats) -> Table:
    unit = {"hour": "Giờ", "day": "Ngày", "month": "Tháng"}[stats.bucket_unit]
    rows: list[tuple[Cell, ...]] = [(b.label, b.visits, b.dossiers) for b in stats.buckets]
    return Table(
        chart_title(stats),
        (unit, "Lượt hướng dẫn", "Hồ sơ"),
        rows,
        (TOTAL, stats.residents_guided, stats.dossiers_filed),
    )
