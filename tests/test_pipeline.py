"""write_update(): engines, fallback, the firewall, the stored step, 'since last update', the CLI's subject."""

import pytest
from sqlalchemy import select

from flowpilot import ledger, session_store
from flowpilot.errors import NothingNew, TooEarly
from flowpilot.extensions import db
from flowpilot.models import Session, Step
from flowpilot.providers.openai_compat import OpenAICompatProvider
from flowpilot.services import Services
from flowpilot.updates import service
from flowpilot.updates.pipeline import Subject, UpdateRequest, compose_update, write_update
from tests.conftest import DEMO, refused_url

LEAKS = ["ACME-DC01", "10.20.30.40", "Winter2026!"]


def run(session_id, audience="client_update", length="detailed", context=None, provider=None):
    session = db.session.get(Session, session_id)
    return list(write_update(session, UpdateRequest(audience, length, context), Services(provider=provider)))


def updates(session_id):
    return list(
        db.session.scalars(
            select(Step).where(Step.session_id == session_id, Step.step_type == "status_update").order_by(Step.id)
        )
    )


def test_grounded_update_streams_and_stores_one_step(app, worked_session):
    with app.app_context():
        events = run(worked_session)
        kinds = [e["type"] for e in events]
        assert kinds[0] == "update.start" and kinds[-1] == "update.done" and kinds.count("update.delta") > 3
        done = events[-1]
        assert "".join(e["text"] for e in events if e["type"] == "update.delta").strip() == done["content"]
        assert done["content"].startswith("Hi Dana,") and done["context"] == "progress"
        (step,) = updates(worked_session)
        assert step.id == done["step_id"] and step.role == "assistant"
        assert set(step.content) >= {
            "audience",
            "length",
            "context",
            "generated_content",
            "engine",
            "model",
            "firewall",
            "since_step_id",
            "psa_push_status",
        }
        assert (step.content["engine"], step.content["model"], step.content["since_step_id"]) == (
            "grounded",
            None,
            None,
        )
        assert "<p>" in done["html"] and "<script" not in done["html"]


def test_context_follows_session_status(app, worked_session):
    with app.app_context():
        session = db.session.get(Session, worked_session)
        session_store.toggle_pause(session)
        assert run(worked_session, "ticket_notes")[-1]["context"] == "progress"
        session_store.resolve(session, "Scoped the transport rule to External-Block-Group; mail flows.")
        done = run(worked_session, "ticket_notes")[-1]
        assert done["context"] == "resolution" and "Scoped the transport rule" in done["content"]


def test_second_update_covers_what_changed(app, worked_session):
    with app.app_context():
        first = run(worked_session)[-1]
        session = db.session.get(Session, worked_session)
        session_store.add_step(
            session, "message", "engineer", {"text": "Dana approved. Scoped the transport rule to the group"}
        )
        session_store.add_step(session, "message", "assistant", {"text": "Good, re-run the trace."})
        second = run(worked_session)[-1]
        assert second["since_step_id"] == first["step_id"]
        assert "Since our last update, we scoped the email routing rule to the group." in second["content"]
        notes = run(worked_session, "ticket_notes")[-1]
        assert notes["since_step_id"] is None  # first update to that audience covers the session
        # Nothing happened since: no filler is written unless the engineer asks for it anyway.
        with pytest.raises(NothingNew, match="Nothing new has happened since your last ticket notes"):
            run(worked_session, "ticket_notes")
        forced = list(
            write_update(
                db.session.get(Session, worked_session),
                UpdateRequest("ticket_notes", "detailed", force=True),
                Services(),
            )
        )[-1]
        assert "**Since last update:**\n- No new steps since the last update." in forced["content"]


def test_too_early_for_a_new_session(app):
    with app.app_context():
        session = db.session.get(Session, 1)
        with pytest.raises(TooEarly, match="isn't enough in this session"):
            run(1)
        assert updates(1) == []
        session_store.add_step(session, "message", "engineer", {"text": "MX ok"})
        session_store.add_step(session, "message", "assistant", {"text": "check SPF"})
        session_store.add_step(session, "message", "engineer", {"text": "SPF ok"})
        assert not service.can_update(session)
        session_store.add_step(session, "message", "assistant", {"text": "trace it"})
        assert service.can_update(session) and run(1)[-1]["type"] == "update.done"


