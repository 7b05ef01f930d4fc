"""Settings → PSA (admins only), keys encrypted and never shown; linking sessions to tickets."""

from sqlalchemy import select, text

from flowpilot.extensions import db
from flowpilot.models import Account, Session
from tests.conftest import csrf_token, login

FORM = {
    "site": "",
    "codebase": "",
    "company_id": "acmemsp",
    "client_id": "11111111-2222-3333-4444-555555555555",
    "public_key": "pub123",
    "private_key": "priv-SECRET-456",
}


def save(client, cw, **changes):
    token = csrf_token(client, "/settings/psa")
    return client.post("/settings/psa", data={**FORM, "site": cw.site, **changes, "csrf_token": token})


def test_engineers_cannot_open_settings(client):
    login(client, "bob@acme-msp.test")
    response = client.get("/settings/psa")
    assert response.status_code == 403 and "Only account admins" in response.get_data(as_text=True)
    assert client.post("/settings/psa/test", data={"csrf_token": csrf_token(client, "/")}).status_code == 403


def test_keys_are_encrypted_and_never_rendered_back(app, client, cw, tmp_path):
    login(client, "alice@acme-msp.test")
    assert save(client, cw).status_code == 302
    page = client.get("/settings/psa").get_data(as_text=True)
    assert "priv-SECRET-456" not in page and "pub123" not in page and "saved — leave blank to keep" in page
    with app.app_context():  # what is in the database itself, read without the model
        raw = db.session.execute(text("select psa_settings from accounts")).fetchall()
    assert "priv-SECRET-456" not in str(raw) and "pub123" not in str(raw)
    # Saving again with blank key fields keeps the saved keys.
    assert save(client, cw, public_key="", private_key="").status_code == 302
    token = csrf_token(client, "/settings/psa")
    result = client.post("/settings/psa/test", data={"csrf_token": token}, follow_redirects=True)
    assert "Connected to ConnectWise (version v2025.8.12345)." in result.get_data(as_text=True)


def test_bad_keys_give_a_clear_result_without_the_key(app, client, cw, caplog):
    login(client, "alice@acme-msp.test")
    save(client, cw, private_key="wrong-SECRET-789")
    result = client.post(
        "/settings/psa/test", data={"csrf_token": csrf_token(client, "/settings/psa")}, follow_redirects=True
    ).get_data(as_text=True)
    assert "ConnectWise refused the API keys" in result and "wrong-SECRET-789" not in result
    assert "wrong-SECRET-789" not in caplog.text


def test_missing_fields_are_named(client, cw):
    login(client, "alice@acme-msp.test")
    response = save(client, cw, company_id="", private_key="")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Company ID is required." in html and "Private key is required." in html


def test_intake_fills_from_the_ticket_and_links(app, client, psa_connected):
    login(client, "alice@acme-msp.test")
    lookup = client.get("/psa/tickets/884213").get_json()
    assert lookup == {
        "id": 884213,
        "summary": "External email not arriving",
        "company_name": "Acme Medical Group",
        "contact_name": "Dana Whitfield",
    }
    assert client.get("/psa/tickets/999").status_code == 404
    token = csrf_token(client, "/sessions/new")
    response = client.post(
        "/sessions/new",
        data={
            "csrf_token": token,
            "psa_ticket": "#884213",
            "client_name": "",
            "contact_name": "",
            "ticket_number": "",
            "issue": "",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        s = db.session.get(Session, int(response.location.rsplit("/", 1)[1]))
        assert (s.psa_ticket_id, s.client_name, s.contact_name, s.issue, s.ticket_number) == (
            884213,
            "Acme Medical Group",
            "Dana Whitfield",
            "External email not arriving",
            "#884213",
        )
    # The engineer's own edits win over the ticket's values.
    token = csrf_token(client, "/sessions/new")
    response = client.post(
        "/sessions/new",
        data={
            "csrf_token": token,
            "psa_ticket": "884213",
            "client_name": "Acme Med (Main St)",
            "issue": "Only the lab's mail",
        },
    )
    with app.app_context():
        s = db.session.get(Session, int(response.location.rsplit("/", 1)[1]))
        assert (s.client_name, s.issue, s.contact_name) == (
            "Acme Med (Main St)",
            "Only the lab's mail",
            "Dana Whitfield",
        )
    bad = client.post(
        "/sessions/new",
        data={"csrf_token": csrf_token(client, "/sessions/new"), "psa_ticket": "999", "client_name": "X", "issue": "Y"},
    )
    assert bad.status_code == 422 and "Ticket 999 was not found in ConnectWise." in bad.get_data(as_text=True)


def test_link_later_from_the_session_page(app, client, psa_connected):
    login(client, "alice@acme-msp.test")
    page = client.get("/sessions/1").get_data(as_text=True)
    assert "Link" in page and "ConnectWise ticket" in page
    token = csrf_token(client, "/sessions/1")
    client.post("/sessions/1/link-ticket", data={"csrf_token": token, "ticket": "884213"})
    with app.app_context():
        assert db.session.get(Session, 1).psa_ticket_id == 884213
    assert "Linked to ConnectWise ticket #884213" in client.get("/sessions/1").get_data(as_text=True)


def test_other_accounts_cannot_link_or_look_up(app, client, psa_connected):
    login(client, "eve@other-msp.test")
    token = csrf_token(client, "/")
    assert client.post("/sessions/1/link-ticket", data={"csrf_token": token, "ticket": "884213"}).status_code == 404
    response = client.get("/psa/tickets/884213")  # Eve's account has no PSA: it can't reach Acme's
    assert response.status_code == 502 and "Connect ConnectWise in Settings" in response.get_json()["error"]
    with app.app_context():
        assert db.session.scalar(select(Account).where(Account.name == "Other MSP")).psa_settings == {}


def test_post_to_ticket_defaults_are_saved_and_shown(app, client, cw):
    login(client, "alice@acme-msp.test")
    page = client.get("/settings/psa").get_data(as_text=True)
    assert 'name="billable_client_update"' in page and '<option value="DoNotBill" selected>Do not bill' in page
    changes = {
        "work_type": "Remote Support",
        "billable_client_update": "NoCharge",
        "status_client_update": "Waiting on client",
    }
    assert save(client, cw, **changes).status_code == 302
    assert save(client, cw, public_key="", private_key="", **changes).status_code == 302  # saved twice: kept
    with app.app_context():
        stored = db.session.scalar(select(Account).where(Account.name == "Acme MSP")).psa_settings["post_defaults"]
    assert stored["work_type"] == "Remote Support" and stored["billable"]["client_update"] == "NoCharge"
    assert stored["billable"]["ticket_notes"] == "Billable" and stored["status"]["client_update"] == "Waiting on client"
    page = client.get("/settings/psa").get_data(as_text=True)
    assert 'value="Remote Support"' in page and '<option value="NoCharge" selected>No charge' in page
    assert save(client, cw, billable_ticket_notes="Free").status_code == 302  # not an option: the standard one
    with app.app_context():
        stored = db.session.scalar(select(Account).where(Account.name == "Acme MSP")).psa_settings["post_defaults"]
    assert stored["billable"]["ticket_notes"] == "Billable"
