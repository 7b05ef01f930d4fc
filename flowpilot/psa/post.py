"""Post to Ticket as MSPs log work: the note, an optional time entry and an optional status change, each
claimed in the database before its call so it happens once, each outcome kept on the update's step."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Optional

from ..errors import FlowPilotError, PSAError
from ..extensions import db
from ..models import Session, Step, User, utcnow
from ..vocabulary import BILLABLE, NOTE_KINDS, POST_PARTS, note_kind
from . import choices, work
from .service import claim, client_for, postable_text, release

if TYPE_CHECKING:
    from ..services import Services

MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class PostRequest:
    """What the engineer chose in the dialog: minutes to log (None: no time entry), billing, work type, and the
    status to move the ticket to (None: leave it)."""

    minutes: Optional[int] = None
    billable: str = "DoNotBill"
    work_type: str = ""
    status_id: Optional[int] = None
    confirmed: bool = False  # the engineer confirmed a client post whose edit the firewall flags


def parse_request(frame: dict[str, Any]) -> PostRequest:
    """The dialog's choices from a socket frame; a FlowPilotError names the one that is wrong."""
    minutes, status_id = frame.get("minutes"), frame.get("status_id")
    if minutes is not None and (
        isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_MINUTES
    ):
        raise FlowPilotError(f"Time must be a whole number of minutes from 1 to {MAX_MINUTES}.")
    billable = frame.get("billable") or "DoNotBill"
    if not isinstance(billable, str) or billable not in BILLABLE:
        raise FlowPilotError("Choose how the time is billed: " + ", ".join(BILLABLE.values()) + ".")
    work_type = frame.get("work_type") or ""
    if not isinstance(work_type, str) or len(work_type) > 50:
        raise FlowPilotError("The work type must be a ConnectWise work type name of up to 50 characters.")
    if status_id is not None and (isinstance(status_id, bool) or not isinstance(status_id, int) or status_id < 1):
        raise FlowPilotError("Choose one of the ticket's statuses, or leave the status as it is.")
    return PostRequest(minutes, billable, work_type.strip(), status_id, frame.get("confirm") is True)


def post_update(session: Session, step: Step, user: User, services: Services, wanted: PostRequest) -> dict[str, Any]:
    """Post what was asked that is not posted yet, in order (the note, the time, the status), stopping at the
    first part that fails or that another tab holds; each outcome is saved as soon as it is known."""
    content = step.content
    kind = note_kind(content.get("audience", "ticket_notes"), content.get("context", "progress"))
    before = content.get("psa_push_status") or {}
    parts = parts_of(before)
    asked = ["note", *(["time"] if wanted.minutes else []), *(["status"] if wanted.status_id else [])]
    todo = [p for p in asked if (parts.get(p) or {}).get("status") != "posted"]
    if not todo:  # a second click or tab: nothing is posted twice
        return {**before, "already": True}
    try:
        client = client_for(services, session.account)
        if not session.psa_ticket_id:
            raise PSAError("Link this session to a ConnectWise ticket first.")
        text = postable_text(content, NOTE_KINDS[kind]["customer_visible"], wanted.confirmed)
    except PSAError as exc:
        return _save(step, {}, kind, session.psa_ticket_id, failure=str(exc))
    saved: dict[str, Any] = before
    for part in todo:
        outcome = _post_part(part, session, step, user, client, text, kind, wanted, services)
        if outcome["status"] == "busy":  # another tab or click holds it: its outcome is the one recorded
            db.session.refresh(step)
            current = step.content.get("psa_push_status") or {}
            if all((parts_of(current).get(p) or {}).get("status") == "posted" for p in asked):
                return {**current, "already": True}
            return {**current, "status": "failed" if part == "note" else "partial", "reason": BUSY, "kind": kind}
        if outcome["status"] == "failed" and part != todo[-1]:
            skipped = [POST_PARTS[p] for p in todo[todo.index(part) + 1 :]]
            were = "was" if len(skipped) == 1 else "were"
            outcome["reason"] = f"{outcome['reason'].rstrip('.')}; {' and '.join(skipped)} {were} not tried."
        saved = _save(step, {part: outcome}, kind, session.psa_ticket_id)
        if outcome["status"] == "failed":
            break  # in order: a status that closes the ticket must not land before the time it would refuse
    choices.remember(user, content.get("audience", "ticket_notes"), wanted, parts_of(saved))
    return saved


BUSY = "This update is already being posted (from another tab or click); give it a moment."


def parts_of(record: dict[str, Any]) -> dict[str, Any]:
    """A post's parts; a record stored before time and status existed holds just its note."""
    parts = dict(record.get("parts") or {})
    if record.get("status") == "posted" and "note" not in parts:
        parts["note"] = {"status": "posted", "id": record.get("note_id")}
    return parts


