"""Client update and email bodies from the case file: what we're working on, found, did, the workaround,
what happens next and what we need. Only what the session holds; each sentence keeps the messages it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from ..ledger import Fact, Ledger, is_communication
from . import typed
from .client_text import issue_topic
from .plain import lower_first, second_person, upper_first
from .sayable import has_subject, known_words, sayable
from .voice import answer as voice_answer
from .voice import client_words, is_sentence, voice

TITLES = {"dr", "mr", "mrs", "ms", "mx", "prof", "rev", "fr", "sr", "pastor", "judge", "capt", "sister", "father"}
# Pieces of an engineer's note that address someone else or FlowPilot, not the client: not client text.
NOT_FOR_CLIENT = re.compile(
    r"(?i)^(?:told|asked|informed|emailed|called|texted|let|no|yes|yep|nope|"
    r"not (?:touching|putting|doing|going|sharing|sending))\b|\b(?:flowpilot|ticket)\b"
)


@dataclass
class Line:
    """One sentence of client text and the messages it came from (greeting and sign-off have none)."""

    text: str
    sources: tuple[int, ...] = ()


def contact_names(intake: dict[str, object]) -> list[str]:
    """The contact's names as typed, without a title ("Dr. Priya Nair" → Priya, Nair)."""
    return [w for w in str(intake.get("contact_name") or "").split() if w.rstrip(".").lower() not in TITLES]


def greeting_name(intake: dict[str, object]) -> str:
    """The contact's first name, or title and surname as typed ('Dr. Ferris', 'Mrs Cole'), or the company."""
    contact = str(intake.get("contact_name") or "").split()
    if contact and contact[0].rstrip(".").lower() in TITLES and len(contact) > 1:
        return f"{upper_first(contact[0])} {contact[-1]}"  # "Mrs" in British use, "Mrs." in American: theirs
    if contact:
        return contact[0]
    return str(intake.get("client_name") or "there")


# Chat spelling of a contraction in the client's own words ("kids cant log in"), put right.
_CONTRACTION = re.compile(r"(?i)\b(can|don|won|doesn|isn|didn|wasn|aren|couldn|shouldn|wouldn|haven|hasn)(t)\b")


def problem(ledger: Ledger) -> str:
    """The reported issue, in the client's words turned to 'your' ('emails to some of your buyers bouncing back')."""
    issue = _CONTRACTION.sub(lambda m: m.group(1) + "'" + m.group(2), str(ledger.intake.get("issue") or "").strip())
    first = re.split(
        r"(?<=[.!?;])(?<!Dr\.)(?<!Mr\.)(?<!Ms\.)(?<!St\.)(?<!Mrs\.)(?<!Rev\.)\s+|,\s+(?:we|i|and we|please|pls|need|can you)\b",
        issue,
        maxsplit=1,
    )[0]
    first = re.split(r"\s+and\s+(?:you|we|i|they)\b", second_person(first), maxsplit=1)[0].strip(" .!?;:,")
    words = first.split()
    if not words or len(words) > 24:
        topic = issue_topic(ledger)
        return "" if topic == "reported" else f"the {topic} issue"
    return lower_first(first)


def reported(ledger: Ledger) -> str:
    """'the issue you reported (emails to … bouncing back)', or just 'the issue you reported'."""
    text = problem(ledger)
    return f"the issue you reported ({text})" if text else "the issue you reported"


def clause(fact: Fact, ledger: Optional[Ledger] = None) -> Optional[str]:
    """A fact as a client-readable clause (in the team's voice, no commands or codes), or None."""
    text = re.split(r"\s+[-–—]\s+|;\s+", fact.text, maxsplit=1)[0]
    return say(text, ledger, fact)


