"""Group commit: saves arriving together share one COMMIT, each still all-or-nothing alone."""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy.exc

from kiosk.domain.errors import ValidationError
from kiosk.domain.samples import sample_payload
from kiosk.services import importer, records
from kiosk.services.context import Kiosk
from kiosk.services.records import AlreadyImported, NewRecord, SavedRecord
from kiosk.store import audit
from kiosk.store.db import read_session
from kiosk.store.group_commit import GroupAborted, GroupCommit, ReentrantWrite
from tests.domain.invalid_cases import NOW


def _sample(kind: str, seed: int) -> dict[str, Any]:
    payload = sample_payload(kind, random.Random(seed), NOW)
    if "dossier_id" in payload:
        payload["dossier_id"] = None
    return payload


def _count(kiosk: Kiosk, sql: str) -> int:
    with sqlite3.connect(kiosk.layout.database) as conn:
        value: int = conn.execute(sql).fetchone()[0]
    return value


def _chain_ok(kiosk: Kiosk) -> bool:
    with read_session(kiosk.engine) as session:
        return audit.verify(session).ok


def _wait_until(condition: Any, timeout: float = 10.0) -> None:
    done = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if condition():
            return
        done.wait(0.01)
    raise AssertionError("condition not reached")


def test_saves_arriving_while_a_group_commits_share_the_next_commit(kiosk: Kiosk) -> None:
    writes = kiosk.writes
    hold, holding = threading.Event(), threading.Event()

    def slow_unit(db: sqlite3.Connection) -> str:
        holding.set()
        hold.wait(10)
        return "first"

    results: dict[int, SavedRecord] = {}
    first = threading.Thread(target=lambda: writes.run(slow_unit))
    first.start()
    assert holding.wait(10)

    def save(i: int) -> None:
        results[i] = records.save_record(kiosk, "visit", _sample("visit", i), "TNV01", now=NOW)

    savers = [threading.Thread(target=save, args=(i,)) for i in range(5)]
    for t in savers:
        t.start()
    _wait_until(lambda: writes.waiting == 5)
    before = writes.stats.groups
    hold.set()
    for t in [first, *savers]:
        t.join(10)
    assert writes.stats.groups == before + 1  # the five waiting saves went in one transaction
    assert writes.stats.largest == 5
    assert len(results) == 5
    codes = {saved.receipt_code for saved in results.values()}
    assert len(codes) == 5
    assert _count(kiosk, "SELECT count(*) FROM visits") == 5
    assert _count(kiosk, "SELECT count(*) FROM outbox") == 5
    assert _chain_ok(kiosk)


def test_a_refused_save_in_a_group_leaves_nothing_and_the_others_are_saved(kiosk: Kiosk) -> None:
    payment = _sample("payment", 2)
    payment["dossier_id"] = "0190f1c2-0000-7000-8000-000000000000"  # no such dossier
    batch = [
        NewRecord("visit", _sample("visit", 1), ref="paper-1"),
        NewRecord("payment", payment),  # refused inside the transaction (its savepoint)
        NewRecord("feedback", _sample("feedback", 3)),
        NewRecord("visit", _sample("visit", 4), ref="paper-1"),  # same ref: skipped
        NewRecord("visit", {"ChuDe": ""}),  # refused before the transaction
    ]
    before = kiosk.writes.stats.groups
    results = records.save_records(kiosk, batch, "TNV01", now=NOW)
    assert kiosk.writes.stats.groups == before + 1
    assert isinstance(results[0], SavedRecord)
    assert isinstance(results[1], ValidationError)
    assert [e.code for e in results[1].errors] == ["unknown_dossier"]
    assert isinstance(results[2], SavedRecord)
    assert isinstance(results[3], AlreadyImported)
    assert results[3].record_id == results[0].id
    assert isinstance(results[4], ValidationError)
    # nothing of the refused ones: two records, two items, two audit entries, no gap in codes
    assert _count(kiosk, "SELECT count(*) FROM outbox") == 2
    assert _count(kiosk, "SELECT count(*) FROM payments") == 0
    assert _count(kiosk, "SELECT count(*) FROM audit_log WHERE action LIKE '%.create'") == 2
    assert _count(kiosk, "SELECT count(*) FROM import_refs") == 1
    numbers = sorted(
        int(r.receipt_code.rsplit("-", 1)[1]) for r in results if isinstance(r, SavedRecord)
    )
    assert numbers == [1, 2]
    assert _chain_ok(kiosk)


