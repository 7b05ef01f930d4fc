"""Setting up a status update in the chat: ask for each missing slot, then hand it on."""
from __future__ import annotations

from typing import Any, Iterator, Optional

from ..intents import Intent

Event = dict[str, Any]

# The brief's option cards, as data.
OPTIONS: dict[str, list[dict[str, str]]] = {
    "audience": [
        {"value": "ticket_notes", "label": "Ticket Notes", "description": "Technical, for your PSA"},
        {"value": "client_update", "label": "Client Update", "description": "Professional, non-technical"},
        {"value": "email_draft", "label": "Email Draft", "description": "Full email with subject line and sign-off"},
    ],
    "length": [
        {"value": "quick", "label": "Quick", "description": "1-2 sentences, just the essentials"},
        {"value": "detailed", "label": "Detailed", "description": "Full breakdown with steps and findings"},
    ],
}
PROMPTS = {"audience": "Who is this update for?", "length": "How detailed?"}
SLOT_ORDER = ("audience", "length")


def valid(slot: str, value: Any) -> bool:
    """True when value is one of the slot's options."""
    return any(option["value"] == value for option in OPTIONS.get(slot, ()))


def start(intent: Optional[Intent] = None, **preset: Any) -> dict[str, Optional[str]]:
    """A new pending request from a detected intent or from the Share Update button."""
    request = {"audience": None, "length": None, "context": None}
    if intent:
        request.update(intent._asdict())
    for slot in SLOT_ORDER:
        if valid(slot, preset.get(slot)):
            request[slot] = preset[slot]
    return request


def missing(request: dict[str, Optional[str]]) -> Optional[str]:
    """The first slot still to ask for, or None when the request is complete."""
    return next((slot for slot in SLOT_ORDER if not request.get(slot)), None)


def choices(slot: str) -> Event:
    """The event that asks the engineer to pick one option for this slot."""
    return {"type": "choices", "prompt": PROMPTS[slot], "slot": slot, "options": OPTIONS[slot]}
