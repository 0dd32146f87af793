"""Users: Argon2 PIN hashes, names sealed, five wrong PINs lock for five minutes."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from kiosk.domain.errors import ValidationError
from kiosk.services import users
from kiosk.services.context import Kiosk
from kiosk.store.models import utcnow
from tests.conftest import run_cli


def test_add_and_login(kiosk: Kiosk) -> None:
    users.add_user(kiosk, "TNV01", "Trần Thị Hoà", "volunteer", "482913")
    assert users.login(kiosk, "TNV01", "482913").name == "Trần Thị Hoà"
    with sqlite3.connect(kiosk.layout.database) as conn:
        pin_hash, name_enc = conn.execute("SELECT pin_hash, name_enc FROM users").fetchone()
    assert pin_hash.startswith("$argon2id$") and "482913" not in pin_hash
    assert "Hoà".encode() not in name_enc


def test_five_wrong_pins_lock_for_five_minutes(kiosk: Kiosk) -> None:
    users.add_user(kiosk, "TNV02", "Lê Văn Bình", "volunteer", "5820")
    now = utcnow()
    for attempt in range(4):
        with pytest.raises(users.LoginRefused) as refused:
            users.login(kiosk, "TNV02", "0000", now=now)
        assert refused.value.reason == "wrong_pin", attempt
    with pytest.raises(users.LoginRefused) as locked:
        users.login(kiosk, "TNV02", "0000", now=now)
    assert locked.value.reason == "locked"
    with pytest.raises(users.LoginRefused) as still:
        users.login(kiosk, "TNV02", "5820", now=now + timedelta(minutes=4, seconds=59))
    assert still.value.reason == "locked" and "1 phút" in str(still.value)
    assert (
        users.login(kiosk, "TNV02", "5820", now=now + timedelta(minutes=5, seconds=1)).code
        == "TNV02"
    )


@pytest.mark.parametrize(
    ("code", "name", "role", "pin"),
    [
        ("x", "Lê Văn A", "volunteer", "5820"),
        ("TNV9", "Lê\x00A", "volunteer", "5820"),
        ("TNV9", "Lê Văn A", "admin", "1234"),
        ("TNV9", "Lê Văn A", "staff", "12a4"),
        ("TNV9", "Lê Văn A", "staff", "123"),
        ("TNV9", "Lê Văn A", "staff", "0000"),  # guessable: one digit repeated
        ("TNV9", "Lê Văn A", "staff", "1234"),  # a run up
        ("TNV9", "Lê Văn A", "volunteer", "987654"),  # a run down
    ],
)
def test_bad_user_refused(kiosk: Kiosk, code: str, name: str, role: str, pin: str) -> None:
    with pytest.raises(ValidationError):
        users.add_user(kiosk, code, name, role, pin)
    assert users.list_users(kiosk) == []


def test_cli_users_pin_from_stdin(home: object) -> None:
    added = run_cli(
        "users", "add", "--code", "CB01", "--name", "Phạm Thu Hà", "--role", "staff", stdin="7391\n"
    )
    assert added.returncode == 0, added.stderr
    listed = run_cli("users", "list")
    assert (
        "CB01" in listed.stdout and "Phạm Thu Hà" in listed.stdout and "7391" not in listed.stdout
    )
    assert "cán bộ phường" in listed.stdout


def test_cli_a_forgotten_pin_is_reset_and_a_leaver_cannot_log_in(kiosk: Kiosk) -> None:
    users.add_user(kiosk, "TNV04", "Lê Thu", "volunteer", "5820")
    for _ in range(5):  # locked out by wrong PINs
        with pytest.raises(users.LoginRefused):
            users.login(kiosk, "TNV04", "9182")
    assert run_cli("users", "set-pin", "--code", "TNV04", stdin="4731\n").returncode == 0
    assert users.login(kiosk, "TNV04", "4731").code == "TNV04"  # unlocked, the new PIN
    weak = run_cli("users", "set-pin", "--code", "TNV04", stdin="1111\n")
    assert weak.returncode == 1 and "dễ đoán" in weak.stderr
    assert run_cli("users", "disable", "--code", "TNV04").returncode == 0
    with pytest.raises(users.LoginRefused):
        users.login(kiosk, "TNV04", "4731")
    assert "đã khóa hẳn" in run_cli("users", "list").stdout
    assert run_cli("users", "enable", "--code", "TNV04").returncode == 0
    assert users.login(kiosk, "TNV04", "4731").code == "TNV04"
    unknown = run_cli("users", "disable", "--code", "TNV99")
    assert unknown.returncode == 1 and "Không có người dùng này" in unknown.stderr


def test_an_unknown_code_is_not_kept_in_the_audit_chain(kiosk: Kiosk) -> None:
    """A resident may type their ID number, phone or name into the code field: the refused
    attempt is audited without it (the chain is never rewritten, and exports show actors)."""
    users.add_user(kiosk, "TNV03", "Lê Văn Tám", "volunteer", "246810")
    for typed in ("056091004321", "0905777123", "NguyenVanAn", "TNV03"):
        with pytest.raises(users.LoginRefused):
            users.login(kiosk, typed, "0000")
    with sqlite3.connect(kiosk.layout.database) as conn:
        rows = conn.execute(
            "SELECT actor, action FROM audit_log WHERE action LIKE 'user.login%' ORDER BY seq"
        ).fetchall()
    assert rows == [("?", "user.login_unknown")] * 3 + [("TNV03", "user.login_failed")]


def test_a_guessable_pin_is_refused_with_its_reason_but_a_near_one_is_taken(kiosk: Kiosk) -> None:
    with pytest.raises(ValidationError) as refused:
        users.add_user(kiosk, "TNV9", "Lê Văn A", "volunteer", "4444")
    assert [e.code for e in refused.value.errors] == ["guessable"]
    assert "dễ đoán" in refused.value.errors[0].message
    users.add_user(kiosk, "TNV9", "Lê Văn A", "volunteer", "1235")  # not a run: taken
    with pytest.raises(ValidationError):
        users.set_pin(kiosk, "TNV9", "6789")
    assert users.login(kiosk, "TNV9", "1235").code == "TNV9"
