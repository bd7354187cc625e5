"""Scenario fixtures: the checklists users depend on, with deadlines computed by hand here.

Each scenario is a real kind of case. Expected dates are worked out in the comments, not taken
from lexkit's own output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar
from markdown_it import MarkdownIt


def build(run, *args: str) -> dict:
    result = run("checklist", "build", *args, "--format", "json", "--no-input")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def by_rule(checklist: dict, rule: str) -> list[dict]:
    return [s for s in checklist["steps"] if s["rule"] and s["rule"]["id"] == rule]


def item_of(checklist: dict, sop_step: str) -> dict:
    """The checklist item that stands for an SOP step (alone, or merged into its duty)."""
    [item] = [s for s in checklist["steps"] if sop_step in s["sop_steps"]]
    return item


def sops_in(checklist: dict) -> set[str]:
    return {ref.split("/")[0] for s in checklist["steps"] for ref in s["sop_steps"]}


GIRL_15 = ("csec-rescue", "--at", "27/11/2026 22:00", "--fact", "victim_age=15", "--fact", "victim_gender=female")


def test_girl_of_15_rescued_on_a_friday_night(run) -> None:
    c = build(run, *GIRL_15, "--event", "report_received=27/11/2026 23:30")
    assert c["template"] == "csec-rescue" and c["facts"]["victim_age"] == 15
    assert c["events"]["rescue"] == "2026-11-27T22:00:00+05:30"
    # JJ Act s.31: Friday 27 Nov 22:00 + 24 hours = Saturday 28 Nov 22:00; hours never roll.
    [cwc] = by_rule(c, "JJA-31.production")
    assert cwc["deadline"]["due"] == "2026-11-28T22:00:00+05:30"
    assert cwc["deadline"]["basis"] == ["JJA-31"] and "JJA-31" in " ".join(cwc["legal_basis"])
    assert cwc["deadline"]["rolled_from"] is None and cwc["deadline"]["skipped"] == []
    # POCSO s.19(5)/(6): 24 hours from the report at 23:30 = Saturday 28 Nov 23:30.
    for rule in ("POCSO-19.care-arrangement", "POCSO-19.report-to-cwc"):
        [step] = by_rule(c, rule)
        assert step["deadline"]["due"] == "2026-11-28T23:30:00+05:30", rule
    # A child brings in the JJ Act and POCSO; the adult ITPA custody steps are left out.
    assert {"jj-act-statutory", "pocso-statutory", "mwcd-child-rescue-protocol-2006"} <= sops_in(c)
    assert not by_rule(c, "ITPA-17.custody-cap")
    assert c["kb_version"] and "does not replace" in c["disclaimer"]


def test_step_without_its_event_says_date_not_known(run) -> None:
    # The medical examination is not an event of the rescue: its 7-day report has no date.
    c = build(run, *GIRL_15)
    [step] = by_rule(c, "BNSS-184.report")
    assert step["deadline"] is None and step["deadline_status"] == "date_not_known"
    assert step["rule"]["period"] == {"amount": 7, "unit": "days", "text": "7 days"}
    assert any("--event medical_examination=DATETIME" in w for w in c["warnings"])


def test_journey_time_is_added_only_where_excluded(run) -> None:
    c = build(run, *GIRL_15, "--journey-hours", "2", "--event", "report_received=27/11/2026 23:30")
    assert by_rule(c, "JJA-31.production")[0]["deadline"]["due"] == "2026-11-29T00:00:00+05:30"
    assert by_rule(c, "POCSO-19.report-to-cwc")[0]["deadline"]["due"] == "2026-11-28T23:30:00+05:30"


def test_adult_woman_custody_caps_and_no_jj_act(run) -> None:
    c = build(run, "csec-rescue", "--at", "2026-11-27T22:00", "--fact", "victim_age=24", "--fact", "victim_gender=female",
              "--event", "magistrate_order=28/11/2026 11:00", "--event", "custody_order=01/12/2026 12:00",
              "--event", "arrest=28/11/2026 01:00")
    assert not {"jj-act-statutory", "pocso-statutory"} & sops_in(c)
    ids = {s["id"] for s in c["steps"]}
    assert "itpa-statutory/produce-forthwith" in ids  # production before the magistrate (ITPA s.15(5))
    # ITPA s.17(1): not more than 10 days from the order of 28 Nov; the 28th is excluded (GCA s.9):
    # days 29 Nov .. 8 Dec, so the cap ends at the end of 8 Dec 2026.
    [cap] = by_rule(c, "ITPA-17.custody-cap")
    assert cap["deadline"]["due"] == "2026-12-08" and cap["deadline"]["kind"] == "cap"
    # ITPA s.17(3): three weeks (21 days) from 1 Dec: 22 Dec 2026.
    [interim] = by_rule(c, "ITPA-17.interim-custody-cap")
    assert interim["deadline"]["due"] == "2026-12-22"
    # BNSS s.58: an arrested accused before a magistrate within 24 hours of 28 Nov 01:00.
    assert by_rule(c, "BNSS-58.production")[0]["deadline"]["due"] == "2026-11-29T01:00:00+05:30"
    # The victim is not an accused: a step of the checklist says so.
    assert any("not as an accused" in (s["title"] + s["action"]) or "not an accused" in (s["title"] + s["action"])
               for s in c["steps"])


def test_foreign_national_brings_in_the_mha_advisory(run) -> None:
    without = build(run, *GIRL_15)
    with_ = build(run, *GIRL_15, "--fact", "foreign_national=true")
    assert "mha-foreign-nationals-2012" not in sops_in(without)
    assert "mha-foreign-nationals-2012" in sops_in(with_)


def _entitlements(c: dict) -> dict[str, int]:
    return {e["kind"]: e["amount_inr"] for e in c["entitlements"]}


def test_bonded_labourer_rescued_in_2019_adult_male(run) -> None:
    # 2016 scheme as in force in 2019: immediate assistance Rs 20,000 (from 17 Jan 2017);
    # rehabilitation Rs 1 lakh for an adult male.
    c = build(run, "bonded-labour-release", "--at", "15/03/2019 10:00", "--fact", "victim_age=30",
              "--fact", "victim_gender=male")
    ent = _entitlements(c)
    assert ent["immediate_assistance"] == 20000
    assert ent["rehabilitation_assistance"] == 100000
    assert all(e["valid_from"] <= "2019-03-15" for e in c["entitlements"])


def test_bonded_labourer_rescued_in_2023_woman(run) -> None:
    # 2021 scheme (from 27 Jan 2022): immediate assistance up to Rs 30,000; a woman is in the
    # special category: Rs 2 lakh, of which at least Rs 1.25 lakh in an annuity.
    c = build(run, "bonded-labour-release", "--at", "2023-06-10T09:00", "--fact", "victim_age=32",
              "--fact", "victim_gender=female")
    rows = {e["kind"]: e for e in c["entitlements"]}
    assert rows["immediate_assistance"]["amount_inr"] == 30000 and rows["immediate_assistance"]["amount_is"] == "up_to"
    assert rows["rehabilitation_assistance"]["amount_inr"] == 200000
    assert rows["annuity_minimum"]["amount_inr"] == 125000
    assert all(r["scheme"] and r["conditions"] and r["sources"] for r in c["entitlements"])


def test_bonded_child_rescued_from_sexual_exploitation_is_extreme(run) -> None:
    c = build(run, "bonded-labour-release", "--at", "2023-06-10T09:00", "--fact", "victim_age=14",
              "--fact", "victim_gender=female", "--fact", "sexual_exploitation=true")
    assert _entitlements(c)["rehabilitation_assistance"] == 300000
    assert "jj-act-statutory" in sops_in(c)


def test_tamil_nadu_rule_only_with_the_state(run) -> None:
    plain = build(run, "bonded-labour-release", "--at", "2023-06-10T09:00", "--fact", "victim_age=30", "--fact", "victim_gender=male")
    tn = build(run, "bonded-labour-release", "--at", "2023-06-10T09:00", "--fact", "victim_age=30", "--fact", "victim_gender=male",
               "--state", "TN")
    assert len(tn["steps"]) > len(plain["steps"])
    assert tn["state"] == "IN-TN"


def test_trial_deadline_on_a_sunday_before_a_holiday_rolls(run) -> None:
    # POCSO s.35(1): the child's evidence within 30 days of cognizance; an act in court, so GCA
    # s.10 applies. Cognizance 26 Dec 2025 + 30 days = Sunday 25 Jan 2026; Monday 26 Jan is
    # Republic Day; the court is next open on Tuesday 27 Jan 2026.
    c = build(run, "victim-witness-trial", "--at", "26/12/2025 11:00", "--fact", "victim_age=12",
              "--fact", "victim_gender=female", "--fact", "sexual_exploitation=true")
    [step] = by_rule(c, "POCSO-35.child-evidence")
    d = step["deadline"]
    assert d["due"] == "2026-01-27" and d["rolled_from"] == "2026-01-25"
    assert [s["date"] for s in d["skipped"]] == ["2026-01-25", "2026-01-26"]


def test_two_month_investigation_ending_in_february(run) -> None:
    # BNSS s.193(2): two months from the FIR of 31 Dec 2026 = 28 Feb 2027 (no 31 Feb; GCA
    # s.3(35) calendar months). 28 Feb 2027 is a Sunday, but an investigation is not an act in a
    # court or office, so it does not roll.
    c = build(run, "csec-rescue", "--at", "2026-12-30T22:00", "--fact", "victim_age=24", "--fact", "victim_gender=female",
              "--fact", "sexual_exploitation=true", "--event", "information_recorded=31/12/2026 10:00")
    [step] = by_rule(c, "BNSS-193.investigation")
    assert step["deadline"]["due"] == "2027-02-28" and step["deadline"]["rolled_from"] is None


def test_every_template_builds_for_child_and_adult(run) -> None:
    listing = json.loads(run("checklist", "list", "--format", "json").stdout)
    ids = {t["id"] for t in listing}
    assert {"csec-rescue", "bonded-labour-release", "child-labour-rescue", "cross-border-repatriation",
            "victim-witness-trial"} <= ids
    for t in ids:
        for age in ("9", "30"):
            c = build(run, t, "--at", "2026-11-27T22:00", "--fact", f"victim_age={age}", "--fact", "victim_gender=female")
            assert c["steps"], (t, age)
            for s in c["steps"]:
                assert s["modality"] in {"shall", "may", "shall_not", "should"}
                assert s["sources"], s["id"]


def test_markdown_is_commonmark_with_every_phase(run) -> None:
    result = run("checklist", "build", *GIRL_15, "--format", "md", "--no-input")
    tokens = MarkdownIt("commonmark").enable("table").parse(result.stdout)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "Rescue of victims of trafficking for commercial sexual exploitation"
    assert {"Rescue", "Post rescue"} <= set(headings)
    assert "Sat 28 Nov 2026 22:00 IST" in result.stdout
    assert "Knowledge base" in result.stdout and "does not replace" in result.stdout


def test_ics_parses_back_with_stable_uids_and_alarms(run, tmp_path: Path) -> None:
    out = tmp_path / "rescue.ics"
    args = (*GIRL_15, "--event", "report_received=27/11/2026 23:30", "--format", "ics", "--no-input")
    assert run("checklist", "build", *args, "-o", str(out)).code == 0
    cal = Calendar.from_ical(out.read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    assert events
    cwc = next(e for e in events if "JJA-31.production" in str(e.get("summary")))
    assert cwc.decoded("dtstart").isoformat() == "2026-11-28T22:00:00+05:30"
    assert "JJA-31" in str(cwc.get("description"))
    assert [a for a in cwc.walk("VALARM")]
    second = tmp_path / "again.ics"
    run("checklist", "build", *args, "-o", str(second))
    uids = lambda p: sorted(str(e.get("uid")) for e in Calendar.from_ical(p.read_bytes()).walk("VEVENT"))  # noqa: E731
    assert uids(out) == uids(second) and len(set(uids(out))) == len(uids(out))


def test_output_file_is_never_overwritten_without_force(run, tmp_path: Path) -> None:
    out = tmp_path / "c.md"
    out.write_text("keep me", encoding="utf-8")
    result = run("checklist", "build", *GIRL_15, "--format", "md", "--no-input", "-o", str(out))
    assert result.code == 1 and "already exists" in result.stderr and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert run("checklist", "build", *GIRL_15, "--format", "md", "--no-input", "-o", str(out), "--force").code == 0
    assert out.read_text(encoding="utf-8").startswith("# Rescue")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.md"]


def test_missing_fact_names_the_flag_without_a_terminal(run) -> None:
    result = run("checklist", "build", "csec-rescue", "--at", "27/11/2026 22:00", "--no-input")
    assert result.code == 2
    assert "--fact victim_age=..." in result.stderr and "--fact victim_gender=..." in result.stderr


@pytest.mark.parametrize("args,needle", [
    (("--at", "31/02/2026 22:00", "--fact", "victim_age=15", "--fact", "victim_gender=female"), "31/02/2026"),
    (("--at", "27/11/2026 22:00", "--fact", "victim_age=fifteen", "--fact", "victim_gender=female"), "victim_age"),
    (("--at", "27/11/2026 22:00", "--fact", "victim_age=15", "--fact", "victim_gender=woman"), "female, male, transgender"),
    (("--at", "27/11/2026 22:00", "--fact", "victim_age=15", "--fact", "victim_gender=female", "--fact", "colour=red"), "no such fact"),
    (("--at", "27/11/2026 22:00", "--fact", "victim_age=15", "--fact", "victim_gender=female", "--event", "nonsense=27/11/2026"), "no such event"),
    (("--at", "27/11/2026 22:00", "--fact", "victim_age", "--fact", "victim_gender=female"), "NAME=VALUE"),
])
def test_bad_input_is_a_one_line_usage_error(run, args, needle) -> None:
    result = run("checklist", "build", "csec-rescue", *args, "--no-input")
    assert result.code == 2 and result.stdout == ""
    assert needle in result.stderr and "Traceback" not in result.stderr


def test_unknown_template_suggests(run) -> None:
    result = run("checklist", "build", "csec-rescu", "--at", "27/11/2026 22:00", "--no-input")
    assert result.code == 1 and "csec-rescue" in result.stderr


def test_a_case_before_1_july_2024_cites_the_ipc_and_crpc(run) -> None:
    # Rescue on 15 Mar 2019: the FIR step cites IPC 370 and CrPC 154, not BNS 143 / BNSS 173, and
    # the arrested accused's production runs under CrPC s.57 (24 hours from 12:00 = 16 Mar 12:00).
    c = build(run, "bonded-labour-release", "--at", "15/03/2019 10:00", "--fact", "victim_age=30",
              "--fact", "victim_gender=male", "--event", "arrest=15/03/2019 12:00")
    assert c["law_date"] == "2019-03-15"
    fir = item_of(c, "bonded-labour-practice/register-fir")
    assert "IPC-370" in fir["legal_basis"] and "BNS-143" not in fir["legal_basis"]
    assert "CRPC-154" in fir["legal_basis"] and not any(r.startswith("BNSS-173") for r in fir["legal_basis"])
    assert any("BNSS-173" in change and "-> CRPC-154" in change for change in fir["basis_changes"])
    [production] = by_rule(c, "CRPC-57.production")
    assert production["deadline"]["due"] == "2019-03-16T12:00:00+05:30"
    assert not by_rule(c, "BNSS-58.production")
    # The BNSS's 90-day victim update has no CrPC counterpart: shown, never computed.
    [update] = by_rule(c, "BNSS-193.victim-update")
    assert update["deadline"] is None and update["deadline_status"] == "not_in_force"


def test_a_case_after_1_july_2024_cites_the_bns_and_bnss(run) -> None:
    c = build(run, "bonded-labour-release", "--at", "2026-11-27T10:00", "--fact", "victim_age=30",
              "--fact", "victim_gender=male")
    fir = item_of(c, "bonded-labour-practice/register-fir")
    assert "BNS-143" in fir["legal_basis"] and "IPC-370" not in fir["legal_basis"]
    assert "BNSS-173(1)" in fir["legal_basis"] and "CRPC-154" not in fir["legal_basis"]


def test_offence_date_option_decides_the_code(run) -> None:
    c = build(run, "bonded-labour-release", "--at", "2026-11-27T10:00", "--fact", "victim_age=30",
              "--fact", "victim_gender=male", "--offence-date", "2024-06-30")
    fir = item_of(c, "bonded-labour-practice/register-fir")
    assert "IPC-370" in fir["legal_basis"] and c["law_date"] == "2024-06-30"


def test_an_old_offence_found_now_is_charged_under_the_ipc_but_investigated_under_the_bnss(run) -> None:
    # Offence in May 2024, rescue and arrest in Nov 2026: IPC 370 for the charge (BNS s.358),
    # BNSS for the procedure, which began after 1 July 2024 (BNSS s.531(2)(a) saves only pending matters).
    c = build(run, "bonded-labour-release", "--at", "27/11/2026 22:00", "--fact", "victim_age=30",
              "--fact", "victim_gender=male", "--offence-date", "2024-05-01", "--event", "arrest=28/11/2026 10:00")
    fir = item_of(c, "bonded-labour-practice/register-fir")
    assert "IPC-370" in fir["legal_basis"] and "BNS-143" not in fir["legal_basis"]
    assert "BNSS-173(1)" in fir["legal_basis"] and "CRPC-154" not in fir["legal_basis"]
    assert by_rule(c, "BNSS-58.production")[0]["deadline"]["due"] == "2026-11-29T10:00:00+05:30"
    assert not by_rule(c, "CRPC-57.production")


def test_ics_has_a_vtimezone_for_india(run, tmp_path: Path) -> None:
    out = tmp_path / "c.ics"
    assert run("checklist", "build", *GIRL_15, "--format", "ics", "--no-input", "-o", str(out)).code == 0
    cal = Calendar.from_ical(out.read_bytes())
    assert [str(tz.get("tzid")) for tz in cal.walk("VTIMEZONE")] == ["Asia/Kolkata"]


def test_a_boy_victim_of_a_sexual_offence_is_sent_for_medical_examination(run) -> None:
    # POCSO s.27(1) applies the BNSS s.184 procedure to every child victim, boy or girl; only
    # the woman-doctor rule (s.27(2)) is for a girl. Information at 23:00: sent by 23:00 next day.
    c = build(run, "csec-rescue", "--at", "27/11/2026 22:00", "--fact", "victim_age=15",
              "--fact", "victim_gender=male", "--event", "information_received=27/11/2026 23:00")
    ids = {x for s in c["steps"] for x in [s["id"], *(s.get("sop_steps") or ())]}
    assert {"bnss-statutory/send-for-medical-examination", "bnss-statutory/medical-report-7-days",
            "pocso-statutory/medical-examination"} <= ids
    assert "pocso-statutory/woman-doctor-for-girl" not in ids
    [send] = by_rule(c, "BNSS-184.send-for-examination")
    assert send["deadline"]["due"] == "2026-11-28T23:00:00+05:30"
    # An adult man is outside BNSS s.184, which speaks of a woman.
    adult = build(run, "bonded-labour-release", "--at", "2026-11-27T10:00", "--fact", "victim_age=30",
                  "--fact", "victim_gender=male", "--fact", "sexual_exploitation=true")
    assert "bnss-statutory/send-for-medical-examination" not in {s["id"] for s in adult["steps"]}
