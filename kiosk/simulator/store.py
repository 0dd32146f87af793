"""Everything the simulated province keeps, in SQLite under the state dir (plus files).

``SimulatorState(state_dir)`` opens (or creates) ``state_dir/province.db`` in WAL mode and
``state_dir/attachments/``; a second instance — in a test process while the server runs in
another — reads the same data. One connection per instance, guarded by a lock; writes are
short ``BEGIN IMMEDIATE`` transactions, so several processes may share the file.

Tables: ``items`` (each accepted item exactly once, with its canonical payload, content hash,
``server_ref`` ``KDC-yyyyMMdd-nnnnnn`` and ``received_at``), ``submission_log`` (every
per-item answer given), ``attachments`` (the file is ``attachments/<sha256>``), ``changes``
(the ``/changes`` feed), ``dossiers`` (current status and ``MaHoSo``), ``notices``,
``clients``, ``counters``, ``sequences`` and ``meta``. Access tokens are not stored.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.simulator.canonical import canonical
from kiosk.simulator.clock import VN, iso

DB_NAME = "province.db"
AGENCY_CODE = "000.00.12.H32"  # the one-stop system's agency code used in MaHoSo (demo)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS clients (
    client_id TEXT PRIMARY KEY, secret_sha256 TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, client_id TEXT NOT NULL,
    kind TEXT NOT NULL, payload TEXT NOT NULL, content_sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL, depends_on TEXT, server_ref TEXT NOT NULL UNIQUE,
    received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS submission_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, item_id TEXT NOT NULL, client_id TEXT NOT NULL,
    status TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS submission_log_item ON submission_log (item_id);
CREATE TABLE IF NOT EXISTS attachments (
    sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, mime TEXT, client_id TEXT NOT NULL,
    received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, client_id TEXT,
    data TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dossiers (
    item_id TEXT PRIMARY KEY, ma_ho_so TEXT NOT NULL, status INTEGER NOT NULL,
    ngay_hen_tra TEXT, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notices (
    notice_id TEXT PRIMARY KEY, data TEXT NOT NULL, withdrawn INTEGER NOT NULL DEFAULT 0,
    published_at TEXT NOT NULL);
"""
STATUS_NAMES = {
    1: "Mới đăng ký",
    2: "Được tiếp nhận",
    3: "Không được tiếp nhận",
    4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ",
    6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý",
    9: "Đã xử lý xong",
    10: "Đã trả kết quả",
}
NOTICE_LEVELS = ("info", "warning", "emergency")


def _now() -> datetime:
    return datetime.now(VN)


def _secret_hash(secret: str) -> str:
    return hashlib.sha256(b"kiosk-simulator:" + secret.encode("utf-8")).hexdigest()


def _json(value: Any) -> str:
    return canonical(value).decode("utf-8")


