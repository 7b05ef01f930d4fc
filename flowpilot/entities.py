"""Sensitive things in troubleshooting text: what they look like (regexes, as data) and finding them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from . import secret_detector

# Secrets are found by flowpilot.secret_detector first; these kinds fill in around them.
PATTERNS: list[tuple[str, str]] = [
    ("url", r"\bhttps?://[^\s<>\"')]+"),
    ("email", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),
    ("unc", r"\\\\[\w.$-]+(?:\\[\w.$ -]*[\w$])*"),
    ("registry", r"\b(?:HKLM|HKCU|HKCR|HKU|HKCC|HKEY_[A-Z_]+):?\\[^\s,;\"']+"),
    ("user", r"\b[A-Z][A-Z0-9-]{1,15}\\[A-Za-z][\w.$-]+"),
    ("mac", r"(?i)\b(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}\b"),
    ("ip", r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:/\d{1,2})?\b"),
    ("ip", r"(?i)\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b"),
    ("event_id", r"(?i)\bevent(?:\s*id)?[\s:#]*\d{3,5}\b"),
    ("error_code", r"\b0x[0-9a-fA-F]{4,8}\b|\b[45]\d\d[ -][45]\.\d{1,3}\.\d{1,3}\b"),
    ("error_code", r"(?i)\berror(?:\s+code)?[\s:#]+\d{3,6}\b"),
    ("domain", r"(?i)\b(?:[a-z0-9-]+\.)+(?:com|net|org|local|lan|io|co|uk|us|biz|info|corp|"
               r"internal|cloud|app|ca|au|de|nz|ie|edu|gov|intra)\b"),
    ("host", r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?![\w-])"),
    ("host", r"\b(?:srv|dc|fs|sql|ex|rds|ts|web|app|db|nas|fw|sw|ap|vm|hv|esx|prn|pc|lt|ws|mgmt|"
             r"print|file|mail|vpn|rtr)-?\d{1,3}[a-z0-9-]*\b"),
    ("user", r"(?i)(?<=\buser )[a-z][a-z0-9]*(?:\d|\.[a-z]+)[a-z0-9]*\b"),
    ("user", r"\b[a-z]{2,}\.[a-z]{2,}(?='s\b| mailbox| account| profile)"),
    ("tool", r"\b(?:Get|Set|New|Remove|Add|Enable|Disable|Test|Start|Stop|Restart|Invoke|Update|"
             r"Clear|Export|Import|Grant|Revoke|Search|Resolve|Repair|Reset)-[A-Z][A-Za-z]+\b"),
]
# Tool and console names the client never needs to see (matched case-insensitively, whole words).
TOOLS = [
    "Exchange admin center", "EAC", "ECP", "Entra admin center", "Entra", "Azure AD", "AAD",
    "Intune", "ADUC", "GPMC", "RMM", "ConnectWise Automate", "ConnectWise Manage", "ScreenConnect",
    "N-able", "N-central", "Datto RMM", "Kaseya", "NinjaOne", "NinjaRMM", "IT Glue", "Hudu",
    "Veeam console", "Veeam", "PowerShell", "FortiGate GUI", "FortiGate", "FortiClient",
    "SonicWall", "Meraki dashboard", "Meraki", "UniFi controller", "UniFi", "Event Viewer",
    "Wireshark", "M365 admin center", "Microsoft 365 admin center", "admin center",
    "Defender portal", "Sentinel", "Huntress", "SentinelOne", "Auvik", "PRTG", "LogMeIn",
    "TeamViewer", "Splashtop", "Autotask", "HaloPSA", "CW", "Automate", "Teams admin center",
    "Security & Compliance", "message trace", "procmon", "Process Monitor", "regedit", "gpresult",
    "nslookup", "ipconfig", "tracert", "netsh", "dcdiag", "repadmin",
]
# Shorthand that looks like a host name but is not one.
NOT_HOSTS = {"m365", "o365", "win10", "win11", "2fa", "mfa", "ex2019", "ex2016", "sql2019",
             "tls12", "ipv4", "ipv6", "wpa2", "wpa3", "802.1x", "x64", "x86", "md5", "sha256",
             "ap", "pc", "lt", "fw", "sw"}
# Words after "user " that are ordinary English, not a user name.
NOT_USERS = STOP_WORDS | {"confirmed", "confirms", "reports", "reported", "says", "said", "called",
                          "locked", "unable", "tried", "tested", "logged", "sees", "saw", "gets",
                          "got", "works", "working", "account", "accounts", "profile", "profiles",
                          "mailbox", "experience", "error", "name", "principal", "rights",
                          "group", "groups", "cant", "couldnt", "restarted", "rebooted", "still",
                          "agrees", "approved", "needs", "wants", "tries", "opened", "clicked"}
_COMPILED = [(kind, re.compile(pattern)) for kind, pattern in PATTERNS]
_TICKET = re.compile(r"^(?:TKT|INC|REQ|CHG|SR|CASE|TICKET|T)-?\d+$", re.I)  # ticket numbers are shareable
_TOOLS = re.compile(r"(?i)(?<![\w-])(?:" + "|".join(
    re.escape(t) for t in sorted(TOOLS, key=len, reverse=True)) + r")(?![\w-])")


@dataclass(frozen=True)
class Entity:
    """One sensitive string and what kind of thing it is."""

    kind: str
    text: str


def find(text: str) -> tuple[Entity, ...]:
    """Every sensitive entity in text, secrets winning overlaps (cached: a session's messages are
    read again for every update)."""
    return _find(text)


@lru_cache(maxsize=8192)
def _find(text: str) -> tuple[Entity, ...]:
    taken: list[tuple[int, int]] = []
    found: list[Entity] = []
    for secret in secret_detector.find(text):
        taken.append((secret.start, secret.end))
        found.append(Entity("secret", secret.text))
    for kind, pattern in _COMPILED:
        for match in pattern.finditer(text):
            start, end = match.span("value") if "value" in pattern.groupindex else match.span()
            value = text[start:end].rstrip(".")
            if not value or kind == "host" and (value.lower() in NOT_HOSTS or _TICKET.match(value)):
                continue
            if kind == "user" and value.lower() in NOT_USERS:
                continue
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            found.append(Entity(kind, value))
    for match in _TOOLS.finditer(text):
        if not any(s < match.end() and match.start() < e for s, e in taken):
            found.append(Entity("tool", match.group(0)))
    return tuple(found)


def secrets(text: str) -> list[str]:
    """Only the secrets in text (flowpilot.secret_detector decides)."""
    return secret_detector.values(text)


def redact(text: str, values: list[str], replacement: str = "[redacted]") -> str:
    """Replace each value (longest first) with the replacement."""
    for value in sorted(set(values), key=len, reverse=True):
        text = text.replace(value, replacement)
    return text
