"""Printing tests: python-escpos's capability cache in a temp dir, helpers for zbar."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image


@pytest.fixture(autouse=True, scope="session")
def _escpos_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    os.environ.setdefault(
        "ESCPOS_CAPABILITIES_PICKLE_DIR", str(tmp_path_factory.mktemp("escpos-cache"))
    )
    yield


def zbar(path: Path) -> list[str]:
    """Every code zbarimg finds in an image file (its raw text), one per code."""
    if shutil.which("zbarimg") is None:
        pytest.skip("zbarimg (zbar-tools) is not installed")
    result = subprocess.run(
        ["zbarimg", "-q", "--raw", str(path)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    return [part.decode("utf-8") for part in result.stdout.split(b"\n") if part]


def zbar_image(image: Image.Image, tmp_path: Path, name: str = "page.png") -> list[str]:
    path = tmp_path / name
    image.convert("L").save(path)
    return zbar(path)
