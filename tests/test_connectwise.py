"""ConnectWiseClient against an in-process fake ConnectWise over real HTTP."""

import base64
import logging

import pytest

from flowpilot.errors import PSAError
from flowpilot.psa.connectwise import ConnectWiseClient
from flowpilot.vocabulary import note_kind
from tests.conftest import refused_url
from tests.fakes.connectwise_server import FakeConnectWise


@pytest.fixture
def cw():
    server = FakeConnectWise()
    yield server
    server.stop()


def client(cw, **overrides):
    args = dict(
        site=cw.site,
        company_id=cw.company,
        public_key=cw.public,
        private_key=cw.private,
        client_id=cw.client_id,
        timeout=1.0,
        sleep=lambda s: None,
    )
    return ConnectWiseClient(**(args | overrides))


def test_headers_auth_client_id_and_pinned_version(cw):
    info = client(cw).system_info()
    assert info["version"].startswith("v2025")
    headers = cw.requests[-1]["headers"]
    token = base64.b64encode(b"acmemsp+pub123:priv-SECRET-456").decode()
    assert headers["Authorization"] == f"Basic {token}" and headers["clientId"] == cw.client_id
    assert headers["Accept"] == "application/vnd.connectwise.com+json; version=2025.8"
    assert cw.requests[-1]["path"] == "/v4_6_release/apis/3.0/system/info"


def test_get_ticket_returns_company_and_contact(cw):
    ticket = client(cw).get_ticket(884213)
    assert (ticket.id, ticket.summary, ticket.company_name, ticket.contact_name) == (
        884213,
        "External email not arriving",
        "Acme Medical Group",
        "Dana Whitfield",
    )
    with pytest.raises(PSAError, match="Ticket 999 was not found in ConnectWise."):
        client(cw).get_ticket(999)


@pytest.mark.parametrize(
    "audience, context, kind, flags",
    [
        ("ticket_notes", "progress", "internal", (False, True, False)),
        ("ticket_notes", "resolution", "internal", (False, True, False)),
        ("client_update", "progress", "discussion", (True, False, False)),
        ("email_draft", "escalation", "discussion", (True, False, False)),
        ("client_update", "resolution", "resolution", (False, False, True)),
    ],
)
def test_note_kinds_and_flags(cw, audience, context, kind, flags):
    assert note_kind(audience, context) == kind
    note = client(cw).post_note(884213, "MX ok; rule rescoped.", kind, member_identifier="mreyes")
    body = cw.notes[884213][-1]
    assert note.id == body["id"] and note.kind == kind
    assert (body["detailDescriptionFlag"], body["internalAnalysisFlag"], body["resolutionFlag"]) == flags
    assert body["member"] == {"identifier": "mreyes"} and body["processNotifications"] is (kind != "internal")


def test_wrong_keys_and_missing_client_id_are_refused_without_leaking_keys(cw, caplog):
    caplog.set_level(logging.DEBUG)
    for bad in (dict(private_key="wrong"), dict(client_id="")):
        with pytest.raises(PSAError) as info:
            client(cw, **bad).system_info()
        assert "refused the API keys" in str(info.value)
        assert "priv-SECRET-456" not in str(info.value) and "pub123" not in str(info.value)
    assert "priv-SECRET-456" not in caplog.text and "priv-SECRET" not in repr(client(cw))


def test_no_display_flag_is_a_clear_400(cw):
    c = client(cw)
    with pytest.raises(PSAError, match="Please choose where to display the notes"):
        c.call("POST", "/service/tickets/884213/notes", ticket=884213, json={"text": "x"})


def test_429_honours_retry_after(cw):
    waits = []
    cw.mode, cw.busy, cw.retry_after = "429", 2, 3
    note = client(cw, sleep=waits.append).post_note(884213, "hello", "internal")
    assert waits == [3.0, 3.0] and note.id and len(cw.notes[884213]) == 1
    cw.mode, cw.busy, cw.retry_after = "429", 1, 120
    with pytest.raises(PSAError, match="ConnectWise is busy; try again in 120 seconds."):
        client(cw).system_info()


def test_timeout_after_posting_never_posts_twice(cw):
    cw.mode, cw.hang_seconds = "hang_post", 2.0
    note = client(cw, timeout=0.5).post_note(884213, "Rule rescoped; mail flowing.", "resolution")
    notes = cw.notes[884213]
    assert len(notes) == 1 and note.id == notes[0]["id"]
    posts = [r for r in cw.requests if r["method"] == "POST"]
    assert len(posts) == 1  # it looked at the ticket instead of posting again


def test_server_error_and_unreachable(cw):
    cw.mode = "500"
    with pytest.raises(PSAError, match="problem on its side"):
        client(cw).get_ticket(884213)
    dead = ConnectWiseClient(refused_url().rsplit("/v1", 1)[0], "c", "p", "k", "id", timeout=1.0)
    with pytest.raises(PSAError, match="Could not reach ConnectWise"):
        dead.system_info()
    with pytest.raises(PSAError, match="Could not reach ConnectWise"):
        dead.post_note(1, "x", "internal")


def test_a_web_page_instead_of_the_api_is_a_clear_error(cw):
    cw.mode = "html"
    with pytest.raises(PSAError, match="not its API; check the site and codebase"):
        client(cw).get_ticket(884213)
