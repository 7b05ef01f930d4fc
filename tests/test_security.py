"""Every route checks the account; found by walking the URL map, so a new unchecked route fails here."""
import re

import pytest

from tests.conftest import csrf_token, login

PUBLIC = {"/login", "/healthz", "/static/<path:filename>"}
SOCKETS = {"/ws/sessions/<int:session_id>", "/ws/notifications"}


def routes(app):
    for rule in app.url_map.iter_rules():
        if rule.rule in PUBLIC:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def fill(rule, session_id=2):
    return re.sub(r"<int:\w+>", str(session_id), rule.rule)


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
        response = client.open(fill(rule, 1), method=method, json={"audience": "client_update"},
                               headers={"X-CSRFToken": token})
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