def say(text: str, ledger: Optional[Ledger] = None, fact: Optional[Fact] = None) -> Optional[str]:
    """The engineer's words in the team's voice, as a client could read them, or None. A he or she is the
    contact only when the contact is named in the sentence or in the message the fact came from."""
    plain_words = known(ledger)
    said = client_words(voice(text, ledger.people if ledger else ()), known=plain_words)
    contact = str((ledger.intake if ledger else {}).get("contact_name") or "").split()
    if contact and contact[0].rstrip(".").lower() in TITLES:
        if said and len(contact) > 2:  # "Mr. Otto Lindahl": the first name in chat ("check it with Otto") is him
            said = _named_to_you(said, contact[1])
        contact = contact[-1:]  # "Mrs Kell asked …": the surname names her
    message = ledger.message_text(fact) if ledger and fact else ""
    named = re.search(rf"(?i)\b{re.escape(contact[0])}\b(?!')", f"{said} {message}") if said and contact else None
    if said and named and not re.search(rf"(?i)\b{re.escape(contact[0])}'s\b", text):
        said = to_contact(said)  # "Marco calls us, we pair it with him": him is Marco; not "him with chloe's ok"
    me = str((ledger.intake if ledger else {}).get("engineer_name") or "").split()
    if said and me:  # "Noor tests a remote login tomorrow" from Noor, who signs this: we'll test it
        said = re.sub(rf"^{re.escape(me[0])}\s+([a-z]{{2,}}?)(?:e?s)\b", lambda m: f"we'll {_base_of(m)}", said)
    if said and not _THIRD_PARTY.search(f"{said} {message}") and not _OWN_THEIR.search(said):
        said = re.sub(r"\btheirs\b", "yours", re.sub(r"\btheir\b", "your", said))  # "their switch": the client's
    if said and (_LOOSE_PRONOUN.search(said) or "[redacted]" in said):
        return None  # "we sent him the list": to the client, "him" is nobody (or the reader in third person)
    return said if said and sayable(said, plain_words) else None


# Someone besides the client the engineer may mean by "their" (the vendor's side, the ISP's engineer).
_THIRD_PARTY = re.compile(
    r"(?i)\b(?:vendor|supplier|support|isp|provider|carrier|manufacturer|distributor|lessor|reseller|partner|"
    r"tier \d|helpdesk|help desk|engineers?|tech(?:nician)?s?)\b"
)


# "cameras 1, 2 and 4 have their history": their is the cameras', not the client's.
_OWN_THEIR = re.compile(
    r"(?i)\b[a-z]{3,}s\b[^.;]{0,30}?\s(?:have|has|had|keep|kept|lose|lost|show|showed|get|got|need|needs)\s+their\b|"
    r"\b(?:they|staff|users|everyone|everybody)\b[^.;]{0,40}?\btheir\b"  # "staff should save their work"
)


def _named_to_you(text: str, name: str) -> str:
    """The reader's own name, in a sentence to them, as 'you' ('with Kwame' → 'with you', "Janet's" → 'your')."""
    text = re.sub(rf"\b{re.escape(name)}'s\b(?=\s+[a-z])", "your", text, flags=re.I)
    text = re.sub(rf"\b{re.escape(name)}'s\b", "yours", text, flags=re.I)  # "my mobile + priya's"
    text = re.sub(
        rf"(?i)\b(with|to|for|need|needs|ask|asked|tell|told|let|from|by)\s+{re.escape(name)}\b", r"\1 you", text
    )
    return re.sub(
        rf"(?i)^{re.escape(name)}\s+(will|can|to|needs|has)\b",
        lambda m: "you " + {"needs": "need", "has": "have"}.get(m.group(1).lower(), m.group(1)),
        text,
    )


def stands_alone(text: str, ledger: Optional[Ledger]) -> bool:
    """A clause that reads as a sentence of its own: a verb, a subject, four words or more."""
    return is_sentence(text) and has_subject(text, known(ledger))


def known(ledger: Optional[Ledger]) -> frozenset[str]:
    """Words the client knows though a dictionary may not: names in the session and the client's own words."""
    if ledger is None:
        return frozenset()
    intake = ledger.intake
    names = [*ledger.people, *(str(intake.get(k) or "") for k in ("contact_name", "client_name", "engineer_name"))]
    return known_words(names, f"{intake.get('issue') or ''} {intake.get('client_issue') or ''}")


def _base_of(match: re.Match[str]) -> str:
    """The verb of 'Noor tests' as 'test' ('pushes' → 'push', 'goes' → 'go')."""
    return base_verb(match.group(0).split()[1])


