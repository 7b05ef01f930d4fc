"""Ask the Client: numbered plain questions from what the session needs of the client; nothing to ask is said."""

import pytest

from flowpilot import ledger
from flowpilot.errors import NothingNew
from flowpilot.updates.pipeline import compose_update
from flowpilot.updates.questions import as_question
from tests.live import events_until, open_socket, send, sign_in


@pytest.mark.parametrize(
    "need, question",
    [
        ("We need your approval for the new drive.", "Can you give us your approval for the new drive?"),
        ("We need your OK to go ahead.", "Can you give us your OK to go ahead?"),
        ("We need someone to let us in at 1pm.", "Can someone at your end let us in at 1pm?"),
        ("Please leave the laptop at reception by 8:30am.", "Can you leave the laptop at reception by 8:30am?"),
        ("Please do not restart the server.", "Can you make sure not to restart the server?"),
        ("You'll send us the list by 5pm.", "Can you send us the list by 5pm?"),
    ],
)
def test_what_we_need_is_asked_as_a_question(need, question):
    assert as_question(need) == question


def build(*texts, contact="Nadia Brooks"):
    messages = [{"role": "engineer", "text": t} for t in texts]
    return ledger.build(
        {
            "intake": {
                "client_name": "Brook Legal",
                "contact_name": contact,
                "issue": "Outlook hangs",
                "engineer_name": "Sam",
            },
            "messages": messages,
            "outcome": "in_progress",
        }
    )


def test_the_questions_come_from_the_session_and_are_numbered():
    built = build(
        "outlook hangs on save to matters, add-in suspected",
        "need nadia's approval for the £62 replacement before we order",
        "nadia to have Ruth leave the laptop at reception by 8:30am tomorrow",
    )
    text = compose_update(built, "client_questions", "quick", "progress")["content"]
    assert text.startswith("Hi Nadia,\n\nTo keep things moving, we need a few things from you:")
    assert "1. Can you give us your approval for" in text
    assert "2. Can you have Ruth leave the laptop at reception by 8:30am tomorrow?" in text
    assert text.rstrip().endswith("Sam")


def test_a_session_that_needs_nothing_from_the_client_says_so_instead_of_padding():
    with pytest.raises(NothingNew, match="nothing to ask the client yet"):
        compose_update(build("rebooted the server, still slow"), "client_questions", "quick", "progress")


def test_ask_the_client_over_the_socket_has_one_length_and_posts_as_a_client_note(app, worked_session, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, worked_session, http) as ws:
        send(ws, type="action", name="share_update", audience="client_questions")  # no length: none is asked
        done = events_until(ws, lambda e: e["type"] in ("update.done", "choices", "error"))[-1]
    assert done["type"] == "update.done" and done["label"] == "Ask the Client"
    assert done["post_kind"] == "customer-visible discussion note" and "1. Can you" in done["content"]
    assert done["firewall"]["clean"] is True
