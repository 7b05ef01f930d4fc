"""Post to Ticket over the live socket: the right kind of note, attributed, refused when unsafe, outcome stored."""

from flowpilot.extensions import db
from flowpilot.models import Step
from tests.live import events_until, open_socket, send, sign_in


def until(kind):
    return lambda e: e["type"] in (kind, "error")


def step_content(app, step_id):
    with app.app_context():
        return db.session.get(Step, step_id).content


def generate(ws, audience, length="quick"):
    send(ws, type="action", name="share_update", audience=audience, length=length)
    return events_until(ws, until("update.done"))[-1]


def test_posts_each_audience_as_the_right_kind(app, linked_session, live_server, cw):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        notes = generate(ws, "ticket_notes", "detailed")
        assert notes["post_kind"] == "internal note"
        send(ws, type="action", name="post_to_ticket", step_id=notes["step_id"])
        delivered = events_until(ws, until("update.delivery"))[-1]
        assert delivered["delivery"] == "Posted to ticket" and delivered["psa_push_status"]["status"] == "posted"
        send(ws, type="action", name="post_to_ticket", step_id=notes["step_id"])  # a second click
        again = events_until(ws, until("update.delivery"))[-1]["psa_push_status"]
        assert again["already"] is True and again["note_id"] == delivered["psa_push_status"]["note_id"]
        client = generate(ws, "client_update")
        assert client["post_kind"] == "customer-visible discussion note"
        send(ws, type="action", name="post_to_ticket", step_id=client["step_id"])
        assert events_until(ws, until("update.delivery"))[-1]["psa_push_status"]["kind"] == "discussion"
    posted = cw.notes[884213]
    assert [(n["internalAnalysisFlag"], n["detailDescriptionFlag"]) for n in posted] == [(True, False), (False, True)]
    assert posted[0]["text"].startswith("Status: Cause identified") and "**" not in posted[0]["text"]
    assert posted[0]["member"] == {"identifier": "aling"} and posted[0]["processNotifications"] is False
    stored = step_content(app, notes["step_id"])["psa_push_status"]
    assert stored["status"] == "posted" and stored["note_id"] == posted[0]["id"] and stored["ticket_id"] == 884213


def test_resolution_update_is_a_resolution_note(app, linked_session, live_server, cw):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        send(ws, type="action", name="resolve", summary="Scoped the transport rule to the group; mail flows.")
        share = [
            e for e in events_until(ws, lambda e: e.get("purpose") == "share_resolution" and e["type"] == "update.done")
        ]
        done = share[-1]
        assert done["post_kind"] == "resolution note"
        send(ws, type="action", name="post_to_ticket", step_id=done["step_id"])
        events_until(ws, until("update.delivery"))
    assert cw.notes[884213][-1]["resolutionFlag"] is True


def test_customer_visible_post_is_refused_while_the_firewall_report_is_not_clean(app, linked_session, live_server, cw):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        update = generate(ws, "client_update")
        with app.app_context():
            step = db.session.get(Step, update["step_id"])
            step.content = {**step.content, "firewall": {**step.content["firewall"], "clean": False}}
            db.session.commit()
        send(ws, type="action", name="post_to_ticket", step_id=update["step_id"])
        events = events_until(ws, until("error"))
    assert "must not reach the client" in events[-1]["message"] and "still here to copy" in events[-1]["message"]
    assert cw.notes[884213] == []
    status = step_content(app, update["step_id"])["psa_push_status"]
    assert status["status"] == "failed" and "must not reach the client" in status["reason"]


def test_failure_is_stored_and_reported(app, linked_session, live_server, cw):
    cw.mode = "500"
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        update = generate(ws, "ticket_notes")
        send(ws, type="action", name="post_to_ticket", step_id=update["step_id"])
        events = events_until(ws, until("error"))
    failed = [e for e in events if e["type"] == "update.delivery"][-1]["psa_push_status"]
    assert failed["status"] == "failed" and "problem on its side" in failed["reason"]
    assert "priv-SECRET-456" not in str(events)
    assert step_content(app, update["step_id"])["generated_content"]  # the text is still there


def test_unlinked_session_cannot_post(app, worked_session, psa_connected, live_server, cw):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    page = http.get(f"{base}/sessions/{worked_session}").text
    assert '"post_to_ticket": false' in page
    with open_socket(base, worked_session, http) as ws:
        update = generate(ws, "ticket_notes")
        send(ws, type="action", name="post_to_ticket", step_id=update["step_id"])
        assert "Link this session to a ConnectWise ticket first." in events_until(ws, until("error"))[-1]["message"]
    assert cw.notes[884213] == []
