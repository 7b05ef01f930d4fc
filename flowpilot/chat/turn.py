"""One chat turn: a frame in, events out. No Flask request globals, no socket."""
from __future__ import annotations

import json
import logging
import re
from typing import Any, Iterator

from .. import entities, reminders, session_store
from ..errors import FlowPilotError
from ..models import Session
from ..providers.base import ChatMessage
from ..render import markdown_html, step_view
from ..updates import service
from . import update_flow
from .events import Event, TurnContext, error
from .prompts import INTAKE_TEMPLATE, NO_LLM_ACK, SYSTEM_PROMPT

log = logging.getLogger(__name__)
MAX_MESSAGE_CHARS = 8000


def handle(raw: str, ctx: TurnContext) -> Iterator[Event]:
    """Parse one client frame and yield the events that answer it."""
    try:
        frame = json.loads(raw)
    except (TypeError, ValueError):
        yield error("That message could not be read (it was not JSON).")
        return
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        yield error("That message could not be read (it has no type).")
        return
    session = session_store.get_session(ctx.account_id, ctx.session_id)
    if session is None:
        yield error("This session no longer exists.")
        return
    handler = HANDLERS.get(frame["type"])
    if handler is None:
        yield error(f"Unknown message type '{frame['type'][:40]}'.")
        return
    yield from handler(frame, session, ctx)


def on_message(frame: dict[str, Any], session: Session, ctx: TurnContext) -> Iterator[Event]:
    """Store the engineer's message first, then stream the assistant's reply."""
    text = frame.get("text")
    if not isinstance(text, str) or not text.strip():
        yield error("Type a message before sending.")
        return
    if len(text) > MAX_MESSAGE_CHARS:
        yield error(f"That message is too long ({MAX_MESSAGE_CHARS:,} characters at most).")
        return
    step = session_store.add_step(session, "message", "engineer", {"text": text})
    yield {"type": "message", "role": "engineer", "text": text, "step_id": step.id}
    intent = ctx.detector.detect(text, (session.client_name, session.contact_name)) if ctx.detector else None
    if intent:
        ctx.pending = update_flow.start(intent)
        yield from update_flow.advance(session, ctx)
        return
    if ctx.provider is None:
        yield from _stream_and_store(session, iter(_chunks(NO_LLM_ACK)), {"kind": "ack"})
        return
    prompt = build_prompt(session, ctx.history_limit)
    try:
        yield from _stream_and_store(session, ctx.provider.stream_chat(prompt),
                                     {"model": ctx.provider.model})
    except FlowPilotError as exc:
        yield error(f"{exc} Your message is saved.")


def _chunks(text: str) -> list[str]:
    """Split a canned reply into word-sized chunks so it streams like any other."""
    return re.findall(r"\S+\s*", text)


def _stream_and_store(session: Session, chunks: Iterator[str], extra: dict[str, Any]) -> Iterator[Event]:
    parts: list[str] = []
    for chunk in chunks:
        parts.append(chunk)
        yield {"type": "message.delta", "text": chunk}
    reply = "".join(parts).strip()
    step = session_store.add_step(session, "message", "assistant", {"text": reply, **extra})
    yield {"type": "message", "role": "assistant", "text": reply, "step_id": step.id,
           "html": markdown_html(reply), "exchanges": service.exchange_count(session)}


def build_prompt(session: Session, history_limit: int) -> list[ChatMessage]:
    """System prompt, the ticket as fenced data, then the recent conversation."""
    intake = INTAKE_TEMPLATE.format(
        client_name=session.client_name, contact_name=session.contact_name or "unknown",
        ticket_number=session.ticket_number or "none", issue=session.issue, status=session.status)
    prompt: list[ChatMessage] = [{"role": "system", "content": f"{SYSTEM_PROMPT}\n\n{intake}"}]
    for step in session_store.messages(session, limit=history_limit):
        if step.content.get("kind") == "ack":
            continue  # our own bookkeeping lines are not conversation
        role = "user" if step.role == "engineer" else "assistant"
        text = str(step.content.get("text", ""))
        # Passwords and keys typed into the chat never go to the LLM provider.
        prompt.append({"role": role, "content": entities.redact(text, entities.secrets(text))})
    return prompt


def on_action(frame: dict[str, Any], session: Session, ctx: TurnContext) -> Iterator[Event]:
    """Pause/resume, resolve with a summary, escalate with a reason; update set-up."""
    name = frame.get("name")
    if name in update_flow.ACTIONS:
        yield from update_flow.ACTIONS[name](frame, session, ctx)
        return
    action = ACTIONS.get(name) if isinstance(name, str) else None
    if action is None:
        yield error(f"FlowPilot can't do '{str(name)[:40]}' here.")
        return
    try:
        step = action(session, frame)
    except FlowPilotError as exc:
        yield error(str(exc))
        return
    view = step_view(step)
    yield {"type": "message", "role": "system", "text": view["text"], "step_id": step.id}
    yield {"type": "session", "status": session.status, "diagnosis_state": session.diagnosis_state}
    if name in ("resolve", "escalate"):
        note = reminders.cancel_for_session(session, ctx.clock(), "resolved" if name == "resolve" else "escalated")
        if note:
            yield {"type": "message", "role": "system", "text": note.content["text"], "step_id": note.id}
            yield {"type": "reminder.cancelled", "session_id": session.id}
    if name in ("resolve", "escalate"):
        yield from update_flow.share_after_close(session, ctx, "resolution" if name == "resolve" else "escalation")


ACTIONS = {
    "pause": lambda session, frame: session_store.toggle_pause(session),
    "resolve": lambda session, frame: session_store.resolve(session, frame.get("summary")),
    "escalate": lambda session, frame: session_store.escalate(session, frame.get("reason")),
}
HANDLERS = {"message": on_message, "action": on_action}
