"""Every setting's checks live in its declaration and hold everywhere: ``kiosk config set``, the
setup wizard's steps, and reading ``settings.toml`` (a value edited in by hand is refused at
start, naming the file and the key, and the doctor blames the settings file, not the database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import settings as settings_module
from kiosk.domain.errors import ValidationError
from kiosk.services import doctor, setup_steps
from kiosk.services.context import Kiosk
from kiosk.settings import SettingError, Settings, declared
from tests.conftest import run_cli

REFUSED = [
    ("kiosk.ward_code", "abc"),
    ("kiosk.ward_code", "99999"),  # not a ward of the shipped units
    ("kiosk.province_code", "99"),
    ("kiosk.code", ""),
    ("kiosk.code", "KIOSK 1"),
    ("kiosk.receipt_prefix", "nt-01"),  # receipt codes would not match the contract pattern
    ("kiosk.receipt_prefix", "1234"),
    ("printer.uri", "none-of-these"),
    ("printer.uri", "tcp:"),
    ("printer.profile", "XP-58"),  # not in python-escpos's DB: every receipt failed to render
    ("printer.profile", "tm-t20ii"),  # the DB's names are case-sensitive
    ("kiosk.name", "bad\x1bname"),
    ("kiosk.name", "ab"),
    ("consent.versions", ""),  # every save would be refused
    ("consent.current", ""),
    ("retention.days", "٣٠"),  # Arabic-Indic digits: int() takes them
    ("receipt.privacy", "line\u202eevil"),  # a bidi override in any text setting
]


@pytest.mark.parametrize(("key", "raw"), REFUSED)
def test_config_set_refuses_what_the_wizard_refuses(tmp_path: Path, key: str, raw: str) -> None:
    settings = Settings.load(tmp_path / "settings.toml")
    with pytest.raises(SettingError) as refused:
        settings.set_from_text(key, raw)
    assert str(refused.value).startswith(f"{key}: ")
    assert refused.value.key == key and refused.value.message and refused.value.message_en
    assert not (tmp_path / "settings.toml").exists()  # nothing written


def test_typed_text_is_cleaned_as_the_wizard_cleans_it(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path / "settings.toml")
    assert settings.set_from_text("kiosk.receipt_prefix", " nt02 ") == "NT02"
    assert settings.set_from_text("kiosk.code", "kiosk-56-22366-09") == "KIOSK-56-22366-09"
    assert settings.set_from_text("kiosk.name", "Điểm  hỗ trợ\tthử") == "Điểm hỗ trợ thử"
    assert settings.set_from_text("server.url", "https://lgsp.example.vn/api/") == (
        "https://lgsp.example.vn/api"
    )
    assert settings.set_from_text("printer.uri", "tcp:192.168.1.50:9100")
    assert settings.set_from_text("printer.profile", "POS-5890") == "POS-5890"


def test_what_belongs_together_is_checked_together(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path / "settings.toml")
    with pytest.raises(SettingError) as other_province:
        settings.set_from_text("kiosk.ward_code", "00004")  # a Hà Nội ward, province 56
    assert other_province.value.key == "kiosk.ward_code"
    with pytest.raises(SettingError) as province_alone:
        settings.set_from_text("kiosk.province_code", "01")  # ward 22366 is in Khánh Hòa
    assert province_alone.value.key == "kiosk.province_code"
    settings.set_many({"kiosk.province_code": "01", "kiosk.ward_code": "00004"})
    assert Settings.load(tmp_path / "settings.toml").get("kiosk.ward_code") == "00004"

    with pytest.raises(SettingError) as not_in_force:
        settings.set_from_text("consent.current", "2026-07")
    assert not_in_force.value.key == "consent.current"
    with pytest.raises(SettingError):
        settings.set_from_text("consent.versions", "2026-07")  # drops the current one
    settings.set_from_text("consent.versions", "2026-01, 2026-07")
    settings.set_from_text("consent.current", "2026-07")


def test_the_wizard_uses_the_declared_checks(kiosk: Kiosk) -> None:
    with pytest.raises(ValidationError) as refused:
        setup_steps.set_identity(kiosk, "KIOSK-56-22366-05", "bad\x1bname", "nt05")
    assert {(e.field, e.code) for e in refused.value.errors} == {("kiosk.name", "bad_characters")}
    assert not kiosk.settings.is_set("kiosk.code")  # nothing of the step stored
    setup_steps.set_identity(kiosk, "kiosk-56-22366-05", " Điểm  thử ", "nt05")
    assert kiosk.settings.get("kiosk.receipt_prefix") == "NT05"
    assert kiosk.settings.get("kiosk.name") == "Điểm thử"
    with pytest.raises(ValidationError) as wrong_ward:
        setup_steps.set_location(kiosk, "56", "00004")
    assert [e.field for e in wrong_ward.value.errors] == ["kiosk.ward_code"]
    assert all(e.message and e.message_en for e in wrong_ward.value.errors)


def test_cli_config_set_refuses_a_receipt_prefix_off_the_contract(home: Path) -> None:
    refused = run_cli("config", "set", "kiosk.receipt_prefix", "nt-01")
    assert refused.returncode != 0 and "kiosk.receipt_prefix" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert run_cli("config", "get", "kiosk.receipt_prefix").stdout.strip() == "NT01"


# --- reading settings.toml ---------------------------------------------------------------------


def _load_error(path: Path) -> SettingError:
    with pytest.raises(Exception) as caught:
        Settings.load(path)
    error = caught.value
    assert isinstance(error, getattr(settings_module, "SettingsFileError", ())), repr(error)
    assert isinstance(error, SettingError)
    return error


def test_a_file_that_is_not_toml_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[kiosk]\ncode = 'KIOSK-1'\ngarbage[[[\n", encoding="utf-8")
    error = _load_error(path)
    assert str(path) in str(error) and "dòng 3" in str(error) and "line 3" in str(error)
    assert error.line == 3  # type: ignore[attr-defined]


def test_wrong_values_in_the_file_are_reported_per_key(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        '[retention]\ndays = "abc"\n[kiosk]\nreceipt_prefix = "nt-01"\nward_code = "22366"\n'
        "[consent]\nversions = []\n[something]\nunknown = 1\n",
        encoding="utf-8",
    )
    error = _load_error(path)
    keys = [p.key for p in error.problems]  # type: ignore[attr-defined]
    assert keys == ["retention.days", "kiosk.receipt_prefix", "consent.versions"]
    assert str(path) in str(error) and "retention.days: cần một số nguyên" in str(error)


def test_a_ward_of_another_province_in_the_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[kiosk]\nward_code = "00004"\n', encoding="utf-8")
    assert [p.key for p in _load_error(path).problems] == ["kiosk.ward_code"]  # type: ignore[attr-defined]


def test_doctor_blames_the_settings_file_not_the_database(home: Path) -> None:
    (home / "settings.toml").write_text('[retention]\ndays = "abc"\n', encoding="utf-8")
    with pytest.raises(SettingError) as caught:
        Kiosk.open(home)
    report = doctor.unopenable(home, caught.value)
    names = [c["name"] for c in report["checks"]]
    assert "database" not in names and names[0] == "settings"
    assert "retention.days" in report["checks"][0]["detail"]
    assert report["status"] == "red"


def test_declarations_still_parse_what_they_did(tmp_path: Path) -> None:
    assert declared("retention.days").parse(" 45 ") == 45
    assert declared("printer.check_status").parse("no") is False
    assert declared("consent.versions").parse("2026-01, 2026-07") == ["2026-01", "2026-07"]
    settings = Settings.load(tmp_path / "settings.toml")
    settings.set("printer.uri", "file:/dev/usb/lp0")
    assert Settings.load(tmp_path / "settings.toml").get("printer.uri") == "file:/dev/usb/lp0"


def test_config_set_puts_right_a_value_the_file_holds_wrongly(home: Path) -> None:
    """A value refused on load (an older version wrote it, or a hand edit) stops every command
    but ``config set``, which is how the technician puts it right."""
    from tests.conftest import run_cli

    settings_file = home / "settings.toml"
    before = settings_file.read_text(encoding="utf-8") if settings_file.exists() else ""
    settings_file.write_text(before + '\n[retention]\ndays = "abc"\n', encoding="utf-8")
    refused = run_cli("queue")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "retention.days" in refused.stderr and "kiosk config set" in refused.stderr
    assert run_cli("config", "list").returncode == 1
    fixed = run_cli("config", "set", "retention.days", "30")
    assert fixed.returncode == 0, fixed.stderr
    assert run_cli("config", "get", "retention.days").stdout.strip() == "30"
    assert run_cli("queue").returncode == 0


def test_a_negative_number_is_a_value_refused_by_its_check(home: Path) -> None:
    from tests.conftest import run_cli

    result = run_cli("config", "set", "retention.days", "-1")
    assert result.returncode == 1
    assert "retention.days" in result.stderr and "No such option" not in result.stderr
