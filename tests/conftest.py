"""Shared fixtures: a fresh app and database per test, users in two accounts; fakes of the other side of the wire."""

from __future__ import annotations

import os
import re
import socket
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from flowpilot import accounts, create_app, session_store
from flowpilot.cli import init_db
from flowpilot.extensions import db
from flowpilot.models import User
from flowpilot.reminders import ReminderLoop
from tests.fakes.openai_server import FakeOpenAIServer

PASSWORD = "correct horse battery"
# `make test` sets this to run the suite against a real PostgreSQL as well as SQLite.
POSTGRES_URL = os.environ.get("FLOWPILOT_TEST_POSTGRES_URL")


def pytest_collection_modifyitems(config, items):
    if POSTGRES_URL:
        skip = pytest.mark.skip(reason="SQLite-specific (file locking, WAL, the raw file)")
        for item in items:
            if item.get_closest_marker("sqlite_only"):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def fake_llm():
    server = FakeOpenAIServer().start()
    yield server
    server.stop()


def refused_url() -> str:
    """A loopback URL where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


@pytest.fixture
def app(request, tmp_path: Path):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'test.sqlite'}",
        "LLM_BASE_URL": None,
        "REMINDERS_ENABLED": False,
    }
    extra = request.node.get_closest_marker("app_config")
    if extra:
        config.update(extra.kwargs)
    reminders_marker = request.node.get_closest_marker("reminders")
    if reminders_marker:
        config.update(REMINDERS_ENABLED=True, REMINDER_INTERVAL=0.2, **reminders_marker.kwargs)
    marker = request.node.get_closest_marker("llm")
    if marker:
        fake_llm: FakeOpenAIServer = request.getfixturevalue("fake_llm")  # started only for tests that use it
        fake_llm.reset()
        url = refused_url() if marker.kwargs.get("refused") else fake_llm.url
        config.update(
            LLM_BASE_URL=url,
            LLM_API_KEY="sk-test-SECRET-123",
            LLM_MODEL="fake-model",
            LLM_TIMEOUT=marker.kwargs.get("timeout", 5.0),
        )
    if POSTGRES_URL:
        config["DATABASE_URL"] = POSTGRES_URL
    app = create_app(config)
    with app.app_context():
        if POSTGRES_URL:
            db.drop_all()  # a fresh database for every test, as SQLite's new file gives
        init_db()
        alice = accounts.create_user("alice@acme-msp.test", PASSWORD, "Alice Ng", "Acme MSP", admin=True)
        accounts.create_user("bob@acme-msp.test", PASSWORD, "Bob Stone", "Acme MSP")
        eve = accounts.create_user("eve@other-msp.test", PASSWORD, "Eve Moss", "Other MSP")
        session_store.create_session(
            alice,
            client_name="Acme Medical Group",
            contact_name="Dana",
            ticket_number="TKT-2847",
            issue="External email not arriving",
        )
        session_store.create_session(eve, client_name="Other Client", issue="VPN drops")
        db.engine.dispose()  # no pooled SQLite handles may cross into a forked live server
    yield app
    with app.app_context():
        from flowpilot import services

        loop = services.current().reminders
        if loop is not None:
            loop.stop()  # its database is about to go: a loop left running would log failed passes
        db.session.remove()
        db.engine.dispose()  # close pooled connections now, not whenever the garbage collector runs


def csrf_token(client: FlaskClient, path: str = "/login") -> str:
    """The CSRF token from a page's meta tag."""
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def login(client: FlaskClient, email: str, password: str = PASSWORD):
    """Sign in through the real form, CSRF token included."""
    token = csrf_token(client)
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token})


@pytest.fixture
def alice_client(client: FlaskClient) -> FlaskClient:
    assert login(client, "alice@acme-msp.test").status_code == 302
    return client


@pytest.fixture(autouse=True)
def _push_request_context():
    """Override pytest-flask's: one pushed context would share `g` (CSRF token, signed-in user)
    across every request of a test, hiding real bugs."""
    yield


@pytest.fixture(autouse=True)
def _stop_reminder_loops(monkeypatch):
    """Every reminder loop a test starts (apps it makes itself included) ends with the test: a loop left running
    outlives the test's database and logs 'reminder pass failed' into later tests."""
    started: list[ReminderLoop] = []
    start = ReminderLoop.ensure_running

    def tracked(loop: ReminderLoop) -> None:
        started.append(loop)
        start(loop)

    monkeypatch.setattr(ReminderLoop, "ensure_running", tracked)
    yield
    for loop in started:
        loop.stop(wait=5)


DEMO = Path(__file__).resolve().parents[1] / "flowpilot" / "data" / "demo_session.json"


@pytest.fixture
def worked_session(app) -> int:
    """Alice's session with a dozen real troubleshooting messages (the demo transcript)."""
    import json

    from sqlalchemy import select

    from flowpilot import transcripts
    from flowpilot.models import User

    with app.app_context():
        alice = db.session.scalar(select(User).where(User.email == "alice@acme-msp.test"))
        session_id = transcripts.import_session(json.loads(DEMO.read_text()), alice).id
        db.engine.dispose()
    return session_id


@pytest.fixture
def cw():
    """A fake ConnectWise over real HTTP."""
    from tests.fakes.connectwise_server import FakeConnectWise

    server = FakeConnectWise()
    yield server
    server.stop()


@pytest.fixture
def psa_connected(app, cw):
    """Acme MSP connected to the fake ConnectWise (request it before live_server)."""
    from flowpilot.models import Account
    from flowpilot.psa.account import updated_settings

    with app.app_context():
        account = db.session.scalar(select(Account).where(Account.name == "Acme MSP"))
        account.psa_settings = updated_settings(
            {},
            {
                "site": cw.site,
                "company_id": cw.company,
                "client_id": cw.client_id,
                "public_key": cw.public,
                "private_key": cw.private,
            },
            app.config["SECRET_KEY"],
        )
        alice = db.session.scalar(select(User).where(User.email == "alice@acme-msp.test"))
        alice.psa_member_id = "aling"
        db.session.commit()
        db.engine.dispose()
    return cw


@pytest.fixture
def linked_session(app, worked_session, psa_connected) -> int:
    """The worked session, linked to the fake ConnectWise ticket 884213 (request before live_server)."""
    from flowpilot.models import Session

    with app.app_context():
        db.session.get(Session, worked_session).psa_ticket_id = 884213
        db.session.commit()
        db.engine.dispose()
    return worked_session
