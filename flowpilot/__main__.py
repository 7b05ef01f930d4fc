"""`python -m flowpilot detect|compose` — pure, offline, no app and no database."""
from __future__ import annotations

import argparse
import json
import sys
from typing import NoReturn, Optional, Sequence, TextIO

from .updates.template import AUDIENCES, CONTEXTS, LENGTHS, TONES


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
        result = {"intent": "status_update" if intent else None,
                  "audience": intent.audience if intent else None,
                  "length": intent.length if intent else None,
                  "context": intent.context if intent else None}
        stdout.write(json.dumps(result) + "\n")
        stdout.flush()


def compose_command(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Read a transcript on stdin and print the update (or its JSON)."""
    from . import ledger, transcripts
    from .errors import FlowPilotError
    from .updates.compose import compose_update
    from .updates.llm import stream_update
    from .updates.template import Template

    try:
        data = transcripts.read(stdin)
    except FlowPilotError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    built = ledger.build(data)
    template = Template(client_tone=args.tone)
    result = compose_update(built, args.audience, args.length, args.context, template, company=args.company)
    if args.engine == "llm":
        provider = _configured_provider()
        if provider is None:
            sys.stderr.write("error: --engine llm needs FLOWPILOT_LLM_BASE_URL (and FLOWPILOT_LLM_MODEL, "
                             "FLOWPILOT_LLM_API_KEY as your provider requires).\n")
            return 2
        try:
            final, report = _drain(stream_update(provider, built, args.audience, args.length, result["context"],
                                                 template, args.company))
            result.update(content=final, firewall=report.as_dict())
        except FlowPilotError as exc:
            sys.stderr.write(f"{exc} Here is the built-in update instead.\n")
    stdout.write(json.dumps(result, indent=2) + "\n" if args.json else result["content"] + "\n")
    return 0


def _configured_provider():
    """The LLM provider from FLOWPILOT_LLM_* in the environment, or None."""
    import os

    from .config import defaults, from_environ
    from .providers import build_provider

    return build_provider({**defaults(), **from_environ(os.environ)})


def _drain(generator):
    """Run a generator to its end and return its return value."""
    while True:
        try:
            next(generator)
        except StopIteration as stop:
            return stop.value


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point; returns the exit code."""
    parser = _Parser(prog="python -m flowpilot")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    commands.add_parser("detect", help="detect status-update requests, one message per line")
    compose = commands.add_parser("compose", help="write an update from a transcript on stdin")
    compose.add_argument("--audience", required=True, choices=AUDIENCES)
    compose.add_argument("--length", required=True, choices=LENGTHS)
    compose.add_argument("--context", choices=CONTEXTS, help="default: from the transcript's outcome")
    compose.add_argument("--tone", choices=TONES, default="professional")
    compose.add_argument("--company", default="", help="company name for the email sign-off")
    compose.add_argument("--json", action="store_true", help="print the full JSON result")
    compose.add_argument("--engine", choices=("grounded", "llm"), default="grounded",
                         help="llm: the provider set by FLOWPILOT_LLM_*, falling back to grounded")
    args = parser.parse_args(argv)
    if args.command == "detect":
        detect_lines(sys.stdin, sys.stdout)
        return 0
    return compose_command(args, sys.stdin, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
