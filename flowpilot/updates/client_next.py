"""What happens next and what we need: the client's part (asks, approvals), our plans with their times, and
when we'll be back in touch. Only what the session holds; each sentence keeps the messages it came from."""

from __future__ import annotations

import re
from typing import Optional

from ..clauses import when_said
from ..ledger import Fact, Ledger
from . import typed
from .client import (
    NOT_FOR_CLIENT,
    Line,
    contact_names,
    known,
    lower_first,
    say,
    stands_alone,
    to_contact,
    upper_first,
)
from .sayable import has_subject
from .voice import OURS, is_sentence, voice

NEXT_PREFIX = re.compile(
    r"(?i)^(?:next(?: steps?)?|todo|to do|plan|then)(?:\s+(?:once|when|after|if)\s[^:]{1,40}:|\s*[:,-]?)\s*"
)
# A time before a plan ("after 2pm check the trace", "tomorrow 8am re-run the job").
WHEN_FIRST = re.compile(
    r"(?i)^(?:(?:after|before|at|by|around|from)\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)?|tomorrow(?: morning| \d{1,2}"
    r"(?::\d{2})?\s*(?:am|pm))?|tonight|today|this (?:afternoon|evening)|(?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)"
    r"day(?:\s+(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm))?)\s*,?\s+"
)
# A plan in shorthand that starts with what we will do ("add a second method …"): said as "Next, we'll add …".
PLAN_VERB = re.compile(
    r"(?i)^(?:add|check|call|test|retest|replace|order|quote|send|schedule|update|move|confirm|review|monitor|rerun|"
    r"remove|restore|renew|install|set|swap|push|roll|ask|follow|book|get|pick|reach|enable|disable|turn|run|rebuild|"
    r"migrate|reset|verify|watch|recheck|re-check|re-run|re-enrol|re-?image|clean|finish|deliver|contact)\b"
    r"(?! running)(?!\s+(?:sent|done|received|approved|\w+ed)\b)"
)


# What we need from the client or someone at their company before we can go on.
NEED = re.compile(
    r"(?i)\b(?:approv\w*|authori[sz]\w*|sign[- ]?off|permission|go-ahead|needs? \w+'s (?:ok|okay)|"
    r"need (?:you|them|her|him|\w+) to (?:decide|approve|confirm|choose|sign|check|tell|send|restart|reboot))\b"
)


def needs(ledger: Ledger) -> list[Line]:
    """What we need from the client (something to do, an approval, a decision), when the session says so."""
    return asks(ledger) + approvals(ledger)


def asks(ledger: Ledger) -> list[Line]:
    """What the engineer asked the client to do ('karen: please ask the aide to unplug …'), newest first."""
    return _ask(ledger) + told_to(ledger)


# "asked her not to delete anything from the queue", "advised her to export that clip today": what we asked
# of the reader, said to them.
_TOLD_TO = re.compile(
    r"(?i)\b(?:asked|told|advised|reminded|ask)\s+(?P<who>her|him|them|the client|the office|staff|\w+)\s*"
    r"(?:(?P<neg>not\s+)?to\s+|:\s*(?=(?:ring|call|phone|email|send|report|keep|use|move|check|restart|unplug|plug|"
    r"leave|save|print|forward|change|reset|sign|log|try|stop|avoid|contact|tell|book|bring|wipe|switch|turn)\s))"
    r"(?P<what>[^.;]+)"
)  # "asked her not to delete …", "told dana: ring the bank's fraud line now …", "ask him not to power it off"


def told_to(ledger: Ledger, limit: int = 2) -> list[Line]:
    """What we asked the contact (or their staff) to do or not to do, as a request to them."""
    contact = {w.lower().rstrip(".") for w in str(ledger.intake.get("contact_name") or "").split()}
    lines: list[Line] = []
    for fact in ledger.facts:
        found = _TOLD_TO.search(fact.text)
        who = found.group("who").lower() if found else ""
        if not found or (who not in {"her", "him", "them", "the client", "the office", "staff"} | contact):
            continue
        if _answered(fact, ledger, contact):
            continue  # "asked lisa to look at the UPS. she says it's on and green": done, not still asked
        # "…, because …", "…, no reply yet", "…, reception terminal stays the fallback": the ask ends at the comma
        what = re.split(r",\s+(?!and\b|or\b|then\b)", found.group("what"))[0]
        if who in {"her", "him"} | contact:  # "asked him to scan a page to himself when he's out": the reader
            what = to_contact(what)
        what = _then_named(what, fact, ledger)
        what = say(what, ledger)
        if what and not re.match(r"(?i)(?:we|our)\b", what):
            text = f"Please {'do not ' if found.group('neg') else ''}{lower_first(what)}."
            if all(line.text != text for line in lines):
                lines.append(Line(text, fact.sources))
    return lines[-limit:]


