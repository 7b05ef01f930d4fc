"""Client update and email bodies from the case file: what we're working on, found, did, the workaround,
what happens next and what we need. Only what the session holds; each sentence keeps the messages it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..ledger import Fact, Ledger, is_communication
from . import sources
from .client_text import issue_topic, party
from .plain import is_plain, lower_first, plain, second_person

TITLES = {"dr", "mr", "mrs", "ms", "mx", "prof", "rev", "fr", "sr", "pastor", "judge", "capt", "sister", "father"}
# Pieces of an engineer's note that address someone else or FlowPilot, not the client: not client text.
NOT_FOR_CLIENT = re.compile(
    r"(?i)^(?:told|asked|informed|emailed|called|texted|let|i|i'm|i've|i'll|i'd|also|so|and|no|yes|yep|nope|"
    r"not (?:touching|putting|doing|going|sharing|sending))\b|\b(?:flowpilot|ticket)\b"
)
NEXT_PREFIX = re.compile(r"(?i)^(?:next(?: steps?)?|todo|to do|plan|then)\s*[:,-]?\s*")
_FIX_VERB = re.compile(
    r"(?i)^(?:we |i )?(?:added|removed|replaced|restarted|rebooted|reset|renewed|reinstalled|installed|updated|"
    r"upgraded|changed|set|fixed|cleared|moved|re-?\w+ed|rolled back|restored|enabled|disabled|swapped|configured|"
    r"created|deleted|repaired|recreated|reissued|unblocked|whitelisted|allowed|extended|freed|expanded|rebuilt)\b"
)
_NOT = re.compile(r"(?i)^(?:so\s+|and\s+)?(?:ruled out\s*:?\s*|not\s+(?:a\s+|an\s+)?)")
_FIX_LABEL = re.compile(r"(?i)^(?:the\s+)?(?:temporary\s+|temp\s+)?(?:fix|workaround)\s*[,:-]\s*")
WORKAROUND_TOLD = re.compile(
    r"(?i)^(?:told|asked|advised|let)\s+(?:her|him|them|the client|the office|[a-z]+(?: [a-z]+)?)\s*(?:that\s+|to\s+|know\s+)?[,:]?\s*"
)


@dataclass
class Line:
    """One sentence of client text and the messages it came from (greeting and sign-off have none)."""

    text: str
    sources: tuple[int, ...] = ()


def greeting_name(intake: dict[str, object]) -> str:
    """The contact's first name, or title and surname ('Dr. Ferris'), or the company."""
    contact = str(intake.get("contact_name") or "").split()
    if contact and contact[0].rstrip(".").lower() in TITLES and len(contact) > 1:
        title = contact[0] if contact[0].endswith(".") or len(contact[0]) > 3 else contact[0] + "."
        return f"{title[:1].upper()}{title[1:]} {contact[-1]}"
    if contact:
        return contact[0]
    return str(intake.get("client_name") or "there")


def problem(ledger: Ledger) -> str:
    """The reported issue, in the client's words turned to 'your' ('emails to some of your buyers bouncing back')."""
    issue = str(ledger.intake.get("issue") or "").strip()
    first = re.split(r"(?<=[.!?;])\s+|,\s+(?:we|i|and we|please|pls|need|can you)\b", issue, maxsplit=1)[0]
    first = re.split(r"\s+and\s+(?:you|we|i|they)\b", second_person(first), maxsplit=1)[0].strip(" .!?;:,")
    words = first.split()
    if not words or len(words) > 24:
        topic = issue_topic(ledger)
        return "" if topic == "reported" else f"the {topic} issue"
    return lower_first(first)


def reported(ledger: Ledger) -> str:
    """'the issue you reported (emails to … bouncing back)', or just 'the issue you reported'."""
    text = problem(ledger)
    return f"the issue you reported ({text})" if text else "the issue you reported"


def clause(fact: Fact) -> Optional[str]:
    """A fact as a client-readable clause (first clause only, no commands or codes), or None."""
    text = re.split(r"\s+[-–—]\s+|;\s+", fact.text, maxsplit=1)[0]
    return client_words(text)


# Words that show a sentence is the engineer talking to themselves or about our tools: never client text.
ENGINEER_VOICE = re.compile(
    r"(?i)\b(?:i|i'm|i'll|i've|i'd|me|my|mine|lol|ugh|tbh|imo|our management tools|our remote support tool|"
    r"our support ticket system|our security monitoring service|maybe|i think|i say|prob|guess)\b|\?|\s!\s"
)


