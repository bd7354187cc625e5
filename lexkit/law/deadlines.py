"""The deadline engine: when a statutory period ends, and the trace of how it was counted.

Counting rules, one per unit of a period:

* Hours run on the clock from the trigger instant ("within 24 hours" of 23 Nov 2026 14:30 IST
  ends at 24 Nov 2026 14:30 IST). They are not days, so General Clauses Act 1897 s.9 (the first
  day excluded) and s.10 (a closed last day rolls) do not apply, and an hour limit never rolls.
  Where a rule excludes journey time (JJ Act s.31, BNSS s.58, Constitution Art. 22(2)), the
  hours of the journey are added. The result keeps the trigger's own zone or UTC offset.
* Days follow GCA s.9: a period "from" a day excludes that day, so "within 10 days" of anything
  on 23 Nov 2026 ends at the end of 3 Dec 2026. The day of the trigger is its date in India
  (Asia/Kolkata), whatever offset the input was written in. A week is 7 days. Every calendar day counts, closed or not.
* Months are calendar months (GCA s.3(35): "a month reckoned according to the British
  calendar"), counted from the same day-number: 23 Nov + 2 months ends on 23 Jan. When the
  target month has no such day, the period ends on the last day of that month: 31 Dec + 2
  months is 28 Feb (29 Feb in a leap year), 31 Jan + 1 month is 28/29 Feb, 30 Nov + 3 months is
  the end of February. A month-end start is not carried to the end of a longer month: 28 Feb +
  1 month is 28 Mar, not 31 Mar. (Month-end rounding is where deadline tools disagree; this is
  the rule lexkit picks, and the tests pin it.)
* Years are 12 calendar months (GCA s.3(66)), so 29 Feb 2028 + 1 year is 28 Feb 2029.

Rolling (GCA s.10): only for an act done in a court or office (`rolls=True`) and only for day,
month and year periods. If the last day is closed, the act is in time on the next open day;
every closed day passed over is recorded. s.10 does not apply where the Limitation Act applies:
such rules must be written with `rolls: false`.

This module is a library: it never prints and never imports typer or rich.
"""

from __future__ import annotations

import math
import re
import zoneinfo
from calendar import monthrange
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any, Literal, NamedTuple, get_args

from lexkit.errors import UsageProblem
from lexkit.kb.models import TimeLimit
from lexkit.law.calendars import ClosedDays

IST = zoneinfo.ZoneInfo("Asia/Kolkata")

Unit = Literal["hours", "days", "months", "years"]
UNITS: tuple[str, ...] = get_args(Unit)
KINDS = ("deadline", "cap", "target", "minimum")
JOURNEY_TIME = "journey_time"
YEARS = (1860, 2200)
ROLL_LIMIT_DAYS = 366  # a court closed for more than a year means the calendar is wrong


# --------------------------------------------------------------------------- periods


# Results are NamedTuples, not frozen dataclasses: every checklist imports this module, and a
# dataclass costs several times as much to define (see lexkit.kb.models).


class _PeriodFields(NamedTuple):
    amount: int
    unit: Unit


class Period(_PeriodFields):
    """A length of time as a statute states it: an amount and a unit."""

    __slots__ = ()

    def __new__(cls, amount: int, unit: Unit) -> Period:
        if unit not in UNITS:
            raise UsageProblem(f"unknown period unit {unit!r}: use one of {', '.join(UNITS)}")
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
            raise UsageProblem(f"period amount {amount!r} must be a whole number, 0 or more")
        return super().__new__(cls, amount, unit)

    def __str__(self) -> str:
        unit = self.unit[:-1] if self.amount == 1 else self.unit
        return f"{self.amount} {unit}"


