"""Updates and the database: what a session's update is written from, where it is stored, how it left."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Optional

from sqlalchemy import select

from .. import ledger as ledger_module
from .. import secret_detector, session_store, transcripts, vocabulary
from ..errors import FlowPilotError, TemplateError, TooEarly
from ..extensions import db
from ..models import Session, Step, utcnow
from .template import Template

if TYPE_CHECKING:
    from .pipeline import Subject

log = logging.getLogger(__name__)
TOO_EARLY = (
    "There isn't enough in this session for a useful update yet: work through a couple of "
    "steps with me first (what you checked, what you found), then ask again."
)


def template_for(session: Session) -> Template:
    """The team's template, or the defaults if what is stored is not valid."""
    try:
        return Template.from_dict(session.account.communication_templates)
    except TemplateError as exc:
        log.warning("account %s has an invalid template (%s); using defaults", session.account_id, exc)
        return Template()


def previous_update(session: Session, audience: str) -> Optional[Step]:
    """The last stored update for this audience in this session."""
    return db.session.scalar(
        select(Step)
        .where(
            Step.session_id == session.id,
            Step.step_type == "status_update",
            Step.content["audience"].as_string() == audience,
        )
        .order_by(Step.id.desc())
        .limit(1)
    )


def session_subject(session: Session, audience: str) -> Subject:
    """The session as a pipeline subject: its transcript, template, company, other clients, and a store."""
    from .pipeline import Subject

    if not can_update(session):
        raise TooEarly(TOO_EARLY)
    since = previous_update(session, audience)
    return Subject(
        transcripts.from_session(session, since),
        template_for(session),
        session.account.name,
        other_clients(session),
        since.id if since else None,
        since_label=f" (written {since.created_at.strftime('%H:%M')} UTC)" if since else "",
        store=lambda content: session_store.add_step(session, "status_update", "assistant", content).id,
    )


def other_clients(session: Session) -> tuple[str, ...]:
    """The account's other clients' names: the firewall keeps them out of this client's text."""
    return tuple(
        db.session.scalars(
            select(Session.client_name)
            .distinct()
            .where(Session.account_id == session.account_id, Session.client_name != session.client_name)
        )
    )


def exchange_count(session: Session) -> int:
    """Engineer messages that got a reply from FlowPilot, among the first 60 (enough to tell whether one may update)."""
    # Only whether the first exchanges happened matters, so read a bounded prefix: constant time in long sessions.
    return ledger_module.count_exchanges([{"role": role} for role in session_store.first_roles(session, 60)])


def can_update(session: Session) -> bool:
    """Open sessions need two exchanges first; a finished session can always be documented."""
    return session.status not in vocabulary.OPEN_STATUSES or exchange_count(session) >= vocabulary.MIN_EXCHANGES


def record_feedback(step: Step, user_id: int, rating: Any, reason: Any = "") -> None:
    """Keep an engineer's thumbs up or down on the update (the team page counts them); secrets in the reason go."""
    if rating not in ("up", "down") or not isinstance(reason, str) or len(reason) > 500:
        raise FlowPilotError("Rate an update with a thumbs up or down, and a reason of up to 500 characters.")
    feedback = {"rating": rating, "reason": secret_detector.redact(reason.strip()), "user_id": user_id}
    step.content = {**step.content, "feedback": {**feedback, "at": utcnow().isoformat() + "Z"}}
    db.session.commit()


def record_delivery(step: Step, status: str) -> None:
    """Note on the update how it left FlowPilot (copied, posted, …)."""
    content = dict(step.content)
    content["delivery"] = [*content.get("delivery", []), {"status": status, "at": utcnow().isoformat() + "Z"}]
    step.content = content  # a new dict, so the JSON column is saved
    db.session.commit()
