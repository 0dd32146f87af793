"""``audit verify`` cross-checks records against the chain: a cut-off or emptied audit log, or a
deleted record row, is reported although what is left of the chain still links up."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.domain.samples import sample_payload
from kiosk.services import records
from kiosk.services.context import Kiosk
from kiosk.services.records import SavedRecord
from kiosk.store import audit
from kiosk.store.db import read_session, write_session
from kiosk.store.models import AuditEntry, ItemState, OutboxItem
from tests.conftest import run_cli
from tests.domain.invalid_cases import NOW

KINDS = ("dossier", "payment", "registration", "feedback", "visit")


def _sample(kind: str, seed: int) -> dict[str, Any]:
    payload = sample_payload(kind, random.Random(seed), NOW)
    if "dossier_id" in payload:
        payload["dossier_id"] = None  # a sample's dossier id names no dossier in this home
    return payload


def _save_each_kind(kiosk: Kiosk) -> list[SavedRecord]:
    """One record of each kind, a minute apart (the first is the earliest)."""
    return [
        records.save_record(kiosk, kind, _sample(kind, n), "TNV01", now=NOW + timedelta(minutes=n))
        for n, kind in enumerate(KINDS)
    ]


def _verify(kiosk: Kiosk) -> audit.ChainReport:
    with read_session(kiosk.engine) as session:
        return audit.verify(session)


def _sql(kiosk: Kiosk, sql: str, *args: Any) -> None:
    kiosk.close()  # as the reviewer did: plain sqlite3 on the file, the kiosk not running
    with sqlite3.connect(kiosk.layout.database) as conn:
        conn.execute(sql, args)
    conn.close()


def _gap(saved: SavedRecord, **extra: Any) -> audit.Gap:
    return audit.Gap(saved.kind, saved.id, saved.receipt_code, **extra)


def test_saved_records_and_corrections_verify(kiosk: Kiosk) -> None:
    """A correction adds an item and a ``<kind>.correct`` entry, never a second create."""
    saved = _save_each_kind(kiosk)
    feedback = saved[KINDS.index("feedback")]
    with write_session(kiosk.engine) as session:
        item = session.query(OutboxItem).filter_by(id=feedback.item_id).one()
        item.state = ItemState.REJECTED.value
    records.correct_record(kiosk, feedback.id, "feedback", _sample("feedback", 9), "TNV02")
    with write_session(kiosk.engine) as session:
        audit.append(session, "cli", "config.set", detail={"key": "k"})
    report = _verify(kiosk)
    assert report.ok, report
    assert (report.problem, report.gaps, report.first_gap) == (None, 0, None)


def test_emptied_audit_log_reported(kiosk: Kiosk) -> None:
    """The reviewer's repro: ``DELETE FROM audit_log`` left an 'intact' chain of 0 entries."""
    saved = _save_each_kind(kiosk)
    _sql(kiosk, "DELETE FROM audit_log")
    report = _verify(kiosk)
    assert (report.ok, report.problem) == (False, "missing_entries")
    assert report.gaps == len(KINDS)
    assert report.first_gap == _gap(saved[0])  # the earliest record without its entry
    assert (report.entries, report.head_seq, report.first_bad_seq) == (0, 0, 1)


def test_cut_off_tail_reported_from_its_first_missing_entry(kiosk: Kiosk) -> None:
    saved = _save_each_kind(kiosk)
    with read_session(kiosk.engine) as session:
        head = audit.head(session)[0]
    _sql(kiosk, "DELETE FROM audit_log WHERE seq > ?", head - 2)  # the last two saves' entries
    report = _verify(kiosk)
    assert (report.ok, report.problem) == (False, "missing_entries")
    assert report.gaps == 2
    assert report.first_gap == _gap(saved[-2])
    assert (report.head_seq, report.first_bad_seq) == (head - 2, head - 1)


def test_deleted_record_row_reported(kiosk: Kiosk) -> None:
    """Its outbox item (and its creation entry) name a record that is gone."""
    saved = _save_each_kind(kiosk)
    visit = saved[KINDS.index("visit")]
    _sql(kiosk, "DELETE FROM visits WHERE id = ?", visit.id)
    report = _verify(kiosk)
    assert (report.ok, report.problem) == (False, "missing_records")
    assert report.gaps == 2
    assert report.first_gap == audit.Gap("visit", visit.id, item_id=visit.item_id)


