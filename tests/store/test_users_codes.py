"""User codes and PINs: one rule for adding, changing and logging in — the whole text matches
(no code with a trailing newline next to the real one) and a PIN is ASCII digits (what the
kiosk's numpad types; ``\\d`` would take every script's digits)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.domain.errors import ValidationError
from kiosk.services import users
from kiosk.services.context import Kiosk
from kiosk.store.db import read_session, write_session
from kiosk.store.models import AuditEntry, User, utcnow
from tests.conftest import run_cli

ARABIC_INDIC_PIN = "١٢٣٤"  # '1234' in Arabic-Indic digits
FULLWIDTH_PIN = "１２３４"


@pytest.mark.parametrize("code", ["v11\n", "v11\r\n", "\nv11", "v1 1", "v11\t"])
def test_a_code_with_a_line_break_is_not_a_second_user(kiosk: Kiosk, code: str) -> None:
    users.add_user(kiosk, "v11", "Lê Văn A", "volunteer", "5820")
    with pytest.raises(ValidationError) as refused:
        users.add_user(kiosk, code, "Lê Văn A", "volunteer", "5820")
    assert [e.field for e in refused.value.errors] == ["code"]
    assert [u.code for u in users.list_users(kiosk)] == ["v11"]


@pytest.mark.parametrize("pin", [ARABIC_INDIC_PIN, FULLWIDTH_PIN, "1234\n", "12345678\n"])
def test_a_pin_the_numpad_cannot_type_is_refused(kiosk: Kiosk, pin: str) -> None:
    with pytest.raises(ValidationError) as refused:
        users.add_user(kiosk, "TNV30", "Lê Văn A", "volunteer", pin)
    assert [e.field for e in refused.value.errors] == ["pin"]
    users.add_user(kiosk, "TNV30", "Lê Văn A", "volunteer", "5820")
    with pytest.raises(ValidationError):
        users.set_pin(kiosk, "TNV30", pin)
    assert users.login(kiosk, "TNV30", "5820").code == "TNV30"  # the PIN did not change


def test_login_uses_the_same_rules(kiosk: Kiosk) -> None:
    users.add_user(kiosk, "v11", "Lê Văn A", "volunteer", "5820")
    with pytest.raises(users.LoginRefused) as unknown:
        users.login(kiosk, "v11\n", "5820")
    assert unknown.value.reason == "unknown"
    with read_session(kiosk.engine) as session:
        last = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc())).scalars().first()
    assert last is not None and last.actor == "?"  # the bad code is not written as an actor
    # an account stored before the rule with a PIN of other digits cannot log in with it
    with write_session(kiosk.engine) as session:
        stored = session.get(User, "v11")
        assert stored is not None
        stored.pin_hash = users._hasher.hash(ARABIC_INDIC_PIN)
    with pytest.raises(users.LoginRefused) as wrong:
        users.login(kiosk, "v11", ARABIC_INDIC_PIN, now=utcnow())
    assert wrong.value.reason == "wrong_pin"


def test_valid_code_and_pin_helpers() -> None:
    assert users.valid_code("TNV-01.a_b") and not users.valid_code("v11\n")
    assert users.valid_pin("0000") and users.valid_pin("12345678")
    assert not users.valid_pin(ARABIC_INDIC_PIN) and not users.valid_pin("123456789")
    # the patterns are safe with .match too (other modules use them that way)
    assert users.CODE_RE.match("v11\n") is None and users.PIN_RE.match("1234\n") is None


def test_cli_users_add_refuses_a_code_with_a_newline(home: object) -> None:
    added = run_cli("users", "add", "--code", "v11", "--name", "Lê Văn A", "--role", "volunteer",
                    stdin="5820\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    again = run_cli("users", "add", "--code", "v11\n", "--name", "Lê Văn A", "--role",
                    "volunteer", stdin="5820\n")  # fmt: skip
    assert again.returncode != 0
    listed = run_cli("users", "list")
    assert listed.stdout.count("v11") == 1, listed.stdout
