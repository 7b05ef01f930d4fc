"""The session ledger: what really happened, each fact tied to the message it came from."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Optional, TypeVar

from wordfreq import zipf_frequency

from . import entities, reading
from . import ledger_rules as rules
from .clauses import (
    _ANAPHORIC,
    _ANSWER,
    _CAUSE,
    _FIRST_THEORY,
    _NO_CHANGE,
    _RESULT_ONLY,
    _WHEN,
    Fact,
    is_communication,
    read_message,
)

T = TypeVar("T")
_FIRST_THEORY_LEAD = re.compile(rf"(?i)^.*?\b(?:first|initial|original)\s+(?:{rules.THEORY_NOUNS})\s*(?:was|is|:)?\s*")
UNTESTED = re.compile(rules.UNTESTED, re.I)  # a summary that says the fix was not tested
_SO_NOT = re.compile(r"(?i)(?:\bso|—|-|,)\s*not (?:that|it)\b")
# The next thing said takes the theory back ("thought it might be X" … "not that, it's genuinely crashing").
_NOT_THAT = re.compile(r"(?i)^(?:so\s+|nope,?\s+|no,?\s+)?(?:not (?:that|it)|that'?s not it)\b")
# "that's the H202", "which is why autossl failed": a cause that points back at the line before it.
_POINTS_BACK = re.compile(
    r"(?i)^(?:so\s+|and\s+)?(?:that'?s|that is|which is|this is|hence|thats)\s+(?:prob\w*\s+)?(?:why|the|what|it|how)"
    r"\b(?![^:]*:\s*\S)"  # "that's how they got in: password only" says it after the colon
)


def sets_aside(text: str) -> bool:
    """A ruled-out line that names something: not "ruled out" alone, nor the idiom "not worth repairing"."""
    return text.strip(" .:").lower() != "ruled out" and not re.match(r"(?i)not worth\b", text)


def points_back(text: str) -> bool:
    """'that's the H202', 'that's why autossl failed': a line whose cause is the line before it."""
    return bool(_POINTS_BACK.match(text))


_FOUND = re.compile(
    r"(?i)\b(?:found|cause|culprit|because|due to|turns out|turned out|traced|prob(?:ably)?|likely|think|suspect\w*|guess)\b"
)
_NEED_FIRST = re.compile(r"(?i)^(?:so\s+|and\s+)?(?:i|we)?\s*(?:need|needs|have to|will|'ll|am going to)\b")
_REPORTED = re.compile(r"(?i)\bthe (?:problem|issue) (?:is|was)\b")  # in the first message: the fault as reported
_TOLD = re.compile(
    r"(?i)^(?:i |we )?(?:told|advised|informed) (?:her|him|them|the office|the client)\s+(?:that\s+)?(?!to\b|straight\b|about\b)(?=\w)"
)
_ALSO = re.compile(r"(?i)\b(?:too|as well|also)\s*[.!]?$")
_PRONOUNS = {"us", "me", "it", "that", "this", "him", "her", "them", "you", "mine", "ours", "his", "hers"}
_VAGUE = {"it", "all", "that", "this", "everything", "rest", "the rest", "both", "them", "those", "these", "same"}
_NAMED_THING = re.compile(r"\d|[A-Z]{2,}").search
# Mailbox names that are words, not people: "orders@" or "scanner@" is not a user name to hide.
_MAILBOX_WORDS = set(
    "info admin support sales office hello contact billing accounts help noreply no-reply mail email team service "
    "orders reception scanner scans scan printer copier fax frontdesk alerts backup backups it hr payroll invoices "
    "accounting marketing noc".split()
)


def _word_mailbox(name: str) -> bool:
    """A mailbox named by an everyday word ('orders@', 'schedule@'): the word is not a user name to hide."""
    return name.lower() in _MAILBOX_WORDS or zipf_frequency(name.lower(), "en") >= 3.5


# A check that reports a test of the fix and its good result.
_PASSED = re.compile(
    r"(?i)^(?:re-?)?test(?:ed)?\b(?!\s+(?:failed|fails|no\b|not\b))[^.;]*\b(?:working|works|worked|ok|okay|fine|"
    r"succeeded|passed|saved|connected|uploaded|printed|sent|received|signed in|logged in|good)\b"
)
# In a sentence of a closing summary: "Luis tested saving O1234.nc … — works", "Kevin opened 2, scans fine".
_SUMMARY_PASSED = re.compile(
    r"(?i)\btest(?:ed|s)?\b.*?\b(?:works?|worked|fine|ok|okay|good|passed|succeeded)\b|"
    r"\b(?:opened|saved|printed|sent|signed in|logged in|connected|received)\b.*?\b(?:fine|ok|okay|works?|worked)\b"
)
_SUMMARY_FAILED = re.compile(r"(?i)\b(?:fail\w*|still|not|n't|cannot|won't|no luck|error)\b")
STATE_ORDER = ("investigating", "identified", "implementing", "resolved", "escalated")


def ruled_key(item: str) -> str:
    """'not CA', 'CA ok' and 'CA ruled out' name one thing."""
    return (
        re.sub(
            r"(?i)^(?:so\s+|and\s+)?(?:it'?s\s+|is\s+)?not\s+(?:the\s+|a\s+|an\s+)?|\s+(?:ruled out|ok|fine)$", "", item
        )
        .strip(" .")
        .lower()
    )


@dataclass
class Ledger:
    """Everything both composers need, built only from the transcript."""

    intake: dict[str, Any]
    messages: list[dict[str, Any]]
    facts: list[Fact] = field(default_factory=list)
    sensitive: list[entities.Entity] = field(default_factory=list)
    state: str = "investigating"
    outcome: str = "in_progress"
    time_spent_minutes: int = 0
    resolution_summary: Optional[str] = None
    escalation_reason: Optional[str] = None
    exchanges: int = 0
    since_message: Optional[int] = None  # first message after the previous update to this audience
    previous_state: Optional[str] = None  # the diagnosis state that update reported
    people: list[str] = field(default_factory=list)  # names the session writes with a capital ("Kevin")
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)  # read once per build

    def once(self, key: Any, read: Callable[[], T]) -> T:
        """What `read` gives for this ledger, read the first time only (the notes and the client text both ask)."""
        if key not in self.memo:
            self.memo[key] = read()
        return self.memo[key]

    def of(self, *kinds: str) -> list[Fact]:
        """Facts of these kinds, in the order they happened."""
        return [f for f in self.facts if f.kind in kinds]

    @property
    def new_facts(self) -> list[Fact]:
        """Facts since the previous update (all of them when there was none)."""
        start = self.since_message or 0
        return [f for f in self.facts if f.message >= start]

    @property
    def steps_completed(self) -> int:
        """Checks, actions and findings done so far."""
        return len(self.of("check", "action", "finding", "ruled_out"))

    @property
    def secrets(self) -> list[str]:
        """Every secret string seen anywhere in the session."""
        return [e.text for e in self.sensitive if e.kind == "secret"]

    @property
    def ruled_out(self) -> list[str]:
        """What was ruled out: said outright, or checked and found fine ("MX ok")."""
        said = [f.subject or f.text for f in self.of("ruled_out")]
        # "checked the outbound IPs on the blocklist, all clean — not that": what was checked is ruled out
        for before, fact in zip([None, *self.facts], self.facts, strict=False):
            so_not = _SO_NOT.search(fact.text) or re.match(r"(?i)(?:so )?not (?:that|it)\b", fact.detail or "")
            if fact.kind in ("check", "action", "note", "finding") and so_not:
                theory = _FIRST_THEORY.search(before.text) if before is not None else None
                # "first thought was the firewall" … "port test ok, so not that": the firewall is what is ruled out
                said.append(
                    _FIRST_THEORY_LEAD.sub("", before.text)
                    if before is not None and theory
                    else fact.subject or re.split(r",\s", fact.text, maxsplit=1)[0]
                )
        # "Not us", "Not Domain": fragments say nothing on their own; "MX", "ISP", "VLAN 20" do
        # "ruled out" with nothing after it, and "not worth repairing" (an idiom), set nothing aside
        said = [i for i in said if sets_aside(i)]
        items = [i for i in said if (len(i.split()) >= 2 and not re.fullmatch(r"(?i)not \w+", i)) or _NAMED_THING(i)]
        # "not isp", "not dns": a short name is a thing set aside; "not us", "not Domain" say nothing
        items += [
            m.group(1)
            for i in said
            if (m := re.fullmatch(r"(?i)(?:so )?not (\w{2,5})", i)) and m.group(1).lower() not in _PRONOUNS
        ]
        # "firmware ok" sets the firmware aside; "backup check: last night's backup OK" is only a result
        items += [
            f.subject
            for f in self.of("check")
            if f.result == "ok"
            and f.subject
            and not re.search(r"(?i)\b(?:check|backup|log|test|ping)\b", f.subject)
            and not re.match(r"(?i)(?:told|asked|let|i|we|she|he|they|you)\b", f.subject)  # "told her yes scanner ok"
            and (len(f.subject) >= 3 or _NAMED_THING(f.subject))
            and f.subject.lower() not in _VAGUE
            and not re.search(r":|\S {2,}\S", f.subject)  # "Storage page: HDD1  4000GB": a pasted row, no suspect
            # "against .1 resolves fine", "should be good", "workaround ok": half a sentence or a hope, no suspect
            and not re.match(
                r"(?i)(?:against|on|with|from|to|for|at|in|should|would|could|might|will|may|must|"
                r"workaround)\b",
                f.subject,
            )
            # "office mgr pc opens the file fine": a sentence that something works is a result, not a suspect
            and not re.search(
                r"(?i)\b(?:opens|works|shows|prints|loads|connects|sends|gets|has|is|are|can)\b", f.subject
            )
            and not re.search(r"(?i)\b(?:re-?)?[a-z]{3,}ed$", f.subject)  # "handsets re-registered ok": a result
        ]
        # "not CA" and "CA", "credentials ruled out" and "credentials": one thing, said once
        kept: dict[str, str] = {}
        for item in items:
            kept.setdefault(ruled_key(item), item)
        return list(kept.values())

    def reported_fault(self, fact: Fact) -> bool:
        """The first message's "the problem is the AP on the gatehouse": the fault as reported, not a cause found."""
        first = next((i for i, m in enumerate(self.messages) if m.get("role") == "engineer"), -1)
        return fact.message == first and bool(_REPORTED.search(fact.text)) and not _FOUND.search(fact.text)

    @property
    def diagnosis(self) -> Optional[Fact]:
        """The cause as the engineer stated it most surely, latest first (with their certainty); None if unnamed."""
        dropped = [(f.message, ruled_key(f.subject or f.text)) for f in self.of("ruled_out")]
        answers = self.answers
        causes = [
            f
            for i, f in enumerate(self.facts)
            if f.kind == "finding"
            and f.certainty
            and not any(f is a for a in answers)  # "yes unless they fix it before": an answer to the client
            and not self.reported_fault(f)
            and not _NEED_FIRST.match(f.text)  # "i need the office manager to approve …, because …": a need
            and not any(  # "thought it might be X", "checked the reg", "not that": taken back in the same message
                g.message == f.message and _NOT_THAT.match(g.text) for g in self.facts[i + 1 : i + 3]
            )
            and not any(  # "encoder is dead" then, after a swap test, "not the encoder"
                at > f.message and len(key) > 2 and re.search(rf"(?i)\b{re.escape(key)}\b", f.text)
                for at, key in dropped
            )
        ]
        main = [f for f in causes if not _ALSO.search(f.text)]  # "a coverage hole there too": a second factor
        causes = main or causes
        rank = {"suspected": 0, "likely": 1, "confirmed": 2}
        # the surest statement wins, the latest among equals: a later "could be X too" does not undo "found it: Y"
        best = max(reversed(causes), key=lambda f: rank[f.certainty or "suspected"]) if causes else None
        return self._antecedent(best) if best is not None and points_back(best.text) else best

    def _antecedent(self, pointer: Fact) -> Fact:
        """'that's the H202' is said of what came just before it: the findings and checks of its message before
        it, with the pointer's certainty and both their sources."""
        said = [
            f
            for f in self.earlier_in_message(pointer)
            if f.kind in ("finding", "check") and not points_back(f.text) and f.result != "ok"
        ]
        if not said:
            return pointer  # nothing before it in its message: borrowing another message's line could be the symptom
        sources = tuple(sorted({s for f in [*said, pointer] for s in f.sources}))
        return replace(
            said[-1], text="; ".join(f.text for f in said[-2:]), certainty=pointer.certainty, sources=sources
        )

    def message_text(self, fact: Fact) -> str:
        """The text of the message this fact was read from ('' when the index points past the messages)."""
        return str(self.messages[fact.message].get("text") or "") if 0 <= fact.message < len(self.messages) else ""

    def earlier_in_message(self, fact: Fact) -> list[Fact]:
        """The facts of this fact's message that come before it."""
        at = next((i for i, f in enumerate(self.facts) if f is fact), 0)
        return [f for f in self.facts[:at] if f.message == fact.message]

    def reasons(self, answer: Fact) -> list[Fact]:
        """The findings and notes after an answer to the client in its message: the reasons given with it."""
        at = next(i for i, f in enumerate(self.facts) if f is answer)
        return [f for f in self.facts[at + 1 :] if f.message == answer.message and f.kind in ("finding", "note")]

    @property
    def answers(self) -> list[Fact]:
        """The engineer's answers to the client's questions (see answer_to)."""
        return [a for a in (self.answer_to(q) for q in self.of("question")) if a is not None]

    def answer_to(self, question: Fact) -> Optional[Fact]:
        """The engineer's answer to a question the client asked: the next fact that reads as one, unless another
        question came in between (the answer is then to that one)."""
        later = self.facts[next(i for i, f in enumerate(self.facts) if f is question) + 1 :]
        for fact in later:
            if fact.kind == "question":
                return None
            if fact.kind != "symptom" and (_ANSWER.match(fact.text) or _TOLD.match(fact.text)):
                return fact  # "yes - …", "told them all 8 cams are recording again": what we told the asker
        return None

    @property
    def verified(self) -> bool:
        """True only when an engineer message (or the engineer's closing summary) states the fix was tested or
        confirmed working."""
        untested = UNTESTED.search(self.resolution_summary or "")  # "Not tested; Dana will try …" outweighs "works now"
        return bool(self.tests or self.summary_test) and not untested

    @property
    def summary_test(self) -> Optional[str]:
        """The closing summary's sentence that states a test that passed ('Luis tested saving … — works')."""
        for sentence in re.split(r"(?<=[.;])\s+", self.resolution_summary or ""):
            if _SUMMARY_FAILED.search(sentence):
                continue  # "tested scan to email - still fails, printing works fine": not a pass
            if _SUMMARY_PASSED.search(sentence):
                return sentence.strip()
        return None

    @property
    def tests(self) -> list[Fact]:
        """Confirmations, and checks that say a test passed ("tested: signed in on the new phone, both working")."""
        return [f for f in self.facts if f.kind == "confirmation" or (f.kind == "check" and _PASSED.search(f.text))]

    @property
    def next_update_when(self) -> Optional[str]:
        """A time for the next update, when a next step or wait states one ("at 9", "in 30 min")."""
        for fact in reversed(self.of("next_step", "waiting")):
            if fact.result == "scheduled":
                continue  # a time in a note is a plan, not a promise of when we'll write again
            match = _WHEN.search(fact.text)
            when = match.group(0) if match else ""
            if not when or re.match(r"(?i)(?:eta|on |by )?(?:tues|thurs?|weds|fri)$|eta\b", when):
                continue  # "thurs", "ETA 2h": not words to promise an update with
            when = re.sub(r"\b(\w+day)\b", lambda m: m.group(1).capitalize(), when)
            return f"at {when}" if when[0].isdigit() else when if not when[0].isupper() else f"on {when}"
        return None


