"""Lines that are never a request for an update, whatever the classifier says: pasted logs, news under an
"update:" label, other writing, updates put off or asked about, and someone else's words in quotes; and whether a
text names a recipient outside the MSP. Patterns are data in intent_lexicon."""

from __future__ import annotations

import re
from typing import Optional

from wordfreq import zipf_frequency

from . import intent_lexicon as lex

_LOG_LINE = re.compile(
    r"^\s*(\[?\d{4}-\d{2}-\d{2}|\[?\d{1,2}/\d{1,2}/\d{2,4}\s+\d|\[?\d{2}:\d{2}:\d{2}|"
    r"\[?(ERROR|WARN|WARNING|FATAL|CRITICAL|INFO|DEBUG|TRACE)\b|Traceback|PS [A-Za-z]:\\|"
    r"[A-Za-z]:\\[^ ]*>|\$ \w|at [\w.$<>]+\(|Exception\b|Log Name:|Event ?ID:?\s*\d|Source:|"
    r"\w+Exception:|\d{3} \d\.\d\.\d)",
    re.MULTILINE,
)


def looks_like_log(text: str) -> bool:
    """Pasted logs and error output are data, never requests."""
    return bool(_LOG_LINE.search(text))


_RECIPIENT = re.compile(lex.RECIPIENT_BEFORE + r"([A-Za-z][\w&'.-]*)")


def named_recipient(text: str) -> bool:
    """'update for Oakfield Dental', 'write Dr Salazar an update': someone named, outside the MSP (the client);
    not a colleague taking over ('handover for tomasz') nor the next tier ('tier', 'vendor' name no one)."""
    if re.search(lex.COLLEAGUE_CUES, text):
        return False
    return any(
        _a_name(m.group(1)) and not re.match(r"(?i)\s+(?:tier|t[23]\b|l[23]\b|support|helpdesk)", text[m.end() :])
        for m in _RECIPIENT.finditer(text)
    )  # "escalation to Datto tier 3" goes to the vendor's next tier, not the client


def _a_name(word: str) -> bool:
    """A word that can name a recipient: capitalised as typed, or too rare to be an everyday word ('update pls',
    'write up' and 'for me' name no one; 'update for brightwater' does)."""
    if word.lower() in lex.NOT_RECIPIENTS:
        return False
    return word[:1].isupper() or zipf_frequency(word.lower(), "en") < 3.5


_OTHER_WRITING = re.compile(lex.OTHER_WRITING)
_STATEMENT = re.compile(lex.STATEMENT)
DECLINED = re.compile(lex.DECLINED)
_PUT_OFF = re.compile(lex.PUT_OFF)
# Someone else's words in quotes (an apostrophe inside a word opens none); bounded, so it cannot backtrack long.
_QUOTE = re.compile(r"(?<![\w])['\"“‘]([^'\"”’\n]{1,200}?)['\"”’](?![\w])")


def unquoted(text: str) -> Optional[str]:
    """The text without quoted words of three or more ('her email: "please keep us updated"'), or None if none."""
    spans = [m for m in _QUOTE.finditer(text) if len(m.group(1).split()) >= 3]
    if not spans:
        return None
    for match in reversed(spans):
        text = text[: match.start()] + " " + text[match.end() :]
    return text


_OTHER_DOC = re.compile(lex.OTHER_DOCUMENTS)
_DRAFT_IT = re.compile(
    r"(?i)\b(?:draft|write|prepare|do|put together|knock up|throw together)\s+(?:it|that|this|one)\b(?!\s+up\b)"
)


def vetoed(text: str) -> bool:
    """News under an "update:" label, other writing ("write an email template", "we need a statement of work …
    can you draft it"), or an update put off or asked about: not a request."""
    if _OTHER_DOC.search(text) and _DRAFT_IT.search(text):
        return True
    return bool(_STATEMENT.match(text) or _OTHER_WRITING.search(text) or _PUT_OFF.search(text))
