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
    (r"\bfull\b|out of space|eating (?:it|the space)|no space|ran out|run(?:ning)? out|exhausted|exhaustion|maxed",
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

# Verbs of a commitment and the kind of step each names (for 'who will do what by when' in client text).
COMMITMENT_VERBS: dict[str, str] = {
    **dict.fromkeys(
        "call|ring|phone|email|reply|respond|a response|confirm|callback|call back|ring back|get back|come back|revert|"
        "contact him|contact her|contact you|contact them|"
        "let us know|let me know|update her|update him|update them|update you|be in touch|check back|check in".split("|"),
        "contact",
    ),
    **dict.fromkeys("visit|attend|come out|come in|be on site|be onsite|pop in|drop in|send an engineer|goes out|go out|"
        "goes on site|go on site|heads out|head out|goes onsite|go onsite".split("|"), "visit"),
    **dict.fromkeys("deliver ship arrive courier dispatch".split(), "deliver"),
    **dict.fromkeys(
        "apply assign set change configure switch enable disable provision upgrade reset move migrate install "
        "replace swap fit renew reissue rebuild restore unlock reboot restart convert update".split(),
        "change",
    ),
    **dict.fromkeys("check test retest trace investigate review monitor verify diagnose inspect".split(), "check"),
    **dict.fromkeys("do sort fix finish complete handle".split(), "do"),
    **dict.fromkeys("decide|choose|approve|which option|go-ahead|go ahead|sign off".split("|"), "decide"),
    **dict.fromkeys("quote proposal estimate".split(), "propose"),
    **dict.fromkeys("order|buy|purchase|reorder".split("|"), "order"),
    "send": "send",
}
# How each kind of commitment is said, by who makes it: 'we', 'party' (a firm, by name) or 'you' (the contact).
COMMITMENT_SAID: dict[str, str] = {
    "we contact": "We'll be in touch {when}.",
    "we contact_you": "We'll {verb} you {when}.",
    "we send_thing": "We'll send you {thing} {when}.",
    "we order": "We'll order the replacement {when}.",
    "we order_thing": "We'll order {thing} {when}.",
    "you decide_options": "Please let us know {when} which option you'd like: {options}.",
    "party contact": "{who} will get back to us {when}.",
    "party contact_you": "{who} will be in touch with you {when}.",
    "you contact": "Please get back to us {when}.",
    "you decide": "Please let us know {what} {when}.",
    "we visit": "We'll be on site {when}.",
    "party visit": "{who} will be on site {when}.",
    "party deliver": "{who} will deliver the replacement {when}.",
    "party deliver_thing": "{who} will deliver {thing} {when}.",
    "we change": "We'll make the change {when}.",
    "we change_thing": "We'll {verb} {thing} {when}.",
    "party change": "{who} will make the change {when}.",
    "party change_thing": "{who} will {verb} {thing} {when}.",
    "we check": "We'll run our checks {when}.",
    "we check_thing": "We'll {verb} {thing} {when}.",
    "party check": "{who} will run their checks {when}.",
    "party check_thing": "{who} will {verb} {thing} {when}.",
    "we do": "We'll take care of it {when}.",
    "party do": "{who} will take care of it {when}.",
    "we propose": "We'll have a {noun} for you {when}.",
    "part deliver": "The replacement part is due {when}.",
    "part deliver_thing": "{thing} is due {when}.",
    "tech visit": "A technician is due on site {when}.",
}
# Who a firm is, when the engineer names its role rather than its name.
PARTY_ROLES: list[tuple[str, str]] = [
    (r"isp|broadband provider|internet provider", "your internet provider"),
    (r"phone provider|voip provider|telco", "your phone provider"),
    (r"vendor", "the vendor"), (r"supplier|distributor", "the supplier"), (r"manufacturer", "the manufacturer"),
    (r"courier", "the courier"), (r"landlord", "the landlord"), (r"electrician", "the electrician"),
    (r"microsoft", "Microsoft support"),
]
