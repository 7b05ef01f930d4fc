"""One chat turn: a frame in, events out. No Flask request globals, no socket."""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Optional

from sqlalchemy import select

from .. import session_store
from ..errors import FlowPilotError
from ..extensions import db
from ..intents import IntentDetector
from ..models import Session, Step
from ..providers.base import ChatMessage, Provider
from ..render import markdown_html, step_view
from ..updates import service
from . import update_request
from .prompts import INTAKE_TEMPLATE, NO_LLM_ACK, SYSTEM_PROMPT

log = logging.getLogger(__name__)
Event = dict[str, Any]
MAX_MESSAGE_CHARS = 8000


@dataclass
class TurnContext:
    """What a turn needs: whose session it is and which services to use."""

    account_id: int
    session_id: int
    provider: Optional[Provider] = None
    history_limit: int = 40
    detector: Optional[IntentDetector] = None
    pending: Optional[dict[str, Optional[str]]] = field(default=None)


def error(message: str) -> Event:
    """An error event with a sentence the engineer understands."""
    return {"type": "error", "message": message}


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
        ctx.pending = update_request.start(intent)
        yield from advance_request(session, ctx)
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
           "html": markdown_html(reply)}


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
        prompt.append({"role": role, "content": str(step.content.get("text", ""))})
    return prompt


def advance_request(session: Session, ctx: TurnContext) -> Iterator[Event]:
    """Ask for the next missing slot, or hand the complete request to the update engine."""
    slot = update_request.missing(ctx.pending)
    if slot:
        yield update_request.choices(slot)
        return
    request, ctx.pending = ctx.pending, None
    yield {"type": "update.requested", **request}
    yield from fulfil(session, request, ctx)


def fulfil(session: Session, request: dict[str, Optional[str]], ctx: TurnContext) -> Iterator[Event]:
    """Stream and store the update, or explain kindly why it is too early for one."""
    early = service.too_early(session)
    if early:
        yield {"type": "message", "role": "assistant", "text": early, "step_id": None, "html": markdown_html(early)}
        return
    yield from service.generate_status_update(session, request["audience"], request["length"],
                                              request.get("context"), provider=ctx.provider)


def _last_update(session: Session, frame: dict[str, Any]) -> Optional[Step]:
    step_id = frame.get("step_id")
    query = select(Step).where(Step.session_id == session.id, Step.step_type == "status_update")
    if isinstance(step_id, int):
        query = query.where(Step.id == step_id)
    return db.session.scalar(query.order_by(Step.id.desc()).limit(1))


def on_change_update(frame: dict[str, Any], session: Session, ctx: TurnContext) -> Iterator[Event]:
    """Regenerate, switch audience or switch length: always a new stored update."""
    last = _last_update(session, frame)
    if last is None:
        yield error("There's no update to change yet; click Share Update first.")
        return
    request = {k: last.content.get(k) for k in ("audience", "length", "context")}
    name = frame["name"]
    if name == "switch_length":
        wanted = frame.get("length")
        request["length"] = wanted if update_request.valid("length", wanted) else \
            ("quick" if request["length"] == "detailed" else "detailed")
    elif name == "switch_audience":
        wanted = frame.get("audience")
        if not update_request.valid("audience", wanted):
            ctx.pending = {**request, "audience": None}
            yield update_request.choices("audience")
            return
        request["audience"] = wanted
    yield from fulfil(session, request, ctx)


def on_share_update(frame: dict[str, Any], session: Session, ctx: TurnContext) -> Iterator[Event]:
    """The Share Update button: start a request, with any slots the frame already names."""
    ctx.pending = update_request.start(audience=frame.get("audience"), length=frame.get("length"))
    yield from advance_request(session, ctx)


def on_choose(frame: dict[str, Any], session: Session, ctx: TurnContext) -> Iterator[Event]:
    """One click on a choices option."""
    slot, value = frame.get("slot"), frame.get("value")
    if ctx.pending is None:
        yield error("There is no update being set up; click Share Update or ask for one.")
        return
    if slot not in update_request.SLOT_ORDER or not update_request.valid(slot, value):
        yield error("That choice is not one of the options; pick one of the buttons.")
        return
    ctx.pending[slot] = value
    yield from advance_request(session, ctx)


def on_action(frame: dict[str, Any], session: Session, ctx: TurnContext) -> Iterator[Event]:
    """Pause/resume, resolve with a summary, escalate with a reason; update set-up."""
    name = frame.get("name")
    if name in FLOW_ACTIONS:
        yield from FLOW_ACTIONS[name](frame, session, ctx)
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


ACTIONS = {
    "pause": lambda session, frame: session_store.toggle_pause(session),
    "resolve": lambda session, frame: session_store.resolve(session, frame.get("summary")),
    "escalate": lambda session, frame: session_store.escalate(session, frame.get("reason")),
}
FLOW_ACTIONS = {"share_update": on_share_update, "choose": on_choose, "regenerate": on_change_update,
                "switch_audience": on_change_update, "switch_length": on_change_update}
HANDLERS = {"message": on_message, "action": on_action}