_TILL_THEN = re.compile(r"(?i)\b(till|until|before)\s+then\b")
_DAY = re.compile(r"(?i)\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tonight)\b")


def _then_named(what: str, fact: Fact, ledger: Ledger) -> str:
    """'until then' as the day the message named before it ('thursday: clone … asked steve to keep it off till
    then' → 'until Thursday'); the ask with no 'then' it can name is cut before it."""
    then = _TILL_THEN.search(what)
    if not then:
        return what
    text = ledger.message_text(fact)
    days = _DAY.findall(text[: max(0, text.find(fact.text))] or text)
    day = days[-1].lower() if days else ""
    if not day:
        return what[: then.start()].rstrip(" ,")
    said = day if day in ("tomorrow", "tonight") else day.capitalize()
    return f"{what[: then.start()]}until {said}{what[then.end() :]}"


def _answered(fact: Fact, ledger: Ledger, contact: set[str]) -> bool:
    """The contact reported back on what we asked, later in its message or in the engineer's next one."""
    text = ledger.message_text(fact)
    after = text[text.find(fact.text) + len(fact.text) :] if fact.text in text else ""
    later = next(
        (str(m.get("text") or "") for m in ledger.messages[fact.message + 1 :] if m.get("role") == "engineer"), ""
    )
    names = "|".join(re.escape(n) for n in contact if len(n) > 2) or "she"
    return bool(
        re.search(
            rf"(?i)\b(?:she|he|they|{names})\s+(?:says|said|confirm\w*|reports?|reported|checked)\b", f"{after} {later}"
        )
    )


def _ask(ledger: Ledger) -> list[Line]:
    """The latest ask the ledger read as one ('karen: please ask the aide to unplug …')."""
    for fact in reversed(ledger.of("ask")):
        text = say(re.sub(r"^[^:]{1,30}:\s*", "", fact.text), ledger)
        if text:
            text = re.sub(r"(?i)^(?:we\s+|i\s+)?(?:will\s+)?need\s", "we need ", text)  # "need someone to …"
            if has_subject(text, known(ledger)):
                return [Line(f"{upper_first(text)}.", fact.sources)]
    return []


_ASKED_APPROVAL = re.compile(
    r"(?i)\basking (?:\w+ )?(?:to approve|for (?:approval|the go-ahead|the ok) (?:for|to))\s+(.+)$"
)


def approvals(ledger: Ledger) -> list[Line]:
    """An approval or decision we still wait for from someone at the client."""
    wanted = [
        f
        for f in ledger.facts
        if f.kind not in ("question", "symptom") and any(p.search(f.text) for p in (NEED, _NAMED_NEED, _NEED_FROM))
    ]
    for fact in reversed(wanted):  # what the contact must give us, named as theirs, says it best
        if _GIVEN.search(fact.text):
            break
        typed_need = _need_from_contact(fact, ledger)
        if typed_need:
            return [typed_need]
    for fact in reversed(wanted):
        if _GIVEN.search(fact.text):
            return []  # the approval came: nothing left to ask for
        asked = _ASKED_APPROVAL.search(fact.text)  # "left voicemail asking to approve scoping the rule back"
        what = say(asked.group(1), ledger) if asked else None
        if what:
            return [Line(f"We need your approval for {lower_first(what)}.", fact.sources)]
        if NOT_FOR_CLIENT.search(fact.text):
            continue
        said = say(re.split(r":\s", fact.text, maxsplit=1)[0] if NEED.match(fact.text) else fact.text, ledger) or ""
        text = re.sub(r"(?i)^(?:needs|need)\s", "we need ", re.sub(r"^(?!we need)[\w ]{1,25}:\s+", "", said))
        if text and not NOT_FOR_CLIENT.search(text) and has_subject(text, known(ledger)):
            return [Line(f"{upper_first(text)}.", fact.sources)]
    return []


