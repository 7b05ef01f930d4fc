"""The grounded engine: a Ledger × audience × length × context × team template → text. No LLM."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Optional

from ..ledger import Fact, Ledger, names_cause
from ..vocabulary import CONTEXT_OF_OUTCOME, CONTEXTS
from .client_text import ClientWriter, issue_topic
from .template import Template

STATUS_LABEL = {
    "investigating": "Investigating",
    "identified": "Cause identified",
    "implementing": "Implementing fix",
    "resolved": "Resolved",
    "escalated": "Escalated",
}


def default_context(ledger: Ledger) -> str:
    """Progress while in progress, resolution once resolved, escalation once escalated."""
    return CONTEXT_OF_OUTCOME.get(ledger.outcome, "progress")


def compose(
    ledger: Ledger,
    audience: str,
    length: str,
    context: Optional[str] = None,
    template: Optional[Template] = None,
    company: str = "",
) -> str:
    """The update text, before the firewall."""
    template = template or Template()
    context = context or default_context(ledger)
    if audience == "ticket_notes":
        return ticket_notes(ledger, length, context, template)
    body = client_body(ledger, length, context, template, greet=(audience == "client_update"))
    if audience == "client_update":
        return body
    return email_draft(ledger, body, context, template, company)


# --- ticket notes: technical, for the PSA -------------------------------------------------------
def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def _first_sentence(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0]
    return _sentence(first if first.endswith((".", "!", "?")) else first + ".")


# A ticket note holds what matters, not a long session's every line: at most this many bullets per section.
MAX_BULLETS = {"Steps completed": 30, "Since last update": 15}
DEFAULT_MAX_BULLETS = 12
# When a section is cut, what is kept first (newest first within each kind).
KEEP_FIRST = ("finding", "action", "confirmation", "check", "ruled_out", "next_step", "waiting", "note")


def _bullets(facts: Sequence[Fact | str], section: str = "") -> list[str]:
    """Bullets without repeats, at most the section's limit; past it the most telling ones, in session order."""
    items = _distinct(facts)
    limit = MAX_BULLETS.get(section, DEFAULT_MAX_BULLETS)
    if len(items) > limit:
        rank = {kind: i for i, kind in enumerate(KEEP_FIRST)}
        order = sorted(range(len(items)), key=lambda i: (rank.get(getattr(items[i], "kind", ""), len(rank)), -i))
        kept = sorted(order[:limit])
        left = len(items) - limit
        return [f"- {_sentence(_text(items[i]))}" for i in kept] + [
            f"- …and {left} more (the whole history is in the FlowPilot session)."
        ]
    return [f"- {_sentence(_text(item))}" for item in items]


def _text(item: Fact | str) -> str:
    return item.text if isinstance(item, Fact) else item


def _distinct(facts: Sequence[Fact | str]) -> list[Fact | str]:
    """Drop repeats (the same words, whatever the case and punctuation); "WS-114" and "WS-115" stay apart."""
    seen: set[str] = set()
    kept: list[Fact | str] = []
    for item in reversed(facts):  # the newest wording wins
        key = re.sub(r"[^a-z0-9]+", " ", _text(item).lower()).strip()
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept[::-1]