_LOOSE_PRONOUN = re.compile(r"(?i)\b(?:he|him|his|she|her|hers|himself|herself)\b")


def to_contact(text: str) -> str:
    """He, him, his (she, her) said of the contact who reads this: you, your."""
    text = re.sub(r"(?i)\b(?:he|she)'s(?=\s+(?:[a-z]+ed|done|got|seen|sent|been|had|run|made)\b)", "you've", text)
    text = re.sub(r"(?i)\b(?:he|she)\b(?:'s)?", lambda m: "you're" if m.group(0).endswith("'s") else "you", text)
    text = re.sub(
        r"(?i)\bhis\b|\bher\b(?=\s+(?!(?:where|what|how|when|why|that|the|a|an|to|in|on|at|about|know|up|out|"
        r"back|down|off|and|or|if|so|by|at|with|for|from|after|before|today|tomorrow|tonight|now|again|once|"
        r"restart|reboot|check|try|send|call|test|log|sign|open|use|update|email|text|ring|reset|pick|bring|"
        r"confirm|shout|reply|see|do|be|keep|save|print|clear|know|let)\b)[a-z]+\b)",
        "your",
        text,
    )
    text = re.sub(r"(?i)\b(?:him|her)self\b", "yourself", text)
    text = re.sub(r"(?i)\b(?:him|her)\b", "you", text)
    return re.sub(r"\byou (is|was|has|does|goes|[a-z]{2,}[^s\W]s)\b", lambda m: "you " + base_verb(m.group(1)), text)


_AGREE = {"is": "are", "was": "were", "has": "have", "does": "do", "goes": "go"}


def base_verb(verb: str) -> str:
    """'tests' → 'test', 'passes' → 'pass', 'is' → 'are', 'leave' → 'leave': the verb after 'you'."""
    low = verb.lower()
    if low in _AGREE:
        return _AGREE[low]
    if not low.endswith("s") or low.endswith("ss"):
        return verb  # already the base form
    return verb[:-2] if re.search(r"(?:ss|sh|ch|x|z)es$", low) else verb[:-1]


def answers(ledger: Ledger) -> list[Line]:
    """A question the client asked, and the engineer's answer: the next thing the engineer wrote, when it reads
    as one ('yes …', 'no …', 'told her …')."""
    lines = []
    for question in ledger.of("question")[-2:]:
        reply = ledger.answer_to(question)
        if reply is None:
            continue
        said = voice_answer(reply.text)
        if _BARE.fullmatch(said.strip()):  # "told her yes - spare reader is on the main till": the reason follows
            said = _with_reason(reply, ledger) or said
        answer = say(said, ledger)
        if answer is None or len(answer.split()) > 24:  # too technical or too long to say: the yes or no still is,
            word = re.match(r"(?i)(yes|no)\b[\s,.:;!–—-]*", said)  # with as much of the rest as can be said
            answer = _as_far_as_said(word.group(1).capitalize(), said[word.end() :], ledger) if word else None
        asked = client_words(second_person(voice(question.text, ledger.people)).rstrip("?"), question=True)
        asked = re.sub(r"(?i)^(can|could|will|should|do|are)\s+they\b", r"\1 your staff", asked) if asked else asked
        if answer and asked:
            whether = re.match(r"(?i)(?:if|whether)\s+", asked)
            text = (
                f"You asked whether {asked[whether.end() :]}: {lower_first(answer)}."
                if whether
                else f"You asked: {lower_first(asked.rstrip('?'))}? {upper_first(answer)}."
            )
            lines.append(Line(text, (*question.sources, *reply.sources)))
    return lines


_BARE = re.compile(r"(?i)(?:yes|no|yep|nope)\W*")


def _with_reason(reply: Fact, ledger: Ledger) -> str:
    """The answer's message from its yes or no on ('no - insurance + safety, the door can't be left open …')."""
    text = ledger.message_text(reply)
    text = text[max(0, text.find(reply.text)) :]  # from the reply on: "no errors in the log. told her yes" is a yes
    word = re.search(r"(?i)\b(?:yes|no|yep|nope)\b(?!\s+(?:link|sign|reply|change|luck)\b)", text)
    return voice_answer(text[word.start() :].split("\n")[0]) if word else ""


