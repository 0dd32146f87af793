"""The three exports of the busy day: CSV, XLSX and PDF, their manifests and audit entries;
their totals agree with each other and with ``kiosk stats``; no personal data in any of them.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from kiosk.export import Manifest, Stats, export, manifest_path, session_log, stats
from kiosk.export.columns import CSV_HEADER
from kiosk.export.manifest import sha256_file
from kiosk.printing.money import format_vnd
from kiosk.services.context import Kiosk
from kiosk.store.db import read_session
from kiosk.store.models import AuditEntry
from tests.conftest import run_cli
from tests.export.conftest import CASH_SHORT_BY, STAFF, BusyDay
from tests.sync.conftest import copy_home

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils not installed",
)
PDF_HEADINGS = (
    "BÁO CÁO HOẠT ĐỘNG ĐIỂM HỖ TRỢ DỊCH VỤ CÔNG TRỰC TUYẾN",
    "Điểm hỗ trợ DVC trực tuyến Phường Nha Trang",
    "Phường Nha Trang, tỉnh Khánh Hòa",
    "1. Tổng quan",
    "Hồ sơ đã nộp tại điểm hỗ trợ",
    "Lượt người dân được hướng dẫn",
    "Lượt hướng dẫn và hồ sơ theo",
    "Hồ sơ theo thủ tục",
    "Hồ sơ theo trạng thái",
    "Thanh toán theo hình thức",
    "Đăng ký dịch vụ theo loại",
    "Tình trạng gửi lên tỉnh",
    "In biên nhận",
    "Chốt ngày — chênh lệch tiền mặt",
    "Nhật ký chi tiết",
    "TÌNH NGUYỆN VIÊN",
    "CÁN BỘ PHƯỜNG",
    "(Ký, ghi rõ họ tên)",
)


@dataclass(frozen=True)
class Exported:
    home: Path
    out: Path
    manifests: dict[str, Manifest]
    logged: list[Any]  # (code, receipt, amount) of the session log just before the exports
    stats: Stats

    def file(self, fmt: str) -> Path:
        return self.out / f"nhat-ky.{fmt}"


@pytest.fixture(scope="module")
def exported(busy_day: BusyDay, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exported]:
    root = tmp_path_factory.mktemp("exported")
    mp = pytest.MonkeyPatch()
    try:
        home = copy_home(busy_day.root, root, mp)
        kiosk = Kiosk.open(home)
        out = root / "usb"
        out.mkdir()
        logged = [
            (e.code, e.receipt_code, e.amount_vnd)
            for e in session_log(kiosk, busy_day.first, busy_day.last)
        ]
        figures = stats(kiosk, busy_day.first, busy_day.last)
        manifests = {
            fmt: export(kiosk, busy_day.first, busy_day.last, fmt, out / f"nhat-ky.{fmt}", STAFF)
            for fmt in ("csv", "xlsx", "pdf")
        }
        kiosk.close()
        yield Exported(home, out, manifests, logged, figures)
    finally:
        mp.undo()


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=60, check=True
    )
    return done.stdout.decode("utf-8")


def xlsx_summary(path: Path) -> dict[str, Any]:
    """Label → value of the summary sheet's two-column rows."""
    book = load_workbook(path)
    rows = book["Tổng hợp"].iter_rows(values_only=True)
    return {str(r[0]): r[1] for r in rows if r and r[0] is not None and len(r) > 1}


# --- CSV --------------------------------------------------------------------------------


