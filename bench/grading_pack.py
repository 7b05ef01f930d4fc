"""A reading pack for a grader who never sees the code: per session, the transcript, what the client needed to
know, and the six updates the grounded composer writes; beside them the rubric (tests/data/update-quality.md).

Usage: .venv/bin/python -m bench.grading_pack --set heldout6 OUT_DIR
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from bench.compose_quality import ROOT, SETS
from flowpilot import ledger
from flowpilot.updates.compose import default_context
from flowpilot.updates.pipeline import compose_update

OUTPUTS = [(a, n) for a in ("ticket_notes", "client_update", "email_draft") for n in ("quick", "detailed")]


def page(path: Path) -> str:
    """One session's reading page."""
    data = json.loads(path.read_text())
    built = ledger.build(data)
    context = default_context(built)
    lines = [
        f"# {path.stem}",
        "",
        f"Intake: {json.dumps(data['intake'])}",
        f"Outcome: {data['outcome']}",
        f"Resolution summary: {data.get('resolution_summary')}",
        f"Escalation reason: {data.get('escalation_reason')}",
        f"Session started {data.get('started_minutes_ago')} minutes ago",
        "",
        "## Messages",
        *(f"[{i}] ({m['role']}, minute {m.get('minutes', 0)}) {m['text']}" for i, m in enumerate(data["messages"])),
        "",
        "## What the client needed to know (points the session's author listed)",
        *(f"- {p['point']}" for p in data["expect"]["client_points"]),
        "",
        f"Author's notes: cause = {data['expect'].get('cause')}; verified = {data['expect'].get('verified')}; "
        f"greeting = {data['expect'].get('greeting')}",
        "",
    ]
    for audience, length in OUTPUTS:
        text = compose_update(built, audience, length, context, company="Northstar IT")["content"]
        lines += [f"## Output: {audience} / {length}", "", "```", text, "```", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="heldout6")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "tests/data/update-quality.md", args.out / "RUBRIC.md")
    sessions = sorted((ROOT / SETS[args.set]).glob("*.json"))
    for path in sessions:
        (args.out / f"{path.stem}.md").write_text(page(path))
    print(f"{len(sessions)} sessions → {args.out}")


if __name__ == "__main__":
    main()
