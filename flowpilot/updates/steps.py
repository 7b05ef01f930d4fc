"""'Steps completed' for ticket notes: one bullet per message of work, what was checked or done first and what
came of it after ("Clock NTP server — 10.4.0.2, the DC retired in February"). Chatter, theories left without a
result, plans and the problem as first reported stay out: they are not steps."""

from __future__ import annotations

import dataclasses
import re
from typing import Optional

from .. import reading
from ..ledger import Fact, Ledger, ruled_key

STEP_KINDS = ("check", "action", "finding", "confirmation", "note")
TOLD = re.compile(r"(?i)^(?:told|let|advised|informed)\s+\w+")
THEORY = re.compile(
    r"(?i)\b(?:thought|thot|first theory|first suspicion|first guess|at first|was sure|my theory|suspected first|"
    r"was thinking|first i|1st thought|first thought|first idea|my first idea|first assumption|initial theory|"
    r"initial thought|first hunch)\b"
)
INSTRUCTION = re.compile(r"(?i)(?:do not|don'?t|never|pls|please)\b")  # "Do NOT store the key": not a finding
_TRIED = re.compile(r",\s+(?:then\s+|so\s+)?(?:[a-z]+ed|swapped|ran|put|set)\b")
_ASIDE_ONLY = re.compile(r"(?i)\b(?:noting (?:this |it )?here|so i don'?t have to|for the record|fyi)\b")
_IDENTIFIER = re.compile(r"\d|[A-Z]{2,}|[\w.-]+@|[\\/'\"]|\b[A-Z][a-z]+[A-Z]|\b\w+-\w+")
# Asides about the engineer's surroundings or the session itself, whatever follows them.
_ASIDE_LINE = re.compile(
    r"(?i)^(?:(?:ok(?:ay)?|right|so|yeah|sorry|uh+|um+|and)[,\s]+)*(?:sorry\b|hang on\b|hold on\b|one sec\b|"
    r"one moment\b|give me (?:a|one) (?:sec|second|min|minute)\b|back in (?:a|two|five|\d)|brb\b|kettle|coffee\b|"
    r"lunch\b|grabbing (?:a )?(?:coffee|tea|lunch|food)|where was i\b|what was i saying\b|"
    r"that'?s (?:me|everything|all|it) for (?:now|today|this one)|that'?s the (?:other )?(?:phone|door|bus))"
)
_ASKING = re.compile(
    r"(?i)^(?:(?:ok(?:ay)?|so|and|sorry)[,\s]+)*(?:what|where|how|why|which|who|is|are|should|do|does|can|"
    r"could|would|will|shall|am)\b"
)
# An answer to the client's question standing alone ("→ no: old ADSL line was ceased"): "Client asked" holds it.
_ANSWER_ONLY = re.compile(r"(?i)^(?:→|->)?\s*(?:told (?:her|him|them) )?(?:yes|no|nope|yep)\s*[:,—–-]")
# Work still to come, written among the steps: "if not fixed by 9pm …", "once owen sends …", "I will …",
# "going with a connector", "turn off auto-update …" (an instruction to ourselves).
_PLANNED = re.compile(
    r"(?i)^(?:if|once|when|after|until|then)\b|\b(?:will|won't|'ll|going to|going with|plan(?:ning)?|"
    r"expect(?:ing)?|aiming|tomorrow|tonight|later today)\b|^(?:turn|add|check|call|ask|order|"
    r"book|schedule|quote|send|set up|follow up|remind|make sure|remember)\b"
)
_ESCALATING = re.compile(r"(?i)^(?:escalat\w*|handing (?:it |this )?(?:over )?to|handed (?:it |this )?(?:over )?to)\b")
# A bullet stays readable: past this many words, the message's next facts start a new one.
MAX_WORDS = 40


def reported_message(ledger: Ledger) -> Optional[int]:
    """The first engineer message, when it only states the problem (no check, action or test in it)."""
    first = next((i for i, m in enumerate(ledger.messages) if m.get("role") == "engineer"), None)
    facts = [f for f in ledger.facts if f.message == first]
    if first is None or not facts or any(f.kind in ("check", "action", "confirmation") for f in facts):
        return None
    return first


def reported(ledger: Ledger) -> list[Fact]:
    """The problem as the engineer first wrote it down, as one line."""
    first = reported_message(ledger)
    facts = [
        f for f in ledger.facts if f.message == first and "[redacted]" not in f.text and not reading.is_chatter(f.text)
    ]
    if not facts:
        return []
    text = "; ".join(f.text for f in facts)
    return [dataclasses.replace(facts[0], kind="symptom", text=text, detail=None, subject=None)]


