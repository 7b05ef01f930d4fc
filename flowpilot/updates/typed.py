"""A cause or an action said from its parts when the engineer's sentence cannot be: the thing (a lexicon term)
and its state or the verb ('SSL VPN cert … expired' → 'the security certificate had expired')."""

from __future__ import annotations

import re
from typing import Optional

from .phrases import DONE, STATES
from .plain import JOINS, lexicon

_STATES = [(re.compile(pattern, re.I), said) for pattern, said in STATES]
_DONE = re.compile(
    r"(?i)^(?:i |we |i've |we've |also |just |then )?("
    + "|".join(re.escape(v) for v in sorted(DONE, key=len, reverse=True))
    + r")\b"
)


# Everyday things the lexicon leaves as they are, which a client still knows by that name.
EVERYDAY_THINGS = set(
    "battery charger disk drive printer scanner copier router switch server laptop desktop monitor modem cable port "
    "dock fan memory screen keyboard mouse phone handset headset toner drum tray rollers camera tablet mailbox "
    "backup backups storage password account licence license".split()
)
_EVERYDAY = re.compile(r"(?i)\b(" + "|".join(sorted(EVERYDAY_THINGS, key=len, reverse=True)) + r")\b(?![\w-])")


def things(text: str, everyday: bool = False) -> list[tuple[int, int, str]]:
    """Each lexicon term in the text: where it starts and ends, and its plain phrase; without one, the everyday
    things the lexicon leaves alone ('disk', 'battery' → 'the disk')."""
    pattern, phrases = lexicon()
    found = []
    for match in pattern.finditer(text):
        term = re.sub(r"(?i)^(?:the|a|an|our|your|their|his|her|its)\s+", "", match.group(0))
        phrase = phrases.get(term.lower())
        if phrase:
            found.append((match.start(), match.end(), phrase))
    plain = [(m.start(), m.end(), f"the {m.group(1).lower()}") for m in _EVERYDAY.finditer(text)]
    return sorted(found + plain) if everyday else found or plain


def cause(text: str) -> Optional[str]:
    """'the security certificate had expired', or None when the text names no thing with a state said of it."""
    named = things(text)
    if not named:
        return None
    for pattern, said in _STATES:
        for state in pattern.finditer(text):
            inside = [phrase for where, end, phrase in named if where <= state.start() and state.end() <= end]
            if inside:  # "cert expired" is one term ("the expired security certificate"): its state is said in it
                rest = re.sub(rf"(?i)\b{re.escape(state.group(0))}\b\s*", "", inside[0])
                if re.search(rf"(?i)\b{re.escape(state.group(0)[:4])}", rest):  # "the password expiry had expired"
                    rest = _typed_rest(text, state) or ""
                # "backup failed" is the fault itself ("the backup failing"), not a thing with a state: no cause
                return said.format(x=rest) if rest else None
            agent = said.endswith(" it")  # "{x} is blocking it": the thing acts on another, which may follow
            near = [
                (abs(where - state.start()), phrase)
                for where, end, phrase in named
                if _close(text, (where, end), state) and (agent or not _done_to(text, (where, end), state))
            ]
            if near:
                return said.format(x=min(near)[1])
    return None  # "a problem with the copier" would be vague at best and the wrong thing at worst


def _typed_rest(text: str, state: re.Match[str]) -> Optional[str]:
    """'the password' from 'expired password': the everyday word the engineer said the state of."""
    word = re.match(r"\s+([a-z]+)\b", text[state.end() :], re.I)
    return f"the {word.group(1).lower()}" if word and word.group(1).lower() in EVERYDAY_THINGS else None


def _close(text: str, thing: tuple[int, int], state: re.Match[str]) -> bool:
    """The state is said of the thing: two words after it at most ('cert vpn.x.com expired'), or just before it
    when it can stand there ('expired cert', 'stale lock file'); one further off, or past 'since' or 'because',
    may be about something else ('wifi adapter since his dock died')."""
    if state.start() >= thing[1]:
        between = re.sub(r"""(['"‘“])[^'"’”]{1,60}['"’”]""", "", text[thing[1] : state.start()])  # a quoted name
        between = _CODES.sub(" ", between)  # "scope 192.168.20.0/24 on the MX67 was exhausted": codes name it
        return len(between.split()) <= 2 and not re.search(r"(?i)\b(?:since|because|after|when|but|and)\b", between)
    before = ADJECTIVES.match(state.group(0))
    # "expired RDS licensing grace period": what expired is the period, not the RDS the compound opens with
    return (
        bool(before)
        and state.end() <= thing[0]
        and len(text[state.end() : thing[0]].split()) <= 1
        and (not in_compound(text[thing[1] :]) or bool(_VERB_NEXT.match(text[thing[1] :])))
    )


_VERB_NEXT = re.compile(r"(?i)\s+(?:is|was|are|were|has|had|makes|means|causes|breaks|blocks|stops)\b")


def _done_to(text: str, thing: tuple[int, int], state: re.Match[str]) -> bool:
    """'veeam lost the share': the state word is a verb the thing did to something else, not the thing's state."""
    return state.start() >= thing[1] and bool(_OBJECT.match(text[state.end() :]))