def test_a_failed_commit_fails_every_save_of_the_group_and_writes_nothing(kiosk: Kiosk) -> None:
    writes = GroupCommit(kiosk.engine)

    def meta(db: sqlite3.Connection) -> str:
        db.execute("INSERT INTO meta (key, value) VALUES ('group-test', 'x')")
        return "written"

    def broken_link(db: sqlite3.Connection) -> str:  # only the COMMIT finds the broken link
        db.execute("PRAGMA defer_foreign_keys = ON")
        db.execute(
            "INSERT INTO dossier_attachments (dossier_id, sha256, doc_code) "
            "VALUES ('no-such-dossier', 'no-such-file', NULL)"
        )
        return "linked"

    outcomes = writes.run_all([meta, broken_link])
    for outcome in outcomes:
        with pytest.raises(sqlalchemy.exc.IntegrityError):
            outcome.result()
    first, second = (outcome.error for outcome in outcomes)
    assert first is not second  # each caller raises its own: tracebacks never mixed
    assert str(first) == str(second) and first.__traceback__ is not None
    assert _count(kiosk, "SELECT count(*) FROM meta WHERE key = 'group-test'") == 0
    assert _count(kiosk, "SELECT count(*) FROM dossier_attachments") == 0
    assert writes.run(meta) == "written"  # the writer is free again


class Interrupted(BaseException):
    pass


def test_an_interrupted_group_writes_nothing_and_does_not_stop_the_next_save(
    kiosk: Kiosk,
) -> None:
    writes = GroupCommit(kiosk.engine)

    def meta(db: sqlite3.Connection) -> None:
        db.execute("INSERT INTO meta (key, value) VALUES ('group-test', 'x')")

    def interrupted(db: sqlite3.Connection) -> None:
        raise Interrupted

    waiting: list[Any] = []
    with pytest.raises(Interrupted):
        waiting = writes.run_all([meta, interrupted])
    assert waiting == []
    assert _count(kiosk, "SELECT count(*) FROM meta WHERE key = 'group-test'") == 0
    writes.run(meta)
    assert _count(kiosk, "SELECT count(*) FROM meta WHERE key = 'group-test'") == 1


def test_the_others_of_an_interrupted_group_are_told_nothing_was_written(kiosk: Kiosk) -> None:
    writes = GroupCommit(kiosk.engine)
    hold, holding = threading.Event(), threading.Event()

    def first(db: sqlite3.Connection) -> None:
        holding.set()
        hold.wait(10)

    def interrupted(db: sqlite3.Connection) -> None:
        raise Interrupted

    def meta(db: sqlite3.Connection) -> None:
        db.execute("INSERT INTO meta (key, value) VALUES ('group-test', 'x')")

    errors: list[BaseException] = []

    def saver(units: list[Any]) -> None:
        # whichever thread runs the group is the one interrupted (as KeyboardInterrupt would
        # be); the other is told its save was not written
        try:
            for outcome in writes.run_all(units):
                outcome.result()
        except (Interrupted, GroupAborted) as exc:
            errors.append(exc)
        else:
            errors.append(AssertionError("returned as if saved"))

    def leader() -> None:
        saver([interrupted, meta])

    def follower() -> None:
        saver([meta])

    opener = threading.Thread(target=lambda: writes.run(first))
    opener.start()
    assert holding.wait(10)
    threads = [threading.Thread(target=leader)]
    threads[0].start()
    _wait_until(lambda: writes.waiting == 2)
    threads.append(threading.Thread(target=follower))
    threads[1].start()
    _wait_until(lambda: writes.waiting == 3)
    hold.set()
    for t in [opener, *threads]:
        t.join(10)
        assert not t.is_alive()
    assert sorted(type(e).__name__ for e in errors) == ["GroupAborted", "Interrupted"]
    assert _count(kiosk, "SELECT count(*) FROM meta WHERE key = 'group-test'") == 0


def test_a_save_inside_a_save_is_refused_not_a_deadlock(kiosk: Kiosk) -> None:
    writes = GroupCommit(kiosk.engine)
    with pytest.raises(ReentrantWrite):
        writes.run(lambda db: writes.run(lambda inner: None))
    assert writes.run(lambda db: "free") == "free"


def test_many_threads_saving_at_once_each_saved_exactly_once(kiosk: Kiosk) -> None:
    saved: list[SavedRecord] = []
    lock = threading.Lock()

    def worker(seed: int) -> None:
        for i in range(15):
            kind = ("visit", "feedback", "dossier")[i % 3]
            result = records.save_record(kiosk, kind, _sample(kind, seed * 100 + i), "TNV02")
            with lock:
                saved.append(result)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(saved) == 90
    assert len({s.id for s in saved}) == 90
    assert len({s.receipt_code for s in saved}) == 90
    linked = sum(len(s.linked) for s in saved)
    assert _count(kiosk, "SELECT count(*) FROM outbox") == 90 + linked
    assert _count(kiosk, "SELECT count(*) FROM audit_log WHERE action LIKE '%.create'") == (
        90 + linked
    )
    assert _chain_ok(kiosk)


