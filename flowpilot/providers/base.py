"""The provider interface every LLM backend implements."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Protocol, TypedDict

_SENTENCE_END = re.compile(r"(?<=[.!?\n])(?=\s)")


class ChatMessage(TypedDict):
    """One message in OpenAI chat format."""

    role: str
    content: str


class Provider(Protocol):
    """Streams a chat completion; raises ProviderError with a user-safe message."""

    model: str

    def stream_chat(self, messages: list[ChatMessage]) -> Iterator[str]:
        """Yield the reply's text chunks as they arrive."""
        ...


def sentences(chunks: Iterable[str]) -> Iterator[str]:
    """A streamed answer regrouped a sentence at a time (each keeps the whitespace before it), so it can be
    checked before it is shown."""
    pending = ""
    for chunk in chunks:
        pending += chunk
        *complete, pending = _SENTENCE_END.split(pending)
        yield from complete
    if pending:
        yield pending
