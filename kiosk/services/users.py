"""Volunteers, ward staff and technicians: a code, a display name and a PIN.

PINs are stored as Argon2id hashes (argon2-cffi, salted, slow). Five wrong PINs lock the
account for five minutes. Names are personal data: sealed at rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from kiosk.domain.codes import ACTOR_CODE
from kiosk.domain.errors import FieldError, ValidationError
from kiosk.domain.text import bad_characters, collapse_spaces, nfc
from kiosk.services.context import Kiosk
from kiosk.store import audit
from kiosk.store.db import read_session, write_session
from kiosk.store.models import User, utcnow

ROLES = ("volunteer", "staff", "technician")
ROLE_LABELS = {
    "volunteer": "Tình nguyện viên",
    "staff": "Cán bộ phường",
    "technician": "Kỹ thuật viên",
}
MAX_FAILED = 5
LOCK_FOR = timedelta(minutes=5)
CODE_RE = ACTOR_CODE  # see kiosk.domain.codes (anchored, ASCII only; so is PIN_RE)
PIN_RE = re.compile(r"\A[0-9]{4,8}\Z")
_hasher = PasswordHasher()


@dataclass(frozen=True, slots=True)
class UserView:
    code: str
    name: str
    role: str
    active: bool
    locked_until: datetime | None


class LoginRefused(Exception):
    """Wrong PIN, unknown user or locked account; ``reason`` is wrong_pin|locked|unknown."""

    def __init__(self, reason: str, message: str, locked_until: datetime | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.locked_until = locked_until


def valid_code(code: str) -> bool:
    """A user code as accounts are made with (the one rule for adding, logging in, audit)."""
    return CODE_RE.fullmatch(code) is not None


def valid_pin(pin: str) -> bool:
    """4 to 8 ASCII digits: what the numpad types."""
    return PIN_RE.fullmatch(pin) is not None


def guessable_pin(pin: str) -> bool:
    """One digit repeated (0000, 111111) or a run up or down (1234, 98765, 0123): the first
    PINs anyone tries on a public machine. Refused for a new PIN; a login still checks any."""
    steps = {int(b) - int(a) for a, b in pairwise(pin)}
    return len(steps) == 1 and steps <= {-1, 0, 1}


_GUESSABLE = (
    "Mã PIN này quá dễ đoán (các số giống nhau hoặc liên tiếp như 1111, 1234); hãy chọn số khác",
    "This PIN is too easy to guess (one digit repeated or a run like 1111, 1234); choose another",
)


def _name_aad(code: str) -> bytes:
    return f"user:{code}".encode()


def _check(code: str, name: str, role: str, pin: str) -> list[FieldError]:
    errors = []
    if not valid_code(code):
        errors.append(
            FieldError(
                "code",
                "invalid_format",
                "Mã người dùng gồm 2–32 chữ cái, chữ số, dấu - _ .",
                "User code: 2-32 letters, digits, - _ .",
            )
        )
    if not 2 <= len(name) <= 100 or bad_characters(name):
        errors.append(
            FieldError(
                "name", "invalid_format", "Tên hiển thị không hợp lệ", "Display name is not valid"
            )
        )
    if role not in ROLES:
        errors.append(
            FieldError(
                "role",
                "invalid_choice",
                "Vai trò phải là volunteer, staff hoặc technician",
                "Role must be volunteer, staff or technician",
            )
        )
    if not valid_pin(pin):
        errors.append(
            FieldError(
                "pin", "invalid_format", "Mã PIN gồm 4 đến 8 chữ số", "The PIN is 4 to 8 digits"
            )
        )
    elif guessable_pin(pin):
        errors.append(FieldError("pin", "guessable", *_GUESSABLE))
    return errors


def add_user(kiosk: Kiosk, code: str, name: str, role: str, pin: str, actor: str = "cli") -> None:
    name = collapse_spaces(nfc(name))
    errors = _check(code, name, role, pin)
    if errors:
        raise ValidationError(errors)
    with write_session(kiosk.engine) as session:
        if session.get(User, code) is not None:
            raise ValidationError(
                [
                    FieldError(
                        "code",
                        "duplicate",
                        "Mã người dùng đã tồn tại",
                        "This user code already exists",
                    )
                ]
            )
        session.add(
            User(
                code=code,
                name_enc=kiosk.cipher.seal(name.encode(), _name_aad(code)),
                role=role,
                pin_hash=_hasher.hash(pin),
                failed_attempts=0,
                active=True,
                created_at=utcnow(),
            )
        )
        audit.append(session, actor, "user.create", "user", code, {"role": role})


def set_pin(kiosk: Kiosk, code: str, pin: str, actor: str = "cli") -> None:
    """A new PIN for an existing user (also unlocks the account)."""
    if not valid_pin(pin):
        message = ("Mã PIN gồm 4 đến 8 chữ số", "The PIN is 4 to 8 digits")
        raise ValidationError([FieldError("pin", "invalid_format", *message)])
    if guessable_pin(pin):
        raise ValidationError([FieldError("pin", "guessable", *_GUESSABLE)])
    with write_session(kiosk.engine) as session:
        user = session.get(User, code)
        if user is None:
            raise ValidationError(
                [FieldError("code", "unknown", "Không có người dùng này", "No such user")]
            )
        user.pin_hash = _hasher.hash(pin)
        user.failed_attempts, user.locked_until = 0, None
        audit.append(session, actor, "user.set_pin", "user", code)


def set_active(kiosk: Kiosk, code: str, active: bool, actor: str = "cli") -> None:
    """A volunteer who left can no longer log in (kept, not deleted: the log names them)."""
    with write_session(kiosk.engine) as session:
        user = session.get(User, code) if valid_code(code) else None
        if user is None:
            raise ValidationError(
                [FieldError("code", "unknown", "Không có người dùng này", "No such user")]
            )
        user.active = active
        audit.append(session, actor, "user.enable" if active else "user.disable", "user", code)


def list_users(kiosk: Kiosk) -> list[UserView]:
    with read_session(kiosk.engine) as session:
        users = session.execute(select(User).order_by(User.code)).scalars().all()
        return [
            UserView(
                u.code,
                kiosk.cipher.open(u.name_enc, _name_aad(u.code)).decode(),
                u.role,
                u.active,
                u.locked_until,
            )
            for u in users
        ]


def login(kiosk: Kiosk, code: str, pin: str, now: datetime | None = None) -> UserView:
    """Check a PIN; every attempt is audited; the 5th wrong one locks for 5 minutes."""
    now = now or utcnow()
    wrong = "Sai mã người dùng hoặc mã PIN (wrong code or PIN)"
    with write_session(kiosk.engine) as session:
        user = session.get(User, code) if valid_code(code) else None
        if user is None or not user.active:
            # what was typed is kept only when it is an account's code: a resident may have
            # typed their ID number, phone or name into the code field (minimum collection)
            audit.append(session, code if user is not None else "?", "user.login_unknown")
            refused = LoginRefused("unknown", wrong)
        elif user.locked_until is not None and user.locked_until > now:
            audit.append(session, code, "user.login_locked", "user", code)
            message = _locked_message(user.locked_until, now)
            refused = LoginRefused("locked", message, user.locked_until)
        elif valid_pin(pin) and _verify(user.pin_hash, pin):
            user.failed_attempts, user.locked_until = 0, None
            audit.append(session, code, "user.login", "user", code)
            name = kiosk.cipher.open(user.name_enc, _name_aad(code)).decode()
            return UserView(code, name, user.role, user.active, None)
        else:
            user.failed_attempts += 1
            if user.failed_attempts >= MAX_FAILED:
                locked_until = now + LOCK_FOR
                user.failed_attempts, user.locked_until = 0, locked_until
                audit.append(session, code, "user.lockout", "user", code)
                refused = LoginRefused("locked", _locked_message(locked_until, now), locked_until)
            else:
                audit.append(session, code, "user.login_failed", "user", code)
                refused = LoginRefused("wrong_pin", wrong)
    # raised outside the transaction so that every refused attempt's entry is committed
    raise refused


LOGOUT_REASONS = ("user", "timeout", "shutdown")


def logout(kiosk: Kiosk, code: str, reason: str = "user") -> None:
    """The end of a session (Đăng xuất pressed, the screen timed out, the app closed): audited,
    so that the session log shows who was at the kiosk when."""
    if reason not in LOGOUT_REASONS:
        raise ValueError(f"reason must be one of {LOGOUT_REASONS}")
    actor = code if valid_code(code) else "?"
    with write_session(kiosk.engine) as session:
        audit.append(session, actor, "user.logout", "user", actor, {"reason": reason})


def _verify(pin_hash: str, pin: str) -> bool:
    try:
        return _hasher.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


def _locked_message(until: datetime, now: datetime) -> str:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    return (
        f"Tài khoản tạm khóa do nhập sai PIN 5 lần; thử lại sau {minutes} phút. "
        f"(Locked after 5 wrong PINs; try again in {minutes} min.)"
    )
