"""Engineer shorthand into words a client reads: abbreviations spelled out, technical terms through the
lexicon (data/lexicon.json), commands and codes cut. The audience firewall still guards what comes out."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Optional

# Chat shorthand and what it means (whole words, case-insensitive).
SHORTHAND = {
    "w/": "with",
    "yes/no": "yes or no",
    "w/o": "without",
    "b/c": "because",
    "bc": "because",
    "pw": "password",
    "pwd": "password",
    "msgs": "messages",
    "msg": "message",
    "approx.": "about",
    "approx": "about",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "pls": "please",
    "ppl": "people",
    "if poss": "if possible",
    "cams": "cameras",
    "mins": "minutes",
    "min": "minutes",
    "hrs": "hours",
    "ok'd": "approved",
    "ack'd": "acknowledged",
    "+": "and",
    "ackd": "acknowledged",
    "okd": "approved",
    "eta": "expected in",
    "yrs": "years",
    "onsite": "on site",
    "~": "about",
    "&": "and",
    "cx": "client",
    "cust": "customer",
    "dept": "department",
    "mgr": "manager",
    "config": "settings",
    "creds": "sign-in details",
    "acct": "account",
    "b4": "before",
    "thru": "through",
    "abt": "about",
    "govt": "government",
    "yday": "yesterday",
    "asap": "as soon as possible",
    "eod": "the end of the day",
    "rn": "right now",
    "fyi": "",
    "btw": "",
    "tbh": "",
    "imo": "",
    "ppl's": "people's",
    "pc": "computer",
    "pcs": "computers",
    "laptop's": "laptop's",
    "ipad": "iPad",
    "ipads": "iPads",
    "iphone": "iPhone",
    "iphones": "iPhones",
    "wifi": "Wi-Fi",
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "didnt": "didn't",
    "thats": "that's",
    "theyre": "they're",
    "whats": "what's",
}
# Where an engineer's sentence turns into code, commands or raw output: the client text stops there.
CODE_START = re.compile(
    r"\s(?:-{1,2}[A-Za-z][\w-]*|/[a-z]\b)|\b(?:Get|Set|New|Remove|Add|Enable|Disable|Test|Invoke|Start|Stop|"
    r"Restart|Update|Search|Export|Import)-[A-Z]\w+|[=`|{}<>\[\]]|\s>\s|::|\s-+>\s|→|(?<!\w)\.\d+\b"
)
DETERMINER = r"(?:the|a|an|our|your|their|his|her|its)\s+"
# Lexicon words that are also everyday English (or verbs): left as the engineer wrote them.
EVERYDAY = set(
    "adds alert archive array audit backup backups battery beacon breach browser bug cache camera carrier channel "
    "charger circuit cleanup cluster config cookies copier corrupt crashed delay deploy desktop disk display dock "
    "domain driver drivers drum duplex edge email emails exploit fan fax fiber flatbed gateway hang handset headers "
    "headset hosting ink jam jammed junk lag laptop latency lease leaver licence license lockout machine mail mailbox "
    "memory mesh mic mirror modem monitor mouse outage pairing patch patches payroll phish ping plugin port porting "
    "printer profile proxy rack reboot rebuild relay removal replica restart restore rollers rollout router scaling "
    "scanner scope screen script scripts seed seeding server service session share smart sound spam spoofed storage "
    "surge switch tablet tape teams ticket till timeout toner tower trust tunnel upgrade uptime vendor virus volume "
    "website zoom trojan tap scope imac ipad iphone android chrome firefox gmail excel outlook zoom dropbox "
    "include includes wifi internet".split()
)


@lru_cache(maxsize=1)
def lexicon() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every term and alias (longest first), and each one's plain phrase."""
    data: dict[str, Any] = json.loads(resources.files("flowpilot").joinpath("data/lexicon.json").read_text())
    plain: dict[str, str] = {}
    for entry in data["terms"]:
        for term in [entry["term"], *entry.get("aliases", [])]:
            if term.lower() not in EVERYDAY:  # an explanation in brackets is for the lexicon's reader, not the client
                plain.setdefault(term.lower(), re.sub(r"\s*\([^)]*\)", "", entry["plain"]))
    body = _trie(sorted(plain))
    return re.compile(rf"(?i)(?:\b{DETERMINER})?(?<![\w.-])(?:{body})(?![\w-]|\.\w)"), plain


