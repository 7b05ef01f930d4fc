"""A real browser: sign in, open the demo session, chat, resolve."""

import re

from playwright.sync_api import expect
from sqlalchemy import select

from flowpilot.cli import seed_demo
from flowpilot.extensions import db
from flowpilot.models import Session, Step
from tests.e2e.conftest import open_session, sign_in_browser


def test_sign_in_chat_and_resolve(app, live_server, page, artifacts):
    with app.app_context():
        email, password = seed_demo()
        demo_id = db.session.scalar(
            select(Session.id).where(Session.client_name == "Acme Medical Group").order_by(Session.id.desc())
        )
        db.engine.dispose()
    base = live_server.url()
    sign_in_browser(page, base, email, password)
    expect(page.get_by_role("heading", name="My sessions")).to_be_visible()
    page.click(f"a[href='/sessions/{demo_id}']")
    expect(page.locator("#session")).to_have_attribute("data-connected", "yes")
    # History from the database, engineer text escaped.
    expect(page.locator(".msg.engineer").first).to_contain_text("MX")
    # First sign-in: the demo's updates show what review offers (sources, a refined and rated update, Ask the Client).
    expect(page.locator("#updates-count")).to_have_text("3")
    expect(page.locator(".msg.update .src").first).to_be_visible()
    expect(page.locator(".msg.update .thumb-up[aria-pressed=true]")).to_have_count(1)
    page.screenshot(path=str(artifacts / "demo-first-sign-in.png"), full_page=True)

    page.fill("#composer-text", "Dana called back <b>approved</b> the change")
    page.keyboard.press("Enter")
    engineer = page.locator(".msg.engineer .body").last
    expect(engineer).to_have_text("Dana called back <b>approved</b> the change")
    reply = page.locator(".msg.assistant").last
    expect(reply).to_contain_text("saved to the session log")
    expect(page.locator("#composer-text")).to_have_value("")
    page.screenshot(path=str(artifacts / "chat.png"), full_page=True)

    page.click("button[data-action=resolve]")
    page.click("#action-submit")  # empty summary: refused with a message in the dialog
    expect(page.locator("#action-error")).to_have_text("Please add a summary of the fix first.")
    page.fill("#action-text", "Scoped the transport rule to External-Block-Group; mail flowing.")
    page.click("#action-submit")
    expect(page.locator("#status-badge")).to_have_text("resolved")
    expect(page.locator(".msg.system").last).to_contain_text("Session resolved: Scoped the transport rule")
    # Resolution documentation, then "Share Resolution" pre-generated with the team's defaults.
    expect(page.locator("#share-modal #share-title")).to_have_text("Share Resolution")
    expect(page.locator("#share-body")).to_contain_text("a fix in place")  # resolved, not tested in the chat
    expect(page.locator("#share-result-head")).to_have_text("Client Update · Detailed")
    page.screenshot(path=str(artifacts / "resolved.png"), full_page=True)
    page.keyboard.press("Escape")
    expect(page.locator("#share-modal")).not_to_be_visible()

    page.reload()
    expect(page.locator(".msg.engineer").last).to_contain_text("approved")
    expect(page.locator("#status-badge")).to_have_text("resolved")
    with app.app_context():
        types = [
            s.step_type for s in db.session.scalars(select(Step).where(Step.session_id == demo_id).order_by(Step.id))
        ]
        assert types[-5:] == ["message", "message", "resolution", "status_update", "status_update"]
    # Closed: Reopen instead of Resolve, Escalate and Pause; Share Update and the chat stay for documentation.
    bar = page.locator("#action-bar")
    for name in ("resolve", "escalate", "pause"):
        expect(bar.locator(f"button[data-action={name}]")).to_be_hidden()
    expect(bar.locator("button[data-action=reopen]")).to_be_visible()
    expect(page.locator("#closed-note")).to_have_text(
        "This session is resolved. Share Update and the chat stay available for documentation."
    )
    expect(page.locator("#share-update")).to_be_visible()
    page.screenshot(path=str(artifacts / "closed-session.png"))
    bar.locator("button[data-action=reopen]").click()
    expect(page.locator("#status-badge")).to_have_text("active")
    expect(page.locator(".msg.system").last).to_contain_text("Session reopened.")
    expect(bar.locator("button[data-action=resolve]")).to_be_visible()
    expect(bar.locator("button[data-action=reopen]")).to_be_hidden()
    expect(page.locator("#closed-note")).to_be_hidden()


def test_update_request_offers_choices_in_the_chat(app, live_server, page, artifacts):
    with app.app_context():
        db.engine.dispose()
    base = live_server.url()
    sign_in_browser(page, base)
    open_session(page, base, 1)
    page.fill("#composer-text", "give me an update")
    page.keyboard.press("Enter")
    expect(page.locator(".msg.choices").last).to_contain_text("Who is this update for?")
    page.get_by_role("button", name="Client Update").click()
    expect(page.locator(".msg.choices").last).to_contain_text("How detailed?")
    page.keyboard.press("Enter")  # the first option has focus: keyboard works
    # Session 1 has no exchanges yet: a friendly explanation, not an update.
    expect(page.locator(".msg.assistant").last).to_contain_text("couple of steps")
    expect(page.get_by_role("button", name="Client Update")).to_be_disabled()
    page.screenshot(path=str(artifacts / "choices.png"), full_page=True)


def test_quick_update_streams_into_the_chat(app, live_server, page, artifacts, worked_session):
    base = live_server.url()
    sign_in_browser(page, base)
    open_session(page, base, worked_session)
    page.fill("#composer-text", "quick update for the client")
    page.keyboard.press("Enter")
    update = page.locator(".msg.update").last
    expect(update.locator(".update-head")).to_have_text("Client Update · Quick")
    expect(update.locator(".body")).to_contain_text("Hi Dana")
    expect(update).to_have_attribute("data-step-id", re.compile(r"\d+"))
    page.screenshot(path=str(artifacts / "update.png"), full_page=True)
    page.reload()
    expect(page.locator(".msg.update .body").last).to_contain_text("Hi Dana")


def test_load_earlier_messages_in_a_long_session(app, live_server, page, worked_session):
    from datetime import timedelta

    from playwright.sync_api import expect

    from flowpilot.extensions import db
    from flowpilot.models import Step, utcnow
    from flowpilot.sessions import PAGE_STEPS

    with app.app_context():
        start = utcnow() - timedelta(hours=5)
        db.session.execute(
            Step.__table__.insert(),
            [
                {
                    "session_id": worked_session,
                    "step_type": "message",
                    "role": "engineer",
                    "content": {"text": f"line {i}"},
                    "created_at": start + timedelta(seconds=i),
                }
                for i in range(PAGE_STEPS + 50)
            ],
        )
        db.session.commit()
        db.engine.dispose()
    base = live_server.url()
    sign_in_browser(page, base)
    open_session(page, base, worked_session)
    messages = page.locator("#stream li.msg")
    expect(messages).to_have_count(PAGE_STEPS)
    page.click("#load-earlier")
    expect(messages).not_to_have_count(PAGE_STEPS)
    expect(page.locator("#load-earlier")).to_have_count(0)  # nothing earlier is left
    total = page.locator("#stream li.msg").count()
    assert total > PAGE_STEPS and page.locator("#stream li.msg").first.inner_text().startswith("Acme")