def client_words(text: str) -> Optional[str]:
    """plain() of the text, shortened to its first clause when the rest is technical; None when even that is,
    when it reads as the engineer's own voice, or when it runs too long to be sure of."""
    for candidate in (text, re.split(r",\s+|\s+(?:for|on|at|in|via|from|with)\s+(?=\S*\d)", text, maxsplit=1)[0]):
        result = plain(candidate)
        if result and is_plain(result) and not ENGINEER_VOICE.search(result) and len(result.split()) <= 22:
            return result.rstrip(".")
    return None


def found(ledger: Ledger) -> list[Line]:
    """What we found: the cause as sure as the engineer was, and what is ruled out, or that we're still looking."""
    cause = ledger.diagnosis
    ruled = [f for f in ledger.of("ruled_out", "check") if f.kind == "ruled_out" or f.result == "ok"][-2:]
    things = [t for t in (client_words(_NOT.sub("", f.subject or f.text)) for f in ruled) if t]
    checked = [Line(f"We've checked and ruled out: {'; '.join(things)}.", tuple(s for f in ruled for s in f.sources))]
    if cause is not None and cause.certainty in ("confirmed", "likely"):
        text = clause(cause)
        if text:
            lead = "We found the cause: {}." if cause.certainty == "confirmed" else "The most likely cause: {}."
            return [Line(lead.format(text), cause.sources), *(checked if things else [])]
    if things:
        return checked
    if not ledger.of("check", "finding", "action", "ruled_out", "confirmation"):
        return [Line("We've started looking into it and are gathering the first details.")]
    return []  # saying "we're still looking" could be false when the engineer knows the cause in words we missed


def findings(ledger: Ledger, limit: int = 2) -> list[Line]:
    """Other things we found (not the cause), newest last, that can be said plainly."""
    cause = ledger.diagnosis
    lines = []
    for fact in [f for f in ledger.of("finding") if f is not cause and not f.certainty][-limit:]:
        text = clause(fact)
        if text and not NOT_FOR_CLIENT.search(text):
            lines.append(Line(f"We also found: {lower_first(text)}.", fact.sources))
    return lines


def answers(ledger: Ledger) -> list[Line]:
    """A question the client asked, and the engineer's answer: the next thing the engineer wrote, when it reads
    as one ('yes …', 'no …', 'told her …')."""
    lines = []
    for question in ledger.of("question")[-1:]:
        found_answer = ledger.answer_to(question)
        after = [found_answer] if found_answer else []
        answer = client_words(WORKAROUND_TOLD.sub("", after[0].text)) if after else None
        asked = client_words(question.text.rstrip("?"))
        if answer and asked:
            lines.append(
                Line(
                    f"You asked: {lower_first(asked)}? {answer[:1].upper()}{answer[1:]}.",
                    (*question.sources, *after[0].sources),
                )
            )
    return lines


def did(ledger: Ledger, limit: int = 3) -> list[Line]:
    """The latest real actions ('We restarted …'), saying when one did not help."""
    lines = []
    for fact in [f for f in ledger.of("action") if not is_communication(f.text)][-limit:]:
        text = clause(fact)
        if text and not NOT_FOR_CLIENT.search(text):
            tail = ", but that didn't fix it on its own" if fact.result == "no_change" else ""
            lines.append(Line(f"We {lower_first(text)}{tail}.", fact.sources))
    return lines


def workaround(ledger: Ledger) -> list[Line]:
    """How the client can keep working meanwhile."""
    facts = ledger.of("workaround")[-1:]
    lines = []
    for fact in facts:
        text = client_words(WORKAROUND_TOLD.sub("", _FIX_LABEL.sub("", fact.text)))
        if text:
            lines.append(Line(f"In the meantime: {lower_first(text.rstrip('.'))}.", fact.sources))
    return lines


def next_steps(ledger: Ledger, limit: int = 3) -> list[Line]:
    """What happens next and when, and what we're waiting on."""
    lines = []
    for fact in ledger.of("next_step", "waiting")[-limit:]:
        text = client_words(NEXT_PREFIX.sub("", fact.text))
        if not text or NOT_FOR_CLIENT.search(text):
            continue
        text = lower_first(text.rstrip("."))
        lead = "We're " if text.startswith("waiting") else "Next, "
        lines.append(Line(f"{lead}{text}.", fact.sources))
    return lines


PROMISE = re.compile(r"(?i)\b(?:update|call|ring|let \w+ know|check back|get back|follow up|touch base|report back)\b")