def test_csv_has_bom_and_one_row_per_log_entry(exported: Exported) -> None:
    path = exported.file("csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = csv_rows(path)
    assert tuple(rows[0]) == CSV_HEADER
    body = rows[1:]
    assert len(body) == exported.manifests["csv"].rows == len(exported.logged)
    code, receipt, amount = (
        CSV_HEADER.index(n) for n in ("Mã sự kiện", "Mã biên nhận", "Số tiền (đồng)")
    )
    assert [
        (r[code], r[receipt] or None, int(r[amount]) if r[amount] else None) for r in body
    ] == exported.logged
    for row in body:
        stamp = datetime.fromisoformat(row[0])
        assert stamp.utcoffset() is not None and stamp.utcoffset().total_seconds() == 7 * 3600
        assert row[1] == f"{stamp:%d/%m/%Y}" and row[2] == f"{stamp:%H:%M:%S}"


def test_csv_totals(exported: Exported) -> None:
    body = csv_rows(exported.file("csv"))[1:]
    figures = exported.stats
    code, amount = CSV_HEADER.index("Mã sự kiện"), CSV_HEADER.index("Số tiền (đồng)")
    assert sum(r[code] == "dossier.created" for r in body) == figures.dossiers_filed
    assert sum(r[code] == "visit.created" for r in body) == figures.residents_guided
    payments = [int(r[amount]) for r in body if r[code] == "payment.created"]
    assert (len(payments), sum(payments)) == (figures.payments_count, figures.payments_total_vnd)


# --- XLSX -------------------------------------------------------------------------------


def test_xlsx_log_sheet_layout_and_totals(exported: Exported) -> None:
    path = exported.file("xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Tổng hợp", "Nhật ký"]
    log = book["Nhật ký"]
    assert log.freeze_panes == "A2"
    assert log.auto_filter.ref == f"A1:O{exported.manifests['xlsx'].rows + 1}"
    assert log.column_dimensions["A"].width == 20 and log.column_dimensions["H"].width == 40
    header = [c.value for c in log[1]]
    assert header[0] == "Thời điểm" and header[8] == "Số tiền (đồng)"
    rows = list(log.iter_rows(min_row=2))
    # the log as before, and the CSV export made just before (an export is logged)
    assert len(rows) == exported.manifests["xlsx"].rows == len(exported.logged) + 1
    assert [r[1].value for r in rows[-1:]] == ["export.file"]
    assert isinstance(rows[0][0].value, datetime)
    assert rows[0][0].number_format == "dd/mm/yyyy hh:mm:ss"
    money = [r[8] for r in rows if r[1].value == "payment.created"]
    assert all(isinstance(c.value, int) and "₫" in c.number_format for c in money)
    assert sum(c.value for c in money) == exported.stats.payments_total_vnd
    assert sum(r[1].value == "dossier.created" for r in rows) == exported.stats.dossiers_filed


def test_xlsx_summary_sheet_totals(exported: Exported) -> None:
    summary = xlsx_summary(exported.file("xlsx"))
    figures = exported.stats
    assert summary["Hồ sơ đã nộp tại điểm hỗ trợ"] == figures.dossiers_filed
    assert summary["Hồ sơ tỉnh đã nhận"] == figures.dossiers_accepted
    assert summary["Lượt người dân được hướng dẫn"] == figures.residents_guided
    assert summary["Tổng số tiền đã nộp"] == figures.payments_total_vnd
    assert summary["Trong đó tiền mặt"] == figures.cash_total_vnd
    assert summary["Đăng ký dịch vụ"] == figures.registrations
    assert summary["Chênh lệch tiền mặt khi chốt ngày"] == -CASH_SHORT_BY
    assert summary["Người xuất"] == STAFF
    book = load_workbook(exported.file("xlsx"))
    cells = [c for row in book["Tổng hợp"].iter_rows() for c in row if c.value is not None]
    total = next(c for c in cells if c.value == figures.payments_total_vnd and c.column == 2)
    assert "₫" in total.number_format


def test_xlsx_prints_one_page_wide_with_the_header_on_every_page(exported: Exported) -> None:
    """Printed from a spreadsheet program, the log's 15 columns spread over pages across."""
    book = load_workbook(exported.file("xlsx"))
    for name, orientation in (("Tổng hợp", "portrait"), ("Nhật ký", "landscape")):
        sheet = book[name]
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize) == (orientation, 9)  # A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.oddFooter.right.text == "Trang &P/&N"
        assert "Điểm hỗ trợ DVC trực tuyến" in sheet.oddHeader.left.text
    assert book["Nhật ký"].print_title_rows == "$1:$1"
    summary = book["Tổng hợp"].iter_rows(min_row=2)  # under the title
    names = [c for row in summary for c in row if isinstance(c.value, str)]
    assert names and all(c.alignment.wrap_text for c in names if len(c.value) > 40)


# --- PDF --------------------------------------------------------------------------------


def test_pdf_text_has_headings_and_totals(exported: Exported) -> None:
    text = pdf_text(exported.file("pdf"))
    lines = [line.strip() for line in text.splitlines()]
    for heading in PDF_HEADINGS:
        assert any(heading in line for line in lines), heading
    figures = exported.stats
    for label, value in (
        ("Hồ sơ đã nộp tại điểm hỗ trợ", str(figures.dossiers_filed)),
        ("Lượt người dân được hướng dẫn", str(figures.residents_guided)),
        ("Tổng số tiền đã nộp", format_vnd(figures.payments_total_vnd)),
        ("Trong đó tiền mặt", format_vnd(figures.cash_total_vnd)),
        ("Chênh lệch tiền mặt khi chốt ngày", format_vnd(-CASH_SHORT_BY)),
    ):
        at = lines.index(label)
        assert value in lines[at : at + 30], (label, value)
    assert format_vnd(figures.payments_total_vnd) in lines  # the payments table's total
    assert f"Thiếu {format_vnd(CASH_SHORT_BY)}" in lines
    assert "Người xuất" in lines and STAFF in lines


def test_pdf_pages_render(exported: Exported, tmp_path: Path) -> None:
    path = exported.file("pdf")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    assert pages >= 2
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "p")], check=True, timeout=120
    )
    rendered = sorted(tmp_path.glob("p-*.png"))
    assert len(rendered) == pages
    assert all(p.stat().st_size > 2000 for p in rendered)  # drawn, not blank
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    assert "DejaVuSans" in fonts.stdout and "Helvetica" not in fonts.stdout


# --- agreement, manifests, privacy --------------------------------------------------------


