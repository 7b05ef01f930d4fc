"""Linking sessions to tickets and posting updates as notes; outcomes are kept on the step."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Optional

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from .. import secret_detector
from ..errors import PSAError, PSANotConnected
from ..extensions import db
from ..models import Account, PostClaim, Session, Step, User, utcnow
from ..text import valid_id
from ..vocabulary import NOTE_KINDS, note_kind
from . import account as psa_account
from .connectwise import ConnectWiseClient, Ticket

if TYPE_CHECKING:
    from ..services import Services


def parse_ticket_id(value: Any) -> Optional[int]:
    """'884213', '#884213' or 'CW-884213' → 884213; anything else → None."""
    match = re.fullmatch(r"\s*(?:#|cw-?)?(\d{1,10})\s*", str(value or ""), re.I)
    return int(match.group(1)) if match and valid_id(int(match.group(1))) else None


def client_for(services: Services, account: Account) -> ConnectWiseClient:
    """The account's ConnectWise client; PSANotConnected when it is not set up."""
    client = services.psa_clients(account)
    if client is None:
        raise PSANotConnected()
    return client


def lookup_ticket(services: Services, account: Account, ticket_id: int) -> Ticket:
    """The ticket from the account's ConnectWise, or a PSAError saying why not."""
    return client_for(services, account).get_ticket(ticket_id)


def link(session: Session, ticket: Ticket) -> None:
    """Tie the session to the ticket; fill client, contact and issue where they are still empty."""
    session.psa_ticket_id = ticket.id
    session.ticket_number = session.ticket_number or f"#{ticket.id}"
    # ConnectWise's own limits are not ours: cut to fit our columns.
    session.client_name = session.client_name or ticket.company_name[:200]
    session.contact_name = session.contact_name or ticket.contact_name[:200]
    session.issue = session.issue or ticket.summary[:4000]
    db.session.commit()


def can_post(session: Session) -> bool:
    """Post to Ticket is offered only with a connected PSA and a linked ticket."""
    return bool(session.psa_ticket_id) and psa_account.is_configured(session.account)


def plain_text(text: str) -> str:
    """ConnectWise notes are plain text: drop markdown emphasis."""
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text)


def postable_text(content: dict[str, Any], customer_visible: bool) -> str:
    """The note text; a customer-visible note must hold nothing secret-shaped and have a clean firewall report."""
    text = plain_text(str(content.get("generated_content", "")))
    if not customer_visible:
        return secret_detector.redact(text)
    if secret_detector.has_secret(text):
        raise PSAError(
            "This update holds something that looks like a password or key, so it can't be posted "
            "where the client can see it; remove it and post again, or copy it instead."
        )
    if not (content.get("firewall") or {}).get("clean", False):
        raise PSAError(
            "This update still has terms that must not reach the client; regenerate it before "
            "posting it where the client can see it."
        )
    return text


def claim(step_id: int, part: str) -> bool:
    """Claim one part of a post (the note, later the time entry…) for this update; False if already claimed."""
    try:
        db.session.add(PostClaim(step_id=step_id, part=part))
        db.session.commit()
        return True
    except IntegrityError:
        db.session.rollback()
        return False


def release(step_id: int, part: str) -> None:
    """Give a claim back after its call failed."""
    db.session.execute(delete(PostClaim).where(PostClaim.step_id == step_id, PostClaim.part == part))
    db.session.commit()


def post_update(session: Session, step: Step, user: User, services: Services) -> dict[str, Any]:
    """Post a stored update to the linked ticket as the right kind of note; record the outcome on the step."""
    content = step.content
    kind = note_kind(content.get("audience", "ticket_notes"), content.get("context", "progress"))
    posted = content.get("psa_push_status") or {}
    if posted.get("status") == "posted":  # a second click must not make a second note
        return {**posted, "already": True}
    claimed = False
    try:
        client = client_for(services, session.account)
        if not session.psa_ticket_id:
            raise PSAError("Link this session to a ConnectWise ticket first.")
        text = postable_text(content, NOTE_KINDS[kind]["customer_visible"])
        # Claimed in the database before the call: a second tab or a double click never posts twice.
        claimed = claim(step.id, "note")
        if not claimed:
            db.session.refresh(step)
            current = step.content.get("psa_push_status") or {}
            if current.get("status") == "posted":
                return {**current, "already": True}
            raise PSAError("This update is already being posted (from another tab or click); give it a moment.")
        note = client.post_note(session.psa_ticket_id, text, kind, member_identifier=user.psa_member_id)
        status = {"status": "posted", "note_id": note.id, "ticket_id": session.psa_ticket_id, "kind": kind}
    except PSAError as exc:
        if claimed:
            release(step.id, "note")  # it did not post: a retry may claim it again
        status = {"status": "failed", "reason": str(exc), "kind": kind}
    status["at"] = utcnow().isoformat() + "Z"
    db.session.refresh(step)  # the PSA call can take a while: keep what others wrote meanwhile
    step.content = {**step.content, "psa_push_status": status}  # a new dict, so the JSON column is saved
    db.session.commit()
    return status
