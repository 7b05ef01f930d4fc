"""The product's words, once: audiences, lengths, contexts, statuses. Python, templates and the browser read these."""

from __future__ import annotations

from typing import Any

# value → what the option cards, the chat choices, the sidebar and the email subject show.
AUDIENCES: dict[str, dict[str, str]] = {
    "ticket_notes": {"label": "Ticket Notes", "description": "Technical, for your PSA", "icon": "clipboard"},
    "client_update": {"label": "Client Update", "description": "Professional, non-technical", "icon": "user"},
    "email_draft": {"label": "Email Draft", "description": "Full email with subject line and sign-off", "icon": "mail"},
    "client_questions": {
        "label": "Ask the Client",
        "description": "Numbered questions: approvals, tasks, answers we need",
        "icon": "help",
    },
}
CLIENT_AUDIENCES = ("client_update", "email_draft", "client_questions")
ONE_LENGTH = ("client_questions",)  # written one way: no Quick or Detailed to choose
LENGTHS: dict[str, dict[str, str]] = {
    "quick": {"label": "Quick", "description": "1-2 sentences, just the essentials"},
    "detailed": {"label": "Detailed", "description": "Full breakdown with steps and findings"},
}
CONTEXTS: dict[str, dict[str, str]] = {
    "progress": {"label": "Progress", "subject": "Update"},
    "resolution": {"label": "Resolution", "subject": "Resolved"},
    "escalation": {"label": "Escalation", "subject": "Escalated to a specialist"},
}
TONES = ("professional", "friendly", "formal")
NOTE_FORMATS = ("markdown", "plain")

# Session statuses, and what each means for updates.
STATUSES = ("active", "paused", "resolved", "escalated")
OPEN_STATUSES = ("active", "paused")
CONTEXT_OF_STATUS = {"active": "progress", "paused": "progress", "resolved": "resolution", "escalated": "escalation"}
OUTCOME_OF_STATUS = {"active": "in_progress", "paused": "in_progress", "resolved": "resolved", "escalated": "escalated"}
CONTEXT_OF_OUTCOME = {"in_progress": "progress", "resolved": "resolution", "escalated": "escalation"}
# An open session needs this many engineer messages answered by FlowPilot before an update makes sense.
MIN_EXCHANGES = 2
# The longest chat message, in characters (a frame past 64 KiB is refused by the socket itself).
MAX_MESSAGE_CHARS = 8000

# Where Post to Ticket puts an update: ticket notes stay internal, client text is customer-visible,
# and once resolved it becomes the ticket's resolution.
NOTE_KINDS: dict[str, dict[str, Any]] = {
    "internal": {"label": "internal note", "customer_visible": False},
    "discussion": {"label": "customer-visible discussion note", "customer_visible": True},
    "resolution": {"label": "resolution note", "customer_visible": True},
}
# ConnectWise's billable options for a time entry, as the Post to Ticket dialog and PSA settings name them.
BILLABLE: dict[str, str] = {
    "Billable": "Billable",
    "DoNotBill": "Do not bill",
    "NoCharge": "No charge",
    "NoDefault": "Board default",
}
# Until the admin says otherwise: notes are the work (billable); a client update is talk about it (do not bill).
DEFAULT_BILLABLE = {
    "ticket_notes": "Billable",
    "client_update": "DoNotBill",
    "email_draft": "DoNotBill",
    "client_questions": "DoNotBill",
}
# The parts of one Post to Ticket, in the order they are posted, as a failure names them.
POST_PARTS = {"note": "the note", "time": "the time entry", "status": "the status change"}
# Refine: a new version of the same update. `instruction` goes to an LLM; `words` typed in the chat right
# after an update ask for it; `client_only` ones change tone or wording that ticket notes do not have.
REFINES: dict[str, dict[str, Any]] = {
    "shorter": {
        "label": "Shorter",
        "words": ("shorter", "make it shorter", "shorten it", "too long", "less detail"),
        "instruction": "The engineer wants this version shorter: keep only what matters most, half the length at most.",
    },
    "more_detail": {
        "label": "More detail",
        "words": ("more detail", "more details", "longer", "expand it", "elaborate"),
        "instruction": "The engineer wants more detail: include every relevant fact the session notes hold.",
    },
    "plainer": {
        "label": "Plainer",
        "words": ("plainer", "simpler", "less technical", "plain english", "simplify it"),
        "instruction": "The engineer wants it plainer: short sentences, everyday words, no asides.",
        "client_only": True,
    },
    "friendlier": {
        "label": "Friendlier",
        "words": ("friendlier", "warmer", "more friendly", "less formal"),
        "instruction": "The engineer wants it friendlier and warmer, still professional.",
        "client_only": True,
    },
    "more_formal": {
        "label": "More formal",
        "words": ("more formal", "formal", "more professional", "less casual"),
        "instruction": "The engineer wants it more formal: courteous, complete sentences, no casual words.",
        "client_only": True,
    },
}
CHOICE_PROMPTS = {"audience": "Who is this update for?", "length": "How detailed?"}
SLOTS: dict[str, dict[str, dict[str, str]]] = {"audience": AUDIENCES, "length": LENGTHS}


def note_kind(audience: str, context: str) -> str:
    """Ticket notes stay internal; client text is a discussion note, or the resolution note once resolved."""
    if audience == "ticket_notes":
        return "internal"
    return "resolution" if context == "resolution" else "discussion"


def post_kind_label(audience: str, context: str) -> str:
    """'internal note', 'customer-visible discussion note' or 'resolution note'."""
    return str(NOTE_KINDS[note_kind(audience, context)]["label"])


def options(slot: str) -> list[dict[str, str]]:
    """The choices for a slot as the chat shows them: value, label, description."""
    return [{"value": value, "label": v["label"], "description": v["description"]} for value, v in SLOTS[slot].items()]


def update_label(audience: Any, length: Any) -> str:
    """'Client Update · Quick'; 'Ask the Client', which has one length."""
    name = AUDIENCES.get(audience, {}).get("label", "Update")
    return name if audience in ONE_LENGTH else f"{name} · {LENGTHS.get(length, {}).get('label', '')}"


def first_line(text: str) -> str:
    """What the updates sidebar shows of an update: its first line that says something (not the greeting,
    not markdown), cut to 90 characters."""
    for line in str(text or "").splitlines():
        line = line.replace("**", "").strip(" -#")
        if line and not (line.endswith(",") and len(line.split()) <= 4):  # "Hi Dana," / "Dear Dr. Ferris,"
            return line if len(line) <= 90 else line[:89].rsplit(" ", 1)[0] + "…"
    return ""


def as_json() -> dict[str, Any]:
    """What the browser needs, embedded in the page as JSON."""
    return {
        "audiences": AUDIENCES,
        "lengths": LENGTHS,
        "contexts": CONTEXTS,
        "open_statuses": OPEN_STATUSES,
        "min_exchanges": MIN_EXCHANGES,
        "max_message_chars": MAX_MESSAGE_CHARS,
        "note_kinds": NOTE_KINDS,
        "one_length": ONE_LENGTH,
        "billable": BILLABLE,
        "post_parts": POST_PARTS,
        "refines": [
            {"value": k, "label": v["label"], "client_only": bool(v.get("client_only"))} for k, v in REFINES.items()
        ],
    }
