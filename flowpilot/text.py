"""Text at the edges: whatever arrives (socket frames, forms, JSON bodies, PSA replies) is made storable first."""

from __future__ import annotations

import re
from typing import Any

from flask import request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import BaseConverter, ValidationError

# Ids are 32-bit in the database (PostgreSQL `integer`); anything larger cannot name a row.
MAX_ID = 2**31 - 1


def clean(value: str) -> str:
    """No NUL characters and no lone UTF-16 surrogates (a valid pair becomes its character, a lone one U+FFFD)."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def clean_tree(value: Any) -> Any:
    """clean() every string inside parsed JSON (keys too)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [clean_tree(v) for v in value]
    if isinstance(value, dict):
        return {clean_tree(k): clean_tree(v) for k, v in value.items()}
    return value


def form_filter(value: Any) -> Any:
    """A WTForms filter: clean() submitted text."""
    return clean(value) if isinstance(value, str) else value


def valid_id(value: Any) -> bool:
    """True for an int that can be a database id (not a bool, not out of range)."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID


class IdConverter(BaseConverter):
    """`<id:name>` in a route: a positive database id; anything longer or larger is a 404, never a 500."""

    regex = r"\d{1,10}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not valid_id(number):
            raise ValidationError()
        return number

    def to_url(self, value: Any) -> str:
        return str(int(value))


def clean_request_form() -> None:
    """A before-request hook: every submitted form field is clean() before any view or form reads it."""
    if request.method == "POST" and request.form:
        request.form = ImmutableMultiDict([(k, clean(v)) for k, v in request.form.items(multi=True)])


# A full stop after a title or an abbreviation does not end a sentence ("with Mr. Bramwell's go-ahead").
SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bRev\.)(?<!\bSt\.)(?<!\bFr\.)(?<!approx\.)"
    r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\bv\.)(?<!\bver\.)(?<!\betc\.)(?<!\bno\.)\s+"
)


def sentences(text: str) -> list[str]:
    """Sentences of a short summary, split at full stops that end one."""
    return [part.strip() for part in SENTENCE_END.split(text.strip()) if part.strip()]
