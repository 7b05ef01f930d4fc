"""What every chat turn shares: its context and the error event."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Optional

from ..intents import IntentDetector
from ..models import utcnow
from ..providers.base import Provider

Event = dict[str, Any]


@dataclass
class TurnContext:
    """What a turn needs: whose session it is and which services to use."""

    account_id: int
    session_id: int
    provider: Optional[Provider] = None
    history_limit: int = 40
    detector: Optional[IntentDetector] = None
    pending: Optional[dict[str, Optional[str]]] = field(default=None)
    user_id: Optional[int] = None
    app_secret: str = ""  # decrypts the account's PSA keys when an update is posted
    clock: Callable[[], datetime] = utcnow


def error(message: str) -> Event:
    """An error event with a sentence the engineer understands."""
    return {"type": "error", "message": message}
