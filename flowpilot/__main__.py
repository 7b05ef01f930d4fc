"""`python -m flowpilot detect|compose|train-intents` — pure, offline, no app and no database."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Optional, TextIO

from .vocabulary import AUDIENCES, CONTEXTS, LENGTHS, TONES

if TYPE_CHECKING:
    from .providers.base import Provider


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message}\n")


def detect_lines(stdin: TextIO, stdout: TextIO) -> None:
    """One chat message per input line → one JSON object per output line."""
    from .intents import IntentDetector

    detector = IntentDetector()
    for line in stdin:
        intent = detector.detect(line.rstrip("\n"))
        result = {
            "intent": "status_update" if intent else None,
            "audience": intent.audience if intent else None,
            "length": intent.length if intent else None,
            "context": intent.context if intent else None,
        }
        stdout.write(json.dumps(result) + "\n")
        stdout.flush()


def compose_command(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Read a transcript on stdin and print the update (or its JSON), through the one update pipeline."""
    from . import transcripts
    from .errors import FlowPilotError, LLMNotConfigured
    from .services import Services
    from .updates.pipeline import Subject, UpdateRequest, result_json, write_update
    from .updates.template import Template

    try:
        data = transcripts.read(stdin)
    except FlowPilotError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    provider = _configured_provider() if args.engine == "llm" else None
    if args.engine == "llm" and provider is None:
        sys.stderr.write(f"error: {LLMNotConfigured()}\n")
        return 2
    subject = Subject(transcript=data, template=Template(client_tone=args.tone), company=args.company)
    done: dict[str, Any] = {}
    for event in write_update(
        subject, UpdateRequest(args.audience, args.length, args.context), Services(provider=provider)
    ):
        if event["type"] == "update.fallback":
            sys.stderr.write(event["message"] + "\n")
        done = event
    result = result_json(done)
    stdout.write(json.dumps(result, indent=2) + "\n" if args.json else result["content"] + "\n")
    return 0


def train_intents_command(args: argparse.Namespace, stdout: TextIO) -> int:
    """Train the update-request classifier on the labelled training lines and save it into the package."""
    from . import intent_model

    paths = intent_model.training_files(Path(args.data))
    if not paths:
        sys.stderr.write(f"error: no train_*.jsonl files in {args.data}\n")
        return 2
    rows = intent_model.training_rows(Path(args.data))
    nlp = intent_model.train(rows)
    target = Path(args.out)
    intent_model.save(nlp, target)
    stdout.write(f"trained on {len(rows)} lines from {len(paths)} files; saved to {target}\n")
    return 0


def _configured_provider() -> Optional[Provider]:
    """The LLM provider from FLOWPILOT_LLM_* in the environment, or None."""
    import os

    from .config import defaults, from_environ
    from .providers import build_provider

    return build_provider({**defaults(), **from_environ(os.environ)})


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point; returns the exit code."""
    parser = _Parser(prog="python -m flowpilot")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    commands.add_parser("detect", help="detect status-update requests, one message per line")
    compose = commands.add_parser("compose", help="write an update from a transcript on stdin")
    compose.add_argument("--audience", required=True, choices=tuple(AUDIENCES))
    compose.add_argument("--length", required=True, choices=tuple(LENGTHS))
    compose.add_argument("--context", choices=tuple(CONTEXTS), help="default: from the transcript's outcome")
    compose.add_argument("--tone", choices=TONES, default="professional")
    compose.add_argument("--company", default="", help="company name for the email sign-off")
    compose.add_argument("--json", action="store_true", help="print the full JSON result")
    compose.add_argument(
        "--engine",
        choices=("grounded", "llm"),
        default="grounded",
        help="llm: the provider set by FLOWPILOT_LLM_*, falling back to grounded",
    )
    train = commands.add_parser("train-intents", help="train the update-request classifier (ships in the package)")
    here = Path(__file__).resolve().parent
    train.add_argument("--data", default=str(here.parent / "tests" / "data" / "intents"), help="labelled lines")
    train.add_argument("--out", default=str(here / "data" / "intent_model"), help="where the pipeline is saved")
    args = parser.parse_args(argv)
    if args.command == "train-intents":
        return train_intents_command(args, sys.stdout)
    if args.command == "detect":
        detect_lines(sys.stdin, sys.stdout)
        return 0
    return compose_command(args, sys.stdin, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
