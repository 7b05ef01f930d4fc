"""The one secret detector. Every text that leaves FlowPilot (updates, prompts, PSA posts, notifications,
logs) goes through redact(); the engineer's own chat messages are kept as typed.

Invisible characters (zero-width spaces and the like) are ignored while matching, so a secret with one
hidden inside is still found, and the span removed includes them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import secret_patterns as data

REDACTED = "[redacted]"
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)
_NOT_WORDS = r"(?:" + "|".join(re.escape(w) for w in sorted(data.NOT_SECRET_WORDS, key=len, reverse=True)) + r")"
_QUOTED = r"[\"“'‘`](?P<qvalue>[^\"”'’`\n]{3,100})[\"”'’`]"
_BARE = r"(?P<value>(?!" + _NOT_WORDS + r"(?![^\s\"',;<>)]))[^\s\"',;<>()]{3,})"
_SUBJECT = data.SUBJECT
_STATE = r"(?:\s+(?:was|has been|is|got|now|will be))?(?:\s+(?:changed|reset|set|updated|rotated|temporarily set))?"
# Keys that are always made of digits or groups with digits (a BitLocker recovery key, a licence or product key).
_KEY_LABEL = re.compile(
    r"(?i)(?:recovery[ -](?:key|password)|bitlocker(?: recovery)?(?: key)?|licen[cs]e[ -]key|product[ -]key|"
    r"serial[ -]key|activation[ -]key|cd[ -]key)\b"
)
# "user / pass: bob / X" is a pair (its own pattern), not "pass: bob".
_LABELLED = re.compile(
    r"(?i)(?<![\w-])(?<!/)(?<!/ )(?:"
    + data.PASSWORD_LABELS
    + r")"
    + _SUBJECT
    + _STATE
    + data.CONNECTOR
    + r"(?:"
    + _QUOTED
    + r"|"
    + _BARE
    + r")"
)
# A quoted passphrase needs no connector: 'passphrase "orbit lantern seven maple"'.
_LABELLED_QUOTED = re.compile(r"(?i)(?<![\w-])(?:" + data.PASSWORD_LABELS + r")" + _SUBJECT + r"\s*:?\s*" + _QUOTED)
# No connector ("pw Hunter22!"): the value must look like one (digits or symbols or mixed case).
_LABELLED_BARE = re.compile(
    r"(?i)(?<![\w-])(?:" + data.PASSWORD_LABELS + r")" + _SUBJECT + r"\s+(?P<value>(?=\S*\d)[^\s\"',;<>()]{6,})"
)
# The value after a colon further on in the label's sentence ("the job pw is in their doc too: Hx7-River-88"):
# it must have a letter and a digit and be 8 characters or more.
_LABELLED_LATE = re.compile(
    r"(?i)(?<![\w-])(?:" + data.PASSWORD_LABELS + r")\b[^.:;\n]{0,60}?:\s+"
    r"(?P<value>(?=\S*\d)(?=\S*[A-Za-z])[^\s\"',;<>()]{8,})"
)
_CODE = re.compile(
    r"(?i)(?<![\w-])"
    + data.CODE_LABELS
    + data.SUBJECT
    + r"(?:\s*(?P<conn>[:=#]|->|\bis\b|\bwas\b|\bset to\b|\bchanged to\b|\bto\b))?\s*"
    r"(?P<value>\d{2,4}(?:[ -]\d{2,4}){1,3}|\d{3,10})(?![\w.-]*\w)"
)
# Every label in PASSWORD_LABELS and CODE_LABELS contains one of these (a cheap test before the long patterns).
# Every secret pattern needs a digit or one of these characters, or a label word (below).
_MAYBE_SECRET = re.compile(r"[\d!@#$%^&*+=?~_/:\\-]")
# Words one of the label patterns needs: substring tests on the lowered text are much cheaper than one more regex.
_LABEL_HINTS = (
    "pass",
    "pw",
    "p/w",
    "psk",
    "shared",
    "secret",
    "token",
    "key",
    "comm",
    "wifi",
    "wi-fi",
    "wpa",
    "recovery",
    "bitlocker",
    "licen",
    "seed",
    "admin",
    "laps",
    "tap",
    "serial",
    "activation",
)
_CODE_HINT = re.compile(r"(?i)pin|code|otp")
_NOT_CODE = re.compile(r"(?i)(?:\b(?:" + data.NOT_CODE_BEFORE + r"))\s*$")
# A plain "code" in a sentence about an error is the error's code: "Unable to connect (code 1042)".
_ERROR_CLAUSE = re.compile(r"(?i)\b(?:error|fail\w*|exception|status|exit|http|smtp|event|crash\w*)\b[^.!?\n]{0,60}$")
_SHAPE_TOKEN = re.compile(r"(?<![^\s\"'(])[^\s,;\"'()<>]{8,64}(?=[\s,;\"')<>]|$)")
_PATTERNS = [(family, re.compile(pattern)) for family, pattern in data.PATTERNS]
# Things a bare value can look like without being a secret.
_REFERENCE = re.compile(
    r"(?i)^(?:\d{1,3}(?:\.\d{1,3}){3}(?:/\d+|:\d+)?|0x[0-9a-f]+|kb\d+|cve-[\d-]+|v?\d+(?:\.\d+)+\w*|"
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|https?://\S+|[a-z]:\\\S*|\\\\\S+|"
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\d+(?:gb|mb|kb|tb|ms|s|m|h|d|%)|#?\d{1,6}|[A-Z]{2,}-\d+)$"
    r"|^(?-i:[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)$"  # host names such as DESKTOP-7K2JQ
)


@dataclass(frozen=True)
class Secret:
    """Where a secret is in the text (start, end), what family it belongs to, and its text."""

    start: int
    end: int
    family: str
    text: str


def find(text: str) -> tuple[Secret, ...]:
    """Every secret in the text, in order, without overlaps (what was already redacted is not one again)."""
    if not text:
        return ()
    done = [(m.start(), m.end()) for m in re.finditer(re.escape(REDACTED), text)]
    return tuple(s for s in _find(text) if not any(a < s.end and s.start < b for a, b in done))


def has_secret(text: str) -> bool:
    """True when anything secret-shaped is in the text."""
    return bool(find(text))


def values(text: str) -> list[str]:
    """The secrets' texts, as they appear."""
    return [s.text for s in find(text)]