def _trie(words: list[str]) -> str:
    """One regex for many words, shared beginnings matched once ('dns(?: record)?'): several hundred terms in
    one flat alternation are tried one by one at every position, which is what made reading slow."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(tree)


_SHORTHAND = re.compile(
    r"(?i)(?<![\w/])(" + "|".join(re.escape(k) for k in sorted(SHORTHAND, key=len, reverse=True)) + r")(?![\w/])"
)


_ETA_DAY = re.compile(
    r"(?i)\beta:?\s+(?=(?:mon|tue|wed|thu|fri|sat|sun|tomorrow|today|tonight|next|this|by|on|end)\w*)"
)


_DURATION = re.compile(r"(?i)\b(\d{1,3}(?:\.\d)?)\s?(h|hrs?|mins?)\b")


def _duration(match: re.Match[str]) -> str:
    """'2h' → '2 hours', '30 mins' → '30 minutes'."""
    count, unit = match.group(1), match.group(2).lower()
    return f"{count} {'hour' if unit.startswith('h') else 'minute'}{'' if count == '1' else 's'}"


_NUMBER_LIST = re.compile(r"(?<![\d.,])\b\d{1,2}(?:,\d{1,2}){1,8}\b(?![\d.,]\d)")  # "3,5,6", not "by 9, 12 users"


def _number_list(match: re.Match[str]) -> str:
    """'3,5,6' → '3, 5 and 6'."""
    numbers = re.findall(r"\d+", match.group(0))
    return f"{', '.join(numbers[:-1])} and {numbers[-1]}"


def plain(text: str) -> Optional[str]:
    """The text as a client could read it, or None when nothing readable is left."""
    text = re.sub(r"\((?![A-Z][a-z]+\))[^)]*\)", "", text)  # asides in brackets, but not a name ("team (Raj)")
    text = text.split("(", 1)[0]  # an aside left open runs to the end
    text = re.split(r":\s", text, maxsplit=1)[0] if CODE_START.search(text.split(": ", 1)[-1]) else text
    cut = CODE_START.search(text)
    if cut:  # the clause the code starts in goes with it ("…, lease 24h -> 4h")
        text = text[: cut.start()]
        text = text.rsplit(", ", 1)[0] if ", " in text else text
        text = re.sub(r"(?i)(?:\s+(?:on|at|to|in|from|for|with|via|of|the|a|an|as|is|was|and|or))+\s*$", "", text)
    text = _ETA_DAY.sub("expected ", text)  # "ETA Thursday" is "expected Thursday", "eta 2h" "expected in 2h"
    text = re.sub(r"~\s*(?=\d)", "about ", _SHORTHAND.sub(lambda m: SHORTHAND[m.group(1).lower()], text))
    text = _DURATION.sub(_duration, text)  # "approx. 1h downtime" → "about 1 hour of downtime"
    text = _NUMBER_LIST.sub(_number_list, text)  # "cams 3,5,6" → "cameras 3, 5 and 6"
    text = re.sub(r"(?i)\b(hours?|minutes?) downtime\b", r"\1 of downtime", text)
    swapped = _swap_all(text)
    if swapped is None:
        return None
    text = swapped
    text = re.sub(r"\s+([,;.])", r"\1", re.sub(r"\s+", " ", text)).strip(" ,;:-–—.")
    words = text.split()
    if len(words) < 2:
        return None
    return text


# Words a plain phrase can follow or be followed by and still read as English; a term inside a compound
# ("godaddy access", "stale DNS record", "retention monthlies") would come out garbled, so the sentence is dropped.
JOINS = set(
    "on in at to for from with by of about into onto through via over under after before during since until and or "
    "off out up down across "
    "but so that which who is are was were be been being has have had does did do can could will would should "
    "may might must not its it's there then also still now just again both all any no new old same another this "
    "these those each every our your their his her my we you they he she it i when if as once until till today "
    "tomorrow tonight yesterday later first monday tuesday wednesday thursday friday saturday sunday morning "
    "afternoon evening than because while where who whose only already too meanwhile yet fine ok okay done".split()
)
VERBISH = re.compile(
    r"(?i)^(?:\w+ed|\w+ing|keeps|says|shows|needs|works|uses|runs|sends|gets|holds|"
    r"check|restart|reset|replace|renew|update|install|use|run|add|remove|enable|disable|fix|leave|keep|put|plug|"
    r"unplug|get|give|take|bring|make|let|see|hear|notice|turn|switch|power|reboot|call|open|move|"
    r"swap|move|set|clear|reboot|test|open|close|block|allow|unblock|isn't|wasn't|aren't|"
    r"doesn't|didn't|won't|can't|couldn't|hasn't|haven't)$"
)


def _fits(before: str, after: str, phrase: str = "") -> bool:
    """A swapped term reads as English between these words (see JOINS); a short plain phrase may also name
    a part or a setting of itself ('the computer's memory stick')."""
    prev = re.findall(r"[\w']+", before)[-1:] or [""]
    nxt = (re.findall(r"[\w']+", after)[:2] + ["", ""])[:2]
    starts_clause = not before.strip() or before.rstrip()[-1:] in ",;:(-"
    ends_clause = not after.strip() or after.lstrip()[:1] in ",;:.!?)-"
    counted = re.search(r"(?i)\b(?:the|a|an)\s+\d[\w-]*\s+[a-z]+\s+$", before)  # "the 120 day grace period"
    ok_before = starts_clause or prev[0].lower() in JOINS or bool(VERBISH.match(prev[0])) or bool(counted)
    compound = nxt[0].lower() in PARTS and len(phrase.split()) <= 4 and not re.search(_CLAUSE_WORDS, phrase)
    says = nxt[0].endswith("s") and nxt[1].lower() in JOINS  # "the DNS record points at …", "… blocks the …"
    ok_after = ends_clause or nxt[0].lower() in JOINS or bool(VERBISH.match(nxt[0])) or compound or says
    return ok_before and ok_after


# Nouns a short plain phrase can take after it and still read ("memory stick", "security settings").
PARTS = set(
    "stick module card port cable settings setting account password server folder drive file files app update "
    "error page list box unit record key code screen log logs test check rule policy connection software method "
    "methods router prompt prompts device login licence license limit quota profile budget traffic setup".split()
)
_CLAUSE_WORDS = r"(?i)\b(?:with|that|where|which|for|of|to|in|on|by|from|who|how|what|through)\b"


def _swap_all(text: str) -> Optional[str]:
    """Every lexicon term in the text swapped for its plain phrase, or None when one sits inside a compound."""
    pattern, phrases = lexicon()
    out, last = [], 0
    for match in pattern.finditer(text):
        replacement = _swap(match, phrases)
        if replacement != match.group(0) and not _fits(text[: match.start()], text[match.end() :], replacement):
            return None
        if ", " in replacement and not re.match(r"\s*(?:[,.;:!?)]|$)", text[match.end() :]):
            replacement += ","  # "OneDrive, the personal online file storage, so she can …": close the aside
        out += [text[last : match.start()], replacement]
        last = match.end()
    return "".join(out) + text[last:]


_MODIFIER_BEFORE = re.compile(
    r"(?i)\b(?:the|a|an|new|old|same|another|this|that|each|every|no|any|its|their|his|"
    r"her|our|your|my|'s)\s+(?:\d[\w-]*\s+)?(?:\w+\s+)?$|'s\s+$"
)


def _swap(match: re.Match[str], phrases: dict[str, str]) -> str:
    """A term (with any determiner before it) → its plain phrase, which brings its own article
    (dropped after 'a new …' or 'Saturday's …')."""
    found = match.group(0)
    term = re.sub(rf"(?i)^{DETERMINER}", "", found)
    replacement = phrases.get(term.lower())
    if replacement is None:
        return found
    if found == term and replacement.startswith("the ") and _MODIFIER_BEFORE.search(match.string[: match.start()]):
        replacement = replacement[4:]
    if found != term and not re.match(r"(?i)(?:the|a|an|your|our)\b", replacement):
        return found[: len(found) - len(term)] + replacement  # keep "her" in "her laptop"
    return replacement


def upper_first(text: str) -> str:
    """'we'll swap …' → 'We'll swap …' (the rest as it was; str.capitalize would lower 'Raj' and 'VPN')."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """'Emails to …' → 'emails to …' (not for names or acronyms such as 'Kevin', 'VPN')."""
    first = text.split(" ", 1)[0]
    lower = first[1:].islower() and first[:1].isupper() and len(first) > 1 and not first.endswith(".")  # "Dr."
    return text[:1].lower() + text[1:] if lower else text


def second_person(text: str) -> str:
    """The client's own words ('our buyers', 'I can't') as we would say them back ('your buyers', 'you can't')."""
    swaps = {
        "our": "your",
        "we": "you",
        "us": "you",
        "my": "your",
        "i": "you",
        "i'm": "you're",
        "we're": "you're",
        "ours": "yours",
        "me": "you",
        "i've": "you've",
        "we've": "you've",
        "myself": "yourself",
    }
    return re.sub(
        r"(?i)\b(our|we|us|my|i|i'm|we're|ours|me|i've|we've|myself)\b", lambda m: swaps[m.group(1).lower()], text
    )


# Tokens a client must not see even when no rule names them: model numbers (TZ370), versions (7.2.5),
# CamelCase (PowerChute), capitalised names with hyphens (GG-Finance-RW), all-caps codes (SDP), ranges.
TECHNICAL = re.compile(
    r"(?<![\w'])(?:[\w-]+\.(?:exe|dll|msi|ps1|bat|cmd|sh|log|ini|cfg|conf|xml|json|pst|ost|vbs|reg|sys|csv)|"
    r"[A-Za-z]+\d+[A-Za-z\d]*|\d+[A-Za-z]+\d[\w]*|\d+(?:\.\d+){2,}\S*|[a-z]+[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*|"
    r"[A-Za-z]+(?:-[A-Za-z0-9]+)+|[A-Z]{2,}s?|\d{5,}|\w+@(?!\w)|\d+-\d+-?\d*|\w+[@\\/_:+]\w[\w./@\\:-]*|\d+(?:\.\d+){3}\S*)(?![\w'])"
)
# Everyday capitals and shapes that are fine in client text.
PLAIN_TOKENS = re.compile(
    r"^(?:OK|PC|PCs|IT|ICT|TV|ID|PDF|PDFs|USB|AM|PM|UK|US|USA|CEO|CFO|HR|FAQ|ASAP|Wi-Fi|e-mail|sign-in|log-in|"
    r"set-up|follow-up|check-in|re-run|re-send|re-enter|re-sent|built-in|one-time|two-step|off-site|on-site|"
    r"up-to-date|out-of-date|long-term|short-term|part-time|full-time|real-time|third-party|day-to-day|"
    r"re-register|re-registered|re-enrol|re-enrolled|self-service|front-desk|e-mails|x-rays?|X-rays?|end-of-life|"
    r"self-test|pull-the-plug|check-up|hand-off|sign-out|log-out|drop-off|pick-up|back-up|walk-in|year-end|"
    r"\d{1,2}(?::\d{2})?(?:am|pm)|\d{1,2}:\d{2}|\d+(?:st|nd|rd|th)|Wi-Fi|[A-Z][a-z]+|"
    r"OneDrive|SharePoint|PowerPoint|YouTube|iPhone|iPhones|iPad|iPads|MacBook|FaceTime|LinkedIn|WhatsApp|PayPal|"
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?)$"
)


