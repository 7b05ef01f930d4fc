"""The audience firewall: nothing that must not leave the building reaches a client, no secret reaches anyone."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Optional

from .. import entities
from ..ledger import Ledger
from ..vocabulary import CLIENT_AUDIENCES

# What a sensitive entity becomes in client text.
GENERIC = {
    "host": "one of your systems",
    "ip": "a network address",
    "mac": "a device",
    "unc": "a shared folder",
    "registry": "a system setting",
    "event_id": "a system log entry",
    "error_code": "an error",
    "email": "an email account",
    "user": "a user account",
    "url": "an online service",
    "domain": "your domain",
    "tool": "our admin tools",
}
BLAME = [
    r"user error",
    r"pebkac",
    r"your fault",
    r"you broke",
    r"caused by (?:your|the user|the client)",
    r"your (?:admin|staff|it person|team) (?:broke|changed|deleted|messed)",
    r"the user (?:deleted|clicked|broke)",
    r"should have known",
    r"incompeten",
    r"\bstupid\b",
    r"\bidiot",
    r"client'?s own admin",
]
INJECTION = [
    r"ignore (?:all |any )?(?:previous|prior|above) instructions",
    r"system prompt",
    r"\badmin password\b",
    r"disregard (?:the|your) (?:rules|instructions)",
]


@dataclass
class FirewallReport:
    """What the firewall rewrote or removed, and whether the text is now clean."""

    removed: list[dict[str, str]] = field(default_factory=list)
    rewritten: list[dict[str, str]] = field(default_factory=list)
    clean: bool = True

    @property
    def count(self) -> int:
        return len(self.removed) + len(self.rewritten)

    @property
    def summary(self) -> str:
        """'2 technical terms were removed', or that nothing was."""
        if not self.count:
            return "Nothing needed removing."
        noun = "term was" if self.count == 1 else "terms were"
        return f"{self.count} technical {noun} removed"

    def as_dict(self) -> dict[str, Any]:
        return {
            "clean": self.clean,
            "count": self.count,
            "summary": self.summary,
            "removed": self.removed,
            "rewritten": self.rewritten,
        }


@lru_cache(maxsize=1)
def glossary() -> dict[str, Any]:
    """The plain-language glossary (data/glossary.json)."""
    return json.loads(resources.files("flowpilot").joinpath("data/glossary.json").read_text())


def _term_pattern(term: str) -> re.Pattern[str]:
    # Short terms (MX, AP, DC) only in capitals, so "ap" or "San Diego" are left alone.
    if len(term) <= 4 and term.isalpha():
        return re.compile(rf"(?<![\w-]){re.escape(term.upper())}s?(?![\w-])")
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.I)


@lru_cache(maxsize=1)
def _jargon() -> list[tuple[str, re.Pattern[str], Optional[str]]]:
    terms = glossary()["jargon"]
    return [(t, _term_pattern(t), terms[t]) for t in sorted(terms, key=len, reverse=True)]


@lru_cache(maxsize=1)
def _any_jargon() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Two quick tests (capitals-only short terms, case-free long terms) before the per-term work."""
    terms = glossary()["jargon"]
    short = [t for t in terms if len(t) <= 4 and t.isalpha()]
    long = [t for t in terms if t not in short]
    return (
        re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t.upper()) for t in short) + r")s?(?![\w-])"),
        re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in long) + r")(?![\w-])", re.I),
    )


def has_jargon(text: str) -> bool:
    """True when any glossary term is in the text."""
    return any(pattern.search(text) for pattern in _any_jargon())