def _as_far_as_said(word: str, rest: str, ledger: Ledger) -> Optional[str]:
    """'Yes, the ipads work' from 'yes - the ipads work, they're on the STAFF ssid': the answer's leading clauses
    while each can be said plainly, stopping at the first that cannot; a leading clause that cannot be said and sets
    no condition is passed over ('no - insurance + safety, the door can't be left open'), a claim is said without its
    source ('fine per her email'); None when a caveat cannot be said."""
    kept: list[str] = []
    skipped = False
    for part in re.split(r"\s+[-–—]\s+|[,;]\s+|\.\s+", rest.strip()):
        caveat = _CAVEAT.match(part)
        part = re.sub(r"(?i)^and\s+", "", part) if kept or skipped else part
        said = say(part, ledger) if part else None
        head = re.split(r"(?i)\s+(?:per|according to|and|because|since|as)\s+", part)[0] if not said else ""
        if not said and not caveat and len(head.split()) >= 3 and head != part:
            said = say(head, ledger)  # "incoming calls are fine per her email and …": the claim, not its source
            if said:
                kept.append(said.rstrip("."))
                break
        if not said and _CONDITION.match(part):
            return None  # "yes, once the RAID rebuild finishes": a yes without its condition would mislead
        if not said and not caveat and not kept:
            skipped = True  # "yes, good offsite copy from last night, and the care plans share is …": go on
            continue
        if said and skipped and not kept and not stands_alone(said, ledger):
            break  # past a clause that could not be said, only a whole sentence stands ("No, 7 cases." does not)
        if caveat and not said:  # "but keep the videos off it b/c another drive failing = data loss": the ask
            said = say(re.split(r"(?i)\s+(?:b/c|bc|because|since|as|so)\s+", part)[0], ledger)
        if not said and not kept and part and len(part.split()) <= 3 and not caveat:
            continue
        if not said or len(" ".join([*kept, said]).split()) > (28 if caveat else 20):  # a caveat is worth more words
            if caveat:
                return None  # "yes, but don't copy big files to it": a yes without its but would mislead
            break
        if caveat and not _CAVEAT.match(said):  # the team's voice drops a leading "but": the caveat needs it
            said = f"{caveat.group(0).strip().lower()} {lower_first(said)}"
        kept.append(said.rstrip("."))
    if kept and re.match(r"(?i)(?:if|when|unless|once)\b", kept[-1]):
        return None  # "yes, once the rebuild finishes": a bare yes without its condition would mislead
    while kept and re.match(r"(?i)(?:because|so|and)\b", kept[-1]):
        kept.pop()
    return f"{word}, {', '.join(kept)}" if kept else word


_CONDITION = re.compile(r"(?i)\s*(?:if|once|when|unless|until|after|before|as long as|only if|provided)\b")
# A clause that limits the answer before it ("but keep the videos on the front desk pc", "as long as …").
_CAVEAT = re.compile(r"(?i)\s*(?:but|except|as long as|only if|unless|though|although|just not|just don'?t)\b")


# What we did opens with what was done ("restarted …", "set up …"), not a lexicon phrase ("the removal of …").
DID = re.compile(
    r"(?i)^(?:as a temporary measure,? )?(?:we(?:'ve| have)?(?: also| now| just)? )?"
    r"(?:\w+ed|set|reset|shut|put|ran|sent|got|made|took|rebuilt|cut|gave|built)\b"
)
# "we have also added …", "as a temporary measure we have reduced …": said as "We also added …".
_WE_DID = re.compile(
    r"(?i)^(?P<lead>as a temporary measure,? )?we(?:'ve| have)?\s+(?P<also>also\s+)?(?:now\s+|just\s+)?"
)


