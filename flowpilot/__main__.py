"""`python -m flowpilot detect` — pure, offline, no app and no database."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Optional, Sequence, TextIO


def detect_lines(stdin: TextIO, stdout: TextIO) -> None:
    """One chat message per input line → one JSON object per output line."""
    from .intents import IntentDetector

    detector = IntentDetector()
    for line in stdin:
        intent = detector.detect(line.rstrip("\n"))
        result = {"intent": "status_update" if intent else None,
                  "audience": intent.audience if intent else None,
                  "length": intent.length if intent else None,
                  "context": intent.context if intent else None}
        stdout.write(json.dumps(result) + "\n")
        stdout.flush()


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m flowpilot")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("detect", help="detect status-update requests, one message per line")
    args = parser.parse_args(argv)
    if args.command == "detect":
        detect_lines(sys.stdin, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
