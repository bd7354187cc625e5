"""One rescue followed from opening to charge-sheet over three months, on SQLite and PostgreSQL.

A 15-year-old girl (victim V-2026-014, never named) is rescued in Pune on Friday 4 September
2026 at 22:00 (csec-rescue template). Four departments record steps: police, health, the Child
Welfare Committee and the prosecution. One deadline is missed outright, two are met late.

Deadlines worked out by hand (hours on the clock; days by GCA s.9, the trigger day excluded,
ending at the end of the last day; none of these rules rolls to an open day):

| step (department)                       | trigger                      | period   | due                 | recorded                | state |
|-----------------------------------------|------------------------------|----------|---------------------|-------------------------|-------|
| produce-before-cwc (police)             | rescue 04/09 22:00           | 24 h     | 05/09 22:00         | done 05/09 15:00        | on time |
| send-for-medical-examination (police)   | information_received 04/09 18:00 | 24 h | 05/09 18:00         | done 05/09 10:00        | on time |
| care-within-24-hours (police)           | report_received 05/09 02:00  | 24 h     | 06/09 02:00         | done 05/09 12:00        | on time |
| report-to-cwc-and-court (police)        | report_received 05/09 02:00  | 24 h     | 06/09 02:00         | missed (06/09 10:00)    | missed |
| produce-arrested-accused (police)       | arrest 05/09 04:00           | 24 h     | 06/09 04:00         | done 05/09 16:00        | on time |
| medical-report-7-days (health)          | medical_examination 05/09    | 7 days   | 12/09 end of day    | done 01/10 10:00        | late (overdue 1 Oct) |
| determine-age (cwc)                     | age_test_order 07/09         | 15 days  | 22/09 end of day    | done 15/09 12:00        | on time |
| escort-within-15-days (police)          | escort_order 12/10           | 15 days  | 27/10 end of day    | done 03/11 10:00        | late (overdue 1 Nov) |
| charge-sheet-before-default-bail (police) | remand_start 06/09 (day 1) | 60 days  | 04/11 end of day    | done 02/11 17:00        | on time |
| investigation-two-months (police)       | information_recorded 05/09   | 2 months | 05/11 end of day    | done 02/11 17:00        | on time |
| inform-victim-of-progress (police)      | information_recorded 05/09   | 90 days  | 04/12 end of day (Sep 25 + Oct 31 + Nov 30 + 4) | -- | pending |
| competent-court (prosecution, no deadline) | --                        | --       | --                  | done 03/11 11:00        | on time |

Default bail counts the day of remand as day 1 (ED v Kapil Wadhawan, 2023): Sep 6-30 is 25
days, Oct 31 more (56), so day 60 is 4 November.

Accountability matrix totals (on time / late / missed / pending; an overdue step with nothing
recorded counts as missed; a step without a date yet is pending):
- end of September (as at 1 Oct 00:00): police 4/0/1/4 (on time: produce-before-cwc,
  send-for-medical, care-24h, produce-accused; missed: report-to-cwc; pending: charge-sheet,
  investigation, inform-victim, escort [no escort order yet]); health 0/0/1/0 (medical report
  overdue); cwc 1/0/0/0.
- end of October (as at 1 Nov 00:00): police 4/0/2/3 (escort now overdue: missed); health
  0/1/0/0 (done late on 1 Oct); cwc 1/0/0/0. Change from September: police 0/0/+1/-1, health
  0/+1/-1/0, cwc 0.
- end of November: police 6/1/1/1 (charge-sheet and investigation on time, escort late,
  inform-victim pending); health 0/1/0/0; cwc 1/0/0/0; prosecution 1/0/0/0.

Victim participation index (components reached / 6):
- end of September: statement recorded (09/09) and support applied for (10/09): 2/6 = 0.33.
- end of October: + support received (05/10) and compensation applied for (20/10): 4/6 = 0.67;
  change 0.67 - 0.33 = +0.34.
- end of November: a second statement (10/11) counts again (statements 2) but adds no
  component: 4/6 = 0.67, change 0.

Indicators:
- September: 1 case registered (FIR 05/09), 1 rescue operation, 1 person rescued, 1 minor,
  1 arrested (the trafficker, 05/09), 0 customers, 1 place closed (06/09), rehabilitation began 1.
- October: 0 registered, 0 rescued, 1 arrested (a customer, 03/10) of whom 1 customer, 1 bail
  application (10/10), 0 granted, 1 rejected (17/10); change from September: arrested 0,
  customers +1, bail applications +1, places closed -1.
- November: 1 charge-sheet (02/11).
"""

