"""Status updates in the chat: ask for each missing slot, write the update, change it, deliver it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Optional

from .. import intent_lexicon as lex
from .. import reminders, session_store, vocabulary, wire
from ..errors import FlowPilotError, NothingNew, TooEarly
from ..extensions import db
from ..intents import Intent
from ..models import Session, Step, User
from ..psa import post as psa_post
from ..render import delivery_label, markdown_html
from ..services import Services
from ..text import valid_id
from ..updates import edits, refine, service
from ..updates.pipeline import UpdateRequest, write_update
from .events import TurnContext

Frame = dict[str, Any]
Request = dict[str, Optional[str]]
SLOT_ORDER = ("audience", "length")


def valid(slot: str, value: Any) -> bool:
    """True when value is one of the slot's options."""
    return isinstance(value, str) and value in vocabulary.SLOTS.get(slot, {})


def new_request(intent: Optional[Intent] = None, **preset: Any) -> Request:
    """A new request from a detected intent or from the Share Update button's presets."""
    request: Request = {"audience": None, "length": None, "context": None}
    if intent:
        request.update(intent._asdict())
    for slot in SLOT_ORDER:
        if valid(slot, preset.get(slot)):
            request[slot] = preset[slot]
    return request


def missing(request: Request) -> Optional[str]:
    """The first slot still to ask for, or None when the request is complete."""
    if request.get("audience") in vocabulary.ONE_LENGTH and not request.get("length"):
        request["length"] = "quick"  # Ask the Client is written one way: its length is never asked
    return next((slot for slot in SLOT_ORDER if not request.get(slot)), None)


def advance(session: Session, request: Request, ctx: TurnContext, services: Services) -> Iterator[wire.Event]:
    """Ask for the next missing slot (kept in the database), or write the complete request."""
    slot = missing(request)
    session_store.set_pending_request(session, request if slot else None)
    if slot:
        yield wire.choices(slot)
        return
    yield from fulfil(
        session,
        UpdateRequest(
            str(request["audience"]), request["length"], request.get("context"), force=bool(request.get("force"))
        ),
        ctx,
        services,
    )


def fulfil(session: Session, request: UpdateRequest, ctx: TurnContext, services: Services) -> Iterator[wire.Event]:
    """Write and store the update, or explain kindly why it is too early for one (or too many were asked for)."""
    key = ctx.user_id or ctx.account_id
    if not services.limiter.hit(key):  # the same per-user limit as the REST endpoint
        yield wire.error(f"Too many update requests; try again in {services.limiter.retry_after(key)} seconds.")
        return
    try:
        yield from write_update(session, request, services)
    except (TooEarly, NothingNew) as exc:  # said to the engineer kindly; nothing is stored
        yield wire.message("assistant", str(exc), None, html=markdown_html(str(exc)))


def start_from_intent(
    intent: Intent, session: Session, ctx: TurnContext, services: Services, text: str = ""
) -> Iterator[wire.Event]:
    """A request typed in the chat: fill what it says, ask for the rest. Right after an update, a follow-up
    ("now the client version", "shorter") changes that update: what it does not say stays as it was."""
    last = _update_step(session, {}, latest=True)
    # right after it: this message is the only one the engineer has sent since that update
    if last is not None and follow_up(text) and session_store.engineer_messages_since(session, last) == 1:
        request = _from_update(last)
        request.update({k: v for k, v in intent._asdict().items() if v})
        if not intent.length and re.search(lex.SHORTER, text):
            request["length"] = "quick"
        elif not intent.length and re.search(lex.LONGER, text):
            request["length"] = "detailed"
        yield from advance(session, request, ctx, services)
        return
    yield from advance(session, new_request(intent), ctx, services)


def follow_up(text: str) -> bool:
    """The request refers to the update just written ("now the client version", "shorter", "same for CW")."""
    return bool(re.search(lex.FOLLOW_UP, text))


def on_share_update(frame: Frame, session: Session, ctx: TurnContext, services: Services) -> Iterator[wire.Event]:
    """The Share Update button: start a request, with any slots the frame already names."""
    yield from advance(session, new_request(audience=frame.get("audience"), length=frame.get("length")), ctx, services)


