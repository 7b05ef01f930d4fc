"""Models and the database file."""

import sqlite3

import pytest
from sqlalchemy import select

from flowpilot import session_store
from flowpilot.extensions import db
from flowpilot.models import Account, Session, Step, User


def test_seeded_rows_and_relationships(app):
    with app.app_context():
        alice = db.session.scalar(select(User).where(User.email == "alice@acme-msp.test"))
        assert alice.account.name == "Acme MSP" and alice.is_admin and alice.display_name == "Alice"
        assert {u.email for u in alice.account.users} == {"alice@acme-msp.test", "bob@acme-msp.test"}
        session = db.session.scalar(select(Session).where(Session.engineer_id == alice.id))
        assert (session.status, session.diagnosis_state) == ("active", "investigating")
        assert session.account_id == alice.account_id


def test_step_content_json_round_trips_in_order(app):
    with app.app_context():
        session = db.session.get(Session, 1)
        first = session_store.add_step(session, "message", "engineer", {"text": "MX ok", "n": [1, 2]})
        second = session_store.add_step(session, "status_update", "assistant", {"audience": "client_update"})
        db.session.expire_all()
        steps = db.session.get(Session, 1).steps
        assert [s.id for s in steps] == [first.id, second.id]
        assert steps[0].content == {"text": "MX ok", "n": [1, 2]}
        assert db.session.get(Step, second.id).step_type == "status_update"


def test_account_json_columns(app):
    with app.app_context():
        account = db.session.scalar(select(Account).where(Account.name == "Acme MSP"))
        account.communication_templates = {"client_tone": "friendly"}
        db.session.commit()
        db.session.expire_all()
        assert db.session.get(Account, account.id).communication_templates["client_tone"] == "friendly"


@pytest.mark.sqlite_only
def test_sqlite_file_is_in_wal_mode(app, tmp_path):
    with sqlite3.connect(tmp_path / "test.sqlite") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
