"""Recognise "quick update for the client" in chat: intent and its audience, length, context."""
from __future__ import annotations

import re
from typing import Iterable, NamedTuple, Optional

import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from . import intent_lexicon as lex

AUDIENCE_PRIORITY = ("email_draft", "ticket_notes", "client_update")
CONTEXT_PRIORITY = ("escalation", "resolution", "progress")
UPDATE_WORDS = {"update", "updates", "upate", "udpate", "updte", "updat"}
STRONG_NOUNS = UPDATE_WORDS | {"summary", "summery", "sumary", "recap", "sitrep", "write-up",
                               "writeup", "write up", "rundown", "run-down", "tl;dr", "tldr",
                               "status report", "progress report"}
WEAK_NOUNS = {"something", "message", "msg", "draft", "blurb", "one-liner", "one liner"}
BOUNDARIES = {".", "!", "?", ";", "\n", "\n\n"}
PRONOUNS_BEFORE_LET = {"i", "we", "already", "just", "they", "he", "she", "you"}
DIRECTED = {"for", "to"}
DETERMINERS = {"the", "our", "my", "this", "that", "a", "an", "their"}
_LOG_LINE = re.compile(
    r"^\s*(\[?\d{4}-\d{2}-\d{2}|\[?\d{1,2}/\d{1,2}/\d{2,4}\s+\d|\[?\d{2}:\d{2}:\d{2}|"
    r"\[?(ERROR|WARN|WARNING|FATAL|CRITICAL|INFO|DEBUG|TRACE)\b|Traceback|PS [A-Za-z]:\\|"
    r"[A-Za-z]:\\[^ ]*>|\$ \w|at [\w.$<>]+\(|Exception\b|Log Name:|Event ?ID:?\s*\d|Source:|"
    r"\w+Exception:|\d{3} \d\.\d\.\d)", re.MULTILINE)


class Intent(NamedTuple):
    """A request for a status update and the slots its text states (None = not stated)."""

    audience: Optional[str]
    length: Optional[str]
    context: Optional[str]


def looks_like_log(text: str) -> bool:
    """Pasted logs and error output are data, never requests."""
    return bool(_LOG_LINE.search(text))


