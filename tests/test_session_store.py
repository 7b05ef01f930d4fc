"""Status changes: pause/resume, resolve with a summary, escalate with a reason, reopen."""

import pytest

from flowpilot import session_store
from flowpilot.extensions import db
from flowpilot.models import Session
from flowpilot.session_store import ActionError


def test_pause_and_resume(app):
    with app.app_context():
        s = db.session.get(Session, 1)
        assert session_store.toggle_pause(s).step_type == "pause" and s.status == "paused"
        assert session_store.toggle_pause(s).step_type == "resume" and s.status == "active"


def test_resolve_needs_summary_and_is_stored(app):
    with app.app_context():
        s = db.session.get(Session, 1)
        with pytest.raises(ActionError, match="Please add a summary of the fix first."):
            session_store.resolve(s, "   ")
        assert s.status == "active"
        step = session_store.resolve(s, "Scoped the transport rule to the group; mail flows.")
        assert step.step_type == "resolution" and step.content["summary"].startswith("Scoped")
        db.session.expire_all()
        s = db.session.get(Session, 1)
        assert (s.status, s.diagnosis_state) == ("resolved", "resolved") and s.ended_at is not None
        with pytest.raises(ActionError, match="already resolved"):
            session_store.resolve(s, "again")
        with pytest.raises(ActionError, match="cannot be paused"):
            session_store.toggle_pause(s)


def test_escalate_needs_reason(app):
    with app.app_context():
        s = db.session.get(Session, 1)
        with pytest.raises(ActionError, match="reason for escalating"):
            session_store.escalate(s, None)
        with pytest.raises(ActionError, match="reason is too long"):
            session_store.escalate(s, "x" * 4001)
        step = session_store.escalate(s, "Needs tier 3: tenant-level Exchange change")
        assert step.content == {"reason": "Needs tier 3: tenant-level Exchange change"}
        assert s.status == "escalated" and s.escalation_reason.startswith("Needs tier 3")


def test_reopen_a_closed_session_keeps_its_history(app):
    with app.app_context():
        s = db.session.get(Session, 1)
        with pytest.raises(ActionError, match="still open"):
            session_store.reopen(s)
        session_store.escalate(s, "Needs tier 3")
        step = session_store.reopen(s)
        assert step.step_type == "reopen" and step.content == {"text": "Session reopened."}
        assert (s.status, s.diagnosis_state, s.ended_at, s.escalation_reason) == ("active", "investigating", None, None)
        assert [x.step_type for x in s.steps][-2:] == ["escalation", "reopen"]  # the reason stays in the history
        assert session_store.toggle_pause(s).step_type == "pause"


def test_get_session_is_scoped_to_account(app):
    with app.app_context():
        eve_session = db.session.get(Session, 2)
        assert session_store.get_session(eve_session.account_id, 2).id == 2
        assert session_store.get_session(eve_session.account_id, 1) is None
