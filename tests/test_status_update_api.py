"""POST /ai-sessions/<id>/status-update, exactly as in DESIGN.md §3."""

import pytest

from tests.conftest import csrf_token, login


def post(client, session_id, body, token=None, **kwargs):
    headers = {"X-CSRFToken": token} if token else {}
    return client.post(f"/ai-sessions/{session_id}/status-update", json=body, headers=headers, **kwargs)


@pytest.fixture
def alice(client):
    login(client, "alice@acme-msp.test")
    return client, csrf_token(client, "/")


def test_success_shape_and_stored_step(alice, worked_session):
    client, token = alice
    response = post(client, worked_session, {"audience": "email_draft", "length": "quick"}, token)
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {
        "content",
        "audience",
        "length",
        "context",
        "session_status",
        "steps_completed",
        "time_spent_minutes",
        "generated_at",
        "firewall",
        "step_id",
        "engine",
        "model",
        "fallback",
        "sources",
    }
    # Every sentence but the subject, greeting and sign-off names the chat messages (step ids) it came from.
    assert body["sources"] and all(s["step_ids"] and s["text"] in body["content"] for s in body["sources"])
    subject = body["content"].split("\n", 1)[0]  # the problem in plain words, and the ticket
    assert subject.startswith("Subject: Update: External emails are not arriving") and subject.endswith("— TKT-2847")
    assert (body["audience"], body["length"], body["context"], body["engine"]) == (
        "email_draft",
        "quick",
        "progress",
        "grounded",
    )
    page = client.get(f"/sessions/{worked_session}").get_data(as_text=True)
    assert f'data-step-id="{body["step_id"]}"' in page and "Email Draft · Quick" in page


def test_length_defaults_from_the_team_template(alice, worked_session):
    client, token = alice
    assert post(client, worked_session, {"audience": "ticket_notes"}, token).get_json()["length"] == "detailed"


def test_unauthenticated_is_401_json(client, worked_session):
    response = post(client, worked_session, {"audience": "client_update"})  # no token either: still 401
    assert response.status_code == 401 and response.get_json() == {"error": "Please sign in first."}
    token = csrf_token(client)
    response = post(client, worked_session, {"audience": "client_update"}, token)
    assert response.status_code == 401 and response.get_json() == {"error": "Please sign in first."}


def test_other_account_is_404_not_403(client, worked_session):
    login(client, "eve@other-msp.test")
    token = csrf_token(client, "/")
    response = post(client, worked_session, {"audience": "client_update"}, token)
    assert response.status_code == 404 and "Acme" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "body, field",
    [
        ({"audience": "boss"}, "audience"),
        ({}, "audience"),
        ({"audience": "client_update", "length": "long"}, "length"),
        ({"audience": "client_update", "context": "party"}, "context"),
        (["client_update"], "body"),
    ],
)
def test_bad_body_is_422_naming_the_field(alice, worked_session, body, field):
    client, token = alice
    response = post(client, worked_session, body, token)
    assert response.status_code == 422 and response.get_json()["field"] == field
    assert field in response.get_json()["error"] or field == "body"


def test_too_early_is_422_with_a_friendly_sentence(alice):
    client, token = alice
    response = post(client, 1, {"audience": "client_update"}, token)
    assert response.status_code == 422 and "couple of steps" in response.get_json()["error"]


def test_missing_csrf_token_is_refused(alice, worked_session):
    client, _ = alice
    response = post(client, worked_session, {"audience": "client_update"})
    assert response.status_code == 400 and "X-CSRFToken" in response.get_json()["error"]


def test_rate_limit_past_20_a_minute(alice, worked_session):
    client, token = alice
    for _ in range(20):
        assert (
            post(
                client, worked_session, {"audience": "ticket_notes", "length": "quick", "force": True}, token
            ).status_code
            == 200
        )
    response = post(client, worked_session, {"audience": "ticket_notes", "length": "quick", "force": True}, token)
    assert response.status_code == 429 and int(response.headers["Retry-After"]) >= 1
    assert "Too many update requests" in response.get_json()["error"]


def test_limiter_window_slides():
    from flowpilot.ratelimit import SlidingWindowLimiter

    now = [0.0]
    limiter = SlidingWindowLimiter(2, 60, clock=lambda: now[0])
    assert limiter.hit("u") and limiter.hit("u") and not limiter.hit("u") and limiter.hit("other")
    now[0] = 61
    assert limiter.hit("u")


def test_nothing_new_is_409_until_forced(alice, worked_session):
    client, token = alice
    assert post(client, worked_session, {"audience": "client_update"}, token).status_code == 200
    again = post(client, worked_session, {"audience": "client_update"}, token)
    assert again.status_code == 409 and again.get_json()["field"] == "force"
    assert post(client, worked_session, {"audience": "client_update", "force": True}, token).status_code == 200
