"""Turn stored steps into what pages and sockets show, with every text made safe."""

from __future__ import annotations

from typing import Any

import nh3
from markdown_it import MarkdownIt

from . import vocabulary
from .models import Step
from .text import clean

# html=False: raw HTML in any source is shown as text; nh3 then strips anything left unsafe.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True}).enable("table")
_ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "hr",
}

SYSTEM_TEXT = {
    "resolution": "Session resolved: {summary}",
    "escalation": "Session escalated: {reason}",
    "update_reminder": "Reminder set for {remind_at} UTC ({status})",
}


def markdown_html(text: str) -> str:
    """Render markdown to sanitised HTML."""
    return nh3.clean(_markdown.render(text), tags=_ALLOWED_TAGS, link_rel="noopener noreferrer nofollow")


def step_text(step: Step) -> str:
    """The one line of text a step shows in the chat."""
    template = SYSTEM_TEXT.get(step.step_type)
    if template:
        return clean(template.format(**{"summary": "", "reason": "", **step.content}))
    return clean(str(step.content.get("text", "")))  # rows stored before text was cleaned at the edges


def delivery_label(content: dict[str, Any]) -> str:
    """How an update left FlowPilot ('Posted to ticket', 'Copied', 'Pending reminder'), and 'Edited' once the
    engineer changed it."""
    sent = _sent_label(content)
    edited = "Edited" if content.get("edited") else ""
    return " · ".join(p for p in (sent, edited) if p)


def _sent_label(content: dict[str, Any]) -> str:
    push = content.get("psa_push_status") or {}
    statuses = {d.get("status") for d in content.get("delivery", [])}
    if isinstance(push, dict) and push.get("status") in ("posted", "partial"):
        return posted_label(push)
    if "copied" in statuses:
        return "Copied"
    if content.get("reminder_status") == "pending":
        return "Pending reminder"
    return ""


def posted_label(push: dict[str, Any]) -> str:
    """'Posted to ticket', or with what came with the note: 'Posted · 15 min · Waiting on client'."""
    parts = push.get("parts") or {}
    time, status = parts.get("time") or {}, parts.get("status") or {}
    extras = [
        f"{time.get('minutes')} min" if time.get("status") == "posted" else "time not logged" if time else "",
        str(status.get("name") or "") if status.get("status") == "posted" else "status not changed" if status else "",
    ]
    extras = [e for e in extras if e]
    return " · ".join(["Posted", *extras]) if extras else "Posted to ticket"


def update_view(step: Step) -> dict[str, Any]:
    """A stored update as the updates sidebar shows it."""
    content = step.content
    audience = vocabulary.AUDIENCES.get(content.get("audience", ""), vocabulary.AUDIENCES["ticket_notes"])
    return {
        "id": step.id,
        "audience": content.get("audience"),
        "icon": audience["icon"],
        "label": vocabulary.update_label(content.get("audience"), content.get("length")),
        "first_line": vocabulary.first_line(str(content.get("generated_content", ""))),
        "length": vocabulary.LENGTHS.get(content.get("length", ""), {}).get("label", ""),
        "delivery": delivery_label(content),
        "text": str(content.get("generated_content", "")),
        "iso": step.created_at.isoformat() + "Z",
        "time": step.created_at.strftime("%H:%M"),
    }


def step_view(step: Step) -> dict[str, Any]:
    """A step as the chat shows it; engineer text is escaped by the template, the rest sanitised."""
    if step.step_type == "status_update":
        text = str(step.content.get("generated_content", ""))
        return {
            "id": step.id,
            "type": step.step_type,
            "role": "update",
            "text": text,
            "html": markdown_html(text),
            "label": vocabulary.update_label(step.content.get("audience"), step.content.get("length")),
            "post_kind": vocabulary.post_kind_label(
                step.content.get("audience", "ticket_notes"), step.content.get("context", "progress")
            ),
            "audience": step.content.get("audience"),
            "length": step.content.get("length"),
            "context": step.content.get("context"),
            "posted": (step.content.get("psa_push_status") or {}).get("status") == "posted",
            "firewall": step.content.get("firewall") or {},
            "sources": step.content.get("sources") or [],
            "engine": step.content.get("engine"),
            "edited": bool(step.content.get("edited")),
            "rating": (step.content.get("feedback") or {}).get("rating"),
            "time": step.created_at.strftime("%H:%M"),
            "iso": step.created_at.isoformat() + "Z",
        }
    text = step_text(step)
    role = step.role if step.step_type == "message" else "system"
    return {
        "id": step.id,
        "type": step.step_type,
        "role": role,
        "text": text,
        "html": markdown_html(text) if role == "assistant" else None,
        "time": step.created_at.strftime("%H:%M"),
        "iso": step.created_at.isoformat() + "Z",
    }