def test_totals_agree_across_formats_and_kiosk_stats(
    exported: Exported, busy_day: BusyDay, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(exported.home))
    done = run_cli(
        "stats", "--from", busy_day.first.isoformat(), "--to", busy_day.last.isoformat(), "--json"
    )
    assert done.returncode == 0, done.stderr
    cli = json.loads(done.stdout)
    body = csv_rows(exported.file("csv"))[1:]
    code, amount = CSV_HEADER.index("Mã sự kiện"), CSV_HEADER.index("Số tiền (đồng)")
    from_csv = {
        "filed": sum(r[code] == "dossier.created" for r in body),
        "guided": sum(r[code] == "visit.created" for r in body),
        "paid": sum(int(r[amount]) for r in body if r[code] == "payment.created"),
        "registrations": sum(r[code] == "registration.created" for r in body),
    }
    summary = xlsx_summary(exported.file("xlsx"))
    from_xlsx = {
        "filed": summary["Hồ sơ đã nộp tại điểm hỗ trợ"],
        "guided": summary["Lượt người dân được hướng dẫn"],
        "paid": summary["Tổng số tiền đã nộp"],
        "registrations": summary["Đăng ký dịch vụ"],
    }
    from_cli = {
        "filed": cli["dossiers"]["filed"],
        "guided": cli["residents_guided"],
        "paid": cli["payments"]["total_vnd"],
        "registrations": cli["registrations"]["count"],
    }
    assert from_csv == from_xlsx == from_cli
    lines = [line.strip() for line in pdf_text(exported.file("pdf")).splitlines()]
    at = next(i for i, line in enumerate(lines) if line.endswith(". Thanh toán theo hình thức"))
    assert format_vnd(from_cli["paid"]) in lines[at : at + 40]
    assert cli["dossiers"]["accepted"] == summary["Hồ sơ tỉnh đã nhận"] > 0
    assert cli["cash_difference_vnd"] == -CASH_SHORT_BY


def test_manifests_and_audit_entries(exported: Exported) -> None:
    kiosk = Kiosk.open(exported.home)
    try:
        with read_session(kiosk.engine) as session:
            for fmt, manifest in exported.manifests.items():
                path = exported.file(fmt)
                assert (manifest.sha256, manifest.size_bytes) == sha256_file(path)
                on_disk = json.loads(manifest_path(path).read_text(encoding="utf-8"))
                assert on_disk["sha256"] == manifest.sha256 and on_disk["format"] == fmt
                assert on_disk["rows"] == manifest.rows and on_disk["exported_by"] == STAFF
                line = path.with_name(path.name + ".sha256").read_text()
                assert line == f"{manifest.sha256}  {path.name}\n"
                entry = session.get(AuditEntry, manifest.export_audit_seq)
                assert entry is not None and entry.action == "export.file"
                assert entry.actor == STAFF and str(path) not in entry.detail
                assert json.loads(entry.detail)["sha256"] == manifest.sha256
                head = session.get(AuditEntry, manifest.audit_head_seq)
                assert head is not None and head.hash == manifest.audit_head_hash
                assert manifest.audit_head_seq < manifest.export_audit_seq
    finally:
        kiosk.close()
    seqs = [m.export_audit_seq for m in exported.manifests.values()]
    assert seqs == sorted(seqs) and len(set(seqs)) == 3


def test_no_export_holds_personal_data(exported: Exported, busy_day: BusyDay) -> None:
    assert len(busy_day.secrets) > 100  # IDs, phones and street addresses were seeded
    texts: dict[str, bytes] = {}
    for path in exported.out.iterdir():
        texts[path.name] = path.read_bytes()
    with zipfile.ZipFile(exported.file("xlsx")) as book:
        for name in book.namelist():
            texts[f"xlsx:{name}"] = book.read(name)
    texts["pdf-text"] = pdf_text(exported.file("pdf")).encode("utf-8")
    assert any(b"NT01-" in data for data in texts.values())  # the scan reads real content
    for name, data in texts.items():
        leaked = [s for s in busy_day.secrets if s.encode("utf-8") in data]
        assert not leaked, (name, leaked[:3])
        if name.endswith(".pdf") or (name.startswith("xlsx:") and "sharedStrings" not in name):
            continue  # binary, or numbers of the spreadsheet's own
        # any 12-digit run that is not part of a UUID or a dotted code
        assert not re.search(rb"(?<![\w.-])\d{12}(?![\w.-])", data), name


def test_exported_text_is_nfc(exported: Exported) -> None:
    import unicodedata

    raw = exported.file("csv").read_text(encoding="utf-8-sig")
    assert unicodedata.normalize("NFC", raw) == raw
    text = pdf_text(exported.file("pdf"))
    assert unicodedata.normalize("NFC", text) == text
    assert "Hòa" in text and "Khánh" in text


def test_csv_reads_back_in_excel_order(exported: Exported) -> None:
    raw = exported.file("csv").read_bytes()
    assert b"\r\n" in raw  # Excel's line ends
    reader = csv.reader(io.StringIO(raw.decode("utf-8-sig")))
    assert next(reader)[0] == "Thời điểm (ISO 8601)"
