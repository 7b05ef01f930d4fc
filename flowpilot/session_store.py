"""Plain functions over sessions and steps: queries scoped to an account, and status changes."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import func, select

from .errors import ActionError
from .extensions import db
from .models import PendingUpdate, Session, Step, User, utcnow
from .text import valid_id


def get_session(account_id: int, session_id: int) -> Optional[Session]:
    """The session if it belongs to this account, else None (callers answer 404)."""
    return db.session.scalar(select(Session).where(Session.id == session_id, Session.account_id == account_id))


def list_sessions(user: User, status: Optional[str] = None, mine: bool = True) -> list[Session]:
    """Sessions of the user's account, newest first, optionally only theirs or one status."""
    query = select(Session).where(Session.account_id == user.account_id)
    if mine:
        query = query.where(Session.engineer_id == user.id)
    if status:
        query = query.where(Session.status == status)
    return list(db.session.scalars(query.order_by(Session.started_at.desc(), Session.id.desc())))


def create_session(
    user: User,
    *,
    client_name: str,
    issue: str,
    contact_name: str = "",
    ticket_number: str = "",
    started_at: Optional[datetime] = None,
) -> Session:
    """Open a new active session for this engineer."""
    session = Session(
        account_id=user.account_id,
        engineer_id=user.id,
        client_name=client_name.strip(),
        contact_name=contact_name.strip(),
        ticket_number=ticket_number.strip(),
        issue=issue.strip(),
        started_at=started_at or utcnow(),
    )
    db.session.add(session)
    db.session.commit()
    return session


def add_step(
    session: Session, step_type: str, role: str, content: dict[str, Any], created_at: Optional[datetime] = None
) -> Step:
    """Store one step and commit at once, so it survives whatever happens next."""
    step = Step(
        session_id=session.id, step_type=step_type, role=role, content=content, created_at=created_at or utcnow()
    )
    db.session.add(step)
    db.session.commit()
    return step


def engineer_messages_since(session: Session, step: Step) -> int:
    """How many messages the engineer has sent since this step."""
    query = select(func.count(Step.id)).where(
        Step.session_id == session.id, Step.step_type == "message", Step.role == "engineer", Step.id > step.id
    )
    return int(db.session.scalar(query) or 0)


def messages(session: Session, limit: Optional[int] = None) -> list[Step]:
    """The session's chat messages in order, the last `limit` of them if given."""
    query = select(Step).where(Step.session_id == session.id, Step.step_type == "message")
    if limit:
        rows = list(db.session.scalars(query.order_by(Step.id.desc()).limit(limit)))
        return rows[::-1]
    return list(db.session.scalars(query.order_by(Step.id)))


def first_roles(session: Session, limit: int) -> list[str]:
    """The roles of the session's first `limit` messages, oldest first (a bounded read, whatever its length)."""
    return list(
        db.session.scalars(
            select(Step.role)
            .where(Step.session_id == session.id, Step.step_type == "message")
            .order_by(Step.id)
            .limit(limit)
        )
    )


def recent_steps(session: Session, limit: int, before: Optional[int] = None) -> tuple[list[Step], bool]:
    """The session's latest `limit` steps (before a step id, for "load earlier"), oldest first, and whether
    there are earlier ones."""
    query = select(Step).where(Step.session_id == session.id)
    if before is not None:
        query = query.where(Step.id < before)
    rows = list(db.session.scalars(query.order_by(Step.id.desc()).limit(limit + 1)))
    return rows[:limit][::-1], len(rows) > limit


def status_updates(session: Session) -> list[Step]:
    """The session's stored updates, oldest first."""
    return list(
        db.session.scalars(
            select(Step).where(Step.session_id == session.id, Step.step_type == "status_update").order_by(Step.id)
        )
    )


def toggle_pause(session: Session) -> Step:
    """Pause an active session, or resume a paused one."""
    if session.status == "active":
        session.status = "paused"
        text = "Session paused."
    elif session.status == "paused":
        session.status = "active"
        text = "Session resumed."
    else:
        raise ActionError(f"This session is already {session.status}; it cannot be paused.")
    return add_step(session, "pause" if session.status == "paused" else "resume", "system", {"text": text})


def _require_text(value: Any, name: str, prompt: str) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise ActionError(f"Please add {prompt} first.")
    if len(text) > 4000:
        raise ActionError(f"The {name} is too long (4,000 characters at most).")
    return text


def _close(session: Session, status: str, text: str, field: str, step_type: str, key: str) -> Step:
    """End the session as resolved or escalated, keeping the engineer's words."""
    session.status = status
    session.diagnosis_state = status
    setattr(session, field, text)
    session.ended_at = utcnow()
    return add_step(session, step_type, "engineer", {key: text})


def resolve(session: Session, summary: Any) -> Step:
    """Mark the session resolved with the engineer's summary of the fix."""
    if session.status == "resolved":
        raise ActionError("This session is already resolved.")
    summary = _require_text(summary, "summary", "a summary of the fix")
    return _close(session, "resolved", summary, "resolution_summary", "resolution", "summary")


def escalate(session: Session, reason: Any) -> Step:
    """Mark the session escalated with the reason for handing it on."""
    if session.status in ("resolved", "escalated"):
        raise ActionError(f"This session is already {session.status}.")
    reason = _require_text(reason, "reason", "a reason for escalating")
    return _close(session, "escalated", reason, "escalation_reason", "escalation", "reason")


def update_step(session: Session, step_id: Any, latest: bool = False) -> Optional[Step]:
    """The session's stored update with this id; with latest=True and no id, its newest update."""
    if step_id is not None and not valid_id(step_id):
        return None
    if step_id is None and not latest:
        return None
    query = select(Step).where(Step.session_id == session.id, Step.step_type == "status_update")
    if step_id is not None:
        query = query.where(Step.id == step_id)
    return db.session.scalar(query.order_by(Step.id.desc()).limit(1))


def latest_step(session: Session) -> Optional[Step]:
    """The session's newest step, without loading the others."""
    return db.session.scalar(select(Step).where(Step.session_id == session.id).order_by(Step.id.desc()).limit(1))


def reopen(session: Session) -> Step:
    """Open a resolved or escalated session again; its summary or reason stays in the history as a step."""
    if session.status not in ("resolved", "escalated"):
        raise ActionError("This session is still open.")
    session.status, session.diagnosis_state, session.ended_at = "active", "investigating", None
    session.resolution_summary = session.escalation_reason = None  # updates now describe the open work
    return add_step(session, "reopen", "system", {"text": "Session reopened."})


def pending_request(session: Session) -> Optional[dict[str, Optional[str]]]:
    """The update request this session is still setting up (audience, length, context), if any."""
    row = db.session.get(PendingUpdate, session.id)
    return dict(row.request) if row else None


def set_pending_request(session: Session, request: Optional[dict[str, Optional[str]]]) -> None:
    """Keep (or, with None, forget) the request being set up, for every tab of this session."""
    row = db.session.get(PendingUpdate, session.id)
    if request is None:
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(PendingUpdate(session_id=session.id, request=request))
    else:
        row.request, row.updated_at = dict(request), utcnow()
    db.session.commit()
