"""One clause of an engineer's message, read: what kind of fact it is (a check and its result, an action, a
finding naming the cause with the engineer's certainty, a plan …), with the patterns in ledger_rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from . import entities, reading
from . import ledger_rules as rules

_RULES = [(kind, re.compile(pattern, re.I)) for kind, pattern in rules.CLAUSE_RULES]
_ACTION = dict(_RULES)["action"]
_OK = re.compile(rules.OK_RESULT, re.I)
_CAUSE = re.compile(rules.CAUSE_WORDS, re.I)
_NO_CHANGE = re.compile(rules.NO_CHANGE, re.I)
_PASTED = re.compile(rules.PASTED, re.I | re.M)
_WHEN = re.compile(rules.WHEN, re.I)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")  # quoted text: what someone else wrote, not the engineer's words
_ASIDE = re.compile(
    r"(?i)\s+(?:then|though|anyway|i guess|i think|tbh|lol|imo|(?:is|was|'s) (?:it|the (?:issue|problem|culprit|cause)))"
    r"\b(?=\s*(?:[,.!]|$))"
)
_PAST = re.compile(rules.PAST, re.I)
_RULED_OUT_PREFIX = re.compile(
    r"^(?:i |we )?(?:have |'ve )?(?:can )?rul(?:ed|e) out\s*:?\s*|^(?:it )?(?:is|'s) (?=not )", re.I
)
_TALK = re.compile(rules.COMMUNICATION, re.I)
_CERTAINTY = [(level, re.compile(pattern, re.I)) for level, pattern in rules.CERTAINTY]
_CAUSE_PREFIX = re.compile(rules.CAUSE_PREFIX, re.I)
_RESULT_ONLY = re.compile(rules.RESULT_ONLY, re.I)
_LABELLED = re.compile(rules.LABELLED_RESULT)
_ANAPHORIC = re.compile(rules.ANAPHORIC_CAUSE, re.I)
_ANSWER = re.compile(rules.ANSWER, re.I)
_WORKAROUND = re.compile(rules.WORKAROUND, re.I)
_ASK = re.compile(rules.ASK, re.I)
_VERIFIED = re.compile(rules.VERIFIED, re.I)
_NEGATED = re.compile(r"\b(?:not|n't|still|no|nothing|never|none|nobody)\b|n't\b", re.I)
_FIRST_THEORY = re.compile(rf"\b(?:first|initial|original)\s+(?:{rules.THEORY_NOUNS}|we think|i thought)", re.I)
_NOT_SUBJECTS = {"if", "when", "once", "so", "and", "but", "then", "is it", "if it's", "if its", "all"}


@dataclass
class Fact:
    """One thing the engineer reported, with the message it came from (index and minute)."""

    kind: str  # check | finding | ruled_out | action | confirmation | workaround | next_step | waiting | ask
    #            | symptom (what someone reported) | question (what the client asked) | note
    text: str
    message: int
    minutes: float = 0
    result: Optional[str] = None  # ok | no_change | None
    subject: Optional[str] = None  # for "X ok" checks: X
    certainty: Optional[str] = None  # a finding that names the cause: confirmed | likely | suspected
    detail: Optional[str] = None  # the result stated in a later piece ("restarted spooler" … "no change")
    sources: tuple[int, ...] = ()  # every message this fact was read from

    def __post_init__(self) -> None:
        if not self.sources:
            self.sources = (self.message,)


def _reported_sentences(text: str) -> list[str]:
    """What someone reported, a sentence at a time ('ClearDent Imaging v. 7.3' is not two)."""
    out: list[str] = []
    for part in re.split(r"(?<=[.!?])\s+", text):
        if out and reading.ABBREVIATION_END.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def read_message(text: str, index: int, minutes: float, secrets: list[str]) -> list[Fact]:
    """Split an engineer message into clauses and classify each one."""
    if _PASTED.search(text):
        return []  # pasted customer mail or injected instructions are data, not our work
    facts: list[Fact] = []
    for piece in reading.pieces(entities.redact(text, secrets)):
        if len(piece.text) < 2:
            continue
        asked = _ASKED_THEN.match(piece.text)
        if asked:  # "can they keep using the server -> yes, just don't switch it off": a question and its answer
            facts.append(Fact("question", asked.group("q").rstrip("?") + "?", index, minutes))
            facts.append(classify(asked.group("a"), index, minutes))
            continue
        if piece.reported:  # "lisa @ harbor point says …": what someone reported, not what we did
            for said in _reported_sentences(piece.text.strip(' "“”')):
                asks = said.rstrip().endswith("?") or re.match(r"(?i)(?:if|whether)\s", said)  # "asked if …"
                kind = "question" if asks else "symptom"
                facts.append(Fact(kind, said, index, minutes))
            continue
        quoted = re.search(r"['\"“]([^'\"”]{8,}\?)['\"”]", piece.text)  # "question in the thread: 'will they …?'"
        if quoted and re.search(r"(?i)\b(?:question|qn|q|asks?|asked|wants to know|wondering)\b", piece.text):
            facts.append(Fact("question", quoted.group(1), index, minutes))
            continue
        facts.append(classify(piece.text, index, minutes))
    return facts


_ASKED_THEN = re.compile(
    r"(?i)^(?:[\w.' ]{1,30}?\s(?:asks?|asked|wants to know)\s*:?\s*)?(?P<q>(?:can|could|will|would|is|are|do|does|"
    r"should|has|have|did)\b[^>→]{4,200}?)\s*(?:-+>|→)\s*(?P<a>(?:yes|no|yep|nope)\b.*)$"
)


_DONE_RESULT = re.compile(
    r"(?i)(?:->|→)\s*(?:still|ok|okay|fine|works?|worked|fails?|failed|drops?|dropped|same|no change|good|bad)\b"
)
_STILL_TO_COME = re.compile(r"(?i)\b(?:will|'ll|going to|tomorrow|tmrw|tonight|later|once|after|when|if)\b")


def classify(clause: str, index: int = 0, minutes: float = 0) -> Fact:
    """The kind of one clause: 'MX ok' is a check that rules MX out; 'rebooted the AP, no change' an action;
    'prob the drive' a finding that names the likely cause; 'no change' alone the result of the clause before."""
    kind, result, subject = _reading(clause)
    if kind == "next_step" and _DONE_RESULT.search(clause) and not _STILL_TO_COME.search(clause):
        kind = "check"  # "Retest -> still drops at 32s": a test with its result, not one still to do
    certainty = _certainty(clause) if kind in ("finding", "note", "confirmation") else None
    if certainty:
        said = _ASIDE.sub("", _CAUSE_PREFIX.sub("", clause)) or clause  # "the fuser then, way past life"
        return Fact("finding", said, index, minutes, certainty=certainty)
    unquoted = _QUOTED.sub("", clause)  # "a 'Sunday Services' folder" names no day
    if kind == "note" and _planned_time(unquoted):
        return Fact("next_step", clause, index, minutes, result="scheduled")  # "callback tomorrow 9am": a plan
    labelled = _LABELLED.match(clause) if kind in ("note", "finding") else None
    if labelled:  # "audit log: X" is a check ("Audit log — X")
        return Fact("check", clause, index, minutes, subject=labelled.group("subject"), detail=labelled.group("result"))
    return Fact(kind, clause, index, minutes, result=result, subject=subject)


def _planned_time(text: str) -> bool:
    """A time in a note that makes it a plan ("callback tomorrow 9am"); a bare weekday ("the policy kicked in
    monday") or a time in the past is not one."""
    if _PAST.search(text) or re.match(r"(?i)(?:it |that |this |the \w+ )?(?:will|would|should|might|may) be\b", text):
        return False  # in the past, or a forecast ("will be a bit slower during the rebuild tomorrow")
    text = re.sub(r"(?i)\b(?:the|a|an|their|our)\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)\b", "", text)  # "the 8am rush"
    found = [m.group(0) for m in _WHEN.finditer(text)]
    bare_days = all(
        re.fullmatch(r"(?i)(?:mon|tues|wednes|thurs|fri|satur|sun)day|tues|thurs?|weds|fri", w) for w in found
    )
    return bool(found) and (
        not bare_days
        or bool(
            re.search(
                r"(?i)\b(?:will|'ll|next|plan|going to|on site|eta|due|expected)\b|^(?:if|then|once|after)\b|"
                r"\bwhen\b[^,.]*\b(?:arrives?|comes? in|is back|gets (?:here|in)|lands|ships)\b",
                text,
            )
        )
    )


def _certainty(clause: str) -> Optional[str]:
    """How sure the engineer is that this names the cause, or None when it names none ("pretty sure that's it"
    is likely: a hedge outranks the words it hedges)."""
    if _FIRST_THEORY.search(clause):
        return None  # "first thought was the firewall": a theory the engineer moved on from
    if re.match(r"(?i)(?:(?:i|we)\s+)?(?:told|advised|informed|asked|answered)\b", clause):
        return None  # "told tom no, because it protects the candidate data": the reason for an answer, no cause
    said = re.match(r"(?i)([\w' ]{0,40}?)\b(?:says|said|reports|reported)\b", clause)
    if said and not re.search(
        r"(?i)\b(?:found|log|logs|audit|event|screen|trace|portal|console|error|cause)\b", said[1]
    ):
        return None  # "summit ridge renee says the agents can't get in …": what someone reported, no cause
    done = re.match(r"(?i)confirmed\s*:\s*(.*)", clause)
    if done and _ACTION.match(done.group(1)):
        return None  # "confirmed: shut port 12 → loop stopped" confirms what an action did, not a cause
    if re.match(r"(?i)(?:error|warning|ndr|bounce|message|event)\s*:|\s*>|.*\b\w*exception\s*:", clause):
        return None  # a quoted error explains nothing by itself, even when it says "because"
    clause = _QUOTED.sub("", clause)  # nor does the quoted text inside a finding
    found = [level for level, pattern in _CERTAINTY if pattern.search(clause)]
    for level in ("suspected", "likely", "confirmed"):
        if level in found:
            return level
    return None


@lru_cache(maxsize=8192)  # a session's clauses are read again for every update
def _reading(clause: str) -> tuple[str, Optional[str], Optional[str]]:
    if _RESULT_ONLY.match(clause):
        return "result", None, None
    if _ASK.match(clause):
        return "ask", None, None
    ok = _OK.match(clause.split(",", 1)[0])  # "MX ok, points to EXO"; "need dale's ok" is an approval, no check
    wanted = ok and re.match(
        r"(?i)(?:need|needs|needed|want|wants|get|got|waiting (?:on|for)|ask|asked)\s", ok.group("subject")
    )
    if (
        ok
        and not wanted
        and not _NEGATED.search(ok.group("subject"))
        and ok.group("subject").lower() not in _NOT_SUBJECTS
    ):
        return "check", "ok", re.sub(r"'s$", "", ok.group("subject").strip(" ,:"))  # "the reader's fine"
    if _WORKAROUND.search(clause) and not _NEGATED.match(clause):
        return "workaround", None, None
    for kind, pattern in _RULES:
        if pattern.search(clause):
            result = "no_change" if kind == "action" and _NO_CHANGE.search(clause) else None
            if kind == "confirmation" and (_NEGATED.search(clause) or not _VERIFIED.search(clause)):
                kind = "finding"  # "user confirms still can't print" is a finding; so is "confirmed the rule"
            return kind, result, _RULED_OUT_PREFIX.sub("", clause) if kind == "ruled_out" else None
    return "note", None, None


def is_communication(text: str) -> bool:
    """Calling or emailing someone is not work on the problem itself."""
    return bool(_TALK.search(text))


def when_said(text: str) -> Optional[str]:
    """The time a plan names, as typed ('tomorrow by 10am', 'by friday', 'tonight after 6pm'), or None. Times
    inside quotes or about the past are not plans."""
    unquoted = _QUOTED.sub("", text)
    found = list(_WHEN.finditer(unquoted))
    if not found:
        return None
    first, spans = found[0], [found[0].span()]
    start = max(unquoted.rfind(",", 0, first.start()), unquoted.rfind(";", 0, first.start())) + 1
    end = min((i for i in (unquoted.find(",", first.end()), unquoted.find(";", first.end())) if i >= 0), default=None)
    if _PAST.search(unquoted[start:end]):  # "backup finished 2:14am": a time in the past is not a plan
        return None
    for match in found[1:]:
        if match.start() - spans[-1][1] <= 2:  # "tomorrow" + "by 10am"
            spans.append(match.span())
    return unquoted[first.start() : spans[-1][1]].strip()
