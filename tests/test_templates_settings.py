"""Settings → Communication templates: admins edit, engineers read, bad values named, preview, both engines."""

import json

from sqlalchemy import select

from flowpilot import ledger
from flowpilot.extensions import db
from flowpilot.models import Account
from flowpilot.updates.llm import build_prompt
from flowpilot.updates.template import Template
from tests.conftest import DEMO, csrf_token, login

GOOD = {
    "client_tone": "friendly",
    "signoff_mode": "custom",
    "client_signoff": "The Northstar Desk",
    "include_company_in_signoff": "false",
    "ticket_notes_format": "plain",
    "default_length": "quick",
}


def stored(app):
    with app.app_context():
        return db.session.scalar(select(Account).where(Account.name == "Acme MSP")).communication_templates


def test_admin_saves_and_defaults_are_the_briefs(app, client):
    login(client, "alice@acme-msp.test")
    page = client.get("/settings/templates").get_data(as_text=True)
    assert 'value="professional" selected' in page and 'value="detailed" selected' in page
    assert 'value="markdown" selected' in page and "Best regards," in page  # the preview
    token = csrf_token(client, "/settings/templates")
    assert client.post("/settings/templates", data={**GOOD, "csrf_token": token}).status_code == 302
    assert stored(app) == {
        "client_tone": "friendly",
        "client_signoff": "The Northstar Desk",
        "include_company_in_signoff": False,
        "ticket_notes_format": "plain",
        "default_length": "quick",
    }


def test_bad_values_are_refused_naming_the_field(app, client):
    login(client, "alice@acme-msp.test")
    for field, value, name in (
        ("client_tone", "sarcastic", "client_tone"),
        ("default_length", "long", "default_length"),
        ("ticket_notes_format", "html", "ticket_notes_format"),
        ("client_signoff", "", "client_signoff"),
    ):
        token = csrf_token(client, "/settings/templates")
        response = client.post("/settings/templates", data={**GOOD, field: value, "csrf_token": token})
        assert response.status_code == 422 and name in response.get_data(as_text=True)
    assert stored(app) == {}


def test_engineers_can_read_but_not_change(app, client):
    login(client, "bob@acme-msp.test")
    page = client.get("/settings/templates")
    assert page.status_code == 200 and "<fieldset disabled>" in page.get_data(as_text=True)
    token = csrf_token(client, "/settings/templates")
    assert client.post("/settings/templates", data={**GOOD, "csrf_token": token}).status_code == 403
    assert stored(app) == {}


def test_preview_shows_the_style_before_saving(app, client):
    login(client, "alice@acme-msp.test")
    token = csrf_token(client, "/settings/templates")
    formal = client.post(
        "/settings/templates/preview", data={**GOOD, "client_tone": "formal"}, headers={"X-CSRFToken": token}
    ).get_json()["preview"]
    assert "Dear Dana," in formal and formal.rstrip().endswith("The Northstar Desk")
    assert stored(app) == {}  # nothing saved


def test_every_setting_reaches_both_engines():
    built = ledger.build(json.loads(DEMO.read_text()))
    template = Template(
        client_tone="formal",
        client_signoff="The Northstar Desk",
        include_company_in_signoff=False,
        ticket_notes_format="plain",
        default_length="quick",
    )
    system = build_prompt(built, "client_update", "quick", "progress", template, "The Northstar Desk", "Acme")[0][
        "content"
    ]
    assert "formal" in system and "The Northstar Desk" in system
    notes = build_prompt(built, "ticket_notes", "detailed", "progress", template, "", "Acme")[0]["content"]
    assert "plain text (no markdown)" in notes
