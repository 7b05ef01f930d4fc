"""Post to Ticket with a time entry and a status change, against the fake ConnectWise over real HTTP: the bodies
ConnectWise gets, one of each under double clicks and retries, a partial failure and its retry, board statuses."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from flowpilot.errors import PSAError
from flowpilot.extensions import db
from flowpilot.models import Account, PostClaim, Session, Step
from flowpilot.psa import work
from flowpilot.psa.connectwise import ConnectWiseClient
from tests.live import events_until, open_socket, send, sign_in


def client(cw):
    return ConnectWiseClient(
        cw.site, cw.company, cw.public, cw.private, cw.client_id, timeout=1.0, sleep=lambda s: None
    )


def until(kind):
    return lambda e: e["type"] in (kind, "error")


def generate(ws, audience, length="quick"):
    send(ws, type="action", name="share_update", audience=audience, length=length)
    return events_until(ws, until("update.done"))[-1]


def post(ws, step_id, **choices):
    send(ws, type="action", name="post_to_ticket", step_id=step_id, **choices)
    events = events_until(ws, until("update.delivery"))
    delivered = [e for e in events if e["type"] == "update.delivery"]
    return delivered[-1] if delivered else events[-1]


# --- the ConnectWise calls ------------------------------------------------------------------------
def test_board_statuses_skip_inactive_ones_and_name_the_current_one(cw):
    current, statuses = work.board_statuses(client(cw), 884213)
    assert current == 2
    assert [s.name for s in statuses] == ["New", "In Progress", "Waiting on client", "Closed"]
    assert [s.closed for s in statuses] == [False, False, False, True]
    assert cw.requests[-1]["path"].startswith("/v4_6_release/apis/3.0/service/boards/7/statuses")


def test_a_time_entry_is_charged_to_the_ticket_in_utc_without_adding_the_note_again(cw):
    end = datetime(2026, 11, 29, 10, 30, 0)
    entry = work.add_time_entry(client(cw), 884213, end, 15, "Checked MX", "DoNotBill", "Remote Support", "aling")
    body = cw.time_entries[-1]
    assert entry.id == body["id"]
    assert body["chargeToId"] == 884213 and body["chargeToType"] == "ServiceTicket"
    assert (body["timeStart"], body["timeEnd"]) == ("2026-11-29T10:15:00Z", "2026-11-29T10:30:00Z")
    assert body["member"] == {"identifier": "aling"} and body["workType"] == {"name": "Remote Support"}
    assert body["billableOption"] == "DoNotBill" and body["notes"] == "Checked MX"
    flags = ("addToDetailDescriptionFlag", "addToInternalAnalysisFlag", "addToResolutionFlag", "emailContactFlag")
    assert not any(body[f] for f in flags)


def test_a_closed_time_sheet_is_one_clear_sentence(cw):
    cw.closed_period = True
    with pytest.raises(
        PSAError, match=r"^ConnectWise refused the time entry: The time sheet for this period is closed\.$"
    ):
        work.add_time_entry(client(cw), 884213, datetime(2026, 11, 29, 10, 0), 15, "x", "Billable")
    assert cw.time_entries == []


def test_a_time_entry_whose_answer_is_lost_is_found_not_logged_twice(cw):
    cw.hang_time, cw.hang_seconds = True, 2.0
    entry = work.add_time_entry(client(cw), 884213, datetime(2026, 11, 29, 10, 0), 20, "Swapped PSU", "Billable")
    assert len(cw.time_entries) == 1 and entry.id == cw.time_entries[0]["id"]


def test_a_status_change_is_a_json_patch_by_id(cw):
    work.set_status(client(cw), 884213, 3)
    patch = cw.requests[-1]
    assert patch["method"] == "PATCH" and patch["body"] == [{"op": "replace", "path": "status", "value": {"id": 3}}]
    assert cw.tickets[884213]["status"] == {"id": 3, "name": "Waiting on client"}
    with pytest.raises(PSAError, match="not valid for this board"):
        work.set_status(client(cw), 884213, 4)  # inactive


# --- the whole post over the socket ------------------------------------------------------------------
def test_note_time_and_status_post_in_one_click_and_the_sidebar_says_so(app, linked_session, live_server, cw):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        update = generate(ws, "client_update")
        options = http.get(f"{base}/sessions/{linked_session}/updates/{update['step_id']}/post-options").json()
        assert options["kind_label"] == "customer-visible discussion note" and options["billable"] == "DoNotBill"
        assert [s["name"] for s in options["statuses"]] == ["New", "In Progress", "Waiting on client", "Closed"]
        assert options["status_id"] is None and options["minutes"] >= 1 and options["log_time"] is False
        done = post(ws, update["step_id"], minutes=15, billable="DoNotBill", status_id=3)
        again = post(ws, update["step_id"], minutes=15, billable="DoNotBill", status_id=3)  # a double click
    assert done["delivery"] == "Posted · 15 min · Waiting on client"
    pushed = done["psa_push_status"]
    assert pushed["status"] == "posted" and pushed["parts"]["time"]["minutes"] == 15
    assert again["psa_push_status"]["already"] is True
    assert len(cw.notes[884213]) == 1 and len(cw.time_entries) == 1
    assert cw.time_entries[0]["notes"] == cw.notes[884213][0]["text"]  # the same text, shown once on the ticket
    assert cw.tickets[884213]["status"]["name"] == "Waiting on client"
    page = http.get(f"{base}/sessions/{linked_session}").text
    assert "Posted · 15 min · Waiting on client" in page
    remembered = http.get(f"{base}/sessions/{linked_session}/updates/{update['step_id']}/post-options").json()
    assert remembered["log_time"] is True and remembered["status_id"] == 3  # the engineer's last choice


def test_a_failed_time_entry_leaves_the_note_and_a_retry_logs_only_the_time(app, linked_session, live_server, cw):
    cw.closed_period = True
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        update = generate(ws, "ticket_notes")
        send(ws, type="action", name="post_to_ticket", step_id=update["step_id"], minutes=30, billable="Billable")
        events = events_until(ws, until("error"))
        partial = [e for e in events if e["type"] == "update.delivery"][-1]
        assert partial["psa_push_status"]["status"] == "partial"
        assert partial["delivery"] == "Posted · time not logged"
        assert events[-1]["message"] == (
            "The note is posted, but the time entry failed: ConnectWise refused the time entry: "
            "The time sheet for this period is closed. Post again to retry just that part."
        )
        cw.closed_period = False
        retried = post(ws, update["step_id"], minutes=30, billable="Billable")
    assert retried["psa_push_status"]["status"] == "posted" and retried["delivery"] == "Posted · 30 min"
    assert len(cw.notes[884213]) == 1 and len(cw.time_entries) == 1
    assert cw.time_entries[0]["billableOption"] == "Billable"


def test_two_tabs_posting_time_at_once_log_it_once(app, linked_session, live_server, cw):
    cw.post_delay = 0.5
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        step_id = generate(ws, "ticket_notes")["step_id"]
    results = []

    def click():
        with open_socket(base, linked_session, http) as tab:
            results.append(post(tab, step_id, minutes=10, billable="Billable", status_id=3))

    tabs = [threading.Thread(target=click) for _ in range(3)]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join(20)
    assert len(results) == 3
    assert len(cw.notes[884213]) == 1 and len(cw.time_entries) == 1
    assert sum(1 for r in cw.requests if r["method"] == "PATCH") == 1


def test_bad_choices_are_refused_before_anything_is_posted(app, linked_session, live_server, cw):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        step_id = generate(ws, "ticket_notes")["step_id"]
        send(ws, type="action", name="post_to_ticket", step_id=step_id, minutes=0)
        assert "whole number of minutes" in events_until(ws, until("error"))[-1]["message"]
        send(ws, type="action", name="post_to_ticket", step_id=step_id, minutes=5, billable="Free")
        assert events_until(ws, until("error"))[-1]["message"].startswith("Choose how the time is billed")
        done = post(ws, step_id, status_id=99)  # not on the board: the note posts, the status says why not
    assert (
        done["psa_push_status"]["status"] == "partial"
        and "not on this ticket's board" in done["psa_push_status"]["reason"]
    )
    assert len(cw.notes[884213]) == 1 and cw.time_entries == []


def test_team_defaults_preselect_a_status_and_resolution_preselects_closing(app, linked_session, live_server, cw):
    with app.app_context():
        account = db.session.scalar(select(Account).where(Account.name == "Acme MSP"))
        account.psa_settings = {
            **account.psa_settings,
            "post_defaults": {"work_type": "Remote Support", "status": {"ticket_notes": "waiting on client"}},
        }
        db.session.commit()
        db.engine.dispose()
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        notes = generate(ws, "ticket_notes")
        options = http.get(f"{base}/sessions/{linked_session}/updates/{notes['step_id']}/post-options").json()
        assert (
            options["status_id"] == 3 and options["work_type"] == "Remote Support" and options["billable"] == "Billable"
        )
        send(ws, type="action", name="resolve", summary="Scoped the transport rule to the group; mail flows.")
        share = events_until(ws, lambda e: e.get("purpose") == "share_resolution" and e["type"] == "update.done")[-1]
        options = http.get(f"{base}/sessions/{linked_session}/updates/{share['step_id']}/post-options").json()
        assert options["kind"] == "resolution" and options["status_id"] == 5
        done = post(ws, share["step_id"], minutes=5, billable="Billable", work_type="Remote Support", status_id=5)
    assert done["delivery"] == "Posted · 5 min · Closed" and cw.tickets[884213]["status"]["name"] == "Closed"
    assert cw.time_entries[0]["workType"] == {"name": "Remote Support"}  # logged before the status forbids time


def test_minutes_are_counted_from_the_session_start_then_from_the_engineers_last_time_entry(
    app, linked_session, live_server, cw
):
    with app.app_context():
        session = db.session.get(Session, linked_session)
        session.started_at = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=3)
        db.session.commit()
        db.engine.dispose()
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        first = generate(ws, "ticket_notes")["step_id"]
        options = http.get(f"{base}/sessions/{linked_session}/updates/{first}/post-options").json()
        assert 180 <= options["minutes"] <= 182
        post(ws, first, minutes=options["minutes"], billable="Billable")
        second = generate(ws, "client_update")["step_id"]
    options = http.get(f"{base}/sessions/{linked_session}/updates/{second}/post-options").json()
    assert options["minutes"] <= 2  # just logged: not the whole session again


def test_an_update_posted_before_time_and_status_existed_gets_only_the_new_parts(app, linked_session, live_server, cw):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        step_id = generate(ws, "ticket_notes")["step_id"]
        with app.app_context():  # stored the old way: one note, no parts
            step = db.session.get(Step, step_id)
            old = {"status": "posted", "note_id": 5511999, "ticket_id": 884213, "kind": "internal"}
            step.content = {**step.content, "psa_push_status": old}
            db.session.commit()
        done = post(ws, step_id, minutes=10, billable="Billable")
    assert cw.notes[884213] == [] and len(cw.time_entries) == 1  # no second note
    pushed = done["psa_push_status"]
    assert pushed["status"] == "posted" and pushed["parts"]["note"] == {"status": "posted", "id": 5511999}
    assert done["delivery"] == "Posted · 10 min"


def test_a_part_another_tab_holds_stops_the_parts_after_it(app, linked_session, live_server, cw):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        step_id = generate(ws, "ticket_notes")["step_id"]
        post(ws, step_id)
        with app.app_context():
            db.session.add(PostClaim(step_id=step_id, part="time"))  # another tab is logging the time right now
            db.session.commit()
        busy = post(ws, step_id, minutes=10, billable="Billable", status_id=5)
    assert (
        busy["psa_push_status"]["status"] == "partial" and "already being posted" in busy["psa_push_status"]["reason"]
    )
    assert cw.tickets[884213]["status"]["name"] == "In Progress"  # not closed before the time it would refuse
    assert cw.time_entries == [] and len(cw.notes[884213]) == 1


def test_when_the_time_fails_the_status_is_not_tried_and_the_sentence_says_so(app, linked_session, live_server, cw):
    cw.closed_period = True
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        update = generate(ws, "ticket_notes")
        done = post(ws, update["step_id"], minutes=10, billable="Billable", status_id=3)
        options = http.get(f"{base}/sessions/{linked_session}/updates/{update['step_id']}/post-options").json()
    assert done["psa_push_status"]["reason"].endswith("is closed; the status change was not tried.")
    assert cw.tickets[884213]["status"]["name"] == "In Progress"
    assert options["status_id"] == 3 and options["posted"]["status"] == "partial"  # offered again for the retry


def test_internal_work_keeps_its_text_off_the_entrys_client_facing_notes(app, linked_session, live_server, cw):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        notes = generate(ws, "ticket_notes")["step_id"]
        post(ws, notes, minutes=10, billable="Billable")
        client_update = generate(ws, "client_update")["step_id"]
        post(ws, client_update, minutes=5, billable="DoNotBill")
    internal, visible = cw.time_entries
    assert internal["internalNotes"] == cw.notes[884213][0]["text"] and "internal notes" in internal["notes"]
    assert visible["notes"] == cw.notes[884213][1]["text"] and "internalNotes" not in visible


def test_post_options_are_only_for_updates_of_your_own_session(app, linked_session, live_server, cw):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        step_id = generate(ws, "ticket_notes")["step_id"]
    other = sign_in(base, "eve@other-msp.test")
    assert other.get(f"{base}/sessions/{linked_session}/updates/{step_id}/post-options").status_code == 404
    with app.app_context():
        message = db.session.scalar(select(Step).where(Step.session_id == linked_session, Step.step_type == "message"))
    wrong = http.get(f"{base}/sessions/{linked_session}/updates/{message.id}/post-options")
    assert wrong.status_code == 404 and wrong.json()["error"] == "That update could not be found."


@pytest.mark.parametrize(
    "choices, message",
    [
        ({"minutes": "15"}, "whole number of minutes"),
        ({"minutes": True}, "whole number of minutes"),
        ({"minutes": 5, "billable": ["Billable"]}, "Choose how the time is billed"),
        ({"minutes": 5, "work_type": {"x": 1}}, "work type must be"),
        ({"status_id": "3"}, "Choose one of the ticket's statuses"),
    ],
)
def test_a_malformed_frame_gets_one_clear_sentence(app, linked_session, live_server, cw, choices, message):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        step_id = generate(ws, "ticket_notes")["step_id"]
        send(ws, type="action", name="post_to_ticket", step_id=step_id, **choices)
        assert message in events_until(ws, until("error"))[-1]["message"]
    assert cw.notes[884213] == []


def test_a_claim_left_by_a_poster_that_died_is_taken_over_after_looking_first(app, linked_session, live_server, cw):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        step_id = generate(ws, "ticket_notes")["step_id"]
        with app.app_context():
            text = db.session.get(Step, step_id).content["generated_content"].replace("**", "")
        # The poster died after ConnectWise saved its note but before FlowPilot recorded it, minutes ago.
        cw.notes[884213].append({"id": 5511777, "text": text, "internalAnalysisFlag": True})
        long_ago = datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=10)
        with app.app_context():
            db.session.add(PostClaim(step_id=step_id, part="note", claimed_at=long_ago))
            db.session.add(PostClaim(step_id=step_id, part="time", claimed_at=datetime.now(UTC).replace(tzinfo=None)))
            db.session.commit()
        done = post(ws, step_id, minutes=10, billable="Billable")
    assert len(cw.notes[884213]) == 1 and done["psa_push_status"]["note_id"] == 5511777  # found, not posted again
    assert done["psa_push_status"]["status"] == "partial" and cw.time_entries == []  # that claim is fresh: busy


def test_a_dead_posters_time_entry_is_found_not_logged_again(app, linked_session, live_server, cw):
    base = live_server.url()
    http = sign_in(base, "alice@acme-msp.test")
    with open_socket(base, linked_session, http) as ws:
        step_id = generate(ws, "ticket_notes")["step_id"]
        post(ws, step_id)
        with app.app_context():
            text = db.session.get(Step, step_id).content["generated_content"].replace("**", "")
            long_ago = datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=10)
            db.session.add(PostClaim(step_id=step_id, part="time", claimed_at=long_ago))
            db.session.commit()
        cw.time_entries.append(
            {
                "id": 9001,
                "chargeToId": 884213,
                "internalNotes": text,
                "timeStart": "2026-11-29T09:00:00Z",
                "timeEnd": "2026-11-29T09:25:00Z",
            }
        )
        done = post(ws, step_id, minutes=10, billable="Billable")
    assert len(cw.time_entries) == 1 and done["psa_push_status"]["parts"]["time"]["id"] == 9001
    assert done["delivery"] == "Posted · 25 min"  # what was logged, not what was asked this time