def closing(ledger: Ledger, context: str) -> Line:
    """When we'll be back in touch, only when the engineer said so; never a promise the session does not hold."""
    if context == "resolution":
        return Line("If you still see the problem, reply to this message and we'll pick it straight back up.")
    promised = any(PROMISE.search(f.text) for f in ledger.of("next_step"))
    when = ledger.next_update_when if promised else None
    return Line(f"We'll update you again {when}." if when else "We'll keep you posted as this moves forward.")


def since(ledger: Ledger) -> Line:
    """What changed since our last update to this audience: the newest change we can say plainly, or none."""
    new = [f for f in ledger.new_facts if f.kind in ("action", "finding", "confirmation", "ruled_out", "check")]
    for fact in reversed(new):
        text = clause(fact)
        if text and not NOT_FOR_CLIENT.search(text):
            verb = "we" if fact.kind == "action" else "we found that" if fact.kind == "finding" else "we checked that"
            return Line(f"Since our last update, {verb} {lower_first(text)}.", fact.sources)
    if new:
        return Line("Since our last update, we've made more checks.", tuple(s for f in new for s in f.sources))
    return Line("There's no change since our last update; we're still working on it.")


def progress(ledger: Ledger) -> list[list[Line]]:
    """Paragraphs of an update while the work goes on."""
    opening = [Line(f"Here's where things stand on {reported(ledger)}.")]
    if ledger.since_message is not None:
        opening.append(since(ledger))
    return [
        opening,
        found(ledger) + findings(ledger) + did(ledger),
        answers(ledger) + workaround(ledger),
        next_steps(ledger),
        [closing(ledger, "progress")],
    ]


def fixed_line(ledger: Ledger) -> str:
    """'Good news: … is fixed.' only when the fix was tested; otherwise that a fix is in place."""
    if ledger.verified:
        return f"Good news: {reported(ledger)} is fixed."
    return f"We've put a fix in place for {reported(ledger)}."


def resolution(ledger: Ledger) -> list[list[Line]]:
    """Paragraphs once it is fixed: the cause, the fix, and a test only if one was stated."""
    sentences = re.split(r"(?<=[.!?;])\s+", ledger.resolution_summary or "")
    body = found(ledger)[:1] if ledger.diagnosis else []
    stated = next(
        (s for s in sentences if re.search(r"(?i)\b(?:because|due to|caused by|cause was|turned out)\b", s)), None
    )
    cause = client_words(stated) if stated and not body else None
    if cause:
        body.append(Line(f"We found the cause: {lower_first(cause)}."))
    fix = next((s for s in sentences if _FIX_VERB.match(s.strip())), None)
    summary = client_words(fix) if fix else None
    if summary:
        body.append(Line(f"To fix it, we {lower_first(summary.rstrip('.'))}."))
    if ledger.verified:
        confirmation = ledger.of("confirmation")[-1]
        body.append(Line("We've tested it and it's working again.", confirmation.sources))
    return [
        [Line(fixed_line(ledger))],
        body,
        answers(ledger),
        [closing(ledger, "resolution")],
    ]


def escalation(ledger: Ledger) -> list[list[Line]]:
    """Paragraphs when the work is handed on: to whom, what was done, where they start."""
    who = party(ledger.escalation_reason or "")
    start = next_steps(ledger, limit=2)
    reason = [client_words(s) for s in re.split(r"(?<=[.!?;])\s+", ledger.escalation_reason or "")[:2]]
    why = [Line(f"{r[:1].upper()}{r[1:]}.") for r in reason if r and not NOT_FOR_CLIENT.search(r)]
    return [
        [Line(f"We're bringing in {who} to take {reported(ledger)} further."), *why],
        found(ledger) + findings(ledger, 1) + did(ledger),
        answers(ledger) + workaround(ledger),
        start + [Line("We'll keep you updated as they work on it.")],
    ]


def quick(ledger: Ledger, context: str, name: str) -> str:
    """One or two sentences for the client (their sources noted)."""
    if context == "resolution":
        head, lines = (
            f"Hi {name}, {lower_first(fixed_line(ledger))}",
            found(ledger)[:1] if ledger.diagnosis else [],
        )
    elif context == "escalation":
        head = (
            f"Hi {name}, we're bringing in {party(ledger.escalation_reason or '')} to take {reported(ledger)} further."
        )
        lines = next_steps(ledger, limit=1)
    else:
        head, lines = (
            f"Hi {name}, a quick update on {reported(ledger)}.",
            (found(ledger)[:1] + next_steps(ledger, 1))[:2],
        )
    for line in lines:
        sources.note(line.text, line.sources)
    return " ".join([head, *(line.text for line in lines)])