_PERIOD_TEXT = re.compile(r"(?P<amount>[0-9]+)\s*(?P<unit>[a-z]+)", re.IGNORECASE)
_UNIT_WORDS: dict[str, tuple[Unit, int]] = {
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), ("hours", 1)),
    **dict.fromkeys(("d", "day", "days"), ("days", 1)),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), ("days", 7)),  # a week is 7 days
    **dict.fromkeys(("month", "months"), ("months", 1)),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), ("years", 1)),
}
_PERIOD_FORMS = (
    "write a whole number and a unit, e.g. '24 hours', '24h', '10 days', '3 weeks', '2 months',"
    " '1 year'"
)


def _short(text: str, limit: int = 60) -> str:
    """An argument as echoed in a message: never the whole of a pasted page."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_period(text: str) -> Period:
    """Read '24 hours', '24h', '10 days', '3 weeks' (21 days), '2 months' or '1 year'."""
    if text.strip().startswith("-"):
        raise UsageProblem(f"the period {_short(text)!r} is negative: {_PERIOD_FORMS}")
    match = _PERIOD_TEXT.fullmatch(text.strip())
    if match is None or match["unit"].lower() not in _UNIT_WORDS:
        raise UsageProblem(f"cannot read the period {_short(text)!r}: {_PERIOD_FORMS}")
    unit, factor = _UNIT_WORDS[match["unit"].lower()]
    if len(match["amount"]) > 6:  # a million days is past the year 9999 from any trigger
        raise UsageProblem(f"the period {_short(text)!r} is too long: {_PERIOD_FORMS}")
    amount = int(match["amount"]) * factor
    if amount == 0:
        raise UsageProblem(f"the period {_short(text)!r} is empty: give at least 1 {unit[:-1]}")
    return Period(amount, unit)


# --------------------------------------------------------------------------- date and time input

_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.(?P<f>\d{1,6}))?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_DAY_FIRST = re.compile(
    r"(?P<d>\d{1,2})(?P<sep>[/-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})"
    r"(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2}))?"
)
DATETIME_FORMATS = (
    "2026-11-27T22:00 (optionally with an offset such as +05:30), 2026-11-27 22:00, 2026-11-27,"
    " 27/11/2026 22:00, 27/11/2026 or 27-11-2026 22:00 (day first)"
)


def parse_datetime(text: str, *, default_tz: tzinfo = IST) -> datetime:
    """Read an ISO 8601 or Indian day-first date and time; always returns an aware datetime.

    A date alone means 00:00 that day. Input without an offset is in `default_tz`
    (Asia/Kolkata). Anything else, or a date that does not exist, raises UsageProblem.
    """
    cleaned = text.strip()
    match = _ISO.fullmatch(cleaned) or _DAY_FIRST.fullmatch(cleaned)
    if match is None:
        raise UsageProblem(f"cannot read the date {_short(text)!r}: use {DATETIME_FORMATS}")
    parts = match.groupdict()
    try:
        day = date(int(parts["y"]), int(parts["m"]), int(parts["d"]))
        clock = time(
            int(parts["H"] or 0),
            int(parts["M"] or 0),
            int(parts.get("S") or 0),
            int((parts.get("f") or "0").ljust(6, "0")),
        )
        zone = _offset(parts.get("tz")) or default_tz
    except ValueError as problem:
        raise UsageProblem(
            f"{_short(text)!r} is not a real date and time ({problem}): use {DATETIME_FORMATS}"
        ) from None
    if not YEARS[0] <= day.year <= YEARS[1]:
        # The Acts lexkit holds start in 1860; a year outside this range is a typing slip.
        raise UsageProblem(f"{_short(text)!r}: the year must be between {YEARS[0]} and {YEARS[1]}")
    return datetime.combine(day, clock, tzinfo=zone)


def _offset(text: str | None) -> tzinfo | None:
    """'Z', '+05:30' or '+0530' as a fixed offset; None when the input gave none."""
    if not text:
        return None
    if text == "Z":
        return timezone.utc
    digits = text[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return timezone(-delta if text[0] == "-" else delta)  # ValueError beyond +-24h


# --------------------------------------------------------------------------- results


class Skipped(NamedTuple):
    """A closed day passed over when a last day rolled (GCA s.10), and why it was closed."""

    day: date
    reason: str


class Deadline(NamedTuple):
    """A computed deadline with its trace: trigger, period, rule, counting, and days skipped."""

    due: datetime | date  # aware datetime for hours; a date (ends at the end of it) otherwise
    trigger_event: str
    trigger_at: datetime
    period: Period
    rule: str
    kind: str
    counting: str
    rolls: bool
    rolled_from: date | None
    skipped: tuple[Skipped, ...]
    basis: tuple[str, ...]
    journey_hours: float
    excludes: tuple[str, ...]
    notes: tuple[str, ...]

    def due_instant(self) -> datetime:
        """The last instant of the period: `due` itself, or the end of the due day."""
        if isinstance(self.due, datetime):
            return self.due
        return end_of_day(self.due, IST)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ISO 8601 strings for every date and time."""
        return {
            "due": self.due.isoformat(),
            "trigger": {"event": self.trigger_event, "at": self.trigger_at.isoformat()},
            "period": {
                "amount": self.period.amount,
                "unit": self.period.unit,
                "text": str(self.period),
            },
            "rule": self.rule,
            "kind": self.kind,
            "counting": self.counting,
            "rolls": self.rolls,
            "rolled_from": self.rolled_from.isoformat() if self.rolled_from else None,
            "skipped": [{"date": s.day.isoformat(), "reason": s.reason} for s in self.skipped],
            "basis": list(self.basis),
            "journey_hours": self.journey_hours,
            "excludes": list(self.excludes),
            "notes": list(self.notes),
        }


