"""A new kiosk prints no sample hotline and takes no transfer to a sample account: until the
technician enters the ward's, a receipt has neither and ``kiosk doctor`` says so."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from kiosk.services import demo
from tests.conftest import run_cli


def receipt_text(code: str, tmp_path: Path) -> str:
    out = tmp_path / "r.pdf"
    done = run_cli("receipt", code, "--format", "pdf", "-o", str(out))
    assert done.returncode == 0, done.stderr
    return subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout


def receipt_check() -> dict[str, str]:
    done = run_cli("doctor", "--json")
    return next(c for c in json.loads(done.stdout)["checks"] if c["name"] == "receipt")


def test_a_new_kiosk_has_no_sample_account_until_the_ward_sets_its_own(
    empty_home: Path, tmp_path: Path
) -> None:
    seeded = run_cli("demo", "seed", "--dossiers", "4", "--seed", "3")
    assert seeded.returncode == 0, seeded.stderr
    codes = [line.split()[2] for line in seeded.stdout.splitlines() if line.startswith("dossier")]
    text = "\n".join(receipt_text(code, tmp_path) for code in codes)
    assert "Quét mã để chuyển khoản" not in text and "113366668888" not in text
    assert "Đường dây nóng" not in text
    check = receipt_check()
    assert check["status"] == "amber"
    assert "kiosk.hotline" in check["detail"] and "payment.account" in check["detail"]
    for key, value in demo.DEMO_POINT_SETTINGS.items():
        assert run_cli("config", "set", key, value).returncode == 0
    assert receipt_check()["status"] == "green"
    assert "Đường dây nóng: 0258 3822 222" in receipt_text(codes[0], tmp_path)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("payment.bank_bin", "12"),
        ("payment.bank_bin", "97041X"),
        ("payment.account", "abc xyz"),
        ("payment.account", "1" * 20),
        ("kiosk.hotline", "gọi anh Tư"),
        ("payment.beneficiary", "UBND " * 15),  # 75 characters: not printable on one line
    ],
)
def test_a_bank_account_or_hotline_that_cannot_work_is_refused(
    empty_home: Path, key: str, value: str
) -> None:
    done = run_cli("config", "set", key, value)
    assert done.returncode != 0
    assert key in done.stderr
    assert run_cli("config", "get", key).stdout.strip() == ""
