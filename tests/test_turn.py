"""One chat turn, called directly: parsing, storing first, replies, actions."""

import json

from sqlalchemy import select

from flowpilot.chat.events import TurnContext
from flowpilot.chat.prompts import NO_LLM_ACK
from flowpilot.chat.turn import build_prompt, handle
from flowpilot.extensions import db
from flowpilot.models import Session, Step
from flowpilot.services import Services
from tests.fakes.provider import FakeProvider


def run(frame, provider=None, session_id=1, account_id=1):
    raw = frame if isinstance(frame, str) else json.dumps(frame)
    return list(handle(raw, TurnContext(account_id=account_id, session_id=session_id), Services(provider=provider)))


def stored(session_id=1):
    return list(db.session.scalars(select(Step).where(Step.session_id == session_id).order_by(Step.id)))


def test_malformed_and_unknown_frames_get_errors(app):
    with app.app_context():
        for frame, expected in (
            ("not json", "not JSON"),
            ("[1]", "has no type"),
            ({"type": "dance"}, "Unknown message type 'dance'"),
            ({"type": "message", "text": "  "}, "Type a message"),
            ({"type": "message", "text": 5}, "Type a message"),
            ({"type": "action", "name": "fly"}, "can't do 'fly'"),
        ):
            events = run(frame)
            assert [e["type"] for e in events] == ["error"] and expected in events[0]["message"]
        assert stored() == []


def test_message_without_llm_is_recorded_and_acknowledged(app):
    with app.app_context():
        events = run({"type": "message", "text": "MX ok, points at EXO"})
        assert events[0] == {
            "type": "message",
            "role": "engineer",
            "text": "MX ok, points at EXO",
            "step_id": events[0]["step_id"],
        }
        deltas = [e["text"] for e in events if e["type"] == "message.delta"]
        assert len(deltas) > 3 and "".join(deltas).strip() == NO_LLM_ACK
        final = events[-1]
        assert final["type"] == "message" and final["role"] == "assistant" and final["text"] == NO_LLM_ACK
        steps = stored()
        assert [(s.role, s.content.get("text")) for s in steps] == [
            ("engineer", "MX ok, points at EXO"),
            ("assistant", NO_LLM_ACK),
        ]
        assert steps[1].content["kind"] == "ack" and final["step_id"] == steps[1].id


def test_llm_reply_streams_and_is_stored(app):
    provider = FakeProvider(["Run a ", "message **trace**. ", "Then check ", "the rule."])
    with app.app_context():
        events = run({"type": "message", "text": "mail not arriving"}, provider)
        assert [e["type"] for e in events] == ["message", "message.delta", "message.delta", "message"]
        assert [e["text"] for e in events[1:3]] == ["Run a message **trace**.", " Then check the rule."]
        assert events[-1]["html"] == "<p>Run a message <strong>trace</strong>. Then check the rule.</p>\n"
        assert stored()[-1].content == {"text": "Run a message **trace**. Then check the rule.", "model": "fake"}
        system, *rest = provider.prompts[0]
        assert system["role"] == "system" and "Acme Medical Group" in system["content"]
        assert rest == [{"role": "user", "content": "mail not arriving"}]


def test_llm_failure_keeps_the_message_and_says_so(app):
    provider = FakeProvider(["partial ", "answer"], fail_after=1)
    with app.app_context():
        events = run({"type": "message", "text": "rebooted the AP, no change"}, provider)
        assert events[-1]["type"] == "error"
        assert events[-1]["message"].endswith("Your message is saved.")
        assert [(s.role, s.content["text"]) for s in stored()] == [("engineer", "rebooted the AP, no change")]


def test_prompt_skips_acks_and_keeps_recent_history(app):
    with app.app_context():
        for i in range(3):
            run({"type": "message", "text": f"note {i}"})
        prompt = build_prompt(db.session.get(Session, 1), history_limit=4)
        assert [m["content"] for m in prompt[1:]] == ["note 1", "note 2"]


def test_actions_change_status_and_store_steps(app):
    with app.app_context():
        events = run({"type": "action", "name": "pause"})
        assert events[-1] == {"type": "session", "status": "paused", "diagnosis_state": "investigating"}
        assert (
            run({"type": "action", "name": "resolve", "summary": ""})[0]["message"]
            == "Please add a summary of the fix first."
        )
        events = run({"type": "action", "name": "resolve", "summary": "Rule rescoped"})
        assert events[0]["text"] == "Session resolved: Rule rescoped"
        assert events[1] == {"type": "session", "status": "resolved", "diagnosis_state": "resolved"}
        # Then the resolution documentation and a client update ready to share, without more clicks.
        done = [e for e in events if e["type"] == "update.done"]
        assert [(d["purpose"], d["audience"], d["context"]) for d in done] == [
            ("documentation", "ticket_notes", "resolution"),
            ("share_resolution", "client_update", "resolution"),
        ]
        assert "Rule rescoped" in done[0]["content"]
        assert [s.step_type for s in stored()] == ["pause", "resolution", "status_update", "status_update"]


def test_other_accounts_session_is_not_found(app):
    with app.app_context():
        events = run({"type": "message", "text": "hi"}, session_id=2, account_id=1)
        assert events == [{"type": "error", "message": "This session no longer exists."}]
        assert stored(2) == []


def test_choose_without_a_pending_request_is_an_error(app):
    with app.app_context():
        events = run({"type": "action", "name": "choose", "slot": "audience", "value": "client_update"})
        assert events == [
            {"type": "error", "message": "There is no update being set up; click Share Update or ask for one."}
        ]


def test_chat_prompt_to_the_llm_has_no_passwords(app):
    with app.app_context():
        run({"type": "message", "text": "her password was changed to Acme2024, can you check MFA?"})
        prompt = build_prompt(db.session.get(Session, 1), history_limit=10)
        assert "Acme2024" not in str(prompt) and "[redacted]" in prompt[1]["content"]