class Tx:
    """One open write transaction (see :meth:`SimulatorState.transaction`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def find_item(self, item_id: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn.execute(
            "SELECT * FROM items WHERE id = ?", (item_id.lower(),)
        ).fetchone()
        return row

    def has_attachment(self, sha256: str) -> bool:
        found = self.conn.execute("SELECT 1 FROM attachments WHERE sha256 = ?", (sha256,))
        return found.fetchone() is not None

    def next_in(self, name: str) -> int:
        row = self.conn.execute(
            "INSERT INTO sequences (name, value) VALUES (?, 1) "
            "ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
            (name,),
        ).fetchone()
        return int(row[0])

    def insert_item(
        self, item: dict[str, Any], client_id: str, content_sha256: str, now: datetime
    ) -> tuple[str, str]:
        """Store an accepted item; returns (server_ref, received_at)."""
        day = now.astimezone(VN).strftime("%Y%m%d")
        server_ref = f"KDC-{day}-{self.next_in(f'ref:{day}'):06d}"
        received_at = iso(now)
        self.conn.execute(
            "INSERT INTO items (id, client_id, kind, payload, content_sha256, created_at, "
            "depends_on, server_ref, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(item["id"]).lower(),
                client_id,
                item["kind"],
                _json(item["payload"]),
                content_sha256,
                item["created_at"],
                str(item["depends_on"]).lower() if item.get("depends_on") else None,
                server_ref,
                received_at,
            ),
        )
        return server_ref, received_at

    def log_result(self, item_id: str, client_id: str, status: str, now: datetime) -> None:
        self.conn.execute(
            "INSERT INTO submission_log (item_id, client_id, status, at) VALUES (?, ?, ?, ?)",
            (item_id.lower(), client_id, status, iso(now)),
        )

    def bump(self, name: str, by: int = 1) -> None:
        self.conn.execute(
            "INSERT INTO counters (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = value + excluded.value",
            (name, by),
        )

    def add_change(
        self, change_type: str, data: dict[str, Any], client_id: str | None, now: datetime
    ) -> int:
        cursor = self.conn.execute(
            "INSERT INTO changes (type, client_id, data, created_at) VALUES (?, ?, ?, ?)",
            (change_type, client_id, _json(data), iso(now)),
        )
        return int(cursor.lastrowid or 0)


class SimulatorState:
    """The province's persistent state, and the inspection API for tests."""

    def __init__(self, state_dir: str | os.PathLike[str]) -> None:
        self.state_dir = Path(state_dir)
        self.attachment_dir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(
            self.state_dir / DB_NAME, timeout=30, isolation_level=None, check_same_thread=False
        )
        self._conn.row_factory = sqlite3.Row
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "busy_timeout=30000"):
            self._conn.execute(f"PRAGMA {pragma}")
        with self._lock:
            self._conn.executescript(_SCHEMA)

    @property
    def attachment_dir(self) -> Path:
        return self.state_dir / "attachments"

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SimulatorState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """A short write transaction (BEGIN IMMEDIATE … COMMIT), serialised by a lock."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(self._conn)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _rows(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return list(self._conn.execute(sql, args).fetchall())

    # ------------------------------------------------------------------------- clients

    def register_client(self, client_id: str, secret: str, now: datetime | None = None) -> None:
        with self.transaction() as tx:
            tx.conn.execute(
                "INSERT INTO clients (client_id, secret_sha256, created_at) VALUES (?, ?, ?) "
                "ON CONFLICT (client_id) DO UPDATE SET secret_sha256 = excluded.secret_sha256",
                (client_id, _secret_hash(secret), iso(now or _now())),
            )

    def check_client(self, client_id: str, secret: str) -> bool:
        rows = self._rows("SELECT secret_sha256 FROM clients WHERE client_id = ?", (client_id,))
        return bool(rows) and hmac.compare_digest(rows[0][0], _secret_hash(secret))

    def set_client_disabled(self, client_id: str, disabled: bool) -> bool:
        with self.transaction() as tx:
            cursor = tx.conn.execute(
                "UPDATE clients SET disabled = ? WHERE client_id = ?", (int(disabled), client_id)
            )
        return cursor.rowcount > 0

    def is_disabled(self, client_id: str) -> bool:
        rows = self._rows("SELECT disabled FROM clients WHERE client_id = ?", (client_id,))
        return bool(rows and rows[0][0])

    def clients(self) -> list[dict[str, Any]]:
        rows = self._rows("SELECT client_id, disabled FROM clients ORDER BY client_id")
        return [{"client_id": r[0], "disabled": bool(r[1])} for r in rows]

    # ------------------------------------------------------------------------- items

    def items(self) -> list[dict[str, Any]]:
        """Every stored item, in the order received."""
        return [_item(r) for r in self._rows("SELECT * FROM items ORDER BY seq")]

    def item(self, item_id: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM items WHERE id = ?", (item_id.lower(),))
        return _item(rows[0]) if rows else None

    def count(self, table: str) -> int:
        """Rows in ``items``, ``changes``, ``attachments`` or ``submission_log``."""
        queries = {
            "items": "SELECT COUNT(*) FROM items",
            "changes": "SELECT COUNT(*) FROM changes",
            "attachments": "SELECT COUNT(*) FROM attachments",
            "submission_log": "SELECT COUNT(*) FROM submission_log",
        }
        return int(self._rows(queries[table])[0][0])

    def submission_log(self, item_id: str | None = None) -> list[dict[str, Any]]:
        """Every per-item answer given (``item_id``, ``client_id``, ``status``, ``at``)."""
        sql = "SELECT item_id, client_id, status, at FROM submission_log"
        rows = (
            self._rows(sql + " WHERE item_id = ? ORDER BY seq", (item_id.lower(),))
            if item_id
            else self._rows(sql + " ORDER BY seq")
        )
        return [dict(r) for r in rows]

    # ------------------------------------------------------------------------- attachments

    def attachment_path(self, sha256: str) -> Path:
        return self.attachment_dir / sha256

    def has_attachment(self, sha256: str) -> bool:
        return bool(self._rows("SELECT 1 FROM attachments WHERE sha256 = ?", (sha256,)))

    def put_attachment(
        self, sha256: str, data: bytes, mime: str | None, client_id: str, now: datetime
    ) -> bool:
        """Store a verified file; False when it was already present."""
        if self.has_attachment(sha256):
            return False
        target = self.attachment_path(sha256)
        partial = target.with_name(f".{sha256}.{threading.get_ident()}.part")
        with partial.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(target)
        with self.transaction() as tx:
            cursor = tx.conn.execute(
                "INSERT OR IGNORE INTO attachments (sha256, size, mime, client_id, received_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (sha256, len(data), mime, client_id, iso(now)),
            )
        return cursor.rowcount > 0

    def attachments(self) -> list[dict[str, Any]]:
        rows = self._rows("SELECT sha256, size, mime, received_at FROM attachments ORDER BY 4")
        return [dict(r) for r in rows]

    # ------------------------------------------------------------------------- changes

    def publish_change(
        self,
        change_type: str,
        data: dict[str, Any],
        client_id: str | None = None,
        now: datetime | None = None,
    ) -> int:
        """Append any change (also an unknown ``type``); ``client_id`` None: every client."""
        with self.transaction() as tx:
            return tx.add_change(change_type, data, client_id, now or _now())

    def changes_after(
        self, client_id: str | None, after: int, limit: int
    ) -> tuple[list[dict[str, Any]], bool]:
        """Changes visible to ``client_id`` with seq > ``after``; and whether more remain."""
        rows = self._rows(
            "SELECT seq, type, data FROM changes WHERE seq > ? "
            "AND (client_id IS NULL OR client_id = ?) ORDER BY seq LIMIT ?",
            (after, client_id, limit + 1),
        )
        found = [{"seq": r[0], "type": r[1], "data": json.loads(r[2])} for r in rows]
        return found[:limit], len(found) > limit

    def changes(self) -> list[dict[str, Any]]:
        rows = self._rows("SELECT seq, type, client_id, data, created_at FROM changes ORDER BY 1")
        return [{**dict(r), "data": json.loads(r["data"])} for r in rows]

    # ------------------------------------------------------------------------- dossiers

    def dossier_status(self, item_id: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM dossiers WHERE item_id = ?", (item_id.lower(),))
        return dict(rows[0]) if rows else None

    def publish_dossier_status(
        self,
        item_id: str,
        status: int,
        *,
        ma_ho_so: str | None = None,
        ngay_hen_tra: str | None = None,
        ghi_chu: str | None = None,
        now: datetime | None = None,
    ) -> dict[str, Any]:
        """Record a dossier's new ``TrangThaiHoSo`` and publish it to the submitting kiosk.

        ``MaHoSo`` is assigned (``000.00.12.H32-yyMMdd-nnnn``) the first time unless given.
        Raises KeyError for an id that is not a stored dossier, ValueError for a bad status.
        """
        if status not in STATUS_NAMES:
            raise ValueError(f"TrangThaiHoSo must be 1..10, got {status!r}")
        moment = now or _now()
        with self.transaction() as tx:
            item = tx.find_item(item_id)
            if item is None or item["kind"] != "dossier":
                raise KeyError(item_id)
            data = self._status_data(tx, item, status, ma_ho_so, ngay_hen_tra, ghi_chu, moment)
            tx.add_change("dossier_status", data, item["client_id"], moment)
        return data

    def _status_data(
        self,
        tx: Tx,
        item: sqlite3.Row,
        status: int,
        ma_ho_so: str | None,
        ngay_hen_tra: str | None,
        ghi_chu: str | None,
        now: datetime,
    ) -> dict[str, Any]:
        old = tx.conn.execute("SELECT * FROM dossiers WHERE item_id = ?", (item["id"],)).fetchone()
        if ma_ho_so is None:
            ma_ho_so = old["ma_ho_so"] if old else _new_ma_ho_so(tx, now)
        if ngay_hen_tra is None and old:
            ngay_hen_tra = old["ngay_hen_tra"]
        tx.conn.execute(
            "INSERT OR REPLACE INTO dossiers (item_id, ma_ho_so, status, ngay_hen_tra, "
            "updated_at) VALUES (?, ?, ?, ?, ?)",
            (item["id"], ma_ho_so, status, ngay_hen_tra, iso(now)),
        )
        data: dict[str, Any] = {"id": item["id"], "MaHoSo": ma_ho_so, "TrangThaiHoSo": status}
        if ngay_hen_tra:
            data["NgayHenTra"] = ngay_hen_tra
        data["GhiChu"] = ghi_chu if ghi_chu is not None else STATUS_NAMES[status]
        return data

    def dossiers_moving(self, statuses: tuple[int, ...]) -> list[dict[str, Any]]:
        """Stored dossiers whose status (0: none yet) is one of ``statuses``."""
        rows = self._rows(
            "SELECT i.id, i.received_at, COALESCE(d.status, 0) AS status FROM items i "
            "LEFT JOIN dossiers d ON d.item_id = i.id WHERE i.kind = 'dossier' ORDER BY i.seq"
        )
        return [dict(r) for r in rows if r["status"] in statuses]

    # ------------------------------------------------------------------------- notices

    def publish_notice(
        self,
        level: str,
        title: str,
        body: str,
        *,
        wards: list[str],
        valid_from: str,
        valid_until: str | None,
        notice_id: str | None = None,
        now: datetime | None = None,
    ) -> dict[str, Any]:
        """Publish (or re-publish, when ``notice_id`` exists) a notice to every kiosk."""
        if level not in NOTICE_LEVELS:
            raise ValueError(f"level must be one of {NOTICE_LEVELS}")
        moment = now or _now()
        with self.transaction() as tx:
            if notice_id is None:
                year = moment.astimezone(VN).year
                notice_id = f"TB-{year}-{tx.next_in(f'notice:{year}'):04d}"
            data: dict[str, Any] = {
                "notice_id": notice_id,
                "level": level,
                "title": title,
                "body": body,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "MaXa": list(wards),
            }
            tx.conn.execute(
                "INSERT OR REPLACE INTO notices (notice_id, data, withdrawn, published_at) "
                "VALUES (?, ?, 0, ?)",
                (notice_id, _json(data), iso(moment)),
            )
            tx.add_change("notice", data, None, moment)
        return data

    def withdraw_notice(self, notice_id: str, now: datetime | None = None) -> int:
        """Publish ``notice_withdrawn``; KeyError when the notice is unknown."""
        moment = now or _now()
        with self.transaction() as tx:
            cursor = tx.conn.execute(
                "UPDATE notices SET withdrawn = 1 WHERE notice_id = ?", (notice_id,)
            )
            if cursor.rowcount == 0:
                raise KeyError(notice_id)
            return tx.add_change("notice_withdrawn", {"notice_id": notice_id}, None, moment)

    def notices(self) -> list[dict[str, Any]]:
        rows = self._rows("SELECT data, withdrawn FROM notices ORDER BY published_at, notice_id")
        return [{**json.loads(r[0]), "withdrawn": bool(r[1])} for r in rows]

    # ------------------------------------------------------------------------- counters, meta

    def bump(self, counts: dict[str, int]) -> None:
        with self.transaction() as tx:
            for name, by in counts.items():
                tx.bump(name, by)

    def counters(self) -> dict[str, int]:
        """All counters: ``requests.<endpoint>``, ``status.<code>``, ``faults.<kind>``,
        ``items.<status>``, ``tokens.issued`` ..."""
        return {r[0]: int(r[1]) for r in self._rows("SELECT name, value FROM counters")}

    def counter(self, name: str) -> int:
        rows = self._rows("SELECT value FROM counters WHERE name = ?", (name,))
        return int(rows[0][0]) if rows else 0

    def get_meta(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as tx:
            tx.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def _item(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "client_id": row["client_id"],
        "kind": row["kind"],
        "payload": json.loads(row["payload"]),
        "created_at": row["created_at"],
        "depends_on": row["depends_on"],
        "content_sha256": row["content_sha256"],
        "server_ref": row["server_ref"],
        "received_at": row["received_at"],
    }


def _new_ma_ho_so(tx: Tx, now: datetime) -> str:
    day = now.astimezone(VN).strftime("%y%m%d")
    return f"{AGENCY_CODE}-{day}-{tx.next_in(f'mahoso:{day}'):04d}"
