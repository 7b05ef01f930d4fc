"""Who acts in an engineer's clause: we, the contact ('you'), a firm the engineer rang ('rang fibrewave … they'll'),
the person the work was escalated to ('he goes out thursday'), or a part or technician on its way."""

from __future__ import annotations

import re
from typing import Optional

from ..ledger import Ledger
from .client import contact_names
from .client_text import party
from .phrases import COMMITMENT_VERBS, PARTY_ROLES
from .when import WHEN

VERB_WORD = re.compile(r"(?i)\b(" + "|".join(sorted(COMMITMENT_VERBS, key=len, reverse=True)) + r")\b")

# "I sent the change request at 10:15": a bare "I" or "we" before a verb in the past tense tells what was done.
_DONE = re.compile(
    r"(?i)^(?:(?:have|has|had)\s+(?:also\s+)?(?:\w+ed|sent|done|got|made|told|spoken|rung|been|put|set)|"
    r"\w+ed|sent|ran|did|had|got|made|took|put|went|came|left|told|saw|found|rang|spoke|gave|tried|paid|"
    r"bought|brought|built|wrote|heard|thought|kept|lost|met|read|said|sold|spent|stood|won|can|could)\b"
)


_WE = re.compile(
    r"(?i)^(?:(?:so|and|then|ok|meanwhile|also|plus|next|in the meantime),?\s+)?(?:(?:i|we)(?:'ll|\s+will|'m going to|"
    r"'re going to|\s+am going to|\s+are going to|'m gonna|\s+to)?|will(?!\s+be\b))\s+"
)  # "will check it at 9am tomorrow": an engineer's plan with no subject is theirs ("will be slower" is a forecast)
# "they arrive in time for me to fit friday 10am": the engineer's step inside another clause.
_FOR_ME = re.compile(r"(?i)^(?P<pointer>(?:they|it)\b)?.*?\bfor (?:me|us) to\s+(?=\w)")


_THEY = re.compile(
    r"(?i)^(?:so\s+|and\s+|then\s+)?(?:they|they'll|theyll|they're|they've)(?:'ll|\s+will|'re going to|\s+are going to"
    r"|\s+to|\s+have (?:committed|promised|agreed) to|'ve (?:committed|promised|agreed) to|\s+promised(?: to)?)?\s+"
)


_NAMED = re.compile(
    r"(?i)^(?:so\s+|and\s+|that\s+)?(?:(?:mr|mrs|ms|dr|rev)\.?\s+)?([a-z][\w&-]+)(?:'s| is| are)?\s+(?:will|'ll|going to|to|gonna|needs to|has to|must)\s+"
    r"|^(?:so\s+|and\s+)?([a-z][\w&-]+)\s+(?=[a-z]+s\s)(?!is\b|was\b|has\b|does\b|says\b|thinks\b)"
)


_TALKED_TO = re.compile(
    r"(?i)\b(?:rang|called|phoned|emailed|chased|logged (?:a )?(?:case|ticket|call|request) with|"
    r"(?:case|ticket) (?:with|opened with|raised with)|raised (?:it|a case|a ticket) with|on (?:the )?phone (?:to|with))"
    r"\s+((?-i:the\s+[A-Z][\w&-]+(?:\s+[A-Z][\w&-]+)+)|[A-Za-z][\w&-]+)"  # "the Local Authority", "voxline"
)


_ROLE_NAME = re.compile(r"(?i)\b(?:isp|vendor|supplier|carrier|provider|manufacturer)\s*\(([A-Za-z][\w&-]+)\)")


_PLAN_LABEL = re.compile(r"(?i)^(?:plan|next(?: steps?)?|todo|to do)\s*[:=-]\s*")


_THINGS = "part|unit|drive|disk|battery|router|switch|laptop|screen|reader|terminal|handset|printer|phone|charger|dock"


COMING = re.compile(
    rf"(?i)\b(?:(?P<thing>parts?|replacement(?: (?:{_THINGS}))?|new (?:{_THINGS}|batteries|ap|pc)|drive|disk|battery kit|"
    r"kit|loaner|delivery)|(?:\w+\s+)?(?:tech|technician|engineer))\s+(?:is\s+|are\s+|should\s+)?(?:due|arriv\w*|ships|"
    r"eta|lands|coming|onsite|on site|on-site|booked)\b"
)


RESTART = re.compile(r"(?i)(?:[,:]|\b(?:so|right|then|and|ok|okay))\s+")


