"""India's public holidays, computed once when the store is compiled, so a checklist never imports `holidays`.

The `holidays` package costs well over 100 ms to import, more than a whole checklist once the
store is warm. The compiler therefore writes the holidays of the years a checklist can need
(national: ``YEARS_BACK`` before the build year to ``YEARS_AHEAD`` after it; every state's:
the years either side of it) into two tables of the store, with a key in ``meta`` naming the years and the installed
package (its version file's path, size and modification time). A look-up answers from those
rows only while the same package is installed and the year is one of them; any other year, or
another package, is computed by the package as before (`compute`, the one function both use,
so the labels are the same either way).
"""

from __future__ import annotations

import json
import warnings
from datetime import date
from typing import Any

#: The years written into the store, around the year it is built in: national holidays for a
#: decade, a state's for the years a current case runs through (computing every state's holidays
#: costs the compile about 0.3 ms a state and year).
YEARS_BACK, YEARS_AHEAD = 6, 4
STATE_YEARS_BACK, STATE_YEARS_AHEAD = 1, 1
#: The key in the store's meta table: {"first": year, "last": year, "package": package_key()}.
META_KEY = "public_holidays"

SCHEMA = """
CREATE TABLE holiday_years (year INTEGER NOT NULL, state TEXT NOT NULL, caveat TEXT, PRIMARY KEY (year, state));
CREATE TABLE holidays (year INTEGER NOT NULL, state TEXT NOT NULL, day TEXT NOT NULL, name TEXT NOT NULL);
CREATE INDEX holidays_year ON holidays (year, state);
"""


def package_key() -> str | None:
    """Which `holidays` is installed (its version file: path, size, modification time), without importing it."""
    import importlib.util
    import os

    try:
        spec = importlib.util.find_spec("holidays")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    version = os.path.join(os.path.dirname(spec.origin), "version.py")
    try:
        st = os.stat(version)
    except OSError:
        return None
    return f"{version}:{st.st_size}:{st.st_mtime_ns}"


def compute(year: int, state: str | None) -> tuple[dict[date, str], str | None]:
    """India's public holidays for one year (each labelled national or state), and why they may be incomplete."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = _india_holidays(year, state)
    return found, _caveat(year, [str(w.message) for w in caught])


def _caveat(year: int, messages: list[str]) -> str | None:
    """Say when the holidays package knows only part of a year's holidays, or none of them."""
    from holidays.countries.india import India

    if not India.start_year <= year <= India.end_year:
        return (
            f"the holidays package has no India holidays for {year}:"
            " only weekly closures and court calendars were checked"
        )
    if messages:
        # e.g. "Requested Holidays are available only from 2001 to 2035." (the Hindu festivals)
        return f"India holidays for {year} are incomplete in the holidays package: {messages[0]}"
    return None


def _india_holidays(year: int, state: str | None) -> dict[date, str]:
    """India's public holidays for one year, each labelled national or state."""
    import holidays  # lazy: importing the package costs over 100 ms

    national = dict(holidays.country_holidays("IN", years=year).items())
    if state is None:
        return _merged(national, {}, None)
    return _merged(national, dict(holidays.country_holidays("IN", subdiv=state, years=year).items()), state)


def _merged(national: dict[date, str], with_state: dict[date, str], state: str | None) -> dict[date, str]:
    """National holidays labelled as such, and a state's own (those not national) labelled with the state."""
    result = {day: _label(name, "national holiday") for day, name in national.items()}
    for day, names in with_state.items():
        national_names = set(national.get(day, "").split("; "))
        extra = [n for n in names.split("; ") if n not in national_names]
        if extra:
            labelled = _label("; ".join(extra), f"state holiday, IN-{state}")
            result[day] = f"{result[day]}; {labelled}" if day in result else labelled
    return result


def _label(names: str, kind: str) -> str:
    return "; ".join(f"{name} ({kind})" for name in names.split("; "))


#: What ``rows`` gives: (year, state, caveat) rows, (year, state, day, name) rows, and the meta value.
Rows = tuple[list[tuple[int, str, str | None]], list[tuple[int, str, str, str]], str]


