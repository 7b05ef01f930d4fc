"""Reviewing an update before it goes out, in Debian's Chromium: edit in place, the firewall's warning, Copy."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import ask_for_update, open_session, sign_in_browser


def test_edit_in_the_chat_then_copy_reads_the_edit_and_a_host_name_is_named(
    app, live_server, browser, artifacts, worked_session
):
    base = live_server.url()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    sign_in_browser(page, base)
    open_session(page, base, worked_session)
    update = ask_for_update(page, "quick update for the client")
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


def test_hovering_a_sentence_shows_the_chat_message_it_came_from(app, live_server, page, artifacts, worked_session):
    base = live_server.url()
    sign_in_browser(page, base)
    open_session(page, base, worked_session)
    update = ask_for_update(page, "detailed notes please")
    sourced = update.locator(".src").first
    expect(sourced).to_be_visible()
    steps = sourced.get_attribute("data-steps").split(",")
    origin = page.locator(f'li.msg[data-step-id="{steps[0]}"]')
    expect(origin).not_to_have_class(re.compile("source-highlight"))
    sourced.hover()
    expect(origin).to_have_class(re.compile("source-highlight"))
    assert sourced.text_content().strip() and origin.locator(".body").text_content().strip()
    page.screenshot(path=str(artifacts / "sources-hover.png"))
    page.mouse.move(5, 5)
    expect(origin).not_to_have_class(re.compile("source-highlight"))
    sourced.focus()  # keyboard users get the same
    expect(origin).to_have_class(re.compile("source-highlight"))
    page.reload()  # from the database, the same ties
    expect(page.locator(".msg.update").last.locator(f'.src[data-steps="{",".join(steps)}"]')).to_have_count(1)


def test_a_client_sentence_with_no_source_is_marked_but_the_greeting_is_not(
    app, live_server, page, artifacts, worked_session
):
    base = live_server.url()
    sign_in_browser(page, base)
    open_session(page, base, worked_session)
    update = ask_for_update(page, "detailed update for the client")
    expect(update.locator(".src").first).to_be_visible()
    marked = update.locator(".no-source")
    expect(marked.filter(has_text="We'll keep you posted")).to_have_count(1)  # standard wording, no message
    expect(marked.filter(has_text="Hi Dana")).to_have_count(0)
    expect(marked.filter(has_text="Best regards")).to_have_count(0)
    page.screenshot(path=str(artifacts / "sources-client.png"))


def test_refine_shorter_from_the_menu_writes_a_shorter_version(app, live_server, page, artifacts, worked_session):
    base = live_server.url()
    sign_in_browser(page, base)
    open_session(page, base, worked_session)
    update = ask_for_update(page, "detailed update for the client")
    before = update.locator(".body").inner_text()
    update.get_by_role("button", name="Refine").click()
    menu = update.locator(".refine-menu")
    expect(menu.get_by_role("button")).to_have_text(["Shorter", "More detail", "Plainer", "Friendlier", "More formal"])
    page.screenshot(path=str(artifacts / "refine-menu.png"))
    menu.get_by_role("button", name="Shorter").click()
    expect(update.locator(".update-head")).to_have_text("Client Update · Quick")
    after = update.locator(".body").inner_text()
    assert len(after) < len(before) and after.startswith("Hi Dana")
    expect(page.locator("#toast")).to_contain_text("Shorter version of the client update saved")
    expect(page.locator("#updates-list li").first.locator(".ulabel")).to_have_text("Client Update · Quick")


def test_a_thumbs_down_shows_on_the_team_page(app, live_server, page, artifacts, worked_session):
    base = live_server.url()
    sign_in_browser(page, base)
    open_session(page, base, worked_session)
    update = ask_for_update(page, "quick update for the client")
    update.get_by_role("button", name="Needs work").click()
    update.get_by_label("What was wrong with this update (optional)").fill("Says nothing about the callback")
    update.locator(".why-down").get_by_role("button", name="Send").click()
    expect(update.get_by_role("button", name="Needs work")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("link", name="Team").click()
    expect(page.locator(".team-table")).to_contain_text("Client Update")
    expect(page.locator(".team-table")).to_contain_text("1 (100 %)")
    expect(page.locator(".team-table")).to_contain_text("Says nothing about the callback")
    page.screenshot(path=str(artifacts / "team.png"), full_page=True)


def test_ask_the_client_lists_questions_from_the_session(app, live_server, page, artifacts, worked_session):
    base = live_server.url()
    sign_in_browser(page, base)
    open_session(page, base, worked_session)
    page.locator("#share-update").click()
    page.locator(".card[data-audience=client_questions]").click()  # one length: straight to the result
    expect(page.locator("#share-result-head")).to_have_text("Ask the Client")
    body = page.locator("#share-body")
    expect(body).to_contain_text("we need one thing from you")
    expect(body.locator("ol li, p").filter(has_text="Can you give us your approval")).not_to_have_count(0)
    page.screenshot(path=str(artifacts / "ask-the-client.png"))
