"""When a step is due, as the engineer typed it ('tmrw 2pm', 'fri pm', 'by 10am tomorrow') and as it is said to a
client ('tomorrow at 2pm', 'Friday afternoon')."""

from __future__ import annotations

import re

from .voice import DAYS

_DAY = r"(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day)?"
_CLOCK = r"\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)|\d{1,2}:\d{2}|(?:12\s+|twelve\s+)?noon|midday"
_PART = (
    rf"(?:by|at|after|before|from|around|till|until|on|first thing)?\s*(?:{_CLOCK})|"
    rf"(?:on\s+|by\s+|this\s+|next\s+)?{_DAY}(?:\s+(?:morning|afternoon|evening|night|eod|am|pm))?|"
    r"(?:by\s+)?(?:tomorrow|tmrw|tmr|tmw|tomoz)(?:\s+(?:morning|afternoon|evening|night|am|pm))?|"
    r"tonight|tonite|(?:by\s+)?(?:end of (?:the )?(?:day|week)|eod|cob)|later today|"
    r"(?:by\s+|later\s+)?this\s+(?:morning|afternoon|evening)|(?:by\s+|later\s+)?today|"
    r"(?:at\s+|to\s+|by\s+|in\s+)?next (?:week|month)(?:'s \w+)?|within (?:the hour|\d+ ?(?:hours?|days?|mins?))|"
    r"in \d+ ?(?:hours?|days?|mins?|minutes?)"
)
WHEN = re.compile(rf"(?i)(?<![\w'])(?:{_PART})(?:[\s,]*(?:at\s+|by\s+|after\s+)?(?:{_PART}))*(?![\w'])")
# A time the engineer is not sure of ("tentatively tomorrow 3pm"): said as provisional.
HEDGE = re.compile(r"(?i)\b(?:tentative(?:ly)?|provisional(?:ly)?|hopefully|pencil(?:led)? in|aim(?:ing)? for)\b")


def spoken_when(text: str) -> str:
    """A typed time as it is said ('tmrw 2pm' → 'tomorrow at 2pm', 'fri pm' → 'Friday afternoon')."""
    said = re.sub(r"(?i)\b(?:tmrw|tmr|tmw|tomoz)\b", "tomorrow", text.strip(" ,"))
    said = re.sub(r"(?i)\btonite\b", "tonight", said)
    said = re.sub(rf"(?i)\b({_DAY})\b", lambda m: DAYS.get(m.group(1).lower(), m.group(1).capitalize()), said)
    said = re.sub(
        r"(?i)\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|tomorrow) pm\b", r"\1 afternoon", said
    )
    said = re.sub(
        r"(?i)\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|tomorrow) am\b", r"\1 morning", said
    )
    said = re.sub(
        r"(?i)\b(tomorrow|today|tonight|day|morning|afternoon|[a-z]+day)\s+(\d{1,2}(?::\d{2})?\s*(?:am|pm))",
        r"\1 at \2",
        said,
    )
    return re.sub(r"(?i)^(\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)(?=$|\s)", r"at \1", said)
