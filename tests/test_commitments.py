"""Who does what by when, and what it costs, said from templates in client text (updates/commitments.py,
updates/costs.py). Sessions here are made up for the tests; none is from a quality corpus."""

from flowpilot import ledger
from flowpilot.updates.commitments import commitments
from flowpilot.updates.compose import compose
from flowpilot.updates.costs import costs
from flowpilot.updates.when import spoken_when


def _built(*texts, contact="Nadia Brook", outcome="in_progress"):
    return ledger.build(
        {
            "intake": {
                "client_name": "Brook Dental",
                "contact_name": contact,
                "issue": "phones drop calls",
                "engineer_name": "Sam",
            },
            "messages": [{"role": "engineer", "text": t} for t in texts],
            "outcome": outcome,
        }
    )


def _said(*texts, **kw):
    return [line.text for line in commitments(_built(*texts, **kw))]


def test_a_firm_the_engineer_rang_is_who_they_means():
    said = _said("rang voxline → ticket VX-1182 → they'll run a trace on their side tmrw 2pm")
    assert said == ["Voxline will run their checks tomorrow at 2pm."]


def test_the_nearest_firm_named_is_who_they_means():
    said = _said("rang Voxline, trace booked. Telmark case TM-55 opened → they'll call back by 5pm today")
    assert said == ["Telmark will get back to us by 5pm today."]


def test_our_own_step_and_the_contacts_decision_are_said_to_the_contact():
    said = _said("so nadia's going to ask the partners and let me know by friday which option, then I'll do it fri pm")
    assert said == ["Please let us know which option you'd like by Friday.", "We'll take care of it Friday afternoon."]


def test_a_step_after_a_plan_label_with_its_thing():
    assert _said("plan: tmrw 10am swap the disk") == ["We'll swap the disk tomorrow at 10am."]


def test_a_part_on_its_way_and_a_technician_due():
    said = _said("replacement drive arrives tmrw by 1pm", "dell tech onsite thurs 9am")
    assert said == ["The replacement drive is due tomorrow by 1pm.", "A technician is due on site Thursday at 9am."]


def test_past_negated_conditional_and_question_times_are_no_commitment():
    assert (
        _said(
            "they rang back yesterday at 3pm",
            "I won't be able to get there tomorrow",
            "if it fails I'll swap it tomorrow",
            "can we do it tomorrow at 9?",
            "backup finished 2:14am",
        )
        == []
    )


def test_a_hedged_time_stays_hedged():
    said = _said("rang Clearscan, they'll run a consistency check tentatively tomorrow 3pm")
    assert said == ["Clearscan will run their checks provisionally tomorrow at 3pm."]


def test_a_quoted_email_is_not_the_engineers_plan():
    assert _said('customer pasted: "we will call you tomorrow at 9am about the invoice"') == []


def test_once_fixed_only_follow_ups_are_said():
    built = _built("I'll swap the disk tomorrow 10am", "I'll send you a proposal by Friday", outcome="resolved")
    assert [line.text for line in commitments(built, after_fix=True)] == ["We'll have a proposal for you by Friday."]
    assert [line.text for line in commitments(built)][0] == "We'll swap the disk tomorrow at 10am."


def test_times_are_said_as_spoken():
    assert spoken_when("tmrw 2pm") == "tomorrow at 2pm"
    assert spoken_when("fri pm") == "Friday afternoon"
    assert spoken_when("9am") == "at 9am"


def test_a_cost_the_contact_must_approve_keeps_its_price_and_deadline():
    built = _built("quote: new switch $119 + $70 labor = $189 total, need nadia's ok by thurs noon")
    assert [line.text for line in costs(built)] == [
        "We need your approval for the cost of the new switch ($189) by Thursday noon."
    ]


def test_an_approved_cost_is_said_as_approved_and_a_test_sale_is_no_cost():
    built = _built("ordered static IP, £5/month extra (nadia ok'd it on the phone)", "ran a £1 test sale, approved")
    assert [line.text for line in costs(built)] == [
        "You've approved the cost of the fixed internet address (£5/month)."
    ]


