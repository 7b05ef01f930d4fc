"""Secret detector on a labelled corpus: recall on secrets, false positives on ordinary troubleshooting text.

Usage: .venv/bin/python -m bench.secrets [--file tests/data/secrets_dev.jsonl] [--errors]

A secret counts as leaked when most of it (60 %, at least 4 characters) is still in the redacted text,
so redacting half a password is not a hit. Baseline, same run: a password-label-only rule.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import time
from collections import Counter
from pathlib import Path

from flowpilot import secret_detector

ROOT = Path(__file__).resolve().parent.parent
BASELINE = re.compile(r"(?i)\b(?:password|pw|pwd)\s*(?:is|:|=)\s*(\S+)")


def baseline_redact(text: str) -> str:
    """The simplest rule a team might start with."""
    return BASELINE.sub(lambda m: m.group(0).replace(m.group(1), "[redacted]"), text)


def leaked(secret: str, output: str) -> bool:
    """True when a large part of the secret survives in the output."""
    core = secret_detector.INVISIBLE.sub("", secret)
    visible_output = secret_detector.INVISIBLE.sub("", output)
    size = min(len(core), max(4, math.ceil(len(core) * 0.6)))
    return any(core[i : i + size] in visible_output for i in range(len(core) - size + 1))


def score(rows: list[dict], redact) -> dict:
    """Recall, false positives and kept terms for one redaction function."""
    positives = [r for r in rows if r["secrets"]]
    negatives = [r for r in rows if not r["secrets"]]
    secret_hits = secret_total = line_hits = 0
    misses, false_positives, lost = [], [], []
    for row in positives:
        out = redact(row["text"])
        hit = [not leaked(s, out) for s in row["secrets"]]
        secret_hits += sum(hit)
        secret_total += len(hit)
        line_hits += all(hit)
        if not all(hit):
            misses.append((row["family"], row["text"], out))
    kept = kept_total = 0
    for row in rows:
        out = redact(row["text"])
        for term in row.get("keep", []):
            kept_total += 1
            kept += term in out
            if term not in out:
                lost.append((row["family"], term, out))
    for row in negatives:
        out = redact(row["text"])
        if out != row["text"]:
            false_positives.append((row["family"], row["text"], out))
    return {
        "positives": len(positives),
        "negatives": len(negatives),
        "line_recall": line_hits / len(positives),
        "secret_recall": secret_hits / secret_total,
        "fp_rate": len(false_positives) / len(negatives),
        "keep_rate": kept / kept_total if kept_total else 1.0,
        "misses": misses,
        "false_positives": false_positives,
        "lost": lost,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", default=str(ROOT / "tests/data/secrets_dev.jsonl"))
    parser.add_argument("--errors", action="store_true", help="print every miss, false positive and lost term")
    args = parser.parse_args()
    rows = [json.loads(line) for line in Path(args.file).read_text().splitlines() if line.strip()]
    print(f"{Path(args.file).name}: {len(rows)} lines, families: {len(Counter(r['family'] for r in rows))}")
    for name, redact in (("secret_detector", secret_detector.redact), ("baseline (pw label only)", baseline_redact)):
        result = score(rows, redact)
        print(
            f"{name:26} recall lines {result['line_recall']:.3f}  secrets {result['secret_recall']:.3f}  "
            f"false positives {result['fp_rate']:.1%} of {result['negatives']} negatives  "
            f"kept terms {result['keep_rate']:.3f}"
        )
        if args.errors and redact is secret_detector.redact:
            for family, text, out in result["misses"]:
                print(f"  MISS [{family}] {text!r}\n        -> {out!r}")
            for family, text, out in result["false_positives"]:
                print(f"  FP   [{family}] {text!r}\n        -> {out!r}")
            for family, term, out in result["lost"]:
                print(f"  LOST [{family}] {term!r} in {out!r}")
    timings = []
    for row in rows:
        secret_detector._find.cache_clear()
        start = time.perf_counter()
        secret_detector.redact(row["text"])
        timings.append((time.perf_counter() - start) * 1e6)
    print(
        f"time per line (cold cache): median {statistics.median(timings):.0f} µs, "
        f"p99 {sorted(timings)[int(len(timings) * 0.99)]:.0f} µs"
    )


if __name__ == "__main__":
    main()
