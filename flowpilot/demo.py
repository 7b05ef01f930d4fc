"""The demo session's updates, written through the real pipeline so a first sign-in shows each review feature:
sources under a ticket note, a client update refined to a formal version and rated, and Ask the Client."""

from __future__ import annotations

from .extensions import db
from .models import Session, Step, User
from .services import Services
from .updates import service
from .updates.pipeline import UpdateRequest, write_update
from .updates.refine import refine_update


def add_demo_updates(session: Session, user: User) -> None:
    """Write three updates with the built-in engine (no LLM, no network) and use the review features on one."""
    services = Services()  # built-in engine only: the demo never calls a configured LLM
    for audience, length in (("ticket_notes", "detailed"), ("client_update", "quick"), ("client_questions", "quick")):
        done = list(write_update(session, UpdateRequest(audience, length, force=True), services))[-1]
        if audience == "client_update":
            step = db.session.get(Step, done["step_id"])
            if step is not None:
                refine_update(session, step, user, "more_formal", services)
                service.record_feedback(step, user.id, "up")
