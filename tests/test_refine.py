"""Refine over the live socket: a new version of the same update with either engine, from a button or from
"shorter" typed right after it; the earlier versions kept on the step."""

import pytest

from flowpilot.extensions import db
from flowpilot.models import Step
from flowpilot.updates.refine import asked_in_chat
from tests.live import events_until, open_socket, send, sign_in


def until(*kinds):
    return lambda e: e["type"] in (*kinds, "error")


def generate(ws, audience, length):
    send(ws, type="action", name="share_update", audience=audience, length=length)
    return events_until(ws, until("update.done"))[-1]


def refine(ws, step_id, how):
    send(ws, type="action", name="refine_update", step_id=step_id, how=how)
    return events_until(ws, until("update.edited"))[-1]


def stored(app, step_id):
    with app.app_context():
        return db.session.get(Step, step_id).content


def test_shorter_makes_a_shorter_version_of_the_same_update(app, worked_session, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, worked_session, http) as ws:
        update = generate(ws, "client_update", "detailed")
        shorter = refine(ws, update["step_id"], "shorter")
        assert shorter["type"] == "update.edited" and len(shorter["content"]) < len(update["content"])
        assert shorter["label"] == "Client Update · Quick" and shorter["note"].startswith("Shorter version")
        again = refine(ws, update["step_id"], "shorter")  # quick already: cut to its opening sentences
        assert again["type"] == "update.edited" and len(again["content"]) < len(shorter["content"])
    content = stored(app, update["step_id"])
    assert content["original_content"] == update["content"] and content["generated_content"] == again["content"]
    assert [v["how"] for v in content["versions"]] == ["refine:shorter", "refine:shorter"]


def test_tone_and_detail_and_what_notes_refuse(app, worked_session, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, worked_session, http) as ws:
        update = generate(ws, "client_update", "quick")
        formal = refine(ws, update["step_id"], "more_formal")
        assert formal["content"].startswith("Dear Dana")  # the formal tone's greeting
        detailed = refine(ws, update["step_id"], "more_detail")
        assert len(detailed["content"]) > len(formal["content"]) and detailed["label"] == "Client Update · Detailed"
        notes = generate(ws, "ticket_notes", "detailed")
        refused = refine(ws, notes["step_id"], "friendlier")
        assert refused["type"] == "error" and "for client text" in refused["message"]
        refused = refine(ws, notes["step_id"], "more_detail")
        assert refused["message"] == "This is already the detailed version; use Edit to add to it."
        refused = refine(ws, notes["step_id"], "louder")
        assert refused["message"].startswith("Choose one of: Shorter, More detail")


def test_typing_shorter_right_after_an_update_refines_it(app, worked_session, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, worked_session, http) as ws:
        update = generate(ws, "client_update", "detailed")
        send(ws, type="message", text="make it shorter pls")
        shorter = events_until(ws, until("update.edited"))[-1]
    assert shorter["step_id"] == update["step_id"] and len(shorter["content"]) < len(update["content"])
    assert [
        asked_in_chat(t) for t in ("shorter", "More formal please", "can you make it plainer", "shorter hold times")
    ] == [
        "shorter",
        "more_formal",
        "plainer",
        None,
    ]


@pytest.mark.llm
def test_the_llm_is_told_what_the_engineer_asked_and_its_text_is_firewalled(app, worked_session, live_server, fake_llm):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, worked_session, http) as ws:
        fake_llm.chunks = ["Hi Dana,\n\nWe found the mail problem on ACME-DC01 and fixed it.\n\nBest regards,\nAlice"]
        update = generate(ws, "client_update", "detailed")
        fake_llm.chunks = ["Hi Dana, mail is fixed; ACME-DC01 is fine."]
        friendlier = refine(ws, update["step_id"], "friendlier")
    asked = fake_llm.requests[-1]["messages"]
    assert asked[-1] == {
        "role": "system",
        "content": "The engineer wants it friendlier and warmer, still professional.",
    }
    assert friendlier["engine"] == "llm" and "ACME-DC01" not in friendlier["content"]
    assert stored(app, update["step_id"])["versions"][-1]["how"] == "refine:friendlier"
