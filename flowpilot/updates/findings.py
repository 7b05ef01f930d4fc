"""What we found, as the client reads it: the cause as sure as the engineer was of it, or what is ruled out.
Said from the engineer's sentence when it reads plainly, else from its parts; never a guess."""

from __future__ import annotations

import re
from typing import Optional

from ..ledger import Fact, Ledger, sets_aside
from . import typed
from .client import Line, clause, say, stands_alone
from .phrases import CAUSE_LABEL
from .plain import lower_first
from .voice import is_sentence

_NOT = re.compile(r"(?i)^(?:so\s+|and\s+)?(?:ruled out\s*:?\s*|not\s+(?:a\s+|an\s+)?)")
_RULED_SUFFIX = re.compile(
    r"(?i)[\s,]+(?:(?:is|are|was|were)\s+)?(?:ruled out|excluded|eliminated)\.?$|\s+(?:either|too|as well)\.?$"
)


def _thing(text: Optional[str]) -> Optional[str]:
    """A cause said as a thing ('the email routing rule'): it needs its determiner to read."""
    return text if text and re.match(r"(?i)(?:the|a|an|your|our|their)\s", text) else None


def found(ledger: Ledger) -> list[Line]:
    """What we found: the cause as sure as the engineer was, and what is ruled out, or that we're still looking."""
    cause = ledger.diagnosis
    ruled = [f for f in ledger.of("ruled_out") if sets_aside(f.subject or f.text)][-2:]
    set_aside = (say(_NOT.sub("", _RULED_SUFFIX.sub("", f.subject or f.text)), ledger) for f in ruled)
    things = [t for t in set_aside if t and ":" not in t and len(t.split()) <= 8 and not is_sentence(t)]
    checked = [Line(f"We've checked and ruled out: {'; '.join(things)}.", tuple(s for f in ruled for s in f.sources))]
    if cause is not None:
        said = clause(cause, ledger) or say(CAUSE_LABEL.sub("", cause.text), ledger, cause)
        inner = _cause_clause(cause, ledger)
        text = (
            said
            if said and stands_alone(said, ledger)
            else inner or typed.cause(cause.text) or _thing(said) or _pointed(cause, ledger) or _fell(said)
        )
        text = _named_first(CAUSE_LABEL.sub("", text)) if text else text  # "The most likely cause: cause is the …"
        if text:  # with the cause said, what was set aside adds little and can mislead ("not the power")
            return [Line(LEADS[cause.certainty or "suspected"].format(lower_first(text)), cause.sources)]
    if things:
        return checked
    if not ledger.of("check", "finding", "action", "ruled_out", "confirmation"):
        return [Line("We've started looking into it and are gathering the first details.")]
    return []  # saying "we're still looking" could be false when the engineer knows the cause in words we missed


# "… condensation inside the dome so prob water got in and that's why it keeps rebooting": the cause is what follows
# the engineer's certainty word, up to what it explains.
_SURE_WORD = re.compile(
    r"(?i)(?:^|\b(?:so|and|but|which means|meaning)\s+)(?:it'?s\s+)?(?:prob(?:ably)?|most likely|likely|pretty sure|"
    r"i think|def(?:initely)?|confirmed:?|found it:?)\s+(?:that\s+|it'?s\s+)?"
)
_EXPLAINS = re.compile(r"(?i)\s*(?:,|\band\b)?\s*(?:that'?s|which is|this is|thats)\s+(?:why|what)\b.*$")


def _cause_clause(cause: Fact, ledger: Ledger) -> Optional[str]:
    """The cause inside a long finding ('water got in'), when the whole sentence cannot be said."""
    sure = list(_SURE_WORD.finditer(cause.text))
    if not sure:
        return None
    text = _EXPLAINS.sub("", cause.text[sure[-1].end() :]).strip(" ,.")
    said = say(text, ledger, cause) if 1 < len(text.split()) <= 14 else None
    return said if said and (stands_alone(said, ledger) or _PAST_VERB.search(said)) else None


_PAST_VERB = re.compile(
    r"(?i)^\w+(?:\s+\w+)?\s+(?:got|went|came|ran|broke|fell|wore|blew|leaked|died|froze|\w{3,}ed)\b"
)
# "It is almost certainly the battery": the cause is the thing the pointer names.
_POINTED = re.compile(
    r"(?i)^(?:it|this|that)(?:'s|\s+is|\s+was)\s+(?:almost\s+certainly|most\s+likely|probably|likely|definitely|"
    r"certainly|clearly|surely)?\s*(?=(?:the|a|an|its|their)\s)"
)


def _pointed(cause: Fact, ledger: Ledger) -> Optional[str]:
    """'the battery' from 'It is almost certainly the battery', when that can be said."""
    pointer = _POINTED.match(cause.text)
    said = say(cause.text[pointer.end() :], ledger, cause) if pointer else None
    return _thing(said)


def _fell(said: Optional[str]) -> Optional[str]:
    """'disk 3 died around 01:50': a thing and what happened to it reads as a cause without a determiner."""
    return said if said and _FELL.match(said) else None


_FELL = re.compile(
    r"(?i)^(?!(?:just|never|not|also|then|so|we|it|they)\b)[a-z]+\s+(?:\d{1,2}\s+)?(?:died|failed|crashed|froze|"
    r"broke|overheated|burned out|burnt out|stopped working|ran out|filled up)\b"
)


# How a cause is put, as sure as the engineer was of it.
LEADS = {
    "confirmed": "We found the cause: {}.",
    "likely": "The most likely cause: {}.",
    "suspected": "One possible cause we're checking: {}.",
}


def _named_first(text: str) -> str:
    """'the storage drive' from "the storage drive, it's the original from 2018 and …, it's seen things": a cause
    named as a thing, then a run of the engineer's asides about it, is the thing."""
    head, _, rest = text.partition(", ")
    rambles = ", " in rest or len(rest.split()) > 12  # one short reason stays ("the host clock, it's been off …")
    return head if rest and rambles and _thing(head) and not is_sentence(head) and len(head.split()) <= 6 else text
