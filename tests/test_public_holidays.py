"""India's public holidays compiled into the store: the same answers as the `holidays` package, without importing it.

Every check compares the stored rows with what the package computes now (never a hard-coded list),
and a year or package the store does not hold falls back to the package.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from lexkit.kb import public_holidays
from lexkit.kb.store import load
from lexkit.law.calendars import ClosedDays


@pytest.fixture
def kb(minimal_kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LEXKIT_CACHE_DIR", str(tmp_path / "cache"))
    return load(minimal_kb)


def _years(kb) -> range:  # type: ignore[no-untyped-def]
    meta = json.loads(kb.store.meta[public_holidays.META_KEY])
    return range(meta["first"], meta["last"] + 1)


def test_the_store_holds_the_years_around_today_for_the_nation_and_every_state(kb) -> None:  # type: ignore[no-untyped-def]
    years = _years(kb)
    assert date.today().year - public_holidays.YEARS_BACK == years[0]
    assert date.today().year + public_holidays.YEARS_AHEAD == years[-1]
    from holidays.countries.india import India

    states = {r[0] for r in kb.store.all("SELECT DISTINCT state FROM holiday_years")}
    assert states == {"", *India.subdivisions}
    state_years = 1 + public_holidays.STATE_YEARS_BACK + public_holidays.STATE_YEARS_AHEAD
    assert kb.store.one("SELECT count(*) FROM holiday_years")[0] == len(years) + state_years * len(India.subdivisions)


@pytest.mark.parametrize("state", [None, "MH", "TN", "WB"])
def test_stored_holidays_are_what_the_package_computes(kb, state: str | None) -> None:  # type: ignore[no-untyped-def]
    """The store computes a state's years in one call: each year must be what a call for that year gives."""
    for year in _years(kb):
        if state and abs(year - date.today().year) > 1:  # a state's holidays are kept for the years either side
            assert kb.public_holidays.get(year, state) is None
            continue
        stored = kb.public_holidays.get(year, state)
        assert stored is not None
        assert stored == public_holidays.compute(year, state)
        assert stored[0]  # a year has holidays: the comparison above is not of two empty answers


def test_every_state_is_stored_as_computed(kb) -> None:  # type: ignore[no-untyped-def]
    from holidays.countries.india import India

    year = date.today().year
    assert [s for s in India.subdivisions if kb.public_holidays.get(year, s) != public_holidays.compute(year, s)] == []


def test_a_year_the_package_knows_in_part_keeps_its_caveat(tmp_path: Path) -> None:
    """Years the package warns about (its Hindu festivals end in 2035) are stored with the caveat compute gives."""
    import sqlite3

    con = sqlite3.connect(tmp_path / "h.sqlite")
    con.executescript(public_holidays.SCHEMA + "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);")
    public_holidays.insert(con, public_holidays.rows(today=date(2035, 6, 1)))
    stored = public_holidays.StoredHolidays(con, con.execute("SELECT value FROM meta").fetchone()[0])
    for year, state in ((2035, None), (2036, "KA"), (2039, None), (2034, "MH")):
        assert stored.get(year, state) == public_holidays.compute(year, state)
    assert stored.get(2039, None)[1]  # type: ignore[index]  # a caveat: not a comparison of two Nones


def test_a_year_outside_the_store_falls_back_to_the_package(kb) -> None:  # type: ignore[no-untyped-def]
    outside = _years(kb)[0] - 1
    assert kb.public_holidays.get(outside, None) is None
    calendar = ClosedDays.for_india(known=kb.public_holidays)
    republic_day = date(outside, 1, 26)
    assert calendar.reason(republic_day) == ClosedDays.for_india().reason(republic_day)
    assert "Republic Day" in (calendar.reason(republic_day) or "")


def test_another_installed_package_is_not_trusted(kb, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    year = date.today().year
    assert kb.public_holidays.get(year, None) is not None
    monkeypatch.setattr(public_holidays, "package_key", lambda: "/elsewhere/holidays/version.py:1:2")
    assert public_holidays.StoredHolidays(kb.store.con, kb.store.meta[public_holidays.META_KEY]).get(year, None) is None


def test_a_calendar_from_the_store_answers_like_one_from_the_package(kb) -> None:  # type: ignore[no-untyped-def]
    year = date.today().year
    stored, computed = ClosedDays.for_india("KA", known=kb.public_holidays), ClosedDays.for_india("KA")
    days = [date(year, 1, 1).fromordinal(date(year, 1, 1).toordinal() + n) for n in range(365)]
    assert [stored.reason(d) for d in days] == [computed.reason(d) for d in days]
    assert stored.caveats(days[0], days[-1]) == computed.caveats(days[0], days[-1])
    assert any(stored.reason(d) and "state holiday, IN-KA" in (stored.reason(d) or "") for d in days)


def test_a_store_built_in_memory_leaves_the_holidays_out(minimal_kb: Path, unwritable_cache_folder: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only cache folder: the store is rebuilt on every run, so it computes only the years it needs."""
    folder = unwritable_cache_folder
    monkeypatch.setenv("LEXKIT_CACHE_DIR", str(folder))
    kb = load(minimal_kb)
    assert kb.store.path is None
    assert kb.public_holidays.get(date.today().year, None) is None
    assert "Republic Day" in (ClosedDays.for_india(known=kb.public_holidays).reason(date(date.today().year, 1, 26)) or "")
