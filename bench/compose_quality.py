"""Grounded composer quality on tests/data/transcripts: recall of facts, ruled-out and next steps
in detailed ticket notes, and forbidden terms / secrets leaked into client text.

Usage: .venv/bin/python -m bench.compose_quality [--misses]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from flowpilot import ledger
from flowpilot.updates.compose import default_context
from flowpilot.updates.pipeline import compose_update

ROOT = Path(__file__).resolve().parent.parent

KEYS = ("facts", "ruled_out", "next_steps")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    totals = {k: [0, 0] for k in KEYS}
    leaks = secrets = 0
    print(f"{'transcript':34}{'facts':>8}{'ruled out':>11}{'next':>8}")
    for path in sorted((ROOT / "tests/data/transcripts").glob("*.json")):
        data = json.loads(path.read_text())
        built = ledger.build(data)
        notes = compose_update(built, "ticket_notes", "detailed", default_context(built))["content"]
        row = []
        for key in KEYS:
            items = [] if key == "next_steps" and data["outcome"] == "resolved" else data["expect"][key]
            hits = [all(t.lower() in notes.lower() for t in item) for item in items]
            totals[key][0] += sum(hits)
            totals[key][1] += len(hits)
            row.append(f"{sum(hits)}/{len(hits)}")
            if args.misses:
                for item, hit in zip(items, hits, strict=True):
                    if not hit:
                        print(f"   miss {key}: {item}")
        print(f"{path.stem:34}{row[0]:>8}{row[1]:>11}{row[2]:>8}")
        for audience in ("client_update", "email_draft", "ticket_notes"):
            for length in ("quick", "detailed"):
                for context in ("progress", "resolution", "escalation"):
                    text = compose_update(built, audience, length, context)["content"]
                    secrets += sum(s in text for s in data["expect"]["secrets"])
                    if audience != "ticket_notes":
                        leaks += sum(
                            bool(re.search(rf"(?i)(?<![\w-]){re.escape(t)}(?![\w-])", text))
                            for t in data["expect"]["forbidden_client"]
                        )
    for key, (hits, n) in totals.items():
        print(f"recall {key:12} {hits}/{n} = {hits / n:.3f}")
    print(f"forbidden terms in client text: {leaks}; secrets in any output: {secrets}")


if __name__ == "__main__":
    main()
