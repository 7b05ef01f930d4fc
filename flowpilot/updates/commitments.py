"""Who does what by when, read clause by clause from the engineer's messages and said from a template:
'rang fibrewave … they'll apply it by tomorrow 10am' → 'Fibrewave will make the change by tomorrow at 10am.'
The template carries the party, the kind of step and the time; the engineer's own words are never re-voiced."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .. import ledger_rules as rules
from ..ledger import Ledger
from . import typed
from .actors import COMING, RESTART, VERB_WORD, part_name, who_acts
from .client import Line, base_verb, contact_names, say
from .phrases import COMMITMENT_SAID, COMMITMENT_VERBS
from .plain import lower_first, upper_first
from .when import HEDGE, WHEN, spoken_when

_SPLIT = re.compile(
    r"(?i)\s*(?:→|->|=>|;|\n|\s[-–—]\s|\bfull stop\b|\bnumber (?:one|two|three|four|five)\b)\s*|"
    r"(?<=[.!?])(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)(?<!\bRev\.)\s+(?=[A-Za-z])|"
    r",?\s+(?:and\s+then|then|and|but|so|\+)\s+(?=(?:i|we|they|i'll|we'll|they'll|theyll|i'm|we're|they're)\b)|"
    r",\s+(?=(?:i|we|they|i'll|we'll|they'll|theyll)\b)"
)
_FUTURE = re.compile(
    r"(?i)\b(?:will|'ll|going to|gonna|to|due|booked|scheduled|planned|plan|aim\w*|expect\w*|promised)\b"
)
_PAST = re.compile(rf"(?i)\b(?:already|did)\b|\b(?:i|we|they)\s+\w+ed\b|{rules.PAST}")
_NOT = re.compile(
    r"(?i)\b(?:not|n't|cannot|cant|never|no longer|if|unless|whether|maybe|might|may|could|should|once|as soon as)\b"
)
_IT = re.compile(r"(?i)^\s*(?:it|them|that|this)\b")


@dataclass
class Commitment:
    """One thing someone will do, and when, as the client should read it."""

    text: str
    message: int
    when: str
    kind: str
    who: str  # "we", "you", "part", "tech", or the firm or person by name


def commitments(ledger: Ledger, limit: int = 3, after_fix: bool = False) -> list[Line]:
    """The latest timed commitments in the session, one sentence each, newest last; one per time and party. Once
    the work is done (after_fix), only follow-ups: contact, a proposal, a decision, not the work itself."""
    return [Line(c.text, (c.message,)) for c in _kept(ledger, limit, after_fix)]


def firms_acting(ledger: Ledger) -> list[str]:
    """Who else acts next among those commitments, by name ('Fibrewave'), oldest first."""
    return [c.who for c in _kept(ledger, 3, False) if c.who not in _NOT_A_FIRM and _FIRM_NAME.fullmatch(c.who)]


_NOT_A_FIRM = ("we", "you", "part", "tech")
_FIRM_NAME = re.compile(r"[A-Z][\w&'-]*(?: [A-Z][\w&'-]*)?")  # a name, not a role ("your internet provider")


def _kept(ledger: Ledger, limit: int, after_fix: bool) -> list[Commitment]:
    """The latest word on each step, newest last: 'order Thursday pm' stands after 'order Friday'."""
    found = ledger.once("commitments", lambda: _all(ledger))
    if after_fix:
        found = [c for c in found if c.kind in ("contact", "propose", "decide", "send")]
    kept: list[Commitment] = []
    for item in reversed(found):
        same = [o for o in kept if (item.when == o.when or _step(item) == _step(o)) and item.who == o.who]
        if not same:
            kept.append(item)
        elif len(same) == 1 and item.when != same[0].when and item.when.startswith(same[0].when):
            kept[kept.index(same[0])] = item  # "Friday" said last, "Friday at 2pm" before: the time is the earlier's
    return list(reversed(kept[:limit]))


def _step(item: Commitment) -> str:
    """The step without its time: 'order the replacement Friday' and '… Thursday pm' are one step, said twice."""
    return item.text.lower().replace(item.when, "").replace("provisionally ", "")


def _all(ledger: Ledger) -> list[Commitment]:
    """Every commitment in the engineer's messages, in order."""
    found: list[Commitment] = []
    for index, message in enumerate(ledger.messages):
        text = str(message.get("text") or "")
        if message.get("role") == "engineer" and WHEN.search(text):  # a message with no time holds no commitment
            found += _read(text, index, ledger)
    return found


