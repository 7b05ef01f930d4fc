"""The client's side said whole (updates/their_side.py) and causes said from their parts (updates/findings.py,
updates/typed.py). Sessions here are made up for the tests; none is from a quality corpus."""

from flowpilot import ledger
from flowpilot.updates.compose import compose
from flowpilot.updates.findings import found
from flowpilot.updates.their_side import fresh, instructions, reassurance


def _built(*texts, contact="Nadia Brook", outcome="in_progress", summary=None, handed=None, issue="server off"):
    return ledger.build(
        {
            "intake": {"client_name": "Brook Physio", "contact_name": contact, "issue": issue, "engineer_name": "Sam"},
            "messages": [{"role": "engineer", "text": t} for t in texts],
            "outcome": outcome,
            "resolution_summary": summary,
            "escalation_reason": handed,
        }
    )


def _texts(lines):
    return [line.text for line in lines]


def test_what_still_works_or_was_not_lost_is_said_as_the_engineer_wrote_it():
    built = _built("The database started cleanly. No data was lost.", "Incoming calls are not affected.")
    assert _texts(reassurance(built)) == ["No data was lost.", "Incoming calls are not affected."]


def test_a_reassurance_in_doubt_or_in_a_question_is_not_given():
    built = _built("not sure whether any data was lost", "can staff still print?", "I hope nothing was lost")
    assert reassurance(built) == []


def test_an_instruction_to_someone_at_the_client_is_said_to_them():
    built = _built(
        "Someone with a key will need to open the building at 08:00.",
        "If staff hear the UPS beeping again, they should save their work and call us.",
    )
    assert _texts(instructions(built)) == [
        "Someone with a key will need to open the building at 08:00.",
        "If staff hear the battery backup unit beeping again, they should save their work and call us.",
    ]


def test_the_contact_named_as_who_must_act_is_you():
    built = _built("Ms. Brook must email the supplier by 5pm today.", contact="Ms. Nadia Brook")
    assert _texts(instructions(built)) == ["You must email the supplier by 5pm today."]


def test_hearsay_after_an_instruction_is_left_out():
    built = _built("someone needs to let me into the office cupboard friday, janet says sue has the keys")
    assert _texts(instructions(built)) == ["Someone needs to let us into the office cupboard Friday."]


def test_an_instruction_cut_to_nothing_by_plain_words_is_not_said():
    # "re-enroll" goes with the code; "Staff have, no restore possible" would say nothing true
    assert instructions(_built("staff have to re-enroll, no restore possible")) == []


def test_a_line_already_said_from_the_same_message_is_not_said_twice():
    built = _built("Someone with a key will need to open the building at 08:00.")
    line = instructions(built)[0]
    assert fresh([line], [line]) == []
    assert fresh([line], []) == [line]


def test_the_update_carries_reassurance_and_the_clients_part():
    text = compose(
        _built(
            "The UPS battery failed its self-test. It is almost certainly the battery.",
            "No data was lost.",
            "Someone with a key will need to open the building at 08:00.",
        ),
        "client_update",
        "detailed",
    )
    assert "The most likely cause: the battery." in text
    assert "No data was lost." in text
    assert "someone with a key will need to open the building at 08:00." in text.lower()


def test_a_cause_named_by_a_pointer_is_the_thing_it_points_at():
    built = _built("The display shows F06. It is almost certainly the battery.")
    assert _texts(found(built)) == ["The most likely cause: the battery."]


def test_a_thing_that_died_is_a_cause_without_a_determiner():
    built = _built("prob disk 3 died around 01:50, veeam lost the share mid-job")
    assert _texts(found(built)) == ["The most likely cause: disk 3 died around 01:50."]


def test_an_expired_period_is_not_the_server_its_compound_opens_with():
    built = _built("confirmed: the cause was the expired RDS licensing grace period with no licence server configured")
    assert _texts(found(built)) == ["We found the cause: the temporary licensing period had expired."]


def test_a_resolved_cause_that_cannot_be_said_whole_is_said_from_its_reason():
    text = compose(
        _built(
            "added her to SG-Lettings-RW",
            outcome="resolved",
            summary="Jordan was in SG-Sales-RW instead of SG-Lettings-RW because the new starter form had the wrong "
            "department. Added her to SG-Lettings-RW.",
        ),
        "client_update",
        "detailed",
    )
    assert "We found the cause: the new starter form had the wrong department." in text


def test_what_a_thing_did_to_another_is_not_its_state():
    # "veeam lost the share": the backup software is not missing; nothing here can be said as a cause
    assert found(_built("prob veeam lost the share mid-job")) == []


def test_one_of_our_people_by_role_and_name_is_who_we_bring_in():
    from flowpilot.updates.client_text import party

    assert party("Escalated to our network lead Owain Price: the fix needs a change") == "our network lead Owain Price"
    assert (
        party("Escalated to infrastructure lead Rhys Morgan: renewal rejected") == "our infrastructure lead Rhys Morgan"
    )


def test_an_action_refused_right_after_it_is_not_said_as_done():
    from flowpilot.updates.client import did

    built = _built("I imported the renewed certificate. The firewall rejects it.", "restarted the print spooler")
    assert [line.text for line in did(built)] == ["We restarted the printing service on the computer."]


def test_until_then_is_the_day_the_message_named():
    from flowpilot.updates.client_next import told_to

    built = _built("thursday: fit the new drive. asked nadia to keep the laptop switched off till then")
    assert _texts(told_to(built)) == ["Please keep the laptop switched off until Thursday."]


def test_a_cause_named_then_rambled_about_is_the_thing():
    built = _built("prob the storage drive, it's the original from 2018 and it lives by the ramp, it's seen things")
    assert _texts(found(built)) == ["The most likely cause: the storage drive."]
    short = _built("prob the host clock, it's been off since the Sunday reboot")
    assert _texts(found(short)) == ["The most likely cause: the host clock, it's been off since the Sunday reboot."]


