"""Refine: a new version of the same update (shorter, more detail, plainer, friendlier, more formal), written by
the same engines and firewall as any update, kept beside the earlier versions on the same step."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..errors import FlowPilotError
from ..extensions import db
from ..models import Session, Step, User
from ..vocabulary import AUDIENCES, ONE_LENGTH, REFINES
from . import service
from .edits import with_version
from .pipeline import UpdateRequest, write_update

if TYPE_CHECKING:
    from ..services import Services

TONE_OF = {"friendlier": "friendly", "more_formal": "formal"}


def refine_update(session: Session, step: Step, user: User, how: Any, services: Services) -> str:
    """Write the new version and store it as the update's current one; a FlowPilotError says why not."""
    if how not in REFINES:
        raise FlowPilotError("Choose one of: " + ", ".join(r["label"] for r in REFINES.values()) + ".")
    content = step.content
    audience, length = str(content.get("audience", "ticket_notes")), str(content.get("length", "detailed"))
    current = str(content.get("generated_content", ""))
    if REFINES[how].get("client_only") and audience == "ticket_notes":
        raise FlowPilotError(f"{REFINES[how]['label']} is for client text; ticket notes keep their technical wording.")
    if how in ("shorter", "more_detail") and audience in ONE_LENGTH:
        raise FlowPilotError(f"{AUDIENCES[audience]['label']} has one length; use Edit to change what it asks.")
    if how == "more_detail" and length == "detailed" and not services.provider:
        raise FlowPilotError("This is already the detailed version; use Edit to add to it.")
    subject = service.session_subject(session, audience)
    subject.since_step_id, subject.store = None, None  # a version of this update, not a new one
    if how in TONE_OF:
        subject.template = replace(subject.template, client_tone=TONE_OF[how])
    wanted = {"shorter": "quick", "more_detail": "detailed"}.get(how, length)
    request = UpdateRequest(audience, wanted, content.get("context"), force=True, refine=how)
    done = list(write_update(subject, request, services))[-1]
    text = str(done["content"])
    if how == "shorter" and len(text) >= len(current):
        text = _cut(current)  # already quick: its first sentences, greeting kept
        done = {**done, "sources": [s for s in done.get("sources") or [] if s.get("text", "") in text]}
    if how == "shorter" and len(text) >= len(current):
        raise FlowPilotError("This update is already as short as it can be.")
    if text == current:
        raise FlowPilotError(
            f"The {REFINES[how]['label'].lower()} version reads the same as this one; use Edit to change it."
        )
    step.content = with_version(
        content,
        text,
        user,
        f"refine:{how}",
        length=wanted,
        engine=done.get("engine"),
        model=done.get("model"),
        firewall=done.get("firewall") or {},
        sources=done.get("sources") or [],
    )
    db.session.commit()
    return f"{REFINES[how]['label']} version of the {AUDIENCES[audience]['label'].lower()} saved."


def _cut(text: str) -> str:
    """A quick update cut to its opening sentence and the one after it (the greeting stays with the first)."""
    sentences = re.findall(r"[^.!?]+(?:[.!?]+|$)", text.strip())
    return "".join(sentences[:2]).strip() if len(sentences) > 2 else "".join(sentences[:1]).strip()


def asked_in_chat(text: str) -> str | None:
    """'shorter', 'make it more formal': the refinement an engineer typed right after an update, or None."""
    said = re.sub(r"[^a-z ]", "", text.lower()).strip()
    said = re.sub(r"^(?:please |pls |can you |could you )?(?:make it |make that |a bit |bit |little )*", "", said)
    said = re.sub(r"\s+(?:please|pls|thanks|ta)$", "", said)
    for how, data in REFINES.items():
        if said in data["words"] or f"make it {said}" in data["words"]:
            return how
    return None