def with_commitments(lines: list[Line], said: list[Line]) -> list[Line]:
    """The plan's lines, then each commitment they do not already hold (same message and same time)."""
    asked_ok = any(re.search(r"(?i)\bapprov", line.text) for line in lines)  # the cost line asks for it already
    return lines + [
        c for c in said if not any(_same_time(c, line) for line in lines) and not (asked_ok and "go ahead" in c.text)
    ]


def _same_time(commitment: Line, line: Line) -> bool:
    """Both come from one message and name one time ('tomorrow', '2pm', 'Friday')."""
    times = {t.lower() for t in _TIME_WORD.findall(commitment.text)}
    clocks = {t.lower().replace(" ", "") for t in _CLOCK_WORD.findall(commitment.text)}
    if clocks & {t.lower().replace(" ", "") for t in _CLOCK_WORD.findall(line.text)}:
        return True  # "reruns tonight at 10pm" and "we'll run our checks at 10pm": one event
    return bool(set(commitment.sources) & set(line.sources)) and any(t in line.text.lower() for t in times)


_TIME_WORD = re.compile(
    r"(?i)\b(?:\d{1,2}(?::\d{2})?\s*(?:am|pm)|\d{1,2}:\d{2}|tomorrow|tonight|today|noon|[a-z]+day)\b"
)
_CLOCK_WORD = re.compile(r"(?i)\b\d{1,2}(?::\d{2})?\s*(?:am|pm)|\b\d{1,2}:\d{2}")


def _read(text: str, index: int, ledger: Ledger) -> list[Commitment]:
    """Each clause of one message that says who will do what by when."""
    parts = clauses(text)
    return [said for at, clause in enumerate(parts) if (said := _said(clause, parts[:at], index, ledger))]


def clauses(text: str) -> list[str]:
    """A message's clauses, quoted text left out ('rang X → they'll …, I'll …' is three)."""
    unquoted = re.sub(r"\"[^\"]*\"|“[^”]*”|(?<!\w)'[^'\n]{2,80}'(?!\w)", "", text)
    return [c.strip(" ,.") for c in _SPLIT.split(unquoted) if c and c.strip(" ,.")]


def _said(clause: str, before: list[str], index: int, ledger: Ledger) -> Optional[Commitment]:
    """'Fibrewave will make the change by tomorrow at 10am.' for one clause, or None."""
    if not WHEN.search(clause):
        return None  # no time, no commitment: most clauses stop here
    who, rest = None, clause
    for start in [0, *(m.end() for m in RESTART.finditer(clause))]:  # "uh what was I saying, right so Ailsa's …"
        if start and re.match(r"(?i)will\b", clause[start:]):
            continue  # "she's pulling the logs, will swap it tonight": she will, not we
        who, rest = who_acts(clause[start:], before, index, ledger)
        if who is not None:
            break
    # "check the 10pm run tomorrow 8am": a time after "the" names a thing; the step's time is the other one
    when_match = next(
        (m for m in WHEN.finditer(rest) if not re.search(r"(?i)\b(?:the|'s)\s+$", rest[: m.start()])), None
    )
    if who is None or not when_match or rest.endswith("?") or _NOT.search(rest[: when_match.start()]):
        return None
    if _PAST.search(rest[: when_match.start()]) or (rest[: when_match.start()].endswith("for ") and who != "you"):
        return None  # "order for Friday delivery": Friday is when it comes ("dave to book it for 2pm" is his time)
    verbs = [(COMMITMENT_VERBS[v.group(1).lower()], v.group(1), v.end()) for v in VERB_WORD.finditer(rest)]
    if who in ("part", "tech"):  # what is on its way, or who is coming: the kind of step is that
        verbs = [("deliver" if who == "part" else "visit", "", 0)]
    if not verbs and who != "you":
        return None
    actor = who if who in ("we", "you", "part", "tech") else "party"
    # a decision or proposal first, then the verb the time belongs to (the last one before it: "they'll trace it
    # and call me back tomorrow 9am" is the call), then the others in turn
    timed = [v for v in verbs if v[2] <= when_match.start()][-1:]
    ranked = sorted(timed + [v for v in verbs if v not in timed], key=lambda v: v[0] not in ("decide", "propose"))
    kind, word, end = ranked[0] if ranked else ("", "", 0)
    if actor == "we" and kind == "contact" and not (_reader(rest[end:], ledger) or _TO_CLIENT.match(word)):
        return None  # "2pm call with vendor, then push …": the time is the call's, and the call is not with the reader
    for kind, word, end in ranked:
        said = _template(actor, kind, word, rest, end, before, who, ledger)
        if said:
            break
    else:
        asked = _asked(rest, ledger) if actor == "you" else None
        return Commitment(asked, index, spoken_when(when_match.group(0)).lower(), "ask", who) if asked else None
    template, fields = said
    own = WHEN.search(rest, end) if end > when_match.end() else None  # "… this afternoon …, reply by 5pm": by 5pm
    if own and len(rest[end : own.start()].split()) <= 4:
        when_match = own
    when = ("provisionally " if HEDGE.search(clause) else "") + spoken_when(when_match.group(0))
    if re.search(r"(?i)(?:approx\.?|about|around|circa|~)\s*(?:at\s+)?$", rest[: when_match.start()]):
        when = re.sub(r"^(at |by )?", lambda m: f"{m.group(1) or ''}around ", when, count=1)  # "approx. 1pm"
    sentence = template.format(who=who, when=when, **fields)
    return Commitment(upper_first(re.sub(r"\s+", " ", sentence).strip()), index, when.lower(), kind, who)


