"""Personal data at rest: AES-256-GCM with a data key held in the OS keyring.

Every sealed value is ``b"\\x01" + nonce(12) + ciphertext + tag`` and is bound to its place
by associated data (e.g. ``b"dossier:<id>"``) so a blob copied to another row does not open.
``subject_ref`` is a keyed hash (HMAC-SHA256 under a key derived from the data key) of a
person's ID number, so one person's records can be found without storing the number.
:meth:`Cipher.digest` is the same kind of keyed hash for whole values (a frozen payload, the
bytes sent to a printer): a plain SHA-256 of a value whose other fields are known would let a
dictionary of names find the one that was hashed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.store import secrets

_VERSION = b"\x01"
_NONCE_BYTES = 12
KEY_CHECK_AAD = b"kiosk:key-check"
KEY_CHECK_PLAIN = b"kiosk-dvc data key v1"


class DataKeyError(RuntimeError):
    """The data key is missing or does not open this database."""


class Cipher:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise DataKeyError("data key must be 32 bytes")
        self._aead = AESGCM(key)
        self._hmac_key = hmac.new(key, b"kiosk:subject-ref", hashlib.sha256).digest()
        self._digest_key = hmac.new(key, b"kiosk:digest", hashlib.sha256).digest()

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return _VERSION + nonce + self._aead.encrypt(nonce, plaintext, aad)

    def open(self, sealed: bytes, aad: bytes) -> bytes:
        if not sealed.startswith(_VERSION):
            raise DataKeyError("unknown sealed-value version")
        nonce = sealed[1 : 1 + _NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, sealed[1 + _NONCE_BYTES :], aad)
        except InvalidTag as exc:
            raise DataKeyError("value does not open with this key (wrong key or altered)") from exc

    def seal_json(self, value: Any, aad: bytes) -> bytes:
        return self.seal(canonical_json(value), aad)

    def open_json(self, sealed: bytes, aad: bytes) -> Any:
        return json.loads(self.open(sealed, aad))

    def subject_ref(self, identifier: str) -> str:
        return hmac.new(self._hmac_key, identifier.encode("utf-8"), hashlib.sha256).hexdigest()

    def digest(self, value: bytes) -> str:
        """HMAC-SHA256 of ``value`` under a key derived from the data key (hex): what was
        stored or sent can be checked on this kiosk, and nowhere without its key."""
        return hmac.new(self._digest_key, value, hashlib.sha256).hexdigest()


# one encoder, made once (``json.dumps`` with options builds a new one on every call)
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_json(value: Any) -> bytes:
    """Deterministic JSON (sorted keys, no spaces, UTF-8): what we hash and freeze."""
    return _CANONICAL.encode(value).encode("utf-8")


def key_name(install_id: str) -> str:
    return f"data-key:{install_id}"


def load_key(install_id: str) -> bytes | None:
    encoded = secrets.get_secret(key_name(install_id))
    return base64.b64decode(encoded) if encoded else None


def create_key(install_id: str) -> bytes:
    key = AESGCM.generate_key(bit_length=256)
    secrets.set_secret(key_name(install_id), base64.b64encode(key).decode("ascii"))
    if load_key(install_id) != key:
        raise DataKeyError("the keyring did not keep the new data key")
    return key
