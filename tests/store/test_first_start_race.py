"""Two kiosk processes starting at once on a new data home (the touch app and the sync service
at first boot) set it up once: one install id, one data key, the migrations run once."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from kiosk.services.context import Kiosk
from kiosk.store import crypto

# each process waits until the file says go, then opens the home and prints its install id
_OPEN = """
import sys, time
from pathlib import Path
go = Path(sys.argv[1])
while not go.exists():
    time.sleep(0.001)
from kiosk.services.context import Kiosk
kiosk = Kiosk.open()
print(kiosk.install_id, flush=True)
kiosk.close()
"""


def _start_together(tmp_path: Path, processes: int, round_no: int) -> list[str]:
    go = tmp_path / f"go-{round_no}"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        for _ in range(processes)
    ]
    go.touch()
    ids = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err[-2000:]
        ids.append(out.strip())
    return ids


def test_first_starts_at_once_make_one_install_and_one_key(
    empty_home: Path, tmp_path: Path
) -> None:
    for round_no in range(4):  # before the set-up lock, most rounds failed one way or another
        if empty_home.exists():
            for path in sorted(empty_home.rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
        ids = _start_together(tmp_path, 3, round_no)
        assert len(set(ids)) == 1, ids
        assert (empty_home / "install-id").read_text().strip() == ids[0]
        with closing(sqlite3.connect(empty_home / "kiosk.db")) as conn:
            recorded = conn.execute("SELECT value FROM meta WHERE key='install_id'").fetchone()
        assert recorded == (ids[0],)
        assert crypto.load_key(ids[0]) is not None
        Kiosk.open(empty_home).close()  # the key opens the database's key check


def test_install_id_file_that_disagrees_with_the_database_is_repaired(empty_home: Path) -> None:
    """A home left by such a race (or a restored install-id file): the database's id wins."""
    first = Kiosk.open(empty_home)
    recorded = first.install_id
    first.close()
    (empty_home / "install-id").write_text("00000000-0000-4000-8000-000000000000")
    again = Kiosk.open(empty_home)
    again.close()
    assert again.install_id == recorded
    assert (empty_home / "install-id").read_text().strip() == recorded
