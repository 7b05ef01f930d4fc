"""The engineer's note in the team's voice to the client: 'i'll call greg thurs' → 'we'll call Greg Thursday'.
Only the wording changes; what the note says stays as it was."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Optional

from .firewall import glossary
from .plain import PLAIN_TOKENS, TECHNICAL, is_plain, plain
from .sayable import sayable

# Openers that carry no meaning in a sentence to a client.
FILLER = re.compile(
    r"(?i)^(?:(?:ok(?:ay)?|so|and|but|also|hmm+|then|yeah|yep|well|anyway|btw|fyi|plus|now)\b[,:]?\s+)+"
)
# "told her …", "let him know …", "answered: …": the answer is what follows.
TOLD = re.compile(
    r"(?i)^(?:answer(?:ed)?\s*[:—–-]?\s*|(?:i|we) (?:say|said)\s+|(?:(?:i|we) )?(?:told|advised|let|informed)\s+(?:her|him|them|the (?:client|office|staff)|"
    r"[a-z]+)\s*(?:know\s+)?(?:that\s+)?[,:]?\s*)"
)
_START = [  # how a plan or a state opens in shorthand, and how we say it
    (r"(?:i|we)\s*(?:'ll|will)|will|gonna|going to|i'm going to|we're going to", "we'll"),
    (r"(?:i|we) need to|need to|needs to|have to|i have to|we have to", "we need to"),
    (r"(?:i've|we've)", "we've"),
    (r"(?:i'm|we're)", "we're"),
]
_STARTS = [(re.compile(rf"(?i)^(?:{pattern})\s+"), said) for pattern, said in _START]
_PERSON = {
    "i am": "we are",
    "i was": "we were",
    "i": "we",
    "my": "our",
    "me": "us",
    "mine": "ours",
    "i've": "we've",
    "i'm": "we're",
    "i'll": "we'll",
    "i'd": "we'd",
    "myself": "ourselves",
}
_PERSON_RE = re.compile(
    r"(?i)(?<![\w.'])(" + "|".join(re.escape(k) for k in sorted(_PERSON, key=len, reverse=True)) + r")(?![\w.'])"
)
DAYS = {
    "mon": "Monday",
    "tue": "Tuesday",
    "tues": "Tuesday",
    "wed": "Wednesday",
    "weds": "Wednesday",
    "thu": "Thursday",
    "thur": "Thursday",
    "thurs": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
_DAY_RE = re.compile(r"(?i)\b(" + "|".join(DAYS) + r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b(?![.'-]\w)")
_ITS = re.compile(r"(?i)\bits (?=(?:a|an|the|on|in|at|not|been|all|just|still|now|ok|fine|done|[a-z]+ing|[a-z]+ed)\b)")
# Words a plan may start with once it is ours: "we'll", "we need to", "we've", "we're".
OURS = re.compile(r"(?i)^we(?:'ll|'ve|'re| need to)\b")


def voice(text: str, names: Iterable[str] = ()) -> str:
    """Fillers dropped, first person singular made the team's, weekdays spelled out, known names capitalised
    (a question keeps its opening: "will the bounced emails go out?")."""
    text = FILLER.sub("", text.strip())
    for pattern, said in [] if text.endswith("?") else _STARTS:
        if pattern.match(text):
            text = pattern.sub(f"{said} ", text, count=1)
            break
    text = _PERSON_RE.sub(lambda m: _PERSON[m.group(1).lower()], text)
    text = _ITS.sub("it's ", text)  # "its eating the space", "its on their account": chat for "it's"
    text = _DAY_RE.sub(lambda m: DAYS.get(m.group(1).lower(), m.group(1).capitalize()), text)
    return named(text, names)


def named(text: str, names: Iterable[str]) -> str:
    """The session's names with their capital, wherever they were typed lowercase ('told greg' → 'told Greg')."""
    for name in names:
        text = re.sub(rf"(?<![\w@.]){re.escape(name.lower())}(?![\w@])", name, text)
    return text


def answer(text: str) -> str:
    """An engineer's answer as said to the client ('told her no, they need to resend' → 'no, they need to
    resend')."""
    said = TOLD.sub("", FILLER.sub("", re.sub(r"^-?>\s*", "", text.strip())))
    return re.sub(r"^(YES|NO|NOPE|YEP)\b", lambda m: m.group(1).capitalize(), said)  # "i say NO - shut down"