_OBJECT = re.compile(r"(?i)\s+(?:(?:the|a|an|its|their|our|his|her|my|your)\s|(?:everyone|everybody|all|them|him)\b)")
# An address, a code or a device name after the thing, and where it is ("on the MX67"): part of naming it.
_CODES = re.compile(
    r"(?:\s(?:on|at)\s+(?:the\s+)?)?(?<!\S)\d[\d./:]*(?:/\d+)?(?!\S)|\s(?:on|at)\s+(?:the\s+)?[A-Z][\w-]*\d[\w-]*"
)


# States that can stand before the thing they are said of.
ADJECTIVES = re.compile(
    r"(?i)expired|stale|outdated|corrupt\w*|damaged|failed|failing|dying|faulty|dead|bad|full|missing|wrong|"
    r"incorrect|disabled|locked|degraded|worn|compromised$"
)


def action(text: str) -> Optional[str]:
    """'turned off the power-saving setting' for 'disabled usb selective suspend on POS-REG2', or None."""
    verb = _DONE.match(text.strip())
    if not verb:
        return None
    # The thing must be the verb's object, right after it ("disabled usb selective suspend"); one further on
    # may be something else ("removed her from the no-MFA list" did not remove the sign-in security).
    named = [(where, end, phrase) for where, end, phrase in things(text) if where >= verb.end() - 1]
    if not named or len(text[verb.end() : named[0][0]].split()) > 1:
        return None
    after = text[named[0][1] :]
    if re.match(r"(?i)\s*(?:from|off|out of|for|to)\b|\s*(?:on|in)\s+(?:the|a|an|their|her|his|its|our)\b", after):
        return None  # "removed X from Y", "disabled X on the isp router": the other thing is not ours to drop
    if in_compound(after):
        return None  # "enabled AD recycle bin" turned on the recycle bin, not the directory
    return f"{DONE[verb.group(1).lower()]} {named[0][2]}"


def in_compound(after: str) -> bool:
    """The term is the first word of a compound: a plain word follows it that is no join ('AD recycle bin')."""
    nxt = re.match(r"\s+([A-Za-z][A-Za-z-]*)\b", after)
    word = nxt.group(1).lower() if nxt else ""
    return bool(word) and word not in JOINS and word not in PARTS_OK


# Words after a term that name a part of the thing itself ("the disk drive", "the toner cartridge").
PARTS_OK = {"drive", "cartridge", "unit", "settings", "setting", "config", "configuration", "service", "server"}


# A plan's first step, when the engineer wrote it as an order to themselves ("plan: swap disk 0:1:2 tomorrow
# 10am when the part arrives, rebuild, …"): its verb, as the client reads it.
PLAN_VERBS = {
    "swap": "swap",
    "replace": "replace",
    "reboot": "restart",
    "restart": "restart",
    "install": "install",
    "renew": "renew",
    "reset": "reset",
    "test": "test",
    "retest": "test",
    "check": "check",
    "update": "update",
    "rebuild": "rebuild",
    "reinstall": "reinstall",
    "re-enroll": "re-enrol",
    "re-enrol": "re-enrol",
    "order": "order",
    "buy": "buy",
    "move": "move",
    "restore": "restore",
    "enable": "turn on",
    "disable": "turn off",
    "remove": "remove",
    "delete": "remove",
    "change": "change",
    "set up": "set up",
    "push": "install",
}
_PLAN = re.compile(
    r"(?i)^(?:plan\s*:?\s*)?(?:(?:once|when|after|if)\b[^,:]{1,40}[,:]\s*)?(?:then\s+)?("
    + "|".join(re.escape(v) for v in sorted(PLAN_VERBS, key=len, reverse=True))
    + r")\b"
)
# A part, a kit or a technician on the way ("part (1.2TB SAS) arrives tomorrow by 10am", "battery kit, ETA by friday").
_COMING = re.compile(
    r"(?i)\b(?P<thing>part|parts|battery|battery kit|kit|drive|disk|replacement|loaner|certificate|cert|"
    r"technician|tech|engineer)\b[^;]{0,40}?\b(?:arrives?|ships?|eta|lands|due|coming|onsite|on site)\b"
)


def plan(text: str, when: Optional[str]) -> Optional[str]:
    """'swap the disk tomorrow 10am' for 'plan: tomorrow 10am swap disk 0:1:2 when the part arrives, rebuild …',
    or None when the plan's first step is not ours in so many words."""
    head = re.sub(
        r"(?i)^(?:plan\s*:?\s*)?(?:(?:tomorrow|tonight|today)(?: \d{1,2}(?::\d{2})?\s*(?:am|pm))?|"
        r"\d{1,2}(?::\d{2})?\s*(?:am|pm)|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s+",
        "",
        text.strip(),
    )
    verb = _PLAN.match(head)
    if not verb:
        return None
    named = [(where, end, phrase) for where, end, phrase in things(head, everyday=True) if where >= verb.end()]
    if not named or len(head[verb.end() : named[0][0]].split()) > 1:
        return None
    return f"{PLAN_VERBS[verb.group(1).lower()]} {named[0][2]}" + (f" {when}" if when else "")


def coming(text: str, when: Optional[str]) -> Optional[str]:
    """'the replacement part is due tomorrow by 10am', only with a time the engineer gave."""
    found = _COMING.search(text)
    if not found or not when:
        return None
    thing = found.group("thing").lower()
    if thing in ("tech", "technician", "engineer"):
        return f"a technician is due on site {when}"
    thing = {"cert": "certificate", "parts": "parts", "kit": "replacement kit"}.get(thing, thing)
    lead = "the" if thing.startswith(("replacement", "loaner")) else "the replacement"
    return f"{lead} {thing} is due {when}"
