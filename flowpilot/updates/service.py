"""generate_status_update(): pick the engine, stream the update, store it as one Step."""
from __future__ import annotations

import logging
import re
from typing import Any, Iterator, Optional

from sqlalchemy import select

from .. import ledger as ledger_module
from .. import session_store
from ..errors import FlowPilotError
from ..extensions import db
from ..models import Session, Step, utcnow
from ..providers.base import Provider
from ..render import markdown_html
from ..psa.service import kind_label
from .compose import compose, compose_update
from .llm import stream_update
from .template import Template, TemplateError

log = logging.getLogger(__name__)
Event = dict[str, Any]
MIN_EXCHANGES = 2
TOO_EARLY = ("There isn't enough in this session for a useful update yet: work through a couple of "
             "steps with me first (what you checked, what you found), then ask again.")
CONTEXT_OF_STATUS = {"active": "progress", "paused": "progress", "resolved": "resolution", "escalated": "escalation"}
OUTCOME_OF_STATUS = {"active": "in_progress", "paused": "in_progress", "resolved": "resolved", "escalated": "escalated"}
_CHUNK = re.compile(r"[^\n.!?]*(?:[.!?]+(?=\s|$)|\n|$)\s*")


def chunks(text: str) -> list[str]:
    """Sentence- or line-sized pieces that join back into the text."""
    return [piece for piece in _CHUNK.findall(text) if piece]


def template_for(session: Session) -> Template:
    """The team's template, or the defaults if what is stored is not valid."""
    try:
        return Template.from_dict(session.account.communication_templates)
    except TemplateError as exc:
        log.warning("account %s has an invalid template (%s); using defaults", session.account_id, exc)
        return Template()


def previous_update(session: Session, audience: str) -> Optional[Step]:
    """The last stored update for this audience in this session."""
    return db.session.scalar(select(Step).where(
        Step.session_id == session.id, Step.step_type == "status_update",
        Step.content["audience"].as_string() == audience).order_by(Step.id.desc()).limit(1))


def session_transcript(session: Session, since: Optional[Step] = None) -> dict[str, Any]:
    """The session as a transcript (DESIGN.md §3), with 'since' marking the previous update."""
    start = session.started_at
    end = session.ended_at or utcnow()
    messages, since_index = [], None
    for step in session_store.messages(session):
        if step.content.get("kind") == "ack":
            continue  # our own bookkeeping lines are not the conversation
        if since is not None and since_index is None and step.id > since.id:
            since_index = len(messages)
        messages.append({"role": step.role, "text": str(step.content.get("text", "")),
                         "minutes": max(0.0, (step.created_at - start).total_seconds() / 60)})
    engineer = session.engineer
    transcript = {
        "intake": {"client_name": session.client_name, "contact_name": session.contact_name,
                   "ticket_number": session.ticket_number, "issue": session.issue,
                   "engineer_name": engineer.display_name, "engineer_full_name": engineer.full_name},
        "started_minutes_ago": (end - start).total_seconds() / 60, "messages": messages,
        "outcome": OUTCOME_OF_STATUS[session.status], "resolution_summary": session.resolution_summary,
        "escalation_reason": session.escalation_reason}
    if since is not None:
        transcript["since"] = {"message_index": since_index if since_index is not None else len(messages),
                               "state": since.content.get("session_status")}
    return transcript


def exchange_count(session: Session) -> int:
    """Engineer messages that got a reply from FlowPilot."""
    return ledger_module.count_exchanges([{"role": s.role} for s in session_store.messages(session)])


def can_update(session: Session) -> bool:
    """Open sessions need two exchanges first; a finished session can always be documented."""
    return session.status not in ("active", "paused") or exchange_count(session) >= MIN_EXCHANGES


def too_early(session: Session) -> Optional[str]:
    """A friendly sentence when an open session has fewer than two exchanges, else None."""
    return None if can_update(session) else TOO_EARLY


def record_delivery(step: Step, status: str) -> None:
    """Note on the update how it left FlowPilot (copied, posted, …)."""
    content = dict(step.content)
    content["delivery"] = [*content.get("delivery", []), {"status": status, "at": utcnow().isoformat() + "Z"}]
    step.content = content  # a new dict, so the JSON column is saved
    db.session.commit()


def generate_status_update(session: Session, audience: str, length: Optional[str] = None,
                           context: Optional[str] = None, template: Optional[Template] = None,
                           provider: Optional[Provider] = None) -> Iterator[Event]:
    """Yield update.start, update.delta…, (update.fallback), update.done; store one Step at the end."""
    template = template or template_for(session)
    length = length or template.default_length
    context = context or CONTEXT_OF_STATUS[session.status]
    since = previous_update(session, audience)
    built = ledger_module.build(session_transcript(session, since))
    company = session.account.name
    others = tuple(db.session.scalars(select(Session.client_name).distinct().where(
        Session.account_id == session.account_id, Session.client_name != session.client_name)))
    yield {"type": "update.start", "audience": audience, "length": length, "context": context,
           "engine": "llm" if provider else "grounded"}
    engine, model, fallback = "grounded", None, None
    if provider is not None:
        draft = compose(built, audience, length, context, template, company)
        try:
            final, checked = yield from stream_update(provider, built, audience, length, context, template,
                                                      company, others, draft)
            engine, model, report = "llm", provider.model, checked.as_dict()
        except FlowPilotError as exc:
            fallback = f"{exc} Here is the built-in update instead."
            yield {"type": "update.fallback", "message": fallback}
    grounded = compose_update(built, audience, length, context, template, company, others)
    if engine == "grounded":
        final, report = grounded["content"], grounded["firewall"]
    if engine == "grounded":
        for piece in chunks(final):
            yield {"type": "update.delta", "text": piece}
    content = {**{k: grounded[k] for k in ("audience", "length", "context", "session_status",
                                           "steps_completed", "time_spent_minutes", "generated_at")},
               "generated_content": final, "engine": engine, "model": model, "firewall": report,
               "since_step_id": since.id if since else None, "psa_push_status": None,
               "fallback_reason": fallback, "delivery": []}
    step = session_store.add_step(session, "status_update", "assistant", content)
    yield {"type": "update.done", "step_id": step.id, "content": final, "html": markdown_html(final),
           "post_kind": kind_label(audience, context),
           **{k: content[k] for k in ("audience", "length", "context", "engine", "model", "firewall",
                                      "since_step_id", "session_status", "steps_completed",
                                      "time_spent_minutes", "generated_at")}}