def rows(today: date | None = None) -> Rows | None:
    """The holiday rows for the years around ``today`` and every state, and their meta value; None: no package.

    Computed apart from the store (the compiler does it while the YAML is parsed); ``insert`` writes them.
    """
    key = package_key()
    if key is None:  # no package: nothing to store, every look-up falls back (and says so as before)
        return None
    import holidays
    from holidays.countries.india import India

    year = (today or date.today()).year
    first, last = year - YEARS_BACK, year + YEARS_AHEAD
    years = range(first, last + 1)
    heads: list[tuple[int, str, str | None]] = []
    days: list[tuple[int, str, str, str]] = []

    def add(y: int, state: str | None, found: dict[date, str], caveat: str | None) -> None:
        heads.append((y, state or "", caveat))
        days.extend((y, state or "", day.isoformat(), name) for day, name in sorted(found.items()))

    # One call per state for all the years (a call per year and state costs seconds); a state
    # whose call warns (a year the package knows only in part) is computed year by year instead,
    # so that each year keeps its own caveat exactly as ``compute`` gives it.
    plain_national = _by_year(_quiet_holidays(holidays, None, years), years)
    for y in years:
        if plain_national is None:
            add(y, None, *compute(y, None))
        else:
            add(y, None, _merged(plain_national[y], {}, None), _caveat(y, []))
    state_years = range(year - STATE_YEARS_BACK, year + STATE_YEARS_AHEAD + 1)
    for state in India.subdivisions:
        found = _quiet_holidays(holidays, state, state_years)
        if found is None or plain_national is None:
            for y in state_years:
                add(y, state, *compute(y, state))
            continue
        by_year = _by_year(found, state_years)
        assert by_year is not None
        for y in state_years:
            add(y, state, _merged(plain_national[y], by_year[y], state), _caveat(y, []))
    return heads, days, json.dumps({"first": first, "last": last, "package": key})


def insert(con: Any, computed: Rows | None) -> None:
    """Fill the holiday tables (made by ``SCHEMA``) with what ``rows`` computed and key them in meta (nothing when it found no package)."""
    if computed is None:
        return
    heads, days, meta = computed
    con.executemany("INSERT INTO holiday_years VALUES (?, ?, ?)", heads)
    con.executemany("INSERT INTO holidays VALUES (?, ?, ?, ?)", days)
    con.execute("INSERT INTO meta VALUES (?, ?)", (META_KEY, meta))


def _quiet_holidays(package: Any, state: str | None, years: range) -> dict[date, str] | None:
    """The package's holidays (national, or national and ``state``'s) for ``years``; None if it warned."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = dict(package.country_holidays("IN", subdiv=state, years=years).items()) if state else \
            dict(package.country_holidays("IN", years=years).items())
    return None if caught else found


def _by_year(found: dict[date, str] | None, years: range) -> dict[int, dict[date, str]] | None:
    if found is None:
        return None
    split: dict[int, dict[date, str]] = {y: {} for y in years}
    for day, name in found.items():
        if day.year in split:
            split[day.year][day] = name
    return split


class StoredHolidays:
    """The holidays written into a compiled store: ``get`` answers a stored year, or None (ask the package)."""

    def __init__(self, con: Any, meta: str | None) -> None:
        self._con = con
        self._meta: dict[str, Any] = json.loads(meta) if meta else {}
        self._usable: bool | None = None

    def usable(self) -> bool:
        """Whether the rows were computed by the package installed now (checked once, by a stat)."""
        if self._usable is None:
            self._usable = bool(self._meta) and self._meta.get("package") == package_key()
        return self._usable

    def get(self, year: int, state: str | None) -> tuple[dict[date, str], str | None] | None:
        """The holidays and caveat of ``year`` (national, or with ``state``'s), or None when not stored."""
        if not self._meta or not self._meta["first"] <= year <= self._meta["last"] or not self.usable():
            return None
        head = self._con.execute("SELECT caveat FROM holiday_years WHERE year = ? AND state = ?",
                                 (year, state or "")).fetchone()
        if head is None:  # a state the package did not know when the store was built
            return None
        rows = self._con.execute("SELECT day, name FROM holidays WHERE year = ? AND state = ?",
                                 (year, state or "")).fetchall()
        return {date.fromisoformat(day): name for day, name in rows}, head[0]