def test_deleted_record_and_items_reported_by_its_creation_entry(kiosk: Kiosk) -> None:
    saved = _save_each_kind(kiosk)
    feedback = saved[KINDS.index("feedback")]
    with read_session(kiosk.engine) as session:
        seq = session.query(AuditEntry.seq).filter_by(record_id=feedback.id).scalar()
    _sql(kiosk, "DELETE FROM outbox WHERE record_id = ?", feedback.id)
    _sql(kiosk, "DELETE FROM feedback WHERE id = ?", feedback.id)
    report = _verify(kiosk)
    assert (report.ok, report.problem) == (False, "missing_records")
    assert report.gaps == 1
    assert report.first_gap == _gap(feedback, entry_seq=seq)


def test_a_broken_chain_is_reported_before_coverage(kiosk: Kiosk) -> None:
    _save_each_kind(kiosk)
    _sql(kiosk, "UPDATE audit_log SET actor = 'MALLORY' WHERE seq = 2")
    _sql(kiosk, "DELETE FROM dossiers")
    report = _verify(kiosk)
    assert (report.problem, report.first_bad_seq, report.first_gap) == ("altered", 2, None)


@pytest.mark.parametrize(
    "statement", ["_MISSING_ENTRIES", "_ITEMS_WITHOUT_RECORD", "_ENTRIES_WITHOUT_RECORD"]
)
def test_coverage_scans_each_table_once(kiosk: Kiosk, statement: str) -> None:
    """audit_log.record_id and outbox.record_id have no index (each is a page more in every
    save): no statement may scan a table once per row of another (a correlated NOT EXISTS on
    audit_log took minutes at 100,000 records). Per row, only a key look-up."""
    sql = getattr(audit, statement).text
    with sqlite3.connect(kiosk.layout.database) as conn:
        plan = {row[0]: (row[1], str(row[3])) for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}")}
    conn.close()
    for parent, detail in plan.values():
        if not detail.startswith("SCAN"):
            continue
        while parent in plan:
            parent, above = plan[parent]
            assert not above.startswith("CORRELATED"), (detail, plan)


def test_cli_reports_missing_entries_in_vietnamese_then_english(home: Path) -> None:
    kiosk = Kiosk.open(home)
    saved = _save_each_kind(kiosk)
    _sql(kiosk, "DELETE FROM audit_log")
    plain = run_cli("audit", "verify")
    assert plain.returncode == 1, plain.stdout + plain.stderr
    assert "nguyên vẹn" not in plain.stdout and "Việc cần làm" in plain.stdout
    vietnamese, english = plain.stdout.split("\n(", 1)
    assert audit.PROBLEM_TEXT["missing_entries"][0] in vietnamese
    assert "missing_entries" not in vietnamese
    assert audit.PROBLEM_TEXT["missing_entries"][1] in english
    assert saved[0].id in vietnamese and saved[0].receipt_code in vietnamese
    as_json = run_cli("audit", "verify", "--json")
    assert as_json.returncode == 1
    report = json.loads(as_json.stdout)
    assert {k: report[k] for k in ("ok", "entries", "first_bad_seq", "problem", "gaps")} == {
        "ok": False,
        "entries": 0,
        "first_bad_seq": 1,
        "problem": "missing_entries",
        "gaps": len(KINDS),
    }
    assert report["first_gap"] == {
        "kind": saved[0].kind,
        "record_id": saved[0].id,
        "receipt_code": saved[0].receipt_code,
        "item_id": None,
        "entry_seq": None,
    }


@pytest.mark.parametrize(
    ("sql", "problem"),
    [
        ("UPDATE audit_log SET action = 'edited' WHERE seq = 1", "altered"),
        ("UPDATE audit_log SET prev_hash = hash WHERE seq = 1", "broken_link"),
    ],
)
def test_cli_broken_chain_message_names_the_problem_in_vietnamese(
    home: Path, sql: str, problem: str
) -> None:
    with sqlite3.connect(home / "kiosk.db") as conn:
        conn.execute(sql)
    conn.close()
    out = run_cli("audit", "verify")
    assert out.returncode == 1, out.stderr
    vietnamese, english = out.stdout.split(" (audit chain", 1)
    assert problem not in vietnamese
    assert f"tại mục 1: {audit.PROBLEM_TEXT[problem][0]}" in vietnamese
    assert audit.PROBLEM_TEXT[problem][1] in english
    assert json.loads(run_cli("audit", "verify", "--json").stdout)["problem"] == problem
