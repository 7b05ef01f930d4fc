"""Client paragraphs once the work ends here or moves on: the resolution (cause, fix, and a test only when one was
stated) and the escalation (to whom, why, where they start)."""

from __future__ import annotations

import re
from typing import Optional

from ..ledger import Ledger
from ..text import sentences as text_sentences
from . import sources, typed
from .client import (
    NOT_FOR_CLIENT,
    TITLES,
    Line,
    answers,
    did,
    fixed_line,
    reported,
    say,
    since,
    stands_alone,
)
from .client_next import asks, closing, needs, next_steps
from .client_text import party
from .commitments import commitments, with_commitments
from .costs import costs, with_cost
from .findings import found
from .meanwhile import workaround
from .phrases import FIX_VERB as _FIX_VERB
from .plain import lower_first, upper_first
from .their_side import fresh, instructions, reassurance
from .voice import named


def summary_sentences(text: str) -> list[str]:
    """The engineer's closing summary, one sentence or clause each ("put guest back in NAT mode, widened the
    pool" is two fixes)."""
    parts = [
        p
        for sentence in text_sentences(text or "")
        for p in re.split(
            r"(?<=;)\s+|,\s+(?=(?:and\s+)?(?:put|set|gave|made|(?:re-)?[a-z]{3,}ed)\s)|"
            r"\s+and\s+(?=(?:re-)?[a-z]{3,}ed\s+(?:the|a|an|her|his|their|its|[A-Z]{2,})\b)",
            sentence,
        )
    ]
    joined: list[str] = []
    for part in (re.sub(r"^and\s+", "", p.strip()) for p in parts if p.strip()):
        if joined and len(joined[-1].split()) == 1:  # "Installed and activated RD Licensing": one fix, two verbs
            joined[-1] = f"{joined[-1]} and {part}"
        else:
            joined.append(part)
    return joined


# "With Colleen's approval (2:05pm) added him …": the approval is said elsewhere; the fix is what follows.
_WITH_OK = re.compile(r"(?i)^with\s+\w+'s\s+(?:approval|ok|okay|go-ahead|sign-off)(?:\s*\([^)]*\))?\s*,?\s*")
_CAUSED = re.compile(r"(?i)\b(?:because|due to|caused by|cause was|turned out|was never|were never|after)\b")
_PLAN = re.compile(r"(?i)\b(?:will|'ll|going to|reopen|tomorrow)\b")
_WE = re.compile(r"(?i)^we(?:'ve)?\s+")
_UNTESTED = re.compile(r"(?i)^not (?:yet )?tested\b[^;,]*[;,]?\s*")


def plan(ledger: Ledger, limit: int = 3) -> list[Line]:
    """What happens next: what we need (a cost with its price first), our plans, then each timed commitment they do
    not already say."""
    return with_commitments(
        with_cost(needs(ledger) + next_steps(ledger, limit=limit), costs(ledger)), commitments(ledger)
    )


def progress(ledger: Ledger) -> list[list[Line]]:
    """Paragraphs of an update while the work goes on."""
    opening = [Line(f"Here's where things stand on {reported(ledger)}.")]
    if ledger.since_message is not None:
        opening.append(since(ledger))
    return [
        opening,
        found(ledger) + did(ledger),
        _meanwhile(ledger),
        _with_instructions(plan(ledger), ledger),
        [closing(ledger, "progress")],
    ]


def _meanwhile(ledger: Ledger) -> list[Line]:
    """Answers to the client's questions, what still works or was not lost, and the workaround."""
    return _answered(ledger) + workaround(ledger)


def _answered(ledger: Ledger) -> list[Line]:
    """Answers to the client's questions, then what still works or was not lost that they do not already say."""
    said = answers(ledger)
    return said + fresh(reassurance(ledger), said)


def _with_instructions(lines: list[Line], ledger: Ledger, after_fix: bool = False) -> list[Line]:
    """The plan, then what someone at the client should do that it does not already say."""
    extra = _after_fix(instructions(ledger), ledger) if after_fix else instructions(ledger)
    return lines + fresh(extra, lines)