from __future__ import annotations

import json

import pytest

CASE_OPEN = ["case", "open", "csec-rescue", "--at", "04/09/2026 22:00", "--fact", "victim_age=15",
             "--fact", "victim_gender=female", "--district", "Pune", "--victim-id", "V-2026-014",
             "--operation", "OP-PUNE-2026-09-A", "--by", "police", "--role", "AHTU inspector"]


def _ok(result) -> str:
    assert result.code == 0, result.stderr
    return result.stdout


def _follow_the_case(run) -> str:
    case = _ok(run(*CASE_OPEN)).strip()
    assert case.startswith("C-") and len(case) == 12

    def event(pair: str, *extra: str, by: str = "police") -> None:
        _ok(run("case", "event", case, pair, "--by", by, *extra))

    def step(key: str, outcome: str, on: str, by: str) -> None:
        _ok(run("case", "step", case, key, outcome, "--by", by, "--on", on))

    _ok(run("case", "status", case, "active", "--by", "police", "--on", "05/09/2026 02:00"))
    _ok(run("case", "person", case, "trafficker", "A-2026-031", "--by", "police", "--on", "05/09/2026 04:00"))
    _ok(run("case", "person", case, "customer", "K-2026-007", "--by", "police", "--on", "03/10/2026 09:00"))
    # September
    event("information_received=04/09/2026 18:00")  # before the rescue: allowed for this event
    event("information_recorded=05/09/2026 02:00")
    event("report_received=05/09/2026 02:00")
    event("arrest=05/09/2026 04:00", "--person", "A-2026-031")
    event("medical_examination=05/09/2026 11:00", by="health")
    event("remand_start=06/09/2026 11:00", by="judiciary")
    event("place_closed=06/09/2026 13:00")
    event("age_test_order=07/09/2026 11:00", by="cwc")
    event("statement_recorded=09/09/2026 11:00", by="judiciary")
    event("support_applied=10/09/2026 10:00", by="ngo")
    event("rehabilitation_began=12/09/2026 10:00", by="wcd")
    step("produce-before-cwc", "done", "05/09/2026 15:00", "police")
    step("send-for-medical-examination", "done", "05/09/2026 10:00", "police")
    step("care-within-24-hours", "done", "05/09/2026 12:00", "police")
    step("pocso-statutory/report-to-cwc-and-court", "missed", "06/09/2026 10:00", "police")
    step("produce-arrested-accused", "done", "05/09/2026 16:00", "police")
    step("determine-age", "done", "15/09/2026 12:00", "cwc")
    # October
    step("medical-report-7-days", "done", "01/10/2026 10:00", "health")
    event("person_arrested=03/10/2026 09:00", "--person", "K-2026-007")
    event("support_received=05/10/2026 10:00", by="wcd")
    event("bail_applied=10/10/2026 11:00", "--person", "A-2026-031", by="judiciary")
    event("escort_order=12/10/2026 12:00", by="cwc")
    event("bail_rejected=17/10/2026 15:00", "--person", "A-2026-031", by="judiciary")
    event("compensation_applied=20/10/2026 11:00", by="legal-services")
    # November: the charge-sheet
    event("charge_sheet=02/11/2026 17:00")
    step("charge-sheet-before-default-bail", "done", "02/11/2026 17:00", "police")
    step("investigation-two-months", "done", "02/11/2026 17:00", "police")
    step("escort-within-15-days", "done", "03/11/2026 10:00", "police")
    step("itpa-statutory/competent-court", "done", "03/11/2026 11:00", "prosecution")
    event("statement_recorded=10/11/2026 11:00", by="judiciary")
    return case


def _report(run, month: str) -> dict:
    return json.loads(_ok(run("case", "report", "--month", month, "--format", "json")))


def _totals(report: dict) -> dict[str, tuple[int, int, int, int]]:
    return {d: (t["on_time"], t["late"], t["missed"], t["pending"]) for d, t in report["matrix_totals"].items()}


