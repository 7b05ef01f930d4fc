"""'Steps completed': one bullet per message of work, the check first and what came of it after."""

from flowpilot import ledger
from flowpilot.updates.compose import compose
from flowpilot.updates.steps import reported, steps


def build(*texts):
    messages = [{"role": "engineer", "minutes": i, "text": t} for i, t in enumerate(texts)]
    return ledger.build({"intake": {"client_name": "Casa Lumbre", "issue": "Tablet offline"}, "messages": messages})


def section(notes: str, title: str) -> list[str]:
    body = notes.split(f"**{title}:**", 1)[1].split("\n\n", 1)[0]
    return [line for line in body.splitlines() if line.startswith("- ")]


def test_a_check_and_its_results_in_one_message_are_one_bullet():
    built = build(
        "counter tablet shows no internet",
        "router = FortiGate 40F. staff DHCP scope 192.168.10.100-.150. 51 leases of 51",
        "guest ssid moved to own vlan 20, lease 4h. staff lease 8h. stale leases cleared",
    )
    notes = compose(built, "ticket_notes", "detailed", "progress")
    bullets = section(notes, "Steps completed")
    assert len(bullets) == 2, bullets
    assert "51 leases of 51" in bullets[0] and "FortiGate 40F" in bullets[0]
    assert "staff lease 8h" in bullets[1] and "vlan 20" in bullets[1]


def test_the_problem_as_first_written_is_reported_not_a_step():
    built = build(
        "casa lumbre - counter tablet (TAB-01) says no internet, online orders not arriving", "rebooted TAB-01"
    )
    (problem,) = reported(built)
    assert "TAB-01" in problem.text and "online orders not arriving" in problem.text
    assert all("online orders not arriving" not in f.text for f in steps(built))
    notes = compose(built, "ticket_notes", "detailed", "progress")
    assert "TAB-01" in "\n".join(section(notes, "Reported"))


def test_a_theory_without_its_result_is_no_step_and_with_it_is_one():
    alone = build("tablet offline", "first guess: app update broke it", "ip 169.254.12.40, self-assigned")
    assert not any("first guess" in f.text for f in steps(alone))
    paired = build("tablet offline", "1st thought paper/roll sensor. loaded new roll + calibrated paper - same")
    kept = [f for f in steps(paired) if "1st thought" in f.text]
    assert kept and "calibrated paper" in (kept[0].detail or "")


def test_work_still_to_come_is_not_a_completed_step():
    built = build(
        "tablet offline",
        "checked the switch port 14, link up at 1G",
        "if not fixed by 9pm the desk puts a sign up",
        "turn off auto-update on the nas so this doesnt happen again",
    )
    texts = " ".join(f"{f.text} {f.detail or ''}" for f in steps(built))
    assert "port 14" in texts and "9pm" not in texts and "auto-update" not in texts


def test_a_test_reported_as_a_check_verifies_the_fix():
    built = ledger.build(
        {
            "intake": {"client_name": "Pinewood Dental Lab", "issue": "Scanner can't save"},
            "messages": [
                {"role": "engineer", "text": "disabled DHCP on the ISP router, renewed leases on PDL-SCAN01"},
                {"role": "engineer", "text": "tested: PDL-SCAN01 saved a test scan to \\\\PDL-FS01\\Scans ok"},
            ],
            "outcome": "resolved",
            "resolution_summary": "Disabled DHCP on the ISP router. Tested: test scan saved.",
        }
    )
    assert built.verified
    notes = compose(built, "ticket_notes", "detailed", "resolution")
    assert "saved a test scan" in notes.split("**Verification:**", 1)[1]
    assert not build("tested: still failing, same error").verified


def test_a_theory_taken_back_or_an_answer_to_the_client_is_not_the_diagnosis():
    taken_back = build(
        "outlook crashes on start",
        "thought it might be the add-in resiliency disabling it. checked reg, LoadBehavior=3. not that, it's crashing",
    )
    assert taken_back.diagnosis is None
    answered = ledger.build(
        {
            "intake": {"client_name": "Elm GP", "contact_name": "Karen", "issue": "Calls drop"},
            "messages": [
                {"role": "engineer", "text": "pretty sure it's the provider's media server, not our side"},
                {
                    "role": "engineer",
                    "text": "karen asks: will 8am tomorrow be the same? yes unless they pin it before",
                },
            ],
        }
    )
    assert answered.diagnosis is not None and "media server" in answered.diagnosis.text


def test_a_cause_that_points_back_is_the_line_it_points_at():
    built = build(
        "QB says H202 on every PC",
        "FS01 services: QuickBooksDB33 stopped, startup Manual. event log: patched + rebooted sat night. pretty sure that's the H202",
    )
    cause = built.diagnosis
    assert cause is not None and "QuickBooksDB33 stopped" in cause.text and cause.certainty == "likely"
    notes = compose(built, "ticket_notes", "detailed", "progress")
    assert "that's the H202" not in notes