def resolution(ledger: Ledger) -> list[list[Line]]:
    """Paragraphs once it is fixed: the cause, the fix, and a test only if one was stated."""
    sentences = summary_sentences(ledger.resolution_summary or "")
    body = found(ledger)[:1] if ledger.diagnosis else []
    causal = [s for s in sentences if not _PLAN.search(s) and not _UNTESTED.match(s)]  # "Dana will try … after lunch"
    stated = next((s for s in causal if _CAUSED.search(s) and not _FIX_VERB.match(s)), None) or next(
        (s for s in sentences[:1] if not _FIX_VERB.match(_WITH_OK.sub("", s)) and not _UNTESTED.match(s)), None
    )  # an engineer's summary opens with what was wrong
    said = say(stated, ledger) if stated and not body else None
    cause = (
        said
        if said and stands_alone(said, ledger)
        else (typed.cause(stated) or _because(stated, ledger))
        if stated and not body
        else None
    )
    if cause:
        body.append(Line(f"We found the cause: {lower_first(cause)}."))
    done = [  # "saved a test file" checked the fix; it fixed nothing
        _WITH_OK.sub("", s)
        for s in sentences
        if _FIX_VERB.match(_WITH_OK.sub("", s)) and not re.search(r"(?i)\btest", s)
    ]
    # "moved guest" from "Moved guest to VLAN 30 (…)": a fix whose object went with the codes is no sentence
    fixes = [
        f if f and len(_WE.sub("", f).split()) >= 3 else None for f in (say(s, ledger) or typed.action(s) for s in done)
    ]
    # Only the summary's first fix is "the fix"; when it cannot be said, a later one is something we also did
    # ("enabled SMTP AUTH for the scanner mailbox, rotated its password": the rotation was no fix).
    leads = ["To fix it, we" if i == 0 else "We also" for i in range(len(fixes))]
    said_fixes = [(lead, lower_first(_WE.sub("", f))) for lead, f in zip(leads, fixes, strict=True) if f][:2]
    if said_fixes and said_fixes[0][0] == "We also":  # one "We also …", not two in a row
        body.append(Line(f"We also {' and '.join(fix for _, fix in said_fixes)}."))
    else:
        body += [Line(f"{lead} {fix}.") for lead, fix in said_fixes]
    at = next((i for i, s in enumerate(sentences) if _UNTESTED.match(s)), None)
    untested = sentences[at] if at is not None else None
    if untested and not _UNTESTED.sub("", untested).strip(" ;.") and at is not None and at + 1 < len(sentences):
        untested = sentences[at + 1]  # "Not tested from a tax user; Grace will have staff reopen the folders"
    if ledger.verified:  # a test in the chat, or one the closing summary states
        body.append(Line("We've tested it and it's working again.", ledger.tests[-1].sources if ledger.tests else ()))
    elif untested:
        then = say(_UNTESTED.sub("", untested), ledger)
        body.append(Line("We haven't been able to test it with you yet" + (f"; {lower_first(then)}." if then else ".")))
    return [
        [Line(fixed_line(ledger))],
        body,
        _answered(ledger),
        _with_instructions(
            with_commitments(_after_fix(asks(ledger), ledger), commitments(ledger, after_fix=True)),
            ledger,
            after_fix=True,
        ),
        [closing(ledger, "resolution")],
    ]


_BECAUSE = re.compile(r"(?i)\b(?:because|as|since)\s+(?=(?:the|a|an|our|your|their|his|her|its|it|they|we)\b)")


def _because(stated: str, ledger: Ledger) -> Optional[str]:
    """'the new starter form had the wrong department' from '… was in SG-Sales-RW because the new starter form had
    the wrong department': the reason, when only it can be said."""
    reason = _BECAUSE.search(stated)
    said = say(stated[reason.end() :].rstrip(" ."), ledger) if reason else None
    return said if said and stands_alone(said, ledger) and not re.match(r"(?i)(?:it|they)\b", said) else None


def _after_fix(lines: list[Line], ledger: Ledger) -> list[Line]:
    """What we asked of the client after the last fix ('try it tomorrow at 8'); earlier asks were met or moot."""
    last = max((f.message for f in ledger.of("action")), default=-1)
    return [line for line in lines if line.sources and min(line.sources) > last]