def test_one_rescue_from_opening_to_charge_sheet(run, register_db: str) -> None:
    case = _follow_the_case(run)

    september, october, november = (_report(run, m) for m in ("2026-09", "2026-10", "2026-11"))
    # The accountability matrix, against the hand calculation in the module docstring.
    assert _totals(september) == {"police": (4, 0, 1, 4), "health": (0, 0, 1, 0), "cwc": (1, 0, 0, 0)}
    assert _totals(october) == {"police": (4, 0, 2, 3), "health": (0, 1, 0, 0), "cwc": (1, 0, 0, 0)}
    assert october["matrix_totals_before"] == september["matrix_totals"]
    assert _totals(november) == {"police": (6, 1, 1, 1), "health": (0, 1, 0, 0), "cwc": (1, 0, 0, 0),
                                 "prosecution": (1, 0, 0, 0)}
    police = october["matrix"]["police"]
    assert police["pocso-statutory/report-to-cwc-and-court"] == {"on_time": 0, "late": 0, "missed": 1, "pending": 0}
    assert police["duty/child-escorted-home"]["missed"] == 1
    assert police["duty/victim-progress-update"]["pending"] == 1
    assert november["matrix"]["police"]["duty/child-escorted-home"]["late"] == 1
    # What is overdue, by department, at the end of each month.
    assert {d: [s["key"] for s in v] for d, v in september["overdue_by_department"].items()} == {
        "health": ["duty/medical-report-to-io"]}
    assert {d: [s["key"] for s in v] for d, v in october["overdue_by_department"].items()} == {
        "police": ["duty/child-escorted-home"]}
    assert november["overdue_by_department"] == {}

    # The victim participation index.
    line = {c["id"]: c for c in october["cases"]}[case]
    assert line["participation"]["points"] == 4 and line["participation"]["index"] == 0.67
    assert line["participation"]["index_before"] == 0.33
    assert september["participation_index"]["mean"] == 0.33 and october["participation_index"]["mean_before"] == 0.33
    nov_line = november["cases"][0]
    assert nov_line["participation"]["components"]["index_statement"] == 2
    assert nov_line["participation"]["index"] == 0.67 and nov_line["participation"]["index_before"] == 0.67
    assert line["status"] == "active" and line["district"] == "MH-PUNE"

    # The indicators and their change.
    sep = {k: v["month"] for k, v in september["indicators"].items()}
    assert (sep["cases_registered"], sep["rescue_operations"], sep["persons_rescued"], sep["minors_rescued"]) == (1, 1, 1, 1)
    assert (sep["arrested"], sep["customers_arrested"], sep["places_closed"], sep["rehabilitation_began"]) == (1, 0, 1, 1)
    octo = october["indicators"]
    assert octo["arrested"] == {"month": 1, "before": 1, "change": 0}
    assert octo["customers_arrested"] == {"month": 1, "before": 0, "change": 1}
    assert (octo["bail_applications"]["month"], octo["bail_granted"]["month"], octo["bail_rejected"]["month"]) == (1, 0, 1)
    assert octo["places_closed"]["change"] == -1 and octo["cases_registered"]["month"] == 0
    assert november["indicators"]["charge_sheets"]["month"] == 1

    # Next steps at the end of October, in the order they fall due.
    assert [(s["key"], s["due"]) for s in line["next_steps"]] == [
        ("bnss-statutory/charge-sheet-before-default-bail", "2026-11-04"),
        ("bnss-statutory/investigation-two-months", "2026-11-05"),
        ("duty/victim-progress-update", "2026-12-04")]
    # Next steps: the one still pending with a date, at the end of November.
    assert [s["key"] for s in nov_line["next_steps"]] == ["duty/victim-progress-update"]
    assert nov_line["next_steps"][0]["due"] == "2026-12-04"
    # Every report states the knowledge base and that it does not replace legal advice.
    assert november["kb_version"] and november["kb_date"] and "does not replace" in november["disclaimer"]

    # The same report as Markdown and HTML.
    md = _ok(run("case", "report", "--month", "2026-10", "--format", "md"))
    assert "## Accountability matrix (department x duty)" in md and "does not replace" in md
    assert f"| {case} | MH-PUNE | active | 1 |" in md
    page = _ok(run("case", "report", "--month", "2026-10", "--format", "html"))
    assert page.startswith("<!DOCTYPE html>") and "@page { size: A4" in page and "0.67 (4/6)" in page


