"""Every file location of the kiosk, in one place.

All data lives under one *data home*: ``--home DIR`` on the command line, else the
``KIOSK_HOME`` environment variable, else the platform's user data dir (platformdirs).
Bundled read-only files are found with :func:`asset`, which also works inside a
PyInstaller bundle.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "kiosk-dvc"
APP_AUTHOR = "KhanhHoa"
_home_override: Path | None = None


def set_home(path: str | os.PathLike[str] | None) -> None:
    """Set the data home for this process (``--home``); None returns to the default."""
    global _home_override
    _home_override = Path(path).expanduser().resolve() if path is not None else None


def home() -> Path:
    if _home_override is not None:
        return _home_override
    env = os.environ.get("KIOSK_HOME")
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs  # only where no KIOSK_HOME is set; not on the way to the first paint

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


@dataclass(frozen=True, slots=True)
class HomeLayout:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "kiosk.db"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.toml"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def db_backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def receipts(self) -> Path:
        return self.root / "receipts"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    @property
    def install_id_file(self) -> Path:
        return self.root / "install-id"

    def ensure(self) -> HomeLayout:
        for directory in (self.root, self.attachments, self.db_backups, self.logs, self.cache):
            directory.mkdir(parents=True, exist_ok=True)
        private(self.root)
        return self


def private(folder: Path) -> None:
    """The data home is the kiosk account's alone (POSIX ``0700``): the database, logs and
    receipts inside are made with the usual umask (``0644``), and their plain columns (masked
    forms, codes) are nobody else's to read on a shared PC. A home another account owns is
    left as it is (the owner decides). Windows: the per-user profile's ACL does this."""
    if os.name != "posix":
        return
    info = folder.stat()
    if info.st_uid == os.geteuid() and info.st_mode & 0o077:
        folder.chmod(0o700)


def layout() -> HomeLayout:
    return HomeLayout(home())


def resources_root() -> Path:
    """The bundled ``resources/`` folder: PyInstaller bundle, source checkout, or wheel.

    ``KIOSK_RESOURCES=DIR`` replaces it (the self-test's tests point it at an incomplete copy).
    """
    override = os.environ.get("KIOSK_RESOURCES")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    package_dir = Path(__file__).resolve().parent
    checkout = package_dir.parent / "resources"
    if checkout.is_dir():
        return checkout
    return package_dir / "_resources"


def asset(*parts: str) -> Path:
    """Path of a bundled read-only file, e.g. ``asset("catalog", "catalog-v1.json.gz")``."""
    path = resources_root().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"bundled resource missing: {'/'.join(parts)}")
    return path