def test_someone_elses_or_a_conditional_approval_is_not_asked_of_the_reader():
    assert costs(_built("quote $289, she needs the board chair's ok")) == []
    assert costs(_built("plan b router $224, need nadia's ok only if plan a fails")) == []


def test_the_cost_replaces_the_vaguer_ask_in_the_client_update():
    built = _built("quote for new handset £89 + VAT, need nadia's approval before we order by wed")
    text = compose(built, "client_update", "detailed", "progress")
    assert "We need your approval for the cost (£89 + VAT) by Wednesday." in text  # a handset: no plain name
    assert text.count("approval") == 1


def _meanwhile(text):
    from flowpilot.updates.meanwhile import workaround

    return [line.text for line in workaround(_built(text))]


def test_a_workaround_that_cannot_be_said_whole_is_said_part_by_part():
    said = _meanwhile("workaround: front desk uses the paper day sheet (yesterday's EOD print) + paper SOAP notes")
    assert said == ["In the meantime, the front desk can use the paper day sheet."]


def test_a_workaround_label_is_not_said_and_a_thing_to_use_is_offered():
    assert _meanwhile("workaround for now is the drivers walk the handhelds into the office") == [
        "In the meantime, the drivers can walk the handhelds into the office."
    ]
    assert _meanwhile("workaround for ruth: Outlook on the web for anything urgent") == [
        "In the meantime, you can use email in the web browser for anything urgent."
    ]


def test_a_workaround_with_only_jargon_or_a_garbled_order_says_nothing():
    assert _meanwhile("workaround: scan to USB works from the front panel") == []
    assert _meanwhile("workaround: LIB-STAFF-DIRECT queue via GPO") == []


def test_a_cost_that_waits_on_a_condition_is_not_asked_for():
    assert costs(_built("if it still drops, replace the AP — $129 + $95 labor = $224, needs nadia's approval")) == []


def test_what_the_contact_will_do_is_asked_of_them_with_its_time():
    assert _said("Nadia plugs the USB stick into the front of the server before she leaves at 5:30pm today") == [
        "Please plug the external USB drive into the front of the server before you leave at 5:30pm today."
    ]
    assert _said("nadia to ring every patient on the list today") == ["Please ring every patient on the list today."]
    assert _said("nadia to call me back at 3pm") == ["Please get back to us at 3pm."]


def test_what_was_done_or_said_to_someone_else_is_no_commitment():
    assert _said("I sent the change request at 10:15") == []
    assert _said("we can restore anything up to thu") == []
    assert _said("plan: 2pm call with vendor, then push the update tonight") == []


def test_a_time_that_names_a_thing_is_not_the_steps_time():
    assert _said("I'll check the 10pm run tomorrow 8am") == ["We'll run our checks tomorrow at 8am."]


def test_notes_say_who_the_work_waits_on():
    from flowpilot.updates.notes import waiting_on

    assert waiting_on(_built("quote £89 + VAT for new handset, need nadia's approval by wed")) == "client approval"
    assert waiting_on(_built("rang Voxline, they'll call back by 5pm today")) == "Voxline"
    assert waiting_on(_built("swapped the handset, test call fine")) is None


def _escalated(*texts, reason):
    return ledger.build(
        {
            "intake": {"client_name": "Brook Dental", "contact_name": "Nadia Brook", "issue": "wifi down"},
            "messages": [{"role": "engineer", "text": t} for t in texts],
            "outcome": "escalated",
            "escalation_reason": reason,
        }
    )


def test_the_person_it_was_escalated_to_is_who_he_means():
    built = _escalated(
        "talked to Omar (network lead). escalating to him for the on-site: he goes out thursday 10am with new cable",
        reason="Escalated to Omar (network lead) for an on-site repair.",
    )
    assert [line.text for line in commitments(built)] == ["Omar from our team will be on site Thursday at 10am."]


