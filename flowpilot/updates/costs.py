"""A cost the client must approve, or has approved, said from a template with its price and deadline:
'quote … £385 ex VAT … need stuart's ok by thursday 12' → 'We need your approval for the cost (£385 ex VAT) by
Thursday 12 noon.' Nothing is said unless the session states the price and who approves it."""

from __future__ import annotations

import re
from typing import Optional

from ..ledger import Ledger
from .client import Line, contact_names
from .commitments import clauses
from .when import WHEN, spoken_when

MONEY = re.compile(
    r"(?i)(?:[£$€]|NZ\$|AU\$|A\$)\s?\d(?:[\d,]*\d)?(?:\.\d{2})?k?(?:\s*(?:\+|plus)\s*(?:vat|gst|tax)|\s*(?:ex\.?|excl\.?|inc\.?|"
    r"incl\.?)\s*(?:vat|gst|tax))?(?:\s*(?:/|per|a)\s*(?:user|seat|licence|license))?(?:\s*(?:/|per|a)\s*(?:month|mo|"
    r"year|yr))?|\b\d(?:[\d,.]*\d)?\s?(?:usd|gbp|eur)\b"
)
_TOTAL = re.compile(r"=\s*")
_TEST = re.compile(r"(?i)\b(?:test|sale|transaction|payment|refund\w*|invoice|balance|remit|gift|donat\w*)\b")
_GIVEN = re.compile(r"(?i)\b(?:ok'?d|okayed|approved|signed off|gave (?:the |us the )?(?:ok|go-ahead)|said yes)\b")
_NEEDED = re.compile(
    r"(?i)\b(?:needs?|need(?:ed)?|waiting (?:on|for)|awaiting|pending)\s+(?:(?P<who>[a-z]+(?:\s[a-z]+)?)'s\s+)?"
    r"(?:ok|okay|approval|sign-?off|go-ahead|decision)\b|(?:approval|ok) from (?P<from>[a-z]+)|"
    r"(?P<has>[a-z]+) (?:has|needs) to (?:approve|sign off|ok it)|for (?:your |their )?approval"
)
_CONDITION = re.compile(r"(?i)\b(?:only if|if (?:plan|that|it|this)\b|unless|in case)\b")


def costs(ledger: Ledger) -> list[Line]:
    """The latest cost the session says someone at the client must approve or has approved, one sentence."""
    return ledger.once("costs", lambda: _costs(ledger))


def _costs(ledger: Ledger) -> list[Line]:
    """The latest cost, read from every engineer message."""
    latest: Optional[Line] = None
    price = priced = ""
    for index, message in enumerate(ledger.messages):
        if message.get("role") != "engineer":
            continue
        text = str(message.get("text") or "")
        if not price and not MONEY.search(text):
            continue  # nothing priced yet, and no price here
        parts = clauses(text)
        for at, clause in enumerate(parts):
            if _TEST.search(clause):
                continue  # a £1 test sale, a phishing email's invoice: no cost of ours
            if at and re.match(r"(?i)(?:if|unless|in case)\b", parts[at - 1]):
                continue  # "if it still drops, replace the AP — $224, needs her approval": not yet asked
            if quoted := _price(clause):
                price, priced = quoted, clause  # what the price buys is said where the price is
            said = _approval(clause, price, ledger, priced) if price else None
            if said:
                latest = Line(said, (index,))
    return [latest] if latest else []


def _price(clause: str) -> str:
    """The total a clause quotes ('$119 + $70 onsite labor = $189 total' → '$189'), or ''."""
    found = list(MONEY.finditer(clause))
    if not found:
        return ""
    total = [m for m in found if _TOTAL.search(clause[max(0, m.start() - 3) : m.start()])]
    return (total[-1] if total else found[0]).group(0).strip()


def _approval(clause: str, price: str, ledger: Ledger, priced: str = "") -> Optional[str]:
    """'We need your approval for the cost (£89 + VAT) by 5pm.' or 'You've approved the cost (£5/month).'"""
    contact = {n.lower().rstrip(".") for n in contact_names(ledger.intake)}
    if _CONDITION.search(clause):
        return None  # "need otto's ok only if plan a fails": a need that may never come
    given = _GIVEN.search(clause)
    if given:
        before = clause[: given.start()].lower().split()
        who = next((w for w in reversed(before) if w.strip("(:,") in contact | {"she", "he", "client"}), None)
        return f"You've approved {_cost_of(f'{priced} {clause}')} ({price})." if who else None
    needed = _NEEDED.search(clause)
    if not needed:
        return None
    who = (needed.group("who") or needed.group("from") or needed.group("has") or "").lower()
    if who and who.split()[-1] not in contact | {"your", "client", "customer", "her", "his", "their"}:
        return None  # someone else's approval ("the board chair's ok") is theirs to give, not the reader's
    when = WHEN.search(clause[needed.end() :])
    by = spoken_when(when.group(0)) if when else ""
    by = by if not by or re.match(r"(?i)(?:by|before|at|on|today|tonight|tomorrow)\b", by) else f"by {by}"
    return f"We need your approval for {_cost_of(f'{priced} {clause}')} ({price}){' ' + by if by else ''}."


# What a price buys, in plain words, by the word the engineer used for it.
_BOUGHT = [
    (r"\brenewal\b|\brenew", "the renewal"),
    (r"\bbatt(?:ery|eries)?\b", "the replacement battery"),
    (r"\b(?:ssl|cert|certificate)\b", "the new certificate"),
    (r"\blicen[cs]es?\b|\bper user\b|/user\b", "the extra licences"),
    (r"\b(?:drives|disks)\b|\b(?:[2-9]|two|three|four)\s*x\b.*\b(?:drive|disk|hdd|ssd)", "the replacement drives"),
    (r"\b(?:drive|disk|ssd|hdd)\b", "the replacement drive"),
    (r"\b(?:ap|access point|wifi unit|u6|uap)\b", "the new wireless unit"),
    (r"\b(?:switch)\b", "the new switch"),
    (r"\b(?:router|firewall)\b", "the new router"),
    (r"\bstatic ip\b|\bfixed ip\b|\bstatic\b", "the fixed internet address"),
    (r"\breplacement\b|\bnew unit\b", "the replacement"),
]


def _cost_of(clause: str) -> str:
    """'the cost of the replacement battery', or 'the cost' when the clause does not say what it buys."""
    for pattern, thing in _BOUGHT:
        if re.search(pattern, clause, re.I):
            return f"the cost of {thing}"
    return "the cost"


_ASKS_OK = re.compile(
    r"(?i)^(?:we need (?:(?:your|\w+'s) (?:approval|ok|okay|go-ahead|sign-?off)|approval)|you need to approve|"
    r"please approve)\b"
)


def with_cost(needs: list[Line], cost: list[Line]) -> list[Line]:
    """The cost line in place of a vaguer ask for the same approval ('We need your OK to go ahead.')."""
    if not cost:
        return needs
    return cost + [line for line in needs if not _ASKS_OK.search(line.text)]
