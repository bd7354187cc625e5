"""`lexkit deadline`: ad-hoc periods and named statutory rules, with their trace."""

from __future__ import annotations

import json


def _json(run, *args: str) -> dict:
    result = run("deadline", *args, "--format", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def test_24_hours_runs_on_the_clock(run) -> None:
    d = _json(run, "--from", "2026-11-23 14:30", "--within", "24 hours")
    assert d["due"] == "2026-11-24T14:30:00+05:30"
    assert d["rolled_from"] is None and d["skipped"] == []


def test_named_rule_jj_act_31(run) -> None:
    # Friday 27 Nov 2026 22:00 + 24 hours = Saturday 28 Nov 22:00; hours never roll.
    d = _json(run, "--rule", "JJA-31.production", "--from", "27/11/2026 22:00")
    assert d["due"] == "2026-11-28T22:00:00+05:30"
    assert d["rule"] == "JJA-31.production" and d["basis"] == ["JJA-31"]
    assert d["trigger"] == {"event": "child_found", "at": "2026-11-27T22:00:00+05:30"}


def test_journey_hours_only_where_the_law_excludes_journey_time(run) -> None:
    d = _json(run, "--rule", "JJA-31.production", "--from", "27/11/2026 22:00", "--journey-hours", "3")
    assert d["due"] == "2026-11-29T01:00:00+05:30" and d["journey_hours"] == 3
    bad = run("deadline", "--rule", "POCSO-19.report-to-cwc", "--from", "27/11/2026 22:00", "--journey-hours", "3")
    assert bad.code == 2 and "journey" in bad.stderr


def test_days_exclude_the_first_day_and_roll_over_sunday_and_republic_day(run) -> None:
    # 15 Jan 2026 + 10 days: the 16th is day 1, so the last day is Sunday 25 Jan; Monday 26 Jan is
    # Republic Day; an act in court is in time on Tuesday 27 Jan (GCA ss.9-10).
    d = _json(run, "--from", "15/01/2026", "--within", "10 days", "--roll", "next-open-day")
    assert d["due"] == "2026-01-27" and d["rolled_from"] == "2026-01-25"
    assert [s["date"] for s in d["skipped"]] == ["2026-01-25", "2026-01-26"]
    assert "Republic Day" in d["skipped"][1]["reason"]
    kept = _json(run, "--from", "15/01/2026", "--within", "10 days")
    assert kept["due"] == "2026-01-25" and kept["rolled_from"] is None


def test_month_period_ending_in_february(run) -> None:
    assert _json(run, "--from", "2026-12-31", "--within", "2 months")["due"] == "2027-02-28"
    assert _json(run, "--from", "2027-12-31", "--within", "2 months")["due"] == "2028-02-29"


def test_state_holiday_rolls_only_with_the_state(run) -> None:
    # 9 Feb 2026 + 10 days = Thursday 19 Feb 2026, Chhatrapati Shivaji Maharaj Jayanti in Maharashtra.
    assert _json(run, "--from", "2026-02-09", "--within", "10 days", "--roll", "next-open-day")["due"] == "2026-02-19"
    assert _json(run, "--from", "2026-02-09", "--within", "10 days", "--roll", "next-open-day", "--state", "MH")["due"] == "2026-02-20"


def test_rule_that_rolls_in_court(run) -> None:
    # POCSO s.35(1): evidence within 30 days of cognizance, an act in court: rolls.
    d = _json(run, "--rule", "POCSO-35.child-evidence", "--from", "2026-11-23")
    assert d["due"] == "2026-12-23" and d["rolls"] is True


def test_text_output_shows_the_trace(run) -> None:
    result = run("deadline", "--from", "15/01/2026", "--within", "10 days", "--roll", "next-open-day")
    assert result.code == 0
    assert "Due: 2026-01-27 (end of that day)" in result.stdout
    assert "Rolled from: 2026-01-25" in result.stdout and "Skipped: 2026-01-26: Republic Day" in result.stdout


def test_bad_inputs_are_usage_errors(run) -> None:
    cases = [
        ("--from", "31/02/2026", "--within", "1 day"),
        ("--from", "tomorrow", "--within", "1 day"),
        ("--from", "2026-11-23", "--within", "24 hourz"),
        ("--from", "2026-11-23"),
        ("--from", "2026-11-23", "--within", "1 day", "--rule", "JJA-31.production"),
        ("--from", "2026-11-23", "--within", "1 day", "--state", "XX"),
        ("--from", "2026-11-23", "--rule", "JJA-31.production", "--roll", "none"),
    ]
    for args in cases:
        result = run("deadline", *args)
        assert result.code == 2, (args, result.stderr)
        assert result.stdout == "" and result.stderr.startswith("lexkit: error:"), args
        assert "Traceback" not in result.stderr
    suggestion = run("deadline", "--from", "2026-11-23", "--rule", "JJA-31.productoin")
    assert suggestion.code == 1 and "JJA-31.production" in suggestion.stderr  # an id not found: exit 1
    assert run("deadline", "--from", "2026-11-23", "--rule", "jja-31.production").code == 0


def test_court_calendar_from_the_knowledge_base(run, minimal_kb) -> None:
    import shutil
    from pathlib import Path

    cal = minimal_kb / "checklists" / "calendars"
    cal.mkdir(parents=True)
    shutil.copy(Path(__file__).parent / "fixtures" / "calendars" / "test-court-vacation.yaml", cal)
    # 23 Nov 2026 + 10 days = 3 Dec, closed by the test calendar; 4 Dec (Friday) is open.
    result = run("--kb", str(minimal_kb), "deadline", "--from", "2026-11-23", "--within", "10 days",
                 "--roll", "next-open-day", "--calendar", "test-court-vacation", "--state", "MH", "--format", "json")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["due"] == "2026-12-04"
    unknown = run("--kb", str(minimal_kb), "deadline", "--from", "2026-11-23", "--within", "1 day", "--calendar", "nope")
    assert unknown.code == 1 and "test-court-vacation" in unknown.stderr


def test_default_bail_counts_the_day_of_remand(run) -> None:
    # ED v Kapil Wadhawan (SC, 2023), on the facts of the Bombay High Court order under appeal:
    # remand on 14 May 2020; 60 days counted with 14 May as day 1 expire at the end of 12 Jul 2020.
    for rule in ("CRPC-167.default-bail-60", "BNSS-187.default-bail-60"):
        d = _json(run, "--rule", rule, "--from", "14/05/2020")
        assert d["due"] == "2020-07-12", rule
        assert "day 1" in d["counting"]
    # An ordinary day period still leaves the first day out (GCA s.9): 14 May + 60 days = 13 Jul.
    assert _json(run, "--from", "14/05/2020", "--within", "60 days")["due"] == "2020-07-13"
