"""The client's side, from sentences the engineer already wrote plainly: what still works or was not lost, and what
someone there should do. Said whole or not at all; the contact named as the subject is 'you'."""

from __future__ import annotations

import re
from typing import Optional

from ..ledger import Fact, Ledger
from .client import TITLES, Line, say, stands_alone
from .plain import upper_first
from .sayable import DOES_UNNAMED

# "Incoming calls are not affected", "nothing lost", "staff can keep clocking in": the reader's reassurance.
_SAFE = re.compile(
    r"(?i)\b(?:(?:is|are|was|were|remains?|stay(?:s|ed)?)\s+(?:not\s+|un)affected|unaffected|"
    r"still\s+(?:works?|working|fine|running|available)|(?:working|running)\s+(?:normally|as normal)|"
    r"nothing\s+(?:was\s+|has\s+been\s+|is\s+|got\s+)?lost|no\s+(?:\w+\s+){0,3}(?:was|were|has been|have been|is|are)\s+"
    r"lost|(?:can|could)\s+(?:still|keep|carry on|continue))\b"
)
# Who on the client's side an instruction is for ("staff should …", "someone with a key will need to …").
_WHO = (
    r"(?:staff|everyone|everybody|someone|somebody|anyone|users|reception(?:ists?)?|the\s+(?:team|office|staff|"
    r"receptionists?|front\s+desk|office\s+manager|practice\s+manager|branch\s+manager|manager|owner|pharmacist|"
    r"teachers?|nurses?|drivers?|doctors?))"
)
_MUST = r"(?:should|must|needs?\s+to|will\s+need\s+to|has\s+to|have\s+to|ought\s+to)"
_LEAD = r"(?:(?:if|for|once|when|before|after|until|to)\b[^,]{3,80},\s*)?"  # "For the reissue to happen tonight, …"
_INSTRUCTION = re.compile(rf"(?i)^{_LEAD}(?:please\b|{_WHO}(?:\s+[\w']+){{0,5}}?\s+{_MUST}\b)")
_THEY = re.compile(rf"(?i)^if\s+{_WHO}\b[^,]{{3,80}},\s*they\s+{_MUST}\b")
# Doubt, conditions and questions: "check whether staff can still …" states nothing.
_DOUBT = re.compile(
    r"(?i)\b(?:whether|unless|not sure|unsure|hope|hopefully|maybe|might|may be|should be|check(?:ing)? if|"
    r"asked|asks|wants? to know|wondering)\b|\?|[\"“”]"
)
_AGREE = {"needs to": "need to", "has to": "have to", "is": "are", "was": "were"}


def _as_you(text: str, ledger: Ledger) -> str:
    """The contact named as the subject, said to them: 'Ms. Ashworth must email …' → 'you must email …'."""
    contact = str(ledger.intake.get("contact_name") or "").split()
    if not contact:
        return text
    titled = contact[0].rstrip(".").lower() in TITLES and len(contact) > 1
    names = [rf"{re.escape(contact[0].rstrip('.'))}\.?\s+{re.escape(contact[-1])}"] if titled else [contact[0]]
    names += [re.escape(contact[-1]) if titled else re.escape(contact[0])]
    for name in names:
        text = re.sub(
            rf"(?i)(^|,\s*)\b{name}\b\s+(needs to|has to|is|was|should|must|will need to|can)\b",
            lambda m: f"{m.group(1)}you {_AGREE.get(m.group(2).lower(), m.group(2))}",
            text,
        )
    return text


def _said(fact: Fact, ledger: Ledger, pattern: re.Pattern[str]) -> Optional[str]:
    """The fact as one plain sentence when it matches, with nothing doubtful in it; None otherwise."""
    text = fact.text.strip()
    if fact.kind in ("symptom", "question") or _DOUBT.search(text):
        return None
    text = _as_you(_HEARSAY.split(text)[0], ledger)
    if not _matches(text, pattern):
        return None
    said = say(text, ledger, fact)
    # what made it a reassurance or an instruction must survive the plain words ("staff have to re-enroll" cut to
    # "staff have" says neither), and it must not point back at something unsaid ("we can do that on site")
    if (
        not said
        or not stands_alone(said, ledger)
        or not _matches(said, pattern)
        or DOES_UNNAMED.search(said)
        or _YOU_TO_YOU.search(said)
    ):
        return None
    return said


# "…, Janet says Sue has the keys": hearsay after the instruction is the contact's word, not ours to repeat.
_HEARSAY = re.compile(r"(?i),\s+(?:[a-z]+\s+)?(?:says|said|reckons|thinks)\b")
_YOU_TO_YOU = re.compile(r"(?i)\b(?:get|ask|have|tell)\s+you\s+to\b")  # "you need to get you to …"


def _matches(text: str, pattern: re.Pattern[str]) -> bool:
    return bool(pattern.search(text)) or (pattern is _INSTRUCTION and _you_must(text))


def _you_must(text: str) -> bool:
    return bool(re.match(rf"(?i)^{_LEAD}you\s+{_MUST}\b", text)) or bool(_THEY.match(text))


def reassurance(ledger: Ledger, limit: int = 2) -> list[Line]:
    """What still works or was not lost, as the engineer said it."""
    return _lines(ledger, _SAFE, limit)


def instructions(ledger: Ledger, limit: int = 2) -> list[Line]:
    """What someone at the client should do, as the engineer said it ('Someone with a key will need to …')."""
    return _lines(ledger, _INSTRUCTION, limit)


def _lines(ledger: Ledger, pattern: re.Pattern[str], limit: int) -> list[Line]:
    found = [
        Line(f"{upper_first(said.rstrip('.'))}.", fact.sources)
        for fact in ledger.facts
        if (said := _said(fact, ledger, pattern))
    ]
    return found[-limit:]


def fresh(extra: list[Line], said: list[Line]) -> list[Line]:
    """The extra lines that say something the others do not: one from a message already said, sharing half its
    words with that line, is the same point twice."""

    def words(text: str) -> set[str]:
        return {w for w in re.findall(r"[a-z']{4,}", text.lower())}

    return [
        line
        for line in extra
        if not any(
            set(line.sources) & set(other.sources)
            and len(words(line.text) & words(other.text)) * 2 >= len(words(line.text))
            for other in said
        )
    ]
