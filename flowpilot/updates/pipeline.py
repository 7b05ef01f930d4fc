"""One update pipeline: ledger once, one engine with its fallback, the firewall, wire events, one stored step.

The socket, the REST endpoint and `python -m flowpilot compose` all call write_update().
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Optional, Union

from .. import entities, vocabulary, wire
from .. import ledger as ledger_module
from ..errors import FlowPilotError, NothingNew, ProviderError
from ..ledger import Ledger
from ..render import markdown_html
from . import llm, sources
from .compose import compose
from .firewall import AudienceFirewall, FirewallReport
from .template import Template

if TYPE_CHECKING:
    from ..models import Session
    from ..services import Services

# A sentence or a line: dots inside "185.220.101.34" or "docs@example.com" do not end one.
_CHUNK = re.compile(r"(?:[^\n.!?]|[.!?]+(?![\s.!?]|$))*(?:[.!?]+(?=\s|$)|\n|$)\s*")


@dataclass(frozen=True)
class UpdateRequest:
    """What the engineer asked for; length and context default from the team template and the session."""

    audience: str
    length: Optional[str] = None
    context: Optional[str] = None
    purpose: Optional[str] = None  # 'documentation', 'share_resolution'… when FlowPilot offers it unasked
    force: bool = False  # write even when nothing is new since the last update to this audience
    refine: Optional[str] = None  # 'shorter', 'plainer'… (vocabulary.REFINES): a new version of an update


@dataclass
class Subject:
    """What an update is written about (a transcript, or its ledger) and where the result is kept."""

    transcript: dict[str, Any] = field(default_factory=dict)
    template: Template = field(default_factory=Template)
    company: str = ""
    other_clients: tuple[str, ...] = ()
    since_step_id: Optional[int] = None
    since_label: str = ""  # when that update was written, for the "nothing new" message
    store: Optional[Callable[[dict[str, Any]], int]] = None  # stores the step, returns its id; None: CLI
    ledger: Optional[Ledger] = None


@dataclass
class UpdateResult:
    """What either engine produced, after the firewall."""

    text: str
    firewall: FirewallReport
    engine: str
    model: Optional[str] = None
    sources: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class StoredUpdate:
    """The content of a status_update step (docs/DESIGN.md, 'Stored update')."""

    audience: str
    length: str
    context: str
    session_status: str
    steps_completed: int
    time_spent_minutes: int
    generated_at: str
    generated_content: str
    engine: str
    model: Optional[str]
    firewall: dict[str, Any]
    since_step_id: Optional[int]
    fallback_reason: Optional[str]
    sources: list[dict[str, Any]] = field(default_factory=list)
    psa_push_status: Optional[dict[str, Any]] = None
    delivery: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Job:
    """One update being written: the ledger and the resolved request."""

    ledger: Ledger
    audience: str
    length: str
    context: str
    template: Template
    company: str
    others: tuple[str, ...]
    draft: str  # the grounded composer's text: the grounded update, and the LLM's starting point
    draft_sources: list[dict[str, Any]] = field(default_factory=list)  # each draft sentence and its messages
    refine: Optional[str] = None  # what the engineer asked of this version ('shorter', 'more_formal'…)


def chunks(text: str) -> list[str]:
    """Sentence- or line-sized pieces that join back into the text."""
    return [piece for piece in _CHUNK.findall(text) if piece]


def write_update(about: Union[Session, Subject], request: UpdateRequest, services: Services) -> Iterator[wire.Event]:
    """Yield update.start, update.delta…, (update.fallback), update.done; store one step at the end.

    A database session that is open and too young for an update raises ActionError before anything is sent."""
    subject = about if isinstance(about, Subject) else _session_subject(about, request.audience)
    job = _job(subject, request)
    provider = services.provider
    yield wire.update_start(job.audience, job.length, job.context, "llm" if provider else "grounded", request.purpose)
    engines: list[tuple[str, Optional[str], Callable[[], Iterator[str]]]] = [
        ("grounded", None, lambda: iter(chunks(job.draft)))
    ]
    if provider is not None:
        engines.insert(0, ("llm", provider.model, lambda: llm.pieces(provider, job)))
    result, fallback = None, None
    for engine, model, pieces in engines:
        # The grounded draft is whole before it streams: its secrets are found once, not again in every piece.
        found = frozenset(entities.secrets(job.draft)) if engine == "grounded" else None
        screen = _Screen(services.firewall, job, found)
        try:
            for piece in pieces():
                delta = screen.add(piece)
                if delta:
                    yield wire.update_delta(delta)
            result = screen.result(engine, model)
            break
        except FlowPilotError as exc:  # only the LLM fails; the grounded update follows
            fallback = f"{exc} Here is the built-in update instead."
            yield wire.update_fallback(fallback)
    assert result is not None  # the grounded engine always produces text
    stored = _stored(job, result, subject.since_step_id, fallback)
    content = asdict(stored)
    step_id = subject.store(content) if subject.store else None
    yield wire.update_done(step_id, content, markdown_html(result.text), request.purpose)


def compose_update(
    ledger: Ledger,
    audience: str,
    length: str,
    context: Optional[str] = None,
    template: Optional[Template] = None,
    company: str = "",
    other_clients: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The grounded update through the whole pipeline, as the CLI's JSON shape (docs/DESIGN.md)."""
    from ..services import Services

    subject = Subject(ledger=ledger, template=template or Template(), company=company, other_clients=other_clients)
    events = list(write_update(subject, UpdateRequest(audience, length, context), Services()))
    return result_json(events[-1])


