"""Editing an update in place over the live socket: the original kept, the edit current everywhere, client
text checked by the firewall as it is saved, secrets never stored, and a flagged edit posted only when confirmed."""

from flowpilot.extensions import db
from flowpilot.models import Step
from tests.live import events_until, open_socket, send, sign_in


def until(*kinds):
    return lambda e: e["type"] in (*kinds, "error")


def generate(ws, audience, length="quick"):
    send(ws, type="action", name="share_update", audience=audience, length=length)
    return events_until(ws, until("update.done"))[-1]


def content(app, step_id):
    with app.app_context():
        return db.session.get(Step, step_id).content


def edit(ws, step_id, text, **extra):
    send(ws, type="action", name="edit_update", step_id=step_id, text=text, **extra)
    return events_until(ws, until("update.edited", "update.check"))[-1]


def test_an_edit_becomes_the_current_version_and_the_original_is_kept(app, worked_session, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, worked_session, http) as ws:
        notes = generate(ws, "ticket_notes")
        edited = edit(ws, notes["step_id"], "Status: rule scoped back.\nNext: confirm with Dana at 2pm.")
        assert edited["type"] == "update.edited" and edited["delivery"] == "Edited"
        assert edited["first_line"] == "Status: rule scoped back."
        send(ws, type="action", name="copy", step_id=notes["step_id"])
        assert events_until(ws, until("update.delivery"))[-1]["delivery"] == "Copied · Edited"
    stored = content(app, notes["step_id"])
    assert stored["original_content"] == notes["content"]
    assert stored["generated_content"].startswith("Status: rule scoped back.")
    (version,) = stored["versions"]
    assert version["by"] == "Alice" and version["how"] == "edit" and version["at"].endswith("Z")
    page = http.get(f"{base}/sessions/{worked_session}").text
    assert "Status: rule scoped back." in page and "Edited" in page  # the sidebar and the chat, after a reload


def test_client_text_that_adds_a_host_name_is_held_until_the_engineer_keeps_it(app, linked_session, live_server, cw):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        update = generate(ws, "client_update")
        typed = "Hi Dana, we restarted RVC-DC01 and mail flows again."
        check = edit(ws, update["step_id"], typed)
        assert check["type"] == "update.check" and any("RVC-DC01" in f for f in check["findings"])
        assert content(app, update["step_id"])["generated_content"] == update["content"]  # nothing saved yet
        kept = edit(ws, update["step_id"], typed, keep=True)
        assert kept["type"] == "update.edited" and kept["content"] == typed
        assert kept["firewall"]["clean"] is False and kept["firewall"]["kept_by_engineer"] is True
        options = http.get(f"{base}/sessions/{linked_session}/updates/{update['step_id']}/post-options").json()
        assert any("RVC-DC01" in f for f in options["confirm_findings"])
        send(ws, type="action", name="post_to_ticket", step_id=update["step_id"])
        refused = events_until(ws, until("update.delivery"))[-1]["psa_push_status"]
        assert refused["status"] == "failed" and "tick the confirmation" in refused["reason"]
        assert "still here to copy" in events_until(ws, until())[-1]["message"]  # the sentence that follows
        send(ws, type="action", name="post_to_ticket", step_id=update["step_id"], confirm=True)
        posted = events_until(ws, until("update.delivery"))[-1]["psa_push_status"]
    assert posted["status"] == "posted" and cw.notes[884213][0]["text"] == typed  # the current version


def test_a_secret_typed_into_an_edit_is_never_stored(app, worked_session, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, worked_session, http) as ws:
        notes = generate(ws, "ticket_notes")
        edited = edit(ws, notes["step_id"], "Reset Dana's password to Winter2026! and told her.")
    assert "Winter2026!" not in edited["content"] and "[redacted]" in edited["content"]
    assert edited["note"].startswith("A password or key in your edit was replaced")
    assert "Winter2026!" not in str(content(app, notes["step_id"]))


def test_an_empty_edit_is_refused_and_nothing_changes(app, worked_session, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, worked_session, http) as ws:
        notes = generate(ws, "ticket_notes")
        refused = edit(ws, notes["step_id"], "   ")
        assert refused["type"] == "error" and refused["message"].startswith("The edited update is empty")
        send(ws, type="action", name="edit_update", step_id=999999, text="x")
        assert events_until(ws, until("update.edited"))[-1]["message"] == "That update could not be found."
    assert content(app, notes["step_id"])["generated_content"] == notes["content"]
