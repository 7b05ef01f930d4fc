"""Follow-up reminders: set, fire once across processes, fire after a restart, cancel on resolve, stay private."""

import json
import threading
import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from flowpilot import create_app, reminders, session_store
from flowpilot.extensions import db
from flowpilot.models import Notification, Session, Step
from flowpilot.services import Services
from flowpilot.updates.pipeline import UpdateRequest, write_update
from tests.conftest import csrf_token, login
from tests.live import events_until, open_socket, send, sign_in

T0 = datetime(2026, 11, 24, 9, 0, 0)


def make_update(session_id, audience="client_update"):
    session = db.session.get(Session, session_id)
    done = list(write_update(session, UpdateRequest(audience, "quick"), Services()))[-1]
    return session, db.session.get(Step, done["step_id"])


def test_set_validate_and_fire_once(app, worked_session):
    with app.app_context():
        session, update = make_update(worked_session)
        with pytest.raises(reminders.ReminderError, match="between 1 minute and 7 days"):
            reminders.set_reminder(session, update, 0, T0)
        reminder = reminders.set_reminder(session, update, 30, T0)
        assert reminder.content == {
            "remind_at": "2026-11-24T09:30:00",
            "audience": "client_update",
            "status": "pending",
            "update_step_id": update.id,
        }
        assert db.session.get(Step, update.id).content["reminder_status"] == "pending"
        assert reminders.run_due(T0 + timedelta(minutes=29)) == []
        (note,) = reminders.run_due(T0 + timedelta(minutes=31))
        assert note.text == "Time to send another update to Acme Medical Group on the email issue"
        assert note.user_id == session.engineer_id and note.payload["audience"] == "client_update"
        assert reminders.run_due(T0 + timedelta(minutes=40)) == []  # once
        assert db.session.get(Step, reminder.id).content["status"] == "fired"


def test_two_processes_sharing_the_database_fire_it_once(app, worked_session, tmp_path):
    with app.app_context():
        for minutes, audience in ((5, "client_update"), (6, "ticket_notes"), (7, "email_draft")):
            session, update = make_update(worked_session, audience)
            reminders.set_reminder(session, update, minutes, T0)
        db.engine.dispose()
    other = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "INSTANCE_PATH": str(tmp_path / "i2"),
            "DATABASE_URL": app.config["DATABASE_URL"],
            "REMINDERS_ENABLED": False,
        }
    )
    results, start = {}, threading.Barrier(2)

    def worker(name, application):
        with application.app_context():
            start.wait()
            results[name] = [n.id for n in reminders.run_due(T0 + timedelta(minutes=10))]

    threads = [threading.Thread(target=worker, args=(n, a)) for n, a in (("a", app), ("b", other))]
    [t.start() for t in threads]
    [t.join(20) for t in threads]
    with app.app_context():
        notes = db.session.scalars(select(Notification)).all()
        assert len(notes) == 3 and sorted(results["a"] + results["b"]) == sorted(n.id for n in notes)


def test_due_while_down_fires_at_start_up(app, worked_session, tmp_path):
    with app.app_context():
        session, update = make_update(worked_session)
        reminders.set_reminder(session, update, 1, T0)
        db.engine.dispose()
    restarted = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "INSTANCE_PATH": str(tmp_path / "i3"),
            "DATABASE_URL": app.config["DATABASE_URL"],
            "CLOCK": lambda: T0 + timedelta(hours=3),
        }
    )
    loop = restarted.extensions["flowpilot"].reminders
    assert len(loop.tick()) == 1  # the first pass of a new process


def test_a_new_reminder_for_an_update_replaces_the_old_one(app, worked_session):
    with app.app_context():
        session, update = make_update(worked_session)
        first = reminders.set_reminder(session, update, 15, T0)
        reminders.set_reminder(session, update, 30, T0)
        assert db.session.get(Step, first.id).content["status"] == "cancelled"
        assert len(reminders.pending(session)) == 1
        assert len(reminders.run_due(T0 + timedelta(hours=1))) == 1


def test_resolving_cancels_pending_reminders(app, worked_session):
    with app.app_context():
        session, update = make_update(worked_session)
        reminder = reminders.set_reminder(session, update, 30, T0)
        session_store.resolve(session, "Fixed")
        note, cancelled = reminders.cancel_for_session(session, T0 + timedelta(minutes=1))
        assert note.content["text"] == "Reminder cancelled — session resolved" and [s.id for s in cancelled] == [
            reminder.id
        ]
        assert db.session.get(Step, reminder.id).content["status"] == "cancelled"
        assert reminders.run_due(T0 + timedelta(hours=1)) == []