def test_due_lists_what_is_due_or_overdue_in_open_cases(run, register_db: str) -> None:
    case = _ok(run(*CASE_OPEN)).strip()
    _ok(run("case", "event", case, "information_recorded=05/09/2026 02:00", "--by", "police"))
    _ok(run("case", "event", case, "medical_examination=05/09/2026 11:00", "--by", "health"))
    due = json.loads(_ok(run("due", "--as-of", "10/09/2026 12:00", "--within", "7d", "--format", "json")))
    keys = {(i["key"], i["overdue"]) for i in due["items"]}
    # produce-before-cwc was due 05/09 22:00: overdue; the medical report is due 12/09: within 7 days.
    assert ("duty/child-before-cwc", True) in keys
    assert ("duty/medical-report-to-io", False) in keys
    # The investigation's two months end on 05/11: not within 7 days.
    assert not any(k == "bnss-statutory/investigation-two-months" for k, _ in keys)
    only_health = json.loads(_ok(run("due", "--as-of", "10/09/2026 12:00", "--department", "health", "--format", "json")))
    assert [i["key"] for i in only_health["items"]] == ["duty/medical-report-to-io"]
    assert json.loads(_ok(run("due", "--as-of", "10/09/2026 12:00", "--district", "MH-THANE", "--format", "json")))["items"] == []
    ics = _ok(run("due", "--as-of", "10/09/2026 12:00", "--format", "ics"))
    assert ics.startswith("BEGIN:VCALENDAR") and "OVERDUE" in ics
    table = _ok(run("due", "--as-of", "10/09/2026 12:00"))
    assert case in table and "does not replace" in table
    # A closed case owes nothing.
    _ok(run("case", "status", case, "closed", "--by", "police", "--on", "10/09/2026 12:00"))
    assert json.loads(_ok(run("due", "--as-of", "10/09/2026 12:00", "--format", "json")))["items"] == []


@pytest.mark.parametrize("args, code, message", [
    (["case", "event", "C-NOSUCHCASE", "arrest=05/09/2026 04:00", "--by", "police"], 1, "no case 'C-NOSUCHCASE'"),
    (["case", "step", "{case}", "no-such-step", "done", "--by", "police"], 1, "has no step 'no-such-step'"),
    (["case", "step", "{case}", "produce-before-cwc", "done", "--by", "home-guards"], 1, "--by home-guards: no such department"),
    (["case", "status", "{case}", "reopened", "--by", "police"], 1, "is new: it cannot become reopened"),
    (["due", "--department", "home-guards"], 1, "--department home-guards: no such department"),
    (["case", "report", "--month", "2026-13"], 2, "write the month as YYYY-MM"),
    (["case", "event", "{case}", "arrest=01/09/2026 10:00", "--by", "police"], 2, "is before case"),
    (["case", "step", "{case}", "produce-before-cwc", "done", "--by", "police", "--on", "03/09/2026"], 2, "is before case"),
    (["case", "event", "{case}", "landing=05/09/2026 04:00", "--by", "police"], 1, "no event 'landing'"),
    (["case", "event", "{case}", "arrest=05/09/2026 04:00"], 2, "give --by DEPARTMENT"),
    (["case", "event", "{case}", "arrest=5th September", "--by", "police"], 2, "cannot read the date"),
    (["case", "event", "{case}", "arrest=05/09/2026 04:00", "--person", "A-404", "--by", "police"], 1, "has no person A-404"),
    (["case", "person", "{case}", "victim", "two words", "--by", "police"], 2, "pseudonymous id"),
    (["case", "open", "csec-rescue", "--at", "04/09/2026 22:00", "--fact", "victim_age=15", "--fact",
      "victim_gender=female", "--district", "Atlantis", "--by", "police"], 1, "no such district"),
    (["case", "open", "csec-rescue", "--at", "04/09/2026 22:00", "--fact", "victim_age=15", "--district", "Pune",
      "--by", "police"], 2, "missing --fact victim_gender"),
])
def test_bad_input_is_one_clear_line_and_changes_nothing(run, register_db: str, args, code, message) -> None:
    case = _ok(run(*CASE_OPEN)).strip()
    before = _ok(run("case", "export", "--format", "json"))
    result = run(*[a.replace("{case}", case) for a in args])
    assert result.code == code, result.stderr
    first, *rest = result.stderr.splitlines()
    assert first.startswith("lexkit: error: ") and message in first
    assert all(line.startswith("lexkit: hint: ") for line in rest) and "Traceback" not in result.stderr
    after = _ok(run("case", "export", "--format", "json"))
    strip = lambda text: [c["entries"] for c in json.loads(text)["cases"]]  # noqa: E731
    assert strip(after) == strip(before)