def ticket_notes(ledger: Ledger, length: str, context: str, template: Template) -> str:
    """Status, time, steps with findings, ruled out, diagnosis, next steps; resolution and handoff add more."""
    status = (
        "Resolved"
        if context == "resolution"
        else "Escalated"
        if context == "escalation"
        else STATUS_LABEL[ledger.state]
    )
    minutes = ledger.time_spent_minutes
    diagnosis = ledger.diagnosis
    steps = ledger.of("check", "action", "finding", "confirmation", "note")
    next_steps = ledger.of("next_step", "waiting")
    new = [f for f in ledger.new_facts if f.kind in ("check", "action", "finding", "confirmation", "ruled_out")]
    if length == "quick":
        parts = [f"{status} — {minutes} min in."]
        if ledger.since_message is not None:
            parts.append(
                "Since last update: " + ("; ".join(_sentence(f.text) for f in new[-3:]) or "no new steps") + "."
            )
        if not steps:
            parts.append("Gathering initial information.")
        if context == "resolution" and ledger.resolution_summary:
            parts.append(f"Fix: {_first_sentence(ledger.resolution_summary)}")
        elif diagnosis:
            parts.append(f"{_sentence(diagnosis.text)}.")
        if context == "escalation" and ledger.escalation_reason:
            parts.append(f"Escalated: {_first_sentence(ledger.escalation_reason)}")
        elif next_steps and context == "progress":
            parts.append(f"Next: {_sentence(next_steps[-1].text)}.")
        return " ".join(p.replace("..", ".") for p in parts)
    sections: list[tuple[str, list[str]]] = [("", [f"**Status: {status}**", f"**Time spent: {minutes} minutes**"])]
    if ledger.since_message is not None:
        changed = (
            [f"- Status changed: {STATUS_LABEL.get(ledger.previous_state or '', ledger.previous_state)} → {status}"]
            if ledger.previous_state and STATUS_LABEL.get(ledger.previous_state) != status
            else []
        )
        sections.append(
            (
                "Since last update",
                changed + (_bullets(new, "Since last update") if new else ["- No new steps since the last update."]),
            )
        )
    if not steps and not ledger.ruled_out:
        sections.append(("Steps completed", ["- None yet: gathering initial information."]))
    else:
        sections.append(("Steps completed", _bullets(steps, "Steps completed")))
    if ledger.ruled_out:
        sections.append(("Ruled out", _bullets(ledger.ruled_out)))
    if context == "resolution":
        causes = [f for f in ledger.of("finding") if names_cause(f.text)]
        root = causes[-1].text if causes else ledger.resolution_summary and _first_sentence(ledger.resolution_summary)
        sections.append(
            ("Root cause", [_sentence(root or (diagnosis.text if diagnosis else "Not recorded in the session."))])
        )
        sections.append(("Resolution", [_sentence(ledger.resolution_summary or "See steps above.")]))
        confirmations = ledger.of("confirmation")
        sections.append(
            ("Verification", _bullets(confirmations) if confirmations else ["- Not recorded in the session."])
        )
    elif context == "escalation":
        failed = [f for f in ledger.facts if f.result == "no_change"]
        sections.append(("Why escalated", [_sentence(ledger.escalation_reason or "Not stated.")]))
        if failed:
            sections.append(("What failed", _bullets(failed)))
        sections.append(("Current diagnosis", [_sentence(diagnosis.text) if diagnosis else "No cause identified yet."]))
        sections.append(
            (
                "Where to start",
                _bullets(next_steps)
                if next_steps
                else ["- " + (_sentence(diagnosis.text) if diagnosis else "Re-run the checks above.")],
            )
        )
    else:
        sections.append(
            (
                "Current diagnosis",
                [_sentence(diagnosis.text) if diagnosis else "Still investigating: no cause identified yet."],
            )
        )
        sections.append(("Next steps", _bullets(next_steps) if next_steps else ["- Continue investigating."]))
    lines: list[str] = []
    for title, body in sections:
        if title:
            lines += ["", f"**{title}:**"]
        lines += body
    text = "\n".join(lines).strip()
    return text.replace("**", "") if template.ticket_notes_format == "plain" else text


# --- client update and email -------------------------------------------------------------------
def client_body(ledger: Ledger, length: str, context: str, template: Template, greet: bool) -> str:
    """The client update text; for an email, the body without greeting or sign-off."""
    name = ledger.intake.get("client_name") or "there"
    writer = ClientWriter(ledger, template.client_tone, name)
    if length == "quick":
        text = writer.quick(context)
        return (
            text
            if greet
            else text.split(": ", 1)[-1][:1].upper() + text.split(": ", 1)[-1][1:]
            if ": " in text
            else text
        )
    paragraphs = getattr(writer, context)()
    if greet:
        paragraphs = [writer.say["greeting"].format(name=name), *paragraphs, _signoff(ledger, template, writer)]
    return "\n\n".join(p for p in paragraphs if p)


def _signoff(ledger: Ledger, template: Template, writer: ClientWriter, company: str = "", full: bool = False) -> str:
    if template.client_signoff != "auto":
        return template.client_signoff
    who = (
        ledger.intake.get("engineer_full_name" if full else "engineer_name") or ledger.intake.get("engineer_name") or ""
    )
    lines = [writer.say["signoff"], who]
    if company and template.include_company_in_signoff:
        lines.append(company)
    return "\n".join(line for line in lines if line)


def email_draft(ledger: Ledger, body: str, context: str, template: Template, company: str) -> str:
    """Subject line, greeting with the contact's or client's name, the body, full sign-off."""
    topic = issue_topic(ledger)
    ticket = ledger.intake.get("ticket_number")
    subject = f"Subject: {CONTEXTS[context]['subject']}: {topic[:1].upper() + topic[1:]} issue" + (
        f" — {ticket}" if ticket else ""
    )
    contact = (ledger.intake.get("contact_name") or "").split()
    name = contact[0] if contact else ledger.intake.get("client_name") or "there"
    writer = ClientWriter(ledger, template.client_tone, name)
    greeting = writer.say["greeting"].format(name=name)
    return "\n\n".join([subject, greeting, body, _signoff(ledger, template, writer, company, full=True)])
