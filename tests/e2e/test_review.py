"""Reviewing an update before it goes out, in Debian's Chromium: edit in place, the firewall's warning, Copy."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import open_session, sign_in_browser


def test_edit_in_the_chat_then_copy_reads_the_edit_and_a_host_name_is_named(
    app, live_server, browser, artifacts, worked_session
):
    base = live_server.url()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    sign_in_browser(page, base)
    open_session(page, base, worked_session)
    page.fill("#composer-text", "quick update for the client")
    page.keyboard.press("Enter")
    update = page.locator(".msg.update").last
    expect(update.locator(".update-actions")).to_be_visible()
    update.get_by_role("button", name="Edit").click()
    area = update.locator("textarea.edit-text")
    expect(area).to_have_value(re.compile(r"^Hi Dana, a quick update"))  # the text as it stands
    typed = "Hi Dana, we restarted ACME-DC01 and mail is flowing again."
    area.fill(typed)
    update.get_by_role("button", name="Save").click()
    check = update.locator(".edit-check")
    expect(check).to_contain_text("adds a server or computer name: ACME-DC01")
    page.screenshot(path=str(artifacts / "edit-warning.png"))
    area.fill("Hi Dana, mail is flowing again; we'll keep an eye on it this afternoon.")
    update.get_by_role("button", name="Save").click()
    expect(update.locator(".body")).to_contain_text("keep an eye on it this afternoon")
    expect(update.locator("textarea.edit-text")).to_have_count(0)
    expect(page.locator("#updates-list li").first.locator(".delivery")).to_have_text("Edited")
    update.get_by_role("button", name="Copy").click()
    clipboard = page.evaluate("navigator.clipboard.readText()")
    assert clipboard == "Hi Dana, mail is flowing again; we'll keep an eye on it this afternoon."
    expect(page.locator("#updates-list li").first.locator(".delivery")).to_have_text("Copied · Edited")
    page.screenshot(path=str(artifacts / "edited.png"))
    page.reload()
    expect(page.locator(".msg.update").last.locator(".body")).to_contain_text("keep an eye on it")
    context.close()
