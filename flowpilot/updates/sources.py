"""Where each sentence of an update came from: the composers note it as they write, the pipeline keeps it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Optional

_found: ContextVar[Optional[list[dict[str, Any]]]] = ContextVar("update_sources", default=None)


@contextmanager
def collecting() -> Iterator[list[dict[str, Any]]]:
    """Collect, for the update written inside, each sentence and the messages (transcript indices) it came from."""
    found: list[dict[str, Any]] = []
    token = _found.set(found)
    try:
        yield found
    finally:
        _found.reset(token)


def note(text: str, messages: Sequence[int]) -> None:
    """Record that this sentence came from these messages (nothing happens outside collecting())."""
    found = _found.get()
    if found is not None and messages and text.strip():
        found.append({"text": text.strip(), "messages": sorted(set(messages))})


def with_step_ids(found: list[dict[str, Any]], transcript: dict[str, Any]) -> list[dict[str, Any]]:
    """Add the stored steps' ids when the transcript came from the database (its messages carry step_id)."""
    messages = transcript.get("messages") or []
    out = []
    for item in found:
        ids = [messages[i].get("step_id") for i in item["messages"] if i < len(messages)]
        out.append({**item, "step_ids": [i for i in ids if i is not None]} if any(ids) else item)
    return out
