"""The wire events: one constructor each, every type handled by the browser, no hand-built events elsewhere."""

import re
from pathlib import Path

import pytest

from flowpilot import wire

ROOT = Path(__file__).resolve().parents[1]
BROWSER = "\n".join(p.read_text() for p in (ROOT / "static").glob("*.js"))


@pytest.mark.parametrize("event_type", wire.EVENT_TYPES)
def test_every_event_type_has_a_handler_in_the_browser(event_type):
    quoted = re.escape(f'"{event_type}"')
    handled = (
        re.search(rf"{quoted}\s*:\s*\(ev\)", BROWSER)  # chat.js handler table
        or re.search(rf"\.on\(\s*{quoted}", BROWSER)  # share.js subscriptions
        or re.search(rf"ev\.type\s*!==\s*{quoted}", BROWSER)
    )  # notifications.js filter
    assert handled, f"no browser code handles {event_type}"


def test_every_constructor_makes_a_listed_type():
    made = {
        wire.error("x")["type"],
        wire.message_delta("x")["type"],
        wire.message("engineer", "x", 1)["type"],
        wire.choices("audience")["type"],
        wire.session_state("paused", "investigating")["type"],
        wire.update_start("client_update", "quick", "progress", "grounded")["type"],
        wire.update_delta("x")["type"],
        wire.update_fallback("x")["type"],
        wire.update_done(1, {"generated_content": "x", "audience": "ticket_notes", "context": "progress"}, "<p>x</p>")[
            "type"
        ],
        wire.update_delivery(1, "Copied")["type"],
        wire.update_check(1, ["adds a server name: DC01"])["type"],
        wire.update_rated(1, "down")["type"],
        wire.update_edited(1, {"generated_content": "x"}, "<p>x</p>", "Edited")["type"],
        wire.reminder_set(2, 1, "2026-01-01T00:00:00Z", 15)["type"],
        wire.reminder_cancelled([1])["type"],
        wire.notification(1, "x", 1, 1, "client_update")["type"],
    }
    assert made == set(wire.EVENT_TYPES)


def test_no_module_builds_a_wire_event_by_hand():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "flowpilot").rglob("*.py")
        if p.name != "wire.py" and re.search(r"""["']type["']\s*:\s*["'][a-z]+(?:\.[a-z]+)?["']""", p.read_text())
    ]
    assert offenders == []


def test_the_design_doc_lists_exactly_these_events():
    design = (ROOT / "docs" / "DESIGN.md").read_text()
    section = design.split("Server → browser", 1)[1].split("\n\n", 1)[0]
    assert set(re.findall(r"^- `([a-z]+(?:\.[a-z]+)?) ", section, re.M)) == set(wire.EVENT_TYPES)


def test_nothing_in_the_repository_points_outside_it():
    tracked = [
        p
        for p in ROOT.rglob("*")
        if p.is_file()
        and p.suffix in {".py", ".md", ".html", ".js", ".toml", ".sh"}
        and not {".venv", ".git", "node_modules"} & set(p.relative_to(ROOT).parts)
    ]
    outside = [str(p.relative_to(ROOT)) for p in tracked if re.search(r"\.\./shared|\.\./\.\.", p.read_text())]
    assert outside == []


def test_the_sidebar_shows_an_updates_first_line_that_says_something():
    from flowpilot.vocabulary import first_line

    assert first_line("Hi Dana,\n\nHere's where things stand on the mail issue.") == (
        "Here's where things stand on the mail issue."
    )
    assert first_line("**Status: Cause identified**\n**Time spent: 34 minutes**") == "Status: Cause identified"
    long = first_line("Dear Dr. Ferris,\n" + "word " * 40)
    assert long.endswith("…") and len(long) <= 90