def build(transcript: dict[str, Any]) -> Ledger:
    """Read a transcript (DESIGN.md §3) into a Ledger."""
    messages = [m for m in transcript.get("messages", []) if isinstance(m, dict)]
    ledger = Ledger(
        intake=dict(transcript.get("intake") or {}),
        messages=messages,
        outcome=transcript.get("outcome") or "in_progress",
        resolution_summary=transcript.get("resolution_summary"),
        escalation_reason=transcript.get("escalation_reason"),
    )
    texts = [str(m.get("text", "")) for m in messages]
    extra = [ledger.resolution_summary or "", ledger.escalation_reason or "", *(str(v) for v in ledger.intake.values())]
    named = [str(ledger.intake.get(k) or "") for k in ("contact_name", "engineer_name", "engineer_full_name")]
    ledger.people = reading.people(texts + extra, [w for n in named for w in n.split() if w[:1].isupper()])
    found = [e for text in texts + extra for e in entities.find(text)]
    # The part before the @ of an address is a user name wherever it shows up alone ("convert dkowalski").
    users = [entities.Entity("user", e.text.split("@", 1)[0]) for e in found if e.kind == "email"]
    ledger.sensitive = _unique(found + [u for u in users if len(u.text) >= 4 and not _word_mailbox(u.text)])
    secrets = ledger.secrets
    header = _client_header(str(ledger.intake.get("client_name") or ""))
    label: Optional[tuple[str, int]] = None  # "Error:" sent alone: its content is the next message
    for index, message in enumerate(messages):
        if message.get("role") != "engineer":
            continue
        text = header.sub("", str(message.get("text", "")).strip()) if header else str(message.get("text", ""))
        if reading.LABEL.match(text.strip()):
            label = (text.strip(), index)
            continue
        facts = read_message(
            f"{label[0]} {text}" if label else text, index, float(message.get("minutes") or 0), secrets
        )
        for fact in facts:
            if label and fact is facts[0]:
                fact.sources = (label[1], index)
            _add(ledger, fact, index)
        label = None
    ledger.exchanges = count_exchanges(messages)
    last_minute = max((float(m.get("minutes") or 0) for m in messages), default=0)
    ledger.time_spent_minutes = int(round(max(float(transcript.get("started_minutes_ago") or 0), last_minute)))
    ledger.state = _state(ledger)
    since = transcript.get("since")
    if isinstance(since, dict) and isinstance(since.get("message_index"), int):
        ledger.since_message, ledger.previous_state = since["message_index"], since.get("state")
    return ledger


