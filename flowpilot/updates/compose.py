"""The grounded engine: a Ledger × audience × length × context × team template → text. No LLM."""

from __future__ import annotations

import re
from typing import Optional

from ..ledger import Ledger
from ..vocabulary import CONTEXT_OF_OUTCOME, CONTEXTS
from . import client, notes, outcome, phrases, questions, sources
from .template import Template


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
        return notes.ticket_notes(ledger, length, context, template)
    if audience == "client_questions":
        asked = questions.numbered(ledger)
        return "\n\n".join([greeting(ledger, template), asked, "Thanks for your help.", signoff(ledger, template)])
    body = client_body(ledger, length, context, template, greet=(audience == "client_update"))
    if audience == "client_update":
        return body
    return email_draft(ledger, body, context, template, company)


# --- client update and email -------------------------------------------------------------------
def client_body(ledger: Ledger, length: str, context: str, template: Template, greet: bool) -> str:
    """The client update text; for an email, the body without greeting or sign-off."""
    if length == "quick":
        name = client.greeting_name(ledger.intake)
        text = outcome.quick(ledger, context, name)
        hello = phrases.TONES[template.client_tone]["greeting"].format(name=name)
        if greet and text.startswith(f"Hi {name},"):  # the team's tone greets ("Dear Dr. Ferris,")
            return hello + text[len(f"Hi {name},") :]
        return text if greet else text.split(", ", 1)[-1][:1].upper() + text.split(", ", 1)[-1][1:]
    written = outcome.write(ledger, context)
    for line in (line for lines in written for line in lines):
        sources.note(line.text, line.sources)
    paragraphs = [" ".join(line.text for line in lines) for lines in written]
    if greet:
        paragraphs = [greeting(ledger, template), *paragraphs, signoff(ledger, template)]
    return "\n\n".join(p for p in paragraphs if p)


def greeting(ledger: Ledger, template: Template) -> str:
    """'Hi Dana,' or 'Dear Dr. Ferris,', as the team's tone says."""
    return phrases.TONES[template.client_tone]["greeting"].format(name=client.greeting_name(ledger.intake))


def signoff(ledger: Ledger, template: Template, company: str = "", full: bool = False) -> str:
    """The team's sign-off, or the tone's closing with the engineer's name (and the company, if the team wants)."""
    if template.client_signoff != "auto":
        return template.client_signoff
    who = (
        ledger.intake.get("engineer_full_name" if full else "engineer_name") or ledger.intake.get("engineer_name") or ""
    )
    lines = [phrases.TONES[template.client_tone]["signoff"], who]
    if company and template.include_company_in_signoff:
        lines.append(company)
    return "\n".join(line for line in lines if line)


def subject_line(ledger: Ledger, context: str) -> str:
    """'Subject: Update: Emails to some of your buyers bouncing back — TKT-4821': the problem in plain words."""
    problem = client.problem(ledger) or "the issue you reported"
    if len(problem) > 80:  # the first clause names the problem well enough; cut mid-phrase only when it must
        first = re.split(r",\s+|\s+(?:and|but|so|because|since)\s+", problem, maxsplit=1)[0]
        problem = first if 20 <= len(first) <= 80 else problem[:80].rsplit(" ", 1)[0] + "…"
    ticket = ledger.intake.get("ticket_number")
    return f"Subject: {CONTEXTS[context]['subject']}: {problem[:1].upper() + problem[1:]}" + (
        f" — {ticket}" if ticket else ""
    )


def email_draft(ledger: Ledger, body: str, context: str, template: Template, company: str) -> str:
    """Subject line, greeting with the contact's name, the body, full sign-off."""
    return "\n\n".join(
        [subject_line(ledger, context), greeting(ledger, template), body, signoff(ledger, template, company, full=True)]
    )