def _template(
    actor: str, kind: str, word: str, rest: str, end: int, before: list[str], who: str, ledger: Ledger
) -> Optional[tuple[str, dict[str, str]]]:
    """The template for this kind of step and the words that fill it, or None when none fits."""
    if actor == "you" and kind == "contact" and not _TO_US.search(rest):
        return None  # "rachel to ring every client today" is no call to us
    if actor == "you" and kind == "contact" and not re.match(r"(?:\s+\S+){0,4}?\s*" + _WHEN_AT, rest[end:]):
        return None  # "run a test: … this afternoon …, reply by 5pm": the time is not the reply's
    thing = _object(rest[end:], before) if kind in ("change", "check", "deliver", "order") and word else None
    part = COMING.search(rest)
    thing = thing or (part_name(part.group("thing")) if who == "part" and part else None)
    reader = _reader(rest[end:], ledger) or bool(re.search(r"(?i)\s(?:him|her|you)$", word))  # "contact him"
    options = _options(rest, ledger) if kind == "decide" else ""
    thing = thing or (_sent(rest[end:], ledger) if kind == "send" and reader else None)
    suffix = "_you" if kind == "contact" and reader else "_options" if options else "_thing" if thing else ""
    template = COMMITMENT_SAID.get(f"{actor} {kind}{suffix}") or COMMITMENT_SAID.get(f"{actor} {kind}")
    if template is None:
        return None
    noun = re.search(r"(?i)\b(quote|proposal|estimate)\b", rest)
    return template, {
        "thing": thing or "",
        "verb": _CALL.get(word.lower(), _plain_verb(word)),
        "noun": noun.group(1) if noun else "",
        "what": "which option you'd like" if re.search(r"(?i)\boption", rest) else "whether you'd like us to go ahead",
        "options": options,
    }


def _asked(rest: str, ledger: Ledger) -> Optional[str]:
    """'Please plug the spare USB drive into the front of the storage box before you leave at 5:30pm today.' for what
    the engineer wrote the contact will do, when it can be said plainly."""
    text = re.sub(r"\s*\([^)]*\)", "", rest)
    text = re.split(r"\s+so\s+|,\s+|;\s+|\s+[-–—]\s+", text)[0]
    text = re.sub(r"(?i)^(?:needs? to|has to|must|should|will|to)\s+", "", text)
    text = re.sub(r"(?i)^([a-z]+?)(?:e?s)?\b", lambda m: base_verb(m.group(0)), text, count=1)
    text = re.sub(r"(?i)\b(?:his|her)\b", "your", text)
    text = re.sub(r"(?i)\b(?:he|she)\s+(\w+)", lambda m: f"you {base_verb(m.group(1))}", text)  # "she leaves"
    said = say(text, ledger)
    when = WHEN.search(said or "")
    if not said or not when or re.search(r"(?i)\bapprov|\bsign(?:s|ed)? off\b", said):
        return None  # an approval is asked for once, with its price (costs.py)
    said = said[: when.start()] + spoken_when(when.group(0)).replace("at at ", "at ") + said[when.end() :]
    said = re.sub(r"(?i)\b(for|by|before|after|until|from) at\b", r"\1", said)  # "book it for at 2pm"
    return f"Please {lower_first(said.rstrip('.'))}."


