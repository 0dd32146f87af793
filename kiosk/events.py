"""Plain-Python events the core publishes (sync engine, print queue); the UI re-emits them as
Qt signals on the GUI thread.

Subscribers are called on the publishing (worker) thread and must not block.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)
Handler = Callable[[str, dict[str, Any]], None]


@dataclass
class EventBus:
    _handlers: list[Handler] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def subscribe(self, handler: Handler) -> Callable[[], None]:
        with self._lock:
            self._handlers.append(handler)

        def unsubscribe() -> None:
            with self._lock:
                if handler in self._handlers:
                    self._handlers.remove(handler)

        return unsubscribe

    def publish(self, name: str, **data: Any) -> None:
        with self._lock:
            handlers = list(self._handlers)
        for handler in handlers:
            try:
                handler(name, data)
            except Exception:  # a broken subscriber must not stop the sync engine
                log.exception("event handler failed for %s", name)
