"""Secrets live in the OS keyring only; the backend is chosen explicitly per platform.

A frozen (PyInstaller) app loses keyring's entry-point discovery, so we never rely on it:

* Windows: Windows Credential Locker (``keyring.backends.Windows.WinVaultKeyring``).
* macOS: the login Keychain (``keyring.backends.macOS.Keyring``).
* Linux: the Secret Service (GNOME Keyring / KWallet over D-Bus) when a session bus answers
  and the collection is unlocked; otherwise a 0600 file outside the data home
  (``keyrings.alt`` PlaintextKeyring — file-permission protection only; docs/security.md).

``KIOSK_KEYRING`` overrides: ``memory`` (this process only, tests), ``file:PATH`` (a keyring file
at PATH, for tests and for headless Linux installs), ``fail`` (no keyring, to test that path).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import platformdirs
from keyrings.alt.file import PlaintextKeyring

SERVICE = "kiosk-dvc"


class KeyringUnavailable(RuntimeError):
    """No usable keyring: the kiosk can run but cannot read or write personal data."""


class FileKeyring(PlaintextKeyring):  # type: ignore[misc]
    """keyrings.alt's plaintext file keyring at an explicit path, created 0600."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.file_path = str(path)

    def set_password(self, service: str, username: str, password: str) -> None:
        path = Path(self.file_path)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            path.touch(mode=0o600)
        super().set_password(service, username, password)
        path.chmod(0o600)


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
