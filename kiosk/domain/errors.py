"""Field-level validation errors, bilingual (Vietnamese first, English second)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one field.

    ``field`` is a dotted path in contract-v1 names (``payload.MaDoiTuong``,
    ``payload.DiaChi.MaXa``); ``code`` is a stable machine code (``invalid_format``,
    ``required``, ``too_long`` ...); the messages name the field in words a resident knows.
    """

    field: str
    code: str
    message: str  # Vietnamese (NFC)
    message_en: str

    def as_dict(self) -> dict[str, str]:
        return {
            "field": self.field,
            "code": self.code,
            "message": self.message,
            "message_en": self.message_en,
        }


class ValidationError(ValueError):
    """Raised with every field error found, never after a partial write."""

    def __init__(self, errors: list[FieldError]) -> None:
        if not errors:
            raise ValueError("ValidationError needs at least one FieldError")
        self.errors = list(errors)
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in self.errors))
