"""Word-level checks the rule half of intent detection uses: is "email" the format or the topic, is "update" a
noun or a verb, is a slot word blocked by its neighbours, is the text addressed to someone."""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from spacy.tokens import Doc

from . import intent_lexicon as lex

DETERMINERS = {"the", "our", "my", "this", "that", "a", "an", "their"}
DIRECTED = {"for", "to"}
BOUNDARIES = {".", "!", "?", ";", "\n", "\n\n"}
UPDATE_WORDS = {"update", "updates", "upate", "udpate", "updte", "updat"}


def _directed_at(doc: Doc, start: int) -> bool:
    """'for the client' / 'to the customer': the text is addressed to them."""
    before = [t.lower_ for t in doc[max(0, start - 2) : start]]
    if before and before[-1] in DETERMINERS:
        before = before[:-1]
    return bool(before) and before[-1] in DIRECTED


def _word_count(doc: Doc) -> int:
    return sum(1 for t in doc if not t.is_punct and not t.is_space)


def _email_is_format(doc: Doc, start: int, end: int) -> bool:
    """'draft an email', 'email the client', 'by email' are the format; 'the email issue' is the topic."""
    nxt = doc[end].lower_ if end < len(doc) else ""
    prev = doc[start - 1].lower_ if start > 0 else ""
    if prev in {"a", "an"} and nxt in {"i", "we"} and doc[end + 1 : end + 2].text.lower() in {"can", "could"}:
        return True  # "an email I can send the customer", "an email we can send"
    if nxt in lex.EMAIL_TOPIC_NEXT and nxt not in lex.EMAIL_FORMAT_NEXT:
        return False
    if nxt in DETERMINERS and prev not in lex.EMAIL_FORMAT_PREV:
        # "email the client" is a request; "email the logs to me" is not.
        following = {t.lower_ for t in doc[end + 1 : end + 3]}
        return bool(following & lex.EMAIL_AUDIENCE_OBJECTS)
    if prev in lex.EMAIL_FORMAT_PREV or nxt in lex.EMAIL_FORMAT_NEXT and prev not in lex.EMAIL_TOPIC_PREV:
        return True
    if start >= 2 and doc[start - 2].lower_ in {"a", "an"} and nxt not in lex.EMAIL_TOPIC_NEXT:
        return True  # "a comprehensive email"
    return prev == "the" and nxt in {"to", "for"}


def _noun_usable(doc: Doc, start: int, end: int, word: str) -> bool:
    """A request noun that is not 'Windows Update', 'the update failed' or the verb 'update'."""
    prev = doc[start - 1].lower_ if start > 0 else ""
    nxt = doc[end].lower_ if end < len(doc) else ""
    if prev in lex.NOUN_BLOCKERS_PREV or nxt in lex.NOUN_BLOCKERS_NEXT:
        return False
    if nxt.startswith("kb") or nxt.isdigit():
        return False
    if word in UPDATE_WORDS and nxt and nxt not in lex.NOUN_FOLLOWERS:
        # "update the driver": a verb unless a determiner or modifier makes it a noun.
        if start == 0 or prev in lex.VERB_MARKERS_PREV or doc[start - 1].text in BOUNDARIES:
            return False
    if word in UPDATE_WORDS and prev in lex.VERB_MARKERS_PREV and prev not in {"pls", "please", "plz"}:
        return False
    return True


def _slot_ok(doc: Doc, start: int, end: int) -> bool:
    """A slot word not blocked by its neighbours ('mailbox full', 'screen resolution') and not negated ('not an
    email', 'no need for internal notes', "don't need the detailed one")."""
    word = doc[start:end].text.lower()
    prev = doc[start - 1].lower_ if start > 0 else ""
    nxt = doc[end].lower_ if end < len(doc) else ""
    blocked = prev in lex.SLOT_BLOCKERS_PREV.get(word, ()) or nxt in lex.SLOT_BLOCKERS_NEXT.get(word, ())
    return not blocked and not negated(doc, start)


# Words that take back what follows them, within a few words ("not an email", "no sign-off", "skip the notes").
NEGATORS = frozenset("not no don't dont never without skip instead n't nor".split())


def negated(doc: Doc, start: int, reach: int = 4) -> bool:
    """True when a negating word comes shortly before this token, with no punctuation between."""
    for token in reversed(doc[max(0, start - reach) : start]):
        if token.is_punct:
            return False
        if token.lower_ in NEGATORS or token.lower_ == "rather" and token.i + 1 < start:
            return True
    return False


def _mentions_name(text: str, names: Iterable[str]) -> bool:
    """The client's company or contact named in the text ('update for Acme', 'tell Dana')."""
    lowered = text.lower()
    for name in names:
        for part in {name.strip().lower(), *(name.strip().lower().split()[:1])}:
            if len(part) >= 3 and re.search(rf"\b{re.escape(part)}\b", lowered):
                return True
    return False


def writes_other(doc: Doc, evidence: set[int]) -> bool:
    """'prepare quotation for customer', 'write the QBR deck outline': the thing the verb asks for is something
    other than an update. `evidence` holds the token positions of the lexicon's update, audience and slot words."""
    verb = next((t.i for t in doc if t.lower_ in lex.OBJECT_VERBS), None)
    if verb is None or verb + 1 < len(doc) and doc[verb + 1].lower_ in lex.OBJECT_PARTICLES:
        return False  # no object verb, or "write up …", "write it up": documenting the work
    other = False
    for token in doc[verb + 1 : verb + 12]:
        word = token.lower_
        if token.i in evidence or word in lex.UPDATE_OBJECTS or _misspelt_update(word):
            return False
        if token.is_punct or word in lex.OBJECT_STOPS:
            break
        if word in DETERMINERS or word in lex.OBJECT_FILLERS or token.like_num or token.is_title:
            continue  # "a short …", "Dr Salazar …": not the thing asked for
        other = other or token.is_alpha
    return other


def _misspelt_update(word: str) -> bool:
    """'somthing', 'updaet', 'eamil': an update word typed in a hurry."""
    return len(word) >= 4 and any(
        SequenceMatcher(None, word, known).ratio() >= 0.75 for known in lex.UPDATE_OBJECTS_TYPED
    )