# "need sasha's approval for +2 before we order", "needs our remote session + gareth's ok for approx. 1h downtime",
# "need from lee: ok for the DMS being down 7-9pm tonight": what the contact must give us, by name.
_NAMED_NEED = re.compile(
    r"(?i)\bneeds?\b[^.;]{0,40}?\b(?P<who>[a-z]+)'s\s+(?P<kind>approval|ok|okay|sign-?off|go-ahead)"
    r"(?:\s+(?P<to>for|to|on)\s+(?P<what>[^.;]+?))?(?:\s+before\s+(?P<before>[^.;]+?))?"
    r"(?P<cond>\s+(?:only\s+(?:if|when)|if|unless)\b(?<!even if)[^.;]*)?\s*(?:[.;]|$)"
)
_NEED_FROM = re.compile(r"(?i)\bneed(?:ed)?\s+from\s+(?P<who>[a-z]+)\s*:\s*(?P<what>[^;]+?)\s*(?:[.;]|$)")
_GIVEN = re.compile(r"(?i)\b(?:approved|authori[sz]ed|signed off|gave (?:the )?(?:ok|go-ahead))\b")
_KIND = {"approval": "approval", "ok": "OK", "okay": "OK", "go-ahead": "go-ahead"}


def _need_from_contact(fact: Fact, ledger: Ledger) -> Optional[Line]:
    """'We need your OK for about an hour of downtime.' when the engineer wrote what the contact must give us."""
    contact = {w.lower().rstrip(".") for w in contact_names(ledger.intake)}
    text = re.sub(r"(?i)\b(approx|est|incl)\.", r"\1", fact.text)  # its full stop ends no sentence
    named = _NAMED_NEED.search(text)
    if named and re.search(r"(?i)\b(?:no longer|not|don'?t|doesn'?t|without|no)\s+(?:\w+\s+)?needs?\b", text):
        return None  # "no longer need dana's approval": nothing to ask for
    if named and named.group("cond"):
        return None  # "need otto's ok only if plan a fails": a need that may never come is not asked for yet
    if named and named.group("who").lower() in contact | {"client", "customer"}:
        kind = _KIND.get(named.group("kind").lower(), "sign-off")
        what = say(named.group("what"), ledger) if named.group("what") else None
        before = say(named.group("before"), ledger) if named.group("before") else None
        to = named.group("to") or "for"
        tail = f" {to} {lower_first(what)}" if what else f" before {lower_first(before)}" if before else " to go ahead"
        return Line(f"We need your {kind}{tail}.", fact.sources)
    wanted = _NEED_FROM.search(text)
    if wanted and wanted.group("who").lower() in contact | {"client", "customer", "you"}:
        said = say(wanted.group("what"), ledger)
        ok = re.match(r"(?i)(ok|okay|approval|sign-?off|go-ahead)\s+(?:for|to)\s+", said or "")
        if said and ok:
            return Line(
                f"We need your {_KIND.get(ok.group(1).lower(), 'sign-off')} for {said[ok.end() :]}.", fact.sources
            )
        if said:
            return Line(f"We need from you: {lower_first(said)}.", fact.sources)
        ok = re.match(r"(?i)(ok|okay|approval|go-ahead)\b", wanted.group("what"))
        if ok:  # "ok for the DMS being down …": what it is for cannot be said plainly, that we need it can
            return Line(f"We need your {_KIND[ok.group(1).lower()]} to go ahead.", fact.sources)
    return None


def next_steps(ledger: Ledger, limit: int = 3) -> list[Line]:
    """What happens next and when, and what we're waiting on, in the team's voice."""
    lines = []
    steps = [f for f in ledger.of("next_step", "waiting") if not _CONDITIONAL_PLAN.match(f.text)]
    for fact in steps[-limit:]:
        text = _plan_text(fact.text, ledger, fact) or _plan_text(_resolved(fact, ledger), ledger, fact)
        if not text:
            lines += _typed_plan(fact)
            continue
        if NOT_FOR_CLIENT.search(text) or NEED.search(text):
            continue
        first = text.split(" ", 1)[0]
        if OURS.match(text) or (first in ledger.people and is_sentence(text)):  # "Ruth on loan laptop …" is none
            lines.append(Line(f"{upper_first(text)}.", fact.sources))
        elif first.lower() == "waiting":
            lines.append(Line(f"We're {lower_first(text)}.", fact.sources))
        elif PLAN_VERB.match(text):
            lines.append(Line(f"Next, we'll {lower_first(text)}.", fact.sources))
        elif (timed := WHEN_FIRST.match(text)) and PLAN_VERB.match(text[timed.end() :]):  # "after 2pm check …"
            when = timed.group(0).strip(" ,")
            parts = text[timed.end() :].split(", ")  # "swap drive 2, tonight check the backup": the first step
            if not any(re.match(r"(?i)(?:if|unless|once|when|only)\b", p) for p in parts[1:]):
                lines.append(Line(f"{upper_first(when)}, we'll {parts[0]}.", fact.sources))
        elif stands_alone(text, ledger) and _FUTURE.search(text):  # "dispatch starts at 5am" is no next step
            lines.append(Line(f"Next: {lower_first(text)}.", fact.sources))
    return lines


