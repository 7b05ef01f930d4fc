"""Every event the server sends over a socket, one constructor each (docs/DESIGN.md lists them)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Optional

from . import vocabulary

Event = dict[str, Any]
# The browser must handle each of these (tests/test_wire.py checks static/*.js).
EVENT_TYPES = (
    "message.delta",
    "message",
    "choices",
    "session",
    "update.start",
    "update.delta",
    "update.fallback",
    "update.done",
    "update.delivery",
    "update.check",
    "update.edited",
    "update.rated",
    "reminder.set",
    "reminder.cancelled",
    "notification",
    "error",
)


def error(message: str) -> Event:
    """A sentence the engineer understands; the socket stays open."""
    return {"type": "error", "message": message}


def message_delta(text: str) -> Event:
    """A chunk of the assistant's reply as it streams."""
    return {"type": "message.delta", "text": text}


def message(
    role: str, text: str, step_id: Optional[int], html: Optional[str] = None, exchanges: Optional[int] = None
) -> Event:
    """A stored message: the engineer's echo, the assistant's whole reply, or a system line."""
    event: Event = {"type": "message", "role": role, "text": text, "step_id": step_id}
    if html is not None:
        event["html"] = html
    if exchanges is not None:
        event["exchanges"] = exchanges
    return event


def choices(slot: str) -> Event:
    """Ask the engineer to pick one option for a slot (audience or length)."""
    return {
        "type": "choices",
        "prompt": vocabulary.CHOICE_PROMPTS[slot],
        "slot": slot,
        "options": vocabulary.options(slot),
    }


def session_state(status: str, diagnosis_state: str) -> Event:
    """The session's status changed (paused, resumed, resolved, escalated)."""
    return {"type": "session", "status": status, "diagnosis_state": diagnosis_state}


def update_start(audience: str, length: str, context: str, engine: str, purpose: Optional[str] = None) -> Event:
    """An update is being written."""
    return _with_purpose(
        {"type": "update.start", "audience": audience, "length": length, "context": context, "engine": engine}, purpose
    )


def update_delta(text: str) -> Event:
    """A chunk of the update, already through the firewall."""
    return {"type": "update.delta", "text": text}


def update_fallback(message: str) -> Event:
    """The LLM failed; the built-in update follows."""
    return {"type": "update.fallback", "message": message}


DONE_FIELDS = (
    "sources",
    "audience",
    "length",
    "context",
    "engine",
    "model",
    "firewall",
    "since_step_id",
    "session_status",
    "steps_completed",
    "time_spent_minutes",
    "generated_at",
)


def update_done(step_id: Optional[int], content: dict[str, Any], html: str, purpose: Optional[str] = None) -> Event:
    """The update as stored: its text, html, firewall report and metadata."""
    text = content["generated_content"]
    event = {
        "type": "update.done",
        "step_id": step_id,
        "content": text,
        "html": html,
        "post_kind": vocabulary.post_kind_label(content["audience"], content["context"]),
        "label": vocabulary.update_label(content["audience"], content.get("length")),
        "first_line": vocabulary.first_line(text),
        **{k: content.get(k) for k in DONE_FIELDS},
    }
    return _with_purpose(event, purpose)


def update_delivery(step_id: int, delivery: str, psa_push_status: Optional[dict[str, Any]] = None) -> Event:
    """How a stored update has left FlowPilot (copied, posted, pending reminder)."""
    event: Event = {"type": "update.delivery", "step_id": step_id, "delivery": delivery}
    if psa_push_status is not None:
        event["psa_push_status"] = psa_push_status
    return event


def update_check(step_id: int, findings: list[str]) -> Event:
    """An edit to client text was not saved yet: what the firewall would change, for the engineer to confirm."""
    return {"type": "update.check", "step_id": step_id, "findings": findings}


def update_edited(step_id: int, content: dict[str, Any], html: str, delivery: str, note: str = "") -> Event:
    """An update's text was changed (edited or refined): its current version, everywhere it is shown."""
    return {
        "type": "update.edited",
        "step_id": step_id,
        "content": content["generated_content"],
        "html": html,
        "firewall": content.get("firewall") or {},
        "first_line": vocabulary.first_line(content["generated_content"]),
        "label": vocabulary.update_label(content.get("audience"), content.get("length")),
        "sources": content.get("sources") or [],
        "engine": content.get("engine"),
        "delivery": delivery,
        "note": note,
    }


def update_rated(step_id: int, rating: str) -> Event:
    """The engineer's thumbs up or down on an update was saved."""
    return {"type": "update.rated", "step_id": step_id, "rating": rating}


def reminder_set(reminder_step_id: int, update_step_id: int, remind_at: str, minutes: Any) -> Event:
    """A follow-up reminder is pending for an update."""
    return {
        "type": "reminder.set",
        "step_id": reminder_step_id,
        "update_step_id": update_step_id,
        "remind_at": remind_at,
        "minutes": minutes,
    }


def reminder_cancelled(update_step_ids: Iterable[int]) -> Event:
    """These updates' pending reminders were cancelled (by the engineer, or by resolving)."""
    return {"type": "reminder.cancelled", "update_step_ids": sorted(set(update_step_ids))}


def notification(note_id: int, text: str, session_id: int, update_step_id: Optional[int], audience: str) -> Event:
    """A due reminder, pushed to every page the engineer has open."""
    return {
        "type": "notification",
        "id": note_id,
        "text": text,
        "session_id": session_id,
        "update_step_id": update_step_id,
        "url": f"/sessions/{session_id}?share={audience}",
    }


def _with_purpose(event: Event, purpose: Optional[str]) -> Event:
    if purpose:
        event["purpose"] = purpose
    return event
