"""The commands: kiosk receipt, kiosk print, kiosk print-test (real subprocesses)."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from kiosk.services.context import Kiosk
from tests.conftest import run_cli
from tests.printing.conftest import zbar
from tests.printing.escpos_parser import page, parse
from tests.printing.helpers import saved, use_printer
from tests.printing.printer_emulator import PrinterEmulator


def audit_actions(kiosk: Kiosk) -> list[str]:
    with sqlite3.connect(kiosk.layout.database) as db:
        return [row[0] for row in db.execute("SELECT action FROM audit_log ORDER BY seq")]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_receipt_to_pdf_png_and_escpos(kiosk: Kiosk, tmp_path: Path) -> None:
    code = saved(kiosk)
    pdf = tmp_path / "r.pdf"
    done = run_cli("receipt", code, "--format", "pdf", "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "GIẤY BIÊN NHẬN HỒ SƠ" in text and code in text
    typo = tmp_path / "usb-typo" / "r.pdf"  # a folder that is not there is said, not made
    refused = run_cli("receipt", code, "--format", "pdf", "-o", str(typo))
    assert refused.returncode == 1 and "Không có thư mục" in refused.stderr
    assert not typo.parent.exists()
    png = tmp_path / "r.png"
    assert (
        run_cli("receipt", code, "--format", "png", "--paper", "58", "-o", str(png)).returncode == 0
    )
    assert Image.open(png).width == 384
    raw = tmp_path / "r.bin"
    assert run_cli("receipt", code, "--format", "escpos", "-o", str(raw)).returncode == 0
    job = parse(raw.read_bytes())
    assert {r.width for r in job.rasters} == {576}
    assert audit_actions(kiosk).count("receipt.export") == 3


def test_receipt_refuses_unknown_code_and_png_on_a4(kiosk: Kiosk, tmp_path: Path) -> None:
    missing = run_cli("receipt", "NT01-000000-0000", "-o", str(tmp_path / "x.pdf"))
    assert missing.returncode != 0 and "Không tìm thấy biên nhận" in missing.stderr
    code = saved(kiosk)
    a4 = run_cli("receipt", code, "--format", "png", "--paper", "a4", "-o", str(tmp_path / "x"))
    assert a4.returncode != 0 and "PDF" in a4.stderr


def test_print_through_the_queue_to_a_network_printer(kiosk: Kiosk, tmp_path: Path) -> None:
    code = saved(kiosk)
    with PrinterEmulator() as printer:
        use_printer(kiosk, printer.uri)
        done = run_cli("print", code, "--volunteer", "tnv.03", "--came-out", "yes", "--json")
        assert done.returncode == 0, done.stderr
        view = json.loads(done.stdout)
        assert view["state"] == "printed" and view["copy_number"] == 0
        again = run_cli("print", code)
        assert again.returncode != 0 and "In lại" in again.stderr
        copy = run_cli("print", code, "--reprint", "--json")
        assert copy.returncode == 0 and json.loads(copy.stdout)["copy_number"] == 1
        received = printer.wait_for_jobs(2)
    assert len(received) == 2
    assert all(parse(job).commands[-1].startswith("GS V") for job in received)
    assert [a for a in audit_actions(kiosk) if a.startswith("print.")] == [
        "print.queue",
        "print.confirm",
        "print.reprint",
    ]


def test_print_with_the_printer_off_exits_non_zero_with_a_message(kiosk: Kiosk) -> None:
    use_printer(kiosk, "tcp:127.0.0.1:9", retries=0, timeout_s=1)
    done = run_cli("print", saved(kiosk))
    assert done.returncode == 1
    assert "Hồ sơ đã được lưu" in done.stdout


def test_print_test_page_to_file_and_to_printer(kiosk: Kiosk, tmp_path: Path) -> None:
    png = tmp_path / "test.png"
    done = run_cli("print-test", "--format", "png", "-o", str(png))
    assert done.returncode == 0, done.stderr
    assert Image.open(png).width == 576
    assert "KIOSK-56-22366-01" in zbar(png)
    with PrinterEmulator() as printer:
        use_printer(kiosk, printer.uri)
        sent = run_cli("print-test")
        assert sent.returncode == 0, sent.stderr
        received = printer.wait_for_jobs(1)
    job = parse(received[0])
    picture = tmp_path / "printed.png"
    page(job).convert("L").save(picture)
    assert "KIOSK-56-22366-01" in zbar(picture)
    assert "print.test" in audit_actions(kiosk)


def test_print_test_without_a_printer(kiosk: Kiosk) -> None:
    done = run_cli("print-test")
    assert done.returncode != 0 and "Chưa cài đặt máy in" in done.stderr


def test_png_output_is_a_real_image(kiosk: Kiosk, tmp_path: Path) -> None:
    code = saved(kiosk, kind="registration")
    out = tmp_path / "reg.png"
    assert (
        run_cli("receipt", code, "--format", "png", "--paper", "80", "-o", str(out)).returncode == 0
    )
    image = Image.open(io.BytesIO(out.read_bytes()))
    assert image.mode in ("1", "L", "P") and image.height > 300
