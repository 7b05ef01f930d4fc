"""The update flow of a chat turn, driven directly (no socket): asking, choosing, writing, changing, delivering."""

import json

import pytest
from sqlalchemy import select

from flowpilot.chat.events import TurnContext
from flowpilot.chat.turn import ACTIONS, handle
from flowpilot.extensions import db
from flowpilot.intents import IntentDetector
from flowpilot.models import PendingUpdate, Step
from flowpilot.services import Services
from tests.fakes.provider import FakeProvider


def turn(session_id, services=None, **frame):
    """One turn in a fresh context, as a new tab or a reloaded page would have."""
    ctx = TurnContext(account_id=1, session_id=session_id, user_id=1)
    return list(handle(json.dumps(frame), ctx, services or Services(detector=IntentDetector())))


def kinds(events):
    return [e["type"] for e in events]


def updates(session_id):
    return list(
        db.session.scalars(
            select(Step).where(Step.session_id == session_id, Step.step_type == "status_update").order_by(Step.id)
        )
    )


def test_typed_request_with_every_slot_writes_at_once(app, worked_session):
    with app.app_context():
        events = turn(worked_session, type="message", text="quick update for the client")
        assert kinds(events)[:2] == ["message", "update.start"] and kinds(events)[-1] == "update.done"
        done = events[-1]
        assert (done["audience"], done["length"], done["engine"]) == ("client_update", "quick", "grounded")
        assert [s.id for s in updates(worked_session)] == [done["step_id"]]


def test_a_choice_survives_a_reload_and_can_be_finished_in_another_tab(app, worked_session):
    with app.app_context():
        asked = turn(worked_session, type="action", name="share_update")[-1]
        assert (asked["type"], asked["slot"]) == ("choices", "audience")
        # Each turn has a fresh context: the pending request lives in the database, not on a socket.
        assert (
            turn(worked_session, type="action", name="choose", slot="audience", value="email_draft")[-1]["slot"]
            == "length"
        )
        assert db.session.get(PendingUpdate, worked_session).request["audience"] == "email_draft"
        done = turn(worked_session, type="action", name="choose", slot="length", value="quick")[-1]
        assert (done["type"], done["audience"], done["length"]) == ("update.done", "email_draft", "quick")
        assert db.session.get(PendingUpdate, worked_session) is None  # finished: nothing left pending
        assert (
            turn(worked_session, type="action", name="choose", slot="length", value="quick")[-1]["message"]
            == "There is no update being set up; click Share Update or ask for one."
        )


def test_the_session_page_offers_a_pending_choice_again(app, alice_client, worked_session):
    with app.app_context():
        turn(worked_session, type="action", name="share_update", audience="client_update")
    page = alice_client.get(f"/sessions/{worked_session}").get_data(as_text=True)
    pending = json.loads(page.split('id="pending-choice">', 1)[1].split("</script>", 1)[0])
    assert pending["slot"] == "length" and [o["value"] for o in pending["options"]] == ["quick", "detailed"]


def test_invalid_choices_are_refused_without_losing_the_request(app, worked_session):
    with app.app_context():
        turn(worked_session, type="action", name="share_update")
        for slot, value in (("audience", "nonsense"), ("colour", "blue"), ("audience", ["client_update"])):
            assert turn(worked_session, type="action", name="choose", slot=slot, value=value)[-1]["type"] == "error"
        assert db.session.get(PendingUpdate, worked_session).request == {
            "audience": None,
            "length": None,
            "context": None,
        }


def test_too_early_is_a_kind_explanation_and_nothing_is_stored(app):
    with app.app_context():
        events = turn(1, type="action", name="share_update", audience="client_update", length="quick")
        assert kinds(events) == ["message"] and events[0]["role"] == "assistant"
        assert "isn't enough in this session" in events[0]["text"] and updates(1) == []


@pytest.mark.parametrize(
    "name, extra, expected",
    [
        ("regenerate", {}, ("client_update", "quick")),
        ("switch_length", {}, ("client_update", "detailed")),
        ("switch_audience", {"audience": "ticket_notes"}, ("ticket_notes", "quick")),
    ],
)
def test_changing_an_update_makes_a_new_one(app, worked_session, name, extra, expected):
    with app.app_context():
        first = turn(worked_session, type="message", text="quick update for the client")[-1]
        done = turn(worked_session, type="action", name=name, step_id=first["step_id"], **extra)[-1]
        assert (done["audience"], done["length"]) == expected and done["step_id"] != first["step_id"]
        assert len(updates(worked_session)) == 2


