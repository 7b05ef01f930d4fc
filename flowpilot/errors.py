"""Errors whose message is safe to show a user as it is."""


class FlowPilotError(Exception):
    """Base class: str(error) is one sentence a person understands."""


class ProviderError(FlowPilotError):
    """The LLM provider failed; the message says what to do."""


class TranscriptError(FlowPilotError):
    """A transcript file could not be read."""


class PSAError(FlowPilotError):
    """The PSA (ConnectWise) failed; the message says what to check, never a key."""