def _post_part(
    part: str,
    session: Session,
    step: Step,
    user: User,
    client: Any,
    text: str,
    kind: str,
    wanted: PostRequest,
    services: Services,
) -> dict[str, Any]:
    """One part, claimed before its call so no tab, retry or double click makes it twice."""
    claimed = claim(step.id, part)
    if claimed is None:
        return {"status": "busy"}
    ticket = int(session.psa_ticket_id or 0)
    try:
        found = _already_there(part, client, ticket, text, kind) if claimed == "stale" else None
        if found:
            return found
        if part == "note":
            note = client.post_note(ticket, text, kind, member_identifier=user.psa_member_id)
            return {"status": "posted", "id": note.id, "at": utcnow().isoformat() + "Z"}
        if part == "time":
            minutes = int(wanted.minutes or 0)
            entry = work.add_time_entry(
                client,
                ticket,
                services.clock(),
                minutes,
                text,
                wanted.billable,
                wanted.work_type,
                user.psa_member_id,
                internal=not NOTE_KINDS[kind]["customer_visible"],
            )
            return {
                "status": "posted",
                "id": entry.id,
                "minutes": minutes,
                "end": entry.end,
                "user_id": user.id,
                "billable": wanted.billable,
            }
        _, statuses = work.board_statuses(client, ticket)
        chosen = next((s for s in statuses if s.id == wanted.status_id), None)
        if chosen is None:
            raise PSAError("That status is not on this ticket's board any more; choose another.")
        work.set_status(client, ticket, chosen.id)
        return {"status": "posted", "id": chosen.id, "name": chosen.name, "closed": chosen.closed}
    except PSAError as exc:
        release(step.id, part)  # it did not happen: a retry may claim it again
        return {"status": "failed", "reason": str(exc)}
    except Exception:
        release(step.id, part)  # never leave a part claimed for good; the error page says what to do
        raise


def _already_there(part: str, client: Any, ticket: int, text: str, kind: str) -> Optional[dict[str, Any]]:
    """After a poster died mid-call: the note or time entry it may have made (a status change is safe to redo)."""
    if part == "note":
        note = next((n for n in client.list_notes(ticket) if n.text == text and n.kind == kind), None)
        return {"status": "posted", "id": note.id} if note else None
    if part == "time":
        entry = work.entry_with_text(client, ticket, text)
        return {"status": "posted", "id": entry.id, "minutes": entry.minutes, "end": entry.end} if entry else None
    return None


def _summary(before: dict[str, Any], parts: dict[str, Any], kind: str, ticket_id: Optional[int]) -> dict[str, Any]:
    """The step's record: posted when every part tried is, partial when the note is but another is not."""
    failed = [p for p in POST_PARTS if (parts.get(p) or {}).get("status") == "failed"]
    note = parts.get("note") or {}
    status = "failed" if note.get("status") != "posted" else "partial" if failed else "posted"
    summary = {k: v for k, v in before.items() if k not in ("reason", "already", "failed_parts")}
    summary |= {"status": status, "kind": kind, "ticket_id": ticket_id, "parts": parts}
    if note.get("status") == "posted":
        summary["note_id"] = note.get("id")
    if failed:
        reason = parts[failed[0]]["reason"]
        summary["failed_parts"] = failed
        summary["reason"] = (
            reason if failed == ["note"] else f"The note is posted, but {POST_PARTS[failed[0]]} failed: {reason}"
        )
    return summary


def _save(
    step: Step, done: dict[str, Any], kind: str, ticket_id: Optional[int], failure: Optional[str] = None
) -> dict[str, Any]:
    """Record what this post did beside what others recorded meanwhile (the PSA calls can take a while)."""
    db.session.refresh(step)
    before = step.content.get("psa_push_status") or {}
    if failure:  # nothing was tried: the update cannot go to this ticket as it is
        noted = (parts_of(before).get("note") or {}).get("status") == "posted"
        status = {**before, "status": "partial" if noted else "failed", "reason": failure, "kind": kind}
    else:
        status = _summary(before, {**parts_of(before), **done}, kind, ticket_id)
    status["at"] = utcnow().isoformat() + "Z"
    step.content = {**step.content, "psa_push_status": status}  # a new dict, so the JSON column is saved
    db.session.commit()
    return status


def minutes_to_log(session: Session, user: User, now: datetime) -> int:
    """Minutes since this engineer's last time entry on the session, or since the session started."""
    ends = [
        part["end"]
        for step in session.steps
        if step.step_type == "status_update"
        for part in [((step.content.get("psa_push_status") or {}).get("parts") or {}).get("time") or {}]
        if part.get("status") == "posted" and part.get("user_id") == user.id and part.get("end")
    ]
    since = session.started_at
    for end in ends:
        try:
            since = max(since, datetime.strptime(end, work.CW_TIME))
        except ValueError:
            continue
    return max(1, min(MAX_MINUTES, math.ceil((now - since).total_seconds() / 60)))
