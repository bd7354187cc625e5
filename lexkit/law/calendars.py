"""Closed days: the days a court or office is shut, for General Clauses Act s.10.

GCA s.10 lets an act "done or taken in any Court or office" on the last day of a period be done
on the next day the court or office is open. Which days are closed is a fact about a particular
court or office, so this module builds the answer from layers, most specific last:

1. Sundays.
2. India's public holidays from the `holidays` package (its "IN" country calendar). Lunar and
   Islamic dates are the package's estimates; it knows the years 1948-2100 only, and the Hindu
   festivals for 2001-2035 only. `ClosedDays.caveats` says so for a year outside those ranges,
   and every deadline that consults the calendar carries that caveat in its notes.
3. A state's own holidays, when a state is named (ISO 3166-2:IN code: "MH", "IN-MH").
4. Court or district calendars (YAML, see schemas/calendar.schema.json and
   checklists/calendars/README.md) that close more days (a vacation) or open days (a Sunday
   sitting). An opened day is open whatever the other layers say.

`holidays` costs over 100 ms to import, so it is imported only when a holiday is first looked
up that a compiled store does not hold (see lexkit.kb.public_holidays), or a state code is
checked, never at import time of this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, Literal, NamedTuple, Protocol

from lexkit.errors import UsageProblem


class HolidaySource(Protocol):
    """Holidays computed ahead (a compiled store's): one year's, with its caveat, or None when not held."""

    def get(self, year: int, state: str | None) -> tuple[dict[date, str], str | None] | None: ...


SUNDAY = 6  # date.weekday() of a Sunday
MAX_RANGE_DAYS = 366  # a closed range longer than a year is a typing mistake, not a vacation


class CalendarOverride(NamedTuple):
    """One day a court or district calendar closes or opens, with the reason and its source."""

    day: date
    action: Literal["close", "open"]
    reason: str
    source: str
    state: str | None = None  # the state the calendar belongs to, when it names one


class ClosedDays:
    """Answers "is this court or office closed on this day, and why?" (GCA s.10)."""

    def __init__(
        self,
        *,
        closed_weekdays: Mapping[int, str] | None = None,
        public_holidays: bool = False,
        state: str | None = None,
        overrides: Iterable[CalendarOverride] = (),
        known: HolidaySource | None = None,
    ) -> None:
        """Build a calendar from weekly closures, India's holidays, a state and overrides.

        ``known``: the holidays a compiled store holds (``StoredKnowledgeBase.public_holidays``),
        asked first; a year it does not hold is computed by the `holidays` package.

        Without `state`, the state a court calendar names (if any) is used. Most callers want
        `ClosedDays.for_india`; this constructor is for other shapes (tests, a court that also
        closes on Saturdays).
        """
        overrides = tuple(overrides)
        if state is None:
            # A district court's calendar names its state: that state's holidays apply too.
            state = next((o.state for o in overrides if o.state), None)
        self._weekdays = dict(closed_weekdays or {})
        self._public_holidays = public_holidays
        self.state = normalise_state(state) if state is not None else None
        self._closed: dict[date, list[str]] = {}
        self._opened: dict[date, str] = {}
        self._sources: set[str] = set()
        for override in overrides:
            self._add_override(override)
        self._holidays_by_year: dict[int, dict[date, str]] = {}
        self._caveats_by_year: dict[int, str | None] = {}
        self._known = known

    @classmethod
    def for_india(
        cls, state: str | None = None, overrides: Iterable[CalendarOverride] = (),
        known: HolidaySource | None = None,
    ) -> ClosedDays:
        """Sundays, India's public holidays, a state's holidays and court-calendar overrides."""
        return cls(
            closed_weekdays={SUNDAY: "Sunday"},
            public_holidays=True,
            state=state,
            overrides=overrides,
            known=known,
        )

    def _add_override(self, override: CalendarOverride) -> None:
        if override.state and self.state and override.state != self.state:
            raise UsageProblem(
                f"calendar {override.source} is for IN-{override.state} but the state given is"
                f" IN-{self.state}; pass --state {override.state} or another calendar"
            )
        labelled = f"{override.reason} ({override.source})"
        self._sources.add(override.source)
        if override.action == "open":
            self._opened[override.day] = labelled
        else:
            self._closed.setdefault(override.day, []).append(labelled)

    def reason(self, day: date) -> str | None:
        """Why `day` is closed ("Sunday; Republic Day (national holiday)"), or None if open."""
        if day in self._opened:
            return None  # a calendar that opens a day (a Sunday sitting) wins over every closure
        reasons = list(self._closed.get(day, []))
        if day.weekday() in self._weekdays:
            reasons.insert(0, self._weekdays[day.weekday()])
        if self._public_holidays:
            holiday = self._holidays_for(day.year).get(day)
            if holiday:
                reasons.append(holiday)
        return "; ".join(reasons) or None

    def opened_reason(self, day: date) -> str | None:
        """The reason a court calendar gives for opening `day`, if it does."""
        return self._opened.get(day)

    def describe(self) -> str:
        """One line naming what this calendar treats as closed, for a deadline's trace."""
        parts = [f"{name}s" for name in self._weekdays.values()]
        if self._public_holidays:
            parts.append("India public holidays (holidays package; lunar dates are estimates)")
        if self.state:
            parts.append(f"IN-{self.state} state holidays")
        if self._sources:
            parts.append("court calendars: " + ", ".join(sorted(self._sources)))
        return ", ".join(parts) or "no closed days"

    def caveats(self, first: date, last: date) -> tuple[str, ...]:
        """Why the holidays known for the years from `first` to `last` may be incomplete."""
        if not self._public_holidays:
            return ()
        found = []
        for year in range(first.year, last.year + 1):
            self._holidays_for(year)
            caveat = self._caveats_by_year[year]
            if caveat:
                found.append(caveat)
        return tuple(found)

    def _holidays_for(self, year: int) -> dict[date, str]:
        # One lookup per year, on first use: the package computes a whole year at a time.
        if year not in self._holidays_by_year:
            found = self._known.get(year, self.state) if self._known is not None else None
            if found is None:
                from lexkit.kb.public_holidays import compute

                found = compute(year, self.state)
            self._holidays_by_year[year], self._caveats_by_year[year] = found
        return self._holidays_by_year[year]


_CODE_ALIASES = {"UT": "UK", "UL": "UK", "CT": "CG", "OR": "OD", "TG": "TS"}


def normalise_state(text: str) -> str:
    """'MH', 'in-mh', 'IN-MH' or 'Maharashtra' -> 'MH'; an unknown state raises UsageProblem."""
    # Lazy: only a state code needs the package's list of subdivisions.
    from holidays.countries.india import India

    codes: tuple[str, ...] = India.subdivisions
    aliases = {name.casefold(): str(code) for name, code in India.subdivisions_aliases.items()}
    cleaned = text.strip()
    code = cleaned.upper().removeprefix("IN-")
    # ISO 3166-2:IN and the holidays package spell a few states differently (ISO IN-UT is the
    # package's UK for Uttarakhand); accept both, and the older codes still seen in forms.
    code = _CODE_ALIASES.get(code, code)
    if code in codes:
        return code
    if cleaned.casefold() in aliases:
        return aliases[cleaned.casefold()]
    raise UsageProblem(
        f"unknown state {text!r}: use an ISO 3166-2:IN code, one of {', '.join(codes)}"
    )


def overrides_from_data(data: Mapping[str, Any], source_name: str) -> list[CalendarOverride]:
    """Turn one parsed court/district calendar (see calendar.schema.json) into overrides.

    `data` is the already-loaded YAML mapping; `source_name` names it in reasons and errors.
    The schema is checked first (every problem reported), then what a schema cannot check:
    that each date exists and each range runs forwards.
    """
    _check_schema(data, source_name)
    state = data["calendar"].get("state")
    state = normalise_state(state) if state else None
    overrides: list[CalendarOverride] = []
    for i, entry in enumerate(data.get("closed", [])):
        day = _real_date(entry["date"], f"{source_name}: closed[{i}].date")
        overrides.append(CalendarOverride(day, "close", entry["reason"], source_name, state))
    for i, entry in enumerate(data.get("closed_ranges", [])):
        overrides.extend(_range(entry, f"{source_name}: closed_ranges[{i}]", source_name, state))
    for i, entry in enumerate(data.get("open", [])):
        day = _real_date(entry["date"], f"{source_name}: open[{i}].date")
        overrides.append(CalendarOverride(day, "open", entry["reason"], source_name, state))
    return overrides


def _range(
    entry: Mapping[str, str], where: str, source_name: str, state: str | None
) -> list[CalendarOverride]:
    first = _real_date(entry["from"], f"{where}.from")
    last = _real_date(entry["to"], f"{where}.to")
    length = (last - first).days + 1
    if not 1 <= length <= MAX_RANGE_DAYS:
        raise UsageProblem(
            f"{where}: from {first} to {last} is {length} days; a range must run forwards"
            f" and last at most {MAX_RANGE_DAYS} days"
        )
    return [
        CalendarOverride(first + timedelta(days=n), "close", entry["reason"], source_name, state)
        for n in range(length)
    ]


def _real_date(text: str, where: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageProblem(f"{where}: {text!r} is not a real date; write YYYY-MM-DD") from None


def _check_schema(data: Mapping[str, Any], source_name: str) -> None:
    """Validate against calendar.schema.json, reporting every error on one line."""
    validator = _calendar_validator()
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        listed = "; ".join(dict.fromkeys(f"{e.json_path}: {e.message}" for e in errors))
        raise UsageProblem(
            f'{source_name} is not a valid calendar (quote dates as "YYYY-MM-DD"): {listed}'
        )


def _calendar_validator() -> Any:
    # Lazy: jsonschema and the schema files are needed only when a calendar file is read.
    from lexkit.kb.schemas import validators

    return validators()["calendar.schema.json"]