class Rule(NamedTuple):
    """A statutory time limit as data (a `time_limit` record in the knowledge base)."""

    id: str
    period: Period
    kind: str
    rolls: bool
    trigger: str
    excludes: tuple[str, ...] = ()
    basis: tuple[str, ...] = ()
    what: str = ""
    first_day_included: bool = False


def rule_of(limit: TimeLimit) -> Rule:
    """A knowledge-base time limit as a rule of this engine."""
    return Rule(limit.id, Period(limit.amount, limit.unit), limit.kind, limit.rolls, limit.trigger,  # type: ignore[arg-type]
                limit.excludes, (limit.section_id,), limit.what.en, limit.first_day_included)


def end_of_day(day: date, zone: tzinfo | None) -> datetime:
    """The last instant of `day` in `zone`: a day period ends at the end of its last day."""
    return datetime.combine(day, time.max, tzinfo=zone)


# --------------------------------------------------------------------------- counting


def add_calendar_months(day: date, months: int) -> date:
    """`day` plus calendar months; the last day of the month when the day-number is missing."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    # GCA s.3(35): British calendar months. 31 Jan + 1 month has no 31 Feb, so it ends on the
    # last day of February: the period may not run into March.
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def _last_day(start: date, period: Period, first_day_included: bool = False) -> date:
    """The last day of a day, month or year period that runs from `start` (excluded by default)."""
    if period.unit == "days":
        # GCA s.9: "from" excludes the first day, so day 1 is the day after the trigger; where
        # the law counts the trigger day itself (default bail: the day of remand), it is day 1.
        return start + timedelta(days=period.amount - (1 if first_day_included and period.amount else 0))
    # GCA s.3(66): a year is a British calendar year, i.e. 12 calendar months.
    months = period.amount * (12 if period.unit == "years" else 1)
    return add_calendar_months(start, months)


_COUNTING = {
    "hours": "hours run on the clock (never roll)",
    "days": "GCA s.9: day of the trigger excluded; ends at the end of the last day",
    "months": (
        "GCA s.3(35): calendar months; the last day of a shorter month when the day does not exist"
    ),
    "years": (
        "GCA s.3(66): a year is 12 calendar months; 28 February when 29 February does not exist"
    ),
}
_FIRST_DAY_INCLUDED = (
    "the day of the trigger is day 1 (the rule says so: e.g. default bail counts the day of remand,"
    " ED v Kapil Wadhawan, SC 2023); ends at the end of the last day"
)
_KIND_NOTES = {
    "cap": "a cap: the custody or detention may not run beyond this",
    "target": "a target ('as far as possible'), not a hard limit",
    "minimum": "a minimum: the period must run at least until this",
}


def compute(
    trigger_at: datetime,
    period: Period,
    *,
    rolls: bool,
    calendar: ClosedDays | None = None,
    rule: str = "ad-hoc",
    kind: str = "deadline",
    trigger_event: str = "from",
    basis: Iterable[str] = (),
    excludes: Iterable[str] = (),
    journey_hours: float = 0.0,
    first_day_included: bool = False,
) -> Deadline:
    """When `period` from `trigger_at` ends, with the trace of how it was counted.

    A naive `trigger_at` is taken as Asia/Kolkata time. `calendar` says which days are closed;
    when None and a day period needs it, Sundays and India's public holidays are used.
    Raises UsageProblem for an unknown kind or journey hours a rule does not allow.
    """
    if kind not in KINDS:
        raise UsageProblem(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    trigger_at = trigger_at if trigger_at.tzinfo else trigger_at.replace(tzinfo=IST)
    excludes = tuple(excludes)
    journey = _journey_hours(journey_hours, period, excludes, rule)
    due: datetime | date
    try:
        if period.unit == "hours":
            due, trace = _on_the_clock(trigger_at, period, journey, rolls, excludes)
        else:
            closed_days = calendar if calendar is not None else ClosedDays.for_india()
            if first_day_included and period.unit != "days":
                raise UsageProblem(f"rule {rule}: only a period of days can count its first day")
            # The day of the trigger is its date in India: an input written in UTC or another
            # offset names the same moment, and Indian law counts Indian days.
            day0 = trigger_at.astimezone(IST).date()
            due, trace = _in_days(day0, period, rolls, closed_days, first_day_included)
    except (OverflowError, ValueError):  # date arithmetic beyond the year 9999
        too_late = f"{period} from {trigger_at.isoformat()} ends after the year 9999"
        raise UsageProblem(too_late) from None
    kind_note = (_KIND_NOTES[kind],) if kind in _KIND_NOTES else ()
    return Deadline(
        due=due,
        trigger_event=trigger_event,
        trigger_at=trigger_at,
        period=period,
        rule=rule,
        kind=kind,
        counting=_FIRST_DAY_INCLUDED if first_day_included and period.unit == "days" else _COUNTING[period.unit],
        rolls=trace.rolls,
        rolled_from=trace.rolled_from,
        skipped=trace.skipped,
        basis=tuple(basis),
        journey_hours=journey,
        excludes=excludes,
        notes=trace.notes + kind_note,
    )


def compute_rule(
    rule: Rule,
    trigger_at: datetime,
    *,
    calendar: ClosedDays | None = None,
    journey_hours: float = 0.0,
) -> Deadline:
    """`compute` for a knowledge-base rule: its period, kind, rolling, basis and exclusions."""
    return compute(
        trigger_at,
        rule.period,
        rolls=rule.rolls,
        calendar=calendar,
        rule=rule.id,
        kind=rule.kind,
        trigger_event=rule.trigger,
        basis=rule.basis,
        excludes=rule.excludes,
        journey_hours=journey_hours,
        first_day_included=rule.first_day_included,
    )


class _Trace(NamedTuple):
    """How a computation arrived at its due time: what rolled it and which days it skipped."""

    rolls: bool
    rolled_from: date | None = None
    skipped: tuple[Skipped, ...] = ()
    notes: tuple[str, ...] = ()


def _journey_hours(hours: float, period: Period, excludes: tuple[str, ...], rule: str) -> float:
    """Check journey hours: only an hour period of a rule that excludes journey time takes them."""
    if not math.isfinite(hours) or hours < 0:
        raise UsageProblem(f"journey hours must be a number of hours, 0 or more, not {hours!r}")
    if hours and JOURNEY_TIME not in excludes:
        raise UsageProblem(
            f"rule {rule} does not exclude journey time, so journey hours cannot be added;"
            " drop them"
        )
    if hours and period.unit != "hours":
        raise UsageProblem(f"journey hours apply only to hour periods, not to {period}; drop them")
    return float(hours)


def _on_the_clock(
    trigger_at: datetime, period: Period, journey: float, rolls: bool, excludes: tuple[str, ...]
) -> tuple[datetime, _Trace]:
    """An hour period: the trigger instant plus the hours (and any journey), never rolled."""
    # Hours are counted in UTC so a zone with summer time still gets real elapsed hours, then
    # shown in the trigger's own zone: a +05:30 trigger gives +05:30, a +00:00 one gives +00:00.
    elapsed = timedelta(hours=period.amount + journey)
    due = (trigger_at.astimezone(timezone.utc) + elapsed).astimezone(trigger_at.tzinfo)
    notes: list[str] = []
    if JOURNEY_TIME in excludes:
        # JJ Act s.31, BNSS s.58, Art. 22(2): "excluding the time necessary for the journey".
        notes.append(
            f"journey time excluded: {journey:g} hours of journey added"
            if journey
            else "journey time is excluded by this rule; no journey hours given, so none added"
        )
    if rolls:
        # GCA s.10 rolls a closed *day*; an hour limit is not a period of days.
        notes.append("an hour limit does not roll over closed days (GCA s.10 is about days)")
    return due, _Trace(rolls=False, notes=tuple(notes))


def _in_days(
    start: date, period: Period, rolls: bool, calendar: ClosedDays, first_day_included: bool = False
) -> tuple[date, _Trace]:
    """A day, month or year period from the local date `start`, rolled by GCA s.10 if it may."""
    last = _last_day(start, period, first_day_included)
    closed = calendar.reason(last)
    if closed is None:
        notes = _opened_note(last, calendar) + calendar.caveats(last, last)
        return last, _Trace(rolls=rolls, notes=notes)
    if not rolls:
        # GCA s.10 covers acts done in a court or office; this step is not one, so it stays.
        notes = (
            f"last day is a closed day ({closed}); this step does not roll",
            f"closed days: {calendar.describe()}",
            *calendar.caveats(last, last),
        )
        return last, _Trace(rolls=False, notes=notes)
    due, skipped = _roll(last, calendar)
    notes = (
        f"GCA s.10: the last day, {last.isoformat()}, is closed; the act is in time on"
        f" {due.isoformat()}, the next open day",
        f"closed days: {calendar.describe()}",
        *_opened_note(due, calendar),
        *calendar.caveats(last, due),
    )
    return due, _Trace(rolls=True, rolled_from=last, skipped=skipped, notes=notes)


def _roll(last: date, calendar: ClosedDays) -> tuple[date, tuple[Skipped, ...]]:
    """GCA s.10: move past every closed day from `last` on, recording each one and why."""
    skipped: list[Skipped] = []
    day = last
    while (reason := calendar.reason(day)) is not None:
        skipped.append(Skipped(day, reason))
        if len(skipped) > ROLL_LIMIT_DAYS:
            raise UsageProblem(
                f"no open day within {ROLL_LIMIT_DAYS} days after {last.isoformat()}:"
                " check the court calendar"
            )
        day += timedelta(days=1)
    return day, tuple(skipped)


def _opened_note(day: date, calendar: ClosedDays) -> tuple[str, ...]:
    """Say so when a court calendar opened a day that would otherwise be closed."""
    reason = calendar.opened_reason(day)
    return (f"{day.isoformat()} is open by a court calendar: {reason}",) if reason else ()