def test_an_import_saves_its_lines_in_groups_in_line_order(kiosk: Kiosk, tmp_path: Path) -> None:
    lines = []
    for i in range(150):
        kind = ("visit", "feedback")[i % 2]
        lines.append(json.dumps({"kind": kind, "payload": _sample(kind, i), "ref": f"p{i % 140}"}))
    lines.insert(70, "not json")
    path = tmp_path / "backlog.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    before = kiosk.writes.stats.groups
    report = importer.import_file(kiosk, path, "TNV01")
    assert kiosk.writes.stats.groups - before == 3  # 150 lines: 64 + 64 + 22
    assert [r["line"] for r in report.rejected] == [71]
    assert len(report.accepted) == 140
    assert [s["line"] for s in report.skipped] == list(range(142, 152))
    accepted_lines = [a["line"] for a in report.accepted]
    assert accepted_lines == sorted(accepted_lines)
    numbers = [int(a["receipt_code"].rsplit("-", 1)[1]) for a in report.accepted]
    assert numbers == list(range(1, 141))  # codes follow the lines
    assert _count(kiosk, "SELECT count(*) FROM outbox") == 140
    assert _chain_ok(kiosk)


# --- a refused save's new scan, and a save of the same file at the same time -------------------

BAD_ID = "999999999999"  # refused by the domain rules, after the scan was stored


def _dossier_with(scan: Path, seed: int, bad: bool = False) -> dict[str, Any]:
    dossier = _sample("dossier", seed)
    dossier["TaiLieuNop"] = [{"path": str(scan), "MaThanhPhanHoSo": "TP1"}]
    if bad:
        dossier["MaDoiTuong"] = BAD_ID
    return dossier


def _pausing_validation(monkeypatch: pytest.MonkeyPatch, pauses: dict[str, Any]) -> None:
    """Each save's validation first sets ``pauses[who][0]`` then waits for ``pauses[who][1]``
    (who: "refused" for the payload with the bad id, "other" for the rest)."""
    real = records.validate_payload

    def validate(kind: str, raw: dict[str, Any], context: Any) -> dict[str, Any]:
        reached, go_on = pauses["refused" if raw.get("MaDoiTuong") == BAD_ID else "other"]
        reached.set()
        assert go_on.wait(10)
        return real(kind, raw, context)

    monkeypatch.setattr(records, "validate_payload", validate)


def _hold_writer(writes: GroupCommit) -> tuple[threading.Thread, threading.Event]:
    hold, holding = threading.Event(), threading.Event()

    def held(db: sqlite3.Connection) -> None:
        holding.set()
        hold.wait(10)

    opener = threading.Thread(target=lambda: writes.run(held))
    opener.start()
    assert holding.wait(10)
    return opener, hold


def _in_thread(fn: Any, out: dict[str, Any], key: str) -> threading.Thread:
    def run() -> None:
        try:
            out[key] = fn()
        except Exception as exc:
            out[key] = exc

    thread = threading.Thread(target=run)
    thread.start()
    return thread