CLI_FIELDS = (
    "sources",
    "content",
    "audience",
    "length",
    "context",
    "session_status",
    "steps_completed",
    "time_spent_minutes",
    "generated_at",
    "firewall",
)


def result_json(done: wire.Event) -> dict[str, Any]:
    """The public JSON of an update (CLI --json; the REST endpoint adds step_id, engine, model)."""
    return {k: done[k] for k in CLI_FIELDS}


def _anything_new(built: Ledger) -> bool:
    """A step, finding or plan since the last update, or a change of status."""
    changed = built.previous_state is not None and built.previous_state != built.state
    return changed or any(f.kind not in ("symptom", "question") for f in built.new_facts)


def _session_subject(session: Session, audience: str) -> Subject:
    from . import service

    return service.session_subject(session, audience)


def _job(subject: Subject, request: UpdateRequest) -> Job:
    if (
        request.audience not in vocabulary.AUDIENCES
        or (request.length and request.length not in vocabulary.LENGTHS)
        or (request.context and request.context not in vocabulary.CONTEXTS)
    ):
        raise ValueError("audience, length or context is not one we know")
    built = subject.ledger or ledger_module.build(subject.transcript)
    if subject.since_step_id is not None and not request.force and not _anything_new(built):
        label = vocabulary.AUDIENCES[request.audience]["label"].lower()
        raise NothingNew(
            f"Nothing new has happened since your last {label}{subject.since_label}, so there is nothing "
            "new to say. Copy that one again from the updates list, or click Regenerate to write one anyway."
        )
    length = request.length or subject.template.default_length
    context = request.context or vocabulary.CONTEXT_OF_OUTCOME.get(built.outcome, "progress")
    with sources.collecting() as found:
        draft = compose(built, request.audience, length, context, subject.template, subject.company)
    if request.refine == "plainer":  # the grounded words are plain already: what is left is the asides
        draft = re.sub(r"[ \t]*\([^()\n]{1,200}\)", "", draft)
    return Job(
        built,
        request.audience,
        length,
        context,
        subject.template,
        subject.company,
        subject.other_clients,
        draft,
        sources.with_step_ids(found, subject.transcript),
        request.refine,
    )


class _Screen:
    """Passes each piece of an engine's text through the firewall as it streams; what passed is the update."""

    def __init__(self, firewall: AudienceFirewall, job: Job, secrets: Optional[frozenset[str]] = None) -> None:
        self.firewall, self.job, self.secrets = firewall, job, secrets
        self.parts: list[str] = []
        self.report = FirewallReport()

    def add(self, piece: str) -> str:
        """The piece as it may be shown ('' when nothing of it may); whitespace around it is kept."""
        core = piece.strip()
        lead, trail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()) :]
        safe = ""
        if core:
            safe, report = self.firewall.check(
                core, self.job.audience, self.job.ledger, self.job.others, verify=False, secrets=self.secrets
            )
            self.report.removed += report.removed
            self.report.rewritten += report.rewritten
        # A dropped sentence keeps its line breaks, so the paragraphs around it stay apart.
        delta = lead + safe + trail if safe else "\n" * min(2, (lead + trail).count("\n"))
        self.parts.append(delta)
        return delta

    def result(self, engine: str, model: Optional[str]) -> UpdateResult:
        """The whole text as streamed, checked once more as a whole; ProviderError when nothing is left."""
        text = re.sub(r"[ \t]+\n", "\n", "".join(self.parts))
        text = re.sub(r"\n{3,}", "\n\n", text).strip()
        # A secret split across two pieces would pass the piece checks: the whole text gets a secrets pass (for the
        # grounded draft, whose secrets were found in it whole, with those).
        text, report = self.firewall.check(text, "ticket_notes", self.job.ledger, secrets=self.secrets)
        self.report.removed += report.removed
        if not text:
            raise ProviderError("The AI model's answer had nothing that could be sent.")
        self.report.clean = self.firewall.verify(text, self.job.audience, self.job.ledger, self.job.others)
        return UpdateResult(text, self.report, engine, model, self._sources(text) if engine == "grounded" else [])

    def _sources(self, text: str) -> list[dict[str, Any]]:
        """The draft's sentences as they were shown (through the same firewall), with their messages.
        The LLM's sentences have none: it rewrites freely, so no sentence can be traced with certainty."""
        shown = []
        for item in self.job.draft_sources:
            if item["text"] in text:  # shown as written: the whole text has been through the firewall already
                shown.append(item)
                continue
            safe, _ = self.firewall.check(
                item["text"], self.job.audience, self.job.ledger, self.job.others, verify=False
            )
            if safe and safe in text:
                shown.append({**item, "text": safe})
        return shown


def _stored(job: Job, result: UpdateResult, since_step_id: Optional[int], fallback: Optional[str]) -> StoredUpdate:
    return StoredUpdate(
        audience=job.audience,
        length=job.length,
        context=job.context,
        session_status=job.ledger.state,
        steps_completed=job.ledger.steps_completed,
        time_spent_minutes=job.ledger.time_spent_minutes,
        generated_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        generated_content=result.text,
        engine=result.engine,
        model=result.model,
        sources=result.sources,
        firewall=result.firewall.as_dict(),
        since_step_id=since_step_id,
        fallback_reason=fallback,
    )
