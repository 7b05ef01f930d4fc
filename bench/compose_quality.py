"""Grounded composer quality on the session corpus (tests/data/sessions_spec.md): written by helpers who never
saw the composer; `tune` was tuned on, `heldout` is run once at the end.

Usage: .venv/bin/python -m bench.compose_quality [--set tune|heldout|heldout2 … heldout13] [--misses] [--show N]

Reports: fact, ruled-out and next-step recall in detailed notes (open tickets apart), noise bullets in
"Steps completed", client points conveyed (keyword proxy, half a point when some keywords are there), false
verification claims, greeting errors, secrets in any output and forbidden terms in client text.
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
SETS = {
    "tune": "tests/data/sessions/tune",
    "heldout": "tests/data/sessions/heldout",  # run once on 2026-11-29 (spent)
    "heldout2": "tests/data/sessions/heldout2",  # the next held-out set, by another helper (spent)
    "heldout3": "tests/data/sessions/heldout3",  # a third, by a third helper; run once on 2026-11-29 (spent)
    "heldout4": "tests/data/sessions/heldout4",  # a fourth, by a fourth helper; run once on 2026-11-29 (spent)
    "heldout5": "tests/data/sessions/heldout5",  # a fifth, by a fifth helper; run once on 2026-11-29
    "heldout6": "tests/data/sessions/heldout6",  # a sixth, by a sixth helper (2026-11-29, fourth session); run once
    "heldout7": "tests/data/sessions/heldout7",  # a seventh, by a seventh helper (2026-11-29, fifth session); run once
    "heldout8": "tests/data/sessions/heldout8",  # an eighth, by an eighth helper (US team); run once (spent)
    "heldout9": "tests/data/sessions/heldout9",  # a ninth, by a ninth helper (AU/NZ team); run once (spent)
    "heldout10": "tests/data/sessions/heldout10",  # a tenth, by a tenth helper (UK team); run once on 2026-11-29
    "heldout11": "tests/data/sessions/heldout11",  # an eleventh (US Pacific Northwest team); run once, 2026-11-29
    "heldout12": "tests/data/sessions/heldout12",  # a twelfth (Midlands and Wales team); run once, 2026-11-29
    "heldout13": "tests/data/sessions/heldout13",  # a thirteenth (varied sectors); run once, 2026-11-29 (eighth session)
}
CLAIMS = re.compile(
    r"(?i)\b(?:confirmed (?:that )?everything|everything is working|working again|we(?:'ve| have) "
    r"(?:tested|verified|confirmed)|double-checked)\b"
)


def has(text: str, alternatives: list[str]) -> bool:
    return any(a.lower() in text.lower() for a in alternatives)


def steps_bullets(notes: str) -> list[str]:
    section = notes.split("Steps completed:**", 1)[-1].split("\n\n", 1)[0] if "Steps completed" in notes else ""
    return [b for b in section.splitlines() if b.startswith("- ") and "more (the whole history" not in b]


def evaluate(path: Path) -> dict:
    data = json.loads(path.read_text())
    expect, built = data["expect"], ledger.build(data)
    context = default_context(built)
    out = {
        (a, n): compose_update(built, a, n, context, company="Northstar IT")["content"]
        for a in ("ticket_notes", "client_update", "email_draft")
        for n in ("quick", "detailed")
    }
    notes, client = out[("ticket_notes", "detailed")], out[("client_update", "detailed")]
    row = {"name": path.stem, "open": data["outcome"] == "in_progress"}
    for key in ("facts", "ruled_out", "next_steps"):
        items = [] if key == "next_steps" and data["outcome"] == "resolved" else expect[key]
        row[key] = [has(notes, item) for item in items]
        row[key + "_missed"] = [item[0] for item, hit in zip(items, row[key], strict=True) if not hit]
    bullets = steps_bullets(notes)
    row["noise"] = [b for b in bullets if any(n.lower().strip() in b.lower() for n in expect.get("noise", []))]
    row["bullets"] = len(bullets)
    points = []
    for point in expect["client_points"]:
        groups = [has(client, g) for g in point["keywords"]]
        points.append(1.0 if all(groups) else 0.5 if any(groups) else 0.0)
    row["points"] = points
    row["false_claims"] = int(
        not expect.get("verified")
        and any(CLAIMS.search(out[(a, "detailed")]) for a in ("client_update", "email_draft"))
    )
    greeting = expect.get("greeting") or ""
    row["greeting_ok"] = all(f"Hi {greeting}" in out[(a, "detailed")] for a in ("client_update", "email_draft"))
    row["secrets"] = sum(s in text for s in expect["secrets"] for text in out.values())
    row["forbidden"] = [
        f
        for f in expect["forbidden_client"]
        for a in ("client_update", "email_draft")
        for n in ("quick", "detailed")
        if f.lower() in out[(a, n)].lower()
    ]
    row["outputs"] = out
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=tuple(SETS), default="tune")
    parser.add_argument("--misses", action="store_true", help="print what each session missed")
    parser.add_argument("--show", type=int, default=0, help="print the outputs of the first N sessions")
    args = parser.parse_args()
    rows = [evaluate(p) for p in sorted((ROOT / SETS[args.set]).glob("*.json"))]

    def rate(key: str, only_open: bool = False) -> str:
        hits = [h for r in rows if r["open"] or not only_open for h in r[key]]
        return f"{sum(hits)}/{len(hits)} = {sum(hits) / len(hits):.0%}" if hits else "n/a"

    points = [p for r in rows for p in r["points"]]
    bullets, noise = sum(r["bullets"] for r in rows), sum(len(r["noise"]) for r in rows)
    print(f"{args.set}: {len(rows)} sessions ({sum(r['open'] for r in rows)} open)")
    print(f"  fact recall (detailed notes)      {rate('facts')}   open tickets {rate('facts', True)}")
    print(f"  ruled-out recall                  {rate('ruled_out')}")
    print(f"  next-step recall (open tickets)   {rate('next_steps', True)}")
    print(f"  noise bullets in Steps completed  {noise}/{bullets} = {noise / max(bullets, 1):.0%}")
    print(f"  client points conveyed (keywords) {sum(points):.1f}/{len(points)} = {sum(points) / len(points):.0%}")
    print(f"  false verification claims         {sum(r['false_claims'] for r in rows)} sessions")
    print(f"  greeting errors                   {sum(not r['greeting_ok'] for r in rows)} sessions")
    print(f"  secrets in any output             {sum(r['secrets'] for r in rows)}")
    print(f"  forbidden terms in client text    {sum(len(r['forbidden']) for r in rows)}")
    if args.misses:
        for r in rows:
            missed = {k: r[k + "_missed"] for k in ("facts", "ruled_out", "next_steps") if r[k + "_missed"]}
            if missed or r["noise"] or r["forbidden"] or not r["greeting_ok"] or r["false_claims"]:
                print(
                    f"- {r['name']}: {missed} noise={r['noise']} forbidden={r['forbidden']} "
                    f"greeting_ok={r['greeting_ok']} false_claims={r['false_claims']} points={r['points']}"
                )
    for r in rows[: args.show]:
        for (audience, length), text in r["outputs"].items():
            if length == "detailed" or audience == "client_update":
                print(f"\n===== {r['name']} · {audience} · {length}\n{text}")


if __name__ == "__main__":
    main()
