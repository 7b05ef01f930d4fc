"""The chat socket over a live server with a real WebSocket client."""

from contextlib import ExitStack

import pytest
from sqlalchemy import select
from websockets.exceptions import InvalidStatus

from flowpilot.extensions import db
from flowpilot.models import Step
from tests.live import events_until, open_socket, send, sign_in


def assistant_done(event):
    return event["type"] == "error" or (event["type"] == "message" and event["role"] == "assistant")


def steps(app, session_id=1):
    with app.app_context():
        rows = db.session.scalars(select(Step).where(Step.session_id == session_id).order_by(Step.id))
        return [(s.role, s.content.get("text")) for s in rows]


def refused(base, http=None, origin=None, session_id=1):
    """Open a socket that must be refused; return the HTTP status and body of the refusal."""
    with pytest.raises(InvalidStatus) as info:
        open_socket(base, session_id, http, origin=origin)
    response = info.value.response
    return response.status_code, response.body.decode()


def test_message_is_stored_and_reply_streamed(app, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, 1, http) as ws:
        send(ws, type="message", text="MX ok, SPF unchanged")
        events = events_until(ws, assistant_done)
    assert events[0]["type"] == "message" and events[0]["role"] == "engineer", events
    assert sum(e["type"] == "message.delta" for e in events) > 1
    assert events[-1]["role"] == "assistant" and "saved to the session log" in events[-1]["text"]
    assert steps(app)[0] == ("engineer", "MX ok, SPF unchanged")
    page = http.get(f"{base}/sessions/1").text  # a reload shows the history
    assert "MX ok, SPF unchanged" in page and "saved to the session log" in page


def test_malformed_frames_get_errors_and_socket_stays_open(app, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, 1, http) as ws:
        ws.send("{not json")
        assert events_until(ws, lambda e: True)[0]["type"] == "error"
        send(ws, kind="no type")
        assert events_until(ws, lambda e: True)[0]["type"] == "error"
        send(ws, type="action", name="pause")
        events = events_until(ws, lambda e: e["type"] == "session")
        assert events[-1]["status"] == "paused"


def test_other_account_is_refused(app, live_server):
    base = live_server.url()
    http = sign_in(base, "eve@other-msp.test")
    status, body = refused(base, http)
    assert status == 404 and "Session not found." in body and "Acme" not in body
    assert refused(base, http, session_id=999)[0] == 404


def test_signed_out_is_refused(app, live_server):
    status, body = refused(live_server.url())
    assert status == 401 and "sign in" in body


def test_foreign_origin_is_refused_even_when_signed_in(app, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    status, body = refused(base, http, origin="http://evil.example")
    assert status == 403 and "wrong origin" in body
    # Same host name on another port, or over another scheme, is another origin too.
    assert refused(base, http, origin="http://localhost:1")[0] == 403
    assert refused(base, http, origin=base.replace("http://", "https://"))[0] == 403
    assert steps(app) == []


@pytest.mark.llm
def test_llm_reply_streams_from_the_provider(app, live_server, fake_llm):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, 1, http) as ws:
        send(ws, type="message", text="message trace shows Drop at transport")
        events = events_until(ws, assistant_done)
    # Shown a sentence at a time, each through the secret detector first.
    assert "".join(e["text"] for e in events if e["type"] == "message.delta") == "".join(fake_llm.chunks)
    assert events[-1]["text"] == "".join(fake_llm.chunks)
    assert steps(app)[-1] == ("assistant", "".join(fake_llm.chunks))
    sent = fake_llm.requests[-1]["messages"]
    assert sent[-1] == {"role": "user", "content": "message trace shows Drop at transport"}


