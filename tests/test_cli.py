"""App commands: init-db, create-user, demo, import-session."""

import json

from sqlalchemy import func, select

from flowpilot import accounts
from flowpilot.extensions import db
from flowpilot.models import Session, Step
from tests.conftest import login

TRANSCRIPT = {
    "intake": {
        "client_name": "Globex",
        "contact_name": "Hank",
        "ticket_number": "TKT-9",
        "issue": "VPN drops every hour",
        "unknown_key": 1,
    },
    "started_minutes_ago": 30,
    "messages": [
        {"role": "engineer", "minutes": 0, "text": "VPN drops hourly"},
        {"role": "assistant", "minutes": 1, "text": "Check the IKE lifetime."},
        {"role": "engineer", "minutes": 20, "text": "Lifetime mismatch, fixed"},
    ],
    "outcome": "resolved",
    "resolution_summary": "Matched IKE lifetimes",
    "escalation_reason": None,
}


def test_create_user_creates_account_and_refuses_duplicates(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "new@team.test",
            "--password",
            "longenough",
            "--name",
            "New Person",
            "--account",
            "New Team",
            "--admin",
        ]
    )
    assert result.exit_code == 0 and "Created admin new@team.test in account 'New Team'" in result.output
    again = runner.invoke(args=["create-user", "--email", "NEW@team.test", "--password", "longenough", "--name", "X"])
    assert again.exit_code == 2 and "already exists" in again.output
    with app.app_context():
        assert accounts.find_user("new@team.test").account.name == "New Team"


def test_demo_prints_a_working_login_and_is_repeatable(app, client):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo"])
    lines = first.output.strip().splitlines()
    assert first.exit_code == 0 and lines[0].startswith("email: ") and lines[1].startswith("password: ")
    email, password = lines[0].split(": ", 1)[1], lines[1].split(": ", 1)[1]
    assert login(client, email, password).status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Acme Medical Group" in page and "TKT-2847" in page
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0
    with app.app_context():
        user = accounts.find_user(email)
        sessions = db.session.scalars(select(Session).where(Session.engineer_id == user.id)).all()
        assert len(sessions) == 1 and user.is_admin
        assert 10 <= len([s for s in sessions[0].steps if s.step_type == "message"]) <= 16
        # Its updates show the review features on first sign-in: sources, a refined and rated one, Ask the Client.
        updates = [s.content for s in sessions[0].steps if s.step_type == "status_update"]
        assert [u["audience"] for u in updates] == ["ticket_notes", "client_update", "client_questions"]
        assert updates[0]["sources"] and updates[1]["versions"][0]["how"] == "refine:more_formal"
        assert updates[1]["generated_content"].startswith("Dear Dana,") and updates[1]["feedback"]["rating"] == "up"
        assert "1. Can you" in updates[2]["generated_content"]


def test_import_session_loads_transcript(app, tmp_path):
    path = tmp_path / "t.json"
    path.write_text(json.dumps(TRANSCRIPT))
    result = app.test_cli_runner().invoke(args=["import-session", str(path), "--email", "bob@acme-msp.test"])
    assert result.exit_code == 0
    session_id = int(result.output.strip())
    with app.app_context():
        s = db.session.get(Session, session_id)
        assert (s.client_name, s.status, s.resolution_summary) == ("Globex", "resolved", "Matched IKE lifetimes")
        texts = [st.content.get("text") for st in s.steps if st.step_type == "message"]
        assert texts == [m["text"] for m in TRANSCRIPT["messages"]]
        minutes = (s.steps[2].created_at - s.started_at).total_seconds() / 60
        assert round(minutes) == 20


def test_import_session_rejects_bad_input_in_one_line(app, tmp_path):
    runner = app.test_cli_runner()
    cases = {
        "bad.json": "{not json",
        "roles.json": json.dumps({"messages": [{"role": "bot", "text": "x"}]}),
        "nomsg.json": json.dumps({"intake": {}}),
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text)
        result = runner.invoke(args=["import-session", str(path), "--email", "bob@acme-msp.test"])
        assert result.exit_code == 2, name
        assert result.output.startswith("Error: ") and len(result.output.strip().splitlines()) == 1
        assert "Traceback" not in result.output
    unknown = runner.invoke(args=["import-session", str(path), "--email", "ghost@x.test"])
    assert unknown.exit_code == 2 and "No user with the email ghost@x.test." in unknown.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Step.id))) == 0