_BLAME = re.compile("|".join(BLAME), re.I)
_INJECTION = re.compile("|".join(INJECTION), re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


_DETERMINER = r"\b(?i:the|a|an|our|your|their)\s+"


def _swap(pattern: re.Pattern[str], plain: str, sentence: str) -> str:
    """Replace a term; when the plain phrase brings its own article, drop the one before the term."""
    if re.match(r"(?i)(?:the|a|an|our|your|one)\b", plain):
        with_article = re.compile(_DETERMINER + f"(?:{pattern.pattern})", pattern.flags)
        sentence = with_article.sub(lambda m: plain, sentence)
    return pattern.sub(lambda m: plain, sentence)


def _mentions(text: str, value: str) -> bool:
    """The value as a whole word ('ran' is not in 'Grant')."""
    return bool(re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", text))


class AudienceFirewall:
    """Checks text for one audience against the ledger and the jargon lexicon."""

    def check(
        self,
        text: str,
        audience: str,
        ledger: Optional[Ledger] = None,
        other_clients: Iterable[str] = (),
        verify: bool = True,
        secrets: Optional[frozenset[str]] = None,
    ) -> tuple[str, FirewallReport]:
        """Return the text safe for this audience and the report of what was changed.

        verify=False skips the final clean-check scan (used for streamed sentences, whose
        whole text is checked again at the end); `secrets` are those already found in the whole text the piece
        is part of (found again in the piece otherwise)."""
        report = FirewallReport()
        known = list(ledger.sensitive) if ledger else []
        found = secrets if secrets is not None else entities.secrets(text)
        secret_values = {e.text for e in known if e.kind == "secret"} | set(found)
        if audience not in CLIENT_AUDIENCES:
            for value in sorted(secret_values, key=len, reverse=True):
                if value in text:
                    text = text.replace(value, "[redacted]")
                    report.removed.append({"term": "a secret", "kind": "secret"})
            return text, report
        others = [n for n in other_clients if n and n.strip()]
        lines = [self._clean_line(line, known, secret_values, others, report) for line in text.split("\n")]
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
        report.clean = self.is_clean(text, known, others) if verify else True
        return text, report

    def _clean_line(
        self,
        line: str,
        known: list[entities.Entity],
        secret_values: set[str],
        others: list[str],
        report: FirewallReport,
    ) -> str:
        kept = []
        for sentence in _SENTENCE.split(line):
            reason = self._drop_reason(sentence, secret_values, others)
            if reason:
                report.removed.append({"term": reason[1], "kind": reason[0]})
                continue
            sentence = self._rewrite(sentence, known, report)
            if sentence is not None:
                kept.append(sentence)
        return " ".join(kept)

    def _drop_reason(self, sentence: str, secret_values: set[str], others: list[str]) -> Optional[tuple[str, str]]:
        if any(v in sentence for v in secret_values):
            return ("secret", "a secret")
        if _INJECTION.search(sentence):
            return ("instruction", "pasted instructions")
        blame = _BLAME.search(sentence)
        if blame:
            return ("blame", blame.group(0))
        for name in others:
            if re.search(rf"(?i)\b{re.escape(name)}\b", sentence):
                return ("other_client", "another client's name")
        return None

    def _rewrite(self, sentence: str, known: list[entities.Entity], report: FirewallReport) -> Optional[str]:
        found = {e.text: e for e in entities.find(sentence) if e.kind != "secret"}
        found.update({e.text: e for e in known if e.kind != "secret" and _mentions(sentence, e.text)})
        for value in sorted(found, key=len, reverse=True):
            if value in sentence:
                generic = GENERIC.get(found[value].kind, "a system")
                sentence = _swap(re.compile(rf"(?<![\w-]){re.escape(value)}(?![\w-])"), generic, sentence)
                report.rewritten.append({"term": value, "kind": found[value].kind, "to": generic})
        for term, pattern, plain in _jargon() if has_jargon(sentence) else ():
            if not pattern.search(sentence):
                continue
            if plain is None:
                report.removed.append({"term": term, "kind": "jargon"})
                return None
            sentence = _swap(pattern, plain, sentence)
            report.rewritten.append({"term": term, "kind": "jargon", "to": plain})
        return sentence[:1].upper() + sentence[1:] if sentence else sentence

    def verify(
        self, text: str, audience: str, ledger: Optional[Ledger] = None, other_clients: Iterable[str] = ()
    ) -> bool:
        """True when the text may reach this audience as it is (internal audiences always may)."""
        if audience not in CLIENT_AUDIENCES:
            return True
        known = list(ledger.sensitive) if ledger else []
        return self.is_clean(text, known, [n for n in other_clients if n and n.strip()])

    def is_clean(self, text: str, known: Iterable[entities.Entity] = (), others: Iterable[str] = ()) -> bool:
        """True when no secret, sensitive entity, jargon, blame or other client remains."""
        if entities.find(text) or any(_mentions(text, e.text) for e in known):
            return False
        if has_jargon(text):
            return False
        if _BLAME.search(text) or _INJECTION.search(text):
            return False
        return not any(re.search(rf"(?i)\b{re.escape(n)}\b", text) for n in others if n)
