"""lexkit.render.boxtable lays text out exactly as rich does: compared with rich itself, never with stored text.

rich is installed with lexkit, so every check renders the same input both ways: generated
paragraphs and tables (hypothesis), every checklist template at several widths, and the
inputs the fast layout must hand back to rich (emoji codes, wide characters).
"""

from __future__ import annotations

import io
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from lexkit.kb.store import load
from lexkit.procedure.checklists import build_checklist, find_template
from lexkit.render import boxtable, terminal

# Words of letters, digits and punctuation, long unbroken "citations", and runs of spaces
# (ordinary and no-break): what wrapping has to decide about.
WORD = st.one_of(st.text(alphabet="abcXYZ019().;:,-/[]", min_size=1, max_size=12),
                 st.text(alphabet="ABC-(1)", min_size=20, max_size=90),
                 st.sampled_from([" ", "  ", "\u00a0", " \u00a0 ", "\n", "–", "’s", "₹10,000", "é"]))
TEXT = st.lists(WORD, max_size=40).map("".join)


def _console(width: int) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, width=width, force_terminal=False, highlight=False, soft_wrap=False), buffer


def rich_paragraph(text: str, width: int) -> str:
    console, buffer = _console(width)
    console.print(text, markup=False)
    return buffer.getvalue()


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(min_value=8, max_value=130))
def test_a_paragraph_wraps_as_rich_wraps_it(text: str, width: int) -> None:
    if not boxtable.fits(text, printed=True):
        return
    assert boxtable.paragraph(text, width) == rich_paragraph(text, width)


def rich_table(title: str, rows: list[tuple[str, ...]], width: int) -> str:
    console, buffer = _console(width)
    table = Table(title=title, title_justify="left", show_lines=False, expand=True, pad_edge=False)
    table.add_column("#", no_wrap=True, justify="right")
    table.add_column("Due", ratio=1, overflow="fold", min_width=16)
    table.add_column("Step; who", ratio=3, overflow="fold")
    table.add_column("Basis", min_width=30, ratio=2, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    console.print(table)
    return buffer.getvalue()


COLUMNS = (boxtable.Column("#", justify="right"), boxtable.Column("Due", ratio=1),
           boxtable.Column("Step; who", ratio=3), boxtable.Column("Basis", ratio=2))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 999).map(str), TEXT, TEXT, TEXT), min_size=1, max_size=6),
       st.integers(min_value=120, max_value=400), TEXT.filter(bool))
def test_a_table_is_drawn_as_rich_draws_it(rows: list[tuple[str, ...]], width: int, title: str) -> None:
    if not all(boxtable.fits(cell) for row in rows for cell in row) or not boxtable.fits(title, markup=True):
        return
    assert boxtable.table(title, COLUMNS, rows, width) == rich_table(title, rows, width)


def test_the_extra_punctuation_it_accepts_is_one_cell_in_rich() -> None:
    extra = sorted(ch for ch in boxtable.SINGLE_CELL if ord(ch) > 0x482)
    assert len(extra) > 100
    assert [ch for ch in extra if cell_len(ch) != 1] == []
    assert cell_len("".join(extra)) == len(extra)


@pytest.mark.parametrize("text", ["a :smile: here", "wide 漢字", "zero\u200bwidth", "tab\there", "combining e\u0301"])
def test_what_it_cannot_lay_out_is_refused(text: str) -> None:
    assert not boxtable.fits(text, printed=True)


def test_a_title_rich_reads_as_markup_is_refused() -> None:
    assert boxtable.fits("Overdue", markup=True) and not boxtable.fits("[b]Overdue[/b]", markup=True)
    assert boxtable.fits("[b]Overdue[/b]")  # in a cell it is plain text


CASES = [
    ("csec-rescue", {"victim_age": 15, "victim_gender": "female"}),
    ("csec-rescue", {"victim_age": 30, "victim_gender": "female", "foreign_national": True}),
    ("bonded-labour-release", {"victim_age": 30, "victim_gender": "male"}),
    ("child-labour-rescue", {"victim_age": 9, "victim_gender": "male"}),
    ("cross-border-repatriation", {"victim_age": 16, "victim_gender": "female"}),
    ("victim-witness-trial", {"victim_age": 30, "victim_gender": "female"}),
]


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return load([])


@pytest.mark.parametrize(("template", "facts"), CASES, ids=[f"{t}-{f['victim_age']}" for t, f in CASES])
def test_every_checklist_table_is_what_rich_prints(kb, template: str, facts: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    t = find_template(kb, template)
    from lexkit.procedure.checklists import parse_facts

    parsed = parse_facts(t, {k: str(v).lower() for k, v in facts.items()})
    at = datetime(2026, 11, 27, 22, 0, tzinfo=timezone.utc)
    c = build_checklist(kb, t, parsed, {t.primary_event.name: at}, now=datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc))
    for width in (120, 133, 160, 211, 400):
        fast = terminal.checklist_table(c, width)
        assert "┏" in fast
        assert fast == _through_rich(c, width), (template, width)


def _through_rich(c, width: int) -> str:  # type: ignore[no-untyped-def]
    """The same checklist through rich, by making the fast layout refuse it."""
    from unittest import mock

    with mock.patch.object(boxtable, "fits", lambda text, printed=False: False):
        return terminal.checklist_table(c, width)


def test_a_checklist_rich_must_lay_out_still_prints(kb) -> None:  # type: ignore[no-untyped-def]
    """An emoji code in a fact falls back to rich (which prints an emoji), not to a wrong layout."""
    t = find_template(kb, "csec-rescue")
    from lexkit.procedure.checklists import parse_facts

    facts = parse_facts(t, {"victim_age": "15", "victim_gender": "female"})
    c = build_checklist(kb, t, facts, {t.primary_event.name: datetime(2026, 11, 27, 22, 0, tzinfo=timezone.utc)})
    odd = c._replace(facts={**c.facts, "note": ":thumbs_up: ok"})
    text = terminal.checklist_table(odd, 140)
    assert "👍" in text and ":thumbs_up:" not in text