def test_a_second_factor_said_with_too_is_not_the_main_cause():
    built = build(
        "i think 11r + the old wifi stack on the scanners is it, not sure",
        "signal is -84 near bay C. prob a coverage hole there too",
    )
    assert built.diagnosis is not None and "11r" in built.diagnosis.text


def test_a_numbered_plan_is_one_next_step_per_item_without_its_label():
    built = build(
        "scanners drop between aisles",
        "plan: 1) site survey thursday 7am before the shift 2) zebra fw update on all 14 TC52 3) decide on a 7th AP",
    )
    notes = compose(built, "ticket_notes", "detailed", "progress")
    items = section(notes, "Next steps")
    assert any(i.startswith("- Site survey thursday 7am") for i in items), items
    assert any(i.startswith("- Zebra fw update on all 14 TC52") for i in items), items
    assert not any("plan:" in i.lower() or "2)" in i for i in items), items
    quick = compose(built, "ticket_notes", "quick", "progress")
    assert "Next: Site survey thursday 7am before the shift." in quick


def test_a_number_in_brackets_is_no_list():
    built = build("iDRAC: virtual disk Data (RAID 5) degraded, drive 2 failed")
    assert "(RAID 5) degraded" in compose(built, "ticket_notes", "detailed", "progress")


def test_the_reason_given_with_an_answer_is_said_with_it_not_as_a_step():
    built = build(
        "sasha asks: 'can ben and rhys just use a shared login for a few days?'",
        "told her no - shared logins break MFA and the audit trail, and aren't allowed under their cyber essentials",
        "escalating to our M365 projects team (Priya Nair)",
    )
    built.escalation_reason = "Escalated to our M365 projects team (Priya Nair): licences"
    notes = compose(built, "ticket_notes", "detailed", "escalation")
    assert not any("Shared logins break MFA" in b for b in section(notes, "Steps completed"))
    assert not any(b.startswith("- Escalating") for b in section(notes, "Steps completed"))
    asked = section(notes, "Client asked")
    assert asked and "shared logins break MFA" in asked[0]


def test_a_checks_results_stay_with_it_in_a_message_that_also_answers():
    built = build(
        "mrs kell asks: is it safe to leave it plugged in?",
        "told her yes. checked the batt pack - not swollen, no smell, not hot",
    )
    steps_done = section(compose(built, "ticket_notes", "detailed", "progress"), "Steps completed")
    assert any("not swollen" in b for b in steps_done), steps_done


def test_with_no_cause_named_the_diagnosis_says_so_before_the_latest_finding():
    built = build("scanner won't save to the share", "share path check: access denied for svc-scan")
    notes = compose(built, "ticket_notes", "detailed", "progress")
    assert "Not yet identified. Latest finding: Share path check" in notes


def test_a_test_stated_in_the_closing_summary_verifies_the_fix():
    built = ledger.build(
        {
            "intake": {"client_name": "Casa Lumbre", "issue": "Cannot save to the share"},
            "messages": [{"role": "engineer", "text": "re-added SHOP-FLOOR Modify on CNC Programs"}],
            "outcome": "resolved",
            "resolution_summary": "Re-added Modify. Luis tested saving O1234.nc from CAM-PC2 — works.",
        }
    )
    assert built.verified
    notes = compose(built, "ticket_notes", "detailed", "resolution")
    assert "Luis tested saving O1234.nc from CAM-PC2 — works" in notes and "Not recorded" not in notes


def test_ruled_out_never_lists_its_own_label_an_idiom_or_a_result_sentence():
    built = build("ruled out", "not worth repairing at that age", "office mgr pc (KHC-OM01) opens the file fine")
    assert built.ruled_out == []


def test_a_dotted_numbered_plan_is_split_and_a_conditional_one_is_not_promised_to_the_client():
    built = build(
        "new grad shows unlicensed product", "once approved: 1. order seat via CSP 2. assign to ella 3. sign in"
    )
    quick = compose(built, "ticket_notes", "quick", "progress")
    assert "Next: Once approved: order seat via CSP." in quick and "Next: 1" not in quick
    assert "we'll order" not in compose(built, "client_update", "detailed", "progress").lower()


def test_a_summary_test_that_still_fails_verifies_nothing():
    built = ledger.build(
        {
            "intake": {"client_name": "Casa Lumbre", "issue": "Scan to email fails"},
            "messages": [{"role": "engineer", "text": "re-enabled smtp auth for the scanner"}],
            "outcome": "resolved",
            "resolution_summary": "Re-enabled it. Tested scan to email - still fails, printing works fine.",
        }
    )
    assert not built.verified


