"""Session list, intake form and session page, scoped to the user's account."""

import re

from sqlalchemy import select

from flowpilot import session_store
from flowpilot.extensions import db
from flowpilot.models import Session, Step, User
from tests.conftest import csrf_token, login


def test_list_shows_only_my_accounts_sessions(alice_client):
    html = alice_client.get("/").get_data(as_text=True)
    assert "Acme Medical Group" in html and "Other Client" not in html


def test_list_filters_by_status_and_scope(app, client):
    with app.app_context():
        bob = db.session.scalar(select(User).where(User.email == "bob@acme-msp.test"))
        s = session_store.create_session(bob, client_name="Bobs Bakery", issue="Printer offline")
        session_store.resolve(s, "Replaced toner")
    login(client, "alice@acme-msp.test")
    assert "Bobs Bakery" not in client.get("/").get_data(as_text=True)  # mine only
    team = client.get("/?scope=team").get_data(as_text=True)
    assert "Bobs Bakery" in team and "Acme Medical Group" in team
    resolved = client.get("/?scope=team&status=resolved").get_data(as_text=True)
    assert "Bobs Bakery" in resolved and "Acme Medical Group" not in resolved


def test_intake_creates_session(app, alice_client):
    token = csrf_token(alice_client, "/sessions/new")
    response = alice_client.post(
        "/sessions/new",
        data={
            "csrf_token": token,
            "client_name": "Northwind Dental",
            "contact_name": "Priya",
            "ticket_number": "TKT-3001",
            "issue": "Front desk PC cannot print",
        },
    )
    assert response.status_code == 302
    session_id = int(response.location.rsplit("/", 1)[1])
    with app.app_context():
        s = db.session.get(Session, session_id)
        assert (s.client_name, s.contact_name, s.ticket_number, s.status) == (
            "Northwind Dental",
            "Priya",
            "TKT-3001",
            "active",
        )
    page = alice_client.get(response.location).get_data(as_text=True)
    assert "Northwind Dental" in page and "Front desk PC cannot print" in page


def test_intake_names_the_bad_field_and_keeps_input(app, alice_client):
    token = csrf_token(alice_client, "/sessions/new")
    response = alice_client.post(
        "/sessions/new",
        data={
            "csrf_token": token,
            "client_name": "",
            "contact_name": "Priya",
            "ticket_number": "TKT<3001>",
            "issue": "Scanner broken since Monday",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Client name is required." in html
    assert "Ticket number may contain only letters" in html
    assert 'value="Priya"' in html and "Scanner broken since Monday" in html
    assert 'value="TKT&lt;3001&gt;"' in html  # kept, and escaped
    with app.app_context():
        assert db.session.scalar(select(Session).where(Session.contact_name == "Priya")) is None


def test_intake_requires_csrf(alice_client):
    response = alice_client.post("/sessions/new", data={"client_name": "X", "issue": "Y"})
    assert response.status_code == 400


def test_other_accounts_session_is_404(alice_client):
    assert alice_client.get("/sessions/1").status_code == 200
    response = alice_client.get("/sessions/2")  # Eve's session
    assert response.status_code == 404 and "Other Client" not in response.get_data(as_text=True)
    assert alice_client.get("/sessions/999").status_code == 404


def test_session_page_shows_history_escaped(app, alice_client):
    with app.app_context():
        s = db.session.get(Session, 1)
        session_store.add_step(s, "message", "engineer", {"text": "<script>alert(1)</script> MX ok"})
        session_store.add_step(s, "message", "assistant", {"text": "**Check** <img src=x onerror=alert(2)>"})
    html = alice_client.get("/sessions/1").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; MX ok" in html
    assert "<strong>Check</strong>" in html
    assert "<img" not in html and "<script>alert" not in html
    assert re.search(r'<meta name="csrf-token" content="[^"]+">', html)
    for label in ("Escalate", "Pause", "Resolve"):
        assert f">{label}</button>" in html


def test_import_and_messages_limit(app):
    with app.app_context():
        s = db.session.get(Session, 1)
        for i in range(5):
            session_store.add_step(s, "message", "engineer", {"text": f"m{i}"})
        session_store.add_step(s, "pause", "system", {"text": "Session paused."})
        last = session_store.messages(s, limit=3)
        assert [m.content["text"] for m in last] == ["m2", "m3", "m4"]
        assert db.session.scalar(select(Step.step_type).where(Step.session_id == 1).order_by(Step.id.desc())) == "pause"
