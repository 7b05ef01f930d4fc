"""LLM providers: build the configured one, or None when no LLM is set up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from .base import Provider


def build_provider(config: Mapping[str, Any]) -> Optional[Provider]:
    """Return the OpenAI-compatible provider if FLOWPILOT_LLM_BASE_URL is set."""
    if not config.get("LLM_BASE_URL"):
        return None
    from .openai_compat import OpenAICompatProvider

    return OpenAICompatProvider(
        base_url=config["LLM_BASE_URL"],
        api_key=config.get("LLM_API_KEY"),
        model=config["LLM_MODEL"],
        timeout=float(config["LLM_TIMEOUT"]),
    )
