"""``kiosk setup``: the first-run steps from an answers file and as a dialogue, against the real
simulator and a loopback printer; the step functions the touch wizard calls."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli_w
from click.testing import CliRunner

from kiosk.cli import cli
from kiosk.cli_setup import ward_code
from kiosk.domain.errors import ValidationError
from kiosk.printing.connections import usb_backend
from kiosk.services import payments, setup_steps, users
from kiosk.services.context import Kiosk
from kiosk.simulator import RunningSimulator
from kiosk.store import secrets
from kiosk.sync.engine import secret_name
from tests.conftest import run_cli
from tests.printing.printer_emulator import PrinterEmulator
from tests.sync.conftest import CLIENT_ID, SECRET


@pytest.fixture
def printer() -> Iterator[PrinterEmulator]:
    with PrinterEmulator(lifetime=300) as emulator:
        yield emulator


def answers(province: RunningSimulator, printer: PrinterEmulator, **changes: object) -> dict:
    given: dict = {
        "kiosk": {
            "code": "KIOSK-56-22366-02",
            "name": "Điểm hỗ trợ Phường Tây Nha Trang",
            "receipt_prefix": "TNT2",
            "province": "56",
            "ward": "22366",
        },
        "server": {"url": province.base_url, "client_id": CLIENT_ID, "client_secret": SECRET},
        "printer": {"uri": f"tcp:127.0.0.1:{printer.port}", "paper": 58, "test_print": True},
        "accounts": [
            {"code": "CB01", "name": "Trần Thị Bích", "role": "staff", "pin": "4821"},
            {"code": "KTV01", "name": "Lê Văn Kỹ", "role": "technician", "pin": "7306"},
            {"code": "TNV07", "name": "Phạm Minh Tâm", "role": "volunteer", "pin": "1593"},
        ],
    }
    for dotted, value in changes.items():
        section, key = dotted.split("__")
        given[section][key] = value
    return given


def write_answers(tmp_path: Path, given: dict) -> Path:
    path = tmp_path / "answers.toml"
    path.write_text(tomli_w.dumps(given), encoding="utf-8")
    return path


def test_answers_file_sets_everything_up(
    empty_home: Path, tmp_path: Path, province: RunningSimulator, printer: PrinterEmulator
) -> None:
    result = run_cli(
        "setup", "--answers", str(write_answers(tmp_path, answers(province, printer))), "--json"
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout[result.stdout.index("{\n") :])
    statuses = {c["name"]: c["status"] for c in report["checks"]}
    assert "red" not in statuses.values()
    assert statuses["server"] == statuses["token"] == statuses["printer"] == "green"
    assert statuses["backup"] == "green"  # setup made the first backup
    assert len(printer.wait_for_jobs(1)) == 1  # the test page came out
    settings_text = (empty_home / "settings.toml").read_text(encoding="utf-8")
    assert "TNT2" in settings_text and str(printer.port) in settings_text
    assert SECRET not in settings_text and "4821" not in settings_text
    kiosk = Kiosk.open(empty_home)
    try:
        assert secrets.get_secret(secret_name(CLIENT_ID)) == SECRET
        assert kiosk.settings.get_int("printer.paper") == 58
        assert users.login(kiosk, "CB01", "4821").role == "staff"
        assert users.login(kiosk, "KTV01", "7306").role == "technician"
        assert setup_steps.current(kiosk)["completed_at"]
    finally:
        kiosk.close()
    assert statuses["receipt"] == "amber"  # no [receipt]: no hotline, cash only
    assert "chỉ nhận tiền mặt" in result.stdout
    given = answers(province, printer, printer__test_print=False)
    given["receipt"] = {
        "hotline": "0258 3 511 511",
        "bank_bin": "970405",
        "account": "4600201008899",
        "beneficiary": "UBND PHUONG TAY NHA TRANG",
        "bank_name": "Agribank",
    }
    again = run_cli("setup", "--answers", str(write_answers(tmp_path, given)), "--json")
    assert again.returncode == 0, again.stderr
    assert "đổi PIN" in again.stdout  # a second run changes PINs, adds nobody twice
    assert "nhận chuyển khoản VietQR" in again.stdout
    report = json.loads(again.stdout[again.stdout.index("{\n") :])
    assert {c["name"]: c["status"] for c in report["checks"]}["receipt"] == "green"
    kiosk = Kiosk.open(empty_home)
    try:
        now = setup_steps.current(kiosk)
        assert (now["hotline"], now["bank_bin"], now["account"]) == (
            "0258 3 511 511",
            "970405",
            "4600201008899",
        )
    finally:
        kiosk.close()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"server__client_secret": "wrong"}, "server.client_secret"),
        ({"kiosk__ward": "00004"}, "kiosk.ward_code"),  # a Hà Nội ward, not in Khánh Hòa
        ({"printer__uri": "lpt1"}, "printer.uri"),
    ],
)
def test_refused_answer_stops_with_the_field(
    home: Path,
    tmp_path: Path,
    province: RunningSimulator,
    printer: PrinterEmulator,
    change: dict,
    field: str,
) -> None:
    given = answers(province, printer, **change)
    result = run_cli("setup", "--answers", str(write_answers(tmp_path, given)))
    assert result.returncode == 2 and field in result.stderr
    if field == "server.client_secret":
        kiosk = Kiosk.open(home)
        kiosk.close()
        assert secrets.get_secret(secret_name(CLIENT_ID)) is None  # never stored unverified


@pytest.mark.parametrize(
    ("broken", "said"),
    [
        ("[kiosk]\ncode = KIOSK-1\n", "sai cú pháp TOML"),  # a value without quotes
        ('[server]\nclient_secret_file = "/nonexistent/secret.txt"\n', "client_secret_file"),
        ('[printer]\npaper = "80mm"\n', "[printer] paper"),
    ],
)
def test_an_answers_file_that_cannot_be_used_is_said_not_a_traceback(
    home: Path,
    tmp_path: Path,
    province: RunningSimulator,
    printer: PrinterEmulator,
    broken: str,
    said: str,
) -> None:
    path = tmp_path / "answers.toml"
    good = tomli_w.dumps(answers(province, printer))
    if broken.startswith("[kiosk]"):
        path.write_text(broken, encoding="utf-8")
    else:  # the good file with one section replaced
        section = broken.split("]")[0] + "]"
        kept = [part for part in good.split("\n\n") if not part.startswith(section)]
        path.write_text("\n\n".join([*kept, broken]), encoding="utf-8")
        if section == "[server]":  # keep the rest of [server] but read the secret from a file
            server = answers(province, printer)["server"]
            path.write_text(
                path.read_text(encoding="utf-8").replace(
                    broken,
                    broken + f'url = "{server["url"]}"\nclient_id = "{server["client_id"]}"\n',
                ),
                encoding="utf-8",
            )
    result = run_cli("setup", "--answers", str(path))
    assert result.returncode == 2, result.stdout + result.stderr
    assert said in result.stderr and "Traceback" not in result.stderr


def test_interactive_dialogue(
    empty_home: Path, province: RunningSimulator, printer: PrinterEmulator
) -> None:
    typed = (
        "\n".join(
            [
                "KIOSK-56-22366-03",
                "Điểm hỗ trợ thử",
                "NT03",  # identity
                "56",
                "99999",  # a wrong ward first: asked again, the province just typed offered
                "",
                "nha trang",  # the ward by its name
                province.base_url,
                CLIENT_ID,
                SECRET,
                f"tcp:127.0.0.1:{printer.port}",
                "80",
                "y",
                "y",  # printer, test page, it came out
                "0258 3822 222",  # the hotline; then Enter four times: no account, cash only
                "",
                "",
                "",
                "",
                "CB01",
                "Trần Thị Bích",
                "4821",
                "4821",
                "KTV01",
                "Lê Văn Kỹ",
                "7306",
                "7306",
                "n",  # no volunteer now
            ]
        )
        + "\n"
    )
    result = CliRunner().invoke(cli, ["setup"], input=typed)
    assert result.exit_code == 0, result.output
    assert "Chưa đúng" in result.output and "Phường Nha Trang" in result.output
    assert "Mã tỉnh (province code) [56]" in result.output
    # a first run offers no sample values: Enter would have saved the demo's kiosk code
    assert "(kiosk code) [" not in result.output and "(name) [" not in result.output
    assert "Mã hoặc tên phường/xã (ward code or name) [99999]" in result.output
    assert "→ chỉ nhận tiền mặt" in result.output
    assert printer.wait_for_jobs(1)
    kiosk = Kiosk.open(empty_home)
    try:
        assert kiosk.settings.get_str("kiosk.ward_code") == "22366"
        assert kiosk.settings.get_str("kiosk.code") == "KIOSK-56-22366-03"
        assert kiosk.settings.get_str("kiosk.hotline") == "0258 3822 222"
        assert kiosk.settings.get_str("payment.account") == ""
    finally:
        kiosk.close()


def test_a_ward_typed_by_a_name_several_share_is_listed() -> None:
    assert ward_code("56", "Tây Nha Trang") == ward_code("56", "phuong tay nha trang")
    with pytest.raises(ValidationError) as several:
        ward_code("56", "Cam")  # Cam Ranh, Cam Lâm, Cam Hiệp…
    assert "Có nhiều phường/xã khớp" in several.value.errors[0].message
    with pytest.raises(ValidationError):
        ward_code("56", "Hoàn Kiếm")  # a Hà Nội ward


def test_step_functions_for_the_wizard(kiosk: Kiosk) -> None:
    assert setup_steps.STEPS[0].key == "identity"
    assert all(s.label and s.label_en for s in setup_steps.STEPS)
    with pytest.raises(ValidationError) as refused:
        setup_steps.set_identity(kiosk, "x", "", "1234")
    assert {e.field for e in refused.value.errors} == {
        "kiosk.code",
        "kiosk.name",
        "kiosk.receipt_prefix",
    }
    assert kiosk.settings.get_str("kiosk.code") == "KIOSK-56-22366-01"  # nothing stored
    ward = setup_steps.set_location(kiosk, "56", "22366")
    assert ward.name == "Phường Nha Trang"
    with pytest.raises(ValidationError):
        setup_steps.set_server(kiosk, "http://example.org/api", check=False)  # http off-loopback
    with pytest.raises(ValidationError):
        setup_steps.check_server("http://127.0.0.1:9/api/kiosk/v1")  # nothing listens
    assert "client_secret" not in json.dumps(setup_steps.current(kiosk))


def test_the_receipt_step_takes_a_whole_account_or_none(kiosk: Kiosk) -> None:
    """A BIN without its account (or a holder's name) would print a VietQR code that pays no
    one: the three go together or stay empty (cash only); nothing is stored when refused."""
    before = setup_steps.current(kiosk)
    with pytest.raises(ValidationError) as partial:
        setup_steps.set_receipt_details(kiosk, "0258 3 511 511", "970405", "", "")
    assert {e.field for e in partial.value.errors} == {"payment.account", "payment.beneficiary"}
    assert "để trống cả ba" in partial.value.errors[0].message
    with pytest.raises(ValidationError) as wrong:
        setup_steps.set_receipt_details(kiosk, "gọi chị Lan", "97041", "12 34", "UBND")
    assert {e.field for e in wrong.value.errors} == {
        "kiosk.hotline",
        "payment.bank_bin",
        "payment.account",
    }
    assert setup_steps.current(kiosk) == before  # nothing stored
    assert setup_steps.set_receipt_details(kiosk, "0258 3822 222", "", "", "") is False
    assert not payments.transfer_ready(kiosk)
    assert setup_steps.set_receipt_details(
        kiosk, "", "970415", "113366668888", "UBND PHUONG NHA TRANG", "VietinBank"
    )
    assert payments.transfer_ready(kiosk) and kiosk.settings.get_str("kiosk.hotline") == ""


def test_plugged_in_printers_are_found_and_libusb_is_looked_for_once(tmp_path: Path) -> None:
    (tmp_path / "usb").mkdir()
    (tmp_path / "usb" / "lp0").touch()  # what the kernel's usblp driver makes
    usb_backend.cache_clear()
    first = setup_steps.detected_printers(tmp_path, scan_serial=False)
    again = setup_steps.detected_printers(tmp_path, scan_serial=False)
    lp0 = tmp_path / "usb" / "lp0"
    assert first[0] == setup_steps.DetectedPrinter(f"file:{lp0}", f"USB {lp0}") and first == again
    # looking for a missing libusb runs ldconfig and a C compiler: once a process, not per search
    assert usb_backend.cache_info().misses == 1 and usb_backend.cache_info().hits >= 1
