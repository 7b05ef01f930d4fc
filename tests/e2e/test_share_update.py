"""The Share Update experience in a real browser: modal, inline flow, copy, sidebar, resolve/escalate."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from flowpilot.extensions import db
from flowpilot.models import Step
from flowpilot.vocabulary import MIN_EXCHANGES
from tests.e2e.conftest import open_session, sign_in_browser


def stored(app, session_id):
    with app.app_context():
        return [
            s.content
            for s in db.session.scalars(
                select(Step).where(Step.session_id == session_id, Step.step_type == "status_update").order_by(Step.id)
            )
        ]


def test_modal_ticket_notes_detailed_and_copy(app, live_server, browser, artifacts, worked_session):
    base = live_server.url()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    sign_in_browser(page, base)
    open_session(page, base, worked_session)
    share = page.locator("#share-update")
    expect(share).to_be_enabled()
    share.click()
    expect(page.locator("#share-modal")).to_be_visible()
    page.locator(".card[data-audience=ticket_notes]").click()
    expect(page.locator(".card[data-length=detailed]")).to_have_class(re.compile(r"\bdefault\b"))
    page.locator(".card[data-length=detailed]").click()
    expect(page.locator("#share-result-head")).to_have_text("Ticket Notes · Detailed")
    expect(page.locator("#share-body")).to_contain_text("Status: Cause identified")
    page.screenshot(path=str(artifacts / "modal-notes.png"))
    page.locator("#share-actions").get_by_role("button", name="Copy").click()
    expect(page.locator("#toast")).to_have_text("Copied to clipboard")
    clipboard = page.evaluate("navigator.clipboard.readText()")
    assert clipboard == stored(app, worked_session)[-1]["generated_content"]
    assert clipboard.startswith("**Status: Cause identified")
    expect(page.locator("#updates-list li").first.locator(".delivery")).to_have_text("Copied")
    # Share Update rests for 3 seconds after a generation, and says why.
    expect(share).to_be_disabled()
    assert "just written" in page.locator("#share-tip").get_attribute("title")
    expect(share).to_be_enabled(timeout=5000)
    # Switch length and audience from the modal: new stored updates each time.
    page.locator("#share-actions").get_by_role("button", name="Switch Length").click()
    expect(page.locator("#share-result-head")).to_have_text("Ticket Notes · Quick")
    page.locator("#share-actions").get_by_role("button", name="Switch Audience").click()
    page.locator(".card[data-audience=email_draft]").click()
    expect(page.locator("#share-result-head")).to_have_text("Email Draft · Quick")
    expect(page.locator("#share-body")).to_contain_text("Subject: Update: External emails are not arriving")
    page.keyboard.press("Escape")
    assert [(u["audience"], u["length"]) for u in stored(app, worked_session)] == [
        ("ticket_notes", "detailed"),
        ("ticket_notes", "quick"),
        ("email_draft", "quick"),
    ]
    assert [d["status"] for d in stored(app, worked_session)[0]["delivery"]] == ["copied"]
    # The sidebar, filled from the database after a reload.
    page.reload()
    expect(page.locator("#updates-count")).to_have_text("3")
    first = page.locator("#updates-list li").first
    expect(first.locator(".ulabel")).to_have_text("Email Draft · Quick")  # the audience in words
    expect(first.locator(".first-line")).to_have_text(re.compile(r"^Subject: Update: External emails"))
    first.locator("summary").click()
    expect(first.locator(".update-text")).to_contain_text("Subject: Update: External emails")
    expect(page.locator("#updates-list li").last.locator(".delivery")).to_have_text("Copied")
    page.screenshot(path=str(artifacts / "sidebar.png"), full_page=True)
    context.close()


def test_inline_request_switches_and_firewall_report(app, live_server, page, artifacts, worked_session):
    base = live_server.url()
    sign_in_browser(page, base)
    open_session(page, base, worked_session)
    page.fill("#composer-text", "detailed update for the client")
    page.keyboard.press("Enter")
    update = page.locator(".msg.update").last
    expect(update.locator(".update-head")).to_have_text("Client Update · Detailed")
    expect(page.locator(".msg.choices")).to_have_count(0)  # no selection step
    update.get_by_role("button", name="Switch Length").click()
    expect(page.locator(".msg.update").last.locator(".update-head")).to_have_text("Client Update · Quick")
    page.locator(".msg.update").last.get_by_role("button", name="Switch Audience").click()
    expect(page.locator(".msg.choices").last).to_contain_text("Who is this update for?")
    page.locator(".msg.choices").last.get_by_role("button", name=re.compile("Email Draft")).click()
    expect(page.locator(".msg.update").last.locator(".update-head")).to_have_text("Email Draft · Quick")
    last = page.locator(".msg.update").last
    expect(last.get_by_role("button", name=re.compile("Post to Ticket"))).to_be_hidden()  # no PSA connected
    expect(last.get_by_role("button", name="Set Reminder")).to_be_visible()
    # A message that names internal systems: the update's firewall report says what it removed.
    page.fill("#composer-text", "found it: the GPO on ACME-DC01 (10.0.0.5) maps the wrong share")
    page.keyboard.press("Enter")
    expect(page.locator(".msg.assistant").last).to_contain_text("saved to the session log")
    page.locator("#share-update").click()
    page.locator(".card[data-audience=client_update]").click()
    page.locator(".card[data-length=detailed]").click()
    expect(page.locator("#share-result-head")).to_have_text("Client Update · Detailed")
    expect(page.locator("#share-body")).not_to_contain_text("ACME-DC01")
    page.keyboard.press("Escape")
    page.screenshot(path=str(artifacts / "inline.png"), full_page=True)


def test_xss_text_is_shown_as_text(app, live_server, page, worked_session):
    alerts = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    base = live_server.url()
    sign_in_browser(page, base)
    open_session(page, base, worked_session)
    payload = "<img src=x onerror=alert(1)> <script>alert(2)</script>"
    page.fill("#composer-text", payload)
    page.keyboard.press("Enter")
    expect(page.locator(".msg.engineer .body").last).to_have_text(payload)
    page.reload()
    expect(page.locator(".msg.engineer .body").last).to_have_text(payload)
    assert page.locator(".stream img").count() == 0 and alerts == []


def test_share_update_waits_for_two_exchanges(app, live_server, page):
    base = live_server.url()
    sign_in_browser(page, base)
    open_session(page, base, 1)
    share = page.locator("#share-update")
    expect(share).to_be_disabled()
    assert f"{MIN_EXCHANGES} exchanges" in page.locator("#share-tip").get_attribute("title")
    for text in ("MX ok, SPF unchanged", "message trace shows Drop at transport"):
        page.fill("#composer-text", text)
        page.keyboard.press("Enter")
        expect(page.locator(".msg.assistant")).to_have_count(1 if text.startswith("MX") else 2)
    expect(share).to_be_enabled()


def test_escalate_then_share_escalation_on_a_phone(app, live_server, browser, artifacts, worked_session):
    base = live_server.url()
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    sign_in_browser(page, base)
    open_session(page, base, worked_session)
    page.click("button[data-action=escalate]")
    page.fill("#action-text", "Needs tier 3: tenant-level Exchange change outside our delegated rights")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # keyboard only: Tab to Escalate, Enter
    expect(page.locator("#status-badge")).to_have_text("escalated")
    expect(page.locator("#share-title")).to_have_text("Share Escalation")
    expect(page.locator("#share-body")).to_contain_text("further")
    page.screenshot(path=str(artifacts / "phone-escalation.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone ({width}px)"
    page.keyboard.press("Escape")
    # The whole action bar and the chat box fit the phone's width: no button or field is cut off.
    for selector in ("#share-update", "button[data-action=reopen]", "#composer-text", "#composer button"):
        box = page.locator(selector).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (selector, box)
    page.locator("#action-bar").screenshot(path=str(artifacts / "phone-action-bar.png"))
    notes = [u for u in stored(app, worked_session) if u["audience"] == "ticket_notes"]
    assert notes and notes[-1]["context"] == "escalation" and "Why escalated" in notes[-1]["generated_content"]
    context.close()


@pytest.mark.llm
def test_firewall_report_is_visible_and_expandable(app, live_server, page, artifacts, worked_session, fake_llm):
    fake_llm.chunks = [
        "Hi Acme Medical Group,\n\n",
        "We checked the MX records and found a transport rule ",
        "on ACME-DC01 blocking mail. ",
        "We need your approval to change it.\n\n",
        "Best regards,\nAlice",
    ]
    base = live_server.url()
    sign_in_browser(page, base)
    open_session(page, base, worked_session)
    page.locator("#share-update").click()
    page.locator(".card[data-audience=client_update]").click()
    page.locator(".card[data-length=detailed]").click()
    report = page.locator("#share-firewall details.firewall")
    expect(report.locator("summary")).to_have_text(re.compile(r"^\d+ technical terms were removed$"))
    expect(page.locator("#share-body")).not_to_contain_text("ACME-DC01")
    expect(page.locator("#share-body")).to_contain_text("a mail routing setting")
    report.locator("summary").click()
    expect(report.locator("li", has_text="ACME-DC01")).to_be_visible()
    expect(report.locator("li", has_text="transport rule")).to_contain_text("a mail routing setting")
    page.screenshot(path=str(artifacts / "firewall-report.png"))


def test_post_to_ticket_from_the_modal(app, linked_session, live_server, page, artifacts, cw):
    base = live_server.url()
    sign_in_browser(page, base)
    open_session(page, base, linked_session)
    expect(page.locator(".linked")).to_have_text("Linked to ConnectWise ticket #884213")
    page.locator("#share-update").click()
    page.locator(".card[data-audience=ticket_notes]").click()
    page.locator(".card[data-length=quick]").click()
    post = page.locator("#share-actions").get_by_role("button", name="Post to Ticket (internal note)")
    expect(post).to_be_visible()
    post.click()
    dialog = page.locator("#post-dialog")
    expect(dialog.locator("#post-kind")).to_have_text("Posts as: internal note (your team only).")
    expect(dialog.locator("#post-log-time")).not_to_be_checked()  # time and status are opt-in
    expect(dialog.locator("#post-status")).to_have_value("")
    dialog.locator("#post-submit").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#toast")).to_contain_text("Posted to ticket #884213 as internal note")
    expect(page.locator("#updates-list li").first.locator(".delivery")).to_have_text("Posted to ticket")
    page.screenshot(path=str(artifacts / "posted.png"))
    assert len(cw.notes[884213]) == 1 and cw.notes[884213][0]["internalAnalysisFlag"] is True
    expect(post).to_be_hidden()  # the modal's button is now "Posted to ticket", disabled
    expect(page.locator("#share-actions .slot-post")).to_be_disabled()
    page.reload()
    expect(page.locator("#updates-list li").first.locator(".delivery")).to_have_text("Posted to ticket")
    expect(page.locator(".msg.update").last.locator(".slot-post")).to_have_text("Posted to ticket")
    expect(page.locator(".msg.update").last.locator(".slot-post")).to_be_disabled()


def test_post_with_time_and_a_status_then_retry_a_failed_time_entry(
    app, linked_session, live_server, page, artifacts, cw
):
    base = live_server.url()
    sign_in_browser(page, base)
    open_session(page, base, linked_session)
    page.locator("#share-update").click()
    page.locator(".card[data-audience=client_update]").click()
    page.locator(".card[data-length=quick]").click()
    page.locator("#share-actions").get_by_role("button", name=re.compile("Post to Ticket")).click()
    dialog = page.locator("#post-dialog")
    expect(dialog.locator("#post-kind")).to_contain_text("customer-visible discussion note")
    expect(dialog.locator("#post-status option")).to_have_text(
        ["Leave as it is (In Progress)", "New", "In Progress", "Waiting on client", "Closed (closes the ticket)"]
    )
    expect(dialog.locator("#post-billable")).to_have_value("DoNotBill")  # the default for client updates
    dialog.locator("#post-log-time").check()
    dialog.locator("#post-minutes").fill("15")
    dialog.locator("#post-status").select_option(label="Waiting on client")
    cw.closed_period = True  # the first try: the member's time sheet is closed
    page.screenshot(path=str(artifacts / "post-dialog.png"))
    dialog.locator("#post-submit").click()
    expect(dialog.locator("#post-error")).to_contain_text("the time entry failed")
    expect(dialog.locator("#post-submit")).to_have_text("Retry the time entry")
    page.screenshot(path=str(artifacts / "post-partial.png"))
    assert len(cw.notes[884213]) == 1 and cw.time_entries == []
    cw.closed_period = False
    dialog.locator("#post-submit").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#updates-list li").first.locator(".delivery")).to_have_text(
        "Posted · 15 min · Waiting on client"
    )
    page.screenshot(path=str(artifacts / "posted-with-time.png"))
    assert len(cw.notes[884213]) == 1 and len(cw.time_entries) == 1
    assert cw.time_entries[0]["billableOption"] == "DoNotBill" and cw.tickets[884213]["status"]["id"] == 3
    page.reload()
    expect(page.locator("#updates-list li").first.locator(".delivery")).to_have_text(
        "Posted · 15 min · Waiting on client"
    )


@pytest.mark.reminders(CLOCK=__import__("tests.test_reminders", fromlist=["FastClock"]).FastClock())
def test_reminder_notification_arrives_and_opens_the_modal(app, worked_session, live_server, page, artifacts):
    base = live_server.url()
    sign_in_browser(page, base)
    open_session(page, base, worked_session)
    expect(page.locator("body")).to_have_attribute("data-notifications", "yes")
    page.fill("#composer-text", "quick update for the client")
    page.keyboard.press("Enter")
    expect(page.locator(".msg.engineer .body").last).to_have_text("quick update for the client")
    update = page.locator(".msg.update").last
    expect(update.locator(".update-head")).to_have_text("Client Update · Quick")
    update.get_by_role("button", name="Set Reminder").click()
    update.get_by_label("Custom reminder in minutes").fill("1")
    update.get_by_role("button", name="Set", exact=True).click()
    expect(page.locator("#updates-list li").first.locator(".delivery")).to_have_text("Pending reminder")
    expect(page.locator("#updates-list li").first.get_by_role("button", name="Cancel reminder")).to_be_visible()
    banner = page.locator("#banner")
    expect(banner).to_have_text("Time to send another update to Acme Medical Group on the email issue", timeout=15000)
    expect(page.locator("#bell-count")).to_have_text("1")
    expect(page.locator("#updates-list li").first.locator(".delivery")).to_have_text("")  # fired, no longer pending
    page.screenshot(path=str(artifacts / "reminder.png"))
    banner.get_by_role("link").click()
    expect(page.locator("#share-modal")).to_be_visible()
    expect(page.locator('[data-pane="length"]')).to_be_visible()  # audience preloaded: straight to length
    page.locator(".card[data-length=quick]").click()
    # Nothing happened in the chat since that update: FlowPilot says so instead of writing filler.
    expect(page.locator("#share-generating")).to_contain_text("Nothing new has happened since your last client update")
