"""Bearer tokens (in memory only: a restarted simulator has forgotten every token)."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class _Token:
    client_id: str
    expires: float  # time.monotonic()


class TokenRegistry:
    """Issues, checks and revokes access tokens; thread-safe."""

    def __init__(self) -> None:
        self._tokens: dict[str, _Token] = {}
        self._lock = threading.Lock()

    def issue(self, client_id: str, ttl_s: float) -> str:
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._drop_expired()
            self._tokens[token] = _Token(client_id, time.monotonic() + ttl_s)
        return token

    def client_for(self, token: str) -> str | None:
        """The client a live token belongs to, or None (unknown, expired or revoked)."""
        with self._lock:
            found = self._tokens.get(token)
            if found is None or found.expires <= time.monotonic():
                self._tokens.pop(token, None)
                return None
            return found.client_id

    def expire(self, client_id: str | None = None) -> int:
        """Revoke every token (of one client, or of all); returns how many."""
        with self._lock:
            doomed = [t for t, v in self._tokens.items() if client_id in (None, v.client_id)]
            for token in doomed:
                del self._tokens[token]
            return len(doomed)

    def _drop_expired(self) -> None:
        now = time.monotonic()
        for token in [t for t, v in self._tokens.items() if v.expires <= now]:
            del self._tokens[token]
