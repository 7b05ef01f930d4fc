"""The transcript JSON contract (DESIGN.md §3): read it, and load it as a session."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any, Optional, TextIO

from . import session_store
from .errors import TranscriptError
from .models import Session, Step, User, utcnow
from .vocabulary import OUTCOME_OF_STATUS

OUTCOMES = ("in_progress", "resolved", "escalated")
ROLES = ("engineer", "assistant")


def read(stream: TextIO) -> dict[str, Any]:
    """Parse and check a transcript; TranscriptError says what is wrong in one line."""
    try:
        data = json.load(stream)
    except json.JSONDecodeError as exc:
        raise TranscriptError(f"The transcript is not valid JSON ({exc.msg} at line {exc.lineno}).") from exc
    except ValueError as exc:  # e.g. bytes that are not UTF-8
        raise TranscriptError("The transcript is not valid JSON text.") from exc
    if not isinstance(data, dict):
        raise TranscriptError("The transcript must be a JSON object.")
    intake = data.get("intake", {})
    if not isinstance(intake, dict):
        raise TranscriptError("'intake' must be an object.")
    messages = data.get("messages")
    if not isinstance(messages, list):
        raise TranscriptError("'messages' must be a list.")
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("text"), str):
            raise TranscriptError(f"messages[{i}] needs a 'text' string.")
        if message.get("role") not in ROLES:
            raise TranscriptError(f"messages[{i}].role must be 'engineer' or 'assistant'.")
        if not isinstance(message.get("minutes", 0), (int, float)):
            raise TranscriptError(f"messages[{i}].minutes must be a number.")
    if data.get("outcome", "in_progress") not in OUTCOMES:
        raise TranscriptError("'outcome' must be one of in_progress, resolved, escalated.")
    return data


def import_session(data: dict[str, Any], user: User) -> Session:
    """Create a session for this user from a checked transcript, messages as steps."""
    intake = data.get("intake", {})
    minutes_ago = float(data.get("started_minutes_ago") or 0)
    started = utcnow() - timedelta(minutes=minutes_ago)
    session = session_store.create_session(
        user,
        client_name=intake.get("client_name") or "Unknown client",
        issue=intake.get("issue") or "",
        contact_name=intake.get("contact_name") or "",
        ticket_number=intake.get("ticket_number") or "",
        started_at=started,
    )
    for message in data["messages"]:
        session_store.add_step(
            session,
            "message",
            message["role"],
            {"text": message["text"]},
            created_at=started + timedelta(minutes=message.get("minutes", 0)),
        )
    outcome = data.get("outcome", "in_progress")
    if outcome == "resolved":
        session_store.resolve(session, data.get("resolution_summary") or "Resolved.")
    elif outcome == "escalated":
        session_store.escalate(session, data.get("escalation_reason") or "Escalated.")
    return session


def from_session(session: Session, since: Optional[Step] = None) -> dict[str, Any]:
    """A stored session as a transcript, with 'since' marking where the previous update was written."""
    start = session.started_at
    end = session.ended_at or utcnow()
    messages: list[dict[str, Any]] = []
    since_index = None
    for step in session_store.messages(session):
        if step.content.get("kind") == "ack":
            continue  # our own bookkeeping lines are not the conversation
        if since is not None and since_index is None and step.id > since.id:
            since_index = len(messages)
        messages.append(
            {
                "step_id": step.id,
                "role": step.role,
                "text": str(step.content.get("text", "")),
                "minutes": max(0.0, (step.created_at - start).total_seconds() / 60),
            }
        )
    engineer = session.engineer
    transcript: dict[str, Any] = {
        "intake": {
            "client_name": session.client_name,
            "contact_name": session.contact_name,
            "ticket_number": session.ticket_number,
            "issue": session.issue,
            "engineer_name": engineer.display_name,
            "engineer_full_name": engineer.full_name,
        },
        "started_minutes_ago": (end - start).total_seconds() / 60,
        "messages": messages,
        "outcome": OUTCOME_OF_STATUS[session.status],
        "resolution_summary": session.resolution_summary,
        "escalation_reason": session.escalation_reason,
    }
    if since is not None:
        transcript["since"] = {
            "message_index": since_index if since_index is not None else len(messages),
            "state": since.content.get("session_status"),
        }
    return transcript
