"""Ask the client: a short numbered list of what the session needs from them (approvals, decisions, things to do
or tell us), each as a plain question. Only what the session holds; nothing to ask is said, never padded."""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import NothingNew
from ..ledger import Ledger
from . import sources
from .client import contact_names
from .client_next import needs, next_steps

NOTHING_TO_ASK = (
    "The session holds nothing to ask the client yet (no approval, decision or task for them); "
    "add what you need from them to the chat first."
)
# What we need, said as a request, turned into a question (first match wins).
_AS_QUESTION: list[tuple[str, str]] = [
    (r"^We need your (approval|OK|sign-off|go-ahead) (for|to|on) (.+)$", r"Can you give us your \1 \2 \3?"),
    (r"^We need your (approval|OK|sign-off|go-ahead) before (.+)$", r"Can you give us your \1 before \2?"),
    (r"^We need from you: (.+)$", r"Can you let us have \1?"),
    (r"^We need (someone|somebody|you) to (.+)$", r"Can \1 \2?"),
    (r"^You'll need to (.+)$", r"Can you \1?"),
    (r"^You(?:'ll| will) (.+)$", r"Can you \1?"),
    (r"^Please do not (.+)$", r"Can you make sure not to \1?"),
    (r"^Please (.+)$", r"Can you \1?"),
    (r"^We need (.+)$", r"We need \1: can you help with that?"),
]


def as_question(sentence: str) -> str:
    """'We need your approval for the new drive.' → 'Can you give us your approval for the new drive?'"""
    text = sentence.strip().rstrip(".")
    for pattern, question in _AS_QUESTION:
        if re.match(pattern, text, flags=re.I):
            asked = re.sub(pattern, question, text, count=1, flags=re.I)
            return re.sub(r"^Can someone", "Can someone at your end", asked)
    return text if text.endswith("?") else f"{text}?"


def numbered(ledger: Ledger) -> str:
    """The numbered questions (their sources noted); NothingNew when the session holds none."""
    seen: list[str] = []
    lines: list[str] = []
    names = contact_names(ledger.intake)
    contact = re.escape(names[0]) if names else "you"
    mine = re.compile(rf"(?i)^(?:you(?:'ll| will)|{contact} (?:to|will|needs to))\s")  # "Nadia to have Ruth leave …"
    theirs = [
        replace(line, text=mine.sub("You'll ", line.text))
        for line in next_steps(ledger, limit=6)
        if mine.match(line.text)
    ]
    for line in [*needs(ledger), *theirs]:  # what we need, then what the plan says is theirs to do
        question = as_question(line.text)
        if question.lower() in seen:
            continue
        seen.append(question.lower())
        sources.note(question, line.sources)
        lines.append(f"{len(lines) + 1}. {question[:1].upper()}{question[1:]}")
    if not lines:
        raise NothingNew(NOTHING_TO_ASK)
    lead = (
        "To keep things moving, we need a few things from you:"
        if len(lines) > 1
        else ("To keep things moving, we need one thing from you:")
    )
    return "\n".join([lead, "", *lines])
