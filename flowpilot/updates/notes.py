"""Ticket notes from the case file: technical, for the PSA, in the brief's style. Identifiers stay as typed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Optional

from ..ledger import UNTESTED, Fact, Ledger, is_communication, points_back, ruled_key
from ..text import sentences as text_sentences
from . import sources
from .commitments import firms_acting
from .costs import costs
from .phrases import CAUSE_LABEL, FIX_VERB
from .steps import INSTRUCTION, STEP_KINDS, THEORY, reported, steps
from .template import Template

STATUS_LABEL = {
    "investigating": "Investigating",
    "identified": "Cause identified",
    "implementing": "Implementing fix",
    "resolved": "Resolved",
    "escalated": "Escalated",
}
CERTAINTY_LABEL = {"confirmed": "confirmed", "likely": "likely", "suspected": "suspected, not yet confirmed"}
# A ticket note holds what matters, not every line: at most this many bullets per section.
MAX_BULLETS = {"Steps completed": 12, "Since last update": 8}
DEFAULT_MAX_BULLETS = 8
# When a section is cut, what is kept first (newest first within each kind).
KEEP_FIRST = ("finding", "action", "confirmation", "check", "ruled_out", "next_step", "waiting", "workaround", "note")
YES_NO = re.compile(r"(?i)^(?:nope|yep|yup|yes|no)\s*[,:—–-]+\s*(?=\S)")
_ANSWERED = re.compile(r"(?i)^answered\s*[:—–-]\s*")


# "However, the problem occurs in every classroom …": the sentence it answered may not be in the notes.
_LINKER = re.compile(r"(?i)^(?:however|but|and|also|moreover|anyway)\b,?\s+(?=\w)")


def sentence(text: str) -> str:
    """Capitalised, unless the first word is an identifier typed that way ('bwalsh@…', 'iOS', 'eth0'); without a
    linking word that leans on a sentence before it."""
    text = _LINKER.sub("", text.strip())
    first = text.split(" ", 1)[0]
    if first.isalpha() and first.islower():
        return text[:1].upper() + text[1:]
    return text


def first_sentence(text: str) -> str:
    first = (text_sentences(text) or [""])[0]
    return sentence(first if first.endswith((".", "!", "?")) else first + ".")


def line(fact: Fact | str) -> str:
    """A step as the PSA wants it: 'what was checked — result' (and where it came from, noted)."""
    text = _line(fact)
    if isinstance(fact, Fact):
        sources.note(text, fact.sources)
    return text


def _line(fact: Fact | str) -> str:
    if isinstance(fact, str):
        return sentence(fact)
    if fact.kind != "question" and YES_NO.match(fact.text) and not fact.detail:
        return sentence(YES_NO.sub("", fact.text))  # "Nope - 203.0.113.45 clean": the rest says it
    if fact.kind == "check" and fact.subject and fact.detail:
        return f"{sentence(fact.subject)} — {fact.detail}"
    if fact.kind == "check" and fact.subject and fact.result == "ok":
        rest = fact.text[len(fact.subject) :].strip(" ,:")
        return f"{sentence(fact.subject)} — {rest}"
    if fact.detail:
        return f"{sentence(fact.text)} — {fact.detail}"
    if fact.kind == "next_step":  # under "Next steps", "plan:" says nothing more
        return sentence(_PLAN_LABEL.sub("", fact.text))
    return sentence(fact.text)


_PLAN_LABEL = re.compile(r"(?i)^(?:plan|next(?: steps?)?|todo)\s*:\s*(?=\S)")


def bullets(facts: Sequence[Fact | str], section: str = "") -> list[str]:
    """Bullets without repeats, at most the section's limit; past it the most telling ones, in session order."""
    items = distinct(facts)
    limit = MAX_BULLETS.get(section, DEFAULT_MAX_BULLETS)
    if len(items) <= limit:
        return [f"- {line(item)}" for item in items]
    rank = {kind: i for i, kind in enumerate(KEEP_FIRST)}
    order = sorted(range(len(items)), key=lambda i: (rank.get(getattr(items[i], "kind", ""), len(rank)), -i))
    return [f"- {line(items[i])}" for i in sorted(order[:limit])]  # the whole history stays in the session


def distinct(facts: Sequence[Fact | str]) -> list[Fact | str]:
    """Drop repeats (the same words, whatever the case and punctuation); "WS-114" and "WS-115" stay apart."""
    seen: set[str] = set()
    kept: list[Fact | str] = []
    for item in reversed(facts):  # the newest wording wins
        key = re.sub(r"[^a-z0-9]+", " ", (item.text if isinstance(item, Fact) else item).lower()).strip()
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept[::-1]


_SMALL = set("the a an it its is was to of and or in on at for with it's that this he she they".split())


