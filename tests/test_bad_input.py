"""Bad input at every edge: lone surrogates and NULs, ids too large for the database, malformed PSA replies."""

import json

import pytest
from sqlalchemy import select

from flowpilot.errors import PSAError
from flowpilot.extensions import db
from flowpilot.models import Session, Step
from flowpilot.psa.connectwise import ConnectWiseClient
from flowpilot.text import clean
from tests.conftest import csrf_token
from tests.live import events_until, open_socket, sign_in


def test_clean_removes_nul_and_lone_surrogates_but_keeps_real_characters():
    assert clean("a\x00b") == "ab"
    assert clean("lone \ud800 here") == "lone \ufffd here"
    assert clean("pair \ud83d\ude00 ok") == "pair \U0001f600 ok"
    assert clean("plain ✓ text") == "plain ✓ text"


def test_a_lone_surrogate_in_a_frame_does_not_break_the_session(app, worked_session, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, worked_session, http) as ws:
        ws.send('{"type": "message", "text": "printer \\ud800 jammed\\u0000 again"}')
        echo = events_until(ws, lambda e: e["type"] in ("message", "error"))[0]
        assert echo["text"] == "printer \ufffd jammed again"
    assert http.get(f"{base}/sessions/{worked_session}", timeout=10).status_code == 200
    token = http.get(f"{base}/", timeout=10).text.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    response = http.post(
        f"{base}/ai-sessions/{worked_session}/status-update",
        json={"audience": "ticket_notes"},
        headers={"X-CSRFToken": token},
        timeout=30,
    )
    assert response.status_code == 200


def test_forms_are_cleaned_before_they_are_stored(app, alice_client):
    token = csrf_token(alice_client, "/sessions/new")
    # As a client could send them: a NUL, and the UTF-8-ish bytes of a lone surrogate.
    body = f"csrf_token={token}&client_name=Acme%00%20Dental&issue=Scanner%20%ED%A0%80%20offline"
    response = alice_client.post("/sessions/new", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    with app.app_context():
        session = db.session.scalar(select(Session).order_by(Session.id.desc()))
        assert session.client_name == "Acme Dental" and "\x00" not in session.issue
        session.issue.encode("utf-8")  # storable and showable


@pytest.mark.parametrize(
    "path", ["/sessions/99999999999999999999999", "/sessions/2147483648", "/sessions/0", "/psa/tickets/99999999999"]
)
def test_ids_too_large_for_the_database_are_404(alice_client, path):
    assert alice_client.get(path).status_code == 404


def test_huge_ids_in_posts_and_frames_are_not_found(app, worked_session, live_server):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    token = http.get(f"{base}/", timeout=10).text.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    headers = {"X-CSRFToken": token}
    assert http.post(f"{base}/notifications/99999999999999/read", headers=headers, timeout=10).status_code == 404
    assert (
        http.post(
            f"{base}/ai-sessions/2147483648/status-update",
            json={"audience": "ticket_notes"},
            headers=headers,
            timeout=10,
        ).status_code
        == 404
    )
    with open_socket(base, worked_session, http) as ws:
        for name in ("copy", "post_to_ticket", "regenerate", "cancel_reminder"):
            ws.send(json.dumps({"type": "action", "name": name, "step_id": 2**70}))
            assert events_until(ws, lambda e: e["type"] in ("error", "update.done"))[-1]["type"] == "error"
    with app.app_context():
        assert not db.session.scalars(select(Step).where(Step.step_type == "status_update")).all()


@pytest.mark.parametrize(
    "reply", [[{"id": 1}], {"summary": "no id"}, {"id": 7, "company": "Acme", "contact": 5}, "just text", None]
)
def test_malformed_connectwise_replies_are_a_clear_psa_error(cw, reply):
    cw.tickets[7] = reply
    client = ConnectWiseClient(cw.site, cw.company, cw.public, cw.private, cw.client_id)
    if isinstance(reply, dict) and "id" in reply:
        ticket = client.get_ticket(7)  # a non-object company or contact is only missing data
        assert (ticket.id, ticket.company_name, ticket.contact_name) == (7, "", "")
        return
    with pytest.raises(PSAError, match="shape FlowPilot does not understand"):
        client.get_ticket(7)


def test_over_long_psa_strings_fit_their_columns(app, cw, psa_connected):
    from flowpilot.psa import service as psa_service
    from flowpilot.services import Services

    cw.add_ticket(77, "S" * 9000, "C" * 500, "N" * 500)
    with app.app_context():
        services = app.extensions["flowpilot"]
        assert isinstance(services, Services)
        session = db.session.get(Session, 1)
        session.client_name, session.contact_name, session.issue = "", "", ""
        psa_service.link(session, psa_service.lookup_ticket(services, session.account, 77))
        assert (len(session.client_name), len(session.contact_name), len(session.issue)) == (200, 200, 4000)