class _SameScanTwice:
    """A refused save and another save of the same scan, each paused at its validation
    (``pauses[who]``: reached, go on), with the writer held until :meth:`finish`."""

    def __init__(self, kiosk: Kiosk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.kiosk = kiosk
        self.scan = tmp_path / "cccd.png"
        self.scan.write_bytes(b"\x89PNG the same scan, twice")
        self.pauses = {who: (threading.Event(), threading.Event()) for who in ("refused", "other")}
        _pausing_validation(monkeypatch, self.pauses)
        opener, self.hold = _hold_writer(kiosk.writes)
        self.threads = [opener]
        self.out: dict[str, Any] = {}

    def start(self, who: str) -> None:
        bad = who == "refused"
        dossier = _dossier_with(self.scan, 1 if bad else 2, bad=bad)
        save = lambda: records.save_record(self.kiosk, "dossier", dossier, "TNV01")  # noqa: E731
        self.threads.append(_in_thread(save, self.out, who))

    def finish(self) -> None:
        self.hold.set()
        for thread in self.threads:
            thread.join(10)
            assert not thread.is_alive()

    def files(self) -> list[Path]:
        return [p for p in self.kiosk.layout.attachments.rglob("*") if p.is_file()]


def test_a_refused_saves_scan_is_kept_for_a_save_of_the_same_file_committed_first(
    kiosk: Kiosk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    two = _SameScanTwice(kiosk, tmp_path, monkeypatch)
    two.pauses["other"][1].set()
    two.start("refused")
    assert two.pauses["refused"][0].wait(10)  # its scan is stored (it created the file)
    two.start("other")
    _wait_until(lambda: kiosk.writes.waiting == 1)  # the other save waits to commit
    two.pauses["refused"][1].set()  # refused now: it forgets its scan...
    _wait_until(lambda: kiosk.writes.waiting == 2)  # ...through the writer, after the save
    two.finish()
    assert isinstance(two.out["refused"], ValidationError)
    assert isinstance(two.out["other"], SavedRecord)
    files = two.files()
    assert [f.name for f in files] == [hashlib.sha256(two.scan.read_bytes()).hexdigest()]
    assert kiosk.attachments.get(files[0].name) == two.scan.read_bytes()  # kept, whole


def test_a_save_whose_scan_was_forgotten_before_its_commit_is_refused_not_saved_without_it(
    kiosk: Kiosk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    two = _SameScanTwice(kiosk, tmp_path, monkeypatch)
    two.start("refused")
    assert two.pauses["refused"][0].wait(10)
    two.start("other")
    assert two.pauses["other"][0].wait(10)  # it found the file stored already
    two.pauses["refused"][1].set()
    _wait_until(lambda: kiosk.writes.waiting == 1)  # the forget is in line first
    two.pauses["other"][1].set()
    _wait_until(lambda: kiosk.writes.waiting == 2)
    two.finish()
    assert isinstance(two.out["refused"], ValidationError)
    assert isinstance(two.out["other"], ValidationError)  # told, not saved pointing at nothing
    assert [e.code for e in two.out["other"].errors] == ["missing_file"]
    assert two.files() == []
    assert _count(kiosk, "SELECT count(*) FROM dossiers") == 0
    assert _count(kiosk, "SELECT count(*) FROM outbox") == 0


def test_a_refused_save_alone_is_not_logged_as_a_failed_commit(
    kiosk: Kiosk, caplog: pytest.LogCaptureFixture
) -> None:
    payment = _sample("payment", 2)
    payment["dossier_id"] = "0190f1c2-0000-7000-8000-000000000000"  # refused in its transaction
    with caplog.at_level("WARNING", logger="kiosk.store.group_commit"):
        with pytest.raises(ValidationError):
            records.save_record(kiosk, "payment", payment, "TNV01", now=NOW)
        assert caplog.records == []
        writes = GroupCommit(kiosk.engine)

        def broken_link(db: sqlite3.Connection) -> None:
            db.execute("PRAGMA defer_foreign_keys = ON")
            db.execute(
                "INSERT INTO dossier_attachments (dossier_id, sha256, doc_code) "
                "VALUES ('no-such-dossier', 'no-such-file', NULL)"
            )

        with pytest.raises(sqlalchemy.exc.IntegrityError):
            writes.run(broken_link)
    assert [r.getMessage() for r in caplog.records] == ["1 save(s) not committed: IntegrityError"]
    assert _count(kiosk, "SELECT count(*) FROM outbox") == 0


def _meta_keys(kiosk: Kiosk) -> set[str]:
    with sqlite3.connect(kiosk.layout.database) as conn:
        return {row[0] for row in conn.execute("SELECT key FROM meta WHERE key LIKE 'gc-%'")}


def _put(key: str) -> Any:
    def unit(db: sqlite3.Connection) -> str:
        db.execute("INSERT INTO meta (key, value) VALUES (?, 'x')", (key,))
        return key

    return unit


def test_an_interrupted_callers_units_still_in_line_are_never_saved_later(kiosk: Kiosk) -> None:
    writes = GroupCommit(kiosk.engine, max_group=2)

    def interrupted(db: sqlite3.Connection) -> None:
        raise Interrupted

    with pytest.raises(Interrupted):  # groups: [gc-1, interrupted], then gc-3, gc-4 were next
        writes.run_all([_put("gc-1"), interrupted, _put("gc-3"), _put("gc-4")])
    assert writes.waiting == 0
    assert writes.run(_put("gc-5")) == "gc-5"
    assert _meta_keys(kiosk) == {"gc-5"}  # the interrupted caller was told: nothing saved


def test_a_refused_unit_with_a_half_read_cursor_does_not_sink_its_group(kiosk: Kiosk) -> None:
    writes = GroupCommit(kiosk.engine)

    def half_read(db: sqlite3.Connection) -> None:
        cursor = db.execute(
            "INSERT INTO meta (key, value) VALUES ('gc-2', 'x'), ('gc-2b', 'x') RETURNING key"
        )
        cursor.fetchone()  # the statement is still running while the unit raises
        raise ValueError("refused after its insert")

    outcomes = writes.run_all([_put("gc-1"), half_read, _put("gc-3")])
    assert [o.error is None for o in outcomes] == [True, False, True]
    assert isinstance(outcomes[1].error, ValueError)
    assert _meta_keys(kiosk) == {"gc-1", "gc-3"}
