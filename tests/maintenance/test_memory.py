"""Memory given back to the operating system after a burst of work (glibc's malloc_trim)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk import memory


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_freed_heap_pages_go_back_to_the_os() -> None:
    chunks = [bytes(4096) for _ in range(20_000)]  # ~80 MB in the C heap (not pymalloc)
    pin = bytes(4096)  # above them: the heap's top cannot shrink by itself
    del chunks
    before = rss_mb()
    assert memory.give_back() is True
    after = rss_mb()
    assert before - after > 40, (before, after)
    assert len(pin) == 4096
