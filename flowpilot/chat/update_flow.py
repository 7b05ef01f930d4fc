"""Status updates in the chat: ask for each missing slot, stream the update, change it."""
from __future__ import annotations

from typing import Any, Iterator, Optional

from sqlalchemy import select

from ..extensions import db
from ..intents import Intent
from ..models import Session, Step, User
from .. import reminders
from ..errors import FlowPilotError
from ..psa import service as psa_service
from ..render import delivery_label, markdown_html
from ..updates import service
from .events import Event, TurnContext, error

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


def advance(session: Session, ctx: TurnContext) -> Iterator[Event]:
    """Ask for the next missing slot, or hand the complete request to the update engine."""
    slot = missing(ctx.pending)
    if slot:
        yield choices(slot)
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


def _named_update(session: Session, frame: dict[str, Any]) -> Optional[Step]:
    """The stored update the frame names by step_id (copy, post, remind act on one update, never "the last")."""
    return _last_update(session, frame) if isinstance(frame.get("step_id"), int) else None


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
        request["length"] = wanted if valid("length", wanted) else \
            ("quick" if request["length"] == "detailed" else "detailed")
    elif name == "switch_audience":
        wanted = frame.get("audience")
        if not valid("audience", wanted):
            ctx.pending = {**request, "audience": None}
            yield choices("audience")
            return
        request["audience"] = wanted
    yield from fulfil(session, request, ctx)


def on_share_update(frame: dict[str, Any], session: Session, ctx: TurnContext) -> Iterator[Event]:
    """The Share Update button: start a request, with any slots the frame already names."""
    ctx.pending = start(audience=frame.get("audience"), length=frame.get("length"))
    yield from advance(session, ctx)


def on_choose(frame: dict[str, Any], session: Session, ctx: TurnContext) -> Iterator[Event]:
    """One click on a choices option."""
    slot, value = frame.get("slot"), frame.get("value")
    if ctx.pending is None:
        yield error("There is no update being set up; click Share Update or ask for one.")
        return
    if slot not in SLOT_ORDER or not valid(slot, value):
        yield error("That choice is not one of the options; pick one of the buttons.")
        return
    ctx.pending[slot] = value
    yield from advance(session, ctx)


def on_copy(frame: dict[str, Any], session: Session, ctx: TurnContext) -> Iterator[Event]:
    """The engineer copied an update: record it on the step."""
    step = _named_update(session, frame)
    if step is None:
        yield error("That update could not be found.")
        return
    service.record_delivery(step, "copied")
    yield {"type": "update.delivery", "step_id": step.id, "delivery": delivery_label(step.content)}


def on_post_to_ticket(frame: dict[str, Any], session: Session, ctx: TurnContext) -> Iterator[Event]:
    """Post a stored update to the linked ConnectWise ticket; the outcome is kept on the step."""
    step = _named_update(session, frame)
    user = db.session.get(User, ctx.user_id) if ctx.user_id else None
    if step is None or user is None:
        yield error("That update could not be found.")
        return
    status = psa_service.post_update(session, step, user, ctx.app_secret)
    yield {"type": "update.delivery", "step_id": step.id, "delivery": delivery_label(step.content),
           "psa_push_status": status}
    if status["status"] == "failed":
        yield error(f"{status['reason']} The text is still here to copy.")


def on_set_reminder(frame: dict[str, Any], session: Session, ctx: TurnContext) -> Iterator[Event]:
    """Remind me to send another update to this audience in N minutes."""
    step = _named_update(session, frame)
    if step is None:
        yield error("That update could not be found.")
        return
    try:
        reminder = reminders.set_reminder(session, step, frame.get("minutes"), ctx.clock())
    except FlowPilotError as exc:
        yield error(str(exc))
        return
    db.session.refresh(step)
    yield {"type": "reminder.set", "step_id": reminder.id, "update_step_id": step.id,
           "remind_at": reminder.content["remind_at"] + "Z", "minutes": frame.get("minutes")}
    yield {"type": "update.delivery", "step_id": step.id, "delivery": delivery_label(step.content)}


def on_cancel_reminder(frame: dict[str, Any], session: Session, ctx: TurnContext) -> Iterator[Event]:
    """Cancel a pending reminder (by its own step id or by the update it belongs to)."""
    matches = [s for s in reminders.pending(session) if frame.get("step_id") in (s.id, s.content.get("update_step_id"))]
    cancelled = [s for s in matches if reminders.cancel(s, ctx.clock())]
    if not cancelled:
        yield error("There is no pending reminder to cancel.")
        return
    for step in cancelled:
        update_step = db.session.get(Step, step.content.get("update_step_id"))
        db.session.refresh(update_step)
        yield {"type": "reminder.cancelled", "step_id": step.id, "update_step_id": update_step.id}
        yield {"type": "update.delivery", "step_id": update_step.id, "delivery": delivery_label(update_step.content)}


def share_after_close(session: Session, ctx: TurnContext, context: str) -> Iterator[Event]:
    """After Resolve or Escalate: the ticket documentation, then a client update ready to share."""
    template = service.template_for(session)
    for audience, length, purpose in (("ticket_notes", "detailed", "documentation"),
                                      ("client_update", template.default_length, f"share_{context}")):
        for event in service.generate_status_update(session, audience, length, context, template,
                                                    provider=ctx.provider):
            yield {**event, "purpose": purpose} if event["type"] in ("update.start", "update.done") else event


ACTIONS = {"share_update": on_share_update, "choose": on_choose, "regenerate": on_change_update,
           "switch_audience": on_change_update, "switch_length": on_change_update, "copy": on_copy,
           "post_to_ticket": on_post_to_ticket, "set_reminder": on_set_reminder,
           "cancel_reminder": on_cancel_reminder}
