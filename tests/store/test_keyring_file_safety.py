"""The file keyring may hold the only copy of the data key: a failed or killed write never
leaves it truncated or half-written (docs/security.md, keyring).

A full disk is stood in for by ``RLIMIT_FSIZE`` in a child process (Python ignores SIGXFSZ, so
the write fails with ``OSError: File too large``); a crash by SIGKILL at random moments.
"""

from __future__ import annotations

import configparser
import errno
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kiosk.store import secrets

posix_only = pytest.mark.skipif(os.name == "nt", reason="RLIMIT_FSIZE, SIGKILL, modes: POSIX")

DATA_KEY_NAME = "data-key:0f6c2b1e-5d8a-4f3e-9a61-7c2d4e8b9a10"
DATA_KEY = "q2n1G7m4vYbJ0c8ZkT3wXs5pLr6dHf9uEa2iOy4B1Ck="


def _leftovers(path: Path) -> list[str]:
    """Files beside the keyring but itself and its (empty) lock file."""
    ours = {path.name, f"{path.name}.lock"}
    return sorted(p.name for p in path.parent.iterdir() if p.name not in ours)


def _seed(path: Path) -> bytes:
    ring = secrets.FileKeyring(path)
    ring.set_password(secrets.SERVICE, DATA_KEY_NAME, DATA_KEY)
    ring.set_password(secrets.SERVICE, "client-secret:KIOSK-56", "s" * 200)
    ring.set_password(secrets.SERVICE, "note", "n")
    return path.read_bytes()


def _run_limited(path: Path, body: str, limit: int = 120) -> subprocess.CompletedProcess[str]:
    """Run ``body`` (with ``ring`` a FileKeyring at ``path``) under a ``limit``-byte file size."""
    code = textwrap.dedent(
        f"""
        import errno, resource, sys
        from pathlib import Path
        from kiosk.store import secrets
        ring = secrets.FileKeyring(Path({str(path)!r}))
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, resource.RLIM_INFINITY))
        try:
            {body}
        except OSError as exc:
            print("errno", exc.errno)
            sys.exit(0)
        print("written")
        """
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=os.environ.copy(),
    )


@posix_only
@pytest.mark.parametrize(
    "body",
    [
        "ring.set_password(secrets.SERVICE, 'client-secret:KIOSK-56', 'x' * 300)",
        "ring.set_password(secrets.SERVICE, 'another', 'y')",
        "ring.delete_password(secrets.SERVICE, 'note')",
    ],
    ids=["set-existing", "set-new", "delete"],
)
def test_a_write_on_a_full_disk_leaves_the_previous_file(tmp_path: Path, body: str) -> None:
    path = tmp_path / "cfg" / "keyring.cfg"
    before = _seed(path)
    assert len(before) > 120  # the limit bites on any rewrite of the whole file

    result = _run_limited(path, body)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["errno", str(errno.EFBIG)]
    assert path.read_bytes() == before
    ring = secrets.FileKeyring(path)
    assert ring.get_password(secrets.SERVICE, DATA_KEY_NAME) == DATA_KEY
    assert ring.get_password(secrets.SERVICE, "note") == "n"
    assert _leftovers(path) == []  # the failed temporary file is gone
    assert path.stat().st_mode & 0o777 == 0o600


@posix_only
def test_the_data_key_survives_a_full_disk_and_the_kiosk_opens(home: Path) -> None:
    """The reviewer's repro: a secret written with a 120-byte limit, then the kiosk opens."""
    from kiosk.services.context import Kiosk

    keyring_file = Path(os.environ["KIOSK_KEYRING"].removeprefix("file:"))
    before = keyring_file.read_bytes()
    assert len(before) > 120

    result = _run_limited(
        keyring_file, "secrets.set_secret('client-secret:KIOSK-56-22366-07', 'z' * 64)"
    )

    assert result.stdout.split() == ["errno", str(errno.EFBIG)], result.stderr
    assert keyring_file.read_bytes() == before
    secrets.reset_backend()
    opened = Kiosk.open(home)  # reads the data key: binascii.Error on a truncated file
    opened.close()


@posix_only
def test_new_file_and_directory_are_private(tmp_path: Path) -> None:
    path = tmp_path / "config" / "kiosk-dvc" / "keyring.cfg"
    ring = secrets.FileKeyring(path)
    ring.set_password(secrets.SERVICE, DATA_KEY_NAME, DATA_KEY)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    path.chmod(0o644)  # loosened by hand: the next write makes it private again
    ring.set_password(secrets.SERVICE, "note", "n")
    assert path.stat().st_mode & 0o777 == 0o600
    assert _leftovers(path) == []


def test_round_trip_and_format_unchanged(tmp_path: Path) -> None:
    """Entries read back through keyrings.alt's own reader; delete of a missing entry says so."""
    from keyrings.alt.file import PlaintextKeyring

    path = tmp_path / "keyring.cfg"
    ring = secrets.FileKeyring(path)
    ring.set_password(secrets.SERVICE, DATA_KEY_NAME, DATA_KEY)
    ring.set_password(secrets.SERVICE, "tên Việt", "mật khẩu ✓")
    plain = PlaintextKeyring()
    plain.file_path = str(path)
    assert plain.get_password(secrets.SERVICE, DATA_KEY_NAME) == DATA_KEY
    assert plain.get_password(secrets.SERVICE, "tên Việt") == "mật khẩu ✓"
    ring.delete_password(secrets.SERVICE, "tên Việt")
    assert ring.get_password(secrets.SERVICE, "tên Việt") is None
    assert ring.get_password(secrets.SERVICE, DATA_KEY_NAME) == DATA_KEY
    with pytest.raises(secrets.keyring.errors.PasswordDeleteError):
        ring.delete_password(secrets.SERVICE, "tên Việt")
    with pytest.raises(secrets.keyring.errors.PasswordDeleteError):
        secrets.FileKeyring(tmp_path / "absent.cfg").delete_password(secrets.SERVICE, "x")
    assert not (tmp_path / "absent.cfg").exists()


