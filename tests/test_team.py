"""Thumbs up or down on an update, and the admins' team page that counts them with the other usage figures."""

from flowpilot.extensions import db
from flowpilot.models import Step
from tests.live import events_until, open_socket, send, sign_in


def until(*kinds):
    return lambda e: e["type"] in (*kinds, "error")


def generate(ws, audience, length="quick"):
    send(ws, type="action", name="share_update", audience=audience, length=length)
    return events_until(ws, until("update.done"))[-1]


def test_a_thumbs_down_with_its_reason_shows_on_the_team_page(app, linked_session, live_server, cw):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        client = generate(ws, "client_update")
        send(
            ws,
            type="action",
            name="rate_update",
            step_id=client["step_id"],
            rating="down",
            reason="Missed the callback time; pw Winter2026! was in my notes",
        )
        assert events_until(ws, until("update.rated"))[-1] == {
            "type": "update.rated",
            "step_id": client["step_id"],
            "rating": "down",
        }
        send(ws, type="action", name="rate_update", step_id=client["step_id"], rating="sideways")
        assert "thumbs up or down" in events_until(ws, until("update.rated"))[-1]["message"]
        notes = generate(ws, "ticket_notes")
        send(ws, type="action", name="edit_update", step_id=notes["step_id"], text="Status: checked.")
        events_until(ws, until("update.edited"))
        send(ws, type="action", name="post_to_ticket", step_id=notes["step_id"])
        events_until(ws, until("update.delivery"))
    with app.app_context():
        feedback = db.session.get(Step, client["step_id"]).content["feedback"]
    assert feedback["rating"] == "down" and "Winter2026!" not in feedback["reason"]
    page = http.get(f"{base}/team").text
    assert "Client Update</td><td>Built-in</td><td>1</td>" in page
    assert "1 (100 %)" in page and "Missed the callback time" in page and "Winter2026!" not in page
    assert "Ticket Notes</td><td>Built-in</td><td>1</td>\n          <td>100 %</td>" in page  # edited before sending
    assert "of sessions over 10 minutes used Share Update" in page
    assert "median from an update being written to its ticket note being posted" in page


def test_the_team_page_is_for_admins_only(app, live_server):
    base = live_server.url()
    bob = sign_in(base, "bob@acme-msp.test")
    response = bob.get(f"{base}/team")
    assert response.status_code == 403 and "Only account admins" in response.text
    alice = sign_in(base, "alice@acme-msp.test")
    assert "No updates written in the last 30 days." in alice.get(f"{base}/team").text


def test_the_brief_measures_count_long_sessions_and_the_time_to_post(app, worked_session):
    from datetime import timedelta

    from flowpilot.models import Session, utcnow
    from flowpilot.team import team_stats

    with app.app_context():
        now = utcnow()
        session = db.session.get(Session, worked_session)
        session.started_at = now - timedelta(minutes=40)
        long_unused = Session(
            account_id=session.account_id,
            engineer_id=session.engineer_id,
            client_name="B",
            issue="x",
            started_at=now - timedelta(minutes=30),
        )
        short = Session(
            account_id=session.account_id,
            engineer_id=session.engineer_id,
            client_name="C",
            issue="y",
            started_at=now - timedelta(minutes=5),
        )
        db.session.add_all([long_unused, short])
        written = now - timedelta(minutes=1)
        push = {
            "status": "posted",
            "parts": {"note": {"status": "posted", "at": (written + timedelta(seconds=4)).isoformat() + "Z"}},
        }
        db.session.add(
            Step(
                session_id=session.id,
                step_type="status_update",
                role="assistant",
                created_at=written,
                content={"audience": "client_update", "engine": "grounded", "psa_push_status": push},
            )
        )
        db.session.commit()
        stats = team_stats(session.account_id, now)
    assert (stats["long_sessions"], stats["share_used"], stats["share_used_pct"]) == (2, 1, 50)
    assert stats["median_to_post"] == 4.0 and stats["rows"][0]["posted"] == 1
