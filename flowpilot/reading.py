"""Reading an engineer's message: sentences (spaCy's sentencizer, not regex splits), without chatter, chat
commands or "lisa @ harbor point says" headers, labels joined to what they label. Identifiers stay as typed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

import spacy

if TYPE_CHECKING:
    from .intents import IntentDetector

# Whole pieces that are chatter, not work: asides, acknowledgements, one-word fragments.
CHATTER = re.compile(
    r"(?i)^(?:ugh+|argh+|meh|hm+|hmm+|ok(?:ay)?|k|kk|cool|nice|great|sweet|yes|yep|yeah|no|nope|nah|right|sure|"
    r"fine|thanks?|thx|ty|np|brb|afk|one sec|sec|hold on|wait|lol|lmao|haha+|oops|whoops|weird|odd|strange|"
    r"interesting|damn|dang|sigh|welp|well|anyway|so|and|also|coffee|coffee time|back|ok back|got it|"
    r"on it|will do|done|noted|makes sense|good call|good idea|true|ah|oh|ahh|ohh|wired|wireless|same|"
    r"still|again|yup|cheers|perfect|awesome|ok cool|ok so|ugh ok|ok ugh|lol ok)\b[\s!.?,…]*$"
)
CHATTER_START = re.compile(r"(?i)^(?:lol|lmao|ugh|argh|brb|ha(?:ha)+)\b")
_ASIDE_START = re.compile(r"(?i)^(?:honestly|tbh|ngl|jeez|god|bless)\b")
# An aside tacked on the end of a step ("it's smart-managed thank god", "… covered in dust, naturally").
_ASIDE_END = re.compile(
    r"(?i),?\s+(?:thank god|thank goodness|bless (?:him|her|them)|naturally|lol|lmao|haha+|tbh|ugh)$"
)
# "lisa @ harbor point says …", "from dana: …", "client says …": who is speaking, then what they said.
HEADER = re.compile(
    r"(?i)^(?:(?:from|per|via)\s+(?P<from>[\w.' -]{1,40}?)\s*:|(?P<at>[a-z][\w.'-]*(?: [a-z][\w.'-]*)?)\s*@\s*"
    r"[\w .&'-]{1,40}?\s*:|"
    r"(?P<who>(?:the\s+)?(?:client|customer|user|contact|caller|office manager|"
    r"(?!(?:the\s+|a\s+|our\s+)?(?:detail|details|log|logs|trace|error|status|event|message|output|result|screen|report|audit|portal|"
    r"system|server|page|it|that|this|dns|ping|test|tool|app|vendor portal|dashboard|alert|switch|router|firewall|"
    r"printer|copier|scanner|phone|nas|ups|pc|laptop|console|monitor|ap|controller|eac|gui|ui|trace|pcap)\b)"
    r"[a-z][\w.'-]*(?: [a-z][\w.'-]*)?))"
    r"(?:\s*@\s*[\w .&'-]{1,40}?|\s+(?:from|at|@)\s+[\w&'-]+(?:\s[\w&'-]+)?)?\s+"
    r"(?:says|said|reports|reported|wrote|writes|asks|asked|mentioned|tells me|say|ask|asking|saying|wants? to know|"
    r"emailed|texted|messaged|wrote in|writes in|"
    r"told me|called(?: in)?(?: and said)?)\s*[:—–-]?)\s*"
)
# Openers that carry nothing ("nope - 203.0.113.45 clean", "so rejected at the door", "ok sent that").
OPENER = re.compile(
    r"(?i)^(?:(?:ok(?:ay)?|so|and|but|hmm+|yeah|well|anyway|right|alright|sigh|ugh)\b[,:]?\s+|"
    r"ok(?:ay)?\s*[,:—–-]+\s*)+"
)
# A one- or two-word result after a dash ("— timeout", "— same", "- works"), which alone would read as chatter.
RESULT_WORD = re.compile(
    r"(?i)(?:still )?(?:timeout|timed out|times out|same|works|worked|working|fails|failed|fine|ok|okay|good|clean|"
    r"nothing|none|no reply|no response|no change|no luck|unreachable|reachable|down|up|offline|online|denied|"
    r"blocked|empty|full|expired|valid|green|red|missing|present|passed|success|succeeded|error)"
)
# A word or two that labels what follows a dash ("confirmed - expired cert", "also - add monitoring").
LEAD_LABEL = re.compile(
    r"(?i)^(?:\w+|found it|root cause|ruled out|next steps?|the fix|temp fix|the cause|so not|update|"
    r"(?:the )?cause is clear(?: anyway| now)?)$"
)
LABEL = re.compile(r"^[\w /().-]{1,30}:$")  # "Error:" alone, its content follows
CLAUSE_SPLIT = re.compile(r"(\s*;\s+|\n+|\s+[-–—]\s+(?=[a-z]))")
# A numbered list in a sentence ("plan: 1) … 2) …"), split before each number only when it starts at 1.
_LIST_START = re.compile(r"(?:^|[\s:])1\)\s+\w")
_DOTTED_FIRST = re.compile(r"(?:^|:)\s*1\.\s+[A-Za-z]")  # a list opens the message or follows a colon
_DOTTED_SECOND = re.compile(r"\s2\.\s+[A-Za-z]")
_DOTTED_ITEM = re.compile(r"(?:(?<=\s)|(?<=:)|^)([1-9])\.\s+(?=[A-Za-z])")
_LIST_ITEM = re.compile(r"(\s*)(?<![\w(])([1-9])\)\s+(?=\w)")
# "plan: 1) site survey thursday 7am 2) fw update on all 14": each numbered item is a step of the plan.
_PLAN_LABEL = (
    r"(?:plan|next(?: steps?)?|todo|to do|steps|we(?:'ll| will)? do|(?:plan\s+)?(?:once|when|if|after)\s[^:]{1,30})\s*:"
)
# "- helen booked the call -> tomorrow 10am, we do:": a line that ends by opening a plan; its bullets are the plan.
_OPENS_PLAN = re.compile(rf"(?i)(?:^|[,;>]\s*)(?:{_PLAN_LABEL})\s*$")
_BULLET = re.compile(r"^\s*[-*•]\s+(?=\S)")
_NUMBERED = re.compile(rf"^(?P<label>{_PLAN_LABEL}\s*)?\d\)\s+", re.I)


@dataclass(frozen=True)
class Piece:
    """One sentence or clause of a message; `reported` when a header says the client (or another person) said it."""

    text: str
    reported: bool = False


@lru_cache(maxsize=1)
def _nlp() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@lru_cache(maxsize=1)
def _detector() -> IntentDetector:
    from .intents import IntentDetector

    return IntentDetector()


@lru_cache(maxsize=8192)  # a session's messages are read again for every update
def pieces(text: str) -> tuple[Piece, ...]:
    """The message's meaningful pieces, in order."""
    out: list[Piece] = []
    pending_label: Optional[str] = None
    plan = [""]  # a plan's label ("plan:") on its own line still labels the numbered lines after it
    if _DOTTED_FIRST.search(text) and _DOTTED_SECOND.search(text):
        text = _DOTTED_ITEM.sub(r"\1) ", text)  # "1. order seat 2. assign it": a list, not sentences ending in "2."
    for sentence in _sentences(text):
        if plan[0] and _BULLET.match(sentence):  # a bullet under a plan's label is a step of the plan
            sentence = f"plan: {_BULLET.sub('', sentence)}"
        for clause in _clauses(sentence, plan):
            clause = clause.strip(" \t.;,-–—")
            if not clause:
                continue
            if LABEL.match(clause):  # "Error:" then the quoted error on the next line
                pending_label = clause
                continue
            if pending_label:  # a numbered item already carries its plan's label
                joined = clause.lower().startswith(pending_label.lower())
                clause, pending_label = (clause if joined else f"{pending_label} {clause}"), None
            piece = _piece(clause)
            if piece is not None:
                out.append(piece)
    if pending_label:
        out.append(Piece(pending_label.rstrip(":")))
    return tuple(out)


