"""The only module that imports rich: the checklist as a compact table for a wide terminal (rich only
when lexkit.render.boxtable cannot lay it out the same)."""

from __future__ import annotations

from lexkit.procedure.checklists import GROUP_TITLES, GROUPS, Checklist
from lexkit.render.checklist import (
    _due_text,
    _modality,
    basis_lines,
    checklist_cards,
    entitlement_amount,
    event_lines,
    fact_text,
    header_lines,
    summary_line,
)
from lexkit.render.safe import terminal_safe

#: Below this many columns a table squeezes its basis column until citations break: use cards.
TABLE_MIN_WIDTH = 120


def checklist_text(c: Checklist, width: int | None = None) -> str:
    """Cards below 120 columns, a compact table from 120; the width is the terminal's (COLUMNS)."""
    import shutil

    size = min(max(width or shutil.get_terminal_size((120, 24)).columns, MIN_WIDTH), MAX_WIDTH)
    if size < TABLE_MIN_WIDTH or c.lang != "en":  # Hindi: cards at any width (rich measures Devanagari wrong)
        return terminal_safe(checklist_cards(c, size))
    return checklist_table(c, size)

MIN_WIDTH, MAX_WIDTH = 60, 400


def checklist_table(c: Checklist, width: int | None = None) -> str:
    """A checklist as a compact table, as rich renders it to text (no colour when NO_COLOR is set).

    Laid out without rich (lexkit.render.boxtable, the same characters) when every text fits its
    one-cell layout, as a checklist's always has so far; rich itself otherwise.
    """
    import shutil

    from lexkit.render import boxtable

    size = width or shutil.get_terminal_size((120, 24)).columns
    # Kept within 120-400: COLUMNS=10000000 made rich pad every row to ten million spaces.
    size = min(max(size, TABLE_MIN_WIDTH), MAX_WIDTH)
    printed = [*header_lines(c), "Case: " + "; ".join(f"{k}={fact_text(v)}" for k, v in c.facts.items()),
               "Events: " + "; ".join(event_lines(c)), *(f"Assumed: {a.text()}" for a in c.assumptions),
               summary_line(c)]
    # The basis column holds the rule id and every basis, and is as wide as its longest word
    # (a citation has no spaces), so rich wraps between citations and never folds one.
    cells = {id(s): "\n".join(([f"[{s.rule.id}]"] if s.rule else []) + basis_lines(s)) for s in c.steps}
    longest = max((len(word) for text in cells.values() for word in text.split()), default=12)
    basis_width = min(max(longest, 24), 44)
    tables: list[tuple[str, list[tuple[str, str, str, str]]]] = []
    n = 0
    for group in GROUPS:
        steps = [s for s in c.steps if s.group == group]
        if not steps:
            continue
        rows = []
        for s in steps:
            n += 1
            rows.append((str(n), _due_text(s) or "-", f"{s.title}\n{s.actor} ({_modality(s.modality)}; {s.phase})",
                         cells[id(s)]))
        tables.append((GROUP_TITLES[group], rows))
    closing = [f"Entitlement: {e.kind.replace('_', ' ')}: {entitlement_amount(e)} ({e.scheme}; {e.verification})"
               for e in c.entitlements] or ([c.entitlement_note] if c.entitlement_note else [])
    closing.append(f"Knowledge base {c.kb_version} of {c.kb_date}. {c.disclaimer}")
    if (boxtable.fits(c.title) and all(boxtable.fits(t, printed=True) for t in [*printed, *closing])
            and all(boxtable.fits(t, markup=True) for t, _ in tables)
            and all(boxtable.fits(cell) for _, rows in tables for row in rows for cell in row)):
        columns = (boxtable.Column("#", justify="right"), boxtable.Column("Due", ratio=1),
                   boxtable.Column("Step; who", ratio=3), boxtable.Column("Basis", ratio=2))
        try:
            text = "".join([boxtable.paragraph(c.title, size), *(boxtable.paragraph(t, size) for t in printed),
                            *(boxtable.table(title, columns, rows, size) for title, rows in tables),
                            *(boxtable.paragraph(t, size) for t in closing)])
            return terminal_safe(text)
        except ValueError:  # a layout only rich knows
            pass
    return _rich_table(c.title, printed, tables, closing, size, basis_width)


def _rich_table(title: str, printed: list[str], tables: list[tuple[str, list[tuple[str, str, str, str]]]],
                closing: list[str], size: int, basis_width: int) -> str:
    import io
    import os

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, width=size, no_color="NO_COLOR" in os.environ,
                      force_terminal=False, highlight=False, soft_wrap=False)
    console.print(Text(title, style="bold"))
    for line in printed:
        console.print(line, markup=False)
    for group_title, rows in tables:
        table = Table(title=group_title, title_justify="left", show_lines=False, expand=True, pad_edge=False)
        table.add_column("#", no_wrap=True, justify="right")
        table.add_column("Due", ratio=1, overflow="fold", min_width=16)
        table.add_column("Step; who", ratio=3, overflow="fold")
        table.add_column("Basis", min_width=basis_width, ratio=2, overflow="fold")
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
        console.print(table)
    for line in closing:
        console.print(line, markup=False)
    return terminal_safe(buffer.getvalue())  # rich keeps control characters inside Text as they are