class IntentDetector:
    """spaCy blank English + PhraseMatcher/Matcher rules from `intent_lexicon`; build once."""

    def __init__(self) -> None:
        self.nlp = spacy.blank("en")
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        groups = {
            "RNOUN": lex.REQUEST_NOUNS, "EMAIL": lex.EMAIL_WORDS, "CUE": lex.REQUEST_CUES,
            "VETO": lex.NOUN_VETO_PHRASES, "AUD_NOTES": lex.AUDIENCE_NOTES,
            "AUD_TICKET": lex.AUDIENCE_TICKET, "AUD_CLIENT": lex.AUDIENCE_CLIENT,
            "AUD_EMAIL": lex.AUDIENCE_EMAIL_ALWAYS,
            **{f"LEN_{k}": v for k, v in lex.LENGTHS.items()},
            **{f"CTX_{k}": v for k, v in lex.CONTEXTS.items()},
        }
        for label, words in groups.items():
            self.phrases.add(label, [self.nlp.make_doc(w) for w in words])
        self.frames = Matcher(self.nlp.vocab)
        self.frames.add("TELL", lex.TELL_PATTERNS)
        self.strings = self.nlp.vocab.strings

    def detect(self, text: str, names: Iterable[str] = ()) -> Optional[Intent]:
        """The update request in this chat message, or None if it is not one."""
        if not text or not text.strip() or looks_like_log(text):
            return None
        doc = self.nlp.make_doc(text)
        found: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in self.phrases(doc):
            found.setdefault(self.strings[match_id], []).append((start, end))
        if not self._is_request(doc, found):
            return None
        return Intent(self._audience(doc, found, text, names), self._slot(doc, found, "LEN_", ("quick", "detailed")),
                      self._slot(doc, found, "CTX_", CONTEXT_PRIORITY))

    # --- the request ---------------------------------------------------------------------
    def _is_request(self, doc: Doc, found: dict[str, list[tuple[int, int]]]) -> bool:
        vetoed = {i for start, end in found.get("VETO", ()) for i in range(start, end)}
        cues = [s for s in found.get("CUE", ()) if s[0] not in vetoed]
        audiences = [s for label in ("AUD_NOTES", "AUD_TICKET", "AUD_CLIENT", "AUD_EMAIL")
                     for s in found.get(label, ())]
        nouns = [(s, e, False) for s, e in found.get("RNOUN", ())]
        nouns += [(s, e, True) for s, e in found.get("EMAIL", ()) if _email_is_format(doc, s, e)]
        for start, end, is_email in nouns:
            if start in vetoed or self._past_before(doc, start, cues):
                continue
            word = doc[start:end].text.lower()
            if not is_email and not _noun_usable(doc, start, end, word):
                continue
            others = [a for a in audiences if not (a[0] >= start and a[1] <= end)]
            has_cue = bool(cues)
            modifier = start > 0 and doc[start - 1].lower_ in lex.SUPPORT_MODIFIERS
            if word in WEAK_NOUNS:
                if has_cue and others:
                    return True
                continue
            if has_cue or others or modifier or is_email and has_cue:
                return True
            if word in STRONG_NOUNS and _word_count(doc) <= 5:
                return True
        for _, start, end in self.frames(doc):
            if self._frame_ok(doc, start, end, cues):
                return True
        return False

    def _frame_ok(self, doc: Doc, start: int, end: int, cues: list[tuple[int, int]]) -> bool:
        first = doc[start].lower_
        prev = doc[start - 1].lower_ if start > 0 else ""
        if first in {"summarize", "summarise", "recap", "sum"}:
            after = {t.lower_ for t in doc[end:end + 3]}
            return not after & lex.SUMMARIZE_BLOCK_NEXT and not self._past_before(doc, start, cues)
        if first in {"let", "keep", "loop", "fill", "bring", "update", "updating", "brief",
                     "inform", "notify", "ping"}:
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
                return False
            if token in lex.PAST_VERBS:
                return True
        return False

    # --- slots ---------------------------------------------------------------------------
    def _audience(self, doc: Doc, found: dict[str, list[tuple[int, int]]], text: str,
                  names: Iterable[str]) -> Optional[str]:
        present: set[str] = set()
        if found.get("AUD_EMAIL") or any(_email_is_format(doc, s, e) for s, e in found.get("EMAIL", ())):
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
        return "ticket_notes" if found.get("AUD_TICKET") else None

    def _slot(self, doc: Doc, found: dict[str, list[tuple[int, int]]], prefix: str,
              order: tuple[str, ...]) -> Optional[str]:
        hits = {value: min((s for s, e in found.get(prefix + value, ()) if _slot_ok(doc, s, e)), default=None)
                for value in order}
        present = [(pos, value) for value, pos in hits.items() if pos is not None]
        if not present:
            return None
        if prefix == "LEN_":
            return min(present)[1]  # the first length said wins
        return next(v for v in order if hits[v] is not None)


def _directed_at(doc: Doc, start: int) -> bool:
    """'for the client' / 'to the customer': the text is addressed to them."""
    before = [t.lower_ for t in doc[max(0, start - 2):start]]
    if before and before[-1] in DETERMINERS:
        before = before[:-1]
    return bool(before) and before[-1] in DIRECTED


def _word_count(doc: Doc) -> int:
    return sum(1 for t in doc if not t.is_punct and not t.is_space)


def _email_is_format(doc: Doc, start: int, end: int) -> bool:
    """'draft an email' is the format; 'the email issue' or 'external mail' is the topic."""
    nxt = doc[end].lower_ if end < len(doc) else ""
    prev = doc[start - 1].lower_ if start > 0 else ""
    if nxt in lex.EMAIL_TOPIC_NEXT or prev in lex.EMAIL_TOPIC_PREV:
        return prev in {"an", "a", "the"} and nxt in {"", "to", "for", "?", ".", "!", ",", "with"} \
            and prev != "the"
    return True


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
    """A slot word not blocked by its neighbours ('mailbox full', 'screen resolution')."""
    word = doc[start:end].text.lower()
    prev = doc[start - 1].lower_ if start > 0 else ""
    nxt = doc[end].lower_ if end < len(doc) else ""
    return prev not in lex.SLOT_BLOCKERS_PREV.get(word, ()) and nxt not in lex.SLOT_BLOCKERS_NEXT.get(word, ())


def _mentions_name(text: str, names: Iterable[str]) -> bool:
    """The client's company or contact named in the text ('update for Acme', 'tell Dana')."""
    lowered = text.lower()
    for name in names:
        for part in {name.strip().lower(), *(name.strip().lower().split()[:1])}:
            if len(part) >= 3 and re.search(rf"\b{re.escape(part)}\b", lowered):
                return True
    return False
