"""Every route checks the account; found by walking the URL map, so a new unchecked route fails here."""

import re

import pytest

from tests.conftest import csrf_token, login

PUBLIC = {"/login", "/healthz", "/static/<path:filename>"}
SOCKETS = {"/ws/sessions/<id:session_id>", "/ws/notifications"}


def routes(app):
    for rule in app.url_map.iter_rules():
        if rule.rule in PUBLIC:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def fill(rule, session_id=2):
    return re.sub(r"<(?:int|id):\w+>", str(session_id), rule.rule)


def test_every_route_needs_sign_in(app, client):
    checked = 0
    for rule, method in routes(app):
        if rule.rule in SOCKETS:
            continue
        response = client.open(fill(rule), method=method, headers={"X-CSRFToken": csrf_token(client)})
        assert response.status_code in (302, 401, 400), (rule.rule, method, response.status_code)
        if response.status_code == 302:
            assert "/login" in response.location
        checked += 1
    assert checked >= 12


def test_every_session_route_is_404_for_another_account(app, client):
    login(client, "eve@other-msp.test")  # session 1 belongs to Alice's account
    token = csrf_token(client, "/")
    checked = 0
    for rule, method in routes(app):
        if "session_id" not in rule.rule or rule.rule in SOCKETS:
            continue
        response = client.open(
            fill(rule, 1), method=method, json={"audience": "client_update"}, headers={"X-CSRFToken": token}
        )
        assert response.status_code == 404, (rule.rule, method, response.status_code)
        assert "Acme" not in response.get_data(as_text=True)
        checked += 1
    assert checked >= 3


def test_health_endpoint(client):
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}


@pytest.mark.parametrize("path", ["/sessions/new", "/settings/psa", "/settings/templates"])
def test_state_changing_forms_need_csrf(client, path):
    login(client, "alice@acme-msp.test")
    assert client.post(path, data={"client_name": "X", "issue": "Y"}).status_code == 400


def test_every_state_changing_route_refuses_a_missing_csrf_token(app, client):
    login(client, "alice@acme-msp.test")
    checked = 0
    for rule, method in routes(app):
        if method in ("GET",) or rule.rule in SOCKETS:
            continue
        response = client.open(fill(rule, 1), method=method, data={"x": "1"})
        assert response.status_code == 400, (rule.rule, method, response.status_code)
        checked += 1
    response = client.post("/login", data={"email": "alice@acme-msp.test", "password": "correct horse battery"})
    assert response.status_code == 400
    assert checked >= 9


def test_client_names_and_intake_text_are_escaped_everywhere(app, client):
    login(client, "alice@acme-msp.test")
    token = csrf_token(client, "/sessions/new")
    evil = "<img src=x onerror=alert(1)>"
    response = client.post(
        "/sessions/new",
        data={
            "csrf_token": token,
            "client_name": evil,
            "contact_name": evil,
            "ticket_number": "",
            "issue": f"{evil} printer",
        },
    )
    session_url = response.location
    for page in (client.get("/").get_data(as_text=True), client.get(session_url).get_data(as_text=True)):
        assert evil not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_foreign_origin_is_refused_on_the_notification_socket(app, live_server):
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    from tests.live import sign_in

    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    cookies = "; ".join(f"{c.name}={c.value}" for c in http.cookies)
    with pytest.raises(InvalidStatus) as info:
        connect(
            base.replace("http", "ws") + "/ws/notifications",
            origin="http://evil.example",
            additional_headers={"Cookie": cookies},
            user_agent_header=http.headers["User-Agent"],
        )
    assert info.value.response.status_code == 403
    with pytest.raises(InvalidStatus) as info:
        connect(base.replace("http", "ws") + "/ws/notifications", origin=base)
    assert info.value.response.status_code == 401


def test_no_secret_key_in_pages_or_logs(app, client, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    login(client, "alice@acme-msp.test")
    pages = "".join(
        client.get(p).get_data(as_text=True)
        for p in ("/", "/sessions/1", "/settings/templates", "/settings/psa", "/sessions/new")
    )
    assert app.config["SECRET_KEY"] not in pages and app.config["SECRET_KEY"] not in caplog.text


@pytest.mark.parametrize("path", ["/login", "/healthz", "/static/style.css"])
def test_security_headers_on_every_response(client, path):
    response = client.get(path)
    response.close()  # a static file's handle
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_no_template_has_inline_script_or_handlers():
    from pathlib import Path

    for page in (Path(__file__).resolve().parents[1] / "templates").rglob("*.html"):
        html = page.read_text()
        inline = [m for m in re.findall(r"<script\b[^>]*>", html) if "src=" not in m and "application/json" not in m]
        assert inline == [] and not re.search(r"\son[a-z]+=", html) and 'style="' not in html, page.name
