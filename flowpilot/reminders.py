"""Follow-up reminders: set, cancel, and the due-reminder loop that claims each one exactly once."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Optional, cast

from sqlalchemy import CursorResult, func, select, update

from . import secret_detector, session_store, vocabulary, wire
from .errors import ReminderError
from .extensions import db
from .ledger import Ledger
from .models import Notification, Session, Step
from .updates.client_text import issue_topic

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
MAX_MINUTES = 7 * 24 * 60
CANCELLED_NOTE = "Reminder cancelled — session {how}"


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


def set_reminder(session: Session, update_step: Step, minutes: Any, now: datetime) -> Step:
    """A pending reminder to send another update to the same audience, `minutes` from now."""
    if session.status not in vocabulary.OPEN_STATUSES:
        raise ReminderError(f"This session is {session.status}; there is nothing left to remind you about.")
    if isinstance(minutes, bool) or not isinstance(minutes, (int, float)) or not 1 <= minutes <= MAX_MINUTES:
        raise ReminderError("Pick a reminder between 1 minute and 7 days from now.")
    for earlier in pending(session):  # a new reminder for an update replaces the one it had
        if earlier.content.get("update_step_id") == update_step.id:
            cancel(earlier, now)
    content = {
        "remind_at": _iso(now + timedelta(minutes=float(minutes))),
        "audience": update_step.content.get("audience"),
        "status": "pending",
        "update_step_id": update_step.id,
    }
    step = session_store.add_step(session, "update_reminder", "system", content)
    _mark_update(update_step.id, "pending")
    return step


def _mark_update(step_id: Optional[int], status: str) -> None:
    step = db.session.get(Step, step_id) if step_id else None
    if step is not None:
        db.session.refresh(step)  # another thread may have just written this step's JSON
        step.content = {**step.content, "reminder_status": status}
        db.session.commit()


def pending(session: Session) -> list[Step]:
    """The session's reminders still waiting to fire."""
    return list(
        db.session.scalars(
            select(Step).where(
                Step.session_id == session.id,
                Step.step_type == "update_reminder",
                Step.content["status"].as_string() == "pending",
            )
        )
    )


def _claim(step: Step, status: str, extra: dict[str, Any]) -> bool:
    """Move a pending reminder to `status` only if it is still pending: exactly one caller wins."""
    result = db.session.execute(
        update(Step)
        .where(Step.id == step.id, Step.content["status"].as_string() == "pending")
        .values(content={**step.content, "status": status, **extra})
    )
    db.session.commit()
    return cast(CursorResult[Any], result).rowcount == 1


def cancel(step: Step, now: datetime) -> bool:
    """Cancel one pending reminder; False if it already fired or was cancelled."""
    if _claim(step, "cancelled", {"cancelled_at": _iso(now)}):
        _mark_update(step.content.get("update_step_id"), "cancelled")
        return True
    return False


def cancel_for_session(session: Session, now: datetime, how: str = "resolved") -> tuple[Optional[Step], list[Step]]:
    """Resolving (or escalating) cancels the session's pending reminders and says so in the timeline;
    returns that line and the reminders cancelled."""
    cancelled = [s for s in pending(session) if cancel(s, now)]
    if not cancelled:
        return None, []
    return session_store.add_step(
        session, "reminder_cancelled", "system", {"text": CANCELLED_NOTE.format(how=how)}
    ), cancelled


def run_due(now: datetime) -> list[Notification]:
    """Fire every due reminder this process manages to claim; return the notifications made."""
    due = list(
        db.session.scalars(
            select(Step).where(
                Step.step_type == "update_reminder",
                Step.content["status"].as_string() == "pending",
                Step.content["remind_at"].as_string() <= _iso(now),
            )
        )
    )
    made = []
    for step in due:
        if _claim(step, "fired", {"fired_at": _iso(now)}):
            made.append(_notify(step))
    return made


def _notify(step: Step) -> Notification:
    session = db.session.get(Session, step.session_id)
    assert session is not None  # a reminder step always belongs to a stored session
    topic = issue_topic(Ledger(intake={"issue": session.issue}, messages=[]))
    audience = step.content.get("audience") or "client_update"
    note = Notification(
        account_id=session.account_id,
        user_id=session.engineer_id,
        session_id=session.id,
        kind="update_reminder",
        text=secret_detector.redact(f"Time to send another update to {session.client_name} on the {topic} issue"),
        payload={
            "audience": audience,
            "reminder_step_id": step.id,
            "update_step_id": step.content.get("update_step_id"),
        },
    )
    db.session.add(note)
    db.session.commit()
    _mark_update(step.content.get("update_step_id"), "fired")
    return note


def notification_event(note: Notification) -> dict[str, Any]:
    """The socket event for a notification."""
    return wire.notification(
        note.id,
        note.text,
        note.session_id,
        note.payload.get("update_step_id"),
        note.payload.get("audience", "client_update"),
    )


class ReminderLoop:
    """A daemon thread per process: claim due reminders every `interval` seconds and push them."""

    def __init__(self, app, hub, clock: Clock, interval: float) -> None:
        self.app, self.hub, self.clock, self.interval = app, hub, clock, interval
        self.pid: Optional[int] = None
        self.seen_id: Optional[int] = None  # newest notification this process has pushed
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None

    def ensure_running(self) -> None:
        """Start once per process (a fork or a new worker starts its own)."""
        if self.pid == os.getpid():
            return
        self.pid = os.getpid()
        self._thread = threading.Thread(target=self._run, name="flowpilot-reminders", daemon=True)
        self._thread.start()

    def stop(self, wait: float = 0) -> None:
        """End this process's loop after its current pass (an app torn down in tests, a worker shutting down)."""
        self._stop.set()
        if wait and self._thread is not None:
            self._thread.join(wait)

    @property
    def running(self) -> bool:
        """True while this process's loop thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def tick(self) -> list[Notification]:
        """One pass: fire what is due (also what came due while the server was down), then push every
        new notification to the sockets this process holds, whichever process made it."""
        with self.app.app_context():
            if self.seen_id is None:
                self.seen_id = db.session.scalar(select(func.max(Notification.id))) or 0
            made = run_due(self.clock())
            users = self.hub.users()
            fresh = (
                list(
                    db.session.scalars(
                        select(Notification)
                        .where(Notification.id > self.seen_id, Notification.user_id.in_(users))
                        .order_by(Notification.id)
                    )
                )
                if users
                else []
            )
            self.seen_id = max([self.seen_id, *(n.id for n in made), *(n.id for n in fresh)])
            for note in fresh:
                self.hub.push(note.user_id, notification_event(note))
            return made

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
            except Exception:  # keep the loop alive; the next pass retries
                log.exception("reminder pass failed")
            self._stop.wait(self.interval)