def test_notifications_are_private_to_their_user(app, client, worked_session):
    with app.app_context():
        session, update = make_update(worked_session)
        reminders.set_reminder(session, update, 1, T0)
        (note,) = reminders.run_due(T0 + timedelta(minutes=2))
        note_id = note.id
    login(client, "eve@other-msp.test")
    assert client.get("/notifications").get_json() == {"notifications": []}
    token = csrf_token(client, "/")
    assert client.post(f"/notifications/{note_id}/read", headers={"X-CSRFToken": token}).status_code == 404
    assert "Time to send another update" not in client.get("/").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": token})
    login(client, "bob@acme-msp.test")  # same account, different engineer
    assert client.get("/notifications").get_json() == {"notifications": []}
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, "alice@acme-msp.test")
    listed = client.get("/notifications").get_json()["notifications"]
    assert [n["id"] for n in listed] == [note_id] and listed[0]["url"].endswith("?share=client_update")
    token = csrf_token(client, "/")
    assert client.post(f"/notifications/{note_id}/read", headers={"X-CSRFToken": token}).status_code == 200
    assert client.get("/notifications").get_json() == {"notifications": []}


class FastClock:
    """Time that runs 60× faster than the wall clock: a minute passes in a second."""

    def __init__(self, speed: float = 60.0):
        self.start, self.speed = time.monotonic(), speed

    def __call__(self) -> datetime:
        return T0 + timedelta(seconds=(time.monotonic() - self.start) * self.speed)


@pytest.mark.reminders(CLOCK=FastClock())
def test_set_over_the_socket_and_pushed_live(app, worked_session, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, worked_session, http) as ws:
        send(ws, type="action", name="share_update", audience="email_draft", length="quick")
        done = events_until(ws, lambda e: e["type"] == "update.done")[-1]
        send(ws, type="action", name="set_reminder", step_id=done["step_id"], minutes=1)  # a second, at 60×
        events = events_until(ws, lambda e: e["type"] in ("update.delivery", "error"))
        assert events[-1]["delivery"] == "Pending reminder"
        # The notification socket every page opens gets it live.
        ws_url_base = base
        from websockets.sync.client import connect

        cookies = "; ".join(f"{c.name}={c.value}" for c in http.cookies)
        with connect(
            ws_url_base.replace("http", "ws") + "/ws/notifications",
            origin=base,
            additional_headers={"Cookie": cookies},
            user_agent_header=http.headers["User-Agent"],
            close_timeout=1,
        ) as notes:
            import json

            event = json.loads(notes.recv(timeout=10))
    assert event["type"] == "notification" and event["url"] == f"/sessions/{worked_session}?share=email_draft"
    assert event["text"] == "Time to send another update to Acme Medical Group on the email issue"


class FakeSocket:
    """Stands in for a browser's notification socket held by one process."""

    def __init__(self):
        self.sent = []

    def send(self, data):
        self.sent.append(data)


def test_the_process_holding_the_socket_delivers_what_another_process_fired(app, worked_session, tmp_path):
    with app.app_context():
        session, update = make_update(worked_session)
        reminders.set_reminder(session, update, 1, T0)
        engineer = session.engineer_id
        db.engine.dispose()
    later = lambda: T0 + timedelta(minutes=5)  # noqa: E731
    holder = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "s",
            "INSTANCE_PATH": str(tmp_path / "p1"),
            "DATABASE_URL": app.config["DATABASE_URL"],
            "CLOCK": T0.__class__.now,
        }
    )
    firer = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "s",
            "INSTANCE_PATH": str(tmp_path / "p2"),
            "DATABASE_URL": app.config["DATABASE_URL"],
            "CLOCK": later,
        }
    )
    browser = FakeSocket()
    holder.extensions["flowpilot"].hub.add(engineer, browser)
    holder_loop = holder.extensions["flowpilot"].reminders
    holder_loop.clock = lambda: T0  # nothing is due for the holder: it only delivers
    holder_loop.tick()
    assert len(firer.extensions["flowpilot"].reminders.tick()) == 1  # another process claims and fires it
    assert browser.sent == []
    holder_loop.tick()
    (event,) = [json.loads(s) for s in browser.sent]
    assert event["type"] == "notification" and "Acme Medical Group" in event["text"]
    holder_loop.tick()
    assert len(browser.sent) == 1  # delivered once


@pytest.mark.reminders(CLOCK=FastClock())
def test_the_reminder_loop_stops_when_asked(app):
    from flowpilot import services

    with app.app_context():
        loop = services.current().reminders
        loop.ensure_running()
        assert loop.running
        loop.stop(wait=5)
        assert not loop.running
