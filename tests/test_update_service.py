"""generate_status_update(): engines, fallback, the stored step, 'since last update'."""
import pytest
from sqlalchemy import select

from flowpilot import session_store
from flowpilot.extensions import db
from flowpilot.models import Session, Step
from flowpilot.providers.openai_compat import OpenAICompatProvider
from flowpilot.updates import service
from tests.conftest import refused_url

LEAKS = ["ACME-DC01", "10.20.30.40", "Winter2026!"]


def run(session_id, audience="client_update", length="detailed", context=None, provider=None):
    session = db.session.get(Session, session_id)
    return list(service.generate_status_update(session, audience, length, context, provider=provider))


def updates(session_id):
    return list(db.session.scalars(select(Step).where(Step.session_id == session_id,
                                                      Step.step_type == "status_update").order_by(Step.id)))


def test_grounded_update_streams_and_stores_one_step(app, worked_session):
    with app.app_context():
        events = run(worked_session)
        kinds = [e["type"] for e in events]
        assert kinds[0] == "update.start" and kinds[-1] == "update.done" and kinds.count("update.delta") > 3
        done = events[-1]
        assert "".join(e["text"] for e in events if e["type"] == "update.delta") == done["content"]
        assert done["content"].startswith("Hi Acme Medical Group,") and done["context"] == "progress"
        (step,) = updates(worked_session)
        assert step.id == done["step_id"] and step.role == "assistant"
        assert set(step.content) >= {"audience", "length", "context", "generated_content", "engine", "model",
                                     "firewall", "since_step_id", "psa_push_status"}
        assert (step.content["engine"], step.content["model"], step.content["since_step_id"]) == ("grounded", None, None)
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
        session_store.add_step(session, "message", "engineer", {"text": "Dana approved. Scoped the transport rule to the group"})
        session_store.add_step(session, "message", "assistant", {"text": "Good, re-run the trace."})
        second = run(worked_session)[-1]
        assert second["since_step_id"] == first["step_id"]
        assert "Since our last update, we've adjusted a mail routing setting." in second["content"]
        notes = run(worked_session, "ticket_notes")[-1]
        assert notes["since_step_id"] is None  # first update to that audience covers the session
        notes2 = run(worked_session, "ticket_notes")[-1]
        assert "**Since last update:**\n- No new steps since the last update." in notes2["content"]


def test_too_early_for_a_new_session(app):
    with app.app_context():
        session = db.session.get(Session, 1)
        assert service.too_early(session) == service.TOO_EARLY
        session_store.add_step(session, "message", "engineer", {"text": "MX ok"})
        session_store.add_step(session, "message", "assistant", {"text": "check SPF"})
        session_store.add_step(session, "message", "engineer", {"text": "SPF ok"})
        session_store.add_step(session, "message", "assistant", {"text": "trace it"})
        assert service.too_early(session) is None


@pytest.fixture
def provider(fake_llm):
    fake_llm.reset()
    return OpenAICompatProvider(fake_llm.url, "sk-test", "fake-model", timeout=1.0)


def test_llm_update_is_firewalled_before_it_is_shown_or_stored(app, worked_session, fake_llm, provider):
    fake_llm.chunks = ["Hi Acme Medical Group,\n\n", "We found the transport rule ", "on ACME-DC01 ",
                       "(10.20.30.40) was blocking mail. ", "Your temp password is Winter2026! ",
                       "We'll fix it after your approval.\n\nBest regards,\nMarcus"]
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
        assert prompt[1]["content"].index("FACTS") < prompt[1]["content"].index("TRANSCRIPT")


def test_llm_notes_keep_terms_but_not_secrets(app, worked_session, fake_llm, provider):
    fake_llm.chunks = ["**Status:** transport rule on ACME-DC01 fixed; ", "temp pw for jdoe is Winter2026!"]
    with app.app_context():
        done = run(worked_session, "ticket_notes", provider=provider)[-1]
        assert "ACME-DC01" in done["content"] and "Winter2026!" not in done["content"]


@pytest.mark.parametrize("mode, phrase", [("500", "server error"), ("429", "rate-limiting"),
                                          ("slow", "did not answer within"), ("cut", "cut off"),
                                          ("empty", "empty answer"), ("refused", "Could not reach")])
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
        assert done["engine"] == "grounded" and done["content"].startswith("Hi Acme Medical Group,")
        stored = updates(worked_session)[-1].content
        assert stored["engine"] == "grounded" and phrase in stored["fallback_reason"]
