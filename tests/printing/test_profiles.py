"""printer.profile values: a name python-escpos's capability database has, or a refusal that
says so in Vietnamese and English (checked when the setting is set, not when a receipt prints)."""

from __future__ import annotations

import pytest

from kiosk.printing.escpos_lib import profile_names, profile_problem


@pytest.mark.parametrize("name", ["TM-T20II", "POS-5890", "NT-5890K", "TM-T88V", "default"])
def test_profiles_of_the_database_are_accepted(name: str) -> None:
    assert name in profile_names()
    assert profile_problem(name) is None


def test_an_unknown_profile_is_refused_with_what_to_choose() -> None:
    problem = profile_problem("XP-58")  # a common clone's name, not in the database
    assert problem is not None
    assert problem.message.startswith("Không có dòng máy in “XP-58”")
    assert "POS-5890 (58 mm)" in problem.message and "TM-T20II (80 mm)" in problem.message
    assert problem.message_en.startswith("“XP-58” is not a printer profile of python-escpos")


@pytest.mark.parametrize(
    ("typed", "guess"), [("tm-t20ii", "TM-T20II"), ("TM-T20", "TM-T20II"), ("pos-5890", "POS-5890")]
)
def test_a_near_miss_names_the_profile_meant(typed: str, guess: str) -> None:
    problem = profile_problem(typed)
    assert problem is not None
    assert f"tên gần giống: {guess}" in problem.message  # the closest first
    assert f"close names: {guess}" in problem.message_en