def said_in(text: str, others: Sequence[str]) -> bool:
    """True when most of the text's words are already in one of the others ("he'll pull the TSR log" after
    "Mike pulls the TSR log"; "the cert" after "expired cert")."""
    words = {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _SMALL}
    for other in others:
        seen = set(re.findall(r"[a-z0-9]+", other.lower()))
        if words and len(words & seen) / len(words) >= 0.6:
            return True
    return False


def diagnosis_line(ledger: Ledger) -> Optional[str]:
    """The cause in the engineer's terms, with how sure they were; None while none is named."""
    cause = ledger.diagnosis
    if cause is None:
        return None
    text = (
        f"{sentence(CAUSE_LABEL.sub('', cause.text)).rstrip('.')} ({CERTAINTY_LABEL[cause.certainty or 'suspected']})."
    )
    sources.note(text, cause.sources)
    ruled = [ruled_key(item) for item in ledger.ruled_out]
    others = [
        f
        for f in distinct(ledger.of("finding"))
        if isinstance(f, Fact)
        and f.certainty
        and f is not cause
        and not ledger.reported_fault(f)
        and not points_back(f.text)  # "that's why autossl failed" is the cause's own pointer
        and not said_in(f.text, [cause.text])
        and not said_in(cause.text, [f.text])
        and not any(len(r) > 1 and re.search(rf"(?i)\b{re.escape(r)}\b", f.text) for r in ruled)  # set aside since
    ]
    for other in others[-1:]:
        also = (
            f"Also considered: {sentence(other.text).rstrip('.')} ({CERTAINTY_LABEL[other.certainty or 'suspected']})."
        )
        sources.note(also, other.sources)
        text += f"\n{also}"
    return text


# What a finding says is wrong: the latest such finding stands in while no cause is named.
_WRONG = re.compile(
    r"(?i)\b(?:fail\w*|suspended|expired|denied|errors?|blocked|full|missing|wrong|stuck|down|offline|locked|"
    r"disabled|rejected|refused|degraded|corrupt\w*|can'?t|cannot|won'?t|doesn'?t|isn'?t)\b"
)


def verification(ledger: Ledger) -> list[str]:
    """Tests of the fix: confirmations after the first fix, only when the session verified it; else why not."""
    if ledger.verified:
        fixes = [f.message for f in ledger.of("action") if not is_communication(f.text)]
        after = [f for f in ledger.tests if not fixes or f.message >= fixes[0]]
        return bullets(after or ledger.tests) or [f"- {sentence(ledger.summary_test or '')}"]
    untested = [s for s in text_sentences(ledger.resolution_summary or "") if UNTESTED.search(s)]
    return [f"- Not tested: {sentence(untested[0])}"] if untested else ["- Not recorded in the session."]


def open_diagnosis(ledger: Ledger) -> str:
    """While no cause is named: not yet identified, with the latest finding that says what is wrong."""
    answers = ledger.answers
    wrong = [
        f
        for f in ledger.of("finding", "check")
        if _WRONG.search(f.text)
        and not THEORY.search(f.text)
        and not INSTRUCTION.match(f.text)
        and all(f is not a for a in answers)
    ]
    if not wrong:
        return "Not yet identified."
    latest = wrong[-1]
    text = f"Not yet identified. Latest finding: {sentence(latest.text)}"
    sources.note(text, latest.sources)
    return text


def plan(ledger: Ledger) -> list[Fact]:
    """Next steps, what we wait on and what we asked the client to do, as the engineer wrote them."""
    return ledger.of("next_step", "waiting", "ask")


def _answer_with_reason(answer: Fact, ledger: Ledger) -> str:
    """The answer and the reasons given with it in its message ('No — shared logins break MFA …'): they are not
    steps (see steps._aside), so they are said here."""
    reasons = [f.text for f in ledger.reasons(answer) if "[redacted]" not in f.text]
    words = 0
    kept = []
    for reason in reasons:
        words += len(reason.split())
        if words > 40:
            break
        kept.append(reason)
    return "; ".join([_ANSWERED.sub("", sentence(answer.text)).rstrip("."), *kept])


def ticket_notes(ledger: Ledger, length: str, context: str, template: Template) -> str:
    """Status, time, steps with results, ruled out, diagnosis, next steps; resolution and hand-off add more."""
    status = {"resolution": "Resolved", "escalation": "Escalated"}.get(context) or STATUS_LABEL[ledger.state]
    on = waiting_on(ledger) if context == "progress" else None
    if on == "client approval" and ledger.state == "implementing":
        status = STATUS_LABEL["identified"]  # nothing is being implemented while the quote waits
    if on:
        status = f"{status} — waiting on {on}"
    elif context == "progress" and ledger.of("waiting"):
        status = f"{status} — waiting"
    text = quick(ledger, status, context) if length == "quick" else detailed(ledger, status, context)
    return text.replace("**", "") if template.ticket_notes_format == "plain" else text


def waiting_on(ledger: Ledger) -> Optional[str]:
    """Who the work waits on: the client's approval of a cost, or the firm that will act next ('Fibrewave')."""
    if any(line.text.startswith("We need your approval") for line in costs(ledger)):
        return "client approval"
    firms = firms_acting(ledger)
    return firms[-1] if firms else None