def test_switch_audience_without_one_asks_which(app, worked_session):
    with app.app_context():
        first = turn(worked_session, type="message", text="quick update for the client")[-1]
        asked = turn(worked_session, type="action", name="switch_audience", step_id=first["step_id"])[-1]
        assert (asked["type"], asked["slot"]) == ("choices", "audience")
        done = turn(worked_session, type="action", name="choose", slot="audience", value="ticket_notes")[-1]
        assert (done["audience"], done["length"]) == ("ticket_notes", "quick")  # keeps the length it had


def test_llm_failure_mid_stream_falls_back_and_stores_one_update(app, worked_session):
    services = Services(detector=IntentDetector(), provider=FakeProvider(["Hi Acme, ", "we found"], fail_after=1))
    with app.app_context():
        events = turn(worked_session, services, type="message", text="detailed update for the client")
        assert kinds(events).count("update.fallback") == 1 and events[-1]["engine"] == "grounded"
        assert len(updates(worked_session)) == 1


def test_copy_records_delivery_and_unknown_updates_are_errors(app, worked_session):
    with app.app_context():
        done = turn(worked_session, type="message", text="quick update for the client")[-1]
        delivered = turn(worked_session, type="action", name="copy", step_id=done["step_id"])[-1]
        assert delivered == {"type": "update.delivery", "step_id": done["step_id"], "delivery": "Copied"}
        assert turn(worked_session, type="action", name="copy", step_id=99999)[-1]["type"] == "error"
        assert turn(worked_session, type="action", name="copy")[-1]["type"] == "error"  # never "the last one"


def test_post_without_a_connected_psa_names_the_setting(app, worked_session):
    with app.app_context():
        done = turn(worked_session, type="message", text="quick update for the client")[-1]
        events = turn(worked_session, type="action", name="post_to_ticket", step_id=done["step_id"])
        assert events[0]["psa_push_status"]["status"] == "failed"
        assert "Settings → PSA" in events[-1]["message"]


def test_every_action_goes_through_one_table():
    assert set(ACTIONS) == {
        "share_update",
        "choose",
        "regenerate",
        "switch_audience",
        "switch_length",
        "copy",
        "edit_update",
        "refine_update",
        "rate_update",
        "post_to_ticket",
        "set_reminder",
        "cancel_reminder",
        "pause",
        "resolve",
        "escalate",
        "reopen",
    }


def test_nothing_new_is_said_to_the_engineer_and_regenerate_writes_anyway(app, worked_session):
    with app.app_context():
        first = turn(worked_session, type="message", text="quick update for the client")[-1]
        again = turn(worked_session, type="action", name="share_update", audience="client_update", length="quick")
        assert [e["type"] for e in again] == ["message"] and "Nothing new has happened" in again[0]["text"]
        assert len(updates(worked_session)) == 1  # no filler stored
        forced = turn(worked_session, type="action", name="regenerate", step_id=first["step_id"])[-1]
        assert forced["type"] == "update.done" and len(updates(worked_session)) == 2


@pytest.mark.parametrize(
    "follow_up, expected",
    [
        ("now the client version", ("client_update", "detailed", "progress")),
        ("and an email version w/ sign off", ("email_draft", "detailed", "progress")),
    ],
)
def test_a_follow_up_right_after_an_update_changes_that_update(app, worked_session, follow_up, expected):
    with app.app_context():
        first = turn(worked_session, type="message", text="detailed ticket notes on where we are so far")[-1]
        assert (first["audience"], first["length"], first["context"]) == ("ticket_notes", "detailed", "progress")
        # a fresh turn, as after a reload: the last update is read from the database
        done = turn(worked_session, type="message", text=follow_up)[-1]
        assert done["type"] == "update.done" and (done["audience"], done["length"], done["context"]) == expected
        assert len(updates(worked_session)) == 2


def test_shorter_right_after_an_update_is_a_shorter_version_of_it_not_a_new_one(app, worked_session):
    with app.app_context():
        first = turn(worked_session, type="message", text="detailed ticket notes on where we are so far")[-1]
        done = turn(worked_session, type="message", text="shorter")[-1]
        assert done["type"] == "update.edited" and done["step_id"] == first["step_id"]
        assert done["label"] == "Ticket Notes · Quick" and len(done["content"]) < len(first["content"])
        assert len(updates(worked_session)) == 1


def test_a_request_after_more_chat_starts_afresh(app, worked_session):
    with app.app_context():
        turn(worked_session, type="message", text="detailed ticket notes on where we are so far")
        turn(worked_session, type="message", text="rebooted the switch, still dropping")
        asked = turn(worked_session, type="message", text="now the client version")[-1]
        assert (asked["type"], asked["slot"]) == ("choices", "length")  # a new request: its length is asked for
