"""Shared fixtures: every test gets a fresh, real data home (real SQLite file, real files).

The keyring is a real file keyring in the test's temp dir (``KIOSK_KEYRING=file:...``), so that
subprocesses started by a test (``kiosk demo seed`` under SIGKILL) find the same data key.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk import paths
from kiosk.store import secrets


def _use_home(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = root / "home"
    monkeypatch.setenv("KIOSK_HOME", str(home))
    monkeypatch.setenv("KIOSK_KEYRING", f"file:{root / 'keyring.cfg'}")
    paths.set_home(None)
    secrets.reset_backend()
    return home


@pytest.fixture(scope="session")
def template_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data home with the bundled catalogue loaded, copied for each test that needs it."""
    root = tmp_path_factory.mktemp("template")
    mp = pytest.MonkeyPatch()
    try:
        home = _use_home(root, mp)
        from kiosk.services import catalog
        from kiosk.services.context import Kiosk
        from kiosk.services.demo import use_demo_point

        kiosk = Kiosk.open(home)
        catalog.ensure_loaded(kiosk)
        use_demo_point(kiosk)  # a hotline and a bank account on receipts, as in the demo
        kiosk.close()
    finally:
        mp.undo()
        secrets.reset_backend()
    return root


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template_home: Path) -> Path:
    """A fresh data home (with the catalogue) in this test's temp dir, set as KIOSK_HOME."""
    for name in ("home", "keyring.cfg"):
        source = template_home / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy2(source, tmp_path / name)
    yield_home = _use_home(tmp_path, monkeypatch)
    return yield_home


@pytest.fixture
def kiosk(home: Path) -> Iterator[object]:
    from kiosk.services.context import Kiosk

    opened = Kiosk.open(home)
    yield opened
    opened.close()


@pytest.fixture
def empty_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data home that does not exist yet (first start)."""
    return _use_home(tmp_path, monkeypatch)


def run_cli(
    *args: str, stdin: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the real ``kiosk`` command in a subprocess with the test's environment."""
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=os.environ.copy(),
        check=False,
    )
