"""Secrets live in the OS keyring only; the backend is chosen explicitly per platform.

A frozen (PyInstaller) app loses keyring's entry-point discovery, so we never rely on it:

* Windows: Windows Credential Locker (``keyring.backends.Windows.WinVaultKeyring``).
* macOS: the login Keychain (``keyring.backends.macOS.Keyring``).
* Linux: the Secret Service (GNOME Keyring / KWallet over D-Bus) when a session bus answers
  and the collection is unlocked; otherwise a 0600 file outside the data home
  (``keyrings.alt`` PlaintextKeyring — file-permission protection only; docs/security.md).
  That file may be the only copy of the data key, so it is never rewritten in place: each
  change goes to a temporary file that replaces it whole (:func:`kiosk.fsutil.write_atomic`).

``KIOSK_KEYRING`` overrides: ``memory`` (this process only, tests), ``file:PATH`` (a keyring file
at PATH, for tests and for headless Linux installs), ``fail`` (no keyring, to test that path).
"""

from __future__ import annotations

import configparser
import io
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import platformdirs
from filelock import FileLock
from keyrings.alt.escape import escape as escape_for_ini
from keyrings.alt.file import PlaintextKeyring

from kiosk import fsutil

SERVICE = "kiosk-dvc"


class KeyringUnavailable(RuntimeError):
    """No usable keyring: the kiosk can run but cannot read or write personal data."""


# One read-modify-write of a keyring file at a time: threads of this process (the technician's
# panel saves credentials from a worker thread) and, through a lock file beside it, other
# processes (the touch app and the sync service create and store secrets at the same boot).
_file_lock = threading.Lock()
_FILE_LOCK_WAIT_S = 30.0
# Temporary files older than this are an interrupted write's (a kill or power cut between
# write_atomic's steps), never a write still in progress; they hold a copy of the secrets.
_STALE_TEMPORARY = 3600.0


class FileKeyring(PlaintextKeyring):  # type: ignore[misc]
    """keyrings.alt's plaintext file keyring at an explicit path, 0600, replaced atomically.

    keyrings.alt rewrites its file in place (truncate, then write): a full disk, a kill or a
    power cut in between leaves the only copy of the data key truncated. Here every change is
    written whole to a temporary file in the same directory, fsynced, and renamed over the old
    file (``os.replace``, atomic on POSIX and on NTFS), then the directory is fsynced; a failed
    write leaves the previous file as it was. Reading is keyrings.alt's, the format unchanged.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.file_path = str(path)

    def _write_config_value(self, service: str, key: str, value: str) -> None:
        """keyrings.alt's ``set_password`` encrypts; its write is this one: under the lock,
        from a file that was read, replaced whole (its own writes the file in place)."""
        with self._writing():
            config = self._load()
            section = escape_for_ini(service)
            if not config.has_section(section):
                config.add_section(section)
            config.set(section, escape_for_ini(key), value)
            self._save(config)

    def delete_password(self, service: str, username: str) -> None:
        with self._writing():
            config = self._load()
            try:
                removed = config.remove_option(escape_for_ini(service), escape_for_ini(username))
            except configparser.NoSectionError:
                removed = False
            if not removed:
                raise keyring.errors.PasswordDeleteError("Password not found")
            self._save(config)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        path = Path(self.file_path)
        if not path.parent.is_dir():
            fsutil.make_dirs(path.parent)
            if os.name != "nt":
                path.parent.chmod(0o700)
        with _file_lock, FileLock(f"{path}.lock", timeout=_FILE_LOCK_WAIT_S):
            yield

    def _load(self) -> configparser.RawConfigParser:
        """The file as it is; a missing file is an empty keyring. Unlike ``config.read``, a
        file that exists but cannot be read raises: writing then would drop every other entry."""
        config = configparser.RawConfigParser()
        try:
            with Path(self.file_path).open(encoding="utf-8") as handle:
                config.read_file(handle, source=self.file_path)
        except FileNotFoundError:
            pass
        return config

    def _save(self, config: configparser.RawConfigParser) -> None:
        path = Path(self.file_path)
        text = io.StringIO()
        config.write(text)
        data = text.getvalue().encode("utf-8")
        fsutil.write_atomic(path, data, mode=0o600)  # retries a refused replace on Windows
        fsutil.remove_stale_temporaries(path, older_than=_STALE_TEMPORARY)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """In-process keyring for unit tests (named as a fake: it survives nothing)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._store.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


_memory = MemoryKeyring()
_chosen: keyring.backend.KeyringBackend | None = None


def default_file_path() -> Path:
    return Path(platformdirs.user_config_dir("kiosk-dvc", "KhanhHoa")) / "keyring.cfg"


def _linux_backend() -> keyring.backend.KeyringBackend:
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        try:
            from keyring.backends import SecretService

            backend = SecretService.Keyring()  # type: ignore[no-untyped-call]
            if backend.priority > 0:  # raises RuntimeError when the service is unusable
                return backend
        except Exception:  # noqa: S110 - any failure means: fall back to the file
            pass
    return FileKeyring(default_file_path())


def choose_backend() -> keyring.backend.KeyringBackend:
    spec = os.environ.get("KIOSK_KEYRING", "auto")
    if spec == "memory":
        return _memory
    if spec == "fail":
        from keyring.backends.fail import Keyring as FailKeyring

        return FailKeyring()  # type: ignore[no-untyped-call]
    if spec.startswith("file:"):
        return FileKeyring(Path(spec.removeprefix("file:")))
    if sys.platform == "win32":
        from keyring.backends import Windows

        return Windows.WinVaultKeyring()
    if sys.platform == "darwin":
        from keyring.backends import macOS

        return macOS.Keyring()
    return _linux_backend()


def backend() -> keyring.backend.KeyringBackend:
    global _chosen
    if _chosen is None:
        _chosen = choose_backend()
    return _chosen


def reset_backend() -> None:
    """Forget the chosen backend (tests that change KIOSK_KEYRING)."""
    global _chosen
    _chosen = None


@contextmanager
def file_keyring(path: Path) -> Iterator[None]:
    """Use the file keyring at ``path`` for the duration (benchmarks, tools, tests)."""
    before = os.environ.get("KIOSK_KEYRING")
    os.environ["KIOSK_KEYRING"] = f"file:{path}"
    reset_backend()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("KIOSK_KEYRING", None)
        else:
            os.environ["KIOSK_KEYRING"] = before
        reset_backend()


def backend_name() -> str:
    chosen = backend()
    name = f"{type(chosen).__module__}.{type(chosen).__name__}"
    if isinstance(chosen, FileKeyring):
        name += f" ({chosen.file_path})"
    return name


def get_secret(name: str) -> str | None:
    try:
        return backend().get_password(SERVICE, name)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(str(exc)) from exc


def set_secret(name: str, value: str) -> None:
    try:
        backend().set_password(SERVICE, name, value)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(str(exc)) from exc


def delete_secret(name: str) -> None:
    try:
        backend().delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        return
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(str(exc)) from exc
