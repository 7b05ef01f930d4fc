"""Debian's Chromium driven by Playwright (never `playwright install`)."""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.call_failed = report.failed


@pytest.fixture
def page(request, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    if getattr(request.node, "call_failed", False):
        # CI keeps only the printed output: say what the page showed when the test failed.
        print("page at failure:", page.url, "connected:", page.locator("#session").get_attribute("data-connected"))
        print(page.locator("main").inner_text(timeout=2000)[-3000:])
    context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def sign_in_browser(page, base: str, email: str = "alice@acme-msp.test", password: str = "correct horse battery"):
    """Sign in through the login form, as a person would."""
    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button[type=submit]")


def open_session(page, base: str, session_id: int):
    """Open a session page and wait until its chat socket is connected."""
    from playwright.sync_api import expect

    page.goto(f"{base}/sessions/{session_id}")
    expect(page.locator("#session")).to_have_attribute("data-connected", "yes")


def ask_for_update(page, text: str):
    """Type an update request in the chat and wait until the streamed update shows its actions; the update."""
    from playwright.sync_api import expect

    page.fill("#composer-text", text)
    page.keyboard.press("Enter")
    update = page.locator(".msg.update").last
    expect(update.locator(".update-actions")).to_be_visible()
    return update
