"""Client-facing wording built from the ledger: plain language, the team's tone, nothing invented."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..ledger import Fact, Ledger, is_communication
from . import phrases
from .firewall import glossary


def issue_topic(ledger: Ledger) -> str:
    """A short name for the issue the client reported ('email', 'printing')."""
    text = f"{ledger.intake.get('issue', '')} {ledger.intake.get('client_issue', '')}".lower()
    for pattern, name in glossary()["issue_topics"]:
        if re.search(pattern, text):
            return name
    return "reported"


@lru_cache(maxsize=1)
def _topics() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex for every topic keyword; the leftmost match wins, the longest keyword on a tie."""
    topics = glossary()["topics"]
    alternatives = []
    for keyword in sorted(topics, key=len, reverse=True):
        tail = r"(?![a-z])" if len(keyword) <= 3 else ""  # "ap" must not match "approve"
        alternatives.append(f"(?<![\\w-]){re.escape(keyword)}{tail}")
    return re.compile("|".join(f"({a})" for a in alternatives)), {k.lower(): v for k, v in topics.items()}


def topic_of(text: str) -> Optional[str]:
    """The plain name of what a technical clause is about ('transport rule' → 'a mail routing setting')."""
    pattern, topics = _topics()
    match = pattern.search(text.lower())
    return topics[match.group(0)] if match else None


def _plural(phrase: str) -> bool:
    return phrase.endswith("s") and not phrase.endswith("ss")


