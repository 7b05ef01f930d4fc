"""Limits that keep one user from starving the rest: sockets per user, frame size, update rate (shared by processes)."""

import os
import signal
import time
from contextlib import ExitStack
from datetime import datetime, timedelta

import pytest
from websockets.exceptions import ConnectionClosed

from flowpilot.extensions import db
from flowpilot.models import Step
from flowpilot.ratelimit import DatabaseLimiter
from tests.live import events_until, open_socket, send, sign_in, start_gunicorn


@pytest.mark.app_config(MAX_SOCKETS_PER_USER=3)
def test_a_users_oldest_socket_closes_past_the_cap(app, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with ExitStack() as stack:
        sockets = [stack.enter_context(open_socket(base, 1, http)) for _ in range(4)]
        with pytest.raises(ConnectionClosed) as closed:
            sockets[0].recv(timeout=5)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008
        send(sockets[-1], type="message", text="the newest still works")
        assert events_until(sockets[-1], lambda e: e.get("role") == "assistant")[-1]["type"] == "message"


def test_an_oversized_frame_is_refused_and_nothing_is_stored(app, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, 1, http) as ws:
        ws.send('{"type": "message", "text": "' + "x" * 200_000 + '"}')
        # The server answers with a 1009 close frame as the frame arrives (werkzeug's dev server then keeps the
        # TCP connection, so wait for the close frame itself rather than for the connection to end).
        deadline = time.monotonic() + 5
        while ws.protocol.close_rcvd is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ws.protocol.close_rcvd is not None and ws.protocol.close_rcvd.code == 1009
    with app.app_context():
        assert db.session.query(Step).count() == 0


@pytest.mark.app_config(UPDATE_RATE_PER_MINUTE=2)
def test_update_requests_over_the_socket_are_rate_limited(app, worked_session, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, worked_session, http) as ws:
        for audience in ("ticket_notes", "client_update"):
            send(ws, type="action", name="share_update", audience=audience, length="quick")
            assert events_until(ws, lambda e: e["type"] in ("update.done", "error"))[-1]["type"] == "update.done"
        send(ws, type="action", name="share_update", audience="email_draft", length="quick")
        refused = events_until(ws, lambda e: e["type"] in ("update.done", "error"))[-1]
        assert refused["type"] == "error" and refused["message"].startswith("Too many update requests")


def test_database_limiter_slides_and_keeps_keys_apart(app):
    now = [datetime(2026, 11, 28, 9, 0, 0)]
    limiter = DatabaseLimiter(2, 60, clock=lambda: now[0])
    with app.app_context():
        assert limiter.hit("u") and limiter.hit("u") and not limiter.hit("u") and limiter.hit("other")
        assert 1 <= limiter.retry_after("u") <= 61
        now[0] += timedelta(seconds=61)
        assert limiter.hit("u")


@pytest.mark.sqlite_only
def test_the_rest_limit_holds_across_two_processes(app, worked_session):
    """Before: 31 of 60 passed at 20/min under two workers, each counting alone."""
    with app.app_context():
        db.engine.dispose()
    servers = [start_gunicorn(app.config["DATABASE_URL"]) for _ in range(2)]
    try:
        clients = []
        for _, base in servers:
            http = sign_in(base, "alice@acme-msp.test")
            token = http.get(f"{base}/", timeout=10).text.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
            clients.append((http, base, token))
        passed = 0
        for i in range(40):
            http, base, token = clients[i % 2]
            response = http.post(
                f"{base}/ai-sessions/{worked_session}/status-update",
                timeout=30,
                json={"audience": "ticket_notes", "length": "quick", "force": True},
                headers={"X-CSRFToken": token},
            )
            assert response.status_code in (200, 429)
            passed += response.status_code == 200
        assert passed == 20
    finally:
        for proc, _ in servers:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
