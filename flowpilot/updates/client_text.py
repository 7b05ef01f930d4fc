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
        return isp or "the vendor's support team"  # "TillPoint tier 2", "Intuit data services": not our team
    # Only who it goes to names the party: a vendor named elsewhere in the text ("… the Microsoft licence …") is
    # what the work is about, not who takes it on.
    for pattern, name in phrases.PARTIES:
        if target and re.search(pattern, target.group(1), re.I):
            return name
    return "a specialist"
