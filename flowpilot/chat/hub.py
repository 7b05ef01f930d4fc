"""Open sockets per user, so the server can push to every page a user has open (in this process)."""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from typing import Any


class Hub:
    """user id → open sockets; dead ones are dropped when a send fails."""

    def __init__(self) -> None:
        self._sockets: dict[int, set[Any]] = defaultdict(set)
        self._lock = threading.Lock()

    def add(self, user_id: int, ws: Any) -> None:
        with self._lock:
            self._sockets[user_id].add(ws)

    def remove(self, user_id: int, ws: Any) -> None:
        with self._lock:
            self._sockets[user_id].discard(ws)

    def users(self) -> list[int]:
        """Users with at least one open socket here."""
        with self._lock:
            return [user for user, sockets in self._sockets.items() if sockets]

    def push(self, user_id: int, event: dict[str, Any]) -> int:
        """Send an event to all of the user's open sockets; return how many got it."""
        with self._lock:
            targets = list(self._sockets.get(user_id, ()))
        sent = 0
        for ws in targets:
            try:
                ws.send(json.dumps(event))
                sent += 1
            except Exception:  # a closed socket: forget it
                self.remove(user_id, ws)
        return sent