def test_an_unreadable_file_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """configparser.read skips a file it cannot open; writing then would drop the data key."""
    import builtins
    import io

    path = tmp_path / "keyring.cfg"
    before = _seed(path)
    real_open = builtins.open

    def failing_open(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if Path(str(file)) == path and "r" in mode:
            raise OSError(errno.EIO, "Input/output error", str(file))
        return real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", failing_open)
    monkeypatch.setattr(io, "open", failing_open)
    with pytest.raises(OSError, match="Input/output"):
        secrets.FileKeyring(path).set_password(secrets.SERVICE, "note", "changed")
    monkeypatch.undo()
    assert path.read_bytes() == before


def test_stale_temporary_files_are_deleted_fresh_ones_kept(tmp_path: Path) -> None:
    path = tmp_path / "keyring.cfg"
    _seed(path)
    stale = tmp_path / ".keyring.cfg.abc123.tmp"
    fresh = tmp_path / ".keyring.cfg.def456.tmp"  # another writer's, in progress
    unrelated = tmp_path / ".other.cfg.abc123.tmp"
    for leftover in (stale, fresh, unrelated):
        leftover.write_text("[kiosk-dvc]\n")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    os.utime(unrelated, (old, old))
    secrets.FileKeyring(path).set_password(secrets.SERVICE, "note", "again")
    assert _leftovers(path) == sorted([fresh.name, unrelated.name])


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kiosk.store import secrets
    ring = secrets.FileKeyring(Path(sys.argv[1]))
    n = 0
    while True:
        n += 1
        ring.set_password(secrets.SERVICE, "filler", "begin" + "x" * (40_000 + n % 7) + "end")
        ring.delete_password(secrets.SERVICE, "filler")
    """
)
KILLS = 12


@posix_only
def test_sigkill_while_writing_never_leaves_a_half_written_file(tmp_path: Path) -> None:
    """A writer rewriting a large file, killed at random moments: the file always parses and
    the data key is always there, whole."""
    path = tmp_path / "keyring.cfg"
    secrets.FileKeyring(path).set_password(secrets.SERVICE, DATA_KEY_NAME, DATA_KEY)
    rng = random.Random(20260117)
    for _ in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=os.environ.copy(),
        )
        # let it import and rewrite a few times (a kill during start-up proves nothing)
        deadline = time.monotonic() + 10
        while path.stat().st_size < 40_000 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL, err.decode(errors="replace")

        config = configparser.RawConfigParser()
        config.read_string(path.read_text(encoding="utf-8"))  # whole: it parses
        ring = secrets.FileKeyring(path)
        assert ring.get_password(secrets.SERVICE, DATA_KEY_NAME) == DATA_KEY
        filler = ring.get_password(secrets.SERVICE, "filler")
        assert filler is None or (filler.startswith("begin") and filler.endswith("end"))
        assert path.stat().st_mode & 0o777 == 0o600


def test_replace_refused_by_a_reader_is_retried_where_windows_does_that(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses os.replace over a file another handle has open: a short wait, again."""
    from kiosk import fsutil

    path = tmp_path / "keyring.cfg"
    before = _seed(path)
    real_replace = os.replace
    refusals = [PermissionError(13, "Access is denied")] * 2

    def refusing_replace(source: object, target: object) -> None:
        if refusals and Path(str(target)) == path:
            raise refusals.pop()
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(fsutil.os, "replace", refusing_replace)
    monkeypatch.setattr(fsutil, "_REPLACE_WAIT", 0.0)
    monkeypatch.setattr(fsutil, "_REPLACE_ATTEMPTS", 1)  # POSIX: a refusal is real, not retried
    with pytest.raises(PermissionError):
        secrets.FileKeyring(path).set_password(secrets.SERVICE, "note", "changed")
    assert path.read_bytes() == before
    monkeypatch.setattr(fsutil, "_REPLACE_ATTEMPTS", 5)
    secrets.FileKeyring(path).set_password(secrets.SERVICE, "note", "changed")
    assert not refusals
    assert secrets.FileKeyring(path).get_password(secrets.SERVICE, "note") == "changed"


_ONE_OF_MANY = """
import sys, time
from pathlib import Path
from kiosk.store import secrets
go, path, name = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
keyring = secrets.FileKeyring(path)
while not go.exists():
    time.sleep(0.001)
for n in range(15):
    keyring.set_password("kiosk-dvc", f"{name}-{n}", "v" * 40)
"""


def test_processes_writing_at_once_lose_no_entry(tmp_path: Path) -> None:
    """The touch app and the sync service store secrets at the same boot: every entry each
    process wrote is in the file afterwards (a read-modify-write at a time, across processes)."""
    path, go = tmp_path / "keyring.cfg", tmp_path / "go"
    writers = [
        subprocess.Popen([sys.executable, "-c", _ONE_OF_MANY, str(go), str(path), f"p{i}"])
        for i in range(3)
    ]
    go.touch()
    for writer in writers:
        assert writer.wait(timeout=120) == 0
    keyring = secrets.FileKeyring(path)
    missing = [
        f"p{i}-{n}"
        for i in range(3)
        for n in range(15)
        if keyring.get_password("kiosk-dvc", f"p{i}-{n}") != "v" * 40
    ]
    assert missing == []