# Words that show a sentence is the engineer talking to themselves or about our tools: never client text.
ENGINEER_VOICE = re.compile(
    r"(?i)\b(?:lol|ugh|tbh|imo|our management tools|our remote support tool|hmm+|"
    r"our support ticket system|our security monitoring service|maybe|i think|i say|prob|guess|pretty sure|"
    r"not sure|we am|classic|weird|dunno|idk)\b|\?|\s!\s"
)
# A clause that only points back ("started it", "we'll turn it on after …", "he's out till 2pm"): unreadable alone.
POINTS_BACK = re.compile(
    r"(?i)^(?:(?:we'll|we|we've|we're|we need to)\s+)?\w+\s+(?:it|them|that|this)\b|^(?:he|she|they|it|this|that)"
    r"(?:'s|'re|'ll)?\b"
)
# Identifier phrases a sentence can lose and still say the same to a client ("on CL-FS01", "via case 13-28").
_ID_PHRASE = re.compile(
    r"\s+(?:on|at|for|from|via|in|to|with|of)\s+(?:the\s+|a\s+)?(?:\S*\d\S*|[A-Z]{2,}\S*|\S+-\S+)(?:\s+\S*\d\S*)*"
    r"(?=[,;.]|$)"  # only where the phrase ends a clause: cut mid-clause, the rest would not read
)


# A device's name right after the device ("laptop RFB-LT-07", "server SRV02"): the client knows it as "the laptop".
_NAMED_DEVICE = re.compile(
    r"(?i)\b(laptop|loaner|server|printer|pc|computer|desktop|switch|router|copier|scanner|phone|tablet|terminal|"
    r"register|nas|ups|firewall|workstation|machine|drive|disk|camera|clock)\s+(?=\S*\d)[A-Z0-9][\w.-]*(?:\s*\([^)]*\))?"
)


@lru_cache(maxsize=1)
def _device_codes() -> tuple[re.Pattern[str], list[tuple[re.Pattern[str], str]]]:
    """One pattern for a device code (HM-WS07, CAM8, ACORN-NVR) and, per prefix, what the client calls it."""
    kinds = [(re.compile(rf"^(?:{prefix})(?:\d+[A-Z]?)?$"), noun) for prefix, noun in glossary()["device_codes"]]
    code = re.compile(
        r"(?<![\w-])(?=[A-Z0-9-]*[\d-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?='s|\b)(?!-)|(?<![\w-])[A-Z]{2,}\d+[A-Z]?\b"
    )
    return code, kinds


def device_nouns(text: str) -> str:
    """Device codes said as the device ('reduced CAM8 to …' → 'reduced the camera to …'); other codes stay."""
    code, kinds = _device_codes()

    def noun(match: re.Match[str]) -> str:
        segments = match.group(0).split("-")
        found = next((n for seg in reversed(segments) for kind, n in kinds if kind.match(seg)), None)
        if found is None:
            return match.group(0)
        before = text[: match.start()].split()
        after = text[match.end() :].split(None, 1)
        if after and after[0].strip(",.;:").lower() in (found, found.split()[-1], found + "s"):
            return ""  # "CAM8 camera": the noun is already there
        if before and _NAMED_DEVICE.match(f"{before[-1]} X1"):
            return ""  # "fiona's pc HM-WS07": so is the device
        return found if before and before[-1].lower() in _DETERMINERS else f"the {found}"

    return re.sub(r"\s{2,}", " ", code.sub(noun, text)).strip()


# "…, e.g. the archive copy", "calls e.g. to the lab, use the mobile": detail a client can skip, to the end of its
# clause when the sentence goes on, else to the end
EXAMPLE = re.compile(r"(?i),?\s*\(?\b(?:e\.g|eg|i\.e|ie)\b\.?\s(?:[^,;()]*\)?(?=[,;])|.*$)")


_PREPOSITIONS = {"on", "at", "for", "from", "via", "in", "to", "with", "of", "using", "into", "through"}
_JOINS = _PREPOSITIONS | {"and", "or", "but", "so", "because", "which", "that", "when", "after", "before", "is", "was"}
_DETERMINERS = {"the", "a", "an", "our", "their", "his", "her", "its", "your", "my"}