def who_acts(clause: str, before: list[str], index: int, ledger: Ledger) -> tuple[Optional[str], str]:
    """Who the clause says will act ('we', 'you' or a party by name) and the words after them."""
    contact = {n.lower().rstrip(".") for n in contact_names(ledger.intake)}
    me = str(ledger.intake.get("engineer_name") or "").lower()
    if m := _WE.match(clause):
        return ("we", clause[m.end() :]) if not _DONE.match(clause[m.end() :]) else (None, clause)
    if (m := _FOR_ME.match(clause)) and VERB_WORD.match(clause[m.end() :]):
        verb = VERB_WORD.match(clause[m.end() :])
        rest = clause[m.end() :]
        if m.group("pointer") and verb:  # "they arrive … for me to fit": fit them
            rest = (
                f"{rest[: verb.end()]} {'them' if m.group('pointer').lower() == 'they' else 'it'}{rest[verb.end() :]}"
            )
        return "we", rest
    if m := _PLAN_LABEL.match(clause):  # "plan: tmrw 10am swap the disk": ours, when a step follows
        rest = clause[m.end() :]
        when = WHEN.match(rest)
        step = rest[when.end() :].lstrip(" ,") if when else rest
        if VERB_WORD.match(step):
            return "we", rest
    if m := COMING.search(clause):  # "replacement arrives tmrw by 1pm", "dell tech onsite 11am tomorrow"
        return ("part" if m.group("thing") else "tech"), clause[m.start() :]
    if m := _THEY.match(clause):
        return _party(before, index, ledger), clause[m.end() :]
    if (m := _HE.match(clause)) and (named := _escalated_to(ledger)):  # "he goes out thursday 10am": who it went to
        mentioned = " ".join([*before, str(ledger.messages[index].get("text") or "")])
        if re.search(rf"(?i)\b{re.escape(named.split()[0])}\b", mentioned):
            return named, clause[m.end() :]
    if (m := _NEED_YOU.match(clause)) and m.group("name").lower() in contact | {"the client"}:
        return "you", clause[m.end() :]  # "need bethan to run a test: … reply by 5pm"
    if m := _NAMED.match(clause):
        name = (m.group(1) or m.group(2)).lower()
        if name in contact:
            return "you", clause[m.end() :]
        if name == me:
            return "we", clause[m.end() :]
        target = _escalated_to(ledger)
        if target and name in target.lower().split():  # "Hannah will do the activation at 1pm", "Owain will …"
            return target, clause[m.end() :]
        role = next((said for pattern, said in PARTY_ROLES if re.fullmatch(pattern, name)), None)
        named = _party([clause], index, ledger)
        if role or (named and named.lower() == name):
            return role or named, clause[m.end() :]
    return None, clause


_NEED_YOU = re.compile(r"(?i)^(?:(?:i|we)\s+)?(?:need|needs|want)\s+(?P<name>the client|[a-z]+)\s+to\s+")
_HE = re.compile(r"(?i)^(?:so\s+|and\s+|then\s+)?(?:he|she)(?:'ll|\s+will|'s going to|\s+is going to)?\s+")


def _escalated_to(ledger: Ledger) -> Optional[str]:
    """The person the work was escalated to, as the client reads them ('Omar from our team'), or None."""
    said = party(ledger.escalation_reason or "")
    if re.match(r"our [a-z ]+ [A-Z][a-z]+", said):  # "our network lead Owain Price"
        return said
    found = re.search(r"(?i:escalat\w*\s+(?:it\s+)?to)\s+([A-Z][a-z]+)\b", ledger.escalation_reason or "")
    if not found:
        return None
    return said if said.startswith(found.group(1)) else found.group(1)


def _party(before: list[str], index: int, ledger: Ledger) -> Optional[str]:
    """The firm the engineer last said they contacted ('rang fibrewave', 'ISP (Gigaline)', 'gigaline case GL-…'),
    nearest first: in this message, then the one before it; with its capital."""
    earlier = [
        str(m.get("text") or "") for m in ledger.messages[max(0, index - 1) : index] if m.get("role") == "engineer"
    ]
    for text in [*reversed(before), *reversed(earlier)]:
        names = [m.group(1) for pattern in (_TALKED_TO, _ROLE_NAME, _CASE_WITH) for m in pattern.finditer(text)]
        names = [n for n in names if n.lower() not in _NOT_NAMES]
        if names:
            name = names[-1]
            return name if not name.islower() else name[0].upper() + name[1:]
        role = next((said for pattern, said in PARTY_ROLES if re.search(rf"(?i)\b(?:{pattern})\b", text)), None)
        if role:
            return role
    return None


_CASE_WITH = re.compile(
    r"(?i)(?<![\w-])([a-z][\w&-]+)\s+(?:tier \d\s+)?(?:case|ticket|support)\s+(?:#|no\.?\s*)?[A-Z0-9]"
)


_NOT_NAMES = set("them her him back the it their our a my your this that new open".split())


def part_name(word: str) -> str:
    """'the replacement part', 'the new drive': what is on its way, as the client reads it."""
    word = re.sub(r"(?i)^(?:replacement|new)\s+(?!unit\b)", "", word.lower()).strip()
    return {
        "part": "the replacement part",
        "parts": "the replacement parts",
        "ap": "the wireless unit",
        "delivery": "the delivery",
        "kit": "the replacement kit",
        "replacement": "the replacement",
    }.get(word, f"the replacement {word}" if word not in ("loaner", "unit") else f"the {word}")
