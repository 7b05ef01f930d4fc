"""Recognise "quick update for the client" in chat: intent and its audience, length, context."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple, Optional, cast

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from . import intent_lexicon as lex
from . import intent_model
from .intent_rules import (
    BOUNDARIES,
    UPDATE_WORDS,
    _directed_at,
    _email_is_format,
    _mentions_name,
    _noun_usable,
    _slot_ok,
    _word_count,
    negated,
    writes_other,
)
from .intent_vetoes import DECLINED, looks_like_log, named_recipient, unquoted, vetoed

AUDIENCE_PRIORITY = ("email_draft", "ticket_notes", "client_update")
CONTEXT_PRIORITY = ("escalation", "resolution", "progress")
STRONG_NOUNS = UPDATE_WORDS | {
    "summary",
    "summery",
    "sumary",
    "recap",
    "sitrep",
    "write-up",
    "writeup",
    "write up",
    "rundown",
    "run-down",
    "tl;dr",
    "tldr",
    "status report",
    "progress report",
}
WEAK_NOUNS = {"something", "message", "msg", "draft", "blurb", "one-liner", "one liner"}
PRONOUNS_BEFORE_LET = {"i", "we", "already", "just", "they", "he", "she", "you"}
_HOW = re.compile(lex.HOW_QUESTION)
_PART_BREAK = re.compile(lex.PART_BREAK)


class Intent(NamedTuple):
    """A request for a status update and the slots its text states (None = not stated)."""

    audience: Optional[str]
    length: Optional[str]
    context: Optional[str]


# How sure the classifiers must be (chosen by training on two of the three training sets and scoring the third).
REQUEST_THRESHOLD = 0.6
AUDIENCE_THRESHOLD = 0.5
AUDIENCE_OVERRULE = 0.8  # to change the audience the words state, the classifier must be surer
SLOT_THRESHOLD = 0.7


class IntentDetector:
    """A trained classifier (intent_model) decides whether a line asks for an update and reads the audience;
    spaCy PhraseMatcher/Matcher rules from `intent_lexicon` read length and context where the words are there,
    the classifier filling in where they are not. `rules_only` is the older rule detector (a baseline)."""

    def __init__(self, rules_only: bool = False, model: Optional[Language] = None) -> None:
        self.model = None if rules_only else model or intent_model.shipped()
        self.nlp = self.model or spacy.blank("en")  # one tokenizer and vocabulary for the rules and the classifiers
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        groups = {
            "RNOUN": lex.REQUEST_NOUNS,
            "EMAIL": lex.EMAIL_WORDS,
            "CUE": lex.REQUEST_CUES,
            "MAKE": lex.MAKE_VERBS,
            "VETO": lex.NOUN_VETO_PHRASES,
            "AUD_NOTES": lex.AUDIENCE_NOTES,
            "AUD_TICKET": lex.AUDIENCE_TICKET,
            "AUD_CLIENT": lex.AUDIENCE_CLIENT,
            "AUD_EMAIL": lex.AUDIENCE_EMAIL_ALWAYS,
            **{f"LEN_{k}": v for k, v in lex.LENGTHS.items()},
            **{f"CTX_{k}": v for k, v in lex.CONTEXTS.items()},
        }
        for label, words in groups.items():
            self.phrases.add(label, [self.nlp.make_doc(w) for w in words])
        self.frames = Matcher(self.nlp.vocab)
        self.frames.add("TELL", cast(Any, lex.TELL_PATTERNS))  # token patterns: lists of attribute dicts
        self.frames.add("WHAT", cast(Any, lex.WHAT_PATTERNS))
        self.strings = self.nlp.vocab.strings

    def detect(self, text: str, names: Iterable[str] = ()) -> Optional[Intent]:
        """The update request in this chat message, or None if it is not one."""
        if not text or not text.strip() or looks_like_log(text):
            return None
        rest = unquoted(text) if self.model is not None else None
        if rest is not None and not self._asks(rest, rules=True):
            return None  # the request is inside someone else's words ("her email: 'please keep us updated'")
        if vetoed(text):
            return None
        declined = DECLINED.match(text)
        if declined and self.model is not None:
            # an update declined or put off; the request that follows it, if any, is the one to read
            text = text[declined.end() :].strip()
            if not self._asks(text, rules=True):
                return None
        doc = self.nlp.make_doc(text)
        if self.model is not None and not declined:
            if intent_model.asks(self.model, doc) < REQUEST_THRESHOLD and not self._asks_last(text):
                return None  # most chat is not a request: the rules only run on the lines that are
        found = self._found(doc)
        if self.model is not None and writes_other(
            doc, _positions(found, ("RNOUN", "EMAIL", "AUD_", "CTX_", "LEN_detailed"))
        ):
            return None  # the thing asked for is no update ("prepare quotation for customer")
        if self.model is None:
            return self._ruled(doc, found, text, names) if self._is_request(doc, found) else None
        ruled = self._ruled(doc, found, text, names)
        if ruled.audience != "email_draft":  # "email" said is an email, always
            audience, sure = intent_model.read_slot(self.model, doc, "audience")
            topic = audience == "email_draft" and ruled.audience is not None  # the rules read "email" as the topic
            needed = AUDIENCE_THRESHOLD if ruled.audience is None else AUDIENCE_OVERRULE
            refused = audience in _negated_audiences(doc, found)  # "not an email, just something for halo"
            if sure >= needed and not topic and not refused:
                ruled = ruled._replace(audience=audience or (ruled.audience if _mentions_name(text, names) else None))
        client_said = bool(found.get("AUD_CLIENT")) or _mentions_name(text, names) or named_recipient(text)
        if ruled.audience is None and named_recipient(text):
            ruled = ruled._replace(audience="client_update")
        elif ruled.audience == "client_update" and not client_said and re.search(lex.NEXT_TIER, text):
            ruled = ruled._replace(audience=None)  # "write up for tier 2": the context says it, not an audience
        for slot in ("length", "context"):
            if getattr(ruled, slot) is None:  # the words that state a slot win; the classifier fills in
                value, sure = intent_model.read_slot(self.model, doc, slot)
                if value is not None and sure >= SLOT_THRESHOLD:
                    ruled = ruled._replace(**{slot: value})
        return ruled

    def _asks_last(self, text: str) -> bool:
        """The message's last part, read alone, asks for an update ("… the link is green. document it for me")."""
        parts = [p for p in _PART_BREAK.split(text) if p and p.strip()]
        return len(parts) >= 2 and self._asks(parts[-1])

    def _asks(self, text: str, rules: bool = False) -> bool:
        """The classifier (or, with `rules`, the rules too) reads this text alone as a request for an update."""
        text = text.strip(" \t-–—,.;:")
        if self.model is None or not text:
            return False
        doc = self.nlp.make_doc(text)
        if not rules:
            return intent_model.asks(self.model, doc) >= REQUEST_THRESHOLD
        # After a refusal, a request names the update it wants ("…, i just want the tech notes"; "…, I want to test
        # once more" asks for none); a turn to another one may do so tersely ("just stick a note in Autotask").
        for_someone = named_recipient(text) and re.search(r"\bfor\s+(?:the\s+)?[A-Z]", text)  # "it's for Mrs Dunmore"
        names = any(k.startswith(("AUD_", "RNOUN", "EMAIL")) for k in self._found(doc)) or bool(for_someone)
        return names and (doc[0].lower_ in lex.INSTEAD or intent_model.asks(self.model, doc) >= REQUEST_THRESHOLD)

    def _found(self, doc: Doc) -> dict[str, list[tuple[int, int]]]:
        """The lexicon's phrases in the text, by label."""
        found: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in self.phrases(doc):
            found.setdefault(self.strings[match_id], []).append((start, end))
        return found

    def _ruled(self, doc: Doc, found: dict[str, list[tuple[int, int]]], text: str, names: Iterable[str]) -> Intent:
        """The slots the rules read from the words that state them."""
        return Intent(
            self._audience(doc, found, text, names),
            self._slot(doc, found, "LEN_", ("quick", "detailed")),
            self._slot(doc, found, "CTX_", CONTEXT_PRIORITY),
        )

    # --- the request ---------------------------------------------------------------------
    def _is_request(self, doc: Doc, found: dict[str, list[tuple[int, int]]]) -> bool:
        if self._vetoed_message(doc, found):
            return False
        vetoed = {i for start, end in found.get("VETO", ()) for i in range(start, end)}
        all_cues = found.get("CUE", [])
        cues = [s for s in all_cues if s[0] not in vetoed and not self._reported(doc, s[0])]
        audiences = self._audience_spans(doc, found)
        lengths = [s for k in ("LEN_quick", "LEN_detailed") for s in found.get(k, ()) if _slot_ok(doc, *s)]
        nouns = [(s, e, False) for s, e in found.get("RNOUN", ())]
        nouns += [(s, e, True) for s, e in found.get("EMAIL", ()) if _email_is_format(doc, s, e)]
        for start, end, is_email in nouns:
            if start in vetoed or self._past_before(doc, start, all_cues):
                continue
            word = doc[start:end].text.lower()
            if not is_email and not _noun_usable(doc, start, end, word):
                continue
            others = [a for a in audiences if not (a[0] >= start and a[1] <= end)]
            modifier = start > 0 and doc[start - 1].lower_ in lex.SUPPORT_MODIFIERS
            if word in WEAK_NOUNS or word not in STRONG_NOUNS and not is_email:
                # "something", "message", "note": only with an audience and a cue or a length.
                if others and (cues or lengths or modifier or any(_directed_at(doc, a[0]) for a in others)):
                    return True
                continue
            if cues or others or modifier:
                return True
            if _word_count(doc) <= 5:
                return True
        makes = [
            s
            for s in found.get("MAKE", ())
            if s[0] not in vetoed and not self._reported(doc, s[0]) and not self._past_before(doc, s[0], all_cues)
        ]
        if makes and (lengths or any(a[0] > m[0] for a in audiences for m in makes)):
            return True
        if lengths and any(_directed_at(doc, a[0]) for a in audiences):
            return True  # "two lines for the ticket"
        for match_id, start, end in self.frames(doc):
            if self.strings[match_id] == "WHAT":
                if any(a[0] >= end for a in audiences):
                    return True
            elif self._frame_ok(doc, start, end, cues):
                return True
        return False

    def _vetoed_message(self, doc: Doc, found: dict[str, list[tuple[int, int]]]) -> bool:
        """Questions about something else, and thanks with nothing asked."""
        how = _HOW.search(doc.text.lower())
        if how and how.group(1) not in lex.HOW_TELL_VERBS:
            return True
        if doc and doc[0].lower_ in lex.GRATITUDE and not found.get("MAKE") and not found.get("CUE"):
            return True
        return False

    def _reported(self, doc: Doc, start: int) -> bool:
        """'I put a note in CW': a subject right before the verb makes it a report, not a request."""
        return (
            start > 0
            and doc[start - 1].lower_ in lex.SUBJECTS
            and doc[start].lower_ not in lex.MODAL_CUES
            and doc[start : start + 2].text.lower() not in lex.MODAL_CUES
        )

    def _audience_spans(self, doc: Doc, found: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
        spans = [
            s
            for label in ("AUD_NOTES", "AUD_TICKET", "AUD_CLIENT", "AUD_EMAIL")
            for s in found.get(label, ())
            if _slot_ok(doc, *s)
        ]
        return spans + [s for s in found.get("EMAIL", ()) if _email_is_format(doc, *s)]

    def _frame_ok(self, doc: Doc, start: int, end: int, cues: list[tuple[int, int]]) -> bool:
        first = doc[start].lower_
        prev = doc[start - 1].lower_ if start > 0 else ""
        if first in {"summarize", "summarise", "recap", "sum"}:
            after = {t.lower_ for t in doc[end : end + 3]}
            return not after & lex.SUMMARIZE_BLOCK_NEXT and not self._past_before(doc, start, cues)
        if first in {"let", "keep", "loop", "fill", "bring", "update", "updating", "brief", "inform", "notify", "ping"}:
            return prev not in PRONOUNS_BEFORE_LET or any(c[0] < start for c in cues)
        return True

    def _past_before(self, doc: Doc, start: int, cues: list[tuple[int, int]]) -> bool:
        """True when the nearest verb before this word, in its sentence, is a past one."""
        cue_starts = {c[0] for c in cues}
        for i in range(start - 1, -1, -1):
            token = doc[i].lower_
            if token in BOUNDARIES:
                return False
            if i in cue_starts:
                return self._reported(doc, i)
            if token in lex.PAST_VERBS:
                return True
        return False

    # --- slots ---------------------------------------------------------------------------
    def _audience(
        self, doc: Doc, found: dict[str, list[tuple[int, int]]], text: str, names: Iterable[str]
    ) -> Optional[str]:
        present: set[str] = set()
        emails = [(s, e) for s, e in found.get("AUD_EMAIL", ()) if not negated(doc, s)]
        if emails or any(_email_is_format(doc, s, e) and not negated(doc, s) for s, e in found.get("EMAIL", ())):
            present.add("email_draft")
        if any(_slot_ok(doc, s, e) for s, e in found.get("AUD_NOTES", ())):
            present.add("ticket_notes")
        clients = [(s, e) for s, e in found.get("AUD_CLIENT", ()) if _slot_ok(doc, s, e)]
        named = _mentions_name(text, names)
        if clients or named:
            present.add("client_update")
            directed = named or any(_directed_at(doc, s) for s, _ in clients)
            if directed and "email_draft" not in present:
                return "client_update"  # "a note for the client" is for the client
        for audience in AUDIENCE_PRIORITY:
            if audience in present:
                return audience
        return "ticket_notes" if any(not negated(doc, s) for s, _ in found.get("AUD_TICKET", ())) else None

    def _slot(
        self, doc: Doc, found: dict[str, list[tuple[int, int]]], prefix: str, order: tuple[str, ...]
    ) -> Optional[str]:
        hits = {
            value: min((s for s, e in found.get(prefix + value, ()) if _slot_ok(doc, s, e)), default=None)
            for value in order
        }
        present = [(pos, value) for value, pos in hits.items() if pos is not None]
        if not present:
            return None
        if prefix == "LEN_":
            return min(present)[1]  # the first length said wins
        return next(v for v in order if hits[v] is not None)


# Which matcher labels name each audience, to tell when the text takes one back ("no need for internal notes").
_AUDIENCE_CUES = {
    "email_draft": ("AUD_EMAIL", "EMAIL"),
    "ticket_notes": ("AUD_NOTES", "AUD_TICKET"),
    "client_update": ("AUD_CLIENT",),
}


def _positions(found: dict[str, list[tuple[int, int]]], labels: tuple[str, ...]) -> set[int]:
    """The token positions of the matches whose label starts with one of these."""
    return {i for label, spans in found.items() if label.startswith(labels) for s, e in spans for i in range(s, e)}


def _negated_audiences(doc: Doc, found: dict[str, list[tuple[int, int]]]) -> set[str]:
    """The audiences the message names only to refuse them ("not an email", "don't need ticket notes")."""
    refused = set()
    for audience, labels in _AUDIENCE_CUES.items():
        spans = [span for label in labels for span in found.get(label, ())]
        if spans and all(negated(doc, start) for start, _ in spans):
            refused.add(audience)
    return refused
