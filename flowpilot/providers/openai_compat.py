"""Any OpenAI-compatible endpoint (OpenAI, Azure, Ollama, vLLM, LM Studio, llama.cpp)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, cast
from urllib.parse import urlsplit

import httpx
import openai
from openai.types.chat import ChatCompletionChunk

from .. import secret_detector
from ..errors import ProviderError
from .base import ChatMessage

log = logging.getLogger(__name__)


class OpenAICompatProvider:
    """Streams chat completions with the official `openai` client."""

    def __init__(self, base_url: str, api_key: str | None, model: str, timeout: float):
        self.model = model
        self.timeout = timeout
        parts = urlsplit(base_url)
        # Only scheme and host go into messages: a URL may carry credentials.
        self.where = f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        # Local servers ignore the key but the client insists on one.
        self.client = openai.OpenAI(base_url=base_url, api_key=api_key or "not-needed", timeout=timeout, max_retries=0)

    def stream_chat(self, messages: list[ChatMessage]) -> Iterator[str]:
        """Yield text chunks; any failure becomes one ProviderError sentence.

        Every prompt passes the secret detector here, at the wire, whoever built it."""
        produced = False
        safe = secret_detector.redact_messages(cast(list[dict[str, str]], messages))
        try:
            # ChatMessage is the same {role, content} shape as openai's message params.
            stream = self.client.chat.completions.create(model=self.model, messages=cast(Any, safe), stream=True)
            finish = None
            for chunk in cast(Iterator[ChatCompletionChunk], stream):
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                finish = choice.finish_reason or finish
                text = choice.delta.content if choice.delta else None
                if text:
                    produced = True
                    yield text
        except openai.APIError as exc:
            raise ProviderError(self._explain(exc)) from exc
        except httpx.HTTPError as exc:
            # Errors while reading the stream can surface from httpx directly.
            log.warning("LLM stream broke: %s", type(exc).__name__)
            raise ProviderError(f"The AI model's answer was cut off ({type(exc).__name__}); try again.") from exc
        if not produced:
            raise ProviderError("The AI model returned an empty answer; try again.")
        if finish is None:
            raise ProviderError("The AI model's answer was cut off before it finished; try again.")

    def _explain(self, exc: openai.APIError) -> str:
        """Turn an openai exception into one sentence a user can act on."""
        log.warning("LLM call failed: %s", type(exc).__name__)
        if isinstance(exc, openai.APITimeoutError):
            return f"The AI model did not answer within {self.timeout:g} seconds; try again."
        if isinstance(exc, openai.APIConnectionError):
            return (
                f"Could not reach the AI model at {self.where}; "
                "check that it is running and FLOWPILOT_LLM_BASE_URL is right."
            )
        if isinstance(exc, openai.RateLimitError):
            return "The AI provider is rate-limiting requests; wait a minute and try again."
        if isinstance(exc, openai.AuthenticationError):
            return "The AI provider refused the API key; check FLOWPILOT_LLM_API_KEY."
        if isinstance(exc, openai.NotFoundError):
            return f"The AI provider does not know the model '{self.model}'; check FLOWPILOT_LLM_MODEL."
        if isinstance(exc, openai.InternalServerError):
            return "The AI provider had a server error; try again in a moment."
        if isinstance(exc, openai.APIStatusError):
            return f"The AI provider returned an error (HTTP {exc.status_code}); try again."
        return "The AI model's answer was cut off; try again."
