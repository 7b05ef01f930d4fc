"""The last check before an engineer's words reach a client: every word is common English (or a name the
client knows), no chat shorthand, no pasted fragment, nothing that points at something the reader cannot see.
A clause that fails is left out; the composer then says less, never something garbled."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Optional

from wordfreq import zipf_frequency

# How common a word must be (wordfreq's Zipf scale: 1.5 is about once in 30 million words): rarer is a typo,
# a run-together name or a product code; jargon that is common on the web is listed in data/unsayable.json.
COMMON = 1.5
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\w:.%/,-]*|\.{2,}|\s[-–—]\s|[^\sA-Za-z\d]")
# Numbers a client reads: counts, years, times, dates, percentages, ordinals.
_NUMBER = re.compile(
    r"^(?:\d{1,4}s?|\d{1,3}(?:,\d{3})+|\d{1,2}(?::\d{2})?(?:am|pm)?-\d{1,2}(?::\d{2})?(?:am|pm)|\d{1,2}(?::\d{2})?(?:am|pm)|\d{1,2}:\d{2}|\d{1,3}%|\d+(?:st|nd|rd|th)|"
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,4}(?:GB|TB|MB))[.,]?$",
    re.I,
)
# Punctuation that only appears in pasted output, asides, labels or half-finished thoughts.
_FRAGMENT = {"(", ")", "[", "]", "{", "}", "+", "=", "<", ">", "|", "*", "#", "`", "\\", "_", "@", ":", ";", '"', "?"}
_NUMBER_NAMES = frozenset("ext extension hg group port vlan queue line ticket case ref box".split())
# Verbs ending in s that a quantity follows ("keeps 30 days", "takes 20 minutes").
_COUNTING_VERBS = frozenset(
    "keeps takes holds runs lasts needs uses gets goes does makes shows says costs stores allows supports prints "
    "rings works sends receives saves has was lists loses adds fits seats covers charges gives".split()
)


def _names_a_number(word: str) -> bool:
    """A word after which a number is a name, not a quantity: a plural noun ('messages 600 voicemail') or a
    label ('ext 202', 'hunt group 600')."""
    low = word.lower()
    if low in _NUMBER_NAMES:
        return True
    return len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")) and low not in _COUNTING_VERBS


# Pointing words that need something earlier in the chat to make sense ("paused updates for those three").
_POINTING = re.compile(r"(?i)\b(?:those|these|the same|same one|that one|this one|the above|the other one)\b")
# "we can do that on site": doing something the sentence never names.
DOES_UNNAMED = re.compile(r"(?i)\b(?:do|does|did|doing)\s+(?:that|this|it)\b")


@lru_cache(maxsize=1)
def unsayable() -> frozenset[str]:
    """Chat shorthand and technical words that are common on the web but not in a client's vocabulary."""
    data = json.loads(resources.files("flowpilot").joinpath("data/unsayable.json").read_text())
    return frozenset(w.lower() for w in data["words"])


def _word_ok(word: str, known: frozenset[str]) -> bool:
    """A word a client reads without help: a name they know, or common English that is not shorthand."""
    bare = re.sub(r"(?:'s|’s|')$", "", word).lower()
    if bare in known:
        return True
    if (
        bare in unsayable()
        or _plural_of_unsayable(bare)
        or (word.isupper() and len(word) > 1 and word not in _CAPITALS)
    ):
        return False
    parts = [p for p in bare.split("-") if p]
    return bool(parts) and all(zipf_frequency(p, "en") >= COMMON or _common_stem(p) for p in parts)


def _plural_of_unsayable(word: str) -> bool:
    """'vlans', 'ssids', 'gateways': the plural of a listed word is no plainer ('yes' and 'us' are no plurals)."""
    return (
        len(word) >= 5
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and (word[:-1] in unsayable() or (word.endswith("es") and word[:-2] in unsayable()))
    )


def _common_stem(word: str) -> bool:
    """'reinstalls', 'resends': a rare inflection of a verb that is common in its plain form."""
    stem = re.sub(r"(?:es|s)$", "", word) if len(word) > 5 else ""
    return (
        bool(stem)
        and stem not in unsayable()
        and max(zipf_frequency(stem, "en"), zipf_frequency(word[:-1], "en")) >= 2.0
    )


_CAPITALS = {
    "OK",
    "PC",
    "PCs",
    "IT",
    "ICT",
    "TV",
    "ID",
    "PDF",
    "PDFs",
    "USB",
    "UK",
    "US",
    "CCTV",
    "HR",
    "CEO",
    "AM",
    "PM",
}


def known_words(names: Iterable[str], own_words: str = "") -> frozenset[str]:
    """Names in the session and the client's own words from the ticket: said back to them, they are plain."""
    words = {w.lower() for n in names for w in re.findall(r"[A-Za-z][A-Za-z'-]*", n)}
    words |= {w.lower().rstrip("'") for w in re.findall(r"[A-Za-z][A-Za-z'-]*", own_words)}
    return frozenset(words)