_TO = re.compile(
    r"(?i)^escalat\w*\s+(?:it\s+)?to\s+(?P<to>[^:;(]+?)\s*(?:\((?P<name>[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?(?:,[^)]*)?\)|"
    r"\([^)]*\))?\s*"
    r"(?:,\s*with\s[^:]{1,60})?[:;,—–-]\s*"
)


def escalation(ledger: Ledger) -> list[list[Line]]:
    """Paragraphs when the work is handed on: to whom, why, what was done, where they start."""
    reason = ledger.escalation_reason or ""
    head = _TO.match(reason)
    who = party(reason)
    if head and head.group("name") and who.startswith("our "):
        who = f"{head.group('name')} from {who}"
    why_text = reason[head.end() :] if head else reason
    if not who.startswith(("our ", "a ", "your ")):  # "escalated to Metro Fiber: their maintenance …" is theirs
        owner = "the vendor's" if who.startswith("the vendor") else f"{who}'s"
        why_text = re.sub(r"(?i)\btheir\b", owner, why_text)
    said = [say(s, ledger) for s in summary_sentences(why_text)[:3]]
    why = [Line(f"{upper_first(r)}.") for r in said if r and stands_alone(r, ledger) and not NOT_FOR_CLIENT.search(r)]
    return [
        [Line(f"We're bringing in {who} to take {reported(ledger)} further."), *why],
        ([] if why else found(ledger)) + did(ledger),
        _meanwhile(ledger),
        _with_instructions(plan(ledger, limit=2), ledger) + [Line("We'll keep you updated as they work on it.")],
    ]


def write(ledger: Ledger, context: str) -> list[list[Line]]:
    """The paragraphs for this context, with the session's names capitalised as the session writes them."""
    paragraphs = {"progress": progress, "resolution": resolution, "escalation": escalation}[context](ledger)
    seen: list[str] = []
    written = []
    for lines in paragraphs:
        kept = []
        for line in lines:
            text = addressed(line.text, ledger)
            if _third_person(text, ledger):
                continue  # "Lisa calling kevin …" to Lisa: a note about the reader, not a sentence to her
            key = _key(text)
            if any(key in other or other in key for other in seen if len(key) > 12 and len(other) > 12):
                continue  # "We sent the request." and "Sent the request.": one sentence, said once
            seen.append(key)
            kept.append(Line(text, line.sources))
        written.append(kept)
    return written


def _third_person(text: str, ledger: Ledger) -> bool:
    """The contact's name (or the client company's, when there is no contact) still in a sentence to them."""
    contact = str(ledger.intake.get("contact_name") or "").split()
    titled = bool(contact) and contact[0].rstrip(".").lower() in TITLES
    name = contact[-1] if titled else contact[0] if contact else ""
    first = contact[1] if titled and len(contact) > 2 else ""  # "Mr. Otto Lindahl": "Otto's ok" is his too
    company = str(ledger.intake.get("client_name") or "").split()
    people = [n for n in (name, first) if len(n) > 2]
    firm = [company[0]] if not contact and company and len(company[0]) > 2 else []
    # the contact named in a sentence to them, possessive too ("We need Otto's ok"); the firm's "Acme's" is theirs
    return any(re.search(rf"\b{re.escape(n)}\b", text) for n in people) or any(
        re.search(rf"\b{re.escape(n)}\b(?!')", text) for n in firm
    )


def _key(text: str) -> str:
    return re.sub(r"(?i)^(?:we(?:'ve| have)?|next[:,]?|in the meantime[:,]?)\s+|[^\w ]", "", text).lower().strip()


def _you(match: re.Match[str], verb: str, short: str = "") -> str:
    """'You'll', 'you'll', 'You need to': capitalised only where a sentence starts."""
    said = f"you'{short}" if short else f"you {verb}"
    return upper_first(said) if not match.group(1) else said