def test_an_approximate_time_stays_approximate():
    built = _escalated("Hannah will do the activation at approx. 1pm", reason="Escalated to Hannah (senior engineer).")
    assert [line.text for line in commitments(built)] == ["Hannah from our team will take care of it at around 1pm."]


def test_an_ask_the_contact_already_answered_is_not_asked_again():
    from flowpilot.updates.client_next import told_to

    built = _built("asked her to look at the UPS in there. she says the UPS is on and green")
    assert told_to(built) == []
    assert [line.text for line in told_to(_built("asked her to restart the printer tonight"))] == [
        "Please restart the printer tonight."
    ]


def test_a_fault_term_is_no_cause_and_a_clause_about_something_before_is_no_offer():
    from flowpilot.updates import typed

    assert typed.cause("veeam lost the share mid-job, which is why the backup failed") is None
    assert typed.cause("expired password on the scan account") == "the password had expired"
    assert _meanwhile("As a workaround, guests get the lounge password, which does not use the login page") == [
        "In the meantime, guests can get the lounge password."
    ]


def test_a_cant_is_no_promise_and_a_named_ask_for_the_same_approval_goes():
    assert _said("I cannot guarantee them at 9:00 until the permanent change is made") == []
    built = _built("quote: 2 x 4TB disks £236 + VAT; need nadia's approval by thursday 12 noon so they arrive friday")
    text = compose(built, "client_update", "detailed", "progress")
    assert "We need your approval for the cost of the replacement drives (£236 + VAT) by Thursday 12 noon." in text
    assert text.count("approval") == 1


def test_an_engineers_plan_with_no_subject_or_after_meanwhile_is_ours():
    said = _said("meanwhile i'll check the backup tonight after 8pm", "will check the router at 9am tomorrow")
    assert said == ["We'll check the backup tonight after 8pm.", "We'll check the router at 9am tomorrow."]


def test_a_bare_will_after_someone_else_or_a_forecast_is_no_promise_of_ours():
    said = _said(
        "she's pulling the switch logs now, will swap it after 11pm tonight",
        "will be a bit slower during the rebuild tomorrow",
    )
    assert said == []


def test_our_step_inside_another_clause_and_what_they_points_at():
    said = _said(
        "quote: 2 x drive £236 + VAT; need approval by thursday so they arrive in time for me to fit friday 10am"
    )
    assert said == ["We'll fit the drives Friday at 10am."]


def test_two_steps_of_one_kind_at_different_times_are_both_said():
    said = _said("i'll swap the disk friday 10am", "i'll restart the router tomorrow 6pm")
    assert said == ["We'll swap the disk Friday at 10am.", "We'll restart the router tomorrow at 6pm."]


def test_the_time_belongs_to_the_verb_just_before_it():
    said = _said("rang voxline → they'll trace it on their side and call me back tomorrow 9am")
    assert said == ["Voxline will get back to us tomorrow at 9am."]


def test_what_we_need_the_contact_to_do_is_asked_with_its_own_time():
    said = _said("need nadia to run a test this afternoon between 2 and 4, and reply to my email by 5pm")
    assert said == ["Please get back to us by 5pm."]


def test_a_firm_we_logged_a_request_with_and_its_promised_response():
    said = _said(
        "I have logged a request with the Local Authority schools network team. "
        "They have committed to a response by 12:00 tomorrow."
    )
    assert said == ["The Local Authority will get back to us by 12:00 tomorrow."]


def test_the_person_we_escalated_to_will_be_in_touch_with_the_contact():
    built = ledger.build(
        {
            "intake": {"client_name": "St Teilo's", "contact_name": "Mr. Gareth Rees", "issue": "wifi"},
            "messages": [
                {
                    "role": "engineer",
                    "text": "I have informed Mr. Rees of the above and that Owain will contact him tomorrow afternoon",
                }
            ],
            "outcome": "escalated",
            "escalation_reason": "Escalated to our network lead Owain Price: the subnet needs widening.",
        }
    )
    assert [line.text for line in commitments(built)] == [
        "Our network lead Owain Price will be in touch with you tomorrow afternoon."
    ]