@pytest.mark.llm(timeout=1.0)
@pytest.mark.parametrize(
    "mode, phrase", [("500", "server error"), ("429", "rate-limiting"), ("slow", "did not answer within 1 seconds")]
)
def test_llm_failure_is_one_line_message_kept_socket_open(app, live_server, fake_llm, mode, phrase):
    fake_llm.mode, fake_llm.delay = mode, 2.5
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, 1, http) as ws:
        send(ws, type="message", text="rebooted the AP, no change")
        events = events_until(ws, assistant_done)
        assert events[-1]["type"] == "error" and phrase in events[-1]["message"]
        assert events[-1]["message"].endswith("Your message is saved.")
        assert "sk-test-SECRET-123" not in events[-1]["message"]
        fake_llm.mode = "ok"
        send(ws, type="message", text="second try")
        assert events_until(ws, assistant_done)[-1]["role"] == "assistant"
    assert steps(app)[0] == ("engineer", "rebooted the AP, no change")


@pytest.mark.llm(refused=True)
def test_llm_connection_refused_is_one_line_and_message_kept(app, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, 1, http) as ws:
        send(ws, type="message", text="AP rebooted")
        events = events_until(ws, assistant_done)
    assert events[-1]["type"] == "error"
    assert events[-1]["message"].startswith("Could not reach the AI model at http://127.0.0.1:")
    assert steps(app) == [("engineer", "AP rebooted")]


def test_update_request_flow_asks_for_each_missing_slot(app, worked_session, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    until_choice_or_request = lambda e: e["type"] in ("choices", "update.start", "error")
    with open_socket(base, worked_session, http) as ws:
        send(ws, type="message", text="can you give me an update?")
        events = events_until(ws, until_choice_or_request)
        assert events[0]["role"] == "engineer"  # stored first
        assert events[-1]["type"] == "choices" and events[-1]["slot"] == "audience"
        assert [o["value"] for o in events[-1]["options"]] == [
            "ticket_notes",
            "client_update",
            "email_draft",
            "client_questions",
        ]
        assert not any(e["type"] == "message.delta" for e in events)  # no chat reply instead
        send(ws, type="action", name="choose", slot="audience", value="nonsense")
        assert events_until(ws, until_choice_or_request)[-1]["type"] == "error"
        send(ws, type="action", name="choose", slot="audience", value="client_update")
        length = events_until(ws, until_choice_or_request)[-1]
        assert (length["type"], length["slot"], length["prompt"]) == ("choices", "length", "How detailed?")
        send(ws, type="action", name="choose", slot="length", value="quick")
        start = events_until(ws, until_choice_or_request)[-1]
        assert (start["type"], start["audience"], start["length"]) == ("update.start", "client_update", "quick")
        events_until(ws, lambda e: e["type"] == "update.done")
        send(ws, type="message", text="re-ran the message trace, still Drop at transport")  # something new to say
        events_until(ws, lambda e: e.get("role") == "assistant" and e["type"] == "message")
        # A fully specified request skips both questions; names from the intake count as the client.
        send(ws, type="message", text="detailed update for Acme on where we are")
        start = events_until(ws, until_choice_or_request)[-1]
        assert (start["type"], start["audience"], start["length"], start["context"]) == (
            "update.start",
            "client_update",
            "detailed",
            "progress",
        )
        events_until(ws, lambda e: e["type"] == "update.done")
        # The Share Update button starts the same flow.
        send(ws, type="action", name="share_update")
        assert events_until(ws, until_choice_or_request)[-1]["slot"] == "audience"
    assert ("engineer", "can you give me an update?") in steps(app, worked_session)


@pytest.mark.app_config(MAX_SOCKETS_PER_USER=30)
def test_many_open_sockets_do_not_exhaust_the_database_pool(app, live_server):
    """Each socket gives its connection back between turns (the pool holds 15; we open 25)."""
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with ExitStack() as stack:
        sockets = [stack.enter_context(open_socket(base, 1, http)) for _ in range(25)]
        for ws in sockets:
            send(ws, type="message", text="still here")
            assert events_until(ws, assistant_done)[-1]["role"] == "assistant"
