"""A team's communication template: how updates sound. Defaults as in the brief."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from ..errors import TemplateError
from ..vocabulary import LENGTHS, NOTE_FORMATS, TONES


@dataclass(frozen=True)
class Template:
    """client_tone, client_signoff ('auto' = engineer's name), company in sign-off, notes format, default length."""

    client_tone: str = "professional"
    client_signoff: str = "auto"
    include_company_in_signoff: bool = True
    ticket_notes_format: str = "markdown"
    default_length: str = "detailed"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Template:
        """Build from stored JSON; unknown keys are ignored, a bad value names its field."""
        values = {k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__}
        template = cls(**values)
        for name, allowed in (
            ("client_tone", TONES),
            ("ticket_notes_format", NOTE_FORMATS),
            ("default_length", tuple(LENGTHS)),
        ):
            if getattr(template, name) not in allowed:
                raise TemplateError(f"{name} must be one of: {', '.join(allowed)}.")
        if not isinstance(template.include_company_in_signoff, bool):
            raise TemplateError("include_company_in_signoff must be true or false.")
        if (
            not isinstance(template.client_signoff, str)
            or not template.client_signoff.strip()
            or len(template.client_signoff) > 200
        ):
            raise TemplateError("client_signoff must be 'auto' or a sign-off of at most 200 characters.")
        return template

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
