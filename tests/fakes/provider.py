"""FakeProvider: an in-memory LLM provider for turn-level tests (the HTTP-level fake is openai_server.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Optional

from flowpilot.errors import ProviderError
from flowpilot.providers.base import ChatMessage


class FakeProvider:
    """Replays chunks, then optionally fails; keeps every prompt it was sent."""

    model = "fake"

    def __init__(self, chunks: list[str], fail_after: Optional[int] = None) -> None:
        self.chunks, self.fail_after = chunks, fail_after
        self.prompts: list[list[ChatMessage]] = []

    def stream_chat(self, messages: list[ChatMessage]) -> Iterator[str]:
        self.prompts.append(messages)
        for i, chunk in enumerate(self.chunks):
            if i == self.fail_after:
                raise ProviderError("The AI model's answer was cut off before it finished; try again.")
            yield chunk
