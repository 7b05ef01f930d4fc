"""Every error a person may see: str(error) is one sentence that is safe to show as it is.

Anything that is not a FlowPilotError is logged and the user gets a generic line instead.
"""

PSA_NOT_CONNECTED = "Connect ConnectWise in Settings → PSA first (an admin can do this)."
LLM_NOT_CONFIGURED = (
    "No AI model is set up: set FLOWPILOT_LLM_BASE_URL (and FLOWPILOT_LLM_MODEL, "
    "FLOWPILOT_LLM_API_KEY as your provider requires)."
)


class FlowPilotError(Exception):
    """Base class: str(error) is one sentence a person understands."""


class ProviderError(FlowPilotError):
    """The LLM provider failed, or said nothing usable; the message says what to do."""


class TranscriptError(FlowPilotError):
    """A transcript file could not be read."""


class TemplateError(FlowPilotError):
    """A communication-template setting with a value we do not know; the message names the field."""


class ActionError(FlowPilotError):
    """A session action (pause, resolve, escalate, an update request) that cannot be done as asked."""


class TooEarly(ActionError):
    """An open session has too little in it for a useful update yet."""


class NothingNew(ActionError):
    """Nothing has happened since the last update to this audience: no filler is written unless asked."""


class ReminderError(FlowPilotError):
    """A reminder that can't be set as asked."""


class AccountError(FlowPilotError):
    """A user or account could not be created as asked."""


class PSAError(FlowPilotError):
    """The PSA (ConnectWise) failed; the message says what to check, never a key."""


class PSANotFound(PSAError):
    """ConnectWise has no such ticket (or resource)."""


class NotConfigured(FlowPilotError):
    """An integration is not set up; the message names the setting to add."""


class PSANotConnected(NotConfigured, PSAError):
    """ConnectWise is not connected for this account."""

    def __init__(self, message: str = PSA_NOT_CONNECTED) -> None:
        super().__init__(message)


class LLMNotConfigured(NotConfigured):
    """An LLM was asked for but none is configured."""

    def __init__(self, message: str = LLM_NOT_CONFIGURED) -> None:
        super().__init__(message)
