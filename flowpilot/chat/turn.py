"""One chat turn: a frame in, events out. No Flask request globals, no socket."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from typing import Any

from .. import reminders, secret_detector, session_store, vocabulary, wire
from ..errors import FlowPilotError
from ..models import Session, Step
from ..providers.base import ChatMessage, sentences
from ..providers.fence import fence, neutralise
from ..render import markdown_html, step_view
from ..services import Services
from ..text import clean_tree
from ..updates import refine, service
from . import update_flow
from .events import TurnContext
from .prompts import INTAKE_TEMPLATE, NO_LLM_ACK, SYSTEM_PROMPT

log = logging.getLogger(__name__)
MAX_MESSAGE_CHARS = vocabulary.MAX_MESSAGE_CHARS
Frame = dict[str, Any]
Handler = Callable[[Frame, Session, TurnContext, Services], Iterator[wire.Event]]


def handle(raw: str, ctx: TurnContext, services: Services) -> Iterator[wire.Event]:
    """Parse one client frame and yield the events that answer it."""
    try:
        frame = clean_tree(json.loads(raw))  # no NUL or lone surrogate gets as far as the database
    except (TypeError, ValueError):
        yield wire.error("That message could not be read (it was not JSON).")
        return
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        yield wire.error("That message could not be read (it has no type).")
        return
    session = session_store.get_session(ctx.account_id, ctx.session_id)
    if session is None:
        yield wire.error("This session no longer exists.")
        return
    if frame["type"] == "message":
        yield from on_message(frame, session, ctx, services)
    elif frame["type"] == "action":
        name = frame.get("name")
        action = ACTIONS.get(name) if isinstance(name, str) else None
        if action is None:
            yield wire.error(f"FlowPilot can't do '{str(name)[:40]}' here.")
            return
        yield from action(frame, session, ctx, services)
    else:
        yield wire.error(f"Unknown message type '{frame['type'][:40]}'.")


def on_message(frame: Frame, session: Session, ctx: TurnContext, services: Services) -> Iterator[wire.Event]:
    """Store the engineer's message first, then start an update or stream the assistant's reply."""
    text = frame.get("text")
    if not isinstance(text, str) or not text.strip():
        yield wire.error("Type a message before sending.")
        return
    if len(text) > MAX_MESSAGE_CHARS:
        yield wire.error(f"That message is too long ({MAX_MESSAGE_CHARS:,} characters at most).")
        return
    previous = session_store.latest_step(session)
    step = session_store.add_step(session, "message", "engineer", {"text": text})
    yield wire.message("engineer", text, step.id)
    how = refine.asked_in_chat(text)
    if how and previous is not None and previous.step_type == "status_update":  # "shorter", right after an update
        yield from update_flow.refined(session, previous, ctx, services, how)
        return
    detector = services.detector
    intent = detector.detect(text, (session.client_name, session.contact_name)) if detector else None
    if intent:
        yield from update_flow.start_from_intent(intent, session, ctx, services, text)
        return
    if services.provider is None:
        yield from _stream_and_store(session, iter(_chunks(NO_LLM_ACK)), {"kind": "ack"})
        return
    prompt = build_prompt(session, services.history_limit)
    try:
        reply = _screened(services.provider.stream_chat(prompt))
        yield from _stream_and_store(session, reply, {"model": services.provider.model})
    except FlowPilotError as exc:
        yield wire.error(f"{exc} Your message is saved.")


def _chunks(text: str) -> list[str]:
    """Split a canned reply into word-sized chunks so it streams like any other."""
    return re.findall(r"\S+\s*", text)


def _screened(chunks: Iterator[str]) -> Iterator[str]:
    """The model's reply a sentence at a time, each through the secret detector before it is shown."""
    for sentence in sentences(chunks):
        yield secret_detector.redact(sentence)


def _stream_and_store(session: Session, chunks: Iterator[str], extra: dict[str, Any]) -> Iterator[wire.Event]:
    parts: list[str] = []
    for chunk in chunks:
        parts.append(chunk)
        yield wire.message_delta(chunk)
    reply = secret_detector.redact("".join(parts).strip())  # a secret split across two sentences
    step = session_store.add_step(session, "message", "assistant", {"text": reply, **extra})
    yield wire.message(
        "assistant", reply, step.id, html=markdown_html(reply), exchanges=service.exchange_count(session)
    )


def build_prompt(session: Session, history_limit: int) -> list[ChatMessage]:
    """System prompt, the ticket as fenced data, then the recent conversation."""
    intake = fence(
        "The ticket",
        INTAKE_TEMPLATE.format(
            client_name=session.client_name,
            contact_name=session.contact_name or "unknown",
            ticket_number=session.ticket_number or "none",
            issue=session.issue,
            status=session.status,
        ),
    )
    prompt: list[ChatMessage] = [{"role": "system", "content": f"{SYSTEM_PROMPT}\n\n{intake}"}]
    for step in session_store.messages(session, limit=history_limit):
        if step.content.get("kind") == "ack":
            continue  # our own bookkeeping lines are not conversation
        role = "user" if step.role == "engineer" else "assistant"
        text = str(step.content.get("text", ""))
        # Passwords and keys typed into the chat never go to the LLM provider.
        prompt.append({"role": role, "content": secret_detector.redact(neutralise(text))})
    return prompt


STATUS_CHANGES: dict[str, Callable[[Session, Frame], Step]] = {
    "pause": lambda session, frame: session_store.toggle_pause(session),
    "resolve": lambda session, frame: session_store.resolve(session, frame.get("summary")),
    "escalate": lambda session, frame: session_store.escalate(session, frame.get("reason")),
    "reopen": lambda session, frame: session_store.reopen(session),
}
CLOSE_CONTEXT = {"resolve": "resolution", "escalate": "escalation"}


def on_status_change(frame: Frame, session: Session, ctx: TurnContext, services: Services) -> Iterator[wire.Event]:
    """Pause/resume, resolve with a summary, escalate with a reason; closing also shares the outcome."""
    name = frame["name"]
    try:
        step = STATUS_CHANGES[name](session, frame)
    except FlowPilotError as exc:
        yield wire.error(str(exc))
        return
    yield wire.message("system", step_view(step)["text"], step.id)
    yield wire.session_state(session.status, session.diagnosis_state)
    if name in CLOSE_CONTEXT:
        note, cancelled = reminders.cancel_for_session(session, services.clock(), session.status)
        if note:
            yield wire.message("system", note.content["text"], note.id)
            yield from update_flow.cancelled_events(cancelled)
        yield from update_flow.share_after_close(session, services, CLOSE_CONTEXT[name])


# Every action the browser may send, in one table.
ACTIONS: dict[str, Handler] = {
    "share_update": update_flow.on_share_update,
    "choose": update_flow.on_choose,
    "regenerate": update_flow.on_change_update,
    "switch_audience": update_flow.on_change_update,
    "switch_length": update_flow.on_change_update,
    "copy": update_flow.on_copy,
    "refine_update": update_flow.on_refine_update,
    "rate_update": update_flow.on_rate_update,
    "edit_update": update_flow.on_edit_update,
    "post_to_ticket": update_flow.on_post_to_ticket,
    "set_reminder": update_flow.on_set_reminder,
    "cancel_reminder": update_flow.on_cancel_reminder,
    **{name: on_status_change for name in STATUS_CHANGES},
}