def on_choose(frame: Frame, session: Session, ctx: TurnContext, services: Services) -> Iterator[wire.Event]:
    """One click on a choices option, in this tab or another."""
    slot, value = frame.get("slot"), frame.get("value")
    request = session_store.pending_request(session)
    if request is None:
        yield wire.error("There is no update being set up; click Share Update or ask for one.")
        return
    if slot not in SLOT_ORDER or not valid(str(slot), value):
        yield wire.error("That choice is not one of the options; pick one of the buttons.")
        return
    yield from advance(session, {**request, str(slot): value}, ctx, services)


def _from_update(step: Step) -> Request:
    """A request for the same update again, written even when nothing is new (it was asked for outright)."""
    request: Request = {k: step.content.get(k) for k in ("audience", "length", "context")}
    request["force"] = "yes"
    return request


def _update_step(session: Session, frame: Frame, latest: bool = False) -> Optional[Step]:
    """The stored update the frame names by step_id; with latest=True and no step_id, the newest one."""
    return session_store.update_step(session, frame.get("step_id"), latest)


def on_change_update(frame: Frame, session: Session, ctx: TurnContext, services: Services) -> Iterator[wire.Event]:
    """Regenerate, switch audience or switch length: always a new stored update."""
    last = _update_step(session, frame, latest=True)
    if last is None:
        yield wire.error("There's no update to change yet; click Share Update first.")
        return
    request = _from_update(last)
    if frame["name"] == "switch_length":
        wanted = frame.get("length")
        request["length"] = (
            wanted if valid("length", wanted) else ("quick" if request["length"] == "detailed" else "detailed")
        )
    elif frame["name"] == "switch_audience":
        wanted = frame.get("audience")
        request["audience"] = wanted if valid("audience", wanted) else None
    yield from advance(session, request, ctx, services)


def on_copy(frame: Frame, session: Session, ctx: TurnContext, services: Services) -> Iterator[wire.Event]:
    """The engineer copied an update: record it on the step."""
    step = _update_step(session, frame)
    if step is None:
        yield wire.error("That update could not be found.")
        return
    service.record_delivery(step, "copied")
    yield wire.update_delivery(step.id, delivery_label(step.content))


NOT_FOUND = "That update could not be found."


def _step_and_user(session: Session, frame: Frame, ctx: TurnContext) -> tuple[Optional[Step], Optional[User]]:
    """The update a frame names and the engineer acting on it (either None when not found)."""
    return _update_step(session, frame), (db.session.get(User, ctx.user_id) if ctx.user_id else None)


def on_post_to_ticket(frame: Frame, session: Session, ctx: TurnContext, services: Services) -> Iterator[wire.Event]:
    """Post a stored update to the linked ConnectWise ticket; the outcome is kept on the step."""
    step, user = _step_and_user(session, frame, ctx)
    if step is None or user is None:
        yield wire.error(NOT_FOUND)
        return
    try:
        wanted = psa_post.parse_request(frame)
    except FlowPilotError as exc:
        yield wire.error(str(exc))
        return
    status = psa_post.post_update(session, step, user, services, wanted)
    yield wire.update_delivery(step.id, delivery_label(step.content), status)
    if status["status"] == "failed":
        yield wire.error(f"{status['reason']} The text is still here to copy.")
    elif status["status"] == "partial":
        yield wire.error(f"{status['reason']} Post again to retry just that part.")


def on_edit_update(frame: Frame, session: Session, ctx: TurnContext, services: Services) -> Iterator[wire.Event]:
    """The engineer changed an update's text: store it as the current version (client text is checked first)."""
    step, user = _step_and_user(session, frame, ctx)
    if step is None or user is None:
        yield wire.error(NOT_FOUND)
        return
    try:
        outcome = edits.save_edit(session, step, user, frame.get("text"), services, keep=frame.get("keep") is True)
    except FlowPilotError as exc:
        yield wire.error(str(exc))
        return
    if not outcome.saved:
        yield wire.update_check(step.id, outcome.findings)
        return
    yield _edited(step, outcome.note)