def _clauses(sentence: str, plan: Optional[list[str]] = None) -> list[str]:
    """The sentence split at ';', line breaks and ' - ', never inside a quote ('offline - cannot reach host')."""
    out: list[str] = []
    if _LIST_START.search(sentence):
        sentence = _split_list(sentence)
    parts = CLAUSE_SPLIT.split(sentence)  # the pattern captures each separator: parts alternate text, separator
    for part, dash in zip(parts[::2], ["", *parts[1::2]], strict=True):
        result = RESULT_WORD.fullmatch(re.sub(r"(?i),?\s*so not (?:that|it|the \w+)$", "", part.strip(" .!")))
        if out and dash.strip() in "-–—" and dash.strip() and result:
            out[-1] = f"{out[-1]} — {part}"  # "ping 192.168.10.45 — timeout": the result stays with its check
        elif out and _open_quote(out[-1]):
            out[-1] = f"{out[-1]} - {part}"
        elif out and re.fullmatch(r"(?i)done|fixed|sorted", out[-1].strip()) and part.strip():
            out[-1] = part  # "done - account-only wipe sent": what follows says what was done
        elif out and re.fullmatch(
            r"(?i)(?:(?:i|we) (?:say|said) )?(?:yes|yep|yup|no|nope)|ok(?:ay)?|so", out[-1].strip()
        ):
            out[-1] = f"{out[-1].strip()}, {part}"  # "yes - isp swapped the modem" answers; it labels nothing
        elif out and (head := HEADER.match(out[-1].strip())) and head.end() >= len(out[-1].strip()) and part.strip():
            out[-1] = f"{out[-1].strip()}: {part}"  # "Dr. Okafor ask — is patient data safe?": who, then what
        elif out and LEAD_LABEL.match(out[-1].strip()) and part.strip():
            out[-1] = f"{out[-1].strip()}: {part}"  # "confirmed - proposals don't match" is one statement
        else:
            out.append(part)
    return _numbered(out, plan if plan is not None else [""])