_WHEN_AT = r"(?:by|at|before|after|on|tomorrow|today|tonight|this|next|mon|tue|wed|thu|fri|sat|sun)"
_CALL = {"ring": "call", "phone": "call", "callback": "call", "ring back": "call"}


def _object(after: str, before: list[str]) -> Optional[str]:
    """The plain name of what the verb acts on, when it follows the verb ('swap the disk' → 'the disk')."""
    named = typed.things(after, everyday=True)
    if named and len(after[: named[0][0]].split()) <= 2 and not typed.in_compound(after[named[0][1] :]):
        return named[0][2]
    for clause in reversed(before[-3:] if _IT.match(after) else []):  # "they'll apply it": what a clause before named
        earlier = typed.things(clause, everyday=True)  # its topic comes first ("static IP ordered … phone")
        if earlier and (_VERB_NEXT.match(clause[earlier[0][1] :]) or not typed.in_compound(clause[earlier[0][1] :])):
            many = (len(earlier) > 1 and earlier[0][2] == earlier[1][2]) or _MANY.search(clause)
            plural = re.match(r"(?i)them\b", after.strip()) and many and not earlier[0][2].endswith("s")
            return earlier[0][2] + "s" if plural else earlier[0][2]
    return None


_MANY = re.compile(r"(?i)\b(?:[2-9]\s*x\b|two|three|four|both)\b")  # "2 x drive", "both disks": fitted as "them"
_VERB_NEXT = re.compile(r"(?i)\s+(?:\w+ed|is|was|are|were|has|had|got)\b")  # "static IP ordered": a verb, no compound


_TO_CLIENT = re.compile(r"(?i)(?:update \w+|be in touch|get back|come back|check back|check in)$")
_TO_US = re.compile(r"(?i)\b(?:me|us)\b|get back|reply|confirm|let (?:me|us) know")


def _reader(after: str, ledger: Ledger) -> bool:
    """The verb's object is the contact ('ring him at 6:15', 'send her the facts', 'update kev')."""
    names = [n.lower() for n in contact_names(ledger.intake)]
    first = re.match(r"\s*(?:back\s+)?([\w']+)", after)
    word = first.group(1).lower() if first else ""
    return word in ("her", "him", "them", "you") or any(len(word) >= 3 and n.startswith(word) for n in names)


def _sent(after: str, ledger: Ledger) -> Optional[str]:
    """What we will send the contact ('send her the facts by 4pm' → 'the facts'), when it can be said plainly."""
    found = re.match(
        r"\s*[\w']+\s+((?:the|a|an|our)\s+[a-z]+(?:\s+[a-z]+)?)(?=\s+(?:by|at|before|on|tomorrow|today|"
        r"tonight|so|and|when|after)\b|\s*$)",
        after,
    )
    said = say(found.group(1), ledger) if found else None
    return said if said and said.split()[0] in ("the", "a", "an", "our") else None


def _options(clause: str, ledger: Ledger) -> str:
    """'convert Robbie's mailbox or buy the licence' from '… which option, either convert … or buy …', said plainly."""
    found = re.search(r"(?i)\boptions?\b[^,:]*[,:]\s*(?:either\s+)?(.+?)\s+or\s+(.+?)\s*$", clause)
    if not found:
        return ""
    said = [say(part.strip(" ."), ledger) for part in found.groups()]
    return " or ".join(lower_first(s) for s in said if s) if all(said) else ""


def _plain_verb(word: str) -> str:
    """The verb as the client reads it ('reboot' → 'restart')."""
    return typed.PLAN_VERBS.get(word.lower(), word.lower())