def test_a_correction_is_a_new_entry_and_nothing_is_deleted(run, register_db: str) -> None:
    case = _ok(run(*CASE_OPEN)).strip()
    _ok(run("case", "event", case, "information_recorded=05/09/2026 12:00", "--by", "police"))
    _ok(run("case", "event", case, "information_recorded=05/09/2026 02:00", "--by", "police", "--role", "SHO",
            "--note", "FIR time corrected from the register"))
    _ok(run("case", "event", case, "statement_recorded=09/09/2026 11:00", "--by", "judiciary"))
    shown = json.loads(_ok(run("case", "show", case, "--format", "json", "--as-of", "10/09/2026")))
    number = next(e["number"] for e in shown["history"] if e["name"] == "statement_recorded")
    _ok(run("case", "event", case, "statement_recorded=09/09/2026 15:00", "--by", "judiciary", "--corrects", str(number)))
    shown = json.loads(_ok(run("case", "show", case, "--format", "json", "--as-of", "10/09/2026")))
    events = [(e["name"], e["at"]) for e in shown["events"]]
    assert ("information_recorded", "2026-09-05T02:00:00+05:30") in events
    assert ("information_recorded", "2026-09-05T12:00:00+05:30") not in events
    assert [at for name, at in events if name == "statement_recorded"] == ["2026-09-09T15:00:00+05:30"]
    kinds = [(e["name"], e["department"], e["role"]) for e in shown["history"] if e["kind"] == "event"]
    assert kinds.count(("information_recorded", "police", None)) == 1 and ("information_recorded", "police", "SHO") in kinds
    assert len([k for k in kinds if k[0] == "statement_recorded"]) == 2  # both kept in the history
    inv = {s["key"]: s for s in shown["steps"]}["bnss-statutory/investigation-two-months"]
    assert inv["due"] == "2026-11-05"  # recomputed from the corrected FIR time
    text = _ok(run("case", "show", case, "--as-of", "10/09/2026"))
    assert "FIR time corrected" in text and "does not replace" in text


def test_case_list_filters_by_district_and_status(run, register_db: str) -> None:
    assert _ok(run("case", "list")).strip() == "No cases."
    pune = _ok(run(*CASE_OPEN)).strip()
    thane = _ok(run("case", "open", "child-labour-rescue", "--at", "01/10/2026 10:00", "--fact", "victim_age=13", "--fact",
                    "victim_gender=male", "--district", "MH-THANE", "--by", "labour")).strip()
    _ok(run("case", "status", thane, "active", "--by", "police"))
    listed = json.loads(_ok(run("case", "list", "--format", "json")))
    assert [(c["id"], c["district"], c["status"]) for c in listed] == [(pune, "MH-PUNE", "new"), (thane, "MH-THANE", "active")]
    assert [c["id"] for c in json.loads(_ok(run("case", "list", "--status", "active", "--format", "json")))] == [thane]
    assert pune in _ok(run("case", "list", "--district", "Pune")) and thane not in _ok(run("case", "list", "--district", "Pune"))


def test_status_changes_follow_the_allowed_transitions(run, register_db: str) -> None:
    case = _ok(run(*CASE_OPEN)).strip()
    for status in ("active", "referred", "active", "closed", "reopened", "closed"):
        _ok(run("case", "status", case, status, "--by", "police"))
    refused = run("case", "status", case, "active", "--by", "police")
    assert refused.code == 1 and "from closed it can become: reopened" in refused.stderr


