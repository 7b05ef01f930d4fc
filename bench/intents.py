"""Intent detection figures on a labelled set: the detector (trained classifiers + rules) beside the older
rule-only detector and the brief's eight phrases as substrings, in the same run.

Usage: .venv/bin/python -m bench.intents [--file tests/data/intents/heldout_v8.jsonl] [--errors]
The held-out sets (heldout_v2 … v8.jsonl: all spent) are for final figures only: tune on the
training sets, and write a new held-out set for the next figure (and name it in intent_model.FRESH_HELDOUT).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Optional

from flowpilot.intents import IntentDetector

ROOT = Path(__file__).resolve().parent.parent

BRIEF_PHRASES = [
    "status update",
    "give me an update",
    "share progress",
    "write a summary",
    "update for the ticket",
    "update for the client",
    "what should i tell the client",
    "ticket note",
]
SLOTS = ("audience", "length", "context")
Predict = Callable[[str], Optional[dict]]


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def detector_predict(detector: IntentDetector) -> Predict:
    def predict(text: str) -> Optional[dict]:
        intent = detector.detect(text)
        return intent._asdict() if intent else None

    return predict


def baseline_predict(text: str) -> Optional[dict]:
    lowered = text.lower()
    if any(p in lowered for p in BRIEF_PHRASES):
        return {"audience": None, "length": None, "context": None}
    return None


def score(rows: list[dict], predict: Predict, repeat: int = 20) -> dict:
    tp = fp = fn = hn_fp = hn = slot_ok = 0
    per_slot = dict.fromkeys(SLOTS, 0)
    errors = []
    for row in rows:
        got = predict(row["text"])
        truth = row["intent"] == "status_update"
        if row["family"].startswith("hn_"):
            hn += 1
            hn_fp += bool(got)
        if truth and got:
            tp += 1
            for s in SLOTS:
                per_slot[s] += got[s] == row[s]
            if all(got[s] == row[s] for s in SLOTS):
                slot_ok += 1
            else:
                errors.append(("slots", row, got))
        elif got:
            fp += 1
            errors.append(("false positive", row, got))
        elif truth:
            fn += 1
            errors.append(("missed", row, got))
    timings = []
    for _ in range(repeat):
        for row in rows:
            start = time.perf_counter_ns()
            predict(row["text"])
            timings.append((time.perf_counter_ns() - start) / 1000)
    timings.sort()
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "n": len(rows),
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "slot_em_detected": slot_ok / tp if tp else 0.0,
        **{f"{s}_acc": per_slot[s] / tp if tp else 0.0 for s in SLOTS},
        "slot_em_all": slot_ok / (tp + fn) if tp + fn else 0.0,
        "hard_neg_fp_rate": hn_fp / hn if hn else 0.0,
        "hard_negatives": hn,
        "median_us": statistics.median(timings),
        "p99_us": timings[int(len(timings) * 0.99) - 1],
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", default=str(ROOT / "tests/data/intents/heldout_v8.jsonl"))
    parser.add_argument("--errors", action="store_true", help="list every miss (dev set only)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    rows = load(Path(args.file))
    ours = score(rows, detector_predict(IntentDetector()))
    rules = score(rows, detector_predict(IntentDetector(rules_only=True)))
    base = score(rows, baseline_predict)
    print(f"file: {args.file}  ({len(rows)} messages, {ours['hard_negatives']} hard negatives)")
    print(f"{'metric':28}{'IntentDetector':>16}{'rules only (old)':>18}{'8-phrase substring':>20}")
    for key, label in (
        ("precision", "intent precision"),
        ("recall", "intent recall"),
        ("f1", "intent F1"),
        ("slot_em_all", "slot exact match (all pos)"),
        ("slot_em_detected", "slot exact match (found)"),
        ("audience_acc", "audience right (found)"),
        ("length_acc", "length right (found)"),
        ("context_acc", "context right (found)"),
        ("hard_neg_fp_rate", "hard-negative FP rate"),
        ("median_us", "median µs / message"),
        ("p99_us", "p99 µs / message"),
    ):
        print(f"{label:28}{ours[key]:>16.3f}{rules[key]:>18.3f}{base[key]:>20.3f}")
    if args.errors:
        for kind, row, got in ours["errors"]:
            want = {s: row[s] for s in SLOTS} if row["intent"] else None
            print(f"[{kind}] {row['text']!r}\n    want {want}\n    got  {got}")


if __name__ == "__main__":
    main()
