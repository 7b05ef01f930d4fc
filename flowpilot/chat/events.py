"""Who a chat turn is for: the signed-in engineer and the session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class TurnContext:
    """Whose session a turn is in and who is asking; services travel separately."""

    account_id: int
    session_id: int
    user_id: Optional[int] = None