def did(ledger: Ledger, limit: int = 3) -> list[Line]:
    """The latest real actions ('We restarted …'), saying when one did not help."""
    lines: list[Line] = []
    acts = [f for f in ledger.of("action") if not is_communication(f.text) and not _ONSET.match(f.text)]
    for fact in [f for f in acts if not _refused(f, ledger)][-limit:]:
        said = clause(fact, ledger) or clause(replace(fact, text=_with_object(fact, ledger)), ledger)
        text = said if said and DID.match(said) else typed.action(fact.text)
        if text and not NOT_FOR_CLIENT.search(text):
            we = _WE_DID.match(text)
            lead = ("As a temporary measure, we " if we and we.group("lead") else "We ") + (
                "also " if we and we.group("also") else ""
            )
            text = text[we.end() :] if we else text
            tail = ", but that didn't fix it on its own" if fact.result == "no_change" else ""
            said = f"{lead}{lower_first(text)}{tail}."
            if all(line.text != said for line in lines):  # "We moved the port." once, however often it was done
                lines.append(Line(said, fact.sources))
    return lines


# "The firewall rejects it", "import failed: unsupported key type": what we tried did not take.
_REFUSED = re.compile(
    r"(?i)\b(?:rejects?|rejected|refuses|refused|failed|fails|won't take|didn't take|didn't work|no luck|errors? out)\b"
)


def _refused(action: Fact, ledger: Ledger) -> bool:
    """The action was refused or failed, as said right after it (in its message or the next)."""
    at = ledger.facts.index(action) if action in ledger.facts else -1
    after = ledger.facts[at + 1] if 0 <= at < len(ledger.facts) - 1 else None
    near = after is not None and after.message <= action.message + 1
    return bool(_REFUSED.search(action.detail or "")) or bool(near and after and _REFUSED.search(after.text))


# "started mon": when the problem began, not something we started.
_ONSET = re.compile(
    r"(?i)^(?:it\s+)?(?:started|began|begun|kicked off)\s+(?:on\s+|since\s+|last\s+|this\s+|~\s*)?"
    r"(?:mon|tue|wed|thu|fri|sat|sun|yesterday|today|this|last|the|after|around|about|approx|at|\d)\w*"
)
_BARE_VERB = re.compile(r"(?i)^((?:i |we )?(?:ordered|installed|fitted|bought))(?=\s+(?:from|with|for|at|by)\b)")


def _with_object(fact: Fact, ledger: Ledger) -> str:
    """'ordered the storage drive from the distributor' for 'ordered from the distributor' when the sentence before
    it in the same message names the thing ('approved £62 … NVMe; ordered from …'); '' when none does."""
    bare = _BARE_VERB.match(fact.text)
    earlier = ledger.earlier_in_message(fact)
    before = earlier[-1].text if bare and earlier else ""
    named = [
        t for t in typed.things(before, everyday=True) if not re.search(r"(?i)\b(?:by|via|over)\s+$", before[: t[0]])
    ]
    if not bare or not named:
        return ""
    thing = (
        re.sub(r"^the ", "a new ", named[-1][2]) if re.search(r"(?i)ordered|bought", bare.group(1)) else named[-1][2]
    )
    return f"{bare.group(1)} {thing}{fact.text[bare.end() :]}"


def since(ledger: Ledger) -> Line:
    """What changed since our last update to this audience: the newest change we can say plainly, or none."""
    new = [f for f in ledger.new_facts if f.kind in ("action", "finding", "confirmation", "ruled_out", "check")]
    for fact in reversed(new):
        text = clause(fact, ledger)
        if text and not NOT_FOR_CLIENT.search(text):
            text = re.sub(r"(?i)^we(?:'ve)?\s+", "", text) if fact.kind == "action" else text
            verb = "we" if fact.kind == "action" else "we found that" if fact.kind == "finding" else "we checked that"
            return Line(f"Since our last update, {verb} {lower_first(text)}.", fact.sources)
    if new:
        return Line("Since our last update, we've made more checks.", tuple(s for f in new for s in f.sources))
    return Line("There's no change since our last update; we're still working on it.")


def fixed_line(ledger: Ledger) -> str:
    """'Good news: … is fixed.' only when the fix was tested; otherwise that a fix is in place."""
    if ledger.verified:
        return f"Good news: {reported(ledger)} is fixed."
    return f"We've put a fix in place for {reported(ledger)}."