def _split_list(sentence: str) -> str:
    """'1) a 2) b 3) c' with a break before each item: only the numbers that run 1, 2, 3 … ("(RAID 5) degraded"
    inside an item is no item)."""
    out, last, expected = [], 0, 1
    for match in _LIST_ITEM.finditer(sentence):
        if int(match.group(2)) != expected:
            continue
        out += [sentence[last : match.start()], "; "]
        last, expected = match.end(1), expected + 1
    return "".join(out) + sentence[last:]


def _numbered(parts: list[str], plan: list[str]) -> list[str]:
    """A plan's numbered items without their numbers, each keeping the plan's label ('plan: …'); `plan` holds
    the label from one sentence of the message to the next."""
    label, out = plan[0], []
    for part in parts:
        bare = part.strip()
        if re.fullmatch(rf"(?i){_PLAN_LABEL}", _BULLET.sub("", bare)):
            label = f"{bare} "
            out.append(part)  # pieces() joins a lone label with what follows it
            continue
        if opens := _OPENS_PLAN.search(bare):  # "…, she logs into 123-reg, we do:": the plan follows
            label = "plan: "
            out.append(bare[: opens.start()].rstrip(" ,;->"))
            continue
        item = _NUMBERED.match(bare)
        if item:
            label = item.group("label") or label
            lead = "" if out and out[-1].strip() == label.strip() else label  # the label just before says it
            part = f"{lead}{bare[item.end() :]}"
        out.append(part)
    plan[0] = label
    return out


def is_chatter(text: str) -> bool:
    """Asides and acknowledgements ("ugh, yes", "ok one sec", "lol that's not it")."""
    stripped = text.strip(" \t!.?,…:")
    if CHATTER.match(stripped) or CHATTER_START.match(stripped):
        return True
    if _ASIDE_START.match(stripped) and not re.search(
        r"\d|[A-Z]{2,}|[\w-]+\.[a-z]{2,}|\bnot sure\b|\bno idea\b|\bdon'?t know\b", stripped
    ):
        return True  # "honestly the queue on the cctv looks like the january sales lol": no fact in it
    words = stripped.split()
    # A lone lowercase word ("wired", "hmm") says nothing on its own; identifiers ("SRV-DC01", "0x8007") do.
    return len(words) == 1 and words[0].isalpha() and words[0].islower() and len(words[0]) < 12


# Only a piece with one of these words can be a request for an update; the rest skip the detector (speed).
_REQUEST_WORDS = re.compile(
    r"(?i)update|note|email|e-mail|draft|summar|write|recap|tell|status|client|ticket|"
    r"handover|close-?out|progress|1-liner|one-liner|version"
)


def is_request(text: str) -> bool:
    """The engineer asking FlowPilot for an update ("quick update for the client") is not a step."""
    return bool(_REQUEST_WORDS.search(text)) and _detector().detect(text) is not None


ABBREVIATION_END = re.compile(
    r"(?i)(?:^|[\s(])(?:approx|e\.g|i\.e|v|vs|ca|est|incl|no|ver|appt|dept|dr|mr|mrs|ms|rev|st)\.$"
)
_MAYBE_TWO = re.compile(r"[.!?]\s")  # without this inside, a line is one sentence: no need to run spaCy