def _edited(step: Step, note: str) -> wire.Event:
    """The update's new current version, for everywhere it is shown."""
    html = markdown_html(step.content["generated_content"])
    return wire.update_edited(step.id, step.content, html, delivery_label(step.content), note)


def on_rate_update(frame: Frame, session: Session, ctx: TurnContext, services: Services) -> Iterator[wire.Event]:
    """Thumbs up or down on an update, with an optional reason: the team page counts them."""
    step = _update_step(session, frame)
    if step is None or ctx.user_id is None:
        yield wire.error(NOT_FOUND)
        return
    try:
        service.record_feedback(step, ctx.user_id, frame.get("rating"), frame.get("reason") or "")
    except FlowPilotError as exc:
        yield wire.error(str(exc))
        return
    yield wire.update_rated(step.id, step.content["feedback"]["rating"])


def on_refine_update(frame: Frame, session: Session, ctx: TurnContext, services: Services) -> Iterator[wire.Event]:
    """Shorter, More detail, Plainer, Friendlier, More formal: a new version of the same update."""
    step = _update_step(session, frame)
    if step is None:
        yield wire.error(NOT_FOUND)
        return
    yield from refined(session, step, ctx, services, frame.get("how"))


def refined(session: Session, step: Step, ctx: TurnContext, services: Services, how: Any) -> Iterator[wire.Event]:
    """Write the refined version and show it wherever the update is shown."""
    user = db.session.get(User, ctx.user_id) if ctx.user_id else None
    if user is None:
        yield wire.error(NOT_FOUND)
        return
    try:
        note = refine.refine_update(session, step, user, how, services)
    except FlowPilotError as exc:
        yield wire.error(str(exc))
        return
    yield _edited(step, note)


def on_set_reminder(frame: Frame, session: Session, ctx: TurnContext, services: Services) -> Iterator[wire.Event]:
    """Remind me to send another update to this audience in N minutes."""
    step = _update_step(session, frame)
    if step is None:
        yield wire.error("That update could not be found.")
        return
    try:
        reminder = reminders.set_reminder(session, step, frame.get("minutes"), services.clock())
    except FlowPilotError as exc:
        yield wire.error(str(exc))
        return
    db.session.refresh(step)
    yield wire.reminder_set(reminder.id, step.id, reminder.content["remind_at"] + "Z", frame.get("minutes"))
    yield wire.update_delivery(step.id, delivery_label(step.content))


def on_cancel_reminder(frame: Frame, session: Session, ctx: TurnContext, services: Services) -> Iterator[wire.Event]:
    """Cancel a pending reminder (by its own step id or by the update it belongs to)."""
    wanted = frame.get("step_id") if valid_id(frame.get("step_id")) else None
    matches = [
        s
        for s in reminders.pending(session)
        if wanted is not None and wanted in (s.id, s.content.get("update_step_id"))
    ]
    cancelled = [s for s in matches if reminders.cancel(s, services.clock())]
    if not cancelled:
        yield wire.error("There is no pending reminder to cancel.")
        return
    yield from cancelled_events(cancelled)


def cancelled_events(cancelled: list[Step]) -> Iterator[wire.Event]:
    """reminder.cancelled for these reminders, and each update's new delivery label."""
    updates = [db.session.get(Step, s.content.get("update_step_id")) for s in cancelled]
    yield wire.reminder_cancelled(u.id for u in updates if u is not None)
    for update_step in updates:
        if update_step is not None:
            db.session.refresh(update_step)
            yield wire.update_delivery(update_step.id, delivery_label(update_step.content))


def share_after_close(session: Session, services: Services, context: str) -> Iterator[wire.Event]:
    """After Resolve or Escalate: the ticket documentation, then a client update ready to share."""
    default_length = service.template_for(session).default_length
    for request in (  # closing the session is news in itself
        UpdateRequest("ticket_notes", "detailed", context, "documentation", force=True),
        UpdateRequest("client_update", default_length, context, f"share_{context}", force=True),
    ):
        yield from write_update(session, request, services)
