"""``kiosk --selftest`` run unfrozen, as CI runs it frozen (``dist/kiosk/kiosk --selftest``)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import paths

STEPS = ("bundle", "home", "receipt", "screen", "sync")


def selftest(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("KIOSK_HOME", "KIOSK_RESOURCES")}
    environ["QT_QPA_PLATFORM"] = "offscreen"
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args, "--selftest"],
        capture_output=True,
        text=True,
        timeout=300,
        env=environ,
        check=False,
    )


def test_selftest_passes_and_reports_every_step(tmp_path: Path) -> None:
    home = tmp_path / "selftest-home"
    result = selftest("--home", str(home))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for step in STEPS:
        assert any(line.startswith(f"[ OK ] {step} ") for line in lines), result.stdout
    assert lines[-2].startswith("SELFTEST OK: 5 steps in ")
    assert lines[-1] == "selftest: 5 passed, 0 failed"  # a closing line CI can read
    assert (home / "receipts" / "selftest-receipt.pdf").read_bytes().startswith(b"%PDF")
    assert (home / "selftest-home.png").stat().st_size > 10_000
    # Nothing but the report: Qt's own words ("This plugin does not support
    # propagateSizeHints()" offscreen) go to the log, where they do not read as a fault.
    assert result.stderr == ""
    assert "saved dossier" in (home / "logs" / "kiosk.log").read_text(encoding="utf-8")
    again = selftest("--home", str(home))  # its own earlier home is accepted
    assert again.returncode == 0, again.stdout + again.stderr


def test_throwaway_home_is_removed_after_success(tmp_path: Path) -> None:
    result = selftest(env={"TMPDIR": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(tmp_path.glob("kiosk-selftest-*")) == []


def test_missing_bundled_file_fails_loudly_naming_it(tmp_path: Path) -> None:
    resources = tmp_path / "resources"
    shutil.copytree(paths.resources_root(), resources)
    (resources / "fonts" / "DejaVuSans-Bold.ttf").unlink()
    (resources / "units" / "units.json.gz").unlink()
    result = selftest("--home", str(tmp_path / "home"), env={"KIOSK_RESOURCES": str(resources)})
    assert result.returncode == 1
    bundle = next(line for line in result.stdout.splitlines() if " bundle " in line)
    assert bundle.startswith("[FAIL]")
    assert "MISSING BUNDLED FILE resources/fonts/DejaVuSans-Bold.ttf" in bundle
    assert "MISSING BUNDLED FILE resources/units/units.json.gz" in bundle
    assert "SELFTEST FAILED" in result.stderr
    assert "DejaVuSans-Bold.ttf" in result.stderr
    assert re.fullmatch(r"selftest: [0-4] passed, [1-5] failed", result.stdout.splitlines()[-1])


def test_empty_resources_fail_every_asset(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = selftest("--home", str(tmp_path / "home"), env={"KIOSK_RESOURCES": str(empty)})
    assert result.returncode == 1
    for name in ("fonts/DejaVuSans.ttf", "catalog/catalog-v1.json.gz", "i18n/kiosk_en.qm"):
        assert f"MISSING BUNDLED FILE resources/{name}" in result.stdout


def test_refuses_a_data_home_with_data(tmp_path: Path) -> None:
    home = tmp_path / "real-home"
    home.mkdir()
    (home / "kiosk.db").write_bytes(b"")
    result = selftest("--home", str(home))
    assert result.returncode == 1
    assert "SELFTEST FAILED" in result.stderr and "empty folder" in result.stderr
    assert [p.name for p in home.iterdir()] == ["kiosk.db"]


def test_frozen_resources_are_found_where_the_spec_puts_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """installer/kiosk.spec puts resources/ at the bundle's top (sys._MEIPASS/resources)."""
    monkeypatch.delenv("KIOSK_RESOURCES", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_root() == tmp_path / "resources"
    spec = (Path(__file__).resolve().parents[2] / "installer" / "kiosk.spec").read_text("utf-8")
    assert 'tree(ROOT / "resources", "resources"' in spec
    assert '"kiosk/store/migrations"' in spec