def test_a_list_is_only_the_numbers_that_run_in_order():
    from flowpilot import reading

    texts = [p.text for p in reading.pieces("plan: 1) rebuild the array (RAID 5) tonight 2) check logs")]
    assert texts == ["plan: rebuild the array (RAID 5) tonight", "plan: check logs"]
    assert len(reading.pieces("rebooted server 1. Still down. Checked switch 2. Lights ok")) == 4


def test_a_plan_label_on_its_own_line_labels_every_numbered_line_under_it():
    built = build(
        "reminder texts stopped tuesday",
        "plan:\n1. vendor enters new key on the callback tomorrow 10am\n2. test reminder to my mobile\n"
        "3. watch tomorrow's 2pm batch\n4. priya to add a 2nd admin user so one person leaving can't kill it again",
    )
    notes = compose(built, "ticket_notes", "detailed", "progress")
    assert not any("admin user" in b or "Test reminder" in b for b in section(notes, "Steps completed"))
    items = section(notes, "Next steps")
    assert sum(("Test reminder" in i) + ("2nd admin user" in i) + ("2pm batch" in i) for i in items) == 3, items
    assert not any("plan:" in i.lower() for i in items), items


def test_a_contacts_name_with_nothing_after_its_s_is_yours():
    from flowpilot.updates.client import _named_to_you

    assert _named_to_you("we test it on our mobile and Priya's", "Priya") == "we test it on our mobile and yours"
    assert _named_to_you("on Priya's phone", "Priya") == "on your phone"


def test_asides_answers_and_questions_to_flowpilot_are_no_steps():
    built = build(
        "Elaine's scanner fails at the panel",
        "checked the ACL on the Reception folder, svc-scan still has Modify",
        "Sorry, one sec — Elaine's just come back on the line",
        "Kettle's just boiled, back in two",
        "→ no: old ADSL line was ceased tue",
        "till 5 shows -52 dBm to FGC-Staff. is that good?",
        "where do i start?",
    )
    texts = [f"{f.text} {f.detail or ''}" for f in steps(built)]
    assert len(texts) == 2, texts
    assert "Modify" in texts[0] and "-52 dBm" in texts[1] and "?" not in texts[1]


def test_a_finding_after_an_apology_stays_a_step():
    built = build(
        "the tills fail", "Sorry I'm in the van, okay DNSFilter log shows edge.tapster-cloud.com blocked since 09:12"
    )
    assert any("09:12" in f.text for f in steps(built))


def test_a_retest_with_its_result_is_a_step_not_a_next_step():
    built = build("phones drop calls", "bumped udp timeout to 300s", "retest -> still drops at 32s")
    assert any("still drops" in f"{f.text} {f.detail or ''}" for f in steps(built))
    assert not any("still drops" in f.text for f in built.of("next_step"))
    assert [f.kind for f in build("x", "retest tomorrow -> if ok close").of("next_step")] == ["next_step"]


def test_the_bullets_under_a_plan_label_are_next_steps_not_steps_done():
    built = build(
        "emails to the council bounce",
        "SPF lookup count 12 -> PermError",
        "- helen booked the call -> tomorrow 10am, she logs into 123-reg, we do:\n"
        "  - new SPF -> EXO + casetrack only\n"
        "  - tenant-wide: number matching on\n"
        "- then test send to council",
    )
    notes = compose(built, "ticket_notes", "detailed", "progress")
    done, planned = section(notes, "Steps completed"), section(notes, "Next steps")
    assert not any("new SPF" in b or "tenant-wide" in b for b in done), done
    assert "- Helen booked the call -> tomorrow 10am, she logs into 123-reg" in planned, planned
    assert "- New SPF -> EXO + casetrack only" in planned and "- tenant-wide: number matching on" in planned, planned


def test_an_aside_is_no_step_and_a_tacked_on_one_is_trimmed():
    built = build(
        "tills keep dropping offline",
        "honestly the queue on the cctv looks like the january sales lol",
        "switch is smart-managed thank god; port 8 CRC errors 14,382",
    )
    notes = compose(built, "ticket_notes", "detailed", "progress")
    assert "cctv" not in notes and "thank god" not in notes
    assert "Switch is smart-managed" in notes


def test_a_linking_word_a_result_said_as_ok_and_a_first_assumption_stay_out_of_the_notes():
    built = build(
        "calls drop after 30 seconds",
        "My first assumption was the VPN, because the firmware was updated at the weekend.",
        "However, staff on the LAN get the same error, so the VPN is ruled out.",
        "disabled SIP ALG on the router and rebooted it; handsets re-registered ok",
    )
    notes = compose(built, "ticket_notes", "detailed", "progress")
    assert "- Staff on the LAN get the same error, so the VPN is ruled out" in notes
    assert "However" not in notes and "first assumption" not in notes
    assert "re-registered" not in notes.split("**Ruled out:**", 1)[-1].split("\n\n", 1)[0]