def _is_step(fact: Fact, answers: list[Fact], ruled: list[str]) -> bool:
    """One fact worth keeping as (part of) a step."""
    if any(fact is a for a in answers) or fact.certainty or TOLD.match(fact.text):
        return False  # beside the client's question, in the diagnosis, or what we told someone
    if fact.text.rstrip().endswith(":") or reading.is_chatter(fact.text.split(",")[0]):
        return False  # a label left without its content, or chatter with a tail ("ok, one sec")
    if "[redacted]" in fact.text or _ASIDE_ONLY.search(fact.text) or _PLANNED.search(fact.text):
        return False  # a line kept only for a secret, an aside, or work still to come
    named = bool(re.search(r"\d|[A-Z]{2,}|\w\.\w", fact.text)) and len(fact.text.split()) > 8  # after "sorry, …"
    if (_ASIDE_LINE.match(fact.text) and not named) or _ANSWER_ONLY.match(fact.text):
        return False  # "kettle's just boiled, back in two", "→ no: old line was ceased": chatter, an answer
    if THEORY.search(fact.text) and not _TRIED.search(fact.text):
        if any(re.search(rf"(?i)\b{re.escape(ruled_key(r))}\b", fact.text) for r in ruled if len(r) > 1):
            return False  # a first theory whose result is under Ruled out
    if INSTRUCTION.match(fact.text) or re.match(r"(?i)(?:i'?ve answered|answered|wait,? no)\b", fact.text):
        return False  # an instruction to someone ("Do NOT store the key"), or our reply
    return True


def _names_something(fact: Fact) -> bool:
    """A step on its own: checked, done, found or tested, or a line that names a host, a code or a value."""
    return fact.kind != "note" or bool(_IDENTIFIER.search(fact.text)) or bool(fact.detail)


def steps(ledger: Ledger) -> list[Fact]:
    """What was done and found, one bullet per message: the first step, then what came of it."""
    # properties that read every fact: read them once
    skip, ruled, answers = reported_message(ledger), ledger.ruled_out, ledger.answers
    facts = [f for f in ledger.of(*STEP_KINDS) if f.message != skip and _is_step(f, answers, ruled)]
    kept: list[Fact] = []
    joined: set[int] = set()  # bullets that took in a later fact of their message
    for i, fact in enumerate(facts):
        last = kept[-1] if kept else None
        words = f"{last.text if last else ''} {last.detail or '' if last else ''} {fact.text}"
        if last is not None and last.message == fact.message and len(words.split()) <= MAX_WORDS:
            kept[-1] = _join(last, fact)
            joined.add(len(kept) - 1)
        elif _names_something(fact) or (THEORY.search(fact.text) and _result_follows(i, facts)):
            kept.append(fact)
    # A theory is a step only with what came of it ("1st thought the roll sensor — new roll, same").
    kept = [f for i, f in enumerate(kept) if not THEORY.search(f.text) or i in joined or _TRIED.search(f.text)]
    return [f for f in kept if not _aside(f, ledger, answers) and not asks_flowpilot(f)]


def asks_flowpilot(fact: Fact) -> bool:
    """'where do i start?', 'is that ok?': the engineer asking FlowPilot, no step."""
    return fact.text.rstrip().endswith("?") and fact.kind in ("note", "finding") and bool(_ASKING.match(fact.text))


def _aside(bullet: Fact, ledger: Ledger, answers: list[Fact]) -> bool:
    """A bullet that is no step: the reason given with an answer to the client ('told her no - shared logins break
    MFA', a finding or note after the answer in its message), or the hand-off said under 'Why escalated'."""
    if ledger.escalation_reason and _ESCALATING.match(bullet.text):
        return True
    answer = next((a for a in answers if a.message == bullet.message), None)
    if answer is None or bullet.kind not in ("finding", "note"):
        return False
    return any(reason.text == bullet.text for reason in ledger.reasons(answer))


def _result_follows(i: int, facts: list[Fact]) -> bool:
    """True when the next fact is of the same message (the theory's result)."""
    return i + 1 < len(facts) and facts[i + 1].message == facts[i].message


def _join(head: Fact, more: Fact) -> Fact:
    """Two facts of one message as one step: the result after the dash, further results after semicolons."""
    if asks_flowpilot(more):  # "-52 dBm to FGC-Staff" + "is that good?": the step, without the question
        return dataclasses.replace(head, sources=tuple(dict.fromkeys((*head.sources, *more.sources))))
    piece = more.text if not more.detail or more.detail in more.text else f"{more.text}: {more.detail}"
    detail = f"{head.detail}; {piece}" if head.detail else piece
    if head.kind == "check" and head.subject and not head.detail:  # "tablet wifi: on guest" keeps its value
        rest = head.text[len(head.subject) :].strip(" ,:")
        detail = f"{rest}; {piece}" if rest else piece
    sources = tuple(dict.fromkeys((*head.sources, *more.sources)))
    return dataclasses.replace(head, detail=detail, sources=sources)
