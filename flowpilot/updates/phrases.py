"""What client text says per tone (the greeting and sign-off), who a party is, and how a cause's state or an
action's verb is said plainly, as data."""

import re

TONES: dict[str, dict[str, str]] = {
    "professional": {"greeting": "Hi {name},", "signoff": "Best regards,"},
    "friendly": {"greeting": "Hi {name},", "signoff": "Cheers,"},
    "formal": {"greeting": "Dear {name},", "signoff": "Kind regards,"},
}
# Who we are waiting on, in words the client knows.
PARTIES: list[tuple[str, str]] = [
    # Someone else's support first: "TillPoint tier 2" or "Comcast tier 2" is not our second line.
    (r"microsoft", "Microsoft support"), (r"\bisp\b|carrier|comcast|at&t|verizon|spectrum|provider", "your internet provider"),
    (r"vendor|manufacturer|dell|hp\b|lenovo|fortinet|sonicwall|veeam|intuit|'s (?:tier|support)|their (?:tier|support)",
     "the vendor's support team"),
    (r"network team|netops|network engineer", "our network team"), (r"security team|soc\b", "our security team"),
    (r"hardware team|field (?:team|tech)|on-?site tech", "our on-site team"), (r"apps? team", "our applications team"),
    (r"account manag", "your account manager"), (r"tier ?3|t3|l3|senior|specialist|engineering", "our senior engineers"),
    (r"tier ?2|t2|l2", "our second-line team"),
]
# A cause's state, by the words the engineer used, and how it is said of the thing it is about (first match wins).
STATES: list[tuple[str, str]] = [
    (r"expired|expiring|out of date cert", "{x} had expired"),
    (r"compromised|hacked|token theft|broken into|phish", "{x} was broken into"),
    (r"\bfull\b|out of space|eating (?:it|the space)|no space|ran out|run(?:ning)? out|exhausted|maxed",
     "{x} ran out of room"),
    (r"\bfailing\b|\bdying\b|on its way out", "{x} is failing"),
    (r"\bfailed\b|\bdead\b|\bdied\b|faulty|\bbad\b|degraded|worn", "{x} has failed"),
    (r"corrupt|damaged", "{x} is damaged"),
    (r"stale|outdated|out of date", "{x} was out of date"),
    (r"mismatch|don'?t match|doesn'?t match|wrong|incorrect|misconfigured", "{x} was set up wrong"),
    (r"blocking|blocked|blocks", "{x} is blocking it"),
    (r"disabled|turned off|not enabled|isn'?t enabled|off since", "{x} was turned off"),
    (r"missing|never added|not added|wasn'?t added|removed|deleted|lost", "{x} was missing"),
    (r"mangling|breaking|interfer|dropping|conflict", "{x} is interfering with it"),
    (r"changed|edited|modified|renamed|updated|auto-?update", "{x} was changed"),
    (r"locked", "{x} is locked"),
]
# Verbs of what we did, as a client reads them ("disabled" → "turned off").
DONE: dict[str, str] = {
    "disabled": "turned off", "enabled": "turned on", "re-enabled": "turned back on", "power cycled": "restarted",
    "power-cycled": "restarted", "rebooted": "restarted", "restarted": "restarted", "reset": "reset",
    "replaced": "replaced", "renewed": "renewed", "cleared": "cleared", "removed": "removed", "deleted": "removed",
    "added": "added", "re-added": "added back", "created": "set up", "set up": "set up", "moved": "moved",
    "updated": "updated", "upgraded": "updated", "expanded": "expanded", "extended": "extended", "increased":
    "increased", "reinstalled": "reinstalled", "installed": "installed", "rolled back": "rolled back",
    "restored": "restored", "unblocked": "unblocked", "allowed": "allowed", "swapped": "swapped",
    "repaired": "repaired", "rebuilt": "rebuilt", "revoked": "cut off", "shut": "shut off",
    "reconfigured": "changed", "changed": "changed", "granted": "gave", "assigned": "assigned",
}

# A clause that says what was done to fix it ("replaced …", "re-added …", "rolled back …").
FIX_VERB = re.compile(
    r"(?i)^(?:we |i )?(?:added|removed|replaced|restarted|rebooted|reset|renewed|reinstalled|installed|updated|"
    r"upgraded|changed|set|fixed|cleared|moved|re-\w+ed|re(?:added|enabled|installed|joined|started|booted|created|"
    r"configured|issued|registered|enrolled|mapped|applied|assigned|connected|synced|imaged|paired|seated|licensed|"
    r"activated|routed|pointed|linked)|rolled back|restored|enabled|disabled|swapped|configured|"
    r"created|deleted|repaired|recreated|reissued|unblocked|whitelisted|allowed|extended|freed|expanded|rebuilt|"
    r"put|gave|made|turned (?:off|on)|"  # and any other past tense that opens a clause, but not a result word
    r"(?!(?:failed|expired|dropped|corrupted|denied|refused|locked|stopped|crashed|needed|used|based|related|"
    r"supposed|affected|expected|fixed|resolved|confirmed|verified|tested|checked|passed)\b)[a-z]{3,}ed)\b"
)

# A cause that names itself a cause ('the cause is confirmed: …', 'root cause was …'): the label goes.
CAUSE_LABEL = re.compile(
    r"(?i)^(?:the\s+)?(?:root\s+|most\s+likely\s+|likely\s+)?cause\s+(?:is|was)\s+(?:confirmed\s*)?:?\s*"
)