def redact(text: str, replacement: str = REDACTED) -> str:
    """The text with every secret replaced (the labels stay, so "pw is [redacted]" still reads)."""
    found = find(text)
    for secret in reversed(found):
        text = text[: secret.start] + replacement + text[secret.end :]
    return text


def redact_messages(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    """A prompt with every message's content redacted (what an LLM provider receives)."""
    return [{**m, "content": redact(str(m.get("content", "")))} for m in messages]


@lru_cache(maxsize=8192)
def _find(text: str) -> tuple[Secret, ...]:
    visible, where = _visible(text)
    lowered = visible.lower()
    labelled = any(hint in lowered for hint in _LABEL_HINTS)  # the label patterns are long: skip them if no label
    if not labelled and not _MAYBE_SECRET.search(visible):
        return ()  # plain words only, and no label that could introduce a passphrase: nothing can be secret here
    spans: list[tuple[int, int, str]] = []

    def take(start: int, end: int, family: str) -> None:
        while end > start and visible[end - 1] in ".,;:)]}>!?" and not _keeps_tail(visible[start:end]):
            end -= 1
        if end - start >= 3 and not any(s < end and start < e for s, e, _ in spans):
            spans.append((start, end, family))

    for family, pattern in _PATTERNS:
        for match in pattern.finditer(visible):
            group = "value" if "value" in pattern.groupindex and match.group("value") else 0
            take(*match.span(group), family)
    for match in _LABELLED.finditer(visible) if labelled else ():
        group = "qvalue" if match.group("qvalue") else "value"
        weak = match.group("conn").lower() in data.WEAK_CONNECTORS
        if weak and group == "value" and not re.search(r"\d|[!@#$%^&*+=?~]", match.group(group).rstrip(".,;:!?")):
            continue
        if group == "value" and _KEY_LABEL.match(match.group(0)) and not re.search(r"\d", match.group(group)):
            continue  # "bitlocker = recovery prompt": a recovery, licence or product key always holds digits
        take(*match.span(group), "password_label")
    for match in _LABELLED_QUOTED.finditer(visible) if labelled else ():
        take(*match.span("qvalue"), "passphrase_quoted")
    for match in _LABELLED_LATE.finditer(visible) if labelled else ():
        value = match.group("value").rstrip(".,;:")
        if not _REFERENCE.match(value) and not re.match(r"(?i)https?:|\\\\|[a-z]:\\", value):
            take(*match.span("value"), "password_label")
    for match in _LABELLED_BARE.finditer(visible) if labelled else ():
        if not _REFERENCE.match(match.group("value").rstrip(".,;:")):
            take(*match.span("value"), "password_label")
    for match in _CODE.finditer(visible) if _CODE_HINT.search(visible) else ():
        before = visible[: match.start()]
        plain = not match.group("kind") and match.group("label").lower() == "code"
        if _NOT_CODE.search(before) or plain and (not match.group("conn") or _ERROR_CLAUSE.search(before)):
            continue
        take(*match.span("value"), "one_time_code")
    for match in _SHAPE_TOKEN.finditer(visible):
        if _looks_like_password(match.group(0)):
            take(*match.span(), "password_shape")
    spans.sort()
    return tuple(
        Secret(where[s], where[e - 1] + 1, family, text[where[s] : where[e - 1] + 1]) for s, e, family in spans
    )


def _visible(text: str) -> tuple[str, list[int]]:
    """The text without invisible characters, and each visible character's index in the original."""
    if not INVISIBLE.search(text):
        return text, list(range(len(text)))
    where = [i for i, c in enumerate(text) if not INVISIBLE.match(c)]
    return "".join(text[i] for i in where), where


def _keeps_tail(value: str) -> bool:
    """Passwords often end in '!' or '?': keep it unless it plainly ends the sentence ('…is X.')."""
    return value[-1] in "!?" and any(c.isdigit() for c in value)


def _looks_like_password(token: str) -> bool:
    """A password pasted with no label: letters, a digit and a symbol, and not a path, address or reference."""
    token = token.strip(".*")
    # the character checks first: they are cheap and rule out nearly every token
    if len(token) < 8 or not any(c in "!@#$%^&*+=?~" for c in token) or not any(c.isdigit() for c in token):
        return False
    if not any(c.isalpha() for c in token):
        return False
    if any(c in token for c in "\\/:") or token.startswith(("http", "0x", "#")) or _REFERENCE.match(token):
        return False
    return not re.match(r"^[A-Za-z_][\w .-]*=", token)  # key=value settings: the labelled patterns judge the value


def install_log_redaction() -> None:
    """Every log record, from any logger, is made with its secrets redacted (a message may quote chat text)."""
    make = logging.getLogRecordFactory()
    if getattr(make, "redacts", False):
        return

    def redacting(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string is the logging module's to report
            return record
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return record

    redacting.redacts = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(redacting)