def addressed(text: str, ledger: Ledger) -> str:
    """Names capitalised as the session writes them; the contact's own ('Mei's ok') said to them ('your ok')."""
    text = named(text, ledger.people)
    contact = str(ledger.intake.get("contact_name") or "").split()
    if contact and contact[0].rstrip(".").lower() in TITLES and len(contact) > 1:
        # "waiting on rev", "sent that to dr k", "Dr. Okafor's approval": a titled contact, said to them
        title, surname = re.escape(contact[0].rstrip(".")), re.escape(contact[-1])
        text = re.sub(rf"(?i)\b{title}\.? (?:{surname}|{surname[:1]}\b)'s", "your", text)
        text = re.sub(rf"(?i)\b{title}\.? (?:{surname}|{surname[:1]}\b)|\b{title}\b(?=[.,;]|$|\s+to\b)", "you", text)
    elif contact:
        name = re.escape(contact[0])
        text = re.sub(
            rf"(?i)\b(call|email|text|ring|tell|told|remind|update|ask|asked|send|sent|with|for|to|from)"
            rf" {name}\b(?!')",
            r"\1 you",
            text,
        )  # "we'll call Dana at 3" → "we'll call you at 3"
        text = re.sub(rf"\b{name}'s\b", "your", text)
        text = re.sub(rf"(?<=\s){name} (?:has|needs) to\b", "you need to", text)  # "so Rebecca has to approve"
        start = r"(^|; )"  # a sentence, or a clause after a semicolon, that opens with the contact's name
        text = re.sub(rf"{start}{name} (?:has|needs) to\b", lambda m: f"{m.group(1)}{_you(m, 'need to')}", text)
        text = re.sub(rf"{start}{name} is\b", lambda m: f"{m.group(1)}{_you(m, 'are', 're')}", text)
        text = re.sub(rf"{start}{name} will\b", lambda m: f"{m.group(1)}{_you(m, 'will', 'll')}", text)
        text = re.sub(  # "Erik tests the rest" → "You'll test the rest"
            rf"{start}{name} (?!is\b|was\b|has\b|does\b)([a-z]+[^s])s\b",
            lambda m: f"{m.group(1)}{_you(m, 'will', 'll')} {m.group(2)}",
            text,
        )
    return _mid_clause(text, contact[0] if contact else str(ledger.intake.get("client_name") or "").split(" ")[0])


def _mid_clause(text: str, name: str) -> str:
    """The reader named inside a clause ("… Marco calls us", "Marco to ship it back", "Castellan has to approve")."""
    if len(name) < 3:
        return text
    name = re.escape(name)
    text = re.sub(rf"\b{name} (?:has|needs) to\b", "you need to", text)
    text = re.sub(rf"\b(need|want|asked|ask) {name} to\b", r"\1 you to", text)
    text = re.sub(rf"\b{name} to\b", "you'll need to", text)
    return re.sub(rf"\b{name} (?!is\b|was\b|has\b|does\b)([a-z]+[^s])s\b", r"you'll \1", text)


def quick(ledger: Ledger, context: str, name: str) -> str:
    """One to three sentences for the client: where it stands, then what matters most (their sources noted)."""
    if context == "resolution":
        head = f"Hi {name}, {lower_first(fixed_line(ledger))}"
        lines = resolution(ledger)[1][:2]
    elif context == "escalation":
        paragraphs = escalation(ledger)
        head = f"Hi {name}, {lower_first(paragraphs[0][0].text)}"
        # why (or what we found), then what happens next, or else how they can keep working meanwhile
        lines = (paragraphs[0][1:2] + paragraphs[1][:1])[:1] + (plan(ledger, limit=1)[-1:] or workaround(ledger))[:1]
    else:
        head = f"Hi {name}, a quick update on {reported(ledger)}."
        planned = plan(ledger, limit=1)
        lines = (found(ledger)[:1] + planned[-1:] + workaround(ledger) + did(ledger, limit=1))[:2]
    lines = [Line(addressed(line.text, ledger), line.sources) for line in lines]
    for line in lines:
        sources.note(line.text, line.sources)
    greeting, opening = head.split(", ", 1)  # the greeting names the contact as they are addressed: left as is
    return " ".join([f"{greeting}, {addressed(opening, ledger)}", *(line.text for line in lines)])
