"""The only module that imports rich: the checklist as a compact table for a wide terminal."""

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
    """A checklist as a rich table, rendered to text (no colour when NO_COLOR is set)."""
    import io
    import os
    import shutil

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    size = width or shutil.get_terminal_size((120, 24)).columns
    # Kept within 120-400: COLUMNS=10000000 made rich pad every row to ten million spaces.
    console = Console(file=buffer, width=min(max(size, TABLE_MIN_WIDTH), MAX_WIDTH), no_color="NO_COLOR" in os.environ,
                      force_terminal=False, highlight=False, soft_wrap=False)
    console.print(Text(c.title, style="bold"))
    for line in header_lines(c):
        console.print(line, markup=False)
    console.print("Case: " + "; ".join(f"{k}={fact_text(v)}" for k, v in c.facts.items()), markup=False)
    console.print("Events: " + "; ".join(event_lines(c)), markup=False)
    for a in c.assumptions:
        console.print(f"Assumed: {a.text()}", markup=False)
    console.print(summary_line(c), markup=False)
    # The basis column holds the rule id and every basis, and is as wide as its longest word
    # (a citation has no spaces), so rich wraps between citations and never folds one.
    cells = {id(s): "\n".join(([f"[{s.rule.id}]"] if s.rule else []) + basis_lines(s)) for s in c.steps}
    longest = max((len(word) for text in cells.values() for word in text.split()), default=12)
    basis_width = min(max(longest, 24), 44)
    n = 0
    for group in GROUPS:
        steps = [s for s in c.steps if s.group == group]
        if not steps:
            continue
        table = Table(title=GROUP_TITLES[group], title_justify="left", show_lines=False, expand=True, pad_edge=False)
        table.add_column("#", no_wrap=True, justify="right")
        table.add_column("Due", ratio=1, overflow="fold", min_width=16)
        table.add_column("Step; who", ratio=3, overflow="fold")
        table.add_column("Basis", min_width=basis_width, ratio=2, overflow="fold")
        for s in steps:
            n += 1
            step = f"{s.title}\n{s.actor} ({_modality(s.modality)}; {s.phase})"
            table.add_row(Text(str(n)), Text(_due_text(s) or "-"), Text(step), Text(cells[id(s)]))
        console.print(table)
    if c.entitlements:
        for e in c.entitlements:
            console.print(f"Entitlement: {e.kind.replace('_', ' ')}: {entitlement_amount(e)} ({e.scheme}; "
                          f"{e.verification})", markup=False)
    elif c.entitlement_note:
        console.print(c.entitlement_note, markup=False)
    console.print(f"Knowledge base {c.kb_version} of {c.kb_date}. {c.disclaimer}", markup=False)
    return terminal_safe(buffer.getvalue())  # rich keeps control characters inside Text as they are
