"""Properties of every parser that reads what a person types or a file holds (issue 8, point 6).

For any input up to 100 kB, the citation resolver, the date, period, year, fact and state parsers
and the YAML loader raise nothing but lexkit's own errors (LexkitError), and finish in bounded
time. Long inputs are built by repeating a short random fragment: that is the shape that makes a
backtracking regular expression take minutes. The budget is fixed and derandomised, so CI runs
the same examples every time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lexkit.errors import LexkitError
from lexkit.kb.files import FileRefused, decode_utf8
from lexkit.kb.store import load
from lexkit.kb.yamlload import load_text
from lexkit.law.calendars import ClosedDays, normalise_state
from lexkit.law.citations import CitationResolver
from lexkit.law.deadlines import IST, compute_rule, parse_datetime, parse_period, rule_of
from lexkit.law.judgements import parse_year
from lexkit.law.provisions import parse_offence_date
from lexkit.procedure.checklists import FactSpec

KB = load()
RESOLVER = CitationResolver(KB)
LIMIT = 100_000
#: Seconds one call may take on 100 kB: generous for a loaded CI machine, far below a backtracking
#: regex (a 100 kB citation took 247 s before the fix).
BOUND = 10.0

SHORT = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
LONG = settings(max_examples=6, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Characters that mean something to the parsers, plus any text at all.
CITATION_CHARS = st.sampled_from(list("0123456789()/.,-& suUsSrRwWaAbBnNiIpPcC\t\x1b")) | st.characters()
YAML_CHARS = st.sampled_from(list("[]{}:-&*!|>?%@`'\"#,\n\t abc019")) | st.characters()
DATE_CHARS = st.sampled_from(list("0123456789-/:T+Z. ")) | st.characters()


def long_text(chars: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Up to 100 kB: a short fragment repeated, with a random head and tail."""
    fragment = st.text(chars, min_size=1, max_size=12)
    return st.builds(lambda head, frag, tail: (head + frag * (LIMIT // len(frag)) + tail)[:LIMIT],
                     st.text(chars, max_size=10), fragment, st.text(chars, max_size=10))


def _only_lexkit_errors(fn: Callable[[str], Any], text: str) -> None:
    started = time.perf_counter()
    try:
        fn(text)
    except LexkitError as exc:
        assert exc.message and "\n" not in exc.message.strip("\n")
        assert len(exc.message) < 2_000, "a message must not echo a whole pasted page"
    assert time.perf_counter() - started < BOUND


def _all_parsers(text: str) -> None:
    for fn in (parse_datetime, parse_offence_date, parse_period, parse_year, normalise_state,
               FactSpec("age", "integer", "Age", min=0, max=120).parse,
               FactSpec("flag", "boolean", "Flag").parse,
               FactSpec("gender", "string", "Gender", enum=("female", "male")).parse):
        _only_lexkit_errors(fn, text)


@SHORT
@given(st.text(CITATION_CHARS, max_size=200))
def test_citations_raise_only_lexkit_errors(text: str) -> None:
    _only_lexkit_errors(RESOLVER.resolve, text)


@LONG
@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")  # the repr of a 100 kB example
@given(long_text(CITATION_CHARS))
def test_citations_of_100_kb_finish_in_bounded_time(text: str) -> None:
    _only_lexkit_errors(RESOLVER.resolve, text)


@SHORT
@given(st.text(DATE_CHARS, max_size=60))
def test_dates_periods_years_and_facts_raise_only_lexkit_errors(text: str) -> None:
    _all_parsers(text)


@LONG
@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")  # the repr of a 100 kB example
@given(long_text(DATE_CHARS))
def test_dates_periods_years_and_facts_of_100_kb_finish_in_bounded_time(text: str) -> None:
    _all_parsers(text)


@SHORT
@given(st.text(YAML_CHARS, max_size=300))
def test_the_yaml_loader_collects_problems_and_never_raises(text: str) -> None:
    started = time.perf_counter()
    doc = load_text(text, "x.yaml")
    assert time.perf_counter() - started < BOUND
    assert doc.data is not None or doc.problems  # an answer, or the reason there is none
    for p in doc.problems:
        assert p.file == "x.yaml" and p.line >= 1 and "\n" not in p.message


@LONG
@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")  # the repr of a 100 kB example
@given(long_text(YAML_CHARS))
def test_the_yaml_loader_on_100_kb_finishes_in_bounded_time(text: str) -> None:
    started = time.perf_counter()
    load_text(text, "x.yaml")
    assert time.perf_counter() - started < BOUND


@SHORT
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_are_refused_with_a_line(blob: bytes) -> None:
    try:
        text = decode_utf8(blob)
    except FileRefused as exc:
        assert exc.line >= 1 and exc.message
        return
    load_text(text, "x.yaml")


RULES = sorted(KB.time_limits)
INDIA = ClosedDays.for_india()


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.sampled_from(RULES), st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2090, 12, 31)),
       st.floats(0, 48))
def test_no_statutory_deadline_falls_before_its_trigger(rule_id: str, moment: datetime, journey: float) -> None:
    """Every time limit in the knowledge base, from any trigger, with or without journey time.

    (tests/test_deadline_properties.py proves it for every period; this, for the rules as written.)
    """
    rule = rule_of(KB.time_limits[rule_id])
    trigger = moment.replace(tzinfo=IST)
    hours = journey if "journey_time" in rule.excludes and rule.period.unit == "hours" else 0.0
    result = compute_rule(rule, trigger, calendar=INDIA, journey_hours=hours)
    assert result.due_instant() >= trigger
