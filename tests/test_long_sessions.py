"""Long sessions stay usable: bounded notes, constant-time appends, a page of the latest steps with "load earlier"."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import event

from flowpilot.chat.events import TurnContext
from flowpilot.chat.turn import handle
from flowpilot.extensions import db
from flowpilot.models import Session, Step, utcnow
from flowpilot.services import Services
from flowpilot.sessions import PAGE_STEPS
from flowpilot.updates.pipeline import UpdateRequest, write_update


def fill(session_id, messages):
    """A session of `messages` distinct troubleshooting lines, written straight to the table."""
    started = utcnow() - timedelta(minutes=messages)
    rows = [
        {
            "session_id": session_id,
            "step_type": "message",
            "role": "engineer" if i % 2 == 0 else "assistant",
            "content": {"text": f"checked printer PRN-{i} queue, cleared job {i}" if i % 2 == 0 else "Noted."},
            "created_at": started + timedelta(seconds=i),
        }
        for i in range(messages)
    ]
    db.session.execute(Step.__table__.insert(), rows)
    db.session.commit()


def test_detailed_notes_are_bounded_and_keep_the_newest_steps(app):
    with app.app_context():
        fill(1, 3000)
        done = list(write_update(db.session.get(Session, 1), UpdateRequest("ticket_notes", "detailed"), Services()))[-1]
        steps = done["content"].split("**Steps completed:**", 1)[1].split("\n\n", 1)[0].strip().splitlines()
        assert 5 <= len(steps) <= 12 and all(step.startswith("- ") for step in steps)
        assert len(done["content"].encode()) < 12_000
        assert "PRN-2998" in done["content"]  # the newest steps are kept


def test_repeated_lines_appear_once_in_the_notes(app):
    with app.app_context():
        session = db.session.get(Session, 1)
        for _ in range(5):
            for text, role in (("Restarted the print spooler on PRN-01.", "engineer"), ("Noted.", "assistant")):
                db.session.add(Step(session_id=session.id, step_type="message", role=role, content={"text": text}))
        db.session.commit()
        done = list(write_update(session, UpdateRequest("ticket_notes", "detailed"), Services()))[-1]
        assert done["content"].lower().count("restarted the print spooler on prn-01") == 1


def test_appending_a_message_does_not_read_the_whole_session(app):
    loaded = []
    with app.app_context():
        fill(1, 3000)
        listener = lambda session, instance: loaded.append(instance)  # noqa: E731
        event.listen(db.session, "loaded_as_persistent", listener)
        try:
            ctx = TurnContext(account_id=1, session_id=1, user_id=1)
            events = list(handle(json.dumps({"type": "message", "text": "queue clear now"}), ctx, Services()))
        finally:
            event.remove(db.session, "loaded_as_persistent", listener)
        assert events[-1]["type"] == "message" and events[-1]["exchanges"] >= 2
        assert len([row for row in loaded if isinstance(row, Step)]) < 100


def test_the_page_shows_the_latest_steps_and_loads_earlier_ones(app, alice_client):
    with app.app_context():
        fill(1, PAGE_STEPS * 2 + 10)
    page = alice_client.get("/sessions/1").get_data(as_text=True)
    assert page.count('<li class="msg ') == PAGE_STEPS and 'id="load-earlier"' in page
    assert f"PRN-{PAGE_STEPS * 2 + 8}" in page and "PRN-0 " not in page
    before = int(page.split('data-before="', 1)[1].split('"', 1)[0])
    earlier = alice_client.get(f"/sessions/1/steps?before={before}").get_json()
    assert earlier["more"] is True and earlier["html"].count('<li class="msg ') == PAGE_STEPS
    last = alice_client.get(f"/sessions/1/steps?before={earlier['first']}").get_json()
    assert last["more"] is False and "PRN-0 queue" in last["html"]


@pytest.mark.parametrize("before", ["", "abc", "99999999999"])
def test_load_earlier_needs_a_step_id(alice_client, before):
    assert alice_client.get(f"/sessions/1/steps?before={before}").status_code == 422


def test_load_earlier_is_404_for_another_account(app, client):
    from tests.conftest import login

    login(client, "eve@other-msp.test")
    assert client.get("/sessions/1/steps?before=10").status_code == 404
