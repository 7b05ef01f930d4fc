"""Names the client knows: the topic of the issue they reported, and who an escalation or a wait involves."""

from __future__ import annotations

import re

from ..ledger import Ledger
from . import phrases
from .firewall import glossary


def issue_topic(ledger: Ledger) -> str:
    """A short name for the issue the client reported ('email', 'printing')."""
    text = f"{ledger.intake.get('issue', '')} {ledger.intake.get('client_issue', '')}".lower()
    for pattern, name in glossary()["issue_topics"]:
        if re.search(pattern, text):
            return name
    return "reported"


# A firm's own name: one to three capitalised words, not a code ("SecureEntry", "Kestrel Controls", not "SE-44190").
_COMPANY = re.compile(r"((?:[A-Z][a-z]+[A-Za-z&'.]*)(?:\s+(?:[A-Z][a-z]+[A-Za-z&'.]*|&)){0,2})(?=\s*(?:[(:;,.]|$))")


# One of our own people by role and name: "our network lead Owain Price", "infrastructure lead, Rhys Morgan".
_ROLE_NAME = re.compile(
    r"(?:our\s+)?(?P<role>(?:[a-z]+\s+){0,2}(?:lead|manager|engineer|architect|consultant|technician|admin))\s*,?\s+"
    r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b"
)


def party(text: str) -> str:
    """Who a wait or an escalation involves, in the client's words: whoever it is escalated *to* comes first
    ("escalating to network team (Raj) … the other vendor changed it" is our network team)."""
    target = re.search(r"(?i)escalat\w*\s+(?:it\s+)?to\s+([^.;:]{1,60})", text)
    ours = r"(?i)(?:our|the)\b|network|security|hardware|field|apps?\b|account|tier|senior|engineering|on-?site"
    people = re.findall(r"\b([A-Z][a-z]+)\s*\((?![^)]*\b(?:vendor|support|ISP)\b)", target.group(1)) if target else []
    if target and people and target.group(1).startswith(people[0]):  # "Nina (licensing) and Marco (senior infra)"
        return f"{' and '.join(people[:2])} from our team"
    if target and re.match(r"[A-Z][\w&.-]+", target.group(1)) and not re.match(ours, target.group(1)):
        isp = next((name for pattern, name in phrases.PARTIES[:2] if re.search(pattern, target.group(1), re.I)), None)
        company = _COMPANY.match(target.group(1))  # "SecureEntry", "Kestrel Controls": a firm the client knows by name
        return isp or (company.group(1) if company else "the vendor's support team")
    named = _ROLE_NAME.match(target.group(1)) if target else None
    if named:  # "our network lead Owain Price", "infrastructure lead Rhys Morgan"
        return f"our {named.group('role').lower()} {named.group('name')}"
    team = re.match(r"(?i)our\s+((?:[\w-]+\s+){0,3}?team)\b", target.group(1)) if target else None
    if team and not any(re.search(pattern, team.group(0), re.I) for pattern, _ in phrases.PARTIES):
        words = [w for w in team.group(1).split() if w.islower()] or [team.group(1).lower()]
        return f"our {' '.join(words)}"  # "our M365 projects team" → "our projects team"
    # Only who it goes to names the party: a vendor named elsewhere in the text ("… the Microsoft licence …") is
    # what the work is about, not who takes it on.
    for pattern, name in phrases.PARTIES:
        if target and re.search(pattern, target.group(1), re.I):
            return name
    return "a specialist"
