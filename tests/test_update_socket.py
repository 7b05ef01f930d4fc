"""Status updates over the live chat socket: streamed, stored, switched, and safe when the browser leaves."""

import time

import pytest
from sqlalchemy import select

from flowpilot.extensions import db
from flowpilot.models import Step
from tests.live import events_until, open_socket, send, sign_in


def until_done(event):
    return event["type"] in ("update.done", "error")


def stored_updates(app, session_id):
    with app.app_context():
        return [
            s.content
            for s in db.session.scalars(
                select(Step).where(Step.session_id == session_id, Step.step_type == "status_update").order_by(Step.id)
            )
        ]


def test_request_in_chat_streams_and_stores(app, live_server, worked_session):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, worked_session, http) as ws:
        send(ws, type="message", text="quick update for the client")
        events = events_until(ws, until_done)
        types = [e["type"] for e in events]
        assert types[:2] == ["message", "update.start"] and types[-1] == "update.done"
        done = events[-1]
        assert "".join(e["text"] for e in events if e["type"] == "update.delta").strip() == done["content"]
        assert done["audience"] == "client_update" and done["length"] == "quick"
        send(ws, type="action", name="switch_length")
        assert events_until(ws, until_done)[-1]["length"] == "detailed"
        send(ws, type="action", name="switch_audience", audience="ticket_notes")
        notes = events_until(ws, until_done)[-1]
        assert notes["audience"] == "ticket_notes" and notes["content"].startswith("**Status:")
        send(ws, type="action", name="regenerate")
        again = events_until(ws, until_done)[-1]
        assert again["audience"] == "ticket_notes" and again["step_id"] != notes["step_id"]
        send(ws, type="action", name="switch_audience")  # no audience given: ask
        assert events_until(ws, lambda e: e["type"] == "choices")[-1]["slot"] == "audience"
        send(ws, type="action", name="choose", slot="audience", value="email_draft")
        assert events_until(ws, until_done)[-1]["audience"] == "email_draft"
    assert [u["audience"] for u in stored_updates(app, worked_session)] == [
        "client_update",
        "client_update",
        "ticket_notes",
        "ticket_notes",
        "email_draft",
    ]


def test_too_early_gets_a_friendly_explanation(app, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, 1, http) as ws:
        send(ws, type="action", name="share_update", audience="client_update", length="quick")
        events = events_until(ws, lambda e: e["type"] == "message" and e["role"] == "assistant")
        assert "couple of steps" in events[-1]["text"]
        send(ws, type="action", name="regenerate")
        assert "no update to change yet" in events_until(ws, lambda e: e["type"] == "error")[-1]["message"]
    assert stored_updates(app, 1) == []


@pytest.mark.llm
def test_llm_chunks_arrive_in_order_and_leaks_never_reach_the_client_text(app, live_server, worked_session, fake_llm):
    fake_llm.chunks = [
        "Hi Acme Medical Group,\n\n",
        "First, we checked your email settings. ",
        "Then we found the problem on ACME-DC01. ",
        "Your password is Winter2026! ",
        "We need your approval to fix it.\n\n",
        "Best regards,\nMarcus",
    ]
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, worked_session, http) as ws:
        send(ws, type="action", name="share_update", audience="client_update", length="detailed")
        events = events_until(ws, until_done)
    deltas = [e["text"] for e in events if e["type"] == "update.delta"]
    assert [d.strip() for d in deltas[:2]] == ["Hi Acme Medical Group,", "First, we checked your email settings."]
    text = "".join(deltas)
    assert text.index("First") < text.index("Then") < text.index("approval")
    done = events[-1]
    for leak in ("ACME-DC01", "Winter2026!"):
        assert leak not in text and leak not in done["content"]
    assert done["engine"] == "llm" and done["firewall"]["count"] >= 2
    assert stored_updates(app, worked_session)[-1]["generated_content"] == done["content"]


@pytest.mark.llm
def test_disconnect_mid_stream_still_stores_the_update(app, live_server, worked_session, fake_llm):
    fake_llm.chunk_delay = 0.3
    fake_llm.chunks = ["Hi Acme Medical Group. ", "We found the cause. ", "We need your approval. ", "Thanks."]
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, worked_session, http) as ws:
        send(ws, type="action", name="share_update", audience="client_update", length="quick")
        events_until(ws, lambda e: e["type"] == "update.delta")
    # The browser is gone; the server finishes the stream and stores the update.
    deadline = time.time() + 10
    while time.time() < deadline and not stored_updates(app, worked_session):
        time.sleep(0.2)
    (stored,) = stored_updates(app, worked_session)
    assert stored["engine"] == "llm" and "approval" in stored["generated_content"]
    page = http.get(f"{base}/sessions/{worked_session}").text
    assert "We need your approval." in page and "Client Update · Quick" in page


@pytest.mark.llm(timeout=1.0)
def test_llm_failure_over_the_socket_falls_back_with_one_line(app, live_server, worked_session, fake_llm):
    fake_llm.mode = "500"
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, worked_session, http) as ws:
        send(ws, type="message", text="give me a quick update for the ticket")
        events = events_until(ws, until_done)
    fallback = [e for e in events if e["type"] == "update.fallback"]
    assert len(fallback) == 1 and fallback[0]["message"].startswith("The AI provider had a server error")
    assert events[-1]["engine"] == "grounded" and events[-1]["content"]