def quick(ledger: Ledger, status: str, context: str) -> str:
    """One or two sentences: state, cause, next step."""
    parts = [f"{status} — {ledger.time_spent_minutes} min in."]
    done = steps(ledger)
    if ledger.since_message is not None:
        new = [f for f in ledger.new_facts if f.kind in (*STEP_KINDS, "ruled_out")]
        parts.append("Since last update: " + ("; ".join(line(f) for f in new[-3:]) or "no new steps") + ".")
    diagnosis = diagnosis_line(ledger)
    if context == "resolution" and ledger.resolution_summary:
        said = text_sentences(ledger.resolution_summary)
        fixes = [x for x in said if FIX_VERB.match(x)]
        cause = said[0] if said and not FIX_VERB.match(said[0]) else None  # a summary opens with what was wrong
        parts += [f"Cause: {cause}"] if cause else []
        parts.append(f"Fix: {fixes[0] if fixes else said[0]}")
        parts.append("Verified." if ledger.verified else "Not verified.")
    elif diagnosis:
        parts.append(f"Cause: {diagnosis}")
    elif not done:
        parts.append("Gathering initial information.")
    if context == "escalation" and ledger.escalation_reason:
        reason = re.sub(r"(?i)^escalated\s+", "", first_sentence(ledger.escalation_reason))
        parts.append(f"Handed {reason}" if reason.lower().startswith("to ") else f"Why: {reason}")
    elif context == "progress" and plan(ledger):
        planned = plan(ledger)
        first = next(f for f in planned if f.message == planned[-1].message)  # the latest plan's first step
        parts.append(f"Next: {line(first).rstrip('.')}.")
    return " ".join(p.replace("..", ".") for p in parts)


def detailed(ledger: Ledger, status: str, context: str) -> str:
    """The full note, section by section."""
    sections: list[tuple[str, list[str]]] = [
        ("", [f"**Status: {status}**", f"**Time spent: {ledger.time_spent_minutes} minutes**"])
    ]
    if ledger.since_message is not None:
        sections.append(("Since last update", since(ledger, status)))
    problem = reported(ledger)
    if problem:
        sections.append(("Reported", bullets(problem)))
    done = steps(ledger)
    sections.append(("Steps completed", bullets(done, "Steps completed") if done else ["- None yet."]))
    if ledger.ruled_out:
        sections.append(("Ruled out", bullets(ledger.ruled_out)))
    if ledger.of("workaround"):
        sections.append(("Workaround", bullets(ledger.of("workaround"))))
    if ledger.of("question"):
        asked = [
            f"{line(q).rstrip()} — {_answer_with_reason(a, ledger)}" if (a := ledger.answer_to(q)) else line(q)
            for q in ledger.of("question")[-DEFAULT_MAX_BULLETS:]
        ]
        sections.append(("Client asked", [f"- {text}" for text in asked]))
    diagnosis = diagnosis_line(ledger)
    if context == "resolution":
        root = diagnosis or (ledger.resolution_summary and first_sentence(ledger.resolution_summary))
        sections.append(("Root cause", [root or "Not recorded in the session."]))
        sections.append(("Resolution", [sentence(ledger.resolution_summary or "Not recorded in the session.")]))
        sections.append(("Verification", verification(ledger)))
    elif context == "escalation":
        sections.append(("Why escalated", [sentence(ledger.escalation_reason or "Not stated.")]))
        failed = [f for f in ledger.facts if f.result == "no_change"]
        if failed:
            sections.append(("What did not help", bullets(failed)))
        sections.append(("Current diagnosis", [diagnosis or open_diagnosis(ledger)]))
        handed = text_sentences(ledger.escalation_reason or "")[1:]  # who does what next
        start: list[Fact | str] = [*handed, *(f for f in plan(ledger) if not said_in(f.text, handed))]
        sections.append(("Where to start", bullets(start) if start else ["- Re-run the checks above."]))
    else:
        sections.append(("Current diagnosis", [diagnosis or open_diagnosis(ledger)]))
        sections.append(
            ("Next steps", bullets(plan(ledger)) if plan(ledger) else ["- None recorded in the session yet."])
        )
    lines: list[str] = []
    for title, body in sections:
        if title:
            lines += ["", f"**{title}:**"]
        lines += body
    return "\n".join(lines).strip()


def since(ledger: Ledger, status: str) -> list[str]:
    """What changed since the previous update to this audience."""
    previous = STATUS_LABEL.get(ledger.previous_state or "")
    base = status.split(" — ", 1)[0]  # "waiting" is not a change of status
    changed = [f"- Status changed: {previous} → {base}"] if previous and previous != base else []
    new = [f for f in ledger.new_facts if f.kind in (*STEP_KINDS, "ruled_out")]
    return changed + (bullets(new, "Since last update") if new else ["- No new steps since the last update."])
