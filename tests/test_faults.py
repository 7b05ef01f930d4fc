"""Faults: a database held busy by another writer, and the server killed mid-session."""

import os
import signal
import sqlite3
import threading
import time
from datetime import timedelta

import pytest
import requests
from sqlalchemy import select

from flowpilot import reminders
from flowpilot.extensions import db
from flowpilot.models import Step, utcnow
from tests.live import events_until, open_socket, send, sign_in, start_gunicorn


def hold_write_lock(path, seconds):
    """Another connection holding a write transaction, as a long import or a backup might."""
    conn = sqlite3.connect(path, timeout=0, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    threading.Timer(seconds, lambda: (conn.execute("COMMIT"), conn.close())).start()


def stored_texts(app, session_id=1):
    with app.app_context():
        return [
            s.content.get("text")
            for s in db.session.scalars(
                select(Step).where(Step.session_id == session_id, Step.step_type == "message").order_by(Step.id)
            )
        ]


@pytest.mark.sqlite_only
def test_busy_database_waits_then_saves(app, live_server, tmp_path):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, 1, http) as ws:
        hold_write_lock(tmp_path / "test.sqlite", 1.0)  # shorter than the 15 s busy timeout
        send(ws, type="message", text="MX ok while a backup holds the database")
        events = events_until(ws, lambda e: e["type"] == "error" or e.get("role") == "assistant")
    assert events[0]["role"] == "engineer" and events[-1]["role"] == "assistant"
    assert stored_texts(app)[0] == "MX ok while a backup holds the database"


@pytest.mark.sqlite_only
@pytest.mark.app_config(SQLALCHEMY_ENGINE_OPTIONS={"connect_args": {"timeout": 1}})
def test_busy_past_the_timeout_fails_cleanly_and_the_retry_works(app, live_server, tmp_path):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, 1, http) as ws:
        hold_write_lock(tmp_path / "test.sqlite", 2.5)
        send(ws, type="message", text="first try")
        event = events_until(ws, lambda e: e["type"] == "error" or e.get("role") == "assistant")[-1]
        assert (
            event["type"] == "error" and "database is busy" in event["message"] and "send it again" in event["message"]
        )
        time.sleep(2.0)
        send(ws, type="message", text="second try")  # the socket stayed open
        assert (
            events_until(ws, lambda e: e["type"] == "error" or e.get("role") == "assistant")[-1]["role"] == "assistant"
        )
    assert "second try" in stored_texts(app)
    with sqlite3.connect(tmp_path / "test.sqlite") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_sigkill_mid_session_loses_nothing_acknowledged(app, worked_session, tmp_path):
    with app.app_context():
        db.engine.dispose()
    server, base = start_gunicorn(app.config["DATABASE_URL"], FLOWPILOT_REMINDERS_ENABLED="false")
    try:
        http = sign_in(base, "alice@acme-msp.test")
        with open_socket(base, worked_session, http) as ws:
            send(ws, type="message", text="rebooted the AP, no change")
            assert events_until(ws, lambda e: e.get("role") == "assistant")[-1]
            send(ws, type="action", name="share_update", audience="client_update", length="quick")
            done = events_until(ws, lambda e: e["type"] == "update.done")[-1]
            send(ws, type="action", name="set_reminder", step_id=done["step_id"], minutes=30)
            events_until(ws, lambda e: e["type"] == "reminder.set")
            os.killpg(server.pid, signal.SIGKILL)  # no goodbye, no flush
            server.wait(10)
        server, _ = start_gunicorn(
            app.config["DATABASE_URL"], port=int(base.rsplit(":", 1)[1]), FLOWPILOT_REMINDERS_ENABLED="false"
        )  # same URL for the browser
        page = requests.Session()
        page.cookies.update(http.cookies)
        page.headers["User-Agent"] = http.headers["User-Agent"]
        html = page.get(f"{base}/sessions/{worked_session}", timeout=10).text
        assert "rebooted the AP, no change" in html and f'data-step-id="{done["step_id"]}"' in html
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(10)
    with app.app_context():  # the pending reminder survived and still fires
        assert len(reminders.run_due(utcnow() + timedelta(minutes=31))) == 1
