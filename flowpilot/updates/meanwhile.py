"""How the client can keep working meanwhile: the engineer's workaround, said whole when it can be, or part by
part ('front desk uses the paper day sheet (…) + paper SOAP notes' → 'the front desk can use the paper day sheet')."""

from __future__ import annotations

import re
from typing import Optional

from ..ledger import Ledger
from . import typed
from .client import DID, NOT_FOR_CLIENT, Line, base_verb, lower_first, say, stands_alone
from .sayable import DOES_UNNAMED
from .voice import answer as voice_answer

_FIX_LABEL = re.compile(
    r"(?i)^(?:the\s+)?(?:temporary\s+|temp\s+)?(?:fix|workaround)(?:\s+for\s+[^:,]{1,30})?"
    r"(?:\s+(?:agreed|suggested|offered|given|set up)(?:\s+with\s+[^:,]{1,30})?)?\s*[,:-]\s*"
)


# "…, told her …", "…, aled says the team can print from there": what follows is not the workaround.
_OTHERS = re.compile(r"(?i),\s+(?:told|asked|let|informed|[a-z]+\s+(?:says|said))\b")


def workaround(ledger: Ledger) -> list[Line]:
    """How the client can keep working meanwhile."""
    lines = []
    for fact in [f for f in ledger.of("workaround") if not NOT_FOR_CLIENT.match(f.text)][-1:]:
        # "asked gary about turning off 2 cameras temporarily" asked about a workaround; it gave none
        parts = re.split(
            r"(?i),?\s+so\s+yes,?\s+", _LABEL.sub("", _FIX_LABEL.sub("", fact.text), count=1)
        )  # "checked X, so yes she can …"
        useful = [p for p in parts if re.search(r"(?i)\b(?:can|could|use|using|print|meanwhile|for now)\b", p)]
        said = _MEANWHILE.sub("", voice_answer(useful[-1] if useful else parts[0]))
        who = "you" if ledger.intake.get("contact_name") else "your staff"  # "she can use the ipad": the user
        said = re.sub(
            r"(?i)^(?:she|he|they)(?= can(?:\s+still)?\s+(?:use|print|work|log|sign|send|call|access|keep)\b)",
            who,
            said,
        )
        text = say(_OTHERS.split(said)[0], ledger)
        if text and DID.match(text):  # "disabled the camera's port", "set upstairs printer as default": we did it
            lines.append(Line(f"In the meantime, we {lower_first(text.rstrip('.'))}.", fact.sources))
        elif text and _FOR_THEN_DO.match(text):  # "for important outgoing calls, use the practice mobile …"
            lines.append(Line(f"In the meantime, {lower_first(text.rstrip('.'))}.", fact.sources))
        elif text and stands_alone(text, ledger):  # "In the meantime: urgent docs." tells the client nothing
            lines.append(Line(f"In the meantime: {lower_first(text.rstrip('.'))}.", fact.sources))
        elif pieces := [p for p in (_offer(part, ledger) for part in _parts(_OTHERS.split(fact.text)[0])) if p][:2]:
            lines.append(Line(f"In the meantime, {' and '.join(pieces)}.", fact.sources))
    return [line for line in lines if not DOES_UNNAMED.search(line.text)]  # "we can do that on site": do what?


# "workaround till fixed:", "temp fix for ruth →": the label, whatever its wording.
_LABEL = re.compile(
    r"(?i)^.*?\b(?:work-?around|temp(?:orary)? fix|meanwhile|in the meantime)\b(?:\s+for\s+[\w' ]{1,25}?)?"
    r"(?:\s+(?:agreed|suggested|offered|given|set up)(?:\s+with\s+[\w' ]{1,25}?)?)?"
    r"(?:\s+(?:till|until)\s+(?:it'?s\s+)?(?:fixed|then|sorted|tomorrow|tmrw|\w+day))?(?:\s+for now)?\s*(?:is|:|=|→|->|-)\s*"
)
_PART_SPLIT = re.compile(r"\s+\+\s+|\s*;\s*|,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+(?=(?:[a-z']+\s+){0,4}can\b)")
# "front desk uses …", "agents walk …": what they do now, said as what they can do.
_DO = re.compile(
    r"(?i)^(?:use|offer|print|save|ring|call|keep|send|forward|work|log|sign|open|go|take|bring|walk|write|email|"
    r"scan|hand|switch|plug|dock|carry)\b"
)
_DETERMINERS = set("the a an our your their his her its all any some".split())
# Not "work": "scan to USB works" says it functions, not what someone can do.
_VERBS = set("use print walk save send forward log sign open go take keep bring write scan carry get ring call".split())


def _parts(text: str) -> list[str]:
    """The workaround's separate offers, its label, asides in brackets and trailing detail left out."""
    text = re.sub(r"\s*\([^)]*\)", "", _LABEL.sub("", text, count=1))
    parts = [re.split(r"\s+[-–—]\s+|\s*(?:→|->)\s*", p)[0].strip(" .") for p in _PART_SPLIT.split(text)]
    return [p for p in parts if len(p.split()) >= 2]


def _base(word: str) -> str:
    """'uses' → 'use', 'walk' → 'walk', '' when the word is none of the verbs an offer is made with."""
    base = base_verb(word.lower())
    return base if base in _VERBS else ""


def _offer(part: str, ledger: Ledger) -> Optional[str]:
    """One offer as 'the front desk can use the paper day sheet', or None when it cannot be said plainly."""
    if re.match(r"(?i)(?:which|that|who|where|and|but|or|so|for|to|in|on|at|with|from|by)\b", part):
        return None  # "which does not use the login page", "for important outgoing calls": no offer on its own
    part = re.sub(r"(?i)^((?:[a-z']+\s+){1,2}?)will\s+", r"\1can ", part)  # "reception will give …" is an offer
    words = part.split()
    does = next((i for i in range(1, min(4, len(words))) if _base(words[i])), None)
    if re.search(r"(?i)\b(?:can|could)\b", part):
        said = part
    elif does is not None:  # "front desk uses the paper day sheet": what they do now is what they can do
        who = words[:does]
        if len(who) == 2 and who[0].lower() not in _DETERMINERS and not who[1].endswith("s"):
            who = ["the", *who]  # "front desk uses …" → "the front desk can use …"
        said = " ".join([*who, "can", _base(words[does]), *words[does + 1 :]])
    elif _DO.match(part) and not re.search(r"(?i)\b(?:works|worked|is|are|was|does|do)\b", part):
        said = f"you can {part}"
    elif (
        (named := typed.things(part)) and named[0][0] == 0 and not re.search(r"(?i)\b(?:fix|workaround)\b", part)
    ):  # "Outlook on the web for anything urgent"
        said = f"you can use {part}"
    else:
        return None
    text = say(said, ledger)
    return lower_first(text.rstrip(".")) if text and re.search(r"(?i)\bcan\b", text) else None


_FOR_THEN_DO = re.compile(
    r"(?i)^(?:for|if)\b[^,]{3,60},\s+(?:please\s+)?(?:use|call|ring|send|print|save|keep|switch)\b"
)
_MEANWHILE = re.compile(r"(?i)\s+(?:meanwhile|in the meantime|for now|until then)\.?$")
