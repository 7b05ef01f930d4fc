"""Per-key sliding-window limits: in the database (holds across processes and servers), or in memory."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Hashable
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from .extensions import db
from .models import RateHit, RateKey


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


class DatabaseLimiter:
    """`limit` hits per `window` seconds per key, counted in the database so every process shares them."""

    def __init__(self, limit: int, window: float, clock: Callable[[], datetime]) -> None:
        self.limit, self.window, self.clock = limit, window, clock

    def hit(self, key: Hashable) -> bool:
        """Record a hit; False when the key is over its limit (the hit is not counted)."""
        name, now = str(key), self.clock()
        since = now - timedelta(seconds=self.window)
        _ensure_key(name, now)
        # Touching the key's row first makes concurrent hits on one key wait for each other (a row lock on
        # PostgreSQL, the write lock on SQLite), so the count below cannot race.
        db.session.execute(update(RateKey).where(RateKey.key == name).values(touched_at=now))
        db.session.execute(delete(RateHit).where(RateHit.key == name, RateHit.at <= since))
        used = db.session.scalar(select(func.count()).select_from(RateHit).where(RateHit.key == name)) or 0
        allowed = used < self.limit
        if allowed:
            db.session.add(RateHit(key=name, at=now))
        db.session.commit()
        return allowed

    def retry_after(self, key: Hashable) -> int:
        """Seconds until the key may try again."""
        oldest = db.session.scalar(select(func.min(RateHit.at)).where(RateHit.key == str(key)))
        if oldest is None:
            return 0
        return max(1, int((oldest + timedelta(seconds=self.window) - self.clock()).total_seconds()) + 1)


def _ensure_key(name: str, now: datetime) -> None:
    try:
        db.session.add(RateKey(key=name, touched_at=now))
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
