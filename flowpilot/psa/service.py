"""Linking sessions to tickets; what may be posted, and the claims that make each part of a post happen once."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Optional

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError

from .. import secret_detector
from ..errors import PSAError, PSANotConnected
from ..extensions import db
from ..models import Account, PostClaim, Session, utcnow
from ..text import valid_id
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


def postable_text(content: dict[str, Any], customer_visible: bool, confirmed: bool = False) -> str:
    """The note text; a customer-visible note must hold nothing secret-shaped, and a firewall finding (an edit
    kept as typed) needs the engineer's explicit confirmation."""
    text = plain_text(str(content.get("generated_content", "")))
    if not customer_visible:
        return secret_detector.redact(text)
    if secret_detector.has_secret(text):
        raise PSAError(
            "This update holds something that looks like a password or key, so it can't be posted "
            "where the client can see it; remove it and post again, or copy it instead."
        )
    firewall = content.get("firewall") or {}
    if not firewall.get("clean", False) and firewall.get("kept_by_engineer"):
        if confirmed:
            return text
        raise PSAError(
            "Your edit keeps terms the firewall flags for clients; tick the confirmation in the Post dialog "
            "to post it where the client can see it."
        )
    if not firewall.get("clean", False):
        raise PSAError(
            "This update still has terms that must not reach the client; regenerate it before "
            "posting it where the client can see it."
        )
    return text


# A claim this old with no outcome saved belongs to a post that died mid-call (every call gives up well before).
STALE_CLAIM = timedelta(minutes=5)


def claim(step_id: int, part: str) -> Optional[str]:
    """Claim one part of a post for this update: 'new', or 'stale' when taking over a claim whose poster died
    (look before posting: it may have reached the PSA), or None while another tab or click holds it."""
    try:
        db.session.add(PostClaim(step_id=step_id, part=part))
        db.session.commit()
        return "new"
    except IntegrityError:
        db.session.rollback()
    now = utcnow()
    taken = db.session.execute(  # one atomic UPDATE: of two takers, only one sees its row changed
        update(PostClaim)
        .where(PostClaim.step_id == step_id, PostClaim.part == part, PostClaim.claimed_at < now - STALE_CLAIM)
        .values(claimed_at=now)
    )
    db.session.commit()
    return "stale" if getattr(taken, "rowcount", 0) == 1 else None


def release(step_id: int, part: str) -> None:
    """Give a claim back after its call failed."""
    db.session.execute(delete(PostClaim).where(PostClaim.step_id == step_id, PostClaim.part == part))
    db.session.commit()