def join(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def unique_topics(texts: list[str], limit: int = 3) -> list[str]:
    seen: list[str] = []
    for text in texts:
        topic = topic_of(text)
        if topic and topic not in seen:
            seen.append(topic)
    return seen[:limit]


def party(text: str) -> str:
    """Who a wait or an escalation involves, in the client's words: whoever it is escalated *to* comes first
    ("escalating to network team (Raj) … the other vendor changed it" is our network team)."""
    target = re.search(r"(?i)escalat\w*\s+(?:it\s+)?to\s+([^.;:]{1,60})", text)
    for scope in ([target.group(1)] if target else []) + [text]:
        for pattern, name in phrases.PARTIES:
            if re.search(pattern, scope, re.I):
                return name
    return "a specialist"


def action_sentence(fact: Fact) -> Optional[str]:
    """'rebooted the AP, no change' → 'restarted the wireless access points' (None when unclear)."""
    topic = topic_of(fact.text)
    if not topic or is_communication(fact.text):
        return None
    for pattern, verb in phrases.ACTION_VERBS:
        if re.search(pattern, fact.text, re.I):
            return f"{verb} {topic}"
    return None


class ClientWriter:
    """Sentences for one tone, filled only from the ledger."""

    def __init__(self, ledger: Ledger, tone: str, name: str) -> None:
        self.ledger, self.say, self.name = ledger, phrases.TONES[tone], name
        self.topic = issue_topic(ledger)

    def _things(self) -> list[str]:
        return unique_topics(self.ledger.ruled_out)

    def _cause(self) -> Optional[str]:
        diagnosis = self.ledger.diagnosis
        source = " ".join(filter(None, [self.ledger.resolution_summary, diagnosis.text if diagnosis else ""]))
        return topic_of(source)

    def _waiting(self) -> Optional[str]:
        waits = self.ledger.of("waiting")
        if not waits:
            return None
        text = waits[-1].text
        if re.search(phrases.CLIENT_WAIT, text, re.I) and not re.search(r"vendor|microsoft|isp|support", text, re.I):
            return self.say["waiting_client"]
        return self.say["waiting_party"].format(party=party(text))

    def _ruled_out_sentence(self) -> Optional[str]:
        things = self._things()
        if things:
            be = "are" if len(things) > 1 or _plural(things[0]) else "is"
            return self.say["ruled_out"].format(
                things=join(things), be=be, it_they="it" if len(things) == 1 else "they"
            )
        return self.say["ruled_out_generic"] if self.ledger.ruled_out else None

    def _update_sentence(self) -> str:
        when = self.ledger.next_update_when
        return self.say["update_when"].format(when=when) if when else self.say["update_soon"]

    def since(self) -> Optional[str]:
        """'Since our last update, we've found the cause and restarted the printing service.' (or None)."""
        ledger = self.ledger
        if ledger.since_message is None:
            return None
        new = ledger.new_facts
        changes = []
        if (
            ledger.state != "investigating"
            and ledger.previous_state in (None, "investigating")
            and any(f.kind == "finding" for f in new)
        ):
            changes.append(phrases.SINCE_CHANGES["found"])
        things = unique_topics([f.subject or f.text for f in new if f.kind == "ruled_out" or f.result == "ok"])
        if things:
            changes.append(phrases.SINCE_CHANGES["ruled_out"].format(things=join(things)))
        actions = [a for a in (action_sentence(f) for f in new if f.kind == "action") if a]
        if actions:
            changes.append(phrases.SINCE_CHANGES["action"].format(action=actions[-1]))
        if not changes and new:
            changes.append(phrases.SINCE_CHANGES["checks"])
        tone = next(k for k, v in phrases.TONES.items() if v is self.say)
        change = join(changes) if changes else phrases.SINCE[tone]["none"]
        return phrases.SINCE[tone]["open"].format(change=change)

    def progress(self) -> list[str]:
        """Paragraphs: what we're working on, what we found, what happens next."""
        if self.ledger.steps_completed == 0:
            return [self.say["intro_progress"].format(topic=self.topic), self.say["gathering"], self._update_sentence()]
        found = []
        ruled = self._ruled_out_sentence()
        if ruled:
            found.append(ruled)
        cause = self._cause()
        has_cause = self.ledger.state != "investigating"
        found.append(
            self.say["found"].format(cause=cause)
            if has_cause and cause
            else self.say["found_generic"]
            if has_cause
            else self.say["searching"]
        )
        doing = []
        for fact in self.ledger.of("action")[-2:]:
            sentence = action_sentence(fact)
            if sentence:
                key = "action_no_change" if fact.result == "no_change" else "action"
                doing.append(self.say[key].format(action=sentence))
        waiting = self._waiting()
        next_topics = unique_topics([f.text for f in self.ledger.of("next_step")], limit=1)
        doing.append(
            waiting
            or (self.say["next_topic"].format(topic=next_topics[0]) if next_topics else self.say["next_generic"])
        )
        return [
            self.since() or self.say["intro_progress"].format(topic=self.topic),
            " ".join(found),
            " ".join(doing),
            self._update_sentence(),
        ]

    def resolution(self) -> list[str]:
        cause = self._cause()
        body = [self.say["resolved_cause"].format(cause=cause) if cause else self.say["resolved_generic"]]
        if self.ledger.of("confirmation") or self.ledger.resolution_summary:
            body.append(self.say["verified"])
        return [self.say["intro_resolution"].format(topic=self.topic), " ".join(body), self.say["resolved_close"]]

    def escalation(self) -> list[str]:
        who = party(self.ledger.escalation_reason or "")
        done = []
        things = self._things()
        if things:
            be = "are" if len(things) > 1 or _plural(things[0]) else "is"
            done.append(f"confirmed that {join(things)} {be} working correctly")
        if self.ledger.of("action"):
            done.append("tried the standard fixes")
        paragraphs = [self.say["intro_escalation"].format(topic=self.topic)]
        if done:
            paragraphs.append(self.say["escalated_done"].format(done=" and ".join(done)))
        paragraphs.append(f"{self.say['escalated_why'].format(party=who)} {self.say['escalated_close']}")
        return paragraphs

    def quick(self, context: str) -> str:
        """One or two sentences."""
        if context == "resolution":
            cause = self._cause()
            return " ".join(
                [
                    self.say["quick_resolution"].format(
                        name=self.name, topic=self.topic, cause=f" (it was {cause})" if cause else ""
                    ),
                    self.say["quick_close_resolution"],
                ]
            )
        if context == "escalation":
            return " ".join(
                [
                    self.say["quick_escalation"].format(
                        name=self.name, topic=self.topic, party=party(self.ledger.escalation_reason or "")
                    ),
                    self.say["quick_close_escalation"],
                ]
            )
        since = self.since()
        if since:
            return " ".join(
                [
                    f"{self.say['greeting'].format(name=self.name)[:-1]}, {since[:1].lower()}{since[1:]}",
                    self._update_sentence(),
                ]
            )
        cause, things = self._cause(), self._things()
        if self.ledger.state != "investigating":
            waiting_on_client = self._waiting() == self.say["waiting_client"]
            core = phrases.QUICK_CORE["found_waiting" if waiting_on_client else "found" if cause else "found_generic"]
        elif things:
            core = phrases.QUICK_CORE["ruled_out"]
        else:
            core = phrases.QUICK_CORE["searching" if self.ledger.steps_completed else "gathering"]
        core = core.format(cause=cause, things=join(things) if things else "")
        return " ".join(
            [self.say["quick_progress"].format(name=self.name, topic=self.topic, core=core), self._update_sentence()]
        )
