"""Grounded composer speed: ms per update for a 30-message session, per audience and length.

Usage: .venv/bin/python -m bench.compose [--transcript FILE] [--repeat N]
Baseline in the same run: building the ledger alone, so the composer's own cost is visible.
Caches of clause readings and entities are cleared before every run (cold: a session seen the
first time); the last line shows a warm run (a later update in the same session).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from flowpilot import clauses, entities, ledger, reading, secret_detector
from flowpilot.updates.pipeline import compose_update

ROOT = Path(__file__).resolve().parent.parent


def longest_transcript() -> Path:
    files = sorted((ROOT / "tests/data/transcripts").glob("*.json"))
    return max(files, key=lambda p: len(json.loads(p.read_text())["messages"]))


def cold() -> None:
    """Forget cached clause readings and entities, as for a session seen the first time."""
    entities._find.cache_clear()
    clauses._reading.cache_clear()
    reading.pieces.cache_clear()
    secret_detector._find.cache_clear()


def timed(fn, repeat: int, warm: bool = False) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        if not warm:
            cold()
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--transcript", type=Path)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument(
        "--old", metavar="REV", help="also time the composer at this commit (e.g. 928b61c) as a baseline"
    )
    args = parser.parse_args()
    path = args.transcript or longest_transcript()
    data = json.loads(path.read_text())
    messages = data["messages"]
    while len(messages) < 30:  # pad to the target's 30 messages with the session's own text
        messages = messages + messages[: 30 - len(messages)]
    data = {**data, "messages": messages[:30]}
    print(f"transcript: {path.name}, {len(data['messages'])} messages, {args.repeat} runs each")
    med, p99 = timed(lambda: ledger.build(data), args.repeat)
    print(f"{'ledger.build only (baseline)':34} median {med:7.2f} ms   p99 {p99:7.2f} ms")
    for audience in ("ticket_notes", "client_update", "email_draft"):
        for length in ("quick", "detailed"):
            med, p99 = timed(lambda a=audience, n=length: compose_update(ledger.build(data), a, n), args.repeat)
            print(f"{audience + ' ' + length + ' (build+compose)':34} median {med:7.2f} ms   p99 {p99:7.2f} ms")
    med, p99 = timed(lambda: compose_update(ledger.build(data), "client_update", "detailed"), args.repeat, warm=True)
    print(
        f"{'client_update detailed, warm cache':34} median {med:7.2f} ms   p99 {p99:7.2f} ms  (a later update in the same session)"
    )
    if args.old:
        print(old_composer(args.old, data, args.repeat))
    print("target: detailed <= 20 ms")


# Times the old composer in a checkout of an earlier commit, on the same transcript, in this run.
OLD_TIMER = """
import json, statistics, sys, time
from flowpilot import entities, ledger
from flowpilot.updates.pipeline import compose_update
data, repeat = json.loads(sys.stdin.read()), int(sys.argv[1])
caches = [getattr(entities, "_find", None), getattr(ledger, "_reading", None)]
out = {}
for audience in ("ticket_notes", "client_update"):
    samples = []
    for _ in range(repeat):
        for cache in caches:
            if cache is not None and hasattr(cache, "cache_clear"):
                cache.cache_clear()
        start = time.perf_counter()
        compose_update(ledger.build(data), audience, "detailed")
        samples.append((time.perf_counter() - start) * 1000)
    out[audience] = statistics.median(samples)
print(json.dumps(out))
"""


def old_composer(rev: str, data: dict, repeat: int) -> str:
    """The old composer's cold detailed figures, from a temporary checkout of `rev` (same machine, same run)."""
    with tempfile.TemporaryDirectory() as tmp:
        checkout = Path(tmp) / "old"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(checkout), rev], check=True, capture_output=True
        )
        try:
            done = subprocess.run(
                [sys.executable, "-c", OLD_TIMER, str(repeat)],
                cwd=checkout,
                input=json.dumps(data),
                capture_output=True,
                text=True,
                check=True,
            )
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(checkout)], check=False)
    figures = json.loads(done.stdout)
    return "  ".join(f"old composer ({rev}) {a} detailed median {ms:.2f} ms" for a, ms in figures.items())


if __name__ == "__main__":
    main()