def _client_header(client: str) -> Optional[re.Pattern[str]]:
    """'casa lupita - POS-2 offline': a message opened with the client's name, which is a header, not a step."""
    first = client.split()[0] if client.split() else ""
    if len(first) < 3:
        return None
    return re.compile(rf"(?i)^{re.escape(first)}(?:[\w'&.]*\s){{0,3}}?[\w'&.]*(?:\s*\([^)]{{0,80}}\))?\s*[-–—:]\s+")


_HE = re.compile(r"(?i)^(he|she)(?:'ll| will)\b|^(he|she)(?:'s| is)\b|^(he|she)\b")


def _resolve_he(text: str, before: str) -> str:
    """'escalating to network team (Raj) — he'll enable MSTP tonight': 'he' is the one person the work was just
    handed to. Nowhere else: in 'lisa is getting him to … he's out till 2pm' he is not Lisa."""
    handed = re.search(r"(?i)\bescalat\w*\b.*?\(([A-Z][a-z]+)\)", before)
    named = [handed.group(1)] if handed else []
    match = _HE.match(text)
    if not match or len(named) != 1:
        return text
    said = {1: " will", 2: " is", 3: ""}[next(i for i in (1, 2, 3) if match.group(i))]
    return f"{named[0]}{said}{text[match.end() :]}"


