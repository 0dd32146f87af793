"""``kiosk catalog search|load`` through the real command."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.conftest import run_cli


@pytest.mark.parametrize("query", ["dang ky khai sinh", "khai sinh", "Đăng ký khai sinh"])
def test_search_khai_sinh_first(home: Path, query: str) -> None:
    result = run_cli("catalog", "search", query, "--json", "--limit", "5")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits[0]["code"] == "1.001193" and hits[0]["name"] == "Thủ tục đăng ký khai sinh"
    assert len(hits) == 5


def test_load_replaces_catalogue_and_bad_file_refused(home: Path, tmp_path: Path) -> None:
    small = {"version": "test-1", "procedures": [
        {"MaTTHC": "9.999001", "TenTTHC": "Thủ tục thử nghiệm cấp giấy xác nhận",
         "CapThucHien": "xa", "KenhThucHien": [1, 2]},
    ]}  # fmt: skip
    path = tmp_path / "catalog.json.gz"
    path.write_bytes(gzip.compress(json.dumps(small, ensure_ascii=False).encode()))
    loaded = run_cli("catalog", "load", str(path))
    assert loaded.returncode == 0 and "1" in loaded.stdout, loaded.stderr
    hits = json.loads(run_cli("catalog", "search", "xac nhan", "--json").stdout)
    assert [h["code"] for h in hits] == ["9.999001"]
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": "x", "procedures": [{"TenTTHC": "no code"}]}')
    refused = run_cli("catalog", "load", str(bad))
    assert refused.returncode != 0 and refused.stderr.strip()
    again = json.loads(run_cli("catalog", "search", "xac nhan", "--json").stdout)
    assert [h["code"] for h in again] == ["9.999001"]  # the bad file changed nothing