def _open_quote(text: str) -> bool:
    """A quote opened and not closed on this line ('POS-2 says \'offline' … 'cannot reach host\'')."""
    if (text.count('"') + text.count("“") + text.count("”")) % 2:
        return True
    return len(re.findall(r"(?:^|(?<=[\s(]))'", text)) > len(re.findall(r"'(?=$|[\s,.;:!?)])", text))


def _lines(text: str) -> list[str]:
    """The message's lines, a quote that runs over a line break kept on one line."""
    out: list[str] = []
    for line in text.splitlines():
        if out and _open_quote(out[-1]):
            out[-1] = f"{out[-1]} {line.strip()}"
        elif line.strip():
            out.append(line)
    # "… the UAP-AC-M full stop the problem is …": a dictated full stop ends the sentence as a typed one would
    return [part for line in out for part in _DICTATED_STOP.split(line) if part.strip()]


_DICTATED_STOP = re.compile(r"(?i)\s+(?:full stop|new paragraph)\b[.,]?\s*")


_QUOTED = re.compile(r"^\s*(?:[\w /().-]{1,30}:\s*)?[\"“].*[\"”]\s*$")


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for line in _lines(text):  # a line break always ends a sentence in chat
        if _QUOTED.match(line):  # a pasted error or message, in quotes: one piece, as typed
            out.append(line)
        elif _MAYBE_TWO.search(line.strip()):
            for sent in (s.text for s in _nlp()(line).sents if s.text.strip()):
                if out and re.search(r"\s['\"]$", out[-1]):  # "loop somewhere. 'show stp' → off": the quote opens
                    out[-1], sent = out[-1][:-1].rstrip(), out[-1][-1] + sent
                if out and (ABBREVIATION_END.search(out[-1]) or _open_quote(out[-1])):  # "approx. 3pm", a quote
                    out[-1] = f"{out[-1]} {sent}"
                else:
                    out.append(sent)
        else:
            out.append(line)
    return out


def _piece(clause: str) -> Optional[Piece]:
    clause = (
        clause.replace("```", "").strip(" \t—–-:") if "```" in clause else clause
    )  # a code fence marks, says nothing
    if not clause:
        return None
    reported = False
    header = HEADER.match(clause)
    if header and header.end() < len(clause):
        typed = header.group("who") or header.group("from") or header.group("at") or ""
        who = typed.lower()
        # "CHKDSK reported no errors", "SMART reports 312 sectors": a tool's output, not a person speaking
        if who not in ("i", "we", "it", "that", "this", "which") and not re.search(r"[A-Z]{3,}|\d", typed):
            clause, reported = clause[header.end() :].strip(" :\"'"), True
    clause = OPENER.sub("", clause) or clause
    clause = re.sub(r"^(?:->|=>|→|>)\s*(?=\w)", "", clause)  # "-> yes, print to the library copier": the arrow led in
    clause = _ASIDE_END.sub("", clause.rstrip(" .!")) or clause
    if not clause or is_chatter(clause) or is_request(clause):
        return None
    return Piece(clause, reported)


def people(texts: Iterable[str], known: Iterable[str] = ()) -> list[str]:
    """Names the session writes with a capital ('Kevin', 'Raj'): the same names typed lowercase get one."""
    found: dict[str, str] = {n.lower(): n for n in known if len(n) > 2 and n.isalpha()}
    for text in texts:
        for match in NAMED.finditer(text):
            name = next(g for g in match.groups() if g)
            if name.lower() not in COMMON:
                found.setdefault(name.lower(), name)
    return list(found.values())


# Where a capitalised word is a person: "(Raj)", "their marketing guy Kevin", "Gary approved", "Mei's".
NAMED = re.compile(
    r"\(([A-Z][a-z]{2,})\)|\b(?:guy|tech|specialist|team|owner|manager|contact|colleague|aide|clerk|admin|lead|"
    r"director|told|ask|asked|call|called|emailed|texted|with|from)\s+([A-Z][a-z]{2,})\b|"
    r"(?<=[a-z,] )([A-Z][a-z]{2,})(?:'s|\s+(?:is|was|will|said|says|approved|confirmed|needs|wants|agreed|called|owns|"
    r"starts|has|had|can|gets|got)\b)"
)
# Capitalised words that are not people ("the Finance share", "on Monday" is handled by the day list).
COMMON = set(
    "the and but not our your their this that there then what when where which while with from into onto over "
    "after before about error warning failed event service server office teams outlook windows exchange "
    "finance sales admin support reception accounts monday tuesday wednesday thursday friday saturday sunday "
    "january february march april june july august september october november december google microsoft "
    "apple dell intuit cisco azure entra defender".split()
)
