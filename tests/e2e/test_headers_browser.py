"""In Chromium: the session page runs under its Content-Security-Policy, and another site cannot frame it."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.e2e.conftest import open_session, sign_in_browser


def test_the_session_page_runs_under_its_csp(app, live_server, page, worked_session):
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    base = live_server.url()
    sign_in_browser(page, base)
    open_session(page, base, worked_session)
    page.fill("#composer-text", "quick update for the client")
    page.press("#composer-text", "Enter")
    page.wait_for_selector("li.msg.update .update-actions")  # streamed over the socket, rendered by share.js
    assert violations == []


def test_another_origin_cannot_frame_a_session_page(app, live_server, page, worked_session):
    base = live_server.url()
    sign_in_browser(page, base)
    target = f"{base}/sessions/{worked_session}"

    class Evil(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            body = (
                f'<html><body><iframe id="f" src="{target}" width="800" height="600"></iframe></body></html>'.encode()
            )
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    evil = ThreadingHTTPServer(("localhost", 0), Evil)
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://localhost:{evil.server_address[1]}/")  # same site, another port: the cookie is sent
        page.wait_for_timeout(1500)
        framed = page.frame_locator("#f")
        assert framed.locator("button[data-action=resolve]").count() == 0  # blocked: nothing of the page rendered
    finally:
        evil.shutdown()
        evil.server_close()