def _technical(token: str) -> bool:
    word = token.strip(",.;:'\"“”‘’()")
    return bool(word) and bool(TECHNICAL.fullmatch(word)) and not PLAIN_TOKENS.match(word)


def without_ids(text: str) -> Optional[str]:
    """The text with each run of names and codes cut where the sentence still reads without it: with the
    preposition that leads it ('with an APCRBC124', 'from AutoRecover') or after the thing it names ('the office
    APC Back-UPS Pro BR1500MS2' → 'the office'); None when a run stands where the sentence needs it."""
    tokens, out, i = text.split(), [], 0
    while i < len(tokens):
        if not _technical(tokens[i]):
            out.append(tokens[i])
            i += 1
            continue
        end = i
        while (
            end + 1 < len(tokens)
            and not re.search(r"[,;:.]$", tokens[end])
            and (_technical(tokens[end + 1]) or re.match(r"[A-Z][a-z]+$", tokens[end + 1]))
        ):
            end += 1
        if end + 1 < len(tokens) and re.match(r"[a-z]+$", tokens[end + 1]) and tokens[end + 1] not in _JOINS:
            return None  # the run names what follows ("NAT mode"): cut, the clause would not read
        tail = re.search(r"[,;:.]$", tokens[end])
        lead = [w.lower() for w in out[-2:]]
        if lead[-1:] and lead[-1] in _DETERMINERS and len(lead) == 2 and lead[0] in _PREPOSITIONS:
            del out[-2:]
        elif lead[-1:] and lead[-1] in _PREPOSITIONS:
            del out[-1:]
        elif not (len(lead) == 2 and lead[0] in _DETERMINERS and lead[1].isalpha() and lead[1].islower()):
            return None
        if tail and out:
            out[-1] += tail.group(0)
        i = end + 1
    return " ".join(out) if out else None


def client_words(text: str, question: bool = False, known: Optional[frozenset[str]] = None) -> Optional[str]:
    """plain() of the text, without identifier phrases or, failing that, cut to its first clause; None when even
    that is technical, reads as the engineer's own voice, only points back, or runs too long to be sure of."""
    text = EXAMPLE.sub("", text)
    first = re.split(
        r",\s+|\s+(?:for|on|at|in|via|from|with)\s+(?=\S*\d)(?!\d{1,2}(?::\d{2})?\s*(?:am|pm)\b)", text, maxsplit=1
    )[0]
    unnamed = _NAMED_DEVICE.sub(r"\1", text)  # "the loaner LT-SPARE-02 from the cabinet" → "the loaner from …"
    trimmed = without_ids(unnamed)
    devices = device_nouns(unnamed)
    for candidate in (text, _ID_PHRASE.sub("", text), unnamed, _ID_PHRASE.sub("", unnamed), devices, trimmed, first):
        result = plain(candidate) if candidate else None
        if (
            result
            and is_plain(result)
            and not ENGINEER_VOICE.search(result)
            and (question or not POINTS_BACK.match(result))  # "is it safe to keep using it" asks; it points nowhere
            and len(result.split()) <= 24
            and (known is None or sayable(result, known))
        ):
            return result.rstrip(".")
    return None


# A finite verb: without one, a line is a fragment ("On site Thursday.", "Contained: sessions revoked.").
FINITE = re.compile(
    r"(?i)\b(?:is|are|was|were|has|have|had|can|can't|cannot|will|won't|would|should|must|need|needs|does|doesn't|did|"
    r"didn't|isn't|aren't|wasn't|we'll|we've|we're|it's|they're|\w{3,}ed|starts|runs|works|keeps|shows|says|takes|"
    r"gets|goes|comes|puts|sends|uses|looks|brings|pulls|reviews|coordinates|renews|arrives|tests|calls|checks|"
    r"makes|holds|points|stays|serves|owns|leads|handles|plans|expects|wants|knows|sees|fails|blocks|drops)\b"
)


def is_sentence(text: str) -> bool:
    """A line that can stand alone: a verb in it, no label before a colon, at least four words."""
    rest = text.split(" ", 1)[-1] if re.match(r"(?i)\w+ed\b", text) else text  # "Expected in 2 hours."
    rest = re.sub(r"(?i)\s\w+ed[.!]?$", "", rest)  # "… in the library disabled.": a participle at the end
    return bool(FINITE.search(rest)) and not re.match(r"^[\w ]{1,25}:", text) and len(text.split()) >= 4