def test_what_the_contact_says_after_a_workaround_is_not_the_workaround():
    from flowpilot.updates.meanwhile import workaround

    built = _built("workaround: print from the laptop in the back for now, aled says the team can print from there")
    assert _texts(workaround(built)) == ["In the meantime, you can print from the laptop in the back for now."]


def test_what_we_did_written_in_full_is_said_as_done():
    from flowpilot.updates.client import did

    built = _built(
        "As a temporary measure I have reduced the lease duration from 8 days to 4 hours.",
        "I have also added a renewal reminder for the licences.",
    )
    assert _texts(did(built)) == [
        "As a temporary measure, we reduced the time each device keeps its network address from 8 days to 4 hours.",
        "We also added a renewal reminder for the licences.",
    ]


def test_an_answer_goes_past_a_clause_it_cannot_say_but_never_past_a_condition():
    from flowpilot.updates.client import answers

    def asked(reply):
        built = _built('nadia asked: "is the residents\' information safe?"', reply)
        return _texts(answers(built))

    assert asked("yes, good offsite copy from last night, and the care plans share is still readable") == [
        "You asked: is the residents' information safe? Yes, the care plans share is still readable."
    ]
    assert asked("yes, incoming calls are fine per her email and voxline's logs show no drops") == [
        "You asked: is the residents' information safe? Yes, incoming calls are fine."
    ]
    assert asked("yes, once the RAID rebuild finishes, the care plans share is readable") == []


def test_each_fix_in_a_closing_summary_is_said_and_a_test_is_no_fix():
    text = compose(
        _built(
            "re-registered the app",
            outcome="resolved",
            summary="Issued one-time TAPs, re-registered Microsoft Authenticator on the new phones, removed the old "
            "devices and added SMS as a backup method. Saved a test file - works.",
        ),
        "client_update",
        "detailed",
    )
    assert "We also re-registered the sign-in approval app on the new phones and removed the old devices." in text
    assert "test file" not in text


def test_a_labelled_workaround_with_an_example_and_one_that_points_back():
    from flowpilot.updates.meanwhile import workaround

    built = _built(
        "workaround agreed with reception: for important outgoing calls e.g. to the lab or the hospital, "
        "use the practice mobile until this is fixed"
    )
    assert _texts(workaround(built)) == [
        "In the meantime, for important outgoing calls, use the practice mobile until this is fixed."
    ]
    assert workaround(_built("workaround: I can do that on site tuesday afternoon so payroll can still run")) == []


def test_a_quick_escalation_says_what_was_found_and_what_happens_next():
    built = _built(
        "This confirms the cause: the DHCP scope is exhausted",
        "Owain will contact him tomorrow afternoon",
        contact="Mr. Gareth Rees",
        outcome="escalated",
        handed="Escalated to our network lead Owain Price: VLAN 30 /24 -> /23 on LA-CORE-01.",
        issue="wifi drops",
    )
    quick = compose(built, "client_update", "quick")
    assert "We found the cause: the pool of network addresses is exhausted." in quick
    assert "Our network lead Owain Price will be in touch with you tomorrow afternoon." in quick


def test_after_the_thirteenth_reading_causes_and_answers_read_right():
    # an answer's reason is no cause; what someone reported is no cause; "removed everyone" is done to others
    built = _built(
        "told tom no, because it protects the candidate data they hold",
        "renee says the agents cant get in but she can which is weird i think",
    )
    assert found(built) == []
    assert found(_built("prob the hr sync removed everyone whose department says leasing")) == []
    # a copier's waste toner is the thing that is full, not a "security alert"
    assert _texts(found(_built("C7990 on kyocera = waste toner full, prob a service call"))) == [
        "The most likely cause: the waste toner container ran out of room."
    ]
    # "not the update either" sets the update aside; "either" is no part of it
    assert _texts(
        found(_built("swapped the cable, same - not the cable", "rolled back KB5036893, same. not the update either"))
    ) == ["We've checked and ruled out: the cable; the update."]


def test_an_arrow_that_leads_into_an_answer_goes():
    from flowpilot.reading import pieces

    assert [p.text for p in pieces("-> yes, print to the library copier meanwhile")] == [
        "yes, print to the library copier meanwhile"
    ]


def test_a_decision_confirmed_is_no_test_and_him_beside_the_contacts_name_is_not_the_contact():
    built = _built(
        "chloe confirms: same project access as the other architects. approved",
        "added t.aziz to LH-Projects-RW",
        contact="Chloe Hale",
        outcome="resolved",
        summary="tariq wasn't in the group. added him with chloe's approval.",
    )
    assert not built.verified
    text = compose(built, "client_update", "detailed")
    assert "tested" not in text and "added you" not in text


def test_what_we_told_or_ask_the_contact_to_do_is_asked_of_them():
    from flowpilot.updates.client_next import told_to

    said = _texts(told_to(_built("told nadia: ring the bank's fraud line now about the £4,500, report it too")))
    assert said == ["Please ring the bank's fraud line now about the £4,500."]
    said = _texts(told_to(_built("ask her not to power off the NAS or move it till then")))
    assert said == ["Please do not power off the network storage box or move it."]
    assert told_to(_built("told nadia: your decision, not ours")) == []


def test_the_contact_booking_something_for_a_time_is_asked_with_that_time():
    from flowpilot.updates.commitments import commitments

    built = _built("plan: fit the new AP tmrw 2pm. nadia to book the cherry picker for 2pm", contact="Nadia Brook")
    assert "Please book the cherry picker for 2pm." in _texts(commitments(built))