def _add(ledger: Ledger, fact: Fact, index: int) -> None:
    """Add a fact, joining it to the one before when it only points back ("pretty sure that's it") or only
    gives that one's result ("no change")."""
    last = ledger.facts[-1] if ledger.facts else None
    if last is not None and last.message == fact.message:
        fact.text = _resolve_he(fact.text, last.text)
    pointer = _ANAPHORIC.match(fact.text) if fact.certainty else None
    rest = fact.text[pointer.end() :].strip(" ,:;-—") if pointer else ""
    why = pointer is not None and re.search(r"(?i)\bwhy\b", pointer.group(0)) is not None  # "that's why X": an effect
    if pointer and not why and len(rest.split()) >= 3 and not re.match(r"(?i)(?:but|though|just|i)\b", rest):
        fact.text = rest  # "that's it, the connector still expects Mailguard": the cause is what follows
        ledger.facts.append(fact)
    elif pointer:
        if ledger.diagnosis is None and last is not None and last.kind in ("check", "finding", "note", "symptom"):
            last.kind, last.certainty = "finding", fact.certainty  # the cause is what was just said
            last.sources = (*last.sources, index) if index not in last.sources else last.sources
    elif (
        fact.kind == "check"
        and fact.subject
        and _RESULT_ONLY.match(fact.subject)
        and last is not None
        and last.kind in ("check", "action")
        and not last.detail
    ):  # "ran the updater on FD-PC1" … "fails: 'installer requires re-validation'"
        last.detail = fact.text
        last.sources = (*last.sources, index) if index not in last.sources else last.sources
    elif fact.kind == "result" and last is not None and last.kind in ("check", "action") and not last.detail:
        last.detail = fact.text  # "restarted the spooler" … "no change"
        last.result = last.result or ("no_change" if _NO_CHANGE.search(fact.text) else None)
        last.sources = (*last.sources, index) if index not in last.sources else last.sources
    elif fact.kind != "result":
        ledger.facts.append(fact)


def _state(ledger: Ledger) -> str:
    if ledger.outcome == "resolved":
        return "resolved"
    if ledger.outcome == "escalated":
        return "escalated"
    state = "investigating"
    for fact in ledger.facts:
        named = fact.certainty in ("confirmed", "likely") or (fact.certainty is None and _CAUSE.search(fact.text))
        if fact.kind == "finding" and named and state == "investigating":
            state = "identified"
        elif fact.kind == "action" and state == "identified" and not is_communication(fact.text):
            state = "implementing"
    return state


def count_exchanges(messages: list[dict[str, Any]]) -> int:
    """Engineer messages that got an assistant reply."""
    count, waiting = 0, False
    for message in messages:
        if message.get("role") == "engineer":
            waiting = True
        elif message.get("role") == "assistant" and waiting:
            count, waiting = count + 1, False
    return count


def _unique(items) -> list[entities.Entity]:
    seen: dict[str, entities.Entity] = {}
    for item in items:
        seen.setdefault(item.text.lower(), item)
    return list(seen.values())
