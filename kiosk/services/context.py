"""Opening a data home: settings, schema migrations, the data key, start-up recovery.

``Kiosk.open()`` is the one entry point the CLI, the UI, the sync daemon and the tests use.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from filelock import AcquireReturnProxy, FileLock, Timeout
from sqlalchemy import Engine, select

from kiosk import paths
from kiosk.fsutil import write_atomic
from kiosk.settings import Settings
from kiosk.store import crypto, import_refs, migrate, outbox, province_texts
from kiosk.store.attachments import AttachmentStore
from kiosk.store.db import checkpoint, make_engine, read_session, write_session
from kiosk.store.group_commit import GroupCommit
from kiosk.store.models import Meta

log = logging.getLogger(__name__)


class KioskOpenError(RuntimeError):
    """The data home cannot be opened; the message is Vietnamese then English."""


@dataclass
class Kiosk:
    layout: paths.HomeLayout
    settings: Settings
    engine: Engine
    cipher: crypto.Cipher
    attachments: AttachmentStore
    install_id: str
    cache: dict[str, Any] = field(default_factory=dict)
    # the save path's one writer (saves that arrive together share one COMMIT); made with the
    # Kiosk, so two threads can never make two
    writes: GroupCommit = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.writes = GroupCommit(self.engine)

    @classmethod
    def open(cls, home: Path | None = None) -> Kiosk:
        layout = paths.HomeLayout(home) if home else paths.layout()
        layout.ensure()
        settings = Settings.load(layout.settings_file)
        engine = make_engine(layout.database)
        # one process at a time sets a home up: the touch app and the sync service start
        # together at boot, and two first starts must not make two install ids, two data keys
        # or run the migrations twice at once
        with _setting_up(layout):
            install_id = _install_id(layout)
            migrate.upgrade(engine, layout.database, layout.db_backups)
            meta = _meta(engine)
            install_id = _recorded_install_id(meta.get("install_id"), layout, install_id)
            cipher = crypto.Cipher(_data_key(engine, install_id, meta.get("key_check")))
            if import_refs.KEYED_FLAG not in meta:  # refs were kept plain before 2026-11-23
                import_refs.key_plain_import_refs(engine, cipher)
            if province_texts.UPGRADE_FLAG in meta:  # schema 0010 left plain words to seal
                _seal_province_texts(engine, cipher)
        kiosk = cls(
            layout,
            settings,
            engine,
            cipher,
            AttachmentStore(layout.attachments, cipher),
            install_id,
        )
        kiosk.recover_if_no_relay()
        return kiosk

    @cached_property
    def relay_lock(self) -> FileLock:
        """Held by the one process that relays this database to the province."""
        return FileLock(str(self.layout.root / "relay.lock"))

    def recover_if_no_relay(self) -> int:
        """In-flight items with no relay process alive are returned to a safe state."""
        lock = self.relay_lock
        if lock.is_locked:
            return 0  # this process is the relay: its items are really in flight
        try:
            lock.acquire(timeout=0)
        except Timeout:
            return 0
        try:
            with write_session(self.engine) as session:
                return outbox.recover_in_flight(session)
        finally:
            lock.release()

    def recover_if_no_relay_locked(self) -> int:
        """Start-up recovery by the process that now holds the relay lock."""
        with write_session(self.engine) as session:
            return outbox.recover_in_flight(session)

    def close(self) -> None:
        self.engine.dispose()


SETUP_WAIT_S = 600.0  # a long upgrade of a big database by another process is waited for


def _setting_up(layout: paths.HomeLayout) -> AcquireReturnProxy[FileLock]:
    """The set-up lock, held (released when its ``with`` ends)."""
    try:
        return FileLock(str(layout.root / "setup.lock")).acquire(timeout=SETUP_WAIT_S)
    except Timeout:
        raise KioskOpenError(
            "Một chương trình kiosk khác đang khởi tạo hoặc nâng cấp dữ liệu quá lâu. Hãy đợi "
            "rồi mở lại; nếu vẫn vậy, hãy gọi kỹ thuật viên. (Another kiosk process has been "
            "setting up or upgrading this data home for too long.)"
        ) from None


def _meta(engine: Engine) -> dict[str, str]:
    """The database's install id and data-key check (whichever it has yet) and an upgrade
    step left to run, one read."""
    with read_session(engine) as session:
        rows = session.execute(
            select(Meta.key, Meta.value).where(
                Meta.key.in_(
                    (
                        "install_id",
                        "key_check",
                        province_texts.UPGRADE_FLAG,
                        import_refs.KEYED_FLAG,
                    )
                )
            )
        )
        return {key: value for key, value in rows}


def _seal_province_texts(engine: Engine, cipher: crypto.Cipher) -> None:
    """The upgrade step of schema 0010, which needs the data key: the province's words older
    versions kept in plain text are sealed; the WAL holding the old pages is emptied."""
    with write_session(engine) as session:
        sealed = province_texts.seal_plain(session, cipher)
    checkpoint(engine)
    log.info("upgrade: the province's words about %d item(s) sealed", sealed)


def _recorded_install_id(recorded: str | None, layout: paths.HomeLayout, from_file: str) -> str:
    """The install id the database was set up with wins over the file beside it: a file
    rewritten or lost (or left by two first starts at once, before the set-up lock) must
    not orphan the data key, which the keyring keeps under the database's id."""
    if recorded is None or recorded == from_file or crypto.load_key(recorded) is None:
        return from_file
    log.warning("install-id file did not match the database; the database's id is used")
    write_atomic(layout.install_id_file, recorded.encode("ascii"), mode=0o644)
    return recorded


def _install_id(layout: paths.HomeLayout) -> str:
    path = layout.install_id_file
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    value = str(uuid.uuid4())
    write_atomic(path, value.encode("ascii"), mode=0o644)
    return value


def _data_key(engine: Engine, install_id: str, check: str | None) -> bytes:
    key = crypto.load_key(install_id)
    if check is None:
        if key is None:
            key = crypto.create_key(install_id)
        sealed = crypto.Cipher(key).seal(crypto.KEY_CHECK_PLAIN, crypto.KEY_CHECK_AAD)
        with write_session(engine) as session:
            session.merge(Meta(key="key_check", value=sealed.hex()))
            session.merge(Meta(key="install_id", value=install_id))
        return key
    if key is None:
        raise KioskOpenError(
            "Không tìm thấy khóa dữ liệu trong kho khóa của máy; dữ liệu cá nhân không mở được. "
            "Hãy gọi kỹ thuật viên. (The data key is missing from the OS keyring.)"
        )
    try:
        crypto.Cipher(key).open(bytes.fromhex(check), crypto.KEY_CHECK_AAD)
    except crypto.DataKeyError:
        raise KioskOpenError(
            "Khóa dữ liệu không khớp với cơ sở dữ liệu này. Hãy gọi kỹ thuật viên. "
            "(The data key does not open this database.)"
        ) from None
    return key
