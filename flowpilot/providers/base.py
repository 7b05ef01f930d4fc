"""The provider interface every LLM backend implements."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, TypedDict


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
