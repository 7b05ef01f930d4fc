"""Open sockets per user in this process: pushes reach every page a user has open, and no user holds too many."""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from typing import Any


class Hub:
    """user id → open sockets, oldest first; `listens` marks those that take pushes (notifications)."""

    def __init__(self, max_per_user: int = 10) -> None:
        self.max_per_user = max_per_user
        self._sockets: dict[int, list[tuple[Any, bool]]] = defaultdict(list)
        self._lock = threading.Lock()

    def add(self, user_id: int, ws: Any, listens: bool = True) -> None:
        """Hold a new socket; past the cap, the user's oldest sockets are closed (each holds a worker thread)."""
        with self._lock:
            held = self._sockets[user_id]
            held.append((ws, listens))
            excess, self._sockets[user_id] = held[: -self.max_per_user], held[-self.max_per_user :]
        for old, _ in excess:
            try:
                old.close(1008, "Too many open FlowPilot pages; this one was closed.")
            except Exception:  # already gone
                pass

    def remove(self, user_id: int, ws: Any) -> None:
        with self._lock:
            self._sockets[user_id] = [(s, listens) for s, listens in self._sockets[user_id] if s is not ws]

    def count(self, user_id: int) -> int:
        """Sockets this user has open here."""
        with self._lock:
            return len(self._sockets.get(user_id, ()))

    def users(self) -> list[int]:
        """Users with at least one listening socket here."""
        with self._lock:
            return [user for user, held in self._sockets.items() if any(listens for _, listens in held)]

    def push(self, user_id: int, event: dict[str, Any]) -> int:
        """Send an event to all of the user's listening sockets; return how many got it."""
        with self._lock:
            targets = [ws for ws, listens in self._sockets.get(user_id, ()) if listens]
        sent = 0
        for ws in targets:
            try:
                ws.send(json.dumps(event))
                sent += 1
            except Exception:  # a closed socket: forget it
                self.remove(user_id, ws)
        return sent