# "plan if approved: 1. … 2. …", "once approved: order seat": steps that wait on a condition; said as they are,
# they would promise what may not happen.
_CONDITIONAL_PLAN = re.compile(r"(?i)^(?:plan\s+)?(?:if|once|when|after)\s[^:]{1,30}:")
_FUTURE = re.compile(
    r"(?i)\b(?:will|'ll|going to|gonna|plan(?:s|ning)? to|due to|scheduled|booked|tonight|tomorrow|today (?:at|by)|"
    r"this (?:morning|afternoon|evening)|later today|next week|(?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
)


def _plan_text(text: str, ledger: Ledger, fact: Fact) -> Optional[str]:
    """A plan in the team's voice ('we'll fit the storage drive Thursday at 2pm'), or None."""
    said = say(_AT.sub(r"\1 at \2", NEXT_PREFIX.sub("", text)), ledger, fact) if text else None
    return _PRESENT_PLAN.sub(r"we'll \1", said) if said else None  # "plan: i call dr ashby 3pm" is a plan


def _resolved(fact: Fact, ledger: Ledger) -> str:
    """The plan with 'it' or 'them' named from the sentence before it in the same message ('I have ordered a
    replacement drive … I will fit it Thursday' → 'fit the storage drive'), or '' when nothing names it."""
    earlier = ledger.earlier_in_message(fact)
    named = typed.things(earlier[-1].text, everyday=True) if earlier else []
    if not named or not _POINTER.search(fact.text):
        return ""
    return _POINTER.sub(named[-1][2], fact.text, count=1)


_POINTER = re.compile(r"(?i)\b(?:it|them)\b")


# "i call dr ashby 3pm": a plan in the present tense, and its time without "at".
_PRESENT_PLAN = re.compile(
    r"(?i)^we (?!(?:need|are|were|have|had|can|could|should|will|would|may|might|must)\b)([a-z]+)\b"
)
_AT = re.compile(
    r"(?i)(\b(?!(?:at|by|after|before|from|until|till|around|to)\b)[a-z]+)\s+(\d{1,2}(?::\d{2})?\s*(?:am|pm))\b"
)


def _typed_plan(fact: Fact) -> list[Line]:
    """When a plan cannot be said as written: its first step and time, or a part on its way, from parts."""
    when = when_said(fact.text)
    when = voice(when, ()) if when else None
    step, due = typed.plan(fact.text, when), typed.coming(fact.text, when)
    if step:  # "plan: swap disk … when the part arrives" is the swap; the part's arrival is said where stated
        return [Line(f"Next, we'll {step}.", fact.sources)]
    return [Line(f"{upper_first(due)}.", fact.sources)] if due else []


# Our own promise to come back to the client ("i'll update dana at 4", "will let her know by noon"); "the vendor
# will call back by 3pm" is their promise, not ours.
PROMISE = re.compile(
    r"(?i)^(?:i|we)(?:'ll| will)\s+(?:update|call|ring|let \w+ know|check back|get back|follow up|touch base|"
    r"report back)|\b(?:update|let) (?:her|him|them|the client|the office|\w+) (?:know )?(?:at|by|in|before|after)\b"
)


def closing(ledger: Ledger, context: str) -> Line:
    """When we'll be back in touch, only when the engineer said so; never a promise the session does not hold."""
    if context == "resolution":
        return Line("If you still see the problem, reply to this message and we'll pick it straight back up.")
    promised = any(PROMISE.search(f.text) for f in ledger.of("next_step") if not re.match(r"(?i)\w+ will", f.text))
    when = ledger.next_update_when if promised else None
    return Line(f"We'll update you again {when}." if when else "We'll keep you posted as this moves forward.")
