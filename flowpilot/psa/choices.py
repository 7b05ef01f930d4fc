"""What the Post to Ticket dialog offers and preselects: the team's defaults (PSA settings), then the engineer's
last choices for the audience, and the statuses of the ticket's board fetched from ConnectWise."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from sqlalchemy.exc import IntegrityError

from ..errors import PSAError
from ..extensions import db
from ..models import Account, PostChoice, Session, Step, User, utcnow
from ..vocabulary import AUDIENCES, BILLABLE, DEFAULT_BILLABLE, NOTE_KINDS, note_kind
from . import work
from .service import client_for

if TYPE_CHECKING:
    from ..services import Services
    from .post import PostRequest


def team_defaults(account: Account) -> dict[str, Any]:
    """The admin's defaults: a work type, a billable option and a status name per audience."""
    saved = (account.psa_settings or {}).get("post_defaults") or {}
    billable = {a: (saved.get("billable") or {}).get(a) or DEFAULT_BILLABLE[a] for a in AUDIENCES}
    status = {a: str((saved.get("status") or {}).get(a) or "") for a in AUDIENCES}
    return {"work_type": str(saved.get("work_type") or ""), "billable": billable, "status": status}


def updated_defaults(form: dict[str, Any]) -> dict[str, Any]:
    """Team defaults from the PSA settings form; an unknown billable option falls back to the standard one."""
    billable = {
        a: form.get(f"billable_{a}") if form.get(f"billable_{a}") in BILLABLE else DEFAULT_BILLABLE[a]
        for a in AUDIENCES
    }
    status = {a: str(form.get(f"status_{a}") or "").strip()[:50] for a in AUDIENCES}
    return {"work_type": str(form.get("work_type") or "").strip()[:50], "billable": billable, "status": status}


def remember(user: User, audience: str, wanted: PostRequest, parts: dict[str, Any]) -> None:
    """Keep the engineer's choices for this audience, to preselect them next time."""
    status = parts.get("status") or {}
    chosen = {
        "log_time": wanted.minutes is not None,
        "billable": wanted.billable,
        "work_type": wanted.work_type,
        "status_id": wanted.status_id,  # kept even when the change was not made, to offer it again
        "status_name": status.get("name", "") if wanted.status_id else "",
    }
    for _ in range(2):  # two tabs posting at once may both insert the first row: the second then updates it
        row = db.session.get(PostChoice, (user.id, audience)) or PostChoice(user_id=user.id, audience=audience)
        row.choices, row.updated_at = chosen, utcnow()
        db.session.add(row)
        try:
            db.session.commit()
            return
        except IntegrityError:
            db.session.rollback()


def options(session: Session, step: Step, user: User, services: Services) -> dict[str, Any]:
    """Everything the dialog shows for this update: the note kind in words, time prefilled, billing and work
    type, the board's statuses with one preselected (or none), and what is already posted."""
    from .post import minutes_to_log

    content = step.content
    audience = str(content.get("audience")) if content.get("audience") in AUDIENCES else "ticket_notes"
    context = content.get("context", "progress")
    kind = note_kind(audience, context)
    defaults = team_defaults(session.account)
    last = (db.session.get(PostChoice, (user.id, audience)) or PostChoice(choices={})).choices or {}
    result: dict[str, Any] = {
        "kind": kind,
        "kind_label": NOTE_KINDS[kind]["label"],
        "customer_visible": NOTE_KINDS[kind]["customer_visible"],
        "log_time": bool(last.get("log_time")),
        "minutes": minutes_to_log(session, user, services.clock()),
        "billable": last.get("billable") if last.get("billable") in BILLABLE else defaults["billable"][audience],
        "billable_options": [{"value": v, "label": label} for v, label in BILLABLE.items()],
        "work_type": last.get("work_type") or defaults["work_type"],
        "statuses": [],
        "current_status_id": None,
        "status_id": None,
        "status_error": None,
        "posted": content.get("psa_push_status") or {},
        "confirm_findings": _kept_findings(content) if NOTE_KINDS[kind]["customer_visible"] else [],
    }
    try:
        current, statuses = work.board_statuses(client_for(services, session.account), int(session.psa_ticket_id or 0))
    except PSAError as exc:
        result["status_error"] = f"The ticket's statuses could not be loaded: {exc}"
        return result
    result["current_status_id"] = current
    result["statuses"] = [{"id": s.id, "name": s.name, "closed": s.closed} for s in statuses]
    if "status_id" in last:  # the engineer's last choice for this audience, "leave it" included
        same = next((s for s in statuses if s.id == last["status_id"]), None) if last["status_id"] else None
        chosen = same or (_named(statuses, str(last.get("status_name") or "")) if last["status_id"] else None)
    else:
        chosen = _named(statuses, defaults["status"][audience]) if defaults["status"][audience] else None
    if chosen is None and context == "resolution":  # Share Resolution: close the ticket in the same click
        chosen = _closing(statuses)
    result["status_id"] = chosen.id if chosen else None
    return result


def _kept_findings(content: dict[str, Any]) -> list[str]:
    """What the firewall flags in an edit the engineer kept as typed: the dialog asks them to confirm it."""
    from ..updates.edits import finding

    firewall = content.get("firewall") or {}
    if firewall.get("clean", True) or not firewall.get("kept_by_engineer"):
        return []
    return [finding(item) for item in [*firewall.get("rewritten", []), *firewall.get("removed", [])]]


def _named(statuses: list[work.BoardStatus], name: str) -> Optional[work.BoardStatus]:
    return next((s for s in statuses if s.name.strip().lower() == name.strip().lower()), None)


def _closing(statuses: list[work.BoardStatus]) -> Optional[work.BoardStatus]:
    """The board's closing status: one named 'Closed', else one named like it ('>Closed'), else any closed one."""
    closed = [s for s in statuses if s.closed]
    return (
        _named(closed, "Closed")
        or next((s for s in closed if "closed" in s.name.lower()), None)
        or (closed[0] if closed else None)
    )
