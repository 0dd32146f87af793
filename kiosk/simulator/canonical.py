"""JSON canonicalisation (RFC 8785, JCS) and the content hash that decides "same content".

Object keys are sorted by their UTF-16 code units, no whitespace, strings as in ECMAScript
``JSON.stringify`` (UTF-8, only ``"``, ``\\`` and control characters escaped), numbers in
ECMAScript form (``1.0`` → ``1``, ``1e21``, ``1e-7``). For the kiosk's payloads (no floats,
no characters outside the BMP in keys) this is byte-for-byte the kiosk's own
``kiosk.store.crypto.canonical_json``.
"""

from __future__ import annotations

import hashlib
import json
import math
from decimal import Decimal
from typing import Any


class CanonicalError(ValueError):
    """A value JSON cannot carry (NaN, infinity, a non-string key, a foreign type)."""


def canonical(value: Any) -> bytes:
    """The RFC 8785 canonical UTF-8 bytes of a JSON value."""
    parts: list[str] = []
    _write(value, parts)
    return "".join(parts).encode("utf-8")


def content_hash(kind: str, payload: Any) -> str:
    """SHA-256 (hex) of the canonical ``{"kind": ..., "payload": ...}``."""
    return hashlib.sha256(canonical({"kind": kind, "payload": payload})).hexdigest()


def _write(value: Any, out: list[str]) -> None:
    if value is None or isinstance(value, bool):
        out.append({None: "null", True: "true", False: "false"}[value])
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, float):
        out.append(_number(value))
    elif isinstance(value, str):
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, list | tuple):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _write(item, out)
        out.append("]")
    elif isinstance(value, dict):
        _write_object(value, out)
    else:
        raise CanonicalError(f"not a JSON value: {type(value).__name__}")


def _write_object(value: dict[Any, Any], out: list[str]) -> None:
    if not all(isinstance(key, str) for key in value):
        raise CanonicalError("object keys must be strings")
    out.append("{")
    for index, key in enumerate(sorted(value, key=lambda k: k.encode("utf-16-be"))):
        if index:
            out.append(",")
        out.append(json.dumps(key, ensure_ascii=False))
        out.append(":")
        _write(value[key], out)
    out.append("}")


def _number(value: float) -> str:
    """ECMAScript Number::toString for a finite double (ECMA-262 §6.1.6.1.20)."""
    if not math.isfinite(value):
        raise CanonicalError("NaN and infinity are not JSON")
    if value == 0:
        return "0"
    sign, digit_tuple, exponent = Decimal(repr(value)).normalize().as_tuple()
    assert isinstance(exponent, int)
    digits = "".join(map(str, digit_tuple))
    k = len(digits)
    n = k + exponent  # value = 0.digits × 10^n
    prefix = "-" if sign else ""
    if k <= n <= 21:
        return prefix + digits + "0" * (n - k)
    if 0 < n <= 21:
        return prefix + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return prefix + "0." + "0" * -n + digits
    fraction = f".{digits[1:]}" if k > 1 else ""
    return f"{prefix}{digits[0]}{fraction}e{'+' if n - 1 >= 0 else '-'}{abs(n - 1)}"
