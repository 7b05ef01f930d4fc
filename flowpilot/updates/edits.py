"""Editing a stored update in place: the original is kept, the edit becomes the current version (who, when),
secrets never stay in it, and client text goes through the firewall as it is saved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import ledger as ledger_module
from .. import secret_detector, transcripts
from ..errors import FlowPilotError
from ..extensions import db
from ..models import Session, Step, User, utcnow
from ..vocabulary import CLIENT_AUDIENCES
from .service import other_clients

if TYPE_CHECKING:
    from ..services import Services

MAX_EDIT_CHARS = 20000
# How a finding is named to the engineer ("adds a server name: RVC-DC01").
KIND_WORDS = {
    "host": "a server or computer name",
    "ip": "a network address",
    "mac": "a hardware address",
    "unc": "a shared folder path",
    "registry": "a registry path",
    "event_id": "an event ID",
    "error_code": "an error code",
    "email": "an email address",
    "user": "a user name",
    "url": "a web address",
    "domain": "a domain name",
    "tool": "an admin tool's name",
    "jargon": "a technical term",
    "blame": "wording that blames someone",
    "instruction": "pasted instructions",
    "other_client": "another client's name",
    "secret": "a password or key",
}


@dataclass(frozen=True)
class EditOutcome:
    """What saving an edit did: saved (with what changed on the way) or held back for the engineer to confirm."""

    saved: bool
    findings: list[str]
    note: str = ""


def save_edit(session: Session, step: Step, user: User, text: Any, services: Services, keep: bool) -> EditOutcome:
    """Store the engineer's text as the update's current version. For client text, anything the firewall would
    change is named first; with `keep` it is saved as typed (for Copy), marked so a post to the client asks again."""
    if not isinstance(text, str) or not text.strip():
        raise FlowPilotError("The edited update is empty; type the text you want, or cancel the edit.")
    if len(text) > MAX_EDIT_CHARS:
        raise FlowPilotError(f"The edited update is too long ({MAX_EDIT_CHARS:,} characters at most).")
    content = dict(step.content)
    audience = str(content.get("audience", "ticket_notes"))
    built = ledger_module.build(transcripts.from_session(session))
    text, had_secret = _without_secrets(text.strip(), built.secrets)
    firewall = {"clean": True, "count": 0, "summary": "Nothing needed removing.", "removed": [], "rewritten": []}
    findings: list[str] = []
    if audience in CLIENT_AUDIENCES:
        _, report = services.firewall.check(text, audience, built, other_clients(session))
        findings = [finding(item) for item in [*report.rewritten, *report.removed]]
        if findings and not keep:
            return EditOutcome(False, findings)
        firewall = {**report.as_dict(), "clean": not findings, "kept_by_engineer": bool(findings)}
    # The engineer's own words: no sentence can be traced to the chat with certainty.
    step.content = with_version(content, text, user, "edit", firewall=firewall, edited=True, sources=[])
    db.session.commit()
    note = "A password or key in your edit was replaced with [redacted]; it is not stored." if had_secret else ""
    return EditOutcome(True, findings, note)


def with_version(content: dict[str, Any], text: str, user: User, how: str, **changes: Any) -> dict[str, Any]:
    """The update's content with `text` as its current version (who, when, how), the first text kept as the
    original; a new dict, so the JSON column is saved."""
    version = {"text": text, "by": user.display_name, "user_id": user.id, "at": utcnow().isoformat() + "Z", "how": how}
    return {
        **content,
        "original_content": content.get("original_content", content.get("generated_content", "")),
        "generated_content": text,
        "versions": [*content.get("versions", []), version],
        **changes,
    }


def _without_secrets(text: str, known: list[str]) -> tuple[str, bool]:
    """The text with anything secret-shaped (or a secret seen in this session) replaced by [redacted]."""
    redacted = secret_detector.redact(text)
    for value in sorted(known, key=len, reverse=True):
        redacted = redacted.replace(value, "[redacted]")
    return redacted, redacted != text


def finding(item: dict[str, str]) -> str:
    """'adds a server name: RVC-DC01'."""
    what = KIND_WORDS.get(item.get("kind", ""), "a term clients should not see")
    term = item.get("term", "")
    return f"adds {what}: {term}" if term and term not in ("a secret", "pasted instructions") else f"adds {what}"
