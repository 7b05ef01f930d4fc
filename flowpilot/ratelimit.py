"""A per-key sliding-window limit, in memory (one per process)."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Hashable


class SlidingWindowLimiter:
    """Allow `limit` hits per `window` seconds per key; hit() says whether this one is allowed."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._hits: dict[Hashable, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def hit(self, key: Hashable) -> bool:
        """Record a hit; False when the key is over its limit (the hit is not counted)."""
        now = self.clock()
        with self._lock:
            hits = self._hits[key]
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            return True

    def retry_after(self, key: Hashable) -> int:
        """Seconds until the key may try again."""
        with self._lock:
            hits = self._hits.get(key)
            if not hits:
                return 0
            return max(1, int(hits[0] + self.window - self.clock()) + 1)