def problem(text: str, known: frozenset[str] = frozenset(), limit: int = 24) -> Optional[str]:
    """Why a clause cannot go to a client as written, or None when it can."""
    tokens = _TOKEN.findall(text.strip().rstrip(".!"))
    words = [t for t in tokens if t[0].isalpha()]
    if len(words) > limit:
        return "too long"
    for before, token, after in zip(["", *tokens], tokens, [*tokens[1:], ""], strict=False):
        if token[0].isalpha() and token.lower() == before.lower():
            return f"doubled {token!r}"  # "the screen cable cable": a lexicon swap beside the word it replaced
        if token[0].isdigit() and _names_a_number(before) and after[:1].isalpha():
            return f"code {before} {token!r}"  # "messages 600 voicemail box", "ext 202 and": a number as a name
        if token.strip() in {"-", "–", "—"} or token.startswith(".."):
            return f"fragment {token.strip()!r}"
        if token in _FRAGMENT:
            return f"fragment {token!r}"
        if token[0].isdigit() and not _NUMBER.match(token):
            return f"code {token!r}"
        if token[0].isalpha() and not _word_ok(token.strip("'’-"), known):
            return f"word {token!r}"
    for first, second in zip(words[1:], words[2:], strict=False):
        if _titled(first, known) and _titled(second, known):
            return f"name {first} {second!r}"  # "in Hyper Backup", "File Station": a product or tool's own name
    pointing = _POINTING.search(text)
    if pointing:
        return f"pointing {pointing.group(0)!r}"
    bare = _NO_OBJECT.search(text)
    return f"no object {bare.group(0)!r}" if bare else None


# A verb that needs an object, with a preposition or the end right after it: "we ordered from the distributor",
# "asked you to have you restart": the thing done was lost on the way.
_NO_OBJECT = re.compile(
    r"(?i)(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bgot )(?<!\bnever )(?<!\bnot )"
    r"\b(?:ordered|replaced|installed|added|removed|deleted|enabled|disabled|sent|bought|fitted|configured|created|"
    r"ordering|replacing|installing)(?=\s+(?:from|to|with|for|at|by)\b|\s*[.,;]?$)|\byou to have you\b|^(?:we\s+)?set to\b"
)


# Names every client knows, so two of them in a row ("Microsoft Teams") are not a tool's name.
BRANDS = frozenset(
    "microsoft windows outlook teams office excel word powerpoint onedrive sharepoint google gmail chrome apple mac "
    "macbook iphone ipad android zoom wi-fi internet monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december".split()
)


def _titled(word: str, known: frozenset[str]) -> bool:
    """A capitalised word that is neither a name the client knows nor an everyday brand."""
    bare = re.sub(r"(?:'s|’s)$", "", word)
    return bare[:1].isupper() and not bare.isupper() and bare.lower() not in known | BRANDS


def sayable(text: str, known: frozenset[str] = frozenset(), limit: int = 24) -> bool:
    """True when the clause reads as plain, self-contained English."""
    return problem(text, known, limit) is None


# How an English sentence can open: a pronoun, a determiner or a quantity. "Faulty sensor goes back in the box"
# and "Still waiting on your approval" have no subject, and read as chat.
SUBJECTS = frozenset(
    "we you your our their its it it's they there this that the a an all both some no nobody none nothing everything "
    "everyone each every one two three four five several most many any another please yes someone somebody "
    "anyone anybody staff".split()
)


PRONOUNS = frozenset("we you they it there nobody everyone everything someone".split())
# Time and condition words a sentence can open with before its subject.
OPENERS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday tomorrow today tonight once when if after before until "
    "by on at in next later meanwhile first then".split()
)


def has_subject(text: str, known: frozenset[str] = frozenset()) -> bool:
    """True when the clause opens like a sentence: a subject (or a name the client knows, or a number)."""
    first = re.match(r"[\w'’]+", text.strip())
    word = first.group(0).lower().replace("’", "'") if first else ""
    if word in SUBJECTS or word.split("'")[0] in SUBJECTS | known or word.isdigit():
        return True
    if word in OPENERS:  # "Friday when the terminal arrives Dana calls us": the subject comes after the time
        rest = {w.lower() for w in re.findall(r"[A-Za-z]+", text)[1:]}
        return bool(rest & (PRONOUNS | known))
    second = re.match(r"[\w'’]+\s+([a-z]+)\b", text.strip())  # "power dips when …": a bare noun and its verb
    verb = second.group(1) if second else ""
    return bool(re.fullmatch(r"(?:is|was|has|had|does|did|can|will|[a-z]{2,}[^s\W]s|[a-z]{3,}ed)", verb))
