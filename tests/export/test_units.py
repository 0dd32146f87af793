"""Small pure pieces: periods in Vietnam time, the chart's axis, words for durations and cash
differences, the streamed PDF story."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kiosk.export.dayclose import difference_words
from kiosk.export.labels import EVENTS
from kiosk.export.pdf_chart import nice_top
from kiosk.export.period import Period, PeriodError, parse_day
from kiosk.export.session_log import HIDDEN_AUDIT_ACTIONS
from kiosk.export.summary import Money, cell_text, duration_words
from kiosk.services.setup_steps import STEPS


def test_period_bounds_are_vietnam_midnights() -> None:
    period = Period.of(date(2026, 11, 22))
    assert period.bounds() == ("2026-11-21 17:00:00.000000", "2026-11-22 17:00:00.000000")
    assert period.one_day and period.days == 1 and period.label() == "ngày 22/11/2026"
    week = Period(date(2026, 11, 16), date(2026, 11, 22))
    assert week.days == 7 and week.label() == "từ 16/11/2026 đến 22/11/2026"
    assert week.start_utc == datetime(2026, 11, 15, 17, tzinfo=UTC)
    with pytest.raises(PeriodError):
        Period(date(2026, 11, 22), date(2026, 11, 21))


@pytest.mark.parametrize(
    "text", ["2026-11-31", "31/11/2026", "11/22/2026", "2026-1-2", "2/1/2026", "", "20261122"]
)
def test_bad_days_are_refused(text: str) -> None:
    with pytest.raises(PeriodError) as refused:
        parse_day(text)
    assert "23/11/2026" in str(refused.value) and "2026-11-23" in str(refused.value)


def test_a_day_is_taken_as_staff_write_it_or_as_iso() -> None:
    assert parse_day("22/11/2026") == parse_day("2026-11-22") == date(2026, 11, 22)
    assert parse_day(" 01/07/2025 ") == date(2025, 7, 1)


def test_axis_tops() -> None:
    assert [nice_top(v) for v in (0, 3, 5, 6, 11, 21, 26, 60, 101, 240, 1999)] == [
        5,
        5,
        5,
        10,
        20,
        25,
        50,
        100,
        200,
        250,
        2000,
    ]


def test_words() -> None:
    assert duration_words(None) == "-"
    assert duration_words(42.4) == "42 giây"
    assert duration_words(125) == "2 phút 5 giây"
    assert duration_words(3 * 3600 + 125) == "3 giờ 2 phút"
    assert difference_words(0) == "Khớp"
    assert difference_words(-20000) == "Thiếu 20.000 ₫"
    assert difference_words(1500000) == "Thừa 1.500.000 ₫"
    assert cell_text(Money(1500000)) == "1.500.000 ₫"
    assert cell_text(12345) == "12.345" and cell_text(None) == "" and cell_text("x") == "x"


def test_streamed_story_refills_as_it_is_consumed() -> None:
    from kiosk.export.pdf_export import _StreamedStory

    pulled: list[int] = []

    def tail():  # type: ignore[no-untyped-def]
        for n in range(10, 15):
            pulled.append(n)
            yield n

    story = _StreamedStory([1], tail())  # type: ignore[list-item, arg-type]
    assert list(story) == [1, 10] and pulled == [10]
    seen = []
    while len(story):
        seen.append(story[0])
        del story[0]
        assert len(story) <= 2
    assert seen == [1, 10, 11, 12, 13, 14]


def test_every_audit_action_the_code_writes_has_words_in_the_log() -> None:
    """An export printed "setup.identity" where staff read words: every action written with a
    literal code (and every setup step) has its Vietnamese label."""
    root = Path(__file__).resolve().parents[2] / "kiosk"
    written = {
        match.group(1)
        for path in root.rglob("*.py")
        for match in re.finditer(
            r"audit\.append\(\s*session,\s*[\w.\"]+,\s*\"([a-z_]+\.[a-z_]+)\"",
            path.read_text(encoding="utf-8"),
        )
    }
    written |= {f"setup.{step.key}" for step in STEPS}
    assert len(written) > 15
    assert sorted(written - set(EVENTS) - set(HIDDEN_AUDIT_ACTIONS)) == []
