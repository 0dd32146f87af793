"""Settings declared once; ``kiosk config get|set`` with stable dotted keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.settings import SETTINGS, SettingError, Settings, declared
from tests.conftest import run_cli

STABLE = [
    "kiosk.code",
    "kiosk.name",
    "kiosk.ward_code",
    "server.url",
    "retention.days",
    "idle.timeout_s",
    "printer.uri",
    "printer.paper",
    "consent.versions",
]


def test_stable_keys_declared_with_labels() -> None:
    keys = {s.key for s in SETTINGS}
    assert set(STABLE) <= keys
    assert all(s.label and s.label_en for s in SETTINGS)


def test_roundtrip_and_types(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path / "settings.toml")
    settings.set_from_text("retention.days", "45")
    settings.set_from_text("consent.versions", "2026-01, 2026-07")
    again = Settings.load(tmp_path / "settings.toml")
    assert again.get("retention.days") == 45
    assert again.get("consent.versions") == ["2026-01", "2026-07"]
    assert "[retention]" in (tmp_path / "settings.toml").read_text()


@pytest.mark.parametrize(
    ("key", "raw"),
    [
        ("printer.paper", "70"),
        ("retention.days", "-1"),
        ("retention.days", "ba mươi"),
        ("server.url", "http://provincial.example/api"),
        ("server.url", "ftp://x"),
        ("idle.timeout_s", "5"),
        ("printer.uri", "lpt1"),
    ],
)
def test_bad_values_refused(key: str, raw: str) -> None:
    with pytest.raises(SettingError):
        declared(key).parse(raw)


def test_unknown_key_refused() -> None:
    with pytest.raises(SettingError):
        declared("kiosk.nope")


def test_a_mistyped_key_is_answered_with_the_keys_it_resembles() -> None:
    with pytest.raises(SettingError) as typo:
        declared("printer.url")
    assert "có phải printer.uri" in typo.value.message
    with pytest.raises(SettingError) as nothing_near:
        declared("zzz")
    assert "kiosk config list" in nothing_near.value.message


def test_cli_config_get_set(home: Path) -> None:
    assert run_cli("config", "get", "printer.paper").stdout.strip() == "80"
    changed = run_cli("config", "set", "printer.paper", "58")
    assert changed.returncode == 0, changed.stderr
    assert run_cli("config", "get", "printer.paper").stdout.strip() == "58"
    refused = run_cli("config", "set", "server.url", "http://example.org")
    assert refused.returncode != 0 and "http" in refused.stderr
