"""`python -m flowpilot compose` as in DESIGN.md §3."""

import json
import subprocess
import sys
from pathlib import Path

TRANSCRIPT = Path(__file__).parent / "data/transcripts/01_mail_flow.json"


def run(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "flowpilot", "compose", *args], input=stdin, text=True, capture_output=True, timeout=60
    )


def test_compose_prints_update_and_json():
    text = TRANSCRIPT.read_text()
    plain = run("--audience", "client_update", "--length", "quick", stdin=text)
    assert plain.returncode == 0 and plain.stdout.startswith("Hi Lisa, ")
    result = json.loads(run("--audience", "ticket_notes", "--length", "detailed", "--json", stdin=text).stdout)
    assert set(result) == {
        "content",
        "audience",
        "length",
        "context",
        "session_status",
        "steps_completed",
        "time_spent_minutes",
        "generated_at",
        "firewall",
        "sources",
    }
    assert result["sources"] and all(s["messages"] and s["text"] in result["content"] for s in result["sources"])
    assert result["context"] == "resolution" and result["session_status"] == "resolved"  # from the outcome
    assert result["steps_completed"] > 3 and result["content"].startswith("**Status: Resolved**")
    progress = json.loads(
        run(
            "--audience",
            "email_draft",
            "--length",
            "quick",
            "--context",
            "progress",
            "--tone",
            "formal",
            "--json",
            stdin=text,
        ).stdout
    )
    assert progress["context"] == "progress" and "Dear " in progress["content"]


def test_compose_errors_are_one_line_and_exit_2():
    good = TRANSCRIPT.read_text()
    cases = [
        (["--audience", "boss", "--length", "quick"], good, "invalid choice: 'boss'"),
        (["--audience", "client_update"], good, "--length"),
        (["--audience", "client_update", "--length", "quick"], "{bad json", "not valid JSON"),
        (["--audience", "client_update", "--length", "quick"], '{"intake": {}}', "'messages' must be a list"),
    ]
    for args, stdin, message in cases:
        result = run(*args, stdin=stdin)
        assert result.returncode == 2 and message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def run_llm(env_extra, *args):
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOWPILOT_")} | env_extra
    return subprocess.run(
        [sys.executable, "-m", "flowpilot", "compose", "--engine", "llm", *args],
        input=TRANSCRIPT.read_text(),
        text=True,
        capture_output=True,
        timeout=60,
        env=env,
    )


def test_engine_llm_uses_the_configured_provider_and_falls_back(fake_llm):
    fake_llm.reset()
    fake_llm.chunks = ["Hi Harbor Point Dental, ", "the problem on HPD-DC01 is fixed. ", "Best regards, Marcus"]
    env = {"FLOWPILOT_LLM_BASE_URL": fake_llm.url, "FLOWPILOT_LLM_MODEL": "fake-model", "FLOWPILOT_LLM_TIMEOUT": "2"}
    ok = run_llm(env, "--audience", "client_update", "--length", "quick")
    assert ok.returncode == 0 and ok.stdout.startswith("Hi Harbor Point Dental, the problem on") and ok.stderr == ""
    assert "HPD-DC01" not in ok.stdout and fake_llm.requests[-1]["model"] == "fake-model"
    fake_llm.mode = "429"
    fallback = run_llm(env, "--audience", "client_update", "--length", "quick")
    assert fallback.returncode == 0 and "rate-limiting" in fallback.stderr
    assert fallback.stdout.startswith("Hi Lisa, good news")
    fake_llm.reset()
    unset = run_llm({}, "--audience", "client_update", "--length", "quick")
    assert unset.returncode == 2 and "FLOWPILOT_LLM_BASE_URL" in unset.stderr


def test_the_readme_shows_what_the_composer_writes_today():
    """The three updates under "What it writes" are regenerated, not remembered: they must match this build."""
    import re

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    section = readme.split("## What it writes", 1)[1].split("\n## ", 1)[0]
    source = re.search(r"from `(tests/data/sessions/[^`]+\.json)`", section).group(1)
    text = (Path(__file__).parent.parent / source).read_text()
    shown = re.findall(r"<code>(--[^<]+)</code>\)</summary>\s*```\n(.*?)\n```", section, re.S)
    assert len(shown) == 3
    for args, block in shown:
        argv = [a.strip('"') for a in re.findall(r'"[^"]+"|\S+', args)]
        assert run(*argv, stdin=text).stdout.rstrip() == block.rstrip(), args
