"""Day close: the preview's figures, a wrong count's difference, PIN approval with lockout,
and no way to edit a close afterwards (a second close is a correction entry)."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import timedelta

import pytest

from kiosk.domain.samples import sample_payload
from kiosk.export import (
    DayCloseRefused,
    close_day,
    day_close_preview,
    day_closes,
    export,
    session_log,
    stats,
)
from kiosk.export.period import Period, today
from kiosk.services import records, users
from kiosk.services.context import Kiosk
from kiosk.store import audit
from kiosk.store.db import read_session
from kiosk.store.models import AuditEntry
from tests.conftest import run_cli
from tests.export.conftest import (
    CASH_SHORT_BY,
    STAFF,
    STAFF_PIN,
    VOLUNTEER,
    VOLUNTEER_PIN,
    BusyDay,
)


def cash_book(kiosk: Kiosk, day: object) -> tuple[int, int]:
    start, end = Period.of(day).bounds()  # type: ignore[arg-type]
    with sqlite3.connect(kiosk.layout.database) as conn:
        row = conn.execute(
            "SELECT count(*), coalesce(sum(amount), 0) FROM payments WHERE "
            "method = 'tien_mat' AND created_at >= ? AND created_at < ?",
            (start, end),
        ).fetchone()
    return int(row[0]), int(row[1])


def test_preview_figures(busy: Kiosk, busy_day: BusyDay) -> None:
    preview = day_close_preview(busy, busy_day.last, counted_cash_vnd=50_000)
    count, total = cash_book(busy, busy_day.last)
    assert (preview.cash_payments, preview.expected_cash_vnd) == (count, total) and count > 0
    assert preview.difference_vnd == 50_000 - total
    assert [(i.kind, i.state) for i in preview.not_accepted] == [("dossier", "rejected")]
    assert sorted(p.state for p in preview.print_problems) == [
        "failed",
        "failed",
        "needs_confirmation",
    ]
    assert [p.copy_number for p in preview.print_problems if p.state != "failed"] == [1]
    assert preview.closed and preview.closes[0].revision == 1


def test_wrong_count_shows_the_difference(busy: Kiosk, busy_day: BusyDay) -> None:
    (close,) = day_closes(busy, busy_day.last)
    assert close.difference_vnd == -CASH_SHORT_BY
    assert close.difference_words == "Thiếu 20.000 ₫"
    assert (close.volunteer, close.staff, close.not_accepted, close.print_problems) == (
        VOLUNTEER,
        STAFF,
        1,
        3,
    )
    figures = stats(busy, busy_day.first, busy_day.last)
    assert figures.cash_difference_vnd == -CASH_SHORT_BY
    log = [e for e in session_log(busy, busy_day.last) if e.code == "day.close"]
    assert len(log) == 1 and log[0].actor == STAFF and "chênh lệch -20.000 ₫" in log[0].detail


def test_a_close_cannot_be_edited_only_corrected(busy: Kiosk, busy_day: BusyDay) -> None:
    (first,) = day_closes(busy, busy_day.last)
    with read_session(busy.engine) as session:
        before = session.get(AuditEntry, first.seq)
        assert before is not None
        first_hash = before.hash
    with pytest.raises(DayCloseRefused) as refused:
        close_day(busy, busy_day.last, first.expected_cash_vnd, VOLUNTEER, STAFF, STAFF_PIN)
    assert refused.value.reason == "reason_needed" and "lý do" in refused.value.message
    fixed = close_day(
        busy, busy_day.last, first.expected_cash_vnd, VOLUNTEER, STAFF, STAFF_PIN, reason="recount"
    )
    assert (fixed.revision, fixed.corrects_seq, fixed.difference_vnd) == (2, first.seq, 0)
    assert fixed.seq > first.seq and fixed.difference_words == "Khớp"
    assert day_closes(busy, busy_day.last) == [first, fixed]  # the first is still there, as it was
    with read_session(busy.engine) as session:
        again = session.get(AuditEntry, first.seq)
        assert again is not None and again.hash == first_hash
        assert again.action == "day.close"
        assert session.get(AuditEntry, fixed.seq).action == "day.close_correction"  # type: ignore[union-attr]
        assert audit.verify(session).ok
    figures = stats(busy, busy_day.first, busy_day.last)
    assert figures.latest_closes() == [fixed] and figures.cash_difference_vnd == 0
    assert [c.revision for c in figures.day_closes] == [1, 2]


def test_editing_a_close_in_the_database_is_reported(busy: Kiosk, busy_day: BusyDay) -> None:
    (close,) = day_closes(busy, busy_day.last)
    busy.close()
    with sqlite3.connect(busy.layout.database) as conn:
        detail = json.loads(
            conn.execute("SELECT detail FROM audit_log WHERE seq = ?", (close.seq,)).fetchone()[0]
        )
        detail["counted_cash_vnd"] = detail["expected_cash_vnd"]
        detail["difference_vnd"] = 0
        conn.execute(
            "UPDATE audit_log SET detail = ? WHERE seq = ?",
            (json.dumps(detail, ensure_ascii=False, sort_keys=True), close.seq),
        )
    done = run_cli("audit", "verify", "--json")
    report = json.loads(done.stdout)
    assert done.returncode == 1
    assert (report["first_bad_seq"], report["problem"]) == (close.seq, "altered")


def test_pin_approval_and_lockout(busy: Kiosk, busy_day: BusyDay) -> None:
    day = busy_day.last
    for _ in range(users.MAX_FAILED - 1):
        with pytest.raises(DayCloseRefused) as wrong:
            close_day(busy, day, 0, VOLUNTEER, STAFF, "0000", reason="recount")
        assert wrong.value.reason == "wrong_pin"
    with pytest.raises(DayCloseRefused) as locked:
        close_day(busy, day, 0, VOLUNTEER, STAFF, "0000", reason="recount")
    assert locked.value.reason == "locked"
    with pytest.raises(DayCloseRefused) as still:
        close_day(busy, day, 0, VOLUNTEER, STAFF, STAFF_PIN, reason="recount")  # right PIN
    assert still.value.reason == "locked" and "5 phút" in still.value.message
    assert len(day_closes(busy, day)) == 1  # nothing recorded
    with read_session(busy.engine) as session:
        actions = [
            a
            for (a,) in session.query(AuditEntry.action)
            .filter(AuditEntry.actor == STAFF, AuditEntry.action.like("user.%"))
            .all()
        ]
    assert actions[-users.MAX_FAILED - 1 :] == [
        *["user.login_failed"] * (users.MAX_FAILED - 1),
        "user.lockout",
        "user.login_locked",
    ]


TOMORROW = object()  # the day after the one the test runs on (collection may be the day before)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            {"staff_code": VOLUNTEER, "staff_pin": VOLUNTEER_PIN, "volunteer_code": STAFF},
            "not_staff",
        ),
        ({"volunteer_code": STAFF}, "bad_input"),
        ({"volunteer_code": "TNV77"}, "bad_volunteer"),
        ({"counted_cash_vnd": -1}, "bad_input"),
        ({"day": TOMORROW}, "future_day"),  # resolved when the test runs: it may cross midnight
        ({"reason": "because"}, "bad_input"),
    ],
)
def test_refusals(busy: Kiosk, busy_day: BusyDay, change: dict[str, object], reason: str) -> None:
    args: dict[str, object] = {
        "day": busy_day.last,
        "counted_cash_vnd": 0,
        "volunteer_code": VOLUNTEER,
        "staff_code": STAFF,
        "staff_pin": STAFF_PIN,
        "reason": "recount",
        **change,
    }
    if args["day"] is TOMORROW:
        args["day"] = today() + timedelta(days=1)

    def logins() -> int:
        with read_session(busy.engine) as session:
            return session.query(AuditEntry).filter(AuditEntry.action.like("user.login%")).count()

    before = logins()
    with pytest.raises(DayCloseRefused) as refused:
        close_day(busy, **args)  # type: ignore[arg-type]
    assert refused.value.reason == reason
    assert "(" in refused.value.message  # Vietnamese, then English in brackets
    assert len(day_closes(busy, busy_day.last)) == 1
    # refused before the PIN is checked (no attempt used up), except a non-staff approver
    assert logins() == before + (reason == "not_staff")


def test_first_close_of_a_fresh_day_and_its_export(kiosk: Kiosk, tmp_path: object) -> None:
    from pathlib import Path

    users.add_user(kiosk, "TNV05", "Lê Thu", "volunteer", "5173")
    users.add_user(kiosk, "CB05", "Phạm An", "staff", "6284")
    rng = random.Random(5)
    for _ in range(6):
        payload = sample_payload("payment", rng, records.utcnow())
        payload.update(dossier_id=None, HinhThuc="tien_mat", MaThamChieu=None)
        records.save_record(kiosk, "payment", payload, "TNV05")
    day = today()
    preview = day_close_preview(kiosk, day)
    assert not preview.closed and preview.cash_payments == 6
    assert len(preview.not_accepted) == 6  # never sent
    closed = close_day(kiosk, day, preview.expected_cash_vnd + 5000, "TNV05", "CB05", "6284")
    assert (closed.revision, closed.corrects_seq, closed.reason) == (1, None, None)
    assert closed.difference_words == "Thừa 5.000 ₫"
    out = Path(str(tmp_path)) / "bao-cao.pdf"
    export(kiosk, day, None, "pdf", out, "CB05")
    import subprocess

    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "Thừa 5.000 ₫" in text and "5.000 ₫" in text


def test_cli_day_close(busy_home: object, busy_day: BusyDay) -> None:
    day = busy_day.last.isoformat()
    preview = run_cli("day-close", "--date", day, "--json")
    assert preview.returncode == 0
    data = json.loads(preview.stdout)
    assert data["closes"][0]["difference_vnd"] == -CASH_SHORT_BY
    wrong = run_cli(
        "day-close",
        "--date",
        day,
        "--counted",
        "1000",
        "--volunteer",
        VOLUNTEER,
        "--staff",
        STAFF,
        "--reason",
        "recount",
        stdin="9999\n",
    )
    assert wrong.returncode == 1 and "Sai mã người dùng hoặc mã PIN" in wrong.stderr
    done = run_cli(  # the day and the amount as staff write them: 23/11/2026, 1.250.000đ
        "day-close",
        "--date",
        busy_day.last.strftime("%d/%m/%Y"),
        "--counted",
        f"{data['expected_cash_vnd']:,}đ".replace(",", "."),
        "--volunteer",
        VOLUNTEER,
        "--staff",
        STAFF,
        "--reason",
        "recount",
        "--json",
        stdin=f"{STAFF_PIN}\n",
    )
    assert done.returncode == 0, done.stderr
    closed = json.loads(done.stdout)
    assert (closed["revision"], closed["difference_vnd"]) == (2, 0)
    text = run_cli("day-close", "--date", day)
    assert "Lần chốt 1" in text.stdout and "Lần chốt 2" in text.stdout and "Khớp" in text.stdout
    assert "Để chốt lại: kiosk day-close --date" in text.stdout and "--reason" in text.stdout
    usage = run_cli("day-close", "--date", day, "--counted", "5")
    assert usage.returncode == 2
    no_reason = run_cli(
        "day-close", "--date", day, "--counted", "1000", "--volunteer", VOLUNTEER, "--staff",
        STAFF, stdin=f"{STAFF_PIN}\n",
    )  # fmt: skip
    assert no_reason.returncode == 1 and '--reason "lý do điều chỉnh"' in no_reason.stderr
    for amount in ("10,000", "1.50.000", "mười nghìn"):
        refused = run_cli("day-close", "--date", day, "--counted", amount)
        assert refused.returncode == 2 and "không phải số tiền" in refused.stderr, amount