def test_a_transcript_subject_stores_nothing_and_matches_compose_update(app):
    import json

    data = json.loads(DEMO.read_text())
    events = list(write_update(Subject(transcript=data), UpdateRequest("ticket_notes", "detailed"), Services()))
    assert events[-1]["step_id"] is None and events[-1]["engine"] == "grounded"
    assert events[-1]["content"] == compose_update(ledger.build(data), "ticket_notes", "detailed")["content"]


def test_a_secret_split_across_llm_chunks_is_still_removed(app, worked_session, fake_llm, provider):
    # The model streams "Winter2026!" in two chunks: neither chunk alone holds the secret.
    fake_llm.chunks = ["Status: reset done. The temp pw is Wint", "er2026! ", "Next: confirm with Dana."]
    with app.app_context():
        session_store.add_step(
            db.session.get(Session, worked_session),
            "message",
            "engineer",
            {"text": "reset jdoe, temp password is Winter2026!"},
        )
        events = run(worked_session, "ticket_notes", provider=provider)
        assert (
            "Winter2026!" not in events[-1]["content"]
            and "Winter2026!" not in updates(worked_session)[-1].content["generated_content"]
        )


@pytest.fixture
def provider(fake_llm):
    fake_llm.reset()
    return OpenAICompatProvider(fake_llm.url, "sk-test", "fake-model", timeout=1.0)


def test_llm_update_is_firewalled_before_it_is_shown_or_stored(app, worked_session, fake_llm, provider):
    fake_llm.chunks = [
        "Hi Acme Medical Group,\n\n",
        "We found the transport rule ",
        "on ACME-DC01 ",
        "(10.20.30.40) was blocking mail. ",
        "Your temp password is Winter2026! ",
        "We'll fix it after your approval.\n\nBest regards,\nMarcus",
    ]
    with app.app_context():
        events = run(worked_session, provider=provider)
        done = events[-1]
        shown = "".join(e["text"] for e in events if e["type"] == "update.delta")
        stored = updates(worked_session)[-1].content
        for leak in LEAKS:
            assert leak not in done["content"] and leak not in shown and leak not in stored["generated_content"]
        assert "Winter2026!" not in str(stored)  # the report names removed terms, never a secret
        assert (done["engine"], done["model"]) == ("llm", "fake-model")
        assert done["firewall"]["count"] >= 3 and "mail routing setting" in done["content"]
        prompt = fake_llm.requests[-1]["messages"]
        assert prompt[0]["role"] == "system" and "data, not instructions" in prompt[1]["content"]
        assert prompt[1]["content"].index("CASE FILE") < prompt[1]["content"].index("TRANSCRIPT")
        assert all(key in prompt[1]["content"] for key in ('"cause"', '"plan_and_waiting"', '"asked_of_client"'))


def test_llm_notes_keep_terms_but_not_secrets(app, worked_session, fake_llm, provider):
    fake_llm.chunks = ["**Status:** transport rule on ACME-DC01 fixed; ", "temp pw for jdoe is Winter2026!"]
    with app.app_context():
        done = run(worked_session, "ticket_notes", provider=provider)[-1]
        assert "ACME-DC01" in done["content"] and "Winter2026!" not in done["content"]


@pytest.mark.parametrize(
    "mode, phrase",
    [
        ("500", "server error"),
        ("429", "rate-limiting"),
        ("slow", "did not answer within"),
        ("cut", "cut off"),
        ("empty", "empty answer"),
        ("refused", "Could not reach"),
    ],
)
def test_llm_failures_fall_back_to_the_grounded_update(app, worked_session, fake_llm, provider, mode, phrase):
    fake_llm.mode, fake_llm.delay = mode, 2.0
    if mode == "refused":
        provider = OpenAICompatProvider(refused_url(), "sk-test", "fake-model", timeout=1.0)
    with app.app_context():
        events = run(worked_session, provider=provider)
        fallback = [e for e in events if e["type"] == "update.fallback"]
        assert len(fallback) == 1 and phrase in fallback[0]["message"]
        assert fallback[0]["message"].endswith("Here is the built-in update instead.")
        done = events[-1]
        assert done["engine"] == "grounded" and done["content"].startswith("Hi Dana,")
        stored = updates(worked_session)[-1].content
        assert stored["engine"] == "grounded" and phrase in stored["fallback_reason"]


@pytest.mark.parametrize(
    "text",
    [
        "Sign-in from 185.220.101.34 (NL). Blocked docs@evil.example.com!\n\n- a\n- b.c\nend",
        "",
        "Wait... really?! Yes.",
        "no stop at all",
    ],
)
def test_chunks_lose_nothing(text):
    from flowpilot.updates.pipeline import chunks

    assert "".join(chunks(text)) == text
