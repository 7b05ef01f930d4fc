"""Two real gunicorn processes on one database: a reminder fires once, and the process holding the
engineer's socket delivers it, whichever process claimed it."""

import json
import os
import signal
import time
from datetime import timedelta

from sqlalchemy import func, select
from websockets.sync.client import connect

from flowpilot import session_store
from flowpilot.extensions import db
from flowpilot.models import Notification, Session, utcnow
from tests.live import sign_in, start_gunicorn


def test_reminder_fires_once_and_reaches_the_socket_on_the_other_process(app, worked_session):
    with app.app_context():
        db.engine.dispose()
    servers = [start_gunicorn(app.config["DATABASE_URL"], FLOWPILOT_REMINDER_INTERVAL="0.2") for _ in range(2)]
    try:
        base = servers[1][1]  # the engineer's page is on the second process only
        http = sign_in(base, "alice@acme-msp.test")
        cookies = "; ".join(f"{c.name}={c.value}" for c in http.cookies)
        with connect(
            base.replace("http", "ws") + "/ws/notifications",
            origin=base,
            close_timeout=1,
            additional_headers={"Cookie": cookies},
            user_agent_header=http.headers["User-Agent"],
        ) as ws:
            time.sleep(0.5)  # both loops have made their first pass
            with app.app_context():  # a reminder that is already due, written as the app would
                session = db.session.get(Session, worked_session)
                session_store.add_step(
                    session,
                    "update_reminder",
                    "system",
                    {
                        "remind_at": (utcnow() - timedelta(minutes=1)).replace(microsecond=0).isoformat(),
                        "audience": "client_update",
                        "status": "pending",
                        "update_step_id": None,
                    },
                )
            event = json.loads(ws.recv(timeout=10))
            assert event["type"] == "notification" and "Acme Medical Group" in event["text"]
            time.sleep(1.0)  # several more passes on both processes
        with app.app_context():
            assert db.session.scalar(select(func.count(Notification.id))) == 1
    finally:
        for proc, _ in servers:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