def test_export_strips_notes_and_another_district_imports_the_referral(run, register_db: str, tmp_path,
                                                                      monkeypatch) -> None:
    case = _ok(run(*CASE_OPEN, "--note", "rescued with the help of an NGO partner")).strip()
    _ok(run("case", "event", case, "information_recorded=05/09/2026 02:00", "--by", "police", "--note", "free text"))
    _ok(run("case", "status", case, "referred", "--by", "police", "--note", "home district is Thane"))
    plain = json.loads(_ok(run("case", "export", case)))
    assert plain["notes_included"] is False
    assert all("note" not in e for c in plain["cases"] for e in c["entries"])
    assert "free text" not in json.dumps(plain)
    with_notes = _ok(run("case", "export", case, "--notes"))
    assert "free text" in with_notes
    csv_text = _ok(run("case", "export", "--format", "csv"))
    assert csv_text.splitlines()[0].startswith("case_id,template,opened_at,uid,kind") and "free text" not in csv_text

    for fmt in ("json", "csv"):
        exported = tmp_path / f"referral.{fmt}"
        _ok(run("case", "export", case, "--format", fmt, "-o", str(exported)))
        # Thane's register: another SQLite file
        monkeypatch.setenv("LEXKIT_DB", str(tmp_path / f"thane-{fmt}.db"))
        assert _ok(run("case", "import", str(exported), "--district", "MH-THANE", "--by", "police")).strip() == case
        shown = json.loads(_ok(run("case", "show", case, "--format", "json")))
        assert shown["district"] == "MH-THANE" and shown["status"] == "referred"
        assert [e["name"] for e in shown["events"]] == ["rescue", "information_recorded"]
        _ok(run("case", "status", case, "active", "--by", "police"))
        # Importing the same file again adds no entry twice.
        _ok(run("case", "import", str(exported), "--by", "police"))
        again = json.loads(_ok(run("case", "show", case, "--format", "json")))
        assert len({e["uid"] for e in again["history"]}) == len(again["history"])
        assert len([e for e in again["history"] if e["kind"] == "event"]) == 2
        monkeypatch.setenv("LEXKIT_DB", register_db)


def test_a_person_in_two_cases_is_flagged(run, register_db: str) -> None:
    first = _ok(run(*CASE_OPEN)).strip()
    second = _ok(run("case", "open", "csec-rescue", "--at", "20/10/2026 21:00", "--fact", "victim_age=17", "--fact",
                     "victim_gender=female", "--district", "MH-THANE", "--victim-id", "V-2026-014", "--by", "police")).strip()
    _ok(run("case", "person", first, "trafficker", "A-2026-031", "--by", "police", "--on", "05/09/2026"))
    _ok(run("case", "person", second, "trafficker", "A-2026-031", "--by", "police", "--on", "21/10/2026"))
    report = _report(run, "2026-10")
    flags = {c["id"]: c["flags"] for c in report["cases"]}
    assert f"victim V-2026-014 is also in {second}: re-trafficked?" in flags[first]
    assert f"trafficker A-2026-031 is also in {first}: repeat accused" in flags[second]


def test_a_name_shaped_value_gets_a_warning(run, register_db: str) -> None:
    # 'Blue_River' is shaped like a full name (two capitalised words) without being anyone's.
    result = run("case", "open", "csec-rescue", "--at", "04/09/2026 22:00", "--fact", "victim_age=15", "--fact",
                 "victim_gender=female", "--district", "Pune", "--victim-id", "Blue_River", "--by", "police")
    assert result.code == 0
    assert "warning: --victim-id 'Blue_River' looks like a person's name" in result.stderr
    quiet = run(*CASE_OPEN)
    assert "warning" not in quiet.stderr


@pytest.mark.parametrize("damage, message", [
    (lambda d: d["cases"][0]["entries"][3].update(at="04/09/2026"), "entry 4: Invalid isoformat string"),
    (lambda d: d["cases"][0]["entries"][1].pop("uid"), "entry 2: 'uid' is missing"),
    (lambda d: d["cases"][0]["entries"][0].update(kind="delete"), "entry 1: unknown kind 'delete'"),
    (lambda d: d.update(cases={"id": "x"}), "no list of cases"),
    (lambda d: d.update(format="something-else"), "not a lexkit register export"),
])
def test_a_damaged_export_is_refused_whole(run, register_db: str, tmp_path, monkeypatch, damage, message) -> None:
    case = _ok(run(*CASE_OPEN)).strip()
    data = json.loads(_ok(run("case", "export", case)))
    damage(data)
    damaged = tmp_path / "damaged.json"
    damaged.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("LEXKIT_DB", str(tmp_path / "other.db"))
    result = run("case", "import", str(damaged), "--by", "police")
    assert result.code == 2 and message in result.stderr.splitlines()[0], result.stderr
    assert json.loads(_ok(run("case", "export")))["cases"] == []
