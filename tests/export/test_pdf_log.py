"""The PDF session log as ward staff read it: over several days, each day named on its own
row and every time whole; linked records' dossier codes labelled; the signatures never alone
on their page, under the place and date."""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta
from pathlib import Path

from reportlab.lib.units import mm

from kiosk.export import labels
from kiosk.export.pdf_export import LOG_COLUMNS, _fit, write_pdf
from kiosk.export.period import Period, dmy, local
from kiosk.export.session_log import entries, snapshot
from kiosk.export.stats import compute
from kiosk.export.summary import ExportInfo
from kiosk.printing.money import format_vnd
from kiosk.printing.source import point_info
from kiosk.services.context import Kiosk
from kiosk.settings import declared
from kiosk.store.models import utcnow
from tests.export.conftest import BusyDay

TIME = re.compile(r"^\d{2}:\d{2}:\d{2}(\s|$)")  # a time, then the event (same line)


def page_texts(path: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    return [
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, pages + 1)
    ]


def test_a_log_over_three_days_names_each_day_and_keeps_every_time_whole(
    busy: Kiosk, busy_day: BusyDay, tmp_path: Path
) -> None:
    last = busy_day.last
    period = Period.of(last - timedelta(days=2), last)
    with snapshot(busy) as raw:
        logged = list(entries(raw, Period.of(busy_day.first, last)))
        stats = compute(raw, period)
    # the busy day's entries spread over three days, in time order as the log reads
    spread = sorted(
        (e._replace(at=e.at - timedelta(days=n % 3)) for n, e in enumerate(logged)),
        key=lambda e: e.at,
    )
    days = sorted({local(e.at).date() for e in spread})
    assert len(days) == 3
    info = ExportInfo(point_info(busy), period, "CB01", utcnow(), (1, "0" * 64))
    path = tmp_path / "log.pdf"
    assert write_pdf(path, spread, stats, info) == len(spread)
    pages = page_texts(path)
    lines = [line.strip() for text in pages for line in text.splitlines()]
    for day in days:
        assert any(line.startswith(f"Ngày {dmy(day)} (") for line in lines), day
    times = [line for line in lines if TIME.match(line)]
    assert len(times) == len(spread)  # every time whole: none cut with "…"
    assert not any(re.match(r"^\d{2}[:/]\d{2}.*…$", line) for line in lines)
    linked = [e.ma_ho_so for e in spread if e.ma_ho_so and e.record_kind != "dossier"]
    assert linked, "the busy day links payments or registrations to coded dossiers"
    assert f"HS: {linked[0]}" in lines


def test_the_signatures_share_their_page_with_the_last_rows_under_place_and_date(
    busy: Kiosk, busy_day: BusyDay, tmp_path: Path
) -> None:
    period = Period.of(busy_day.first, busy_day.last)
    with snapshot(busy) as raw:
        logged = list(entries(raw, period))
        stats = compute(raw, period)
    info = ExportInfo(point_info(busy), period, "CB01", utcnow(), (1, "0" * 64))
    # as many rows as it takes to end a page with the log: the signatures go over with some
    for extra in range(0, 60, 3):
        path = tmp_path / f"log-{extra}.pdf"
        write_pdf(path, logged + logged[:extra], stats, info)
        last_page = page_texts(path)[-1].splitlines()
        assert "TÌNH NGUYỆN VIÊN" in last_page
        assert sum(1 for line in last_page if TIME.match(line.strip())) >= 1, extra
        at = local(info.exported_at)
        dated = f"Phường Nha Trang, ngày {at:%d} tháng {at:%m} năm {at.year}"
        assert any(dated in line for line in last_page)


def test_the_usual_values_fit_their_columns_whole() -> None:
    """A cell too narrow ends with "…": what ward staff reconcile (a time, a receipt code, the
    default largest amount, every sync state, a dossier's official code) must fit whole."""
    widths = {name: width * mm for name, width in LOG_COLUMNS}
    usual = {
        "Giờ": ["23:59:59"],
        "Mã biên nhận": ["NT01-261123-0137", "KIOSK-56-22366-01-261123-0137"[-16:]],
        "Thủ tục": ["1.004222", "2.002345"],
        "Số tiền": [format_vnd(int(str(declared("money.max_vnd").default)))],
        "Gửi tỉnh": list(labels.SYNC_STATES.values()),
        "Mã hồ sơ / ghi chú": ["HS: 000.00.12.H32-261123-0002", "000.00.12.H56-261231-9999"],
    }
    for column, values in usual.items():
        for value in values:
            assert _fit(value, widths[column]) == value, (column, value)
