"""Properties of the deadline engine that must hold for every trigger, period and calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from lexkit.law.calendars import CalendarOverride, ClosedDays
from lexkit.law.deadlines import IST, Period, add_calendar_months, compute, end_of_day

INDIA = ClosedDays.for_india()  # shared, so each year's holidays are looked up once
ALL_CLOSED = ClosedDays(closed_weekdays={n: "closed every day" for n in range(7)})

# Offsets from UTC-12:00 to UTC+14:00 in quarter hours, plus India's own zone.
zones = st.one_of(
    st.just(IST),
    st.integers(-12 * 4, 14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q))),
)
triggers = st.builds(
    lambda moment, zone: moment.replace(tzinfo=zone),
    st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2090, 12, 31)),
    zones,
)
hour_periods = st.integers(0, 24 * 400).map(lambda n: Period(n, "hours"))
day_periods = st.one_of(
    st.integers(0, 1000).map(lambda n: Period(n, "days")),
    st.integers(0, 120).map(lambda n: Period(n, "months")),
    st.integers(0, 10).map(lambda n: Period(n, "years")),
)


@st.composite
def calendars(draw: st.DrawFn, around: date) -> ClosedDays:
    """Random closed weekdays (never all seven) and random closed and opened days near `around`."""
    weekdays = draw(st.sets(st.integers(0, 6), max_size=6))
    near = st.integers(-5, 40).map(lambda n: around + timedelta(days=n))
    closed = draw(st.lists(near, max_size=30))
    opened = draw(st.lists(near, max_size=5))
    overrides = [CalendarOverride(d, "close", "closed (test)", "t.yaml") for d in closed]
    overrides += [CalendarOverride(d, "open", "opened (test)", "t.yaml") for d in opened]
    return ClosedDays(closed_weekdays={n: f"weekday {n}" for n in weekdays}, overrides=overrides)


@settings(deadline=None, max_examples=300)
@given(triggers, st.one_of(hour_periods, day_periods), st.booleans())
def test_the_due_instant_is_never_before_the_trigger(
    trigger: datetime, period: Period, rolls: bool
) -> None:
    result = compute(trigger, period, rolls=rolls, calendar=INDIA)
    if isinstance(result.due, datetime):
        due_instant = result.due
    else:
        due_instant = end_of_day(result.due, IST)  # a day period ends at the end of the Indian day
    assert due_instant >= trigger
    assert result.due_instant() == due_instant


@settings(deadline=None)
@given(triggers, hour_periods, st.floats(0, 48))
def test_hour_periods_never_roll(trigger: datetime, period: Period, journey: float) -> None:
    result = compute(
        trigger,
        period,
        rolls=True,
        calendar=ALL_CLOSED,
        excludes=("journey_time",),
        journey_hours=journey,
    )
    assert result.rolled_from is None and result.skipped == ()
    assert isinstance(result.due, datetime)
    assert result.due - trigger == timedelta(hours=period.amount + journey)
    assert result.due.utcoffset() == trigger.utcoffset()  # the trigger's own offset, kept


@settings(deadline=None)
@given(triggers, day_periods, st.data())
def test_a_rolled_due_date_is_open_and_not_earlier(
    trigger: datetime, period: Period, data: st.DataObject
) -> None:
    unrolled = compute(trigger, period, rolls=False, calendar=ClosedDays())
    assert isinstance(unrolled.due, date)
    calendar = data.draw(calendars(unrolled.due))
    rolled = compute(trigger, period, rolls=True, calendar=calendar)
    assert isinstance(rolled.due, date)
    assert calendar.reason(rolled.due) is None
    assert rolled.due >= unrolled.due
    if rolled.rolled_from is None:
        assert rolled.due == unrolled.due and rolled.skipped == ()
    else:
        # GCA s.10: every day from the last day up to the due date was closed, and recorded.
        assert rolled.rolled_from == unrolled.due
        gap = (rolled.due - unrolled.due).days
        assert [s.day for s in rolled.skipped] == [
            unrolled.due + timedelta(days=n) for n in range(gap)
        ]
        assert all(calendar.reason(s.day) == s.reason for s in rolled.skipped)


@given(triggers, st.integers(0, 1000))
def test_days_follow_gca_9_when_nothing_is_closed(trigger: datetime, n: int) -> None:
    # The day of the trigger is excluded: day n is n days after the trigger's date in India.
    result = compute(trigger, Period(n, "days"), rolls=True, calendar=ClosedDays())
    assert result.due == trigger.astimezone(IST).date() + timedelta(days=n)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 240))
def test_calendar_months_land_in_the_right_month(start: date, months: int) -> None:
    end = add_calendar_months(start, months)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    # The same day-number, or the last day of a month too short to have it.
    next_day = end + timedelta(days=1)
    assert end.day == start.day or (end.day < start.day and next_day.month != end.month)
