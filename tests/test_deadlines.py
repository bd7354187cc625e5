"""The deadline engine and the closed-day calendar, with every expected date worked by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import holidays
import pytest
import yaml

from lexkit.errors import UsageProblem
from lexkit.law.calendars import CalendarOverride, ClosedDays, overrides_from_data
from lexkit.law.deadlines import (
    IST,
    Period,
    Rule,
    Skipped,
    add_calendar_months,
    compute,
    compute_rule,
    parse_datetime,
    parse_period,
)

FIXTURES = Path(__file__).parent / "fixtures" / "calendars"
INDIA = ClosedDays.for_india()
NOTHING_CLOSED = ClosedDays()


def ist(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=IST)


def load_calendar(name: str) -> list[CalendarOverride]:
    data = yaml.safe_load((FIXTURES / name).read_text("utf-8"))
    return overrides_from_data(data, name)


def days(n: int) -> Period:
    return Period(n, "days")


# --------------------------------------------------------------------------- hours


def test_24_hours_runs_on_the_clock() -> None:
    # 23 Nov 2026 14:30 + 24 h = 24 Nov 2026 14:30, same offset.
    result = compute(ist(2026, 11, 23, 14, 30), Period(24, "hours"), rolls=False)
    assert result.due == ist(2026, 11, 24, 14, 30)
    assert result.to_dict()["due"] == "2026-11-24T14:30:00+05:30"
    assert result.counting == "hours run on the clock (never roll)"


def test_hours_from_friday_night_over_a_holiday_do_not_roll() -> None:
    # Fri 14 Aug 2026 22:00 + 24 h = Sat 15 Aug 2026 22:00, Independence Day; no roll even
    # though the rule is marked rolls=True.
    result = compute(ist(2026, 8, 14, 22), Period(24, "hours"), rolls=True, calendar=INDIA)
    assert INDIA.reason(date(2026, 8, 15)) == "Independence Day (national holiday)"
    assert result.due == ist(2026, 8, 15, 22)
    assert result.rolled_from is None and result.skipped == () and result.rolls is False
    assert any("does not roll" in note for note in result.notes)


def test_72_hours_over_a_sunday_and_republic_day_do_not_roll() -> None:
    # Fri 23 Jan 2026 22:00 + 72 h = Mon 26 Jan 2026 22:00 (Republic Day), not Tue 27 Jan.
    result = compute(ist(2026, 1, 23, 22), Period(72, "hours"), rolls=True, calendar=INDIA)
    assert result.due == ist(2026, 1, 26, 22)


def test_hours_keep_the_trigger_offset() -> None:
    # 09:00 UTC + 24 h = 09:00 UTC next day, still written +00:00 (never converted to IST).
    trigger = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
    assert compute(trigger, Period(24, "hours"), rolls=False).to_dict()["due"] == (
        "2026-11-24T09:00:00+00:00"
    )


def test_journey_time_is_added_when_the_rule_excludes_it() -> None:
    # 23 Nov 14:30 + 24 h + 3 h journey = 24 Nov 17:30.
    result = compute(
        ist(2026, 11, 23, 14, 30),
        Period(24, "hours"),
        rolls=False,
        rule="JJA-31.production",
        excludes=("journey_time",),
        journey_hours=3,
    )
    assert result.due == ist(2026, 11, 24, 17, 30)
    assert result.journey_hours == 3.0
    assert "journey time excluded: 3 hours of journey added" in result.notes


def test_journey_time_excluded_but_not_given_is_said() -> None:
    result = compute(
        ist(2026, 11, 23, 14, 30), Period(24, "hours"), rolls=False, excludes=("journey_time",)
    )
    assert result.due == ist(2026, 11, 24, 14, 30)
    assert any("no journey hours given" in note for note in result.notes)


def test_journey_hours_for_a_rule_that_does_not_exclude_journey_time() -> None:
    with pytest.raises(UsageProblem, match="does not exclude journey time"):
        compute(ist(2026, 11, 23, 14, 30), Period(24, "hours"), rolls=False, journey_hours=3)


@pytest.mark.parametrize("hours", [-1.0, float("nan"), float("inf")])
def test_journey_hours_must_be_a_real_positive_number(hours: float) -> None:
    with pytest.raises(UsageProblem, match="journey hours"):
        compute(
            ist(2026, 11, 23),
            Period(24, "hours"),
            rolls=False,
            excludes=("journey_time",),
            journey_hours=hours,
        )


def test_journey_hours_on_a_day_period() -> None:
    with pytest.raises(UsageProblem, match="only to hour periods"):
        compute(
            ist(2026, 11, 23), days(10), rolls=False, excludes=("journey_time",), journey_hours=2
        )


def test_compute_rule_uses_the_rule() -> None:
    rule = Rule(
        id="JJA-31.production",
        period=Period(24, "hours"),
        kind="deadline",
        rolls=False,
        trigger="child_found",
        excludes=("journey_time",),
        basis=("JJA-31",),
    )
    result = compute_rule(rule, ist(2026, 11, 23, 14, 30), journey_hours=1.5)
    assert result.due == ist(2026, 11, 24, 16, 0)  # 14:30 + 24 h + 1 h 30
    assert (result.rule, result.trigger_event, result.basis) == (
        "JJA-31.production",
        "child_found",
        ("JJA-31",),
    )
    with pytest.raises(UsageProblem):
        compute_rule(
            Rule("ITPA-17.custody", days(10), "cap", False, "order"),
            ist(2026, 11, 23),
            journey_hours=1,
        )


# --------------------------------------------------------------------------- days (GCA s.9)


def test_10_days_excludes_the_day_of_the_trigger() -> None:
    # Day 1 is 24 Nov; day 10 is 3 Dec 2026 (a Thursday, open).
    result = compute(ist(2026, 11, 23, 14, 30), days(10), rolls=True, calendar=INDIA)
    assert result.due == date(2026, 12, 3)
    assert result.to_dict()["due"] == "2026-12-03"
    assert result.counting.startswith("GCA s.9")


def test_gca_9_boundary_at_midnight() -> None:
    # 23:59 on 23 Nov is still 23 Nov: ends 3 Dec. One minute later is 24 Nov: ends 4 Dec.
    assert compute(ist(2026, 11, 23, 23, 59), days(10), rolls=False).due == date(2026, 12, 3)
    assert compute(ist(2026, 11, 24, 0, 0), days(10), rolls=False).due == date(2026, 12, 4)


def test_the_trigger_date_is_its_date_in_india() -> None:
    # 23 Nov 20:00 UTC is 24 Nov 01:30 in India: Indian law counts Indian days, so day 0 is
    # 24 Nov and 10 days end on 4 Dec, the same as for the same moment written in IST.
    trigger = datetime(2026, 11, 23, 20, 0, tzinfo=timezone.utc)
    assert compute(trigger, days(10), rolls=False, calendar=NOTHING_CLOSED).due == date(2026, 12, 4)
    same_moment = trigger.astimezone(IST)
    assert compute(same_moment, days(10), rolls=False, calendar=NOTHING_CLOSED).due == date(2026, 12, 4)


def test_weeks_are_seven_days() -> None:
    # 3 weeks from 23 Nov = 21 days = 14 Dec 2026 (a Monday).
    result = compute(ist(2026, 11, 23), parse_period("3 weeks"), rolls=False)
    assert result.due == date(2026, 12, 14)


def test_a_cap_says_it_is_a_cap() -> None:
    # ITPA s.17(1): custody not exceeding ten days from the order of 23 Nov: to 3 Dec.
    result = compute(ist(2026, 11, 23), days(10), rolls=False, kind="cap", rule="ITPA-17.custody")
    assert result.due == date(2026, 12, 3)
    assert any(note.startswith("a cap") for note in result.notes)


def test_unknown_kind() -> None:
    with pytest.raises(UsageProblem, match="unknown kind"):
        compute(ist(2026, 11, 23), days(10), rolls=False, kind="soon")


# --------------------------------------------------------------------------- months (GCA s.3(35))


@pytest.mark.parametrize(
    ("start", "period", "last_day"),
    [
        (date(2026, 12, 31), Period(2, "months"), date(2027, 2, 28)),  # no 31 Feb 2027
        (date(2027, 12, 31), Period(2, "months"), date(2028, 2, 29)),  # 2028 is a leap year
        (date(2027, 1, 31), Period(1, "months"), date(2027, 2, 28)),
        (date(2026, 11, 23), Period(2, "months"), date(2027, 1, 23)),  # same day-number
        (date(2026, 11, 30), Period(3, "months"), date(2027, 2, 28)),  # end of February
        (date(2027, 2, 28), Period(1, "months"), date(2027, 3, 28)),  # not carried to 31 Mar
        (date(2028, 2, 29), Period(1, "years"), date(2029, 2, 28)),  # no 29 Feb 2029
        (date(2026, 11, 23), Period(1, "years"), date(2027, 11, 23)),
    ],
)
def test_calendar_months(start: date, period: Period, last_day: date) -> None:
    trigger = datetime(start.year, start.month, start.day, 10, tzinfo=IST)
    result = compute(trigger, period, rolls=False, calendar=NOTHING_CLOSED)
    assert result.due == last_day
    assert result.counting.startswith("GCA s.3(")


def test_add_calendar_months_across_years() -> None:
    assert add_calendar_months(date(2026, 11, 23), 14) == date(2028, 1, 23)
    assert add_calendar_months(date(2026, 1, 31), 0) == date(2026, 1, 31)


def test_a_period_past_the_year_9999() -> None:
    with pytest.raises(UsageProblem, match="9999"):
        compute(ist(9999, 6, 1), Period(1, "years"), rolls=False, calendar=NOTHING_CLOSED)


# --------------------------------------------------------------------------- rolling (GCA s.10)


def test_the_package_sees_republic_day_2026_as_we_pinned_it() -> None:
    # The pinned case below depends on these facts of the holidays package (0.109).
    india = holidays.country_holidays("IN", years=2026)
    assert date(2026, 1, 25).weekday() == 6  # a Sunday
    assert india.get(date(2026, 1, 25)) is None
    assert india.get(date(2026, 1, 26)) == "Republic Day"  # a Monday
    assert india.get(date(2026, 1, 27)) is None  # a Tuesday


def test_sunday_then_republic_day_rolls_to_tuesday() -> None:
    # 10 days from Thu 15 Jan 2026 ends Sun 25 Jan; Mon 26 Jan is Republic Day; Tue 27 Jan is
    # the next open day.
    result = compute(ist(2026, 1, 15, 11), days(10), rolls=True, calendar=INDIA)
    assert result.due == date(2026, 1, 27)
    assert result.rolled_from == date(2026, 1, 25)
    assert result.skipped == (
        Skipped(date(2026, 1, 25), "Sunday"),
        Skipped(date(2026, 1, 26), "Republic Day (national holiday)"),
    )
    assert result.to_dict()["skipped"] == [
        {"date": "2026-01-25", "reason": "Sunday"},
        {"date": "2026-01-26", "reason": "Republic Day (national holiday)"},
    ]


def test_without_a_calendar_india_is_used() -> None:
    result = compute(ist(2026, 1, 15, 11), days(10), rolls=True)
    assert result.due == date(2026, 1, 27)


def test_a_step_that_does_not_roll_keeps_the_sunday() -> None:
    result = compute(ist(2026, 1, 15, 11), days(10), rolls=False, calendar=INDIA)
    assert result.due == date(2026, 1, 25)
    assert result.rolled_from is None and result.skipped == ()
    assert "last day is a closed day (Sunday); this step does not roll" in result.notes


def test_every_sunday_then_national_holiday_in_2026_to_2030_rolls_two_days() -> None:
    found = 0
    for year in range(2026, 2031):
        national = holidays.country_holidays("IN", years=year)
        for sunday in (d for d in _days_of(year) if d.weekday() == 6):
            monday = sunday + timedelta(days=1)
            if monday not in national or monday + timedelta(days=1) in national:
                continue
            found += 1
            trigger = datetime.combine(sunday - timedelta(days=10), datetime.min.time(), IST)
            result = compute(trigger, days(10), rolls=True, calendar=INDIA)
            assert result.due == sunday + timedelta(days=2)
            assert result.rolled_from == sunday
            assert [s.day for s in result.skipped] == [sunday, monday]
            assert result.skipped[1].reason.endswith("(national holiday)")
    assert found >= 2  # Republic Day 2026 and Holi 2027 at least


def _days_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=n) for n in range((date(year + 1, 1, 1) - first).days)]


def test_month_period_rolls_too() -> None:
    # 25 Nov 2025 + 2 months = Sun 25 Jan 2026, then Republic Day: due Tue 27 Jan 2026.
    result = compute(ist(2025, 11, 25), Period(2, "months"), rolls=True, calendar=INDIA)
    assert (result.due, result.rolled_from) == (date(2026, 1, 27), date(2026, 1, 25))


def test_a_state_holiday_rolls_only_with_the_state() -> None:
    # 10 days from 9 Feb 2026 ends Thu 19 Feb, Chhatrapati Shivaji Maharaj's Birthday, a
    # Maharashtra holiday only: with MH the act may be done on Fri 20 Feb.
    trigger = ist(2026, 2, 9, 12)
    with_state = compute(trigger, days(10), rolls=True, calendar=ClosedDays.for_india("IN-MH"))
    assert with_state.due == date(2026, 2, 20)
    assert with_state.skipped == (
        Skipped(date(2026, 2, 19), "Chhatrapati Shivaji Maharaj's Birthday (state holiday, IN-MH)"),
    )
    without = compute(trigger, days(10), rolls=True, calendar=INDIA)
    assert (without.due, without.rolled_from) == (date(2026, 2, 19), None)


def test_a_year_the_package_knows_only_in_part_is_flagged() -> None:
    # The holidays package lists Hindu festivals for 2001-2035 only: 1 Mar 2040 + 10 days.
    result = compute(ist(2040, 3, 1), days(10), rolls=True, calendar=ClosedDays.for_india())
    assert result.due == date(2040, 3, 12)  # 11 Mar 2040 is a Sunday
    assert any("India holidays for 2040 are incomplete" in note for note in result.notes)
    within = compute(ist(2026, 3, 1), days(10), rolls=True, calendar=INDIA)
    assert not any("incomplete" in note for note in within.notes)


def test_a_year_the_package_does_not_know_is_flagged() -> None:
    result = compute(ist(2101, 1, 20), days(6), rolls=True, calendar=ClosedDays.for_india())
    assert result.due == date(2101, 1, 26)  # Republic Day 2101 is unknown to the package
    assert any("no India holidays for 2101" in note for note in result.notes)


@pytest.mark.parametrize("code", ["MH", "mh", "IN-MH", "in-mh", " Maharashtra "])
def test_state_codes(code: str) -> None:
    assert ClosedDays.for_india(code).state == "MH"


def test_unknown_state_lists_the_codes() -> None:
    with pytest.raises(UsageProblem, match=r"unknown state 'XX'.*MH.*TN"):
        ClosedDays.for_india("XX")


# --------------------------------------------------------------------------- court calendars


def test_a_court_vacation_rolls_past_the_whole_range() -> None:
    # 10 days from 18 Dec 2026 ends Mon 28 Dec, inside the vacation (24 Dec-1 Jan): 28, 29, 30,
    # 31 Dec and 1 Jan are passed over; Sat 2 Jan 2027 is open.
    calendar = ClosedDays.for_india("MH", load_calendar("test-court-vacation.yaml"))
    result = compute(ist(2026, 12, 18), days(10), rolls=True, calendar=calendar)
    assert result.due == date(2027, 1, 2)
    assert result.rolled_from == date(2026, 12, 28)
    assert [s.day.isoformat() for s in result.skipped] == [
        "2026-12-28",
        "2026-12-29",
        "2026-12-30",
        "2026-12-31",
        "2027-01-01",
    ]
    assert result.skipped[0].reason == "Winter vacation (test fixture) (test-court-vacation.yaml)"


def test_a_court_closed_day_rolls() -> None:
    # 10 days from 23 Nov ends Thu 3 Dec, which the fixture closes: due Fri 4 Dec.
    calendar = ClosedDays.for_india(overrides=load_calendar("test-court-vacation.yaml"))
    result = compute(ist(2026, 11, 23), days(10), rolls=True, calendar=calendar)
    assert (result.due, result.rolled_from) == (date(2026, 12, 4), date(2026, 12, 3))


def test_an_opened_sunday_does_not_roll() -> None:
    # 13 days from 23 Nov ends Sun 6 Dec 2026: rolls to Mon 7 Dec, unless a sitting opens it.
    trigger = ist(2026, 11, 23)
    assert compute(trigger, days(13), rolls=True, calendar=INDIA).due == date(2026, 12, 7)
    opened = ClosedDays.for_india(overrides=load_calendar("test-sunday-sitting.yaml"))
    result = compute(trigger, days(13), rolls=True, calendar=opened)
    assert (result.due, result.rolled_from, result.skipped) == (date(2026, 12, 6), None, ())
    assert any("Special Sunday sitting" in note for note in result.notes)


def test_opening_wins_over_closing() -> None:
    day = date(2026, 12, 3)
    calendar = ClosedDays(
        overrides=[
            CalendarOverride(day, "close", "Strike", "a.yaml"),
            CalendarOverride(day, "open", "Sitting", "b.yaml"),
        ]
    )
    assert calendar.reason(day) is None


def test_a_calendar_brings_its_state() -> None:
    vacation = load_calendar("test-court-vacation.yaml")
    assert ClosedDays.for_india(overrides=vacation).state == "MH"
    assert ClosedDays.for_india(overrides=load_calendar("test-sunday-sitting.yaml")).state is None


def test_a_calendar_for_another_state_is_refused() -> None:
    with pytest.raises(UsageProblem, match=r"IN-MH.*IN-KA"):
        ClosedDays.for_india("KA", load_calendar("test-court-vacation.yaml"))


def _calendar_data(**entries: object) -> dict[str, object]:
    header = {
        "id": "t",
        "title": "Test",
        "sources": [{"citation": "test", "kind": "secondary"}],
        "verification": "unverified",
        "last_verified_on": "2026-11-23",
    }
    return {"calendar": header, **entries}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_calendar_data(closed=[{"date": "2026-02-31", "reason": "Nope"}]), "not a real date"),
        (
            _calendar_data(
                closed_ranges=[{"from": "2027-01-02", "to": "2027-01-01", "reason": "Back"}]
            ),
            "must run forwards",
        ),
        (
            _calendar_data(closed=[{"date": date(2026, 2, 1), "reason": "Unquoted"}]),
            "not of type 'string'",
        ),
        (_calendar_data(open=[{"date": "2026-02-01"}]), r"\$\.open\[0\]: 'reason' is a required"),
        (_calendar_data(), "is not valid under any of the given schemas"),
    ],
)
def test_bad_calendar_data(data: dict[str, object], message: str) -> None:
    with pytest.raises(UsageProblem, match=message):
        overrides_from_data(data, "bad.yaml")


# --------------------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-27T22:00", ist(2026, 11, 27, 22)),
        ("2026-11-27 22:00", ist(2026, 11, 27, 22)),
        ("2026-11-27", ist(2026, 11, 27)),
        ("27/11/2026 22:00", ist(2026, 11, 27, 22)),
        ("27/11/2026", ist(2026, 11, 27)),
        ("27-11-2026 22:00", ist(2026, 11, 27, 22)),
        ("1/2/2026", ist(2026, 2, 1)),  # day first: 1 February
    ],
)
def test_parse_datetime_naive_is_india_time(text: str, expected: datetime) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(hours=5, minutes=30)


def test_parse_datetime_keeps_a_given_offset() -> None:
    assert parse_datetime("2026-11-27T22:00+00:00").isoformat() == "2026-11-27T22:00:00+00:00"
    assert parse_datetime("2026-11-27T22:00:30+05:30").isoformat() == "2026-11-27T22:00:30+05:30"
    assert parse_datetime("2026-11-27T22:00Z").utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2026",
        "tomorrow",
        "2026-13-01",
        "11/27/2026",
        "27/11/26",
        "2026-11-27T24:00",
        "",
        "27/11-2026",
        "2026-11-27+05:30",
    ],
)
def test_parse_datetime_refuses(text: str) -> None:
    with pytest.raises(UsageProblem, match=r"27/11/2026"):  # the message lists the formats
        parse_datetime(text)


@pytest.mark.parametrize(
    ("text", "period", "shown"),
    [
        ("24 hours", Period(24, "hours"), "24 hours"),
        ("24h", Period(24, "hours"), "24 hours"),
        ("1 HOUR", Period(1, "hours"), "1 hour"),
        ("10 days", Period(10, "days"), "10 days"),
        ("1 day", Period(1, "days"), "1 day"),
        ("3 weeks", Period(21, "days"), "21 days"),
        ("2 months", Period(2, "months"), "2 months"),
        ("1 year", Period(1, "years"), "1 year"),
    ],
)
def test_parse_period(text: str, period: Period, shown: str) -> None:
    assert parse_period(text) == period
    assert str(parse_period(text)) == shown


@pytest.mark.parametrize("text", ["24 hourz", "-3 days", "0 days", "ten days", "", "2 m", "3"])
def test_parse_period_refuses(text: str) -> None:
    with pytest.raises(UsageProblem, match="period"):
        parse_period(text)


def test_period_refuses_a_bad_unit() -> None:
    with pytest.raises(UsageProblem, match="unknown period unit"):
        Period(3, "fortnights")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- output and imports


def test_to_dict_is_json_ready() -> None:
    result = compute(
        ist(2026, 1, 15, 11),
        days(10),
        rolls=True,
        calendar=INDIA,
        rule="X-1.y",
        trigger_event="rescue",
        basis=("X-1",),
    )
    data = json.loads(json.dumps(result.to_dict()))
    assert data["due"] == "2026-01-27"
    assert data["trigger"] == {"event": "rescue", "at": "2026-01-15T11:00:00+05:30"}
    assert data["period"] == {"amount": 10, "unit": "days", "text": "10 days"}
    assert (data["rule"], data["kind"], data["rolled_from"]) == ("X-1.y", "deadline", "2026-01-25")
    assert data["basis"] == ["X-1"]


def test_the_engine_imports_no_cli_and_no_holidays() -> None:
    code = (
        "import sys, lexkit.law.deadlines, lexkit.law.calendars;"
        "print(sorted(m for m in ('typer', 'rich', 'holidays', 'jsonschema') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    assert out.stdout.strip() == "[]"