# English words start with a vowel or one of these; "dkowalski" or "tfrazier" (initial + surname) do not.
ONSETS = set(
    "bl br ch cl cr dr dw fl fr gh gl gn gr kn kr ph pl pr ps qu rh sc sh sk sl sm sn sp st sv sw th tr "
    "ts tw wh wr".split()
)
_WORD = re.compile(r"(?<![\w'@.-])[a-z]{4,}(?![\w'@-])")


def looks_like_username(word: str) -> bool:
    """An initial and a surname run together, as user names are ('jbarnes', 'mlopez')."""
    first, second = word[0], word[1]
    return first not in "aeiouy" and second not in "aeiouy" and word[:2] not in ONSETS


def is_plain(text: str) -> bool:
    """True when nothing in the text looks like an identifier, a code, a product model or a user name."""
    if any(looks_like_username(m.group(0)) for m in _WORD.finditer(text)):
        return False
    text = re.sub(r"(?<=\w)'s\b", "", text)  # "WS03's paused sync": the possessive hides nothing
    if re.search(r"(?<![\w/])[A-Z]:(?=[\s\\,.;]|$)", text):
        return False  # a drive letter ("D: on the host", "C:")
    return all(PLAIN_TOKENS.match(m.group(0)) for m in TECHNICAL.finditer(text))
